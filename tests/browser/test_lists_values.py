"""Lists that take several values, in Chromium: several years and several sectors at once, a
date range, stable keys in the address (ids, enumeration values, years, never labels), a value
the list does not have said in a message and kept, broader sectors that include narrower ones,
and "Show 200 more" on an index split by year.

The site: the fixture with a few hundred generated agreements over several years and three
sectors (one the narrower of another), its indexes split above 100 rows, so that a filter
searches the published list and more than 200 rows can match."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from chromium import serve
from conftest import FIXTURE_DATA, built_once, made_once
from filters import choose, toggle
from playwright.sync_api import Browser, Page, expect

from tracker.load import load
from tracker.queries import Queries
from tracker.views import table as t

pytestmark = pytest.mark.browser

YEARS = (2017, 2018, 2019, 2020)
SECTORS = ("harbours", "beacons", "tides")  # beacons: narrower than harbours
KINDS = ("mou", "joint-statement")
GENERATED = 420


def generate(data: Path) -> None:
    """The fixture's data and, added to it, two sectors and GENERATED agreements: signed MOUs
    and adopted joint statements, spread over YEARS and SECTORS."""
    shutil.copytree(FIXTURE_DATA, data)
    (data / "sectors" / "beacons.yml").write_text(
        "name: Beacons\nbroader: harbours\nsummary: Lights that guide ships into harbours.\ncite: [alpha-report]\n",
        encoding="utf-8",
    )
    (data / "sectors" / "tides.yml").write_text(
        "name: Tides\nsummary: Tide tables and their exchange.\ncite: [alpha-report]\n", encoding="utf-8"
    )
    for n in range(GENERATED):
        year, sector, kind = YEARS[n % len(YEARS)], SECTORS[n // 7 % len(SECTORS)], KINDS[n // 3 % len(KINDS)]
        day = f"{year}-{n % 12 + 1:02d}-{n % 27 + 1:02d}"
        step = "signed" if kind == "mou" else "adopted"
        (data / "agreements" / f"generated-{n:03d}.yml").write_text(
            f"name: Generated instrument {n:03d}\nkind: {kind}\nparties: [land-a, land-b]\n"
            f"status: {{value: {step}, as_of: {day}, cite: [alpha-report]}}\n"
            f"milestones:\n  - type: {step}\n    date: {day}\n    cite: [alpha-report]\n"
            f"sectors: [{sector}]\nsummary: A generated instrument for the tests.\ncite: [alpha-report]\n",
            encoding="utf-8",
        )


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    data = made_once(tmp_path_factory, "many-data", lambda out: generate(out / "data")) / "data"
    site = built_once(tmp_path_factory, "many-site", data=data, env={"TRACKER_INDEX_ROWS": "100"})
    return data, site


@pytest.fixture(scope="module")
def many_url(many: tuple[Path, Path]) -> Iterator[str]:
    with serve(many[1]) as url:
        yield url


@pytest.fixture(scope="module")
def table(many: tuple[Path, Path]) -> t.Table:
    return Queries(load(many[0]), index_rows=100).table("agreements")


def expected(table: t.Table, **wanted: set[str]) -> list[str]:
    """The rows whose cells hold any of the keys wanted of each column, as Python's views say."""
    at = {spec["param"]: spec["column"] for spec in table.filter_specs()}
    return [
        row.record.label
        for row in table.rows
        if all(set(row.cells[at[name]].values) & keys for name, keys in wanted.items())
    ]


def count_text(matching: int, total: int) -> str:
    """What the count says of a filtered split index: the first 200 matches at most are shown."""
    if matching > 200:
        return f"Showing 200 of {matching} matching agreements ({total} in all)."
    return f"Showing {matching} of {total} agreements."


def names(tab: Page) -> list[str]:
    return tab.locator(".tk-list tbody tr:not([hidden])").evaluate_all(
        "trs => trs.map(tr => tr.cells[0].textContent.trim())"
    )


def counted(tab: Page) -> str:
    box = tab.locator(".tk-filters__count")
    expect(box).to_have_text(re.compile(r"^Showing"))
    return box.inner_text()


