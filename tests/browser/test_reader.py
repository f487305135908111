"""The reader's experience: accessibility (axe-core), keyboard use, links, the visual timeline."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from bs4 import BeautifulSoup
from chromium import serve
from playwright.sync_api import Browser, Page, expect

PAGES = {
    "home": "",
    "agreement": "agreements/harbour-accord/",
    "hostile agreement": "agreements/hostile-accord/",
    "event": "events/harbour-summit/",
    "sector": "sectors/harbours/",
    "year": "years/2021/",
    "person": "people/quill-marlow/",
    "organisation": "organisations/land-a/",
    "source": "sources/alpha-report/",
    "figure": "figures/harbour-count/",
    "series": "series/harbour-tonnage/",
    "timeline": "timeline/",
    "treaties": "treaties/",
    "disagreements": "disagreements/",
    "agreements index": "agreements/",
    "events index": "events/",
    "sectors index": "sectors/",
    "years index": "years/",
    "people index": "people/",
    "organisations index": "organisations/",
    "sources index": "sources/",
    "figures index": "figures/",
    "series index": "series/",
    "data": "data/",
    "changes": "changes/",
    "method": "method/",
    "about": "about/",
    "not found": "404.html",
}


def html(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def built(site: Path, page_url: str, href: str) -> Path:
    path = urlsplit(urljoin("http://x/" + page_url, href)).path.lstrip("/")
    return site / path / "index.html" if path.endswith("/") or not path else site / path


# -- pages as built ----------------------------------------------------------------------------


def test_time_axis_places_every_entry_and_links_to_its_page(fixture_site: Path) -> None:
    axis = html(fixture_site, "timeline/").select_one(".tk-axis svg")
    dots = axis.select("a")
    assert len(dots) == 6  # two events and four milestones
    for a in dots:
        assert a["xlink:href"].startswith("../")
        assert built(fixture_site, "timeline/", a["xlink:href"]).exists(), a["xlink:href"]
        assert a["aria-label"] == a.title.get_text()
    labels = {a["aria-label"]: a for a in dots}
    ticks = {int(t.get_text()): float(t["x"]) for t in axis.select("text")}
    assert list(ticks)[:3] == [2020, 2021, 2022]
    # A day is a point on that day; a month or a year is a bar across all of it.
    # A date's marks are part of its name (the records keeps two accounts of the signing's).
    day = labels[
        "14 June 2021 (accounts differ: the documents give this date in 2 accounts) · Harbour Accord: Signed"
    ].circle
    assert ticks[2021] < float(day["cx"]) < ticks[2022]
    year = labels["2020 (date worked out, not stated) · Harbour Accord: Negotiations concluded"].rect
    assert float(year["x"]) == ticks[2020]
    assert float(year["x"]) + float(year["width"]) == ticks[2021]
    month = labels["June 2021 (date worked out, not stated) · Harbour working talks"].rect
    assert ticks[2021] < float(month["x"]) < float(month["x"]) + float(month["width"]) < ticks[2022]


def test_home_page_shows_a_bar_per_year_linking_to_it(fixture_site: Path) -> None:
    bars = html(fixture_site, "").select_one(".tk-histogram svg").select("a")
    assert [a["xlink:href"] for a in bars] == ["years/2020/", "years/2021/", "years/2022/"]
    assert bars[1]["aria-label"] == "2021: 1 milestone and 2 events"
    for a in bars:
        assert built(fixture_site, "", a["xlink:href"]).exists()


def test_timeline_lists_every_entry_under_its_year_with_gaps_said(fixture_site: Path) -> None:
    page = html(fixture_site, "timeline/").select_one(".tk-timeline")
    years = [h2["id"] for h2 in page.find_all("h2")]
    assert years == ["year-2020", "year-2021", "year-2022"]
    assert len(page.select("li.tk-entry")) == 6
    assert len(page.select("li.tk-entry--event")) == 2


def test_sector_by_year_grid_links_each_count_to_what_it_counts(fixture_site: Path) -> None:
    grid = html(fixture_site, "sectors/").select_one(".tk-grid table")
    # Newest years first, under their decade; each year leads to its page.
    years = grid.select("thead .tk-heat__years th")
    assert [th.get_text(strip=True) for th in years] == ["2022", "2021", "2020"]
    assert all(th["scope"] == "col" and built(fixture_site, "sectors/", th.a["href"]).exists() for th in years)
    assert [(th.get_text(strip=True), th["colspan"]) for th in grid.select(".tk-heat__decades th[scope=colgroup]")] == [
        ("2020s", "3")
    ]
    totals = [c.get_text(strip=True) for c in grid.select_one(".tk-heat__totals").find_all(["th", "td"])]
    assert totals == ["All sectors", "5", "2", "2", "1"]
    row = next(tr for tr in grid.select("tbody tr") if tr.th.get_text(strip=True) == "Harbours")
    assert row.th["scope"] == "row"  # each count is read with its sector and its year
    assert [td.get_text(strip=True) for td in row.find_all("td")] == ["5", "2", "2", "1"]
    # Each count's shade is its band's (tracker/views/sectors.py HEAT), and the key names them all.
    assert [td["class"][0] for td in row.find_all("td")[1:]] == ["tk-heat--2", "tk-heat--2", "tk-heat--1"]
    key = html(fixture_site, "sectors/").select_one(".tk-heat__key").get_text(" ", strip=True)
    assert all(band in key for band in ("1", "2", "3–4", "5–7", "8 or more"))
    for a in row.select("td a"):
        target = built(fixture_site, "sectors/", a["href"])
        fragment = urlsplit(a["href"]).fragment
        section = BeautifulSoup(target.read_text(), "html.parser").find(id=fragment)
        assert section is not None, a["href"]
        entries = section.find_next("ul").select("li.tk-entry")
        assert len(entries) == int(a.get_text()), a["href"]


def test_agreement_lifecycle_shows_the_current_status(fixture_site: Path) -> None:
    page = html(fixture_site, "agreements/harbour-accord/")
    for why in page.select("[popover]"):  # a derived mark's reasoning, shown when it is pressed
        why.decompose()
    assert page.select_one(".tk-now").get_text(" ", strip=True) == "Now: In force since February 2022."
    # Each step in order with its date at the precision the sources give.
    assert [li.get_text(" ", strip=True) for li in page.select(".tk-lifecycle li")] == [
        "Negotiations concluded 2020 derived",
        "Signed 14 June 2021 accounts differ",
        "Entered into force February 2022",
    ]


def test_cite_this_page_gives_text_and_bibtex_with_the_permalink(fixture_site: Path) -> None:
    block = html(fixture_site, "agreements/harbour-accord/").select_one("details.tk-citeblock")
    # Under a heading of its own (in the table of contents), the block opens on the text and BibTeX.
    assert block.find_previous_sibling("h2")["id"] == "cite-this-page"
    assert block.summary.get_text() == "As text or BibTeX"
    text = block.p.get_text(" ", strip=True)
    assert "“Harbour Accord”" in text
    assert "http://127.0.0.1:8000/agreements/harbour-accord/" in text
    bibtex = block.pre.get_text()
    assert bibtex.startswith("@misc{kstracker:agreements:harbour-accord,")
    assert "title        = {Harbour Accord}," in bibtex
    assert r"howpublished = {\url{http://127.0.0.1:8000/agreements/harbour-accord/}}," in bibtex
    hostile = html(fixture_site, "agreements/hostile-accord/").select_one("details.tk-citeblock pre").get_text()
    assert r"title        = {Hostile <b>Accord</b> \{\{ config \}\}}," in hostile


def test_not_found_page_offers_ways_in(fixture_site: Path) -> None:
    page = BeautifulSoup((fixture_site / "404.html").read_text(), "html.parser")
    assert page.select_one("article h1").get_text() == "Page not found"
    assert [a.get_text() for a in page.select("article li a")] == [
        "All agreements",
        "The timeline",
        "Sectors",
        "Sources",
    ]


# -- links, checked by LinkChecker ---------------------------------------------------------------

LINKCHECKER_CONFIG = "[checking]\nthreads=10\nmaxrequestspersecond=1000\n[AnchorCheck]\n"


def linkcheck(site: Path, config: Path) -> subprocess.CompletedProcess:
    with serve(site) as base:
        return subprocess.run(
            [str(Path(sys.executable).parent / "linkchecker"), "-f", str(config), "--no-status", base],
            capture_output=True,
            text=True,
            check=False,
            timeout=600,
        )


def test_every_internal_link_resolves_and_a_broken_one_is_caught(fixture_site: Path, tmp_path: Path) -> None:
    # One crawl of the whole site with one broken link added: the checker reports that link
    # and nothing else, so every link the build wrote resolves, and a broken one would not
    # go unseen. Anchors are not asserted here: LinkChecker, run as root, reads its
    # AnchorCheck settings or not depending on the temporary folder's permissions. Every
    # anchor is checked by test_build.py (and by MkDocs' strict link validation) instead.
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    about = site / "about" / "index.html"
    about.write_text(about.read_text().replace("</article>", '<a href="../no-such-page/">gone</a></article>'))
    config = tmp_path / "linkcheckerrc"
    config.write_text(LINKCHECKER_CONFIG)
    result = linkcheck(site, config)
    assert result.returncode == 1, result.stdout
    checked = re.search(
        r"(\d+) links? in (\d+) URLs? checked\. (\d+) warnings? found\. (\d+) errors? found", result.stdout
    )
    assert checked, result.stdout
    assert int(checked.group(2)) > 100, "the checker did not crawl the site"
    assert int(checked.group(4)) == 1, result.stdout
    assert re.findall(r"^URL\s+`([^']*)'", result.stdout, re.M) == ["../no-such-page/"], result.stdout


# -- in the browser: axe-core and the keyboard ---------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_no_violations(browser: Browser, base_url: str, name: str, scheme: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    response = page.goto(base_url + PAGES[name], wait_until="load")
    assert response is not None
    assert response.ok or name == "not found", PAGES[name]
    results = Axe().run(page)
    page.close()
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
def test_axe_on_a_phone(browser: Browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844})
    for url in ("", "agreements/harbour-accord/", "sectors/"):
        page.goto(base_url + url, wait_until="load")
        results = Axe().run(page)
        assert results.violations_count == 0, results.generate_report()
    page.close()


def tab_through(page: Page, limit: int = 500) -> set[str]:
    """Press Tab until focus comes round to the first element again; return what got focus.

    Links are marked with a number first: Material adds elements (tooltips) as focus moves,
    so positions in the document would not stay put.
    """
    page.eval_on_selector_all(
        "a[href], button, input, summary, [tabindex]", "els => els.forEach((e, i) => e.dataset.k = i)"
    )
    seen: list[str] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.dataset.k || null")
        if seen and focused == seen[0]:
            break
        if focused is not None:
            seen.append(focused)
    return set(seen)


@pytest.mark.browser
def test_every_link_in_the_article_is_reachable_by_keyboard(browser: Browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    for url in ("agreements/harbour-accord/", "timeline/"):
        page.goto(base_url + url, wait_until="load")
        reached = tab_through(page)
        # Links inside a closed <details> (the citation block) or a closed popover (an "accounts
        # differ" mark's) are reachable once it is opened.
        links = page.eval_on_selector_all(
            "article a[href]:not(.headerlink)",
            "els => els.filter(e => !e.closest('details:not([open]), [popover]:not(:popover-open)'))"
            ".map(e => e.dataset.k)",
        )
        assert len(links) > 10
        missing = [k for k in links if k not in reached]
        assert missing == [], f"{url}: {len(missing)} of {len(links)} links not reachable by Tab"
    page.close()


@pytest.mark.browser
def test_cite_block_opens_from_the_keyboard(browser: Browser, base_url: str) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "agreements/harbour-accord/", wait_until="load")
    summary = page.locator("details.tk-citeblock summary")
    summary.focus()
    page.keyboard.press("Enter")
    assert page.locator("details.tk-citeblock").get_attribute("open") is not None
    assert page.locator("details.tk-citeblock pre").is_visible()
    page.close()


# -- a record page at a glance -------------------------------------------------------------------

RECORD_PAGES = [PAGES[k] for k in ("agreement", "hostile agreement", "event", "person", "organisation", "source")]


@pytest.mark.browser
def test_a_record_page_uses_the_width_it_has(browser: Browser, base_url: str) -> None:
    """At 1280 px a record page (out of the navigation) gives no column to an empty navigation:
    its content starts where the breadcrumb's grid does and is as wide as a section index's,
    and the milestones' details are the widest column of their table, which does not scroll."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(base_url + "agreements/", wait_until="load")
    index = page.locator(".md-content").bounding_box()
    page.goto(base_url + "agreements/harbour-accord/", wait_until="load")
    assert not page.locator(".md-sidebar--primary").is_visible()
    content = page.locator(".md-content").bounding_box()
    assert index is not None
    assert content is not None
    assert content["width"] == pytest.approx(index["width"], abs=1)
    assert content["width"] > 1280 / 2
    widths = page.eval_on_selector_all(
        ".tk-milestones tbody tr:first-child td", "tds => tds.map(td => td.getBoundingClientRect().width)"
    )
    assert max(widths) == widths[-1], widths
    assert widths[-1] > sum(widths) / 3, widths
    box = page.locator(".tk-milestones .md-typeset__scrollwrap")
    assert box.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    page.close()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 390])
