"""Which pages exist (tracker/pages.py), their URLs (tracker/urls.py), and adding a kind of
record: a model, two templates and a nav entry, nothing else."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_DATA, ROOT, mkdocs_build
from mkdocs.utils import yaml_load

from tracker import urls
from tracker.kinds import kinds
from tracker.load import load
from tracker.models import COLLECTIONS, Agreement
from tracker.pages import EMPHASIS, Page, missing_from_nav, pages, search_names
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
        assert (index.template, index.in_nav, index.title) == (f"{collection}.md.j2", True, kind.heading)
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
    assert len(by_uri) == records + len(COLLECTIONS) + len(q.year_numbers) + 2  # + timeline, years index


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
    assert not any(by_query[c] for c in COLLECTIONS)
    assert not by_query["timeline"]
    assert all(by_query[cls.singular] for cls in COLLECTIONS.values())


def test_a_year_is_found_by_its_number(q: Queries) -> None:
    year = next(p for p in pages(q) if p.query == "year")
    assert year.searched
    assert set(year.search_names) == {str(year.arg)}


def test_search_finds_a_record_by_its_names_and_search_terms() -> None:

    record = Agreement.model_validate(
        {
            "name": "Korea–Singapore Free Trade Agreement",
            "short_name": "KSFTA",
            "search_terms": ["FTA"],
            "aliases": [{"name": "Korea-Singapore FTA (2006)", "cite": ["s"]}],
            "kind": "free-trade-agreement",
            "parties": ["a", "b"],
            "status": {"value": "signed", "as_of": "2006", "cite": ["s"]},
            "summary": "x",
            "cite": ["s"],
        }
    )
    names = search_names(record)
    # Every word of every name once; the short name and search terms several times over.
    assert names.count("korea") == 1
    assert "2006" in names
    assert names.count("KSFTA") == names.count("FTA") == EMPHASIS > 1
    meta = Page(
        "agreements/x.md", "agreement", "x", "t", "d", section="Agreements", search_names=names, search_boost=2.0
    ).front_matter
    assert 'tags: ["korea"' in meta
    assert 'search: {"boost": 2.0}' in meta


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
    assert urls.href(q.data.sources["alpha-report"], page_url) == address


def test_the_navigation_lists_every_collection() -> None:
    nav = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert missing_from_nav(nav) == []
    assert missing_from_nav([n for n in nav if "Figures" not in n]) == ["figures"]
    # Each tab is named as its collection's heading.
    listed = {target: title for item in nav for title, target in item.items()}
    for kind in kinds():
        assert listed[f"{kind.collection}/index.md"] == kind.heading


def test_a_kind_of_record_is_added_by_a_model_two_templates_and_a_nav_entry(project_copy: Path, tmp_path: Path) -> None:
    """CONTRIBUTING.md, "Adding a kind of record", followed with tests/fixtures/newkind/."""
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

    page = article("programmes/harbour-pilot-exchange/")
    assert page.h1.get_text(strip=True).startswith("Harbour pilot exchange")
    assert [a.get_text() for a in page.select("table a")] == ["Republic of Landa", "Ministry of Harbours (Landb)"]
    assert page.select_one(".tk-sources li")["id"] == "source-alpha-report"
    assert page.select_one(".tk-citeblock")
    index = article("programmes/")
    assert [a["href"] for a in index.select("table a")] == ["harbour-pilot-exchange/"]
    tabs = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser").select("nav.md-tabs a")
    assert "Programmes" in [a.get_text(strip=True) for a in tabs]
    # The home page counts it; its source lists the fact citing it.
    assert "1 programme " in article("").get_text(" ", strip=True)
    assert "Summary of the record (drawn from all its sources, this one among them): Pilots of each harbour" in article(
        "sources/alpha-report/"
    ).get_text(" ", strip=True)
    # Found by search; published as data, beside its page and in the collections' files.
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert any(d["location"].startswith("programmes/harbour-pilot-exchange/") for d in search["docs"])
    assert "programmes/" not in {d["location"] for d in search["docs"]}
    record = json.loads((site / "programmes" / "harbour-pilot-exchange.json").read_text(encoding="utf-8"))
    assert record["organisations"] == ["land-a", "beta-ministry"]
    assert record["url"].endswith("/programmes/harbour-pilot-exchange/")
    everything = json.loads((site / "api" / "v1" / "all.json").read_text(encoding="utf-8"))
    assert [r["id"] for r in everything["programmes"]] == ["harbour-pilot-exchange"]
    assert (site / "api" / "v1" / "programmes.csv").exists()
    assert (site / "api" / "v1" / "schema" / "programmes.json").exists()


def test_collection_urls() -> None:
    assert urls.index_path("agreements") == "agreements/"
    assert urls.index_src_uri("agreements") == "agreements/index.md"
    assert urls.year_src_uri(2021) == "years/2021.md"
