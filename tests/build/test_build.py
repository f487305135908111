"""Builds of the fixture dataset, read back as a reader's browser would: parsed HTML, followed links."""

from __future__ import annotations

import hashlib
import re
import shutil
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_DATA, ROOT, mkdocs_build
from mkdocs.utils import yaml_load

from tracker.models import COLLECTIONS

SITE_URL = "http://127.0.0.1:8000/"


def soup(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def article(site: Path, url: str) -> BeautifulSoup:
    """The page's article as a reader sees it before opening anything: closed popovers (the
    reasoning behind a derived mark) and hidden elements (spellings kept for search) left out."""
    page = soup(site, url).select_one("article")
    for hidden in page.select("[popover], [hidden]"):
        hidden.decompose()
    return page


def links(page: BeautifulSoup) -> list[str]:
    return [a["href"] for a in page.select("article a[href]")]


def resolve(site: Path, page_url: str, href: str) -> Path | None:
    """The built file an internal link leads to, or None for links to other hosts."""
    target = urljoin(SITE_URL + page_url, href)
    if not target.startswith(SITE_URL):
        return None
    path = unquote(urlsplit(target).path)[1:]
    return site / path / "index.html" if path == "" or path.endswith("/") else site / path


def page_types() -> list[str]:
    """Every kind of page: each collection's index and one of its records, and the rest."""
    urls = ["", "years/", "years/2021/", "timeline/", "treaties/", "about/"]
    for collection in COLLECTIONS:
        first = min(p.stem for p in (FIXTURE_DATA / collection).glob("*.yml"))
        urls += [f"{collection}/", f"{collection}/{first}/"]
    return urls


@pytest.mark.parametrize("url", page_types())
def test_every_page_type_is_built_and_its_links_resolve(fixture_site: Path, url: str) -> None:
    page = soup(fixture_site, url)
    assert page.select_one("article h1").get_text(strip=True)
    for href in links(page):
        target = resolve(fixture_site, url, href)
        if target is None:
            continue
        assert target.exists(), f"{url or 'home'} links to {href}, which was not built"
        fragment = urlsplit(href).fragment
        if fragment:
            linked = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
            assert linked.find(id=fragment), f"{url or 'home'} links to #{fragment}, missing on its page"


def summary_box(page: BeautifulSoup) -> dict[str, list[str]]:
    """The summary box at the top of a record page: each line's label and its values' text."""
    box = page.select_one(".tk-summary")
    assert box is not None, "no summary box"
    return {
        line.dt.get_text(strip=True): [dd.get_text(" ", strip=True) for dd in line.find_all("dd")]
        for line in box.select(".tk-summary__line")
    }


def test_agreement_page(fixture_site: Path) -> None:
    page = article(fixture_site, "agreements/harbour-accord/")
    text = page.get_text(" ", strip=True)
    assert page.h1.get_text(strip=True).startswith("Harbour Accord")
    box = summary_box(page)
    assert box["Kind"] == ["Free trade agreement"]
    assert box["Status"][0].startswith("In force since February 2022")
    # Its other names sit under the summary, where search indexes them, each name with its
    # documents' marks as one group.
    names = page.select_one(".tk-names")
    assert names.p.get_text(" ", strip=True) == "Short name: HA"
    assert [li.get_text(" ", strip=True) for li in names.select("li")] == ["Port Accord [1]"]
    assert "Short name" not in box
    signed = page.select_one(".tk-summary__line:-soup-contains('Signed by')")
    assert [a.get_text() for a in signed.select("dd > a")] == [
        "Quill Marlow",
        "Republic of Landa",
        "Rena Voss",
        "Republic of Landb",
    ]
    # Signatories with the office held then and the party they signed for.
    assert box["Signed by"][0] == "Quill Marlow , Harbour Minister, for Republic of Landa [2]"
    assert "Free trade agreement" in text
    # Milestones in date order, each at its precision; the derived one says so and why.
    rows = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in page.select("h2#milestones ~ .tk-wide table tbody tr")
    ]
    # The signing's date is one of two accounts the record keeps (its release gives only 2021).
    assert [r[0] for r in rows] == ["2020 derived", "14 June 2021 accounts differ", "February 2022"]
    assert [r[1].split(" [")[0] for r in rows] == ["Negotiations concluded", "Signed", "Entered into force"]
    assert "Counted back" in rows[0][3]
    assert "took effect in February 2022" in rows[2][3]
    # Related both ways: the memorandum implements the accord.
    assert "Implemented by Memorandum on harbour pilots" in text
    assert "Implements Harbour Accord" in article(fixture_site, "agreements/harbour-mou/").get_text(" ", strip=True)