def test_the_summary_box_fits_and_nothing_overflows(browser: Browser, base_url: str, width: int) -> None:
    """The summary box is the first thing under the title, inside the page at 1280 and 390 px;
    no page is wider than the screen, and "Cite this page" in it leads to the heading."""
    page = browser.new_page(viewport={"width": width, "height": 844})
    for url in RECORD_PAGES:
        page.goto(base_url + url, wait_until="load")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width, url
        title = page.locator("article h1").bounding_box()
        summary = page.locator(".tk-summary").bounding_box()
        assert title is not None
        assert summary is not None
        assert summary["y"] > title["y"]
        # The box's first line is in the first screen: the reader sees it without scrolling.
        assert summary["y"] < 844, url
        # Every piece of the box within it and within the screen.
        outside = page.eval_on_selector_all(
            ".tk-summary dt, .tk-summary dd, .tk-summary a",
            f"""els => els.filter(e => {{ const r = e.getBoundingClientRect();
                return r.width && (r.right > {width} + 0.5 || r.left < -0.5); }}).map(e => e.textContent)""",
        )
        assert outside == [], url
        page.locator(".tk-summary__cite a").click()  # Material's script makes every href absolute
        page.wait_for_function("() => location.hash === '#cite-this-page'")
        # Waited for: Material's instant navigation handles the click and may swap the content.
        expect(page.locator("h2#cite-this-page")).to_be_in_viewport()
    page.close()
