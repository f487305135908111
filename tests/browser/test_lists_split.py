"""An index split by year, built and read in Chromium: the fixture with every index of more
than one row split (conftest's split_site, the plugin's index_rows at 1). Its year pages hold
every row once and link back; the published list holds every record; and on the index the
filters and the sort search every record, shared by address, with or without JavaScript."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_DATA
from filters import choose, toggle
from playwright.sync_api import Browser, Page, expect

from tracker.load import load
from tracker.queries import Queries

FTA = "Free trade agreement"


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def first_links(page: BeautifulSoup, column: int = 0) -> list[str]:
    """The page each row of the index's table links first, in the given column."""
    rows = page.select(".tk-list tbody tr")
    return [str(row.find_all("td")[column].a["href"]) for row in rows]


@pytest.mark.parametrize(("collection", "column"), [("agreements", 0), ("events", 1), ("sources", 1)])
def test_every_row_is_on_exactly_one_year_page_which_links_back(split_site: Path, collection: str, column: int) -> None:
    q = Queries(load(FIXTURE_DATA), index_rows=1)
    table = q.table(collection)
    index = soup(split_site, collection)
    years = index.select(".tk-years tbody tr a")
    assert [a.get_text() for a in years] == [g.label for g in q.listing(collection).groups]
    found: list[str] = []
    for a in years:
        page = soup(split_site, f"{collection}/{a['href']}")
        found += [h.strip("./").split("/")[-1] for h in first_links(page, column)]
        # Back to the index, and the path and tab of the section.
        assert any(link["href"] in ("../", "../#every-year") for link in page.select("article a"))
        assert page.select_one(".md-tabs__item--active a").get_text(strip=True) == table.noun.capitalize()
        assert (
            page.select_one(".md-path__item [aria-current=page]")
            .get_text(strip=True)
            .startswith(table.noun.capitalize())
        )
    assert sorted(found) == sorted(r.record.id for r in table.rows)
    # The index shows the latest year's rows, and says how the years are chosen.
    latest = q.listing(collection)
    shown = [h.strip("./").split("/")[-1] for h in first_links(index, column)]
    assert shown == [r.record.id for r in latest.rows]
    assert table.rule in index.select_one(".tk-split").get_text(" ")
    # A split index opens at its latest year, so it does not call itself "oldest first".
    assert "oldest first" not in index.select_one("article").get_text(" ")


def test_the_published_list_holds_every_record_and_the_page_names_it(split_site: Path) -> None:
    q = Queries(load(FIXTURE_DATA), index_rows=1)
    for table in q.split_tables():
        body = json.loads((split_site / "api" / "v1" / "lists" / f"{table.collection}.json").read_text("utf-8"))
        assert [r["id"] for r in body["rows"]] == [r.record.id for r in table.rows]
        box = soup(split_site, table.collection).select_one(".tk-list")
        assert box["data-tk-source"] == f"../api/v1/lists/{table.collection}.json"
        assert box["data-tk-total"] == str(len(table.rows))
        assert json.loads(str(box["data-tk-filters"])) == table.filter_specs()
    # A link of the list, from the site's root, is a page of the site.
    links = json.loads((split_site / "api/v1/lists/agreements.json").read_text("utf-8"))["links"]
    assert all((split_site / href / "index.html").exists() for _, href in links)


def test_year_pages_are_in_the_sitemap_but_not_searched(split_site: Path) -> None:
    sitemap = (split_site / "sitemap.xml").read_text("utf-8")
    assert "/agreements/2021/</loc>" in sitemap
    assert "/agreements/undated/</loc>" in sitemap
    search = json.loads((split_site / "search" / "search_index.json").read_text("utf-8"))
    assert not [d for d in search["docs"] if re.match(r"agreements/(\d{4}|undated)/", d["location"])]


# -- in Chromium --------------------------------------------------------------------------------


def names(tab: Page) -> list[str]:
    return tab.locator(".tk-list tbody tr").evaluate_all("trs => trs.map(tr => tr.cells[0].textContent.trim())")


def count(tab: Page) -> str:
    box = tab.locator(".tk-filters__count")
    expect(box).to_have_text(re.compile(r"^Showing"))
    return box.inner_text()


