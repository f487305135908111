"""Every output tells the whole account: a value worked out rather than stated carries the
derived mark, and a value the documents give in more than one way carries "accounts differ",
wherever it is shown (every HTML page, the feed, the calendar, the CSV and the JSON); the
Disagreements page lists every such value from the data; a reader's correction names its record.

The values are found from the data (tests/fixtures/data and data/), not listed here; the pages
are read as a reader reads them, not through the code that made them.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlsplit

import feedparser
import pytest
from bs4 import BeautifulSoup, Tag
from conftest import FIXTURE_DATA, ROOT, built_site, mkdocs_build
from icalendar import Calendar
from playwright.sync_api import Browser, Route

from tracker import history
from tracker.dates import when, written
from tracker.kinds import label
from tracker.load import load
from tracker.marks import milestone_accounts
from tracker.models import Record
from tracker.queries import Queries
from tracker.views.base import STATUS_FROM

SITE_URL = "http://127.0.0.1:8000/"
SITES = ["fixture", "real"]


@pytest.fixture(scope="module")
def fixture_q() -> Queries:
    return Queries(load(FIXTURE_DATA))


@pytest.fixture(scope="module")
def real_q() -> Queries:
    return Queries(load(ROOT / "data"))


def site_and_data(request: pytest.FixtureRequest, which: str) -> tuple[Path, Queries]:
    site = request.getfixturevalue("fixture_site" if which == "fixture" else "real_site")
    return site, request.getfixturevalue(f"{which}_q")


# -- the values that must carry a mark, from the data ----------------------------------------------


@dataclass(frozen=True)
class Value:
    """A value that carries ``mark`` wherever a page shows it: as ``shown`` (how pages write it),
    in a row, item or paragraph that links to its record's ``page`` (or is on that page) and
    says what the value is (one of ``labels``, or a column heading). A value with no label (an
    event's date, a figure's) is shown by a block that names no milestone and, on the record's
    own page, links to no other record."""

    page: str  # "agreements/fta/"
    shown: str
    labels: tuple[str, ...]
    mark: str  # the mark's class: "tk-accounts" or "tk-derived"
    kind: str = "date"  # "date", or "value": a figure's value, written at the start of a cell


def own_texts(record: Record) -> tuple[str, ...]:
    """Every longer text of a record (its summary, notes, accounts, reasoning), folded."""
    found: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str) and len(value) >= 20:
            found.append(" ".join(value.split()))
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(record.model_dump(mode="json"))
    return tuple(sorted(found, key=len, reverse=True))


def milestone_labels(milestone_type: str) -> tuple[str, ...]:
    statuses = [s for s, steps in STATUS_FROM.items() if milestone_type in steps]
    return (
        label(milestone_type, "milestone.type").lower(),
        *(label(s, "status.value").lower() for s in statuses),
    )


def values(q: Queries) -> list[Value]:
    """Every value of the data that is derived or has several accounts, as the marks' helper
    (tracker/marks.py) finds them: their number is checked against the data's own fields."""
    found: list[Value] = []
    for a in q.data.agreements.values():
        page = f"agreements/{a.id}/"
        for at, m in enumerate(a.milestones):
            labels = milestone_labels(m.type)
            if milestone_accounts(a, m, at):
                found.append(Value(page, when(m), labels, "tk-accounts"))
            if m.derived:
                found.append(Value(page, when(m), labels, "tk-derived"))
    for e in q.data.events.values():
        if e.derived:
            found.append(Value(f"events/{e.id}/", when(e), (), "tk-derived"))
    for f in q.data.figures.values():
        page = f"figures/{f.id}/"
        if q.marks.figure(f):
            found.append(Value(page, f.value, (), "tk-accounts", "value"))
        for field in f.derived_of:
            if field in ("as_of", "reference_year"):
                found.append(Value(page, written(getattr(f, field)), (), "tk-derived"))
            elif field == "value":
                found.append(Value(page, f.value, (), "tk-derived", "value"))
    return found


