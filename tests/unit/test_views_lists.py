"""Collection indexes as tables, whole or split by year (tracker/views/table.py, lists.py), and
the published list tracker.js filters over: from the views alone, no build."""

from __future__ import annotations

import json
import re

import pytest
from conftest import FIXTURE_DATA, ROOT

from tracker import export
from tracker.dates import PartialDate
from tracker.kinds import label
from tracker.load import load
from tracker.models import COLLECTIONS, is_reserved
from tracker.queries import Queries
from tracker.urls import list_json_path, page_path
from tracker.views import agreements, lists
from tracker.views import table as t


@pytest.fixture(scope="module")
def q() -> Queries:
    return Queries(load(FIXTURE_DATA))


def listed_records(q: Queries, collection: str) -> list[str]:
    """The records an index's table lists: context records and opinions are listed apart."""
    records = q.data[collection].values()
    if collection == "figures":
        return [f.id for f in q.figures().measured]
    return sorted(r.id for r in records if not getattr(r, "context", False))


@pytest.mark.parametrize("collection", lists.TABLES)
def test_a_table_has_a_row_per_record_and_a_cell_per_column(q: Queries, collection: str) -> None:
    table = q.table(collection)
    assert sorted(r.record.id for r in table.rows) == sorted(listed_records(q, collection))
    assert all(len(r.cells) == len(table.columns) for r in table.rows)
    assert [n for n in table.filters.split("|") if n] == [c.name for c in table.columns if c.filter]
    assert collection in COLLECTIONS


@pytest.mark.parametrize("collection", lists.TABLES)
def test_options_are_every_value_a_filter_matches(q: Queries, collection: str) -> None:
    table = q.table(collection)
    options = table.options()
    for at, column in enumerate(table.columns):
        if not column.filter:
            assert column.name not in options
            continue
        choices = {kv for row in table.rows for kv in row.cells[at].choices}
        assert set(options[column.name]) == choices
        keys = [k for k, _ in options[column.name]]
        assert len(set(keys)) == len(keys)  # each key offered once, with one label
        if table.dated(at):
            years = [k for k in keys if k.isdigit()]
            assert years == sorted(years, reverse=True)  # years: latest first
            assert keys[: len(years)] == years  # then "undated"


def test_a_cell_is_filtered_by_keys_not_by_what_it_shows(q: Queries) -> None:
    accord = q.data.agreements["harbour-accord"]
    assert t.date("14 June 2021", PartialDate(2021, 6, 14)).values == ["2021"]
    both = t.links([accord, q.data.organisations["land-a"]])
    assert both.values == ["harbour-accord", "land-a"]  # ids, not names
    assert both.choices == [("harbour-accord", accord.label), ("land-a", "Republic of Landa")]
    assert both.text == f"{accord.label}, Republic of Landa"
    assert t.text("In force", "in-force").choices == [("in-force", "In force")]
    assert t.text(" Port Alpha ").values == ["Port Alpha"]  # a free text with no id: itself
    assert t.Cell().values == []
    assert t.text(None).parts == ()
    # Links that also match broader records, without showing them.
    harbours = q.data.sectors["harbours"]
    wider = t.links([accord], also=[harbours, accord])
    assert wider.text == accord.label
    assert wider.values == ["harbour-accord", "harbours"]


@pytest.mark.parametrize("collection", lists.TABLES)
def test_filters_name_keys_in_the_address_that_no_label_change_moves(q: Queries, collection: str) -> None:
    table = q.table(collection)
    specs = table.filter_specs()
    assert [s["column"] for s in specs] == [at for at, c in enumerate(table.columns) if c.filter]
    params = [s["param"] for s in specs] + [r for s in specs for r in s.get("range", [])]
    assert len(set(params)) == len(params)
    assert all(re.fullmatch(r"[a-z0-9-]+", p) for p in params)  # no label, no space: a slug
    for spec in specs:
        column = table.columns[spec["column"]]
        assert spec["options"] == [list(kv) for kv in table.options()[column.name]]
        assert spec["date"] == table.dated(spec["column"])
    # The first date column filtered by years and a range (?year=…&from=…&to=…), the others by years.
    dated = [spec for spec in specs if spec["date"]]
    if dated:
        assert dated[0]["param"] == "year"
        assert dated[0]["range"] == ["from", "to"]
        assert not any("range" in spec for spec in dated[1:])
    # Each row's keys, as the page and the published list write them for tracker.js.
    for row in table.rows:
        keys = table.row_keys(row)
        for at, column in enumerate(table.columns):
            if column.filter and not table.dated(at):
                assert keys[at] == row.cells[at].values
            else:
                assert keys[at] is None


