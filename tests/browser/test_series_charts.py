"""Series charts in Chromium: axe-core finds nothing on the pages that draw them, in both colour
schemes and on a phone; no console error; a point leads to its figure by mouse and keyboard;
without JavaScript the chart, its links and its table are all there."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

PAGES = {
    "fixture": [
        "series/harbour-tonnage/",
        "series/harbour-fees-usd/",
        "series/",
        "",
        "sectors/harbours/",
        "figures/tonnage-2021-beta/",
    ],
    "real": [
        "series/bilateral-trade-usd/",
        "series/bilateral-trade-sgd/",
        "series/singapore-rank-among-korea-trading-partners/",
        "",
        "figures/bilateral-trade-2004/",
    ],
}


@pytest.fixture(params=list(PAGES))
def site(request: pytest.FixtureRequest) -> tuple[str, list[str]]:
    url = request.getfixturevalue("base_url" if request.param == "fixture" else "real_url")
    return url, PAGES[request.param]


def open_page(browser: Browser, width: int, scheme: str, *, script: bool = True) -> tuple[Page, list[str]]:
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=scheme, java_script_enabled=script
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    return page, errors


@pytest.fixture
def pages(browser: Browser) -> Iterator[list[Page]]:
    opened: list[Page] = []
    yield opened
    for page in opened:
        page.context.close()


@pytest.mark.parametrize(("width", "scheme"), [(1280, "light"), (1280, "dark"), (390, "light"), (390, "dark")])
def test_axe_finds_nothing_and_the_console_stays_quiet(
    browser: Browser, site: tuple[str, list[str]], pages: list[Page], width: int, scheme: str
) -> None:
    base, urls = site
    page, errors = open_page(browser, width, scheme)
    pages.append(page)
    for url in urls:
        page.goto(base + url, wait_until="load")
        if url.startswith(("series/", "figures/")) and url != "series/":
            expect(page.locator("figure.tk-chart svg").first).to_be_visible()
        results = Axe().run(page)
        assert results.violations_count == 0, f"{url} ({scheme}, {width} px): {results.generate_report()}"
    assert errors == []


def test_the_chart_fits_a_phone_and_its_text_stays_readable(
    browser: Browser, site: tuple[str, list[str]], pages: list[Page]
) -> None:
    base, urls = site
    page, errors = open_page(browser, 390, "dark")
    pages.append(page)
    page.goto(base + urls[0], wait_until="load")
    svg = page.locator("article figure.tk-chart > svg").first
    box = svg.bounding_box()
    assert box is not None
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 390
    # The smallest text drawn (a tick's label) is at least 10 px tall on the screen.
    smallest = page.eval_on_selector_all(
        "article figure.tk-chart > svg text", "els => Math.min(...els.map(e => e.getBoundingClientRect().height))"
    )
    assert smallest >= 10
    assert errors == []


def test_a_point_leads_to_its_figure_by_mouse_and_keyboard(
    browser: Browser, site: tuple[str, list[str]], pages: list[Page]
) -> None:
    base, urls = site
    page, errors = open_page(browser, 1280, "light")
    pages.append(page)
    page.goto(base + urls[0], wait_until="load")
    point = page.locator("a.tk-chart__point").last
    figure = point.get_attribute("data-figure")
    point.click()
    expect(page).to_have_url(f"{base}figures/{figure}/")
    page.goto(base + urls[0], wait_until="load")
    first = page.locator("a.tk-chart__point").first
    figure = first.get_attribute("data-figure")
    first.focus()
    assert page.evaluate("() => document.activeElement.dataset.figure") == figure
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{base}figures/{figure}/")
    assert errors == []


def test_without_javascript_the_chart_and_its_table_are_there(
    browser: Browser, site: tuple[str, list[str]], pages: list[Page]
) -> None:
    base, urls = site
    page, errors = open_page(browser, 1280, "light", script=False)
    pages.append(page)
    page.goto(base + urls[0], wait_until="load")
    points = page.locator("figure.tk-chart a.tk-chart__point")
    expect(page.locator("figure.tk-chart svg").first).to_be_visible()
    assert points.count() >= 2
    assert page.locator("h2#points + div table tbody tr, h2#points ~ div table tbody tr").count() == points.count()
    assert errors == []
