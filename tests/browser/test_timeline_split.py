"""The timeline split by year (views/timeline.py), built from the fixture with every index and
the timeline split (conftest's split_site, the plugin's index_rows at 1): a bar per year
linking its page, a table linking every year's page with its counts, and the latest year's
entries alone; read in Chromium with axe, and on a phone."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_DATA
from playwright.sync_api import Browser

from tracker.load import load
from tracker.queries import Queries


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_split_timeline_links_every_year_page_and_lists_one_year(split_site: Path) -> None:
    q = Queries(load(FIXTURE_DATA), index_rows=1)
    view = q.timeline()
    assert view.split
    article = soup(split_site, "timeline").select_one("article")
    # Every year with a milestone or event, latest first, with its counts, linking its page.
    rows = article.select(".tk-years tbody tr")
    table = [[td.get_text(strip=True) for td in tr.find_all("td")] for tr in rows]
    assert table == [[str(n.year), str(n.milestones), str(n.events)] for n in view.counts]
    assert [row[0] for row in table] == ["2022", "2021", "2020"]
    for tr in rows:
        year = tr.a.get_text()
        assert tr.a["href"] == f"../years/{year}/"
        milestones, events = (int(td.get_text()) for td in tr.find_all("td")[1:])
        # The year's page lists that many entries.
        assert len(soup(split_site, f"years/{year}").select("li.tk-entry")) == milestones + events, year
    # The chart: a bar per year, each linking its page; no dot per entry.
    bars = article.select(".tk-histogram svg a")
    assert [a["xlink:href"] for a in bars] == ["../years/2020/", "../years/2021/", "../years/2022/"]
    assert all((split_site / "years" / a["xlink:href"][9:] / "index.html").exists() for a in bars)
    assert article.select(".tk-axis__dot--event") == []
    assert article.select("svg circle") == []
    # The entries of the latest year alone, under its heading; the note says where the rest are.
    assert [h2["id"] for h2 in article.select(".tk-timeline h2")] == ["year-2022"]
    assert len(article.select("li.tk-entry")) == 2
    assert "There are 6 milestones and events" in article.select_one(".tk-split").get_text(" ")
    assert article.select_one(".tk-split a[href='#every-year']") is not None
    assert article.find(id="every-year") is not None
    # Small: what the page links is the years and that one year's records and sources, not
    # every entry's record (the whole timeline of this fixture links all 6 of them).
    entry_links = {a["href"] for a in article.select("li.tk-entry a[href]") if not a["href"].startswith("#")}
    assert entry_links == {"../agreements/harbour-accord/", "../agreements/harbour-mou/"}
    # The home page's link says what the timeline is now.
    home = soup(split_site, "").select_one("article")
    assert home.find("a", string="Every milestone and event, year by year →") is not None


def test_the_whole_timeline_is_unchanged_below_the_threshold(fixture_site: Path) -> None:
    article = soup(fixture_site, "timeline").select_one("article")
    assert article.select_one(".tk-histogram") is None
    assert article.find(id="every-year") is None
    assert len(article.select(".tk-axis svg a")) == 6
    home = soup(fixture_site, "").select_one("article")
    assert home.find("a", string="Every milestone and event on one time axis →") is not None


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_the_split_timeline(browser: Browser, split_url: str, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(split_url + "timeline/", wait_until="load")
    results = Axe().run(page)
    page.close()
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.browser
def test_on_a_phone_the_split_timeline_opens_at_its_latest_year(browser: Browser, split_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(split_url + "timeline/", wait_until="load")
    box = page.locator(".tk-histogram").first
    box.scroll_into_view_if_needed()
    state = box.evaluate(
        """el => {
          const labels = [...el.querySelectorAll('text')];
          const last = labels[labels.length - 1].getBoundingClientRect();
          const b = el.getBoundingClientRect();
          return {lastVisible: last.left >= b.left && last.right <= b.right + 1};
        }"""
    )
    assert state["lastVisible"]
    assert page.locator(".tk-scrollhint").first.is_visible()
    # Nothing wider than the screen but the chart's own box, which scrolls.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    context.close()
    assert errors == []