def test_enumerations_are_filtered_by_their_values(q: Queries) -> None:
    table = q.table("agreements")
    names = [c.name for c in table.columns]
    for row in table.rows:
        a = row.record
        assert row.cells[names.index("Kind")].values == [a.kind]  # type: ignore[attr-defined]
        assert row.cells[names.index("Status")].values == [a.status.value]  # type: ignore[attr-defined]
        assert row.cells[names.index("Parties")].values == list(a.parties)  # type: ignore[attr-defined]


def test_every_instrument_is_dated_by_the_step_that_fits_its_kind(q: Queries) -> None:
    """Signed, adopted or established (whichever came first), else its first recorded step:
    the date column says which, keeps the date's precision and marks, and gives the year."""
    table = q.table("agreements")
    at = [c.name for c in table.columns].index("Date")
    for row in table.rows:
        a = row.record
        step = agreements.dating_step(a)  # type: ignore[arg-type]
        cell = row.cells[at]
        if step is None:
            assert not a.milestones
            assert cell.text == ""
            assert row.group == t.UNDATED
            continue
        made = [m for m in a.milestones if m.type in agreements.DATING_STEPS]  # type: ignore[attr-defined]
        assert step in (made or a.milestones)  # type: ignore[attr-defined]
        assert all(not m.when.surely_before(step.when) for m in (made or a.milestones))  # type: ignore[attr-defined]
        assert cell.sort == step.when.iso
        assert cell.text.startswith(label(step.type, "milestone.type").lower() + " ")
        assert cell.derived == (step.derived or "")
        assert row.group == cell.sort[:4]


def test_an_adopted_or_established_instrument_has_a_date_and_a_year() -> None:
    q = Queries(load(ROOT / "data"))
    table = q.table("agreements")
    at = [c.name for c in table.columns].index("Date")
    kinds = {"joint-statement", "joint-declaration", "strategic-partnership"}
    found = [row for row in table.rows if row.record.kind in kinds]  # type: ignore[attr-defined]
    assert found
    for row in found:
        assert row.cells[at].sort
        assert row.cells[at].text.split(" ")[0] in {"adopted", "established", "signed"}
        assert row.cells[at].values[0] in {k for k, _ in table.options()["Date"]}  # the year filter finds it


def test_a_broader_sector_matches_the_narrower_ones_records() -> None:
    q = Queries(load(ROOT / "data"))
    narrower = {s.id: s.broader for s in q.data.sectors.values() if s.broader}
    assert narrower  # the data says which sectors are part of which
    table = q.table("agreements")
    at = [c.name for c in table.columns].index("Sectors")
    for row in table.rows:
        named = [p.record.id for p in row.cells[at].parts if p.record is not None]
        expected = set(named)
        for sector in named:
            up = narrower.get(sector)
            while up:
                expected.add(up)
                up = narrower.get(up)
        assert set(row.cells[at].values) == expected
    # The filter says which sectors include which.
    note = next(s["note"] for s in table.filter_specs() if s["param"] == "sectors")
    for sector, up in narrower.items():
        assert f"{q.data.sectors[up].name} includes" in note
        assert q.data.sectors[sector].name in note
    # And the broader sector's page lists them.
    for sector, up in narrower.items():
        view = q.sector(up)
        assert sector in [s.id for s in view.narrower]
        assert {a.id for a in q.sector(sector).agreements} <= {a.id for a in view.agreements}
        assert q.sector(sector).broader is not None
        assert q.sector(sector).broader.id == up