def test_two_years_and_two_sectors_at_once_shared_by_address(
    browser: Browser, tab: Page, many_url: str, table: t.Table
) -> None:
    tab.goto(many_url + "agreements/", wait_until="load")
    choose(tab, "Date (year)", "2018", "2020")
    choose(tab, "Sectors", "Beacons", "Tides")
    want = expected(table, year={"2018", "2020"}, sectors={"beacons", "tides"})
    assert 0 < len(want) < len(expected(table, year={"2018", "2020"}))
    expect(tab.locator(".tk-filters__count")).to_have_text(f"Showing {len(want)} of {len(table.rows)} agreements.")
    assert sorted(names(tab)) == sorted(want)
    # The toggles say what they hold; the address holds keys, not labels.
    expect(toggle(tab, "Sectors")).to_have_text("Sectors: Beacons, Tides")
    query = parse_qs(urlsplit(tab.url).query)
    assert {k: sorted(v) for k, v in query.items()} == {"year": ["2018", "2020"], "sectors": ["beacons", "tides"]}
    shown = names(tab)
    # Opened fresh, in another browser context, the address shows the same rows, ticked.
    fresh = browser.new_context(viewport={"width": 1280, "height": 900})
    other = fresh.new_page()
    other.goto(tab.url, wait_until="load")
    expect(other.locator(".tk-filters__count")).to_have_text(f"Showing {len(want)} of {len(table.rows)} agreements.")
    assert names(other) == shown
    toggle(other, "Sectors").click()
    expect(other.get_by_role("checkbox", name="Tides", exact=True)).to_be_checked()
    expect(other.get_by_role("checkbox", name="Harbours", exact=True)).not_to_be_checked()
    fresh.close()


def test_a_broader_sector_includes_the_narrower_ones(tab: Page, many_url: str, table: t.Table) -> None:
    tab.goto(many_url + "agreements/?sectors=harbours", wait_until="load")
    want = expected(table, sectors={"harbours"})
    named = [r for r in table.rows if any(p.record and p.record.id == "harbours" for p in r.cells[4].parts)]
    assert len(named) < len(want)  # more than the rows that name harbours themselves
    expect(tab.locator(".tk-filters__count")).to_have_text(count_text(len(want), len(table.rows)))
    sectors = tab.locator(".tk-list tbody tr").evaluate_all("trs => trs.map(tr => tr.cells[4].textContent.trim())")
    assert "Beacons" in sectors  # named beacons alone, found under harbours
    assert "Tides" not in sectors
    # The filter says so.
    toggle(tab, "Sectors").click()
    expect(tab.locator(".tk-filters__note")).to_have_text("Harbours includes Beacons.")
    # The broader sector's page says so, and lists the narrower one's agreements.
    tab.goto(many_url + "sectors/harbours/", wait_until="load")
    expect(tab.locator(".tk-sector-scope")).to_contain_text("Includes Beacons")
    agreements = tab.locator("article table").first
    expect(agreements.get_by_role("link", name="Generated instrument 007", exact=True)).to_have_count(1)
    tab.goto(many_url + "sectors/beacons/", wait_until="load")
    expect(tab.locator(".tk-sector-scope")).to_contain_text("Part of the wider sector Harbours")


def test_a_value_the_list_does_not_have_is_said_and_kept(tab: Page, many_url: str, table: t.Table) -> None:
    tab.goto(many_url + "agreements/?sectors=tides&sectors=no-such-sector&kind=moe", wait_until="load")
    notes = tab.locator(".tk-filters__unknown li")
    expect(notes).to_have_count(2)
    expect(notes.nth(0)).to_contain_text("No kind called “moe”")
    expect(notes.nth(1)).to_contain_text("No sector called “no-such-sector”")
    # The kind asked for matches nothing, so nothing is shown; the address keeps every value.
    expect(tab.locator(".tk-filters__count")).to_have_text(f"Showing 0 of {len(table.rows)} agreements.")
    query = parse_qs(urlsplit(tab.url).query)
    assert query == {"sectors": ["tides", "no-such-sector"], "kind": ["moe"]}
    # A known value beside an unknown one still finds its rows.
    tab.goto(many_url + "agreements/?sectors=tides&sectors=no-such-sector", wait_until="load")
    expect(tab.locator(".tk-filters__unknown li")).to_have_text(
        ["No sector called “no-such-sector”: nothing matches it."]
    )
    assert sorted(names(tab)) == sorted(expected(table, sectors={"tides"}))
    # Reset clears it all.
    tab.get_by_role("button", name="Reset").click()
    expect(tab.locator(".tk-filters__unknown")).to_be_hidden()
    assert urlsplit(tab.url).query == ""


