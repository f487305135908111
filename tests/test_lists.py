"""A collection's index sorts and filters in the browser, keeps that in its address, and is
the whole table without JavaScript (on the real data: the agreements index)."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

MOU = "Memorandum of understanding"


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield page
    context.close()
    assert errors == []


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
    assert heads == ["Agreement", "Kind", "Status", "Parties", "Sectors", "Signed", "In force"]
    assert page.locator(".tk-list tbody tr").count() > 30
    assert page.locator(".tk-filters").count() == 0
    context.close()


def test_filter_by_kind_and_year_with_a_count_kept_in_the_address(tab: Page, real_url: str) -> None:
    tab.goto(real_url + "agreements/", wait_until="load")
    total = tab.locator(".tk-list tbody tr").count()
    expect(tab.locator(".tk-filters__count")).to_have_text(f"Showing {total} of {total} agreements.")
    tab.get_by_label("Kind", exact=True).select_option(MOU)
    shown = rows(tab)
    assert 0 < len(shown) < total
    assert all(r[1] == MOU for r in shown)
    expect(tab.locator(".tk-filters__count")).to_have_text(f"Showing {len(shown)} of {total} agreements.")
    tab.get_by_label("Signed (year)", exact=True).select_option("2026")
    both = rows(tab)
    assert 0 < len(both) <= len(shown)
    assert all(r[1] == MOU and r[5].startswith("2026") for r in both)
    query = parse_qs(urlsplit(tab.url).query)
    assert query == {"kind": [MOU], "signed": ["2026"]}
    # The address, shared, opens the same list.
    tab.goto(tab.url, wait_until="load")
    assert rows(tab) == both
    tab.get_by_role("button", name="Show all").click()
    assert len(rows(tab)) == total


def test_sort_by_any_column_dates_as_dates(tab: Page, real_url: str) -> None:
    tab.goto(real_url + "agreements/", wait_until="load")
    signed = tab.get_by_role("button", name="Sort by Signed")
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
    assert parse_qs(urlsplit(tab.url).query) == {"sort": ["signed"], "order": ["desc"]}
    tab.get_by_role("button", name="Sort by Agreement").click()
    names = [r[0].lower() for r in rows(tab)]
    assert names == sorted(names)