@pytest.mark.parametrize("collection", ["agreements", "events", "sources"])
def test_below_the_threshold_the_index_is_the_whole_table(q: Queries, collection: str) -> None:
    table = q.table(collection)
    view = lists.listing(table, len(table.rows))
    assert not view.split
    assert view.rows == table.rows
    assert view.groups == []
    assert view.group is None


@pytest.mark.parametrize("collection", ["agreements", "events", "sources"])
def test_above_it_every_row_is_on_exactly_one_year_page(q: Queries, collection: str) -> None:
    table = q.table(collection)
    view = lists.listing(table, 1)
    assert view.split
    keys = [g.key for g in view.groups]
    years = [k for k in keys if k != t.UNDATED]
    assert years == sorted(years, reverse=True)
    assert keys[: len(years)] == years
    assert view.group == view.groups[0]
    assert view.rows == table.of_group(keys[0])
    assert sum(g.count for g in view.groups) == len(table.rows) == view.total
    pages = [lists.group_page(table, key) for key in keys]
    on_pages = [row.record.id for page in pages for row in page.rows]
    assert sorted(on_pages) == sorted(r.record.id for r in table.rows)  # each once
    for page, group in zip(pages, view.groups, strict=True):
        assert page.group == group
        assert len(page.rows) == group.count
        assert group.src_uri == f"{collection}/{group.key}.md"
        assert all(row.group == group.key for row in page.rows)
    # The pagers chain every year page, earlier to later.
    assert [p.previous.key if p.previous else None for p in pages] == [*keys[1:], None]
    assert [p.next.key if p.next else None for p in pages] == [None, *keys[:-1]]
    with pytest.raises(ValueError, match="not in list"):
        lists.group_page(table, "1799")


def test_the_year_of_a_row_is_the_date_its_date_column_sorts_by(q: Queries) -> None:
    rows = {r.record.id: r for r in q.table("agreements").rows}
    dated = [c.name for c in q.table("agreements").columns].index("Date")
    for row in rows.values():
        if row.cells[dated].sort:
            assert row.group == row.cells[dated].sort[:4]
    assert rows["harbour-accord"].group == "2021"  # signed 14 June 2021
    for row in q.table("events").rows:
        assert row.group == (row.cells[0].sort[:4] or t.UNDATED)


def test_people_are_filtered_by_country_and_role(q: Queries) -> None:
    table = q.table("people")
    names = [c.name for c in table.columns]
    assert {"Country", "Latest role given"} <= set(names)
    assert {s["param"] for s in table.filter_specs()} == {"country", "role"}
    for row in table.rows:
        p = row.record
        assert row.cells[names.index("Country")].values == ([p.country] if p.country else [])  # type: ignore[attr-defined]
        titles = [r.title for r in p.roles]  # type: ignore[attr-defined]
        assert set(row.cells[names.index("Latest role given")].values) <= set(titles)
        assert bool(row.cells[names.index("Latest role given")].values) == bool(titles)


def test_people_and_organisations_have_no_date_and_stay_whole(q: Queries) -> None:
    for collection in ("people", "organisations"):
        table = q.table(collection)
        assert not table.rule
        assert not lists.is_split(table, 0)
        assert not lists.listing(table, 0).split