@pytest.mark.browser
def test_a_filter_finds_records_that_are_not_on_the_index_page(tab: Page, split_url: str) -> None:
    tab.goto(split_url + "agreements/", wait_until="load")
    own = names(tab)
    assert count(tab) == f"Showing {len(own)} of 3 agreements (2022)."
    assert "Harbour Accord" not in own  # signed in 2021
    choose(tab, "Kind", FTA)
    assert count(tab) == "Showing 1 of 3 agreements."
    assert names(tab) == ["Harbour Accord"]
    # Its cells are the year page's, links included (to the pages, from this page's address).
    row = tab.locator(".tk-list tbody tr").first
    # Its marks too: the signing's date is one of two accounts (the popover is closed).
    assert row.locator("td").nth(5).inner_text() == "signed 14 June 2021 accounts differ"
    assert row.locator("td").nth(5).locator("button.tk-accounts + [popover] a").count() == 2
    assert row.locator("[data-sort]").first.get_attribute("data-sort") == "2021-06-14"
    assert parse_qs(urlsplit(tab.url).query) == {"kind": ["free-trade-agreement"]}
    # The address, shared, opens the same list.
    tab.goto(tab.url, wait_until="load")
    assert count(tab) == "Showing 1 of 3 agreements."
    assert names(tab) == ["Harbour Accord"]
    row.get_by_role("link", name="Republic of Landa").click()
    expect(tab).to_have_url(re.compile(r"/organisations/land-a/$"))
    tab.go_back()
    expect(tab.locator(".tk-list tbody tr")).to_have_count(1)
    tab.get_by_role("button", name="Reset").click()
    assert names(tab) == own
    assert urlsplit(tab.url).query == ""


@pytest.mark.browser
def test_sorting_a_split_index_sorts_every_record(tab: Page, split_url: str) -> None:
    tab.goto(split_url + "agreements/", wait_until="load")
    tab.get_by_role("button", name="Sort by Date").click()
    assert count(tab) == "Showing 3 of 3 agreements."
    dates = tab.locator(".tk-list tbody tr").evaluate_all(
        "trs => trs.map(tr => (tr.cells[5].querySelector('[data-sort]') || {dataset: {}}).dataset.sort || '')"
    )
    filled = [d for d in dates if d]
    assert len(dates) == 3
    assert filled == sorted(filled)
    assert dates[: len(filled)] == filled
    expect(tab.locator(".tk-list th").nth(5)).to_have_attribute("aria-sort", "ascending")
    tab.get_by_role("button", name="Sort by Agreement").click()
    tab.get_by_role("button", name="Sort by Agreement").click()
    assert names(tab) == sorted(names(tab), key=str.lower, reverse=True)
    assert parse_qs(urlsplit(tab.url).query) == {"sort": ["agreement"], "order": ["desc"]}


@pytest.mark.browser
def test_a_year_page_filters_its_own_rows(tab: Page, split_url: str) -> None:
    tab.goto(split_url + "agreements/2021/", wait_until="load")
    assert count(tab) == "Showing 1 of 1 agreements."
    assert tab.locator(".md-tabs__item--active").inner_text().strip() == "Agreements"
    # Its own year is the only one its rows have: no filter offers that one choice.
    assert toggle(tab, "Date (year)").count() == 0


@pytest.mark.browser
def test_a_party_to_many_agreements_leads_to_them_by_year(tab: Page, split_url: str) -> None:
    # land-a is a party to more agreements than index_rows (1): its page counts them by the
    # index's years, and each count leads to that year's page filtered to it.
    q = Queries(load(FIXTURE_DATA), index_rows=1)
    view = q.organisation("land-a")
    assert view.party_years is not None
    tab.goto(split_url + "organisations/land-a/", wait_until="load")
    party = tab.locator("#party-to").locator("xpath=following::table[1]")
    years = party.locator("tbody tr")
    expect(years).to_have_count(len(view.party_years.years))
    for i, year in enumerate(view.party_years.years):
        assert years.nth(i).locator("td").all_inner_texts() == [year.label, str(year.count)]
    years.first.get_by_role("link").click()
    expect(tab).to_have_url(re.compile(r"/agreements/\d{4}/\?parties=land-a$"))
    expect(tab.locator(".tk-list tbody tr")).to_have_count(view.party_years.years[0].count)
    for row in tab.locator(".tk-list tbody tr").all():
        assert "Republic of Landa" in row.locator("td").nth(3).inner_text()
    tab.go_back()
    tab.get_by_role("link", name="agreements index").click()
    expect(toggle(tab, "Parties")).to_have_text("Parties: Republic of Landa")
    assert count(tab) == f"Showing {view.party_years.total} of 3 agreements."


@pytest.mark.browser
def test_without_javascript_the_year_links_reach_every_row(browser: Browser, split_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(split_url + "agreements/")
    assert page.locator(".tk-filters").count() == 0
    seen: set[str] = set()
    years = page.locator(".tk-years tbody a").evaluate_all("as => as.map(a => a.href)")
    for url in years:
        page.goto(url)
        seen |= set(page.locator(".tk-list tbody tr td:first-child a").all_inner_texts())
    context.close()
    q = Queries(load(FIXTURE_DATA))
    assert seen == {r.record.label for r in q.table("agreements").rows}


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_violations_on_a_split_index_and_a_year_page(
    browser: Browser, split_url: str, scheme: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    # The index as it opens, with rows built from the published list, and a year's page.
    # With a filter's panel open, and a value the list does not have said.
    for url in ("agreements/", "agreements/?kind=free-trade-agreement&sectors=nowhere", "agreements/2021/"):
        page.goto(split_url + url, wait_until="load")
        count(page)
        page.locator(".tk-filters__toggle").first.click()
        results = Axe().run(page)
        assert results.violations_count == 0, f"{url}: {results.generate_report()}"
    page.close()
