"""The real site on a phone (390 px wide): wide tables scroll with their header row and first
column in view, and the charts start at their latest years."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

WIDTH = 390


@pytest.fixture(scope="module")
def phone(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": WIDTH, "height": 844}, is_mobile=True, has_touch=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    yield tab
    context.close()
    assert errors == []


def boxes(tab: Page, table: str) -> dict:
    return tab.evaluate(
        """sel => {
          const box = document.querySelector(sel);
          const t = box.querySelector('table');
          const r = e => {
            const b = e.getBoundingClientRect();
            return {left: b.left, right: b.right, top: b.top, bottom: b.bottom};
          };
          const heads = [...t.querySelectorAll('thead th')];
          const last = t.querySelector('tbody tr:last-child');
          return {table: r(box), scrollWidth: box.scrollWidth, clientWidth: box.clientWidth,
                  heads: heads.map(r), firstHead: r(heads[0]), lastRowFirst: r(last.cells[0]), columns: heads.length};
        }""",
        table,
    )


# The sectors page's grid, with two sticky columns and three header rows: test_grid.py.
@pytest.mark.parametrize(("path", "table"), [("agreements/", ".tk-wide")])
def test_every_column_of_a_wide_table_is_reached_by_scrolling_with_the_header_in_view(
    phone: Page, real_url: str, path: str, table: str
) -> None:
    phone.goto(real_url + path, wait_until="load")
    phone.locator(table).scroll_into_view_if_needed()
    before = boxes(phone, table)
    assert before["table"]["right"] <= WIDTH + 1  # the table's box fits the screen
    assert before["scrollWidth"] > before["clientWidth"]  # and scrolls
    seen: set[tuple[int, str]] = set()
    step = 40
    for x in range(0, before["scrollWidth"] + step, step):
        phone.evaluate("([sel, x]) => { document.querySelector(sel).scrollLeft = x; }", [table, x])
        now = boxes(phone, table)
        # The first column stays at the left edge of the table while the others scroll.
        assert abs(now["firstHead"]["left"] - now["table"]["left"]) < 2
        # Each edge of each other column comes into view, between the first column and the
        # box's right edge (a column wider than that is read in parts).
        visible = (now["firstHead"]["right"] - 1, now["table"]["right"] + 1)
        for i, head in enumerate(now["heads"][1:], start=1):
            for edge in ("left", "right"):
                if visible[0] <= head[edge] <= visible[1]:
                    seen.add((i, edge))
    wanted = {(i, edge) for i in range(1, before["columns"]) for edge in ("left", "right")}
    assert seen == wanted, f"never in view: {wanted - seen}"
    # Scrolled to its last row, the table still shows its header row at its top.
    phone.evaluate("sel => { const t = document.querySelector(sel); t.scrollTop = t.scrollHeight; }", table)
    end = boxes(phone, table)
    assert abs(end["firstHead"]["top"] - end["table"]["top"]) < 3
    assert end["lastRowFirst"]["bottom"] <= end["table"]["bottom"] + 1
    assert end["table"]["bottom"] - end["table"]["top"] <= 844


@pytest.mark.parametrize(("path", "chart"), [("", ".tk-histogram"), ("timeline/", ".tk-axis")])
def test_charts_start_at_their_latest_years_with_a_hint(phone: Page, real_url: str, path: str, chart: str) -> None:
    phone.goto(real_url + path, wait_until="load")
    box = phone.locator(chart).first
    box.scroll_into_view_if_needed()
    state = box.evaluate(
        """el => {
          const labels = [...el.querySelectorAll('text')];
          const last = labels[labels.length - 1].getBoundingClientRect();
          const b = el.getBoundingClientRect();
          return {lastVisible: last.left >= b.left && last.right <= b.right + 1, more: el.scrollWidth > el.clientWidth};
        }"""
    )
    assert state["more"]
    assert state["lastVisible"]
    hint = phone.locator(".tk-scrollhint").first
    assert hint.is_visible()
    assert "Earlier years" in hint.inner_text()
