"""Search on the real data, as readers type it: each query must put the pages it means among
the first results, and results show what a reader needs, not the index's search keys."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

from tracker.pages import AVOID

pytestmark = pytest.mark.browser

KSFTA = "agreements/korea-singapore-free-trade-agreement/"

# What a reader types, the pages it means, and how near the top each must be: an exact
# abbreviation or short name first; the searches of issue 28 (a reader's twelve) within
# the first three. Where two records answer alike (the two SMR memoranda, the two AI
# memoranda) both are meant.
QUERIES = [
    # Issue 28's twelve.
    ("KSFTA", [KSFTA], 1),
    ("FTA", [KSFTA], 1),
    ("SMR", ["agreements/mou-2026-small-modular-reactors/", "agreements/ema-khnp-smr-mou-2026/"], 3),
    ("AI", ["agreements/mou-2026-artificial-intelligence/", "agreements/ksdpa-mou-artificial-intelligence/"], 3),
    ("2023", ["years/2023/"], 1),
    ("digital partnership", ["agreements/korea-singapore-digital-partnership-agreement/"], 3),
    ("Lee Kuan Yew", ["people/lee-kuan-yew/"], 3),
    ("vaccinated travel", ["agreements/vaccinated-travel-lanes-2021/"], 3),
    ("double taxation", ["agreements/singapore-korea-double-taxation-agreement-2019/"], 3),
    ("shipping corridor", ["agreements/mou-2025-green-and-digital-shipping-routes/"], 3),
    ("Hyundai", ["organisations/hyundai-engineering-and-construction/"], 3),
    ("defence", ["sectors/defence-and-security/"], 3),
    # More abbreviations, names and years.
    ("Korea-Singapore FTA", [KSFTA], 1),
    ("free trade agreement", [KSFTA], 1),
    ("KSDPA", ["agreements/korea-singapore-digital-partnership-agreement/"], 1),
    ("small modular reactors", ["agreements/mou-2026-small-modular-reactors/"], 3),
    ("2006", ["years/2006/"], 1),
    ("MTI", ["organisations/sg-ministry-of-trade-and-industry/"], 1),
    ("MOTIE", ["organisations/kr-ministry-of-trade-industry-and-energy/"], 1),
    ("IMDA", ["organisations/infocomm-media-development-authority/"], 1),
    ("MFA", ["organisations/sg-ministry-of-foreign-affairs/"], 1),
    ("EMA", ["organisations/energy-market-authority/"], 1),
]


@pytest.fixture(scope="module")
def tab(browser: Browser, real_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(real_url, wait_until="load")
    yield page
    context.close()


def search(tab: Page, query: str) -> list[dict]:
    """The results of ``query`` as shown: each one's address, title, text and chips."""
    tab.locator("label.md-search__icon, .md-search__input").first.click()
    box = tab.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material's search listens for key events, not for fill()
    meta = tab.locator(".md-search-result__meta")
    expect(meta).not_to_have_text("Initializing search", timeout=15_000)
    expect(tab.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    results: list[dict] = tab.locator(".md-search-result__item > a").evaluate_all(
        """els => els.map(a => ({
            href: a.href,
            title: a.querySelector("h1, h2").innerText,
            text: a.querySelector("article").innerText,
            chips: [...a.querySelectorAll(".md-tag")].map(t => t.innerText),
        }))"""
    )
    box.fill("")
    box.press("Escape")
    return results


def page_of(href: str, base: str) -> str:
    return href.split("#")[0].split("?")[0].removeprefix(base)


@pytest.mark.parametrize(("query", "meant", "within"), QUERIES, ids=[q for q, _, _ in QUERIES])
def test_query_puts_the_meant_pages_first(tab: Page, real_url: str, query: str, meant: list[str], within: int) -> None:
    results = search(tab, query)
    assert results, f"{query!r} found nothing"
    top = [page_of(r["href"], real_url) for r in results[:within]]
    missing = [m for m in meant if m not in top]
    assert not missing, f"{query!r}: {missing} not in the first {within}: {top}"


def test_results_show_no_search_keys(tab: Page) -> None:
    """A record's abbreviations and the words of its names find it without being shown: no
    result shows a chip of a word that repeats another, or of a little word alone (what
    Material made of a page's `tags`: "FTA FTA FTA FTA", "to", "the")."""
    little = AVOID | {"the", "to", "s", "of", "and"}
    for query, _, _ in QUERIES:
        for result in search(tab, query):
            chips = [c.strip().lower() for c in result["chips"]]
            assert len(chips) == len(set(chips)), f"{query!r}, {result['title']}: repeated chips {chips}"
            assert not little & set(chips), f"{query!r}, {result['title']}: chips of little words {chips}"
            # Nor are they written out as the result's text.
            assert not re.search(r"\b(\w+) \1 \1\b", result["text"]), f"{query!r}: {result['text'][:200]}"


def test_source_results_show_the_document_not_its_facts_table(tab: Page, real_url: str) -> None:
    """A source's result is its title and what the top of its page says, not its facts table
    nor the name of the project's copy."""
    sources = [r for r in search(tab, "double taxation") if page_of(r["href"], real_url).startswith("sources/")]
    assert sources
    for result in sources:
        assert "Fact Detail" not in result["text"], result["text"][:300]
        assert "Project copy" not in result["text"], result["text"][:300]
        assert not re.search(r"\b\d{3}_[\w-]+\.txt\b", result["text"]), result["text"][:300]