def test_citations_are_numbered_and_lead_to_source_pages(fixture_site: Path) -> None:
    page = article(fixture_site, "agreements/harbour-accord/")
    cites = page.select("a.tk-cite")
    assert cites, "the page cites nothing"
    numbers = {a["href"]: a.get_text() for a in cites}
    # Numbered in the order the page first cites them: the summary box's status first.
    assert numbers == {"#source-beta-release": "[1]", "#source-alpha-report": "[2]"}
    listed = page.select(".tk-sources li")
    assert [li["id"] for li in listed] == ["source-beta-release", "source-alpha-report"]
    assert listed[1].a["href"] == "../../sources/alpha-report/"
    assert "Alpha Gazette" in listed[1].get_text()


def test_source_page_lists_every_fact_citing_it(fixture_site: Path) -> None:
    text = article(fixture_site, "sources/beta-release/").get_text(" ", strip=True)
    for fact in (
        "Name written as “Port Accord”",
        "Status: In force, known to hold in February 2022",
        "Milestone: Entered into force, in this document's words: "
        "The release says the accord took effect in February 2022.",
        "Milestone: Signed, in this document's words: "
        "The release says only that the accord was signed in 2021. (the date on the record rests on 1 other source)",
        "Implements Harbour Accord",
        "Name written as “Kwil Marlowe”",
    ):
        assert fact in text
    # The report alone dates the signature to the day; the release's page shows its own account.
    assert "14 June 2021" not in text
    # Issued by a ministry, it names no author or publisher: the rows say who issued it instead.
    assert "Issued by Ministry of Harbours (Landb)" in text
    assert "Author" not in text.split("Every fact citing")[0]
    alpha = article(fixture_site, "sources/alpha-report/").get_text(" ", strip=True)
    assert "Author Ada Writer" in alpha
    assert "Publisher Alpha Gazette" in alpha
    # The web address links to the original, and the publisher is an organisation page listing it.
    page = article(fixture_site, "sources/alpha-report/")
    assert [a["href"] for a in page.select("a.tk-url")] == ["https://example.org/alpha-report"]
    publisher = article(fixture_site, "organisations/alpha-gazette/").get_text(" ", strip=True)
    assert "Published" in publisher
    assert "Alpha Gazette report on the harbour accord" in publisher


def test_year_page_lists_the_years_milestones_and_events_in_order(fixture_site: Path) -> None:
    page = article(fixture_site, "years/2021/")
    items = [li.get_text(" ", strip=True) for li in page.select("ul > li")]
    assert items[0].startswith("June 2021 derived · Harbour working talks")
    assert items[1].startswith("14 June 2021 · Harbour Summit")
    assert items[2].startswith("14 June 2021 accounts differ · Harbour Accord : Signed")
    pager = {a.get_text(strip=True): a["href"] for a in page.select(".tk-pager a")}
    assert pager == {"← 2020": "../2020/", "2022 →": "../2022/"}


def test_sector_page_groups_by_year(fixture_site: Path) -> None:
    page = article(fixture_site, "sectors/harbours/")
    years = [h3.a.get_text(strip=True) for h3 in page.find_all("h3")]
    assert years == ["2020", "2021", "2022"]
    assert "Harbours opened by the accord" in page.get_text()


