"""Which pages exist (tracker/pages.py), their URLs (tracker/urls.py), and adding a dated
kind of record: its class and registration, two templates and a nav entry, nothing else."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_DATA, ROOT, mkdocs_build
from icalendar import Calendar
from mkdocs.utils import yaml_load

from tracker import filters, urls
from tracker.kinds import kinds
from tracker.load import load
from tracker.models import COLLECTIONS, Agreement, Organisation
from tracker.pages import AVOID, EMPHASIS, Page, index_query, missing_from_nav, pages, search_keys
from tracker.queries import Queries

NEWKIND = ROOT / "tests" / "fixtures" / "newkind"


@pytest.fixture(scope="module")
def q() -> Queries:
    return Queries(load(FIXTURE_DATA))


def test_every_record_and_collection_has_a_page(q: Queries) -> None:
    by_uri = {p.src_uri: p for p in pages(q)}
    for kind in kinds():
        collection = kind.collection
        index = by_uri[f"{collection}/index.md"]
        # Its template is named by its collection (a kind whose singular is the same word, series,
        # adds "_index", so that the index and the record pages keep a template each).
        assert (index.template, index.in_nav, index.title) == (f"{index_query(collection)}.md.j2", True, kind.heading)
        assert index_query(collection) in (collection, f"{collection}_index")
        assert index_query(collection) != kind.singular
        for record in q.data[collection].values():
            page = by_uri[urls.src_uri(record)]
            assert (page.template, page.arg, page.in_nav) == (f"{kind.singular}.md.j2", record.id, False)
            assert (page.section, page.section_url, page.search_boost) == (
                kind.heading,
                f"{collection}/",
                kind.search_boost,
            )
    for year in q.year_numbers:
        assert by_uri[f"years/{year}.md"].arg == year
    assert len(by_uri) == len(pages(q)), "two pages share a source"
    records = sum(len(q.data[c]) for c in COLLECTIONS)
    # + the timeline, the years' index, the treaty register and the Disagreements page
    assert len(by_uri) == records + len(COLLECTIONS) + len(q.year_numbers) + 4
    disagreements = by_uri["disagreements.md"]
    assert (disagreements.template, disagreements.in_nav, disagreements.section_url) == (
        "disagreements.md.j2",
        False,
        "method/",
    )


def test_front_matter_is_what_the_template_reads(q: Queries) -> None:
    page = next(p for p in pages(q) if p.src_uri == "agreements/hostile-accord.md")
    front = page.front_matter.split("---\n")[1]
    meta = {line.split(": ", 1)[0]: json.loads(line.split(": ", 1)[1]) for line in front.splitlines()}
    assert meta["record"] == "hostile-accord"
    assert meta["render_macros"] is False
    assert meta["section_url"] == "agreements/"
    # The title is data: escaped for the theme, which prints it unescaped.
    assert "<b>" not in meta["title"]
    assert "{{" not in meta["title"]
    assert page.template == "agreement.md.j2"


def test_lists_of_records_are_left_out_of_search(q: Queries) -> None:
    by_query = {p.query: p.searched for p in pages(q)}
    assert not any(by_query[index_query(c)] for c in COLLECTIONS)
    assert not by_query["timeline"]
    assert not by_query["treaties"]
    assert all(by_query[cls.singular] for cls in COLLECTIONS.values())


def test_a_year_is_found_by_its_number(q: Queries) -> None:
    year = next(p for p in pages(q) if p.query == "year")
    assert year.searched
    assert set(year.search_keys.terms) == {str(year.arg)}
    assert year.search_keys.fields() == {"terms": " ".join([str(year.arg)] * EMPHASIS)}


def test_search_finds_a_record_by_its_names_and_search_terms() -> None:
    """tracker/site/search_fields.py writes these into the search index, never shown."""

    record = Agreement.model_validate(
        {
            "name": "Korea–Singapore Free Trade Agreement",
            "short_name": "KSFTA",
            "search_terms": ["FTA"],
            "aliases": [
                {"name": "The Korea-Singapore FTA", "cite": ["s"]},
                {"name": "the bilateral free trade agreement of 2006", "cite": ["s"]},
            ],
            "kind": "free-trade-agreement",
            "parties": ["a", "b"],
            "status": {"value": "signed", "as_of": "2006", "cite": ["s"]},
            "summary": "x",
            "cite": ["s"],
        }
    )
    keys = search_keys(record)
    # Its short name and search terms several times over, in the field weighed most.
    assert keys.terms.count("KSFTA") == keys.terms.count("FTA") == EMPHASIS > 1
    # Every word of every name, in a field of its own, without the little words; a word
    # weighs more in a short name ("Korea-Singapore FTA") than in a long one, and no more for
    # being in several names.
    assert keys.names.count("korea") == keys.names.count("fta") > keys.names.count("agreement") >= 1
    assert keys.names.count("korea") <= EMPHASIS
    assert "2006" in keys.names
    assert "fta" in keys.names
    assert "the" not in keys.names
    assert not AVOID & set(keys.names)
    assert "KSFTA" not in keys.names
    assert keys.fields() == {"terms": " ".join(keys.terms), "names": " ".join(keys.names)}
    meta = Page(
        "agreements/x.md", "agreement", "x", "t", "d", section="Agreements", search_keys=keys, search_boost=2.0
    ).front_matter
    # Not Material's `tags`, which its search results show as chips, word by word.
    assert "tags" not in meta
    assert "KSFTA" not in meta
    assert 'search: {"boost": 2.0}' in meta


def test_search_keys_hold_words_only() -> None:
    """What goes into the index is words: no markup, no escapes ("E&C" is two words, not
    "E&amp;C"), and a term of several words counts as a name."""
    record = Organisation.model_validate(
        {
            "name": "Hyundai Engineering & Construction Co.",
            "short_name": "Hyundai E&C",
            "search_terms": ["<HDEC>"],
            "kind": "company",
            "cite": ["s"],
        }
    )
    keys = search_keys(record)
    assert set(keys.terms) == {"HDEC"}
    assert "amp" not in keys.names
    assert {"hyundai", "e", "c"} <= set(keys.names)
    assert not any(c in " ".join(keys.terms + keys.names) for c in "<>&")


def test_urls_of_a_record(q: Queries) -> None:
    record = q.data.people["quill-marlow"]
    assert urls.src_uri(record) == "people/quill-marlow.md"
    assert urls.page_path(record) == "people/quill-marlow/"
    assert urls.page_url(record, "https://example.org/tracker/") == "https://example.org/tracker/people/quill-marlow/"
    assert urls.json_path(record) == "people/quill-marlow.json"


@pytest.mark.parametrize(
    ("page_url", "address"),
    [
        ("", "sources/alpha-report/"),
        ("sources/", "alpha-report/"),
        ("sources/alpha-report/", "./"),
        ("agreements/2021/", "../../sources/alpha-report/"),
        ("404.html", "sources/alpha-report/"),
    ],
)
def test_links_written_as_html_are_the_addresses_mkdocs_writes(q: Queries, page_url: str, address: str) -> None:
    """Long lists are written as HTML with the addresses MkDocs gives Markdown links."""
    assert filters.href(q.data.sources["alpha-report"], page_url) == address


def test_the_navigation_lists_every_collection() -> None:
    nav = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert missing_from_nav(nav) == []
    assert missing_from_nav([n for n in nav if "Figures" not in n]) == ["figures"]
    # Each tab is named as its collection's heading.
    listed = {target: title for item in nav for title, target in item.items()}
    for kind in kinds():
        assert listed[f"{kind.collection}/index.md"] == kind.heading


@pytest.mark.build  # builds a copy of the project
def test_a_dated_kind_of_record_is_added_by_a_registration_two_templates_and_a_nav_entry(
    project_copy: Path, tmp_path: Path
) -> None:
    """CONTRIBUTING.md, "Adding a kind of record", followed with tests/fixtures/newkind/: a
    dated kind, in four files besides its data (its module, two templates, mkdocs.yml), is
    on every page and file that shows records."""
    for template in (NEWKIND / "templates").iterdir():
        shutil.copy(template, project_copy / "tracker" / "templates" / template.name)
    config = project_copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - Sources: sources/index.md\n" in text
    config.write_text(
        text.replace(
            "  - Sources: sources/index.md\n", "  - Sources: sources/index.md\n  - Programmes: programmes/index.md\n"
        ),
        encoding="utf-8",
    )
    # The four files: the kind's module, and in the project two templates and the tab.
    kind_files = sorted(
        str(p.relative_to(NEWKIND))
        for p in NEWKIND.rglob("*")
        if p.is_file() and not {"data", "__pycache__"} & set(p.relative_to(NEWKIND).parts)
    )
    assert kind_files == ["programmes.py", "templates/programme.md.j2", "templates/programmes.md.j2"]
    assert changed_files(ROOT, project_copy) == [
        "mkdocs.yml",
        "tracker/templates/programme.md.j2",
        "tracker/templates/programmes.md.j2",
    ]
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    shutil.copytree(NEWKIND / "data" / "programmes", data / "programmes")
    env = {"TRACKER_KINDS": "programmes", "PYTHONPATH": str(NEWKIND)}
    site = tmp_path / "site"
    result = mkdocs_build(site, data=data, project=project_copy, env=env)
    assert result.returncode == 0, result.stderr

    def article(url: str) -> BeautifulSoup:
        html = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
        return html.select_one("article")

    def listed(url: str, heading: str) -> list[str]:
        """The items of the list under a heading of the page."""
        h2 = next(h for h in article(url).select("h2") if h.get_text(strip=True).startswith(heading))
        return [li.get_text(" ", strip=True) for li in h2.find_next_sibling("ul").select("li")]

    programme = "programmes/harbour-pilot-exchange/"
    page = article(programme)
    assert page.h1.get_text(strip=True).startswith("Harbour pilot exchange")
    assert [a.get_text() for a in page.select("table a")] == ["Republic of Landa", "Ministry of Harbours (Landb)"]
    assert "When March to June 2023, Port Alpha" in page.select_one("table").get_text(" ", strip=True)
    assert page.select_one(".tk-sources li")["id"] == "source-alpha-report"
    assert page.select_one(".tk-citeblock")
    index = article("programmes/")
    assert [a["href"] for a in index.select("table a")] == ["harbour-pilot-exchange/"]
    tabs = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").select("nav.md-tabs a")
    assert "Programmes" in [a.get_text(strip=True) for a in tabs]
    # The home page counts it; its source lists the fact citing it, with its date.
    assert "1 programme " in article("").get_text(" ", strip=True)
    source = article("sources/alpha-report/").get_text(" ", strip=True)
    assert "Summary of the record (drawn from all its sources, this one among them): Pilots of each harbour" in source
    assert "Date of the programme: March to June 2023." in source

    # On the timeline, as a dot and an entry; on its year's page, which only it gives.
    entry = "March to June 2023 · Harbour pilot exchange (Exchange programme, Port Alpha) [1]"
    timeline = article("timeline/")
    # As read: the place is a name of its own (<bdi>), which text joined by spaces would split off.
    assert entry in [" ".join(li.get_text().split()) for li in timeline.select("li.tk-entry--event")]
    assert any(a["xlink:href"] == f"../{programme}" for a in timeline.select(".tk-axis a"))
    year = article("years/2023/")
    assert [" ".join(li.get_text().split()) for li in year.select("li.tk-entry")] == [entry]
    assert [a["href"] for a in year.select("li.tk-entry > a")] == [f"../../{programme}"]
    rows = [[td.get_text(strip=True) for td in tr.select("td")] for tr in article("years/").select("tbody tr")]
    assert ["2023", "0", "1", "0"] in rows  # counted among the events: the record is dated itself
    assert entry in [" ".join(li.get_text().split()) for li in article("sectors/harbours/").select("li.tk-entry")]
    # On the pages of those it involves, under its kind's heading, by date.
    assert listed("people/quill-marlow/", "Programmes") == ["March to June 2023: Harbour pilot exchange , mentor [1]"]
    assert listed("organisations/alpha-gazette/", "Programmes") == [
        "March to June 2023: Harbour pilot exchange , reporter [2]"
    ]
    # In the calendar and the feed, as the entries of the kinds the tracker ships with.
    calendar = Calendar.from_ical((site / "calendar.ics").read_bytes())
    (event,) = [e for e in calendar.walk("VEVENT") if str(e["URL"]).endswith(f"/{programme}")]
    assert (str(event["SUMMARY"]), str(event["CATEGORIES"].cats[0])) == ("Harbour pilot exchange", "Exchange programme")
    assert (event["DTSTART"].dt.isoformat(), event["DTEND"].dt.isoformat()) == ("2023-03-01", "2023-04-01")
    assert str(event["UID"]).startswith("programmes-harbour-pilot-exchange-programme-2023-03@")
    feed = feedparser.parse((site / "feed.xml").read_bytes())
    newest = feed.entries[0]  # the latest entry of the data
    assert (newest.title, newest.link) == ("Harbour pilot exchange", f"{feed.feed.link}{programme}")
    assert newest.id.endswith(f"/{programme}#programme-2023-03")

    # Found by search, weighed as its kind says; published as data, beside its page and in
    # the collections' files.
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = {d["location"]: d for d in search["docs"]}
    assert found[programme].get("boost") == 1.5
    assert "programmes/" not in found
    record = json.loads((site / "programmes" / "harbour-pilot-exchange.json").read_text(encoding="utf-8"))
    assert record["organisations"] == ["land-a", "beta-ministry"]
    assert record["start"] == "2023-03"
    assert record["page_url"].endswith(f"/{programme}")
    everything = json.loads((site / "api" / "v1" / "all.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in everything["programmes"]] == ["harbour-pilot-exchange"]
    assert (site / "api" / "v1" / "programmes.csv").exists()
    assert (site / "api" / "v1" / "schema" / "programmes.json").exists()


def changed_files(original: Path, copy: Path) -> list[str]:
    """The files of ``copy`` (a project_copy) added or changed against ``original``."""
    found = []
    for path in sorted(copy.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            before = original / path.relative_to(copy)
            if not before.is_file() or before.read_bytes() != path.read_bytes():
                found.append(str(path.relative_to(copy)))
    return found


def test_collection_urls() -> None:
    assert urls.index_path("agreements") == "agreements/"
    assert urls.index_src_uri("agreements") == "agreements/index.md"
    assert urls.year_src_uri(2021) == "years/2021.md"
