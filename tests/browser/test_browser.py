"""The built fixture site in headless Chromium: search and navigation as a reader uses them."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    # The site must work with nothing but 127.0.0.1: any other request fails the test.
    foreign: list[str] = []
    tab.on(
        "request", lambda r: None if r.url.startswith(base_url) or r.url.startswith("data:") else foreign.append(r.url)
    )
    tab.goto(base_url, wait_until="load")
    yield tab
    context.close()
    assert foreign == []


def search(page: Page, query: str) -> None:
    page.locator("label.md-search__icon, .md-search__input").first.click()
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")  # Material's search listens for key events, not for fill()


def test_search_finds_a_record_page(page: Page, base_url: str) -> None:
    search(page, "Harbour Accord")
    result = page.locator(".md-search-result__item a").first
    expect(result).to_be_visible(timeout=10_000)
    expect(page.locator(".md-search-result__list")).to_contain_text("Harbour Accord")
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any(h.startswith(base_url + "agreements/harbour-accord/") for h in hrefs)


def test_search_finds_a_person_by_another_spelling(page: Page, base_url: str) -> None:
    search(page, "Kwil Marlowe")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=10_000)
    hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
    assert any(h.startswith(base_url + "people/quill-marlow/") for h in hrefs)
    page.locator(".md-search-result__item a[href*='people/quill-marlow/']").first.click()
    expect(page.locator("article h1")).to_contain_text("Quill Marlow")


def test_navigation_from_tab_to_record_and_back_by_the_path(page: Page, base_url: str) -> None:
    page.locator("nav.md-tabs a", has_text="Agreements").click()
    expect(page).to_have_url(base_url + "agreements/")
    page.locator("article a", has_text="Memorandum on harbour pilots").click()
    expect(page).to_have_url(base_url + "agreements/harbour-mou/")
    expect(page.locator(".md-tabs__item--active")).to_have_text("Agreements")
    page.locator("article a", has_text="Harbour Accord").first.click()
    expect(page.locator("article h1")).to_contain_text("Harbour Accord")
    page.locator(".md-path a", has_text="Agreements").click()
    expect(page).to_have_url(base_url + "agreements/")


def test_citation_number_leads_to_the_source_page(page: Page, base_url: str) -> None:
    page.goto(base_url + "agreements/harbour-accord/", wait_until="load")
    # The first mark (the summary box's status) cites the document numbered 1.
    first = page.locator("a.tk-cite").first
    source = first.get_attribute("href").rpartition("#source-")[2]
    first.click()
    expect(page).to_have_url(base_url + f"agreements/harbour-accord/#source-{source}")
    page.locator(f"#source-{source} a:not(.tk-backref)").click()
    expect(page).to_have_url(base_url + f"sources/{source}/")
    expect(page.locator("article")).to_contain_text("Every fact citing this source")


def test_a_citation_is_copied_with_todays_date(browser: Browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base_url.rstrip("/"))
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.goto(base_url + "agreements/harbour-accord/", wait_until="load")
    tab.locator("details.tk-citeblock summary").click()
    today = tab.evaluate("() => new Date().getFullYear()")
    text = tab.locator(".tk-citetext")
    expect(text).not_to_contain_text("on the date you read it")
    expect(text).to_contain_text(f"(accessed {tab.evaluate('() => new Date().getDate()')} ")
    expect(tab.locator(".tk-citeblock pre")).to_contain_text(f"Accessed {today}-")
    tab.locator(".tk-copy__button").click()
    copied = tab.evaluate("() => navigator.clipboard.readText()")
    assert copied.startswith("Korea–Singapore Partnership Tracker. “Harbour Accord”. Dataset version ")
    # The data's version (a digest of the records) with the build's date beside it.
    assert re.search(r"Dataset version [0-9a-f]{12} \(built \d{4}-\d{2}-\d{2}\)\. ", copied), copied
    assert "/agreements/harbour-accord/" in copied
    assert "(accessed " in copied
    assert str(today) in copied
    # The BibTeX entry has Material's copy button.
    copy_bibtex = tab.locator(".tk-citeblock .md-code__button[data-md-type='copy'], .tk-citeblock .md-clipboard")
    expect(copy_bibtex.first).to_be_attached()
    assert errors == []
    context.close()


def test_citation_marks_are_targets_with_the_source_title_and_a_way_back(page: Page, base_url: str) -> None:
    page.goto(base_url + "agreements/harbour-accord/", wait_until="load")
    mark = page.locator("a.tk-cite").first
    box = mark.bounding_box()
    assert box
    assert box["width"] >= 24
    assert box["height"] >= 24
    # Named by its number and its source's title, which no attribute of its own holds (a
    # title attribute's text is read as HTML by Material's tooltips).
    source = mark.get_attribute("href").rpartition("#source-")[2]
    title = page.locator(f"#source-{source} a:not(.tk-backref)").inner_text()
    expect(mark).to_have_accessible_name(f"[1] {title}")
    assert mark.get_attribute("title") is None
    # The title in a tooltip on focus (tracker.js), and on hover; Escape hides it.
    tooltip = page.locator(".tk-tooltip")
    mark.focus()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(title)
    page.keyboard.press("Escape")
    expect(tooltip).to_have_count(0)
    mark.blur()
    mark.hover()
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(title)
    page.mouse.move(0, 0)
    expect(tooltip).to_have_count(0)
    mark.click()
    back = page.locator(f"#source-{source} a.tk-backref").first
    back.click()
    expect(page).to_have_url(base_url + f"agreements/harbour-accord/#cite-{source}-1")
