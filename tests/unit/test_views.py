"""What each page shows, from the views alone: no MkDocs build, so each check is fast and
points at the query that is wrong. Build tests (test_build.py) check what only a build can:
the pages as MkDocs writes them, their links, the escaping."""

from __future__ import annotations

import dataclasses
import inspect
import itertools
import shutil
import sys
from collections import Counter
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA, ROOT

from tracker import views
from tracker.load import _references, load
from tracker.models import COLLECTIONS, Agreement, Item, Name, Record, reference_plan
from tracker.queries import Queries
from tracker.views import base, sources
from tracker.views.base import LASTING, UnknownFact, fact_for, status_phrase
from tracker.views.sectors import Grid, GridCell


@pytest.fixture(scope="module")
def q() -> Queries:
    return Queries(load(FIXTURE_DATA))


def names(records: list[Record]) -> list[str]:
    return [r.label for r in records]


def test_views_are_frozen(q: Queries) -> None:
    view = q.agreement("harbour-accord")
    with pytest.raises(dataclasses.FrozenInstanceError):
        view.record = None  # type: ignore[misc]
    found = [
        cls
        for module in vars(views).values()
        if inspect.ismodule(module)
        for cls in vars(module).values()
        if inspect.isclass(cls) and dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__
    ]
    assert len(found) > 20
    assert [cls.__name__ for cls in found if not cls.__dataclass_params__.frozen] == []


def test_agreement(q: Queries) -> None:
    view = q.agreement("harbour-accord")
    assert names(view.parties) == ["Republic of Landa", "Republic of Landb"]
    # Grouped by the party each signed for.
    assert [(g.party.id if g.party else None, [s.person.id for s in g.signatories]) for g in view.signatories] == [
        ("land-a", ["quill-marlow"]),
        ("land-b", ["rena-voss"]),
    ]
    # In date order, whatever the order in the file.
    assert [m.type for m in view.milestones] == ["negotiations-concluded", "signed", "entered-into-force"]
    assert names(view.events) == ["Harbour Summit"]
    assert sorted(names(view.figures)) == [
        "Harbour dues collected in 2020",
        "Harbours opened by the accord",
        "Harbours opened by the accord (release)",
    ]
    assert names(view.sectors) == ["Harbours"]


def test_relations_read_both_ways(q: Queries) -> None:
    accord, mou = q.agreement("harbour-accord"), q.agreement("harbour-mou")
    assert [(r.label, r.agreement.id) for r in mou.outgoing] == [("Implements", "harbour-accord")]
    assert [(r.label, r.agreement.id) for r in accord.incoming] == [("Implemented by", "harbour-mou")]
    assert accord.outgoing == []


def test_agreements_index_orders_by_first_date_and_puts_context_records_apart(q: Queries) -> None:
    view = q.agreements()
    # The undated one last.
    assert [a.id for a in view.main] == ["harbour-accord", "harbour-mou", "hostile-accord"]
    assert view.context == [a for a in q.data.agreements.values() if a.context]


def test_event(q: Queries) -> None:
    summit, talks = q.event("harbour-summit"), q.event("harbour-talks")
    assert [(p.who.id, p.role) for p in summit.participants] == [("quill-marlow", "host"), ("rena-voss", None)]
    assert [(s.agreement.id, s.milestone.type) for s in summit.signed] == [("harbour-accord", "signed")]
    assert names(summit.parts) == ["Harbour working talks"]
    assert talks.parent is not None
    assert talks.parent.id == "harbour-summit"