def test_the_published_list_holds_every_row_as_the_pages_show_it(q: Queries) -> None:
    for collection in lists.TABLES:
        table = q.table(collection)
        data = json.loads(json.dumps(t.as_data(table)))  # as tracker.js reads it
        assert data["columns"] == [c.name for c in table.columns]
        assert [r["id"] for r in data["rows"]] == [r.record.id for r in table.rows]
        links = data["links"]
        assert len({tuple(link) for link in links}) == len(links)  # each linked record listed once
        for row, cells, row_keys in zip(
            table.rows, (r["c"] for r in data["rows"]), (r["k"] for r in data["rows"]), strict=True
        ):
            for cell, published in zip(row.cells, cells, strict=True):
                if isinstance(published, str):
                    assert published == cell.text
                    assert not cell.sort
                    assert not cell.derived
                    continue
                parts = [links[p][0] if isinstance(p, int) else p for p in published["p"]]
                assert "".join(parts) == cell.text
                assert published.get("s", "") == cell.sort
                assert published.get("d", "") == cell.derived
                hrefs = [links[p][1] for p in published["p"] if isinstance(p, int)]
                assert hrefs == [page_path(p.record) for p in cell.parts if p.record is not None]
            assert row_keys == table.row_keys(row)


def test_only_split_indexes_publish_a_list() -> None:
    split = Queries(load(FIXTURE_DATA), index_rows=1)
    whole = Queries(load(FIXTURE_DATA))
    assert export.list_files(whole) == {}
    files = export.list_files(split)
    assert set(files) == {list_json_path(table.collection) for table in split.split_tables()}
    assert {"api/v1/lists/agreements.json", "api/v1/lists/events.json"} <= set(files)
    body = json.loads(files["api/v1/lists/agreements.json"])
    assert body["schema_version"] == export.SCHEMA_VERSION
    assert body["licence"] == export.LICENCE
    assert {r["id"] for r in body["rows"]} == set(listed_records(split, "agreements"))


def test_year_pages_take_ids_no_record_may_have() -> None:
    assert is_reserved("2024")
    assert is_reserved("undated")
    assert is_reserved("index")
    assert not is_reserved("mou-2024")
    assert not is_reserved("20245")
    assert not is_reserved("undated-report")


@pytest.mark.parametrize("organisation_id", ["land-a", "land-b"])
def test_a_party_to_more_agreements_than_index_rows_is_counted_by_the_index_years(organisation_id: str) -> None:
    whole = Queries(load(FIXTURE_DATA)).organisation(organisation_id)
    split_q = Queries(load(FIXTURE_DATA), index_rows=1)
    split = split_q.organisation(organisation_id)
    assert whole.party_years is None
    assert len(whole.party) > 1
    assert split.party_years is not None
    table = split_q.table("agreements")
    listed = [a for a in whole.party if a.id in {r.record.id for r in table.rows}]
    # Every agreement of the index it is a party to is counted once, on its row's year page;
    # the agreements mentioned for context (not in the index) are still listed by name.
    assert split.party_years.total == len(listed) == sum(y.count for y in split.party_years.years)
    expected = {}
    for row in table.rows:
        if row.record in listed:
            expected[row.group] = expected.get(row.group, 0) + 1
    assert {y.src_uri: y.count for y in split.party_years.years} == {
        f"agreements/{group}.md": n for group, n in expected.items()
    }
    assert [y.src_uri for y in split.party_years.years] == [f"agreements/{g}.md" for g in table.groups if g in expected]
    assert split.party == [a for a in whole.party if a not in listed]
    # The filter the year pages read from the address: the party's id, as the Parties column's keys.
    assert split.party_years.query == "parties=" + organisation_id
    assert any(organisation_id in row.cells[3].values for row in table.rows)


def test_signatures_for_an_organisation_beyond_index_rows_are_counted_by_person() -> None:
    data = load(FIXTURE_DATA)
    for organisation_id in data.organisations:
        whole = Queries(data).organisation(organisation_id)
        few = Queries(data, index_rows=len(whole.signed_for)).organisation(organisation_id)
        assert few.signed_for == whole.signed_for
        assert few.signers == []
        if not whole.signed_for:
            continue
        many = Queries(data, index_rows=len(whole.signed_for) - 1).organisation(organisation_id)
        assert many.signed_for == []
        counted = {x.person.id: x.count for x in many.signers}
        expected: dict[str, int] = {}
        for s in whole.signed_for:
            expected[s.person.id] = expected.get(s.person.id, 0) + 1
        assert counted == expected
        assert [x.count for x in many.signers] == sorted(counted.values(), reverse=True)
