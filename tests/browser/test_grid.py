"""The sectors page's sector × year grid in the browser: every year's cell is in view or brought
into view inside the grid's own box (which then says it scrolls), never left under the sticky
sector and total columns or header rows; the totals stay in view; at 1280 and 390 px, with and
without JavaScript, on the fixture and on the real data."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

# Each link of the grid (a year, a count) brought into view as a browser brings a link it
# focuses (scrollIntoView): the point at its centre must then be the link itself, inside the
# grid's box, not a sticky column or header row over it. Then the totals: each sector's total
# and the row of the years' totals are in the box's view with the years scrolled to either end
# and the rows to the last.
REACH = """() => {
  const box = document.querySelector('.tk-grid');
  const table = box.querySelector('table');
  const inside = (el) => {
    const r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
    const left = b.left + box.clientLeft, top = b.top + box.clientTop;  // inside the border
    return r.left >= left - 1 && r.right <= left + box.clientWidth + 1
        && r.top >= top - 1 && r.bottom <= top + box.clientHeight + 1
        && r.top >= -1 && r.bottom <= innerHeight + 1 && r.left >= -1 && r.right <= innerWidth + 1;
  };
  const hit = (el) => {
    const r = el.getClientRects()[0];  // a name on two lines: its first
    const at = document.elementFromPoint((r.left + r.right) / 2, (r.top + r.bottom) / 2);
    return at !== null && (el === at || el.contains(at));
  };
  const hidden = [];
  const years = [...table.querySelectorAll('.tk-heat__years a')].map(a => a.textContent.trim());
  const links = [...table.querySelectorAll('a')];
  for (const a of links) {
    a.scrollIntoView({block: 'center', inline: 'nearest'});
    if (!(inside(a) && hit(a))) hidden.push(a.closest('tr').cells[0].textContent.trim() + ' ' + a.textContent.trim());
  }
  const totals = [...table.querySelectorAll('.tk-heat__all')];
  const lostTotals = [];
  const wide = box.scrollWidth > box.clientWidth + 1;
  for (const x of [0, box.scrollWidth]) {
    box.scrollLeft = x;
    for (const td of totals) {
      td.scrollIntoView({block: 'center', inline: 'nearest'});
      if (box.scrollLeft !== Math.min(x, box.scrollWidth - box.clientWidth)) box.scrollLeft = x;
      if (!(inside(td) && hit(td))) lostTotals.push(td.closest('tr').cells[0].textContent.trim() + ' at ' + x);
    }
  }
  box.scrollTop = box.scrollHeight;
  box.scrollIntoView({block: 'start'});
  const yearTotals = table.querySelector('.tk-heat__totals .tk-heat__all');
  const hint = document.querySelector('#tk-grid-hint');
  const style = getComputedStyle(box);
  return {
    years, links: links.length, hidden, lostTotals, wide,
    scrolls: ['auto', 'scroll'].includes(style.overflowX),
    hint: hint !== null && hint.checkVisibility() ? hint.textContent : null,
    yearTotalsAtLastRow: inside(yearTotals) && hit(yearTotals),
  };
}"""


def reach(page: Page, url: str) -> dict:
    page.goto(url, wait_until="load")
    return page.evaluate(REACH)


def check(state: dict, wanted_years: list[str]) -> None:
    assert state["years"] == wanted_years
    assert state["links"] > len(wanted_years)
    assert state["hidden"] == [], "links never brought into view, or left under a sticky cell"
    assert state["lostTotals"] == []
    assert state["yearTotalsAtLastRow"]
    if state["wide"]:  # some years are out of view at first: the box scrolls, and says so
        assert state["scrolls"]
        assert state["hint"]
        assert "scroll it sideways" in state["hint"]


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("script", [True, False], ids=["js", "no-js"])
def test_every_year_of_the_fixture_grid_is_reached_with_the_totals_in_view(
    browser: Browser, base_url: str, width: int, script: bool
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844}, java_script_enabled=script)
    state = reach(context.new_page(), base_url + "sectors/")
    context.close()
    check(state, ["2022", "2021", "2020"])


@pytest.mark.parametrize("width", [1280, 390])
def test_every_year_of_the_real_grid_is_reached_with_the_totals_in_view(
    browser: Browser, real_url: str, width: int
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    state = reach(page, real_url + "sectors/")
    context.close()
    years = state["years"]
    assert len(years) > 1
    check(state, sorted(set(years), reverse=True))  # each year once, newest first
    if width == 390:
        assert state["wide"]  # tens of years do not fit a phone: they scroll, with the hint
