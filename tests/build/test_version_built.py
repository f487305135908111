"""The dataset's version in built sites: two builds of the same data carry the same version
wherever and whenever they run, an edit to the data changes it, and every download and every
citation carries it; the Data page lists every download with its size and columns, every page
announces the calendar, and the Changes page lists what changed, or says plainly that it
cannot."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_DATA, built_site
from icalendar import Calendar

from tracker import export, history

VERSION = re.compile(r"^[0-9a-f]{12}$")


def versions_in(site: Path) -> dict[str, set[str]]:
    """Every dataset version a built site states, by where it states it: each citation, each
    published JSON and CSV file, the calendar and the feed. Fails on a citation without one."""
    found: dict[str, set[str]] = {}

    def add(kind: str, value: str) -> None:
        found.setdefault(kind, set()).add(value)

    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for cite in soup.select(".tk-citetext"):
            mark = cite.select_one(".tk-version")
            assert mark is not None, page
            add("citation", mark.get_text())
            assert f"Dataset version {mark.get_text()} (built " in cite.get_text(), page
        for bibtex in soup.select(".tk-citeblock pre code"):
            add("bibtex", re.search(r"version\s*=\s*\{(\w+) \(built ", bibtex.get_text()).group(1))
    for path in sorted(site.rglob("*.json")):
        if "schema" in path.parts or path.parent.name == "search":
            continue
        add("json", json.loads(path.read_text(encoding="utf-8"))["dataset_version"])
    for path in sorted(site.rglob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
        assert rows[0][-1] == "dataset_version", path
        assert len(rows) > 1 or path.stat().st_size > 0
        for row in rows[1:]:
            add("csv", row[-1])
    description = str(Calendar.from_ical((site / "calendar.ics").read_bytes())["X-WR-CALDESC"])
    add("calendar", re.search(r"Dataset version (\w+) \(built ", description).group(1))
    subtitle = feedparser.parse((site / "feed.xml").read_bytes()).feed.subtitle
    add("feed", re.search(r"Dataset version (\w+) \(built ", subtitle).group(1))
    return found


def the_version(site: Path) -> str:
    """The one version every download and citation of ``site`` carries."""
    found = versions_in(site)
    assert set(found) == {"citation", "bibtex", "json", "csv", "calendar", "feed"}
    every = set().union(*found.values())
    assert len(every) == 1, found
    (version,) = every
    assert VERSION.match(version)
    return version


@pytest.fixture(scope="module")
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture's data copied to another folder, outside git, built on another day."""
    root = tmp_path_factory.mktemp("elsewhere")
    data = root / "somewhere" / "else" / "data"
    shutil.copytree(FIXTURE_DATA, data)
    return built_site(root / "site", data=data, env={"SOURCE_DATE_EPOCH": "1900000000"})


def test_every_download_and_citation_carries_the_data_s_version(fixture_site: Path) -> None:
    version = the_version(fixture_site)
    # Every record page has its citation.
    built = json.loads((fixture_site / "api/v1/all.json").read_text(encoding="utf-8"))["build_date"]
    pages = [*sorted(fixture_site.glob("*/*/index.html")), fixture_site / "timeline/index.html"]
    pages = [p for p in pages if p.parent.parent.name != "years" and not p.parent.name.isdigit()]
    for path in pages:
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8"):
            continue  # the page at a renamed record's old address
        cite = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one(".tk-citetext")
        assert cite is not None, path
        assert f"Dataset version {version} (built {built})." in cite.get_text(), path


def test_two_builds_of_the_same_data_carry_one_version_and_an_edit_changes_it(
    fixture_site: Path, elsewhere: Path, tmp_path: Path
) -> None:
    here, there = (json.loads((s / "api/v1/all.json").read_text(encoding="utf-8")) for s in (fixture_site, elsewhere))
    assert the_version(fixture_site) == the_version(elsewhere)
    assert here["build_date"] != there["build_date"]  # another day, the same data
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    sector = data / "sectors" / "harbours.yml"
    text = sector.read_text(encoding="utf-8")
    sector.write_text(text.replace("summary: ", "summary: Edited. ", 1), encoding="utf-8")
    edited = built_site(tmp_path / "site", data=data, env={"SOURCE_DATE_EPOCH": "1900000000"})
    assert the_version(edited) != the_version(elsewhere)


