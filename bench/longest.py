"""The real data built with the longest values validation accepts, against the real data as it is.

A copy of data/ has, on the records most often shown on other pages, each text at its field's
limit (tracker/models.py: SHORT_MAX for names and titles, TEXT_MAX for summaries, notes and
statements) and made of `<` and `&` only, the characters that cost Markdown most (each becomes a
character reference it must leave alone): the names of the most referenced organisations,
people and sectors, the titles of the most cited sources, and the summaries, notes and accounts
of a few agreements, events, sectors, people and sources. Both copies are built in turn, ROUNDS
times each; the script prints each build's time, the medians and their ratio. A script that
prints figures, not a test: nothing here asserts.

    .venv/bin/python bench/longest.py     # LONGEST_ROUNDS=3, LONGEST_PICK=3 by default
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tracker.load import load  # noqa: E402
from tracker.models import SHORT_MAX, TEXT_MAX  # noqa: E402

ROUNDS = int(os.environ.get("LONGEST_ROUNDS", "3"))
# Records of each kind given the longest values ("a few"); 5 puts them on about 40 records,
# the two states' names among them, which nearly every page shows.
PICK = int(os.environ.get("LONGEST_PICK", "3"))
SHORT = ("<&" * SHORT_MAX)[:SHORT_MAX]
LONG = ("<&" * TEXT_MAX)[:TEXT_MAX]
NAME_FIELDS = ("name", "title")
TEXT_FIELDS = ("summary", "text", "note", "statement", "derived")


def _most_referenced(folder: Path, collection: str) -> list[str]:
    """The ids of ``collection`` that other files name most often (a plain count of mentions)."""
    ids = [p.stem for p in (folder / collection).glob("*.yml")]
    counts: Counter[str] = Counter()
    texts = [p.read_text(encoding="utf-8") for p in folder.rglob("*.yml")]
    for record_id in ids:
        counts[record_id] = sum(text.count(record_id) for text in texts)
    return [record_id for record_id, _ in counts.most_common(PICK)]


def _lengthen(value: Any, *, names: bool, texts: bool) -> Any:
    """``value`` with its names and titles at SHORT_MAX and its long texts at TEXT_MAX, in nested
    items too (notes, accounts, outcomes)."""
    if isinstance(value, list):
        return [_lengthen(item, names=names, texts=texts) for item in value]
    if not isinstance(value, dict):
        return value
    out = {}
    for key, inner in value.items():
        if names and key in NAME_FIELDS and isinstance(inner, str):
            out[key] = SHORT
        elif texts and key in TEXT_FIELDS and isinstance(inner, str):
            out[key] = LONG
        elif texts and key == "notes" and inner and all(isinstance(n, str) for n in inner):
            out[key] = [LONG for _ in inner]
        else:
            out[key] = _lengthen(inner, names=names, texts=texts)
    return out


def longest_copy(source: Path, target: Path) -> list[str]:
    """Copy ``source`` to ``target`` with the longest accepted values on some records; return
    what was changed, as "collection/id: fields"."""
    shutil.copytree(source, target)
    changed: dict[Path, set[str]] = {}
    for collection in ("organisations", "people", "sectors", "sources"):
        for record_id in _most_referenced(target, collection):
            changed.setdefault(target / collection / f"{record_id}.yml", set()).add("names")
    for collection in ("agreements", "events", "sectors", "people", "sources"):
        for path in sorted((target / collection).glob("*.yml"))[:PICK]:
            changed.setdefault(path, set()).add("texts")
    for path, what in changed.items():
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        record = _lengthen(record, names="names" in what, texts="texts" in what)
        path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=1 << 20), encoding="utf-8")
    return [f"{p.parent.name}/{p.stem}: {', '.join(sorted(w))}" for p, w in sorted(changed.items())]


def build(data: Path, out: Path) -> tuple[float, float]:
    """Build the site from ``data`` into ``out``: wall time, and the processor time of the build
    (user and system), which other work on a shared machine disturbs less."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRACKER_DATA": str(data)}
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "--strict", "-d", str(out)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"the build of {data} failed:\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return elapsed, usage.ru_utime + usage.ru_stime


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="longest-") as work:
        usual, longest = ROOT / "data", Path(work) / "data"
        changed = longest_copy(usual, longest)
        records = len(load(longest))  # validation accepts every value
        print(f"{records} records; the longest accepted values on {len(changed)} of them:")
        for line in changed:
            print(f"  {line}")
        wall: dict[str, list[float]] = {"usual": [], "longest": []}
        cpu: dict[str, list[float]] = {"usual": [], "longest": []}
        for n in range(ROUNDS):
            for name, data in (("usual", usual), ("longest", longest)):
                elapsed, used = build(data, Path(work) / f"site-{name}-{n}")
                wall[name].append(elapsed)
                cpu[name].append(used)
                print(f"  round {n + 1}: {name:8} {elapsed:6.2f} s wall, {used:6.2f} s processor", flush=True)
        for what, times in (("wall", wall), ("processor", cpu)):
            usual_s, longest_s = (statistics.median(times[k]) for k in ("usual", "longest"))
            print(
                f"median of {ROUNDS}, {what} time: usual {usual_s:.2f} s, longest {longest_s:.2f} s,"
                f" ratio ×{longest_s / usual_s:.2f}"
            )


if __name__ == "__main__":
    main()