def test_the_values_found_are_those_the_data_marks(fixture_q: Queries, real_q: Queries) -> None:
    """Counted again from the data's own fields: a milestone keeps several accounts of its date
    that differ where its documents' statements, with the recorded value where a source of it
    gives none, are more than one, and one of them does not give the date shown; a figure, where
    it names another figure giving the same thing or is named by one."""
    for q in (fixture_q, real_q):
        found = Counter(v.mark for v in values(q))
        several = 0
        for a in q.data.agreements.values():
            for m in a.milestones:
                stated = {s for account in m.accounts for s in account.cite}
                shown = when(m).removeprefix("by ")
                differ = any(not re.search(rf"(?<![\w-]){re.escape(shown)}\b", x.text) for x in m.accounts)
                several += len(m.accounts) + (1 if set(m.cite) - stated else 0) > 1 and differ
        figures = q.data.figures.values()
        named = {f.id for f in figures if f.other_accounts} | {o for f in figures for o in f.other_accounts}
        assert found["tk-accounts"] == several + len(named) > 0
        derived = sum(1 for a in q.data.agreements.values() for m in a.milestones if m.derived)
        derived += sum(1 for e in q.data.events.values() if e.derived)
        derived += sum(len([x for x in f.derived_of if x != "currency" and x != "statement"]) for f in figures)
        assert found["tk-derived"] == derived > 0


# -- reading the pages --------------------------------------------------------------------------


_BLOCKS = ("li", "tr", "p", "h1", "h2", "h3")


def blocks(page: Tag) -> Iterator[Tag]:
    """The innermost items, rows and paragraphs of an article."""
    for block in page.find_all(_BLOCKS):
        if not block.find(_BLOCKS):
            yield block


def read(block: Tag, page_url: str) -> tuple[set[str], str, str]:
    """What a block links to (record pages, from the site's root), its text outside links and
    citation marks, and the headings of its table's columns (for a row)."""
    linked = set()
    for a in block.find_all("a", href=True):
        target = urlsplit(urljoin(SITE_URL + page_url, a["href"]))
        linked.add(target.path.lstrip("/"))
    for a in block.select("svg a"):
        linked.add(urlsplit(urljoin(SITE_URL + page_url, a.get("xlink:href", ""))).path.lstrip("/"))
    words = " ".join(
        str(s) for s in block.find_all(string=True) if not s.find_parent("a") or s.find_parent("a") is block
    )
    heading = ""
    if block.name == "tr":
        table = block.find_parent("table")
        head = table.find("thead") if table else None
        heading = head.get_text(" ") if head else ""
    return linked, " ".join(words.split()), heading


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
# A date standing alone, not a part of a longer one ("March 2026" in "2 March 2026").
_WITHIN = re.compile(rf"(?:\b\d{{1,2}} |\b(?:{_MONTHS}) )$")


def shown_in(value: Value, text: str) -> bool:
    if value.kind == "value":
        return re.search(rf"(?:^|[(:|])\s*{re.escape(value.shown)}(?=$|[\s;,.)(])", text) is not None
    for found in re.finditer(rf"(?<![\w-]){re.escape(value.shown)}(?![\w-])", text):
        if not _WITHIN.search(text[: found.start()]):
            return True
    return False


def article(path: Path) -> Tag | None:
    # Only the article is parsed: the rest of a page (its head, navigation and footer) is as
    # large again, and the walks below read every page of the real site.
    html = path.read_text(encoding="utf-8")
    start, end = html.find("<article"), html.rfind("</article>")
    if start < 0 or end < 0:
        return None
    page = BeautifulSoup(html[start : end + len("</article>")], "html.parser").select_one("article")
    if page is None:
        return None
    hidden = "[popover], [hidden], .tk-refs, .tk-citeblock, .tk-sources, .tk-search-only, .tk-correction"
    for element in page.select(hidden):
        element.decompose()
    return page