def test_person_page_shows_roles_spellings_and_appearances(fixture_site: Path) -> None:
    page = article(fixture_site, "people/quill-marlow/")
    text = page.get_text(" ", strip=True)
    # The name itself is no entry of its own: its document is cited on it.
    names = page.select_one(".tk-names")
    assert [li.get_text(" ", strip=True) for li in names.select("li")] == ["Kwil Marlowe [2]"]
    assert names.get_text(" ", strip=True) == "Names in the sources: Kwil Marlowe [2] Written as above in [1] [2]"
    assert "QUILL-MARLOW" not in text
    assert "Harbour Minister" in text
    assert "since May 2020" in text
    assert "Harbour Accord , as Harbour Minister" in text
    assert "14 June 2021: Harbour Summit , host" in text


def test_organisation_page_shows_agreements_people_and_sources(fixture_site: Path) -> None:
    text = article(fixture_site, "organisations/land-b/").get_text(" ", strip=True)
    assert "Harbour Accord" in text
    assert "Rena Voss" in text
    assert "Organisations based in Landb ¶ Ministry of Harbours (Landb) (ministry)" in text


def test_record_pages_have_a_path_and_an_active_tab(fixture_site: Path) -> None:
    page = soup(fixture_site, "people/rena-voss/")
    assert [li.get_text(strip=True) for li in page.select(".md-path__item")] == ["Home", "People", "Rena Voss"]
    assert page.select_one(".md-tabs__item--active").get_text(strip=True) == "People"


def test_record_pages_stay_out_of_the_navigation(fixture_site: Path) -> None:
    tabs = [a.get_text(strip=True) for a in soup(fixture_site, "").select("nav.md-tabs a")]
    # One tab per entry of mkdocs.yml's nav (which test_pages.py checks lists every collection),
    # and none for a record.
    nav = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["nav"]
    assert tabs == [title for item in nav for title in item]


def test_data_text_is_shown_as_text_never_as_markup(fixture_site: Path) -> None:
    page = soup(fixture_site, "agreements/hostile-accord/")
    body = page.select_one("article")
    assert body.h1.get_text(strip=True).startswith("Hostile <b>Accord</b> {{ config }}")
    assert body.find("b") is None
    assert body.find("script") is None
    assert body.find("img") is None
    assert body.find("em") is None, "Markdown emphasis from data was rendered"
    summary = body.find("p", class_=False).get_text()
    for literal in (
        "*not emphasis*",
        "_not either_",
        "[not a link](https://evil.example/)",
        "<script>alert('x')</script>",
        "{{ 7 * 7 }}",
        "{% if true %}jinja{% endif %}",
        "# not a heading",
        "| not | a table |",
        "&amp; stays &lt;literal&gt;",
    ):
        assert literal in summary
    assert "49" not in summary
    assert page.title.get_text().startswith("Hostile <b>Accord</b> {{ config }}")
    assert page.find("meta", attrs={"name": "description"})["content"].startswith("*not emphasis*")
    assert not [a for a in page.find_all("a", href=True) if "evil.example" in a["href"]]
    sector = soup(fixture_site, "sectors/hostile-markup/").select_one("article")
    assert sector.find("script") is None
    assert sector.find("em") is None
    assert "{{ 6 * 7 }}" in sector.get_text()


