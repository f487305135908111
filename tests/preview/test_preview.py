"""The live preview's incremental builds are exact: after every kind of data edit, the site
`mkdocs serve --dirty --strict` (what `make serve` runs) serves is byte for byte the site a
clean full build of the same data makes, every file included (pages, data files, the search
index, the sitemap); and an edit rebuilds only the pages it may change.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA, ROOT, free_port

from tracker.load import load
from tracker.version import content_hash

EPOCH = "1700000000"  # both sides stamp the same build date (sitemap.xml.gz, calendar, pages)

# Clean full builds, as `mkdocs serve` without --dirty makes them (same serve URL, same
# plugins, same command), each of a copy of the data as it was after an edit, into a new
# folder; one process makes them all, one after another, as `mkdocs serve` would. With a last
# good data folder, the preview's state after an invalid edit: the last good data shown, the
# problems of the data as it is now.
REFERENCE = """
import json, os, shutil, sys
from mkdocs.commands.build import build
from mkdocs.config import load_config
from tracker.load import load
from tracker.queries import Queries
serve_url, folder = sys.argv[1], os.environ["TRACKER_DATA"]
for out, data, good in json.loads(sys.argv[2]):
    # Copied back where the preview read it: a problem's message names the file's path.
    shutil.rmtree(folder)
    shutil.copytree(data, folder)
    config = load_config("mkdocs.yml", site_dir=out)
    config.site_url = serve_url
    config.plugins.on_startup(command="serve", dirty=False)
    if good:
        tracker = config.plugins["tracker"]
        tracker.data = load(good)
        tracker.queries = Queries(tracker.data, tracker.config.index_rows)
        tracker.problems = ["not read yet"]
    build(config, serve_url=serve_url)
    config.plugins.on_shutdown()
"""


@dataclass
class Snapshot:
    """What the preview served after an edit, and the data it was built from."""

    name: str
    site: dict[str, bytes | None]
    data: Path
    good: Path | None


class Preview:
    def __init__(self, tmp: Path, index_rows: str = "", source: Path = FIXTURE_DATA) -> None:
        self.tmp = tmp
        self.data = tmp / "data"
        shutil.copytree(source, self.data)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        serve_tmp = tmp / "serve-tmp"  # where `mkdocs serve` makes its site folder (mkdtemp)
        serve_tmp.mkdir()
        self.env = {
            **os.environ,
            "NO_MKDOCS_2_WARNING": "1",
            "TRACKER_DATA": str(self.data),
            "SOURCE_DATE_EPOCH": EPOCH,
        }
        if index_rows:  # indexes split by year, with their year pages and published lists
            self.env["TRACKER_INDEX_ROWS"] = index_rows
        self.log = tmp / "serve.log"
        self.server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--strict", "--dev-addr", f"127.0.0.1:{self.port}"],
            cwd=ROOT,
            env={**self.env, "TMPDIR": str(serve_tmp)},
            stdout=subprocess.DEVNULL,
            stderr=self.log.open("w"),  # a pipe nobody reads would fill and stall it
        )
        self.wait_for(lambda: "Serving on" in self.text(), 120)
        [self.site] = serve_tmp.glob("mkdocs_*")
        self.snapshots: list[Snapshot] = []

    def text(self) -> str:
        return self.log.read_text(errors="replace")

    def built_data(self) -> Callable[[Path], bool]:
        """Whether the preview's last build was of the data as it is now (its version,
        tracker/version.py, which the preview's log names): asked after an edit that leaves
        the data valid, it waits for every build that edit causes, however many polls of
        MkDocs' watcher the edit's files were seen in."""
        wanted: list[str] = []

        def built(_: Path) -> bool:
            if not wanted:
                wanted.append(content_hash(load(self.data)))
            versions = re.findall(r"Preview build \d+: .* \(data (\w+)\)", self.text())
            return bool(versions) and versions[-1] == wanted[0]

        return built

    def builds(self) -> int:
        # The plugin's own line: MkDocs logs each of its build messages only once per process.
        return len(re.findall(r"Preview build \d+:", self.text()))

    def wait_for(self, done: Callable[[], bool], seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while not done():
            assert self.server.poll() is None, f"the preview stopped:\n{self.text()}"
            assert time.monotonic() < deadline, f"timed out; the preview's log:\n{self.text()[-3000:]}"
            time.sleep(0.1)

    def edit(self, change: Callable[[], None], shows: Callable[[Path], bool]) -> str:
        """Make a change, wait until the preview has built it and shows it; return the log of
        the builds it caused."""
        before, start = self.builds(), len(self.text())
        change()
        self.wait_for(lambda: self.builds() > before and shows(self.site))
        # Settle: an edit MkDocs sees in two polls (every 0.5 s) may cause a second build.
        time.sleep(0.7)
        self.wait_for(lambda: self.text().count("Building documentation") == self.builds())
        assert "Aborted" not in self.text()[start:], self.text()[start:]
        return self.text()[start:]

    def snapshot(self, name: str, good: Path | None = None) -> None:
        """Keep the site the preview serves now, and a copy of the data, for check_snapshots."""
        data = self.tmp / f"data-{len(self.snapshots)}"
        shutil.copytree(self.data, data)
        self.snapshots.append(Snapshot(name, tree(self.site), data, good))

    def check_snapshots(self) -> None:
        """Each kept site is, byte for byte, the full build of the data it was built from.
        Stops the preview first: the data folder is given each kept data in turn."""
        self.stop()
        jobs = [
            (str(self.tmp / f"reference-{i}"), str(s.data), str(s.good or "")) for i, s in enumerate(self.snapshots)
        ]
        result = subprocess.run(
            [sys.executable, "-c", REFERENCE, self.url, json.dumps(jobs)],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        for (out, _, _), snap in zip(jobs, self.snapshots, strict=True):
            assert_same_site(snap.site, Path(out), snap.name)

    def stop(self) -> None:
        if self.server.poll() is not None:
            return
        self.server.send_signal(signal.SIGINT)
        try:
            self.server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.server.kill()
            self.server.wait()


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every file (its bytes) and folder (None) under ``folder``."""
    return {str(p.relative_to(folder)): (p.read_bytes() if p.is_file() else None) for p in sorted(folder.rglob("*"))}


