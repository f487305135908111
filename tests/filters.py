"""Driving a list's filters in Chromium as a keyboard user does (docs/assets/tracker.js): each
filter a button that opens a panel of checkboxes."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect


def toggle(tab: Page, column: str) -> Locator:
    """The button of a column's filter: "Sectors: all", "Date (year): 2024, 2025"."""
    return tab.locator(".tk-filters__toggle").filter(has_text=f"{column}:")


def choose(tab: Page, column: str, *labels: str) -> None:
    """Open a filter by the keyboard, tick each label with the space bar, close it with Escape
    (the focus back on its button)."""
    button = toggle(tab, column)
    button.focus()
    tab.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    panel = tab.locator(f"#{button.get_attribute('aria-controls')}")
    for text in labels:
        box = panel.get_by_role("checkbox", name=text, exact=True)
        box.focus()
        tab.keyboard.press("Space")
        expect(box).to_be_checked()
    tab.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(button).to_be_focused()


def first_choice(tab: Page, column: str) -> tuple[str, str]:
    """A filter's first choice: its key (as the address holds it) and its label."""
    button = toggle(tab, column)
    box = tab.locator(f"#{button.get_attribute('aria-controls')} input[type=checkbox]").first
    key = box.get_attribute("value") or ""
    label = box.evaluate("b => b.parentNode.textContent.trim()")
    return key, label
