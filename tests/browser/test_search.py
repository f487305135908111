"""Search on the real data, as readers type it: each query must put its meant page first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser

# What a reader types, and the page it must put first.
QUERIES = [
    ("KSFTA", "agreements/korea-singapore-free-trade-agreement/"),
    ("FTA", "agreements/korea-singapore-free-trade-agreement/"),
    ("Korea-Singapore FTA", "agreements/korea-singapore-free-trade-agreement/"),
    ("free trade agreement", "agreements/korea-singapore-free-trade-agreement/"),
    ("KSDPA", "agreements/korea-singapore-digital-partnership-agreement/"),
    ("digital partnership", "agreements/korea-singapore-digital-partnership-agreement/"),
    ("SMR", "agreements/mou-2026-small-modular-reactors/"),
    ("small modular reactors", "agreements/mou-2026-small-modular-reactors/"),
    ("AI", "sectors/artificial-intelligence/"),
    ("2023", "years/2023/"),
    ("2006", "years/2006/"),
    ("MTI", "organisations/sg-ministry-of-trade-and-industry/"),
    ("MOTIE", "organisations/kr-ministry-of-trade-industry-and-energy/"),
    ("IMDA", "organisations/infocomm-media-development-authority/"),
    ("MFA", "organisations/sg-ministry-of-foreign-affairs/"),
    ("EMA", "organisations/energy-market-authority/"),
]


@pytest.fixture(scope="module")
def tab(browser: Browser, real_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(real_url, wait_until="load")
    yield page
    context.close()


def first_results(tab: Page, query: str) -> list[str]:
    tab.locator("label.md-search__icon, .md-search__input").first.click()
    box = tab.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material's search listens for key events, not for fill()
    meta = tab.locator(".md-search-result__meta")
    expect(meta).not_to_have_text("Initializing search", timeout=15_000)
    expect(tab.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    hrefs: list[str] = tab.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
    box.fill("")
    box.press("Escape")
    return hrefs


@pytest.mark.parametrize(("query", "meant"), QUERIES, ids=[q for q, _ in QUERIES])
def test_query_puts_the_meant_page_first(tab: Page, real_url: str, query: str, meant: str) -> None:
    hrefs = first_results(tab, query)
    assert hrefs, f"{query!r} found nothing"
    assert hrefs[0].split("#")[0].split("?")[0] == real_url + meant, f"{query!r}: {hrefs[:5]}"