def assert_same_site(ours: dict[str, bytes | None], reference: Path, after: str) -> None:
    full = tree(reference)
    missing, extra = sorted(full.keys() - ours.keys()), sorted(ours.keys() - full.keys())
    differ = sorted(k for k in ours.keys() & full.keys() if ours[k] != full[k])
    assert (missing, extra, differ) == ([], [], []), (
        f"after {after}, the preview's site differs from a full build: missing {missing[:20]}, "
        f"extra {extra[:20]}, different {differ[:20]}"
    )


def rebuilt(log: str) -> list[tuple[int, int]]:
    return [(int(a), int(b)) for a, b in re.findall(r"Preview build \d+: rebuilt (\d+) of (\d+) pages", log)]


@pytest.fixture(params=["", "1"], ids=["whole-indexes", "indexes-split-by-year"])
def preview(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Preview]:
    server = Preview(tmp_path, request.param)
    try:
        yield server
    finally:
        server.stop()


def replace(path: Path, old: str, new: str) -> Callable[[], None]:
    def change() -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {path}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def page(site: Path, uri: str) -> str:
    path = site / uri / "index.html"
    return path.read_text(encoding="utf-8") if path.exists() else ""


NEW_AGREEMENT = """\
name: Harbour Dredging Arrangement
kind: mou
parties: [land-a, land-b]
status:
  value: signed
  as_of: 2021-06
  cite: [alpha-report]
milestones:
  - type: signed
    date: 2021-06-14
    event: harbour-summit
    cite: [alpha-report]
sectors: [hostile-markup]
summary: Dredging of shared channels, signed at the summit.
cite: [alpha-report]
"""


