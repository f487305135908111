"""When each record's file last changed, from the repository's history: one ``git log`` per
build, read once.

A record page says "Last changed on …" and its JSON gives ``last_changed`` from here. That is
when the file was last committed, which is not when the record was last checked against its
sources (a typo fix or a rename changes it): that is the record's own ``reviewed:`` date,
which a person writes. Built from a folder that is not in a git checkout (an archive, the
tests' copies), or where git is missing, there is no history, and the pages say nothing of it.
Builds stay reproducible: the dates come from the commits, not from the clock or the files'
times.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .dates import PartialDate
from .models import COLLECTIONS, Record

# Each commit's date (as YYYY-MM-DD) after a NUL, then the files it changed, one a line, named
# from the data folder (--relative): agreements/fta.yml.
_LOG = ["log", "--format=%x00%cs", "--name-only", "--relative", "--no-renames", "--", "."]


@dataclass(frozen=True)
class History:
    """The date of the last commit that changed each record's file, by collection and id, and
    the file's name in the data folder (``agreements/fta.yml``: its extension may be .yaml)."""

    changed_on: dict[tuple[str, str], PartialDate] = field(default_factory=dict)
    files: dict[tuple[str, str], str] = field(default_factory=dict)

    def changed(self, record: Record) -> PartialDate | None:
        return self.changed_on.get((record.collection, record.id))

    def file(self, record: Record) -> str:
        """The record's file, from the data folder."""
        return self.files.get((record.collection, record.id), f"{record.collection}/{record.id}.yml")


def parse(log: str, files: dict[tuple[str, str], str] | None = None) -> History:
    """``git log``'s output (as :data:`_LOG` asks for it) read into a :class:`History`: each
    file's first date, the log being newest first."""
    found: dict[tuple[str, str], PartialDate] = {}
    when: PartialDate | None = None
    for line in log.splitlines():
        if line.startswith("\0"):
            try:
                day = date.fromisoformat(line[1:].strip())
            except ValueError:
                when = None
            else:
                when = PartialDate(day.year, day.month, day.day)
            continue
        parts = line.strip().split("/")
        if when is None or len(parts) != 2 or parts[0] not in COLLECTIONS:
            continue
        stem, dot, extension = parts[1].rpartition(".")
        if dot and extension in ("yml", "yaml"):
            found.setdefault((parts[0], stem), when)
    return History(found, files or {})


def data_files(data_dir: Path) -> dict[tuple[str, str], str]:
    """Each record file's name in the data folder, by collection and id (one listing of each
    collection's folder)."""
    found: dict[tuple[str, str], str] = {}
    for collection in COLLECTIONS:
        try:
            names = sorted(p.name for p in (data_dir / collection).iterdir())
        except OSError:
            continue
        for name in names:
            stem, dot, extension = name.rpartition(".")
            if dot and extension in ("yml", "yaml"):
                found.setdefault((collection, stem), f"{collection}/{name}")
    return found


def read(data_dir: Path) -> History:
    """The history of ``data_dir``'s files (none outside a git checkout) and their names."""
    files = data_files(data_dir)
    try:
        result = subprocess.run(
            ["git", "-c", "core.quotepath=off", "-C", str(data_dir), *_LOG],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):  # no git on this machine, or it hung
        return History(files=files)
    return parse(result.stdout, files) if result.returncode == 0 else History(files=files)
