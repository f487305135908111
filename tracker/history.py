"""When each record's file last changed, from the repository's history: one ``git log`` per
build, read once.

A record page says "Last changed on …" and its JSON gives ``last_changed`` from here. That is
when the file was last committed, which is not when the record was last checked against its
sources (a typo fix or a rename changes it): that is the record's own ``reviewed:`` date,
which a person writes. Built from a folder that is not in a git checkout (an archive, the
tests' copies), or where git is missing, there is no history, and the pages say nothing of it.
Builds stay reproducible: the dates come from the commits, not from the clock or the files'
times.

The same call gives the Changes page its list: each commit that changed a record's file, with
the records it added, changed and removed (``--name-status``). Outside git that list is empty
and the page says why.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .dataset import Dataset
from .dates import PartialDate
from .models import COLLECTIONS, Record

# Each commit's date (as YYYY-MM-DD) and hash after a NUL, then the files it changed, one a
# line after their status (A, M or D) and a tab, named from the data folder (--relative):
# M<TAB>agreements/fta.yml.
_LOG = ["log", "--format=%x00%cs %H", "--name-status", "--relative", "--no-renames", "--", "."]

# What a status letter of `git log --name-status` says happened to a record's file.
_STATUS = {"A": "added", "M": "changed", "D": "removed", "T": "changed"}


@dataclass(frozen=True)
class Commit:
    """One commit that changed records: its date, its hash (12 digits), and what it did to
    which records, as (``added`` | ``changed`` | ``removed``, collection, id), in file order."""

    date: PartialDate
    commit: str
    changes: tuple[tuple[str, str, str], ...]


@dataclass(frozen=True)
class History:
    """The date of the last commit that changed each record's file, by collection and id, and
    the file's name in the data folder (``agreements/fta.yml``: its extension may be .yaml)."""

    changed_on: dict[tuple[str, str], PartialDate] = field(default_factory=dict)
    files: dict[tuple[str, str], str] = field(default_factory=dict)
    commits: tuple[Commit, ...] = ()  # newest first: what each commit did to the records
    in_git: bool = False  # read from a git checkout (False: no history to show)

    def changed(self, record: Record) -> PartialDate | None:
        return self.changed_on.get((record.collection, record.id))

    def file(self, record: Record) -> str:
        """The record's file, from the data folder."""
        return self.files.get((record.collection, record.id), f"{record.collection}/{record.id}.yml")


def parse(log: str, files: dict[tuple[str, str], str] | None = None, *, in_git: bool = True) -> History:
    """``git log``'s output (as :data:`_LOG` asks for it) read into a :class:`History`: each
    file's first date, the log being newest first, and each commit's changes to records. A
    line without a status (``--name-only``) counts as a change."""
    found: dict[tuple[str, str], PartialDate] = {}
    commits: list[Commit] = []
    when: PartialDate | None = None
    commit = ""
    changes: list[tuple[str, str, str]] = []

    def close() -> None:
        if when is not None and changes:
            commits.append(Commit(when, commit, tuple(changes)))

    for line in log.splitlines():
        if line.startswith("\0"):
            close()
            changes = []
            day_text, _, commit = line[1:].strip().partition(" ")
            commit = commit[:12]
            try:
                day = date.fromisoformat(day_text)
            except ValueError:
                when = None
            else:
                when = PartialDate(day.year, day.month, day.day)
            continue
        status, tab, name = line.partition("\t")
        if not tab:
            status, name = "M", line
        parts = name.strip().split("/")
        if when is None or len(parts) != 2 or parts[0] not in COLLECTIONS:
            continue
        stem, dot, extension = parts[1].rpartition(".")
        if dot and extension in ("yml", "yaml"):
            found.setdefault((parts[0], stem), when)
            changes.append((_STATUS.get(status.strip()[:1], "changed"), parts[0], stem))
    close()
    return History(found, files or {}, tuple(commits), in_git)


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


@dataclass(frozen=True)
class Change:
    """One record's change in a commit, for the Changes page: what happened, and the record
    (None where it is no longer in the data: its collection and id say which it was)."""

    what: str
    collection: str
    id: str
    record: Record | None


def changes(history: History, data: Dataset) -> list[tuple[Commit, list[Change]]]:
    """Each commit of the history (newest first) with its changes to records, each record found
    in today's data where it is still there."""
    return [
        (c, [Change(what, coll, rid, data[coll].get(rid)) for what, coll, rid in c.changes]) for c in history.commits
    ]