def test_every_kind_of_edit_gives_the_site_a_full_build_gives(preview: Preview) -> None:
    data, site = preview.data, preview.site
    preview.snapshot("the first build")
    edits: list[tuple[str, Callable[[], None], Callable[[Path], bool]]] = [
        (
            "a summary",
            replace(data / "sectors" / "harbours.yml", "Ports, shipping lanes", "Quays, shipping lanes"),
            lambda s: "Quays, shipping lanes" in page(s, "sectors/harbours"),
        ),
        (
            "a name",
            replace(data / "agreements" / "harbour-mou.yml", "on harbour pilots", "on river pilots"),
            lambda s: "Memorandum on river pilots" in page(s, "agreements/harbour-mou"),
        ),
        (
            # Shown in the rows of other records (an agreement's parties, an organisation's
            # country) that did not change: rows kept from the last build (views.table.KeptRows)
            # must not keep the old name.
            "a name other records' rows show",
            replace(data / "organisations" / "land-a.yml", "name: Republic of Landa", "name: Commonwealth of Landa"),
            lambda s: "Commonwealth of Landa" in page(s, "agreements"),
        ),
        (
            "a date that moves an event to another year",
            replace(data / "events" / "harbour-talks.yml", "date: 2021-06", "date: 2019-03"),
            lambda s: (s / "years" / "2019" / "index.html").exists(),
        ),
        (
            "a reference",
            replace(data / "agreements" / "harbour-mou.yml", "sectors: [harbours]", "sectors: [hostile-markup]"),
            lambda s: "river pilots" in page(s, "sectors/hostile-markup"),
        ),
        (
            "a new record (signed at an event another agreement was signed at)",
            lambda: (data / "agreements" / "harbour-dredging.yml").write_text(NEW_AGREEMENT, encoding="utf-8"),
            lambda s: "Harbour Dredging Arrangement" in page(s, "agreements/harbour-accord"),
        ),
        (
            "a deleted record",
            lambda: (data / "figures" / "harbour-count.yml").unlink(),
            lambda s: not (s / "figures" / "harbour-count").exists(),
        ),
        (
            "a renamed id",
            lambda: (data / "events" / "harbour-talks.yml").rename(data / "events" / "harbour-workshop.yml"),
            lambda s: "harbour-workshop" in page(s, "events/harbour-summit"),
        ),
    ]
    counts = {}
    for name, change, shows in edits:
        log = preview.edit(change, shows)
        preview.snapshot(name)
        counts[name] = rebuilt(log)
        assert counts[name], f"{name}: no incremental build in the log:\n{log}"
    if "TRACKER_INDEX_ROWS" in preview.env:
        # The year pages and published lists of split indexes followed the edits.
        listed = json.loads((site / "api" / "v1" / "lists" / "agreements.json").read_text(encoding="utf-8"))
        assert "harbour-dredging" in {row["id"] for row in listed["rows"]}
        assert "Harbour Dredging Arrangement" in page(site, "agreements/2021")
        assert (site / "events" / "2019" / "index.html").exists()
        # The timeline is split by year too (views/timeline.py): its table of years has 2019,
        # the year the moved event is in now, and no dot per entry.
        timeline = page(site, "timeline")
        assert 'id="every-year"' in timeline
        assert 'href="../years/2019/"' in timeline
        assert "<circle" not in timeline
    else:
        assert 'id="every-year"' not in page(site, "timeline")
    # Only the pages an edit changes are written again: a sector's summary shows on its own
    # page, the sectors index and the page of the source it cites; a name on a handful of
    # pages, not on all of them.
    [(summary, total)] = counts["a summary"]
    assert summary <= 3, counts
    [(name, total)] = counts["a name"]
    assert name < total / 2, counts

    # An invalid edit: the last valid data stays, every page lists the problem (a full build:
    # the banner is on every page); then its fix.
    good = preview.tmp / "good"
    shutil.copytree(data, good)
    path = data / "agreements" / "harbour-mou.yml"
    preview.edit(replace(path, "kind: mou", "kind: moe"), lambda s: "tk-problems" in page(s, "about"))
    preview.snapshot("an invalid edit", good)
    preview.edit(replace(path, "kind: moe", "kind: mou"), lambda s: "tk-problems" not in page(s, "about"))
    preview.snapshot("its fix")
    # Built after the edits, one process for them all.
    preview.check_snapshots()