def test_every_page_announces_the_calendar_and_the_feed(fixture_site: Path) -> None:
    pages = sorted(fixture_site.rglob("index.html"))
    assert pages
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = {link["type"]: link for link in soup.select("head link[rel=alternate]")}
        assert set(links) >= {"text/calendar", "application/atom+xml"}, page
        target = (page.parent / links["text/calendar"]["href"]).resolve()
        assert target == (fixture_site / "calendar.ics").resolve(), page


def test_the_data_page_links_every_download_with_its_size_and_columns(fixture_site: Path) -> None:
    page = fixture_site / "data/index.html"
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    heading = soup.find(id="downloads")
    listed = {}
    for item in heading.find_next("ul").find_all("li", recursive=False):
        href = item.a["href"]
        target = (page.parent / href).resolve()
        assert target.is_file(), href
        size = item.select_one(".tk-download").get_text().rpartition(", ")[2]
        names = [code.get_text() for code in item.find_all("code")[1:]]  # the first is the file's name
        listed[target.relative_to(fixture_site.resolve()).as_posix()] = (size, names)
    expected = [
        p.relative_to(fixture_site).as_posix()
        for p in (fixture_site / "api/v1").rglob("*")
        if p.is_file() and not {"series", "lists"} & set(p.relative_to(fixture_site / "api/v1").parts)
    ]
    assert sorted(listed) == sorted([*expected, "calendar.ics", "feed.xml"])
    for path, (size, columns) in listed.items():
        raw = (fixture_site / path).read_bytes()
        assert size == export.Download(path, len(raw), "", ()).size_label, path
        if path.endswith(".csv"):
            header = next(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
            assert columns == header, path
        elif path.endswith(".json") and "/schema/" not in path:
            assert columns == list(json.loads(raw)), path
    # The series' files with theirs, and the calendar to subscribe to.
    series = soup.find(id="series-files").find_next("table")
    for link in series.select("a[href$='.csv'], a[href$='.json']"):
        assert (page.parent / link["href"]).resolve().is_file()
        assert re.match(r" \(\d+(\.\d)? (bytes|kB|MB)\)", link.next_sibling), link
    webcal = [a["href"] for a in soup.select("article a[href^='webcal:']")]
    assert webcal
    assert all(href == export.calendar_links("http://127.0.0.1:8000/")[0] for href in webcal)
    timeline = BeautifulSoup((fixture_site / "timeline/index.html").read_text(encoding="utf-8"), "html.parser")
    assert timeline.select_one(".tk-subscribe a[href^='webcal:']")


def test_the_changes_page_lists_the_history_or_says_there_is_none(fixture_site: Path, elsewhere: Path) -> None:
    outside = BeautifulSoup((elsewhere / "changes/index.html").read_text(encoding="utf-8"), "html.parser")
    text = outside.select_one("article").get_text(" ", strip=True)
    assert "built without the project's history" in text
    assert the_version(elsewhere) in text
    assert outside.select("article h2") == []
    known = history.read(FIXTURE_DATA)
    if not known.in_git:
        pytest.skip("the tests run outside a git checkout: no history to list")
    inside = BeautifulSoup((fixture_site / "changes/index.html").read_text(encoding="utf-8"), "html.parser")
    headings = [h.get("id") for h in inside.select("article h2")]
    assert headings == [f"commit-{c.commit}" for c in known.commits]
    # Each record a commit touched is named, linked to its page while it is still in the data.
    first = inside.select_one("article h2").find_next("ul")
    for what, collection, record_id in known.commits[0].changes:
        assert what.capitalize() in first.get_text()
        if (FIXTURE_DATA / collection / f"{record_id}.yml").exists():
            assert first.select_one(f"a[href$='{collection}/{record_id}/']"), record_id