def test_an_events_agreements_include_those_at_its_parts(tmp_path: Path) -> None:
    """One query answers "what was signed at this event": a summit's page lists what was
    signed at its working talks too, saying where."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    mou = data / "agreements" / "harbour-mou.yml"
    mou.write_text(
        mou.read_text(encoding="utf-8").replace("    by: 2022-02\n", "    by: 2022-02\n    event: harbour-talks\n"),
        encoding="utf-8",
    )
    q = Queries(load(data))
    summit, talks = q.event("harbour-summit"), q.event("harbour-talks")
    assert [(s.agreement.id, s.within.id if s.within else None) for s in summit.signed] == [
        ("harbour-accord", None),
        ("harbour-mou", "harbour-talks"),
    ]
    assert [(s.agreement.id, s.within) for s in talks.signed] == [("harbour-mou", None)]
    assert [(g.within.id if g.within else None, len(g.signed)) for g in summit.signed_groups] == [
        (None, 1),
        ("harbour-talks", 1),
    ]
    assert talks.parent_signed == 2


def test_sector_groups_entries_by_year(q: Queries) -> None:
    view = q.sector("harbours")
    assert [g.year for g in view.years] == [2020, 2021, 2022]
    assert [len(g.entries) for g in view.years] == [1, 2, 2]
    assert [a.id for a in view.agreements] == ["harbour-accord", "harbour-mou"]
    assert view.undated == []


def test_sectors_index_and_grid(q: Queries) -> None:
    view = q.sectors()
    # One definition: milestones and events concerning the sector, as the grid counts them.
    assert {row.sector.id: row.count for row in view.sectors} == {"harbours": 5, "hostile-markup": 0}
    assert view.grid.years == [2022, 2021, 2020]  # newest first
    (row,) = view.grid.rows
    assert (row.sector.id, [c.count for c in row.cells], row.total) == ("harbours", [2, 2, 1], 5)
    totals = {r.sector.id: r.total for r in view.grid.rows}
    assert all(row.count == totals.get(row.sector.id, 0) for row in view.sectors)
    assert [c.count for c in view.grid.totals] == [2, 2, 1]
    assert view.grid.total == sum(totals.values()) == sum(c.count for c in view.grid.totals)
    assert [(d.label, d.span) for d in view.grid.decades] == [("2020s", 3)]
    assert not any(view.grid.opens_decade(y) for y in view.grid.years)


def test_grid_decades_and_shades() -> None:
    grid = Grid(years=[2021, 2020, 2019, 2010, 1999], rows=[], totals=[], total=0)
    assert [(d.label, d.span) for d in grid.decades] == [("2020s", 2), ("2010s", 2), ("1990s", 1)]
    assert [y for y in grid.years if grid.opens_decade(y)] == [2019, 1999]
    # Every count has one shade, darker as it grows, and the key's bands cover every count once.
    assert [GridCell(2020, n).level for n in range(10)] == [0, 1, 2, 3, 3, 4, 4, 4, 5, 5]
    assert [b.label for b in grid.bands] == ["1", "2", "3–4", "5–7", "8 or more"]
    for n in range(1, 40):
        (band,) = [b for b in grid.bands if b.low <= n and (b.high is None or n <= b.high)]
        assert band.level == GridCell(2020, n).level


def test_person(q: Queries) -> None:
    view = q.person("quill-marlow")
    assert view.country is not None
    assert view.country.id == "land-a"
    assert [(line.title, line.organisation.id if line.organisation else None) for line in view.roles] == [
        ("Harbour Minister", "land-a")
    ]
    assert [s.agreement.id for s in view.signed] == ["harbour-accord"]
    (events,) = view.involved
    assert events.heading == "Events"
    assert [(x.record.id, x.involved.role) for x in events.appearances] == [("harbour-summit", "host")]


def test_other_names_fold_spellings_that_differ_by_a_dash_or_case() -> None:
    items = [
        Name(name="Harbour Accord", cite=["a"]),
        Name(name="Port-Accord", cite=["b"]),
        Name(name="port–accord", cite=["c"]),
        Name(name="HARBOUR ACCORD", cite=["d"]),
        Name(name="The Accord", cite=["a"]),
    ]
    n = base.names("Harbour Accord", items)
    assert n.own == ["a", "d"]
    assert [(v.name, v.cite) for v in n.variants] == [("Port-Accord", ["b", "c"]), ("The Accord", ["a"])]
    # Every spelling not shown as written is kept for search.
    assert n.search == ["port–accord", "HARBOUR ACCORD"]


def test_organisation(q: Queries) -> None:
    land_b, ministry = q.organisation("land-b"), q.organisation("beta-ministry")
    assert [a.id for a in land_b.party] == ["harbour-accord", "harbour-mou"]
    assert [s.person.id for s in land_b.signed_for] == ["rena-voss"]
    assert names(land_b.based) == ["Ministry of Harbours (Landb)"]
    # Rena Voss is from Landb but holds her role at the ministry: listed there, and on
    # Landb's page among its other people.
    assert names(land_b.nationals) == ["Rena Voss"]
    assert [(p.person.id, [r.title for r in p.roles]) for p in ministry.people] == [
        ("rena-voss", ["Minister of Harbours"])
    ]
    assert ministry.country is not None
    assert ministry.country.id == "land-b"
    assert land_b.country is None  # a state is its own country
    assert names(ministry.issued) == ["Beta ministry release"]


def test_the_reverse_links_are_every_reference_the_record_classes_declare(q: Queries) -> None:
    """Index.referring finds each record from every record naming it, by the field naming it,
    as the loader finds references (models.Ref in the classes' types), citations aside."""
    expected: Counter[tuple[str, str, str, tuple[str, ...]]] = Counter()
    for record in q.data.records():
        raw = record.model_dump(mode="json")
        for path, collection, target in _references(raw, reference_plan(type(record)), ()):
            fields = tuple(str(p) for p in path if isinstance(p, str))
            if "cite" not in fields:
                expected[collection, target, record.collection, fields] += 1
    assert {"parties", "part_of", "country"} <= {fields[-1] for *_, fields in expected}
    found = Counter(
        {key: len(value) for key, value in q.ix.referrers.items() if value},
    )
    assert found == expected
    for (collection, target, by, fields), value in q.ix.referrers.items():
        named = q.data[collection][target]
        assert q.ix.referring(named, COLLECTIONS[by], *fields) == value


def test_organisations_index_groups_by_kind_label(q: Queries) -> None:
    groups = [(g.label, [o.id for o in g.organisations]) for g in q.organisations().groups]
    assert groups == sorted(groups)
    assert ("State", ["land-a", "land-b"]) in groups
    assert sum(len(ids) for _, ids in groups) == len(q.data.organisations)


def test_source_lists_every_fact_citing_it_by_kind(q: Queries) -> None:
    view = q.source("beta-release")
    assert [g.heading for g in view.groups] == ["Agreements", "People", "Organisations", "Figures", "Series"]
    accord = view.groups[0].records[0]
    assert accord.record.id == "harbour-accord"
    # A milestone's account citing the release is shown as that milestone, in its words.
    assert [f.kind for f in accord.facts] == ["record", "name", "status", "milestone", "milestone"]
    mou = view.groups[0].records[1]
    assert [f.kind for f in mou.facts] == ["record", "status", "milestone", "relation"]
    relation = mou.facts[-1].fact
    assert isinstance(relation, base.RelationFact)
    assert relation.agreement.id == "harbour-accord"
    assert view.count == sum(len(r.facts) for g in view.groups for r in g.records)
    assert names(view.issuers) == ["Ministry of Harbours (Landb)"]


def test_source_page_gives_each_fact_as_that_source_gives_it(q: Queries) -> None:
    """The accord's signature is dated to the day by the report alone; the release's own
    account gives only the year: its page shows that account, not the report's date."""

    def milestones(source_id: str) -> dict[str, sources.Said]:
        accord = next(r for g in q.source(source_id).groups for r in g.records if r.record.id == "harbour-accord")
        return {f.fact.milestone.type: f for f in accord.facts if isinstance(f.fact, base.MilestoneFact)}

    release = milestones("beta-release")
    signed = release["signed"]
    assert signed.version == "account"
    assert [a.text for a in signed.accounts] == ["The release says only that the accord was signed in 2021."]
    assert (signed.others, signed.cited) == (1, False)
    # Its own fact with its own account: the account, and no one else's date.
    assert release["entered-into-force"].version == "account"
    assert release["entered-into-force"].others == 0
    report = milestones("alpha-report")
    assert report["signed"].version == "own"  # the report alone dates it
    assert report["signed"].accounts == []
    # A value several sources share says so.
    status = next(f for g in q.source("beta-release").groups for r in g.records for f in r.facts if f.kind == "status")
    assert status.version in ("own", "shared")
    assert status.others == len(set(status.fact.status.cite) - {"beta-release"})


@pytest.mark.parametrize("data", [FIXTURE_DATA, ROOT / "data"], ids=["fixture", "real"])
def test_sources_index_counts_facts(data: Path) -> None:
    # Counted without writing the facts out (sources.fact_count): the very facts each
    # source's page lists, accounts of one milestone counted once.
    q = Queries(load(data))
    counts = {row.source.id: row.count for row in q.sources().sources}
    assert counts == {s: q.source(s).count for s in q.data.sources}
    assert all(counts.values())
    assert counts == {s: len(sources.facts_of(q.ix, s)) for s in q.data.sources}


def test_a_cited_item_of_an_unknown_kind_stops_the_build(q: Queries) -> None:
    class Gossip(Item):
        cite: list[str]

    class Rumour(Name):
        pass

    record = q.data.agreements["harbour-accord"]
    with pytest.raises(UnknownFact, match="agreements/harbour-accord: a cited Gossip has no kind of fact"):
        fact_for(record, Gossip(cite=["alpha-report"]), q.data)
    # A subclass of a known item is that kind of fact.
    assert isinstance(fact_for(record, Rumour(name="x", cite=["alpha-report"]), q.data), base.NameFact)


def test_every_kind_of_fact_has_a_macro_in_fact_template() -> None:
    template = (Path(base.__file__).parent.parent / "templates" / "fact.md.j2").read_text(encoding="utf-8")
    for kind in base.FACT_KINDS:
        assert f'"{kind}": {kind},' in template
        assert f"{{% macro {kind}(f, c, here) -%}}" in template


def test_figure(q: Queries) -> None:
    view = q.figure("harbour-count")
    assert (names(view.agreements), names(view.organisations), names(view.sectors), view.events) == (
        ["Harbour Accord"],
        ["Republic of Landa"],
        ["Harbours"],
        [],
    )


def test_years(q: Queries) -> None:
    assert q.year_numbers == [2020, 2021, 2022]
    view = q.year(2021)
    assert (view.previous, view.next) == (2020, 2022)
    assert [e.record.id for e in view.entries] == ["harbour-talks", "harbour-summit", "harbour-accord"]
    # The figures measuring 2021 or holding for a day of it, in the order their files are read.
    assert names(view.figures) == [
        "Harbour fees (June 2021)",
        "Harbours opened by the accord",
        "Cargo handled in 2021 (the report's count)",
        "Cargo handled in 2021 (the release's count)",
    ]
    # Reported in 2021, measuring 2020: listed apart.
    assert names(view.reported) == ["Harbour dues collected in 2020"]
    assert [(y.year, y.milestones, y.events) for y in q.years().years] == [(2020, 1, 0), (2021, 1, 2), (2022, 2, 0)]
    with pytest.raises(ValueError, match="2019"):
        q.year(2019)


def test_timeline_says_gaps_and_draws_every_entry(q: Queries) -> None:
    view = q.timeline()
    assert [(y.year, len(y.entries), y.gap) for y in view.years] == [(2020, 1, 0), (2021, 3, 0), (2022, 2, 0)]
    assert len(view.axis.dots) == len(q.entries) == 6
    by_record = {(d.entry.record.id, d.entry.step or None): d for d in view.axis.dots}
    # A date known to the year or the month is a bar across it; a day, or a "by" date, a point.
    assert by_record["harbour-accord", "negotiations-concluded"].width > by_record["harbour-talks", None].width > 0
    assert by_record["harbour-accord", "signed"].width == 0
    assert by_record["harbour-mou", "signed"].width == 0
    assert [t.year for t in view.axis.ticks] == [2020, 2021, 2022, 2023]


def test_a_timeline_of_more_entries_than_index_rows_is_split_by_year(q: Queries) -> None:
    """At most index_rows entries: the whole timeline, a dot per entry. More: a bar per year,
    a table of every year with entries (its counts, latest first) and the latest year's entries."""
    assert len(q.entries) == 6
    for rows in (6, 500):
        whole = Queries(q.data, index_rows=rows).timeline()
        assert not whole.split
        assert whole.axis is not None
        assert len(whole.axis.dots) == 6
        assert whole.histogram is None
        assert whole.counts == []
        assert whole.latest is None
        assert not Queries(q.data, index_rows=rows).timeline_split()
    view = Queries(q.data, index_rows=5).timeline()
    assert view.split
    assert Queries(q.data, index_rows=5).timeline_split()
    assert view.axis is None  # no dot per entry
    assert view.total == 6
    assert [(n.year, n.milestones, n.events) for n in view.counts] == [(2022, 2, 0), (2021, 1, 2), (2020, 1, 0)]
    assert view.latest is not None
    assert view.latest.year == 2022
    assert [(e.record.id, e.step) for e in view.latest.entries] == [
        (e.record.id, e.step) for e in q.entries if e.date.year == 2022
    ]
    assert view.years == [view.latest]
    # The chart: the home page's, a bar per year, whatever the number of entries.
    assert view.histogram == q.home().histogram


def test_a_split_timeline_counts_every_year_with_entries_and_stays_bounded(tmp_path: Path) -> None:
    """On the benchmark's generated data: every year with a milestone or event is in the table
    once, with its counts; the page lists one year's entries and draws one bar per year."""
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    generate(300, tmp_path / "data")
    q = Queries(load(tmp_path / "data"), index_rows=50)
    view = q.timeline()
    assert view.split
    assert view.total == len(q.entries) > 50
    per_year = Counter(e.date.year for e in q.entries)
    kinds = Counter((e.date.year, bool(e.step)) for e in q.entries)
    assert [n.year for n in view.counts] == sorted(per_year, reverse=True)
    for n in view.counts:
        assert (n.milestones, n.events) == (kinds[n.year, True], kinds[n.year, False]), n.year
    assert sum(n.milestones + n.events for n in view.counts) == view.total
    latest = max(per_year)
    assert view.latest is not None
    assert view.latest.year == latest
    assert len(view.latest.entries) == per_year[latest] < view.total
    assert view.histogram is not None
    assert [b.year for b in view.histogram.bars] == list(range(min(per_year), latest + 1))
    assert {b.year: b.count for b in view.histogram.bars if b.count} == dict(per_year)
    # Its years written under it every few bars and at the last, never two side by side.
    labelled = [b.year for b in view.histogram.bars if b.label]
    assert labelled[0] == min(per_year)
    assert labelled[-1] == latest
    assert all(b - a > 1 for a, b in itertools.pairwise(labelled))
    # Each year in the table has its page, which lists every entry of that year.
    for n in view.counts:
        assert len(q.year(n.year).entries) == n.milestones + n.events


def test_home_counts_every_collection(q: Queries) -> None:
    view = q.home()
    assert [c.collection for c in view.counts] == list(COLLECTIONS)
    assert {c.collection: c.count for c in view.counts} == {c: len(q.data[c]) for c in COLLECTIONS}
    assert [(k.label, k.count) for k in view.kinds] == [("Memorandum of understanding", 2), ("Free trade agreement", 1)]
    assert names(view.major) == ["Harbour Accord"]
    assert view.span == (2020, 2022)
    assert [(b.year, b.milestones, b.events) for b in view.histogram.bars] == [(2020, 1, 0), (2021, 1, 2), (2022, 2, 0)]


def test_adding_a_record_links_it_from_every_related_view(tmp_path: Path) -> None:
    """What a new file adds, without a build (test_contributing.py builds the guide's example)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    (data / "agreements" / "harbour-protocol.yml").write_text(
        "name: Harbour Protocol\nkind: mou\nparties: [land-a, land-b]\n"
        "status: {value: signed, as_of: 2023-03-01, cite: [beta-release]}\n"
        "milestones:\n  - {type: signed, date: 2023-03-01, cite: [beta-release]}\n"
        "relations:\n  - {type: upgrades, agreement: harbour-accord, cite: [beta-release]}\n"
        "sectors: [harbours]\nsummary: A protocol added by the test.\ncite: [beta-release]\n",
        encoding="utf-8",
    )
    q = Queries(load(data))
    protocol = q.data.agreements["harbour-protocol"]
    assert protocol in q.agreements().main
    assert [(r.label, r.agreement.id) for r in q.agreement("harbour-accord").incoming] == [
        ("Implemented by", "harbour-mou"),
        ("Upgraded by", "harbour-protocol"),
    ]
    assert protocol in q.sector("harbours").agreements
    assert 2023 in q.year_numbers
    assert [e.record for e in q.year(2023).entries] == [protocol]
    assert protocol in q.organisation("land-a").party
    assert protocol in [r.record for g in q.source("beta-release").groups for r in g.records]
    assert protocol in [e.record for e in q.entries]


def test_dataset_is_typed_by_kind(q: Queries) -> None:
    agreements = q.data.of(Agreement)
    assert agreements is q.data["agreements"] is q.data.agreements
    with pytest.raises(AttributeError, match="no collection 'treaties'"):
        _ = q.data.treaties


def test_a_year_known_only_from_a_figure_has_its_page_and_is_no_gap(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    figure = data / "figures" / "harbour-count.yml"
    figure.write_text(figure.read_text(encoding="utf-8").replace("as_of: 2021-06-14", "as_of: 2018"))
    q = Queries(load(data))
    assert 2018 not in q.ix.years  # no milestone or event then: the charts and grid leave it out
    assert 2018 in q.year_numbers
    assert [f.id for f in q.year(2018).figures] == ["harbour-count"]
    assert q.year(2018).entries == []
    timeline = {y.year: y for y in q.timeline().years}
    assert timeline[2018].figures == 1
    assert timeline[2018].entries == []
    assert timeline[2020].gap == 1  # 2019 alone is a year with nothing recorded
    counts = {y.year: y for y in q.years().years}
    assert (counts[2018].milestones, counts[2018].events, counts[2018].figures) == (0, 0, 1)


def test_the_status_phrase_says_since_when_in_the_words_the_status_takes(q: Queries) -> None:
    """A lasting status holds "since" its milestone's day, a step was taken "on" its day (or
    "in" its month or year), a bound is "by"; the date the status is last known at is added
    only where it is not the milestone's own."""
    seen = set()
    for a in q.data.agreements.values():
        p = status_phrase(a)
        if p.milestone is None:
            assert p.since == ""
            assert p.last_known.startswith("; last known to hold ")
            continue
        m = p.milestone
        word = "by" if m.by else "since" if a.status.value in LASTING else "on" if m.when.precision == "day" else "in"
        assert p.since.split()[0] == word
        assert str(m.when) in p.since
        assert (p.last_known == "") == (m.when == a.status.as_of)
        seen.add(word)
    assert {"since", "by"} <= seen  # the fixture has a lasting status and a bound