ASSET = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url\(\s*["']?([^"')]+)""")


def test_no_page_loads_anything_from_another_host(fixture_site: Path) -> None:
    """Pages, styles and scripts ask no other host for anything (links to documents are fine)."""
    offenders = []
    for path in fixture_site.rglob("*"):
        if path.suffix == ".html":
            page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
            loaded = [t.get("src") for t in page.find_all(["script", "img", "iframe", "audio", "video", "source"])]
            loaded += [t.get("href") for t in page.find_all("link") if "canonical" not in t.get("rel", [])]
            loaded += [m.group(1) or m.group(2) for s in page.find_all("style") for m in ASSET.finditer(s.get_text())]
        elif path.suffix == ".css":
            loaded = [m.group(2) for m in ASSET.finditer(path.read_text(encoding="utf-8")) if m.group(2)]
        else:
            continue
        for url in filter(None, loaded):
            if urlsplit(url).netloc and not url.startswith(SITE_URL):
                offenders.append(f"{path.relative_to(fixture_site)}: {url}")
    assert offenders == []


def test_search_index_covers_every_record_page_and_aliases(fixture_site: Path) -> None:
    import json

    index = json.loads((fixture_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    records = {f"{p.parent.name}/{p.stem}/" for p in FIXTURE_DATA.glob("*/*.yml")}
    assert records <= locations
    # Pages that only list what record pages say are left out, and so are lists and citations
    # inside pages: the index holds each fact about once.
    for url in ("agreements/", "timeline/", "years/"):
        assert url not in locations
    # A year page is found by its year, and by nothing it lists.
    year = [d for d in index["docs"] if d["location"].startswith("years/2021/")]
    assert year
    assert "2021" in next(d for d in year if d["location"] == "years/2021/")["terms"].split()
    # What pages are found by is in fields results never show; nothing is shown as a chip.
    assert not any("tags" in d for d in index["docs"])
    record = next(d for d in index["docs"] if d["location"].startswith("agreements/") and "#" not in d["location"])
    assert record["names"]
    assert "Harbour Accord" not in " ".join(d["text"] for d in year)
    text = " ".join(d["text"] for d in index["docs"])
    assert "Cite this page" not in text
    assert "@misc" not in text
    assert "[1]" not in text  # citation marks
    person = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("people/quill-marlow/"))
    assert "Kwil Marlowe" in person
    # A spelling folded into another entry (or into the name) stays searchable.
    assert "QUILL-MARLOW" in person
    # A record page is found by its name, other names and summary; its facts name other
    # records, which search finds on their own pages.
    accord = " ".join(d["text"] for d in index["docs"] if d["location"].startswith("agreements/harbour-accord/"))
    assert "Port Accord" in accord
    assert "HA" in accord
    assert "Republic of Landa" not in accord


def test_bad_data_stops_the_build_and_keeps_the_last_good_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert mkdocs_build(site).returncode == 0
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    path = data / "agreements" / "harbour-mou.yml"
    path.write_text(path.read_text().replace("kind: mou", "kind: moe"))
    path = data / "events" / "harbour-talks.yml"
    path.write_text(path.read_text().replace("part_of: harbour-summit", "part_of: harbour-sumit"))
    (data / "sectors" / "broken.yml").write_text("name: [unclosed\n")
    result = mkdocs_build(site, data=data)
    assert result.returncode == 1
    # Every problem is reported (their wording is test_load.py's to check).
    assert "3 problems in the data:" in result.stderr
    for name in ("harbour-mou.yml:2:7:", "harbour-talks.yml:5:10:", "broken.yml:2:1:"):
        assert name in result.stderr
    after = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    assert after == before


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        ("{{ no_such_variable }}", "no_such_variable"),
        ("{{ q.agreement('no-such-record') }}", "no-such-record"),
        ("{% include 'no-such-template.md.j2' %}", "no-such-template"),
    ],
)
def test_a_template_error_fails_the_build(project_copy: Path, tmp_path: Path, page: str, expected: str) -> None:
    (project_copy / "docs" / "broken.md").write_text(f"# Broken\n\n{page}\n", encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", project=project_copy)
    assert result.returncode != 0
    assert expected in result.stdout + result.stderr
    assert not (tmp_path / "site" / "broken" / "index.html").exists()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("{{ a.no_such_field }}", "no_such_field"),
        ("{{ q.agreement('no-such-record') }}", "no-such-record"),
    ],
)
def test_a_template_error_in_a_record_page_fails_the_build(
    project_copy: Path, tmp_path: Path, line: str, expected: str
) -> None:
    # Record pages are rendered by the tracker plugin (tracker/plugin.py): their errors stop
    # the build like any other, and name the page. Inside a block: a template that extends
    # another shows nothing outside its blocks.
    template = project_copy / "tracker" / "templates" / "agreement.md.j2"
    source = template.read_text(encoding="utf-8")
    assert "{% block body -%}\n" in source
    template.write_text(source.replace("{% block body -%}\n", f"{{% block body -%}}\n{line}\n"), encoding="utf-8")
    result = mkdocs_build(tmp_path / "site", project=project_copy)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert expected in output
    assert "agreements/" in output
    assert not (tmp_path / "site" / "agreements" / "index.html").exists()


