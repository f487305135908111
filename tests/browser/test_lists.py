"""A collection's index sorts and filters in the browser, keeps that in its address, and is
the whole table without JavaScript (on the real data: the agreements, sources and
organisations indexes; an index split by year: test_lists_split.py)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from filters import choose, first_choice
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

MOU = "Memorandum of understanding"
NEWS = "News report"
MINISTRY = "Ministry"


def rows(tab: Page) -> list[list[str]]:
    return tab.locator(".tk-list tbody tr:not([hidden])").evaluate_all(
        """trs => trs.map(tr => [...tr.cells].map(
             td => (td.querySelector('[data-sort]') || {}).dataset?.sort ?? td.textContent.trim()))"""
    )


def test_without_javascript_the_whole_table_is_there(browser: Browser, real_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(real_url + "agreements/")
    heads = page.locator(".tk-list thead th").all_inner_texts()
    assert heads == ["Agreement", "Kind", "Status", "Parties", "Sectors", "Date", "In force"]
    assert page.locator(".tk-list tbody tr").count() > 30
    assert page.locator(".tk-filters").count() == 0
    context.close()


def test_filter_by_kind_and_year_with_a_count_kept_in_the_address(tab: Page, real_url: str) -> None:
    tab.goto(real_url + "agreements/", wait_until="load")
    total = tab.locator(".tk-list tbody tr").count()
    expect(tab.locator(".tk-filters__count")).to_have_text(f"Showing {total} of {total} agreements.")
    choose(tab, "Kind", MOU)
    shown = rows(tab)
    assert 0 < len(shown) < total
    assert all(r[1] == MOU for r in shown)
    expect(tab.locator(".tk-filters__count")).to_have_text(f"Showing {len(shown)} of {total} agreements.")
    choose(tab, "Date (year)", "2026")
    both = rows(tab)
    assert 0 < len(both) <= len(shown)
    assert all(r[1] == MOU and r[5].startswith("2026") for r in both)
    query = parse_qs(urlsplit(tab.url).query)
    assert query == {"kind": ["mou"], "year": ["2026"]}  # keys, not labels
    # The address, shared, opens the same list.
    tab.goto(tab.url, wait_until="load")
    assert rows(tab) == both
    tab.get_by_role("button", name="Show all").click()
    assert len(rows(tab)) == total


def test_sort_by_any_column_dates_as_dates(tab: Page, real_url: str) -> None:
    tab.goto(real_url + "agreements/", wait_until="load")
    signed = tab.get_by_role("button", name="Sort by Date")
    signed.focus()
    tab.keyboard.press("Enter")  # a keyboard reaches and works every sort button
    dates = [r[5] for r in rows(tab)]
    filled = [d for d in dates if d]
    assert filled == sorted(filled)  # ISO at its precision: "2006" before "2006-03" before "2006-03-14"
    assert dates[: len(filled)] == filled  # undated rows last
    expect(tab.locator(".tk-list th").nth(5)).to_have_attribute("aria-sort", "ascending")
    signed.click()
    dates = [r[5] for r in rows(tab) if r[5]]
    assert dates == sorted(dates, reverse=True)
    expect(tab.locator(".tk-list th").nth(5)).to_have_attribute("aria-sort", "descending")
    assert parse_qs(urlsplit(tab.url).query) == {"sort": ["date"], "order": ["desc"]}
    tab.get_by_role("button", name="Sort by Agreement").click()
    names = [r[0].lower() for r in rows(tab)]
    assert names == sorted(names)


def column(tab: Page, at: int) -> list[str]:
    return [r[at] for r in rows(tab)]


def test_sources_filter_by_kind_publisher_and_year_and_sort_by_date(tab: Page, real_url: str) -> None:
    tab.goto(real_url + "sources/", wait_until="load")
    total = tab.locator(".tk-list tbody tr").count()
    toggles = tab.locator(".tk-filters__toggle").all_inner_texts()
    assert toggles == ["Date (year): all", "Kind: all", "Publisher: all"]
    choose(tab, "Kind", NEWS)
    news = rows(tab)
    assert 0 < len(news) < total
    assert all(r[2] == NEWS for r in news)
    expect(tab.locator(".tk-filters__count")).to_have_text(f"Showing {len(news)} of {total} sources.")
    key, chosen = first_choice(tab, "Publisher")
    choose(tab, "Publisher", chosen)
    assert all(r[3] == chosen and r[2] == NEWS for r in rows(tab))
    assert parse_qs(urlsplit(tab.url).query) == {"kind": ["news-report"], "publisher": [key]}
    tab.get_by_role("button", name="Show all").click()
    tab.get_by_role("button", name="Sort by Date").click()
    dates = [d for d in column(tab, 0) if re.fullmatch(r"\d{4}(-\d\d){0,2}", d)]
    assert len(dates) > total / 2
    assert dates == sorted(dates)


def test_organisations_filter_by_kind_and_country_and_sort_by_name(tab: Page, real_url: str) -> None:
    tab.goto(real_url + "organisations/", wait_until="load")
    total = tab.locator(".tk-list tbody tr").count()
    assert total > 30
    assert tab.locator(".tk-filters__toggle").all_inner_texts() == ["Kind: all", "Country: all"]
    choose(tab, "Kind", MINISTRY)
    choose(tab, "Country", "Singapore")
    found = rows(tab)
    assert found
    assert all(r[1] == MINISTRY and r[2] == "Singapore" for r in found)
    expect(tab.locator(".tk-filters__count")).to_have_text(f"Showing {len(found)} of {total} organisations.")
    tab.get_by_role("button", name="Show all").click()
    tab.get_by_role("button", name="Sort by Organisation").click()
    names = [n.lower() for n in column(tab, 0)]
    assert len(names) == total
    assert names == sorted(names)