def unmarked(site: Path, q: Queries, found: list[Value]) -> tuple[list[str], Counter[str]]:
    """Every block of every page that shows a value without its mark, and how many blocks
    showed one, by mark. The texts of the records a block links to (and of the page's own record) are
    left out of it first: a summary or a note may mention a date without showing the value."""
    by_page: dict[str, list[Value]] = {}
    for v in found:
        by_page.setdefault(v.page, []).append(v)
    texts = {f"{r.collection}/{r.id}/": own_texts(r) for r in q.data.records()}
    steps = {
        label(t, "milestone.type").lower() for a in q.data.agreements.values() for t in (m.type for m in a.milestones)
    }
    missing: list[str] = []
    seen: Counter[str] = Counter()
    for path in sorted(site.rglob("index.html")):
        url = path.parent.relative_to(site).as_posix() + "/"
        url = "" if url == "./" else url
        page = article(path)
        if page is None:
            continue
        for block in blocks(page):
            linked, text, heading = read(block, url)
            asked = [v for p in (linked | {url}) for v in by_page.get(p, ())]
            if not asked:
                continue
            for p in sorted(linked | {url}):
                for own in texts.get(p, ()):
                    text = text.replace(own, " ")
            lowered = f"{text} {heading}".lower()
            others = {p for p in linked if p in texts} - {url}
            needed: Counter[str] = Counter()
            for v in asked:
                if not shown_in(v, text):
                    continue
                if v.labels and not any(word in lowered for word in v.labels):
                    continue
                if not v.labels and (any(word in lowered for word in steps) or (v.page == url and others)):
                    continue
                needed[v.mark] += 1
            seen.update(needed.keys())
            for mark, n in needed.items():
                have = len(block.select(f"button.{mark}"))
                if have < n:
                    missing.append(f"{url}: {mark} {have} of {n}: {text[:160]}")
    return missing, seen


@pytest.mark.parametrize("which", SITES)
def test_no_page_shows_a_value_with_several_accounts_or_a_derived_value_without_its_mark(
    request: pytest.FixtureRequest, which: str
) -> None:
    """Both marks in one walk of every page (a walk of the real site reads 600 pages)."""
    site, q = site_and_data(request, which)
    found = values(q)
    missing, seen = unmarked(site, q, found)
    assert missing == []
    for mark in ("tk-accounts", "tk-derived"):
        # Each value shown somewhere: on its own page at least.
        assert seen[mark] >= sum(v.mark == mark for v in found) > 0, mark


def test_the_walk_finds_a_mark_left_out(fixture_site: Path, fixture_q: Queries, tmp_path: Path) -> None:
    """The check above fails where a page shows the value bare."""
    page = tmp_path / "agreements" / "harbour-accord" / "index.html"
    page.parent.mkdir(parents=True)
    html = (fixture_site / "agreements" / "harbour-accord" / "index.html").read_text(encoding="utf-8")
    page.write_text(re.sub(r'<button[^>]*class="tk-accounts".*?</button>', "", html), encoding="utf-8")
    missing, _ = unmarked(tmp_path, fixture_q, [v for v in values(fixture_q) if v.mark == "tk-accounts"])
    assert any("14 June 2021" in m for m in missing)


# -- the other outputs ----------------------------------------------------------------------------


def entry_uids(q: Queries) -> dict[str, tuple[bool, bool]]:
    """The calendar's UID (before '@') of each entry, with whether its date is derived and
    whether it has several accounts."""
    return {
        f"{e.record.collection}-{e.record.id}-{e.name}-{e.date.iso}": (bool(e.derived), bool(e.accounts))
        for e in q.entries
    }


@pytest.mark.parametrize("which", SITES)
def test_the_calendar_and_the_feed_say_the_marks_in_words(request: pytest.FixtureRequest, which: str) -> None:
    site, q = site_and_data(request, which)
    marks = entry_uids(q)
    assert any(d for d, _ in marks.values())
    assert any(a for _, a in marks.values())
    calendar = Calendar.from_ical((site / "calendar.ics").read_bytes())
    for event in calendar.walk("VEVENT"):
        derived, accounts = marks[str(event["UID"]).split("@")[0]]
        summary, description = str(event["SUMMARY"]), str(event["DESCRIPTION"])
        assert ("(date worked out, not stated)" in summary) == derived, summary
        assert ("(accounts differ)" in summary) == accounts, summary
        assert ("The date is worked out, not stated:" in description) == derived
        assert ("Accounts differ: the documents give this date in" in description) == accounts
        if derived:
            assert "sources give only" not in description
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    assert feed.entries
    by_id = {f"{e.record.collection}/{e.record.id}/#{e.name}-{e.date.iso}": e for e in q.entries}
    for item in feed.entries:
        entry = by_id[item.id.removeprefix(SITE_URL)]
        assert ("(date worked out, not stated)" in item.title) == bool(entry.derived)
        assert ("(accounts differ)" in item.title) == bool(entry.accounts)
        assert ("The date is worked out, not stated:" in item.summary) == bool(entry.derived)


