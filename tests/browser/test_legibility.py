"""Text a reader can read and focus a keyboard user can see, on each type of page: no visible
text under 12 px (SVG text as drawn, at its scale), and every element Tab reaches shows a solid
outline of at least 2 px (tracker.css, "Focus")."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

pytestmark = pytest.mark.browser

PAGES = {
    "home": "",
    "agreement": "agreements/harbour-accord/",
    "sectors": "sectors/",
    "index": "agreements/",
    "source": "sources/alpha-report/",
    "timeline": "timeline/",
    "series": "series/harbour-tonnage/",
    "data": "data/",
}

# Every visible run of text with the size it is drawn at: an element's computed font size, or
# for SVG text that size times the drawing's scale on screen. Text hidden from sight (display,
# visibility, a closed popover or <details>, a 1 px clip for screen readers) is not read.
SMALL_TEXT = """min => {
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node.parentElement;
    if (!el || !node.textContent.trim() || el.closest('script, style, noscript, template')) continue;
    if (!el.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter(r => r.width > 1 && r.height > 1);
    if (!rects.length) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el instanceof SVGElement) { const m = el.getScreenCTM(); size *= Math.hypot(m.a, m.b); }
    if (size < min - 0.01) {
      const where = el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : '';
      small.push(`${el.tagName.toLowerCase()}${where} ${size.toFixed(1)}px: ${node.textContent.trim().slice(0, 40)}`);
    }
  }
  return [...new Set(small)];
}"""


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", list(PAGES))
def test_no_visible_text_is_under_12_px(browser: Browser, base_url: str, name: str, width: int) -> None:
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto(base_url + PAGES[name], wait_until="load")
    small = page.evaluate(SMALL_TEXT, 12)
    page.close()
    assert small == []


# The element Tab reached and its outline; Material's colour-scheme switch is a hidden radio
# button whose label shows the focus.
FOCUSED = """() => {
  let el = document.activeElement;
  if (!el || el === document.body) return null;
  if (el.matches('input.md-option') && el.nextElementSibling) el = el.nextElementSibling;
  const style = getComputedStyle(el);
  const cls = typeof el.className === 'string' ? el.className.trim() : '';
  const where = cls ? '.' + cls.split(/\\s+/).join('.') : '';
  const text = (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30);
  return {
    name: `${el.tagName.toLowerCase()}${where} ${text}`,
    style: style.outlineStyle, width: parseFloat(style.outlineWidth),
  };
}"""


# A mark on the focused element, to know when Tab comes round to the first again.
MARK = (
    "() => { const e = document.activeElement; e.dataset.tkSeen ??= String(Math.random()); return e.dataset.tkSeen; }"
)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", list(PAGES))
def test_every_element_tab_reaches_shows_an_outline_of_2_px(
    browser: Browser, base_url: str, name: str, scheme: str
) -> None:
    page = browser.new_page(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    page.goto(base_url + PAGES[name], wait_until="load")
    seen: dict[str, dict] = {}
    first = None
    for _ in range(600):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None:
            continue
        key = page.evaluate(MARK)
        if key == first:
            break
        first = first or key
        seen[key] = focused
    page.close()
    assert len(seen) > 5
    thin = sorted({f["name"] for f in seen.values() if f["style"] in ("none", "auto") or f["width"] < 2})
    assert thin == []