def test_a_date_range_and_a_date_that_fits_each_kind(tab: Page, many_url: str, table: t.Table) -> None:
    tab.goto(many_url + "agreements/?from=2018-06&to=2019&kind=joint-statement", wait_until="load")
    at = [c.name for c in table.columns].index("Date")
    want = [
        row.record.label
        for row in table.rows
        if "2018-06" <= row.cells[at].sort[:7] <= "2019-12" and row.record.kind == "joint-statement"  # type: ignore[attr-defined]
    ]
    assert want
    expect(tab.locator(".tk-filters__count")).to_have_text(f"Showing {len(want)} of {len(table.rows)} agreements.")
    assert sorted(names(tab)) == sorted(want)
    # A joint statement is dated by its adoption, and says so.
    cells = tab.locator(".tk-list tbody tr").evaluate_all("trs => trs.map(tr => tr.cells[5].textContent.trim())")
    assert all(c.startswith("adopted ") for c in cells)
    expect(tab.get_by_label("Date from", exact=True)).to_have_value("2018-06")
    tab.get_by_label("Date to", exact=True).fill("soon")
    tab.get_by_label("Date to", exact=True).press("Enter")
    tab.get_by_label("Date to", exact=True).blur()
    expect(tab.locator(".tk-filters__unknown li")).to_contain_text(["“soon” is not a date"])
    assert parse_qs(urlsplit(tab.url).query)["to"] == ["soon"]


def test_show_200_more_adds_rows_and_moves_the_focus_to_the_first_new_one(
    tab: Page, many_url: str, table: t.Table
) -> None:
    tab.goto(many_url + "agreements/", wait_until="load")
    everything = [str(y) for y in YEARS]
    choose(tab, "Date (year)", *everything)
    matching = len(expected(table, year=set(everything)))
    assert matching > 200
    rows = tab.locator(".tk-list tbody tr")
    expect(rows).to_have_count(200)
    more = tab.locator("button.tk-more")
    expect(more).to_have_text(f"Show {min(matching - 200, 200)} more")
    expect(tab.locator(".tk-filters__count")).to_have_text(
        f"Showing 200 of {matching} matching agreements ({len(table.rows)} in all)."
    )
    first = names(tab)
    more.focus()
    tab.keyboard.press("Enter")
    expect(rows).to_have_count(min(matching, 400))
    assert names(tab)[:200] == first  # the rows shown stay, in their order
    # The focus is on the first row added (its link), where reading goes on.
    focused = tab.evaluate(
        "() => document.activeElement.closest('tr') && document.activeElement.closest('tr').rowIndex"
    )
    assert focused == 201  # the header row is row 0
    expect(tab.locator(":focus")).to_have_text(names(tab)[200])


def test_people_filter_by_country_and_role_and_show_both(tab: Page, many_url: str, many: tuple[Path, Path]) -> None:
    people = Queries(load(many[0])).table("people")
    tab.goto(many_url + "people/", wait_until="load")
    heads = tab.locator(".tk-list thead th").all_inner_texts()
    assert [h.strip(" ↕↑↓") for h in heads] == [c.name for c in people.columns]
    assert {"Country", "Latest role given"} <= set(heads)
    countries = {k: v for spec in people.filter_specs() if spec["param"] == "country" for k, v in spec["options"]}
    key, name = sorted(countries.items())[0]
    want = [r.record.label for r in people.rows if r.record.country == key]  # type: ignore[attr-defined]
    assert 0 < len(want) < len(people.rows)
    choose(tab, "Country", name)
    assert sorted(names(tab)) == sorted(want)
    assert parse_qs(urlsplit(tab.url).query) == {"country": [key]}
    role = people.rows[0].cells[2].values[0]
    tab.goto(many_url + "people/?" + urlencode({"role": role}), wait_until="load")
    assert sorted(names(tab)) == sorted(r.record.label for r in people.rows if role in r.cells[2].values)