def read_csv(site: Path, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO((site / "api" / "v1" / name).read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize("which", SITES)
def test_the_csv_and_the_json_carry_the_marks(request: pytest.FixtureRequest, which: str) -> None:
    site, q = site_and_data(request, which)
    rows = read_csv(site, "milestones.csv")
    i = 0
    for a in q.data.agreements.values():
        for at, m in enumerate(a.milestones):
            row = rows[i]
            i += 1
            assert (row["agreement"], row["type"]) == (a.id, m.type)
            marked = milestone_accounts(a, m, at)
            assert row["accounts"] == (str(marked.count) if marked else "")
            assert row["accounts_url"] == (f"{SITE_URL}agreements/{a.id}/#{marked.anchor}" if marked else "")
            assert row["derived"] == (m.derived or "")
    assert i == len(rows)
    # A figure's other accounts, as the data names them (on one figure of a pair or both): read
    # both ways, the CSV and the JSON give each figure the same others as the pages.
    figures = read_csv(site, "figures.csv")
    csv_pairs = [(r["id"], o) for r in figures for o in filter(None, r["other_accounts"].split("; "))]
    everything = json.loads((site / "api" / "v1" / "all.json").read_text(encoding="utf-8"))
    json_pairs = [(r["id"], o) for r in everything["figures"] for o in r["other_accounts"]]
    for pairs in (csv_pairs, json_pairs):
        for f in q.data.figures.values():
            assert reached(f.id, pairs) == {x.id for x in q.marks.others(f)}, f.id
    for row, record in zip(figures, everything["figures"], strict=True):
        f = q.data.figures[row["id"]]
        assert row["derived"] == (f.derived or "")
        assert row["derived_fields"] == "; ".join(f.derived_fields)
        assert record["derived_fields"] == list(f.derived_fields)


def reached(start: str, pairs: list[tuple[str, str]]) -> set[str]:
    """The ids linked to ``start`` by the pairs, read both ways and followed (``start`` left out)."""
    found, todo = {start}, [start]
    while todo:
        at = todo.pop()
        for a, b in pairs:
            for x, y in ((a, b), (b, a)):
                if x == at and y not in found:
                    found.add(y)
                    todo.append(y)
    return found - {start}


def test_the_json_says_when_each_record_last_changed(fixture_site: Path) -> None:
    changed = history.read(FIXTURE_DATA)
    records = json.loads((fixture_site / "api" / "v1" / "all.json").read_text(encoding="utf-8"))
    data = load(FIXTURE_DATA)
    for collection in data.collections:
        for record in records[collection]:
            when = changed.changed(data[collection][record["id"]])
            assert record["last_changed"] == (when.iso if when else None)
            assert "reviewed" in record


# -- the Disagreements page ----------------------------------------------------------------------


def test_the_disagreements_page_lists_every_value_from_the_data(fixture_site: Path, fixture_q: Queries) -> None:
    page = article(fixture_site / "disagreements" / "index.html")
    assert page is not None
    view = fixture_q.disagreements()
    assert [d.mark.entry for d in view.dates] == ["agreements-harbour-accord-milestone-2"]
    entry = page.find(id="agreements-harbour-accord-milestone-2")
    assert entry.get_text(" ", strip=True).startswith("Harbour Accord : signed")
    shown = entry.find_next_sibling("p").get_text(" ", strip=True)
    assert shown.startswith("Shown first: 14 June 2021 accounts differ , the date given by the milestone's own sources")
    accounts = [li.get_text(" ", strip=True) for li in entry.find_next_sibling("ul").select("li")]
    assert accounts == [
        "The release says only that the accord was signed in 2021.",
        "The date shown, 14 June 2021, as its sources give it.",
    ]
    # With its documents: the page's citations lead to each.
    raw = BeautifulSoup((fixture_site / "disagreements" / "index.html").read_text(), "html.parser")
    items = raw.find(id="agreements-harbour-accord-milestone-2").find_next_sibling("ul").select("li")
    cited = [[a["href"] for a in li.select("a.tk-cite")] for li in items]
    assert cited == [["#source-beta-release"], ["#source-alpha-report"]]
    # Each figure of a group, with its own anchor, which its marks lead to.
    for f in ("harbour-count", "harbour-count-release"):
        line = page.find(id=f"figures-{f}-other-accounts").find_parent("li")
        assert line.find("a", href=f"../figures/{f}/")
    # Linked from Method, and from every mark.
    method = BeautifulSoup((fixture_site / "method" / "index.html").read_text(), "html.parser")
    assert method.select_one("article a[href='../disagreements/']")
    accord = BeautifulSoup((fixture_site / "agreements" / "harbour-accord" / "index.html").read_text(), "html.parser")
    leads = {tuple(a["href"] for a in why.select("a")) for why in accord.select(".tk-accounts__why")}
    assert leads == {
        ("./#milestone-2", "../../disagreements/#agreements-harbour-accord-milestone-2"),
        # Its list of figures: the count the report and the release give differently.
        ("../../figures/harbour-count/#other-accounts", "../../disagreements/#figures-harbour-count-other-accounts"),
        (
            "../../figures/harbour-count-release/#other-accounts",
            "../../disagreements/#figures-harbour-count-release-other-accounts",
        ),
    }
    assert accord.find(id="milestone-2").find_parent("tr").find("button", class_="tk-accounts")


# The disagreements of ../shared/sources/README.md that concern a value the data keeps with more
# than one account: the README's point, and the entry of the Disagreements page giving it. The
# others are not one value given differently: the README calls 9 different measures, 10 and 11
# ranks of different years, and 12 and 13a are words, not values; 13c gives the day once and the
# year elsewhere, which agree.
README_POINTS = {
    "1 FTA negotiations concluded": "agreements-korea-singapore-free-trade-agreement-milestone-8",
    "2 FTA signed": "agreements-korea-singapore-free-trade-agreement-milestone-9",
    "3 FTA in force": "agreements-korea-singapore-free-trade-agreement-milestone-12",
    "4 digital partnership agreement signed": "agreements-korea-singapore-digital-partnership-agreement-milestone-3",
    "5 memoranda of the 2025 summit (Korea Herald)": "figures-mous-signed-seoul-summit-2025-other-accounts",
    "5 memoranda of the 2025 summit (CNA, AsiaOne)": "figures-mous-seoul-summit-2025-eight-other-accounts",
    "15 memoranda of the 2025 summit (Edaily)": "figures-mous-signed-seoul-summit-2025-edaily-other-accounts",
    "6 the five memoranda of 2026 (AI)": "agreements-mou-2026-artificial-intelligence-milestone-1",
    "6 the five memoranda of 2026 (advanced manufacturing)": "agreements-mou-2026-advanced-manufacturing-milestone-1",
    "7 the SMR memorandum": "agreements-mou-2026-small-modular-reactors-milestone-1",
    "8 agreements of the 2024 visit (CNA)": "figures-instruments-exchanged-yoon-visit-2024-other-accounts",
    "8 agreements of the 2024 visit (MTI)": "figures-agreements-signed-yoon-visit-2024-mti-other-accounts",
    "13b twenty years or more": "agreements-korea-singapore-free-trade-agreement-milestone-12",
    "16 digital partnership agreement signed on 14 January": (
        "agreements-korea-singapore-digital-partnership-agreement-milestone-3"
    ),
}


def test_the_disagreements_page_lists_the_readme_s_points(real_site: Path) -> None:
    page = BeautifulSoup((real_site / "disagreements" / "index.html").read_text(encoding="utf-8"), "html.parser")
    for point, entry in README_POINTS.items():
        assert page.find(id=entry) is not None, point
    text = page.get_text(" ")
    for words in (
        "says negotiations were first concluded in October 2004",
        "says Korea signed the agreement in August 2004",
        "put it into effect in 2005",
        "says it was signed in 2021",
        "twenty years before in President Lee's quoted words",
    ):
        assert words in " ".join(text.split()), words
    # The SMR memoranda that may be one instrument, once.
    pairs = [li.get_text(" ", strip=True) for li in page.select("h2#possibly-one-instrument + p + ul > li")]
    assert sum("EMA" in p and "small modular reactors" in p for p in pairs) == 1


# -- figures on the right shelf ------------------------------------------------------------------


def test_a_year_page_lists_the_figures_that_measure_it(real_site: Path, real_q: Queries) -> None:
    for year in real_q.year_numbers:
        page = BeautifulSoup((real_site / "years" / str(year) / "index.html").read_text(), "html.parser")
        heading = page.find("h2", id=f"figures-for-{year}")
        items = heading.find_next_sibling("ul").select("a[href*='figures/']") if heading else []
        listed = {a["href"].split("/")[-2] for a in items}
        measuring = {f.id for f in real_q.year(year).figures}
        assert listed == measuring, year
        for f in measuring:
            f = real_q.data.figures[f]
            assert (f.reference_year or f.as_of).year == year
    # 2022's page lists no figure measuring 2005, 2020 or 2021 (the review found three).
    assert all((f.reference_year or f.as_of).year == 2022 for f in real_q.year(2022).figures)


# -- corrections ---------------------------------------------------------------------------------


def test_publishing_without_a_corrections_target_stops(tmp_path: Path) -> None:
    env = {"TRACKER_PUBLISH": "true", "SITE_URL": "https://tracker.example.org/", "TRACKER_CORRECTIONS": ""}
    result = mkdocs_build(tmp_path / "site", env=env)
    assert result.returncode != 0
    assert "refusing to publish: no corrections target" in result.stderr
    assert "TRACKER_CORRECTIONS=" in result.stderr
    assert not (tmp_path / "site").exists()


CORRECTIONS = {
    "TRACKER_CORRECTIONS": "https://corrections.example.org/issues/new",
    "TRACKER_EDIT_URI": "https://code.example.org/tracker/edit/main/",
}


@pytest.fixture(scope="module")
def corrections_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_site(tmp_path_factory.mktemp("corrections-site"), env=CORRECTIONS)


def test_every_record_page_offers_its_data_file_to_edit(corrections_site: Path) -> None:
    data = load(FIXTURE_DATA)
    for record in data.records():
        page = BeautifulSoup(
            (corrections_site / record.collection / record.id / "index.html").read_text(), "html.parser"
        )
        line = page.select_one(".tk-correction")
        edit = line.select_one("a.tk-edit")
        # The fixture sits in tests/fixtures/data of the repository.
        assert edit["href"] == (
            f"https://code.example.org/tracker/edit/main/tests/fixtures/data/{record.collection}/{record.id}.yml"
        )
        suggest = parse_qs(urlsplit(line.select_one("a.tk-suggest")["href"]).query)
        assert suggest["title"] == [f"Correction: {record.label} ({record.collection}/{record.id})"]
        assert f"Data file: tests/fixtures/data/{record.collection}/{record.id}.yml" in suggest["body"][0]


@pytest.mark.browser
def test_suggest_a_correction_opens_a_message_naming_the_record(browser: Browser, corrections_site: Path) -> None:
    from chromium import serve

    opened: list[str] = []
    with serve(corrections_site) as url:
        page = browser.new_page(viewport={"width": 1280, "height": 900})

        def tracker(route: Route) -> None:  # the issue tracker, standing in for the real one
            opened.append(route.request.url)
            fields = parse_qs(urlsplit(route.request.url).query)
            title, body = (html.escape(fields[k][0]) for k in ("title", "body"))
            route.fulfill(status=200, content_type="text/html", body=f"<h1>{title}</h1><pre>{body}</pre>")

        page.route("https://corrections.example.org/**", tracker)
        page.goto(url + "agreements/harbour-accord/", wait_until="load")
        page.get_by_role("link", name="Suggest a correction").click()
        page.wait_for_url("https://corrections.example.org/**")
        message = page.locator("pre").inner_text()
        heading = page.locator("h1").inner_text()
        page.close()
    assert len(opened) == 1
    assert heading == "Correction: Harbour Accord (agreements/harbour-accord)"
    assert "Record: agreements/harbour-accord" in message
    assert "Page: http://127.0.0.1:8000/agreements/harbour-accord/" in message