def test_two_builds_of_the_same_input_are_identical(tmp_path: Path) -> None:
    def digest(site: Path) -> dict[str, str]:
        return {
            str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*"))
            if p.is_file()
        }

    env = {"SOURCE_DATE_EPOCH": "1767225600"}
    for name in ("one", "two"):
        assert mkdocs_build(tmp_path / name, env=env).returncode == 0
    assert digest(tmp_path / "one") == digest(tmp_path / "two")


def test_sitemap_lists_every_page_at_its_absolute_address(fixture_site: Path) -> None:
    import xml.etree.ElementTree as ET

    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    root = ET.parse(fixture_site / "sitemap.xml").getroot()
    urls = [loc.text for loc in root.findall("s:url/s:loc", ns)]
    folders = (p.parent.relative_to(fixture_site).as_posix() for p in fixture_site.rglob("index.html"))
    pages = {SITE_URL if folder == "." else f"{SITE_URL}{folder}/" for folder in folders}
    assert set(urls) == pages
    assert len(urls) == len(set(urls))
    # No <lastmod>: MkDocs would give every page the build's date.
    assert root.findall("s:url/s:lastmod", ns) == []


# Pages of the fixture showing a date worked out rather than stated: the accord's concluded
# negotiations (2020) and the working talks (June 2021) are derived. (The agreements index
# shows when each was signed and entered into force, which the fixture states.)
DERIVED_SHOWN = [
    "",
    "events/",
    "timeline/",
    "years/2020/",
    "years/2021/",
    "sectors/harbours/",
    "agreements/harbour-accord/",
    "events/harbour-talks/",
    "events/harbour-summit/",
    "sources/alpha-report/",
]


@pytest.mark.parametrize("url", DERIVED_SHOWN)
def test_every_view_showing_a_derived_date_marks_it(fixture_site: Path, url: str) -> None:
    page = soup(fixture_site, url).select_one("article")
    marks = page.select("button.tk-derived")
    assert marks, f"{url or 'home'} shows a derived date without its mark"
    for mark in marks:
        # The mark opens its reasoning, on the page, by keyboard or touch: no hover needed.
        why = page.find(id=mark["popovertarget"])
        assert why is not None
        assert why.has_attr("popover")
        # What was worked out: a date, or (a figure's) the currency, the period, the value.
        assert why.get_text(strip=True).startswith(("Derived date.", "Derived currency.", "Derived period."))


def test_no_page_shows_a_derived_date_without_its_mark(fixture_site: Path) -> None:
    """Every row, item or card of every page giving the working talks (dated June 2021 by
    derivation) with their date carries the mark."""
    seen = 0
    for path in fixture_site.rglob("index.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select_one("article")
        if page is None:
            continue
        for why in page.select("[popover]"):
            why.decompose()
        for row in page.select("tr, li, p"):
            if row.find(["tr", "li", "p"]):
                continue  # the innermost only
            if row.find("a", href=lambda h: h and "harbour-talks/" in h) and "June 2021" in row.get_text():
                seen += 1
                assert row.select_one("button.tk-derived"), f"{path}: {row.get_text(' ', strip=True)}"
    assert seen >= 5  # events index, timeline, year, sector, the summit (its parts)
