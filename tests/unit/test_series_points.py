"""Series: their points worked out from the figures naming them, the loader's checks that a
series holds one basis only, the chart's geometry and labels, and the published series files.
No build: the fixture's and the real data's records, read as the build reads them."""

from __future__ import annotations

import csv
import io
import json
import math
import shutil
from pathlib import Path

import pytest
from conftest import FIXTURE_DATA, ROOT

from tracker import chart
from tracker.dates import PartialDate
from tracker.export import SERIES_HEADER, series_files
from tracker.load import DataError, load
from tracker.models import Figure, Series
from tracker.queries import Queries


@pytest.fixture(scope="module")
def q() -> Queries:
    return Queries(load(FIXTURE_DATA))


@pytest.fixture(scope="module")
def real() -> Queries:
    return Queries(load(ROOT / "data"))


def copy(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    return data


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def problems(data: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(data)
    return [str(p) for p in caught.value.problems]


def place(path: Path, text: str) -> tuple[int, int]:
    """The line and column (from 1) where ``text`` starts in ``path``."""
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if text in line:
            return n, line.index(text) + 1
    raise AssertionError(f"{text!r} not in {path}")


# -- the points ---------------------------------------------------------------------------------


def test_a_series_points_are_its_figures_in_date_order(q: Queries) -> None:
    for series_id, series in q.data.of(Series).items():
        view = q.series(series_id)
        named = [f for f in q.data.of(Figure).values() if f.series == series_id]
        assert sorted(p.figure.id for p in view.points) == sorted(f.id for f in named)
        dates = [p.date for p in view.points]
        assert dates == sorted(dates)
        for p in view.points:
            assert p.date == getattr(p.figure, series.dated_by)
            assert p.amount == p.figure.amount
            assert (p.figure.unit, p.figure.currency, p.figure.kind) == (series.unit, series.currency, series.kind)
            assert [s.id for s in p.sources] == p.figure.cite
            assert p.dot.label == chart.amount(p.amount)


def test_derived_and_differing_points_are_marked(q: Queries) -> None:
    view = q.series("harbour-tonnage")
    by_id = {p.figure.id: p for p in view.points}
    # The derived mark carries the figure's own reasoning, as its page shows it.
    assert by_id["tonnage-2020"].derived == q.data.figures["tonnage-2020"].derived
    assert not by_id["tonnage-2021-alpha"].derived
    # Two documents giving 2021 differently: each point names the other, neither is preferred.
    assert [o.id for o in by_id["tonnage-2021-alpha"].others] == ["tonnage-2021-beta"]
    assert [o.id for o in by_id["tonnage-2021-beta"].others] == ["tonnage-2021-alpha"]
    assert not by_id["tonnage-2020"].disputed
    # Drawn side by side around the year's place, each to be seen and reached.
    alpha, beta = by_id["tonnage-2021-alpha"].dot, by_id["tonnage-2021-beta"].dot
    assert abs(alpha.x - beta.x) == pytest.approx(chart.APART)
    assert by_id["tonnage-2021-alpha"].dot.y != by_id["tonnage-2021-beta"].dot.y


def test_the_same_value_from_two_documents_is_no_disagreement(tmp_path: Path) -> None:
    data = copy(tmp_path)
    edit(data / "figures" / "tonnage-2021-beta.yml", "amount: 6.4", "amount: 6.1")
    view = Queries(load(data)).series("harbour-tonnage")
    assert not any(p.disputed for p in view.points)


def test_markers_are_the_milestones_named_with_a_key_each(q: Queries) -> None:
    view = q.series("harbour-tonnage")
    accord = q.data.agreements["harbour-accord"]
    assert [(m.key, m.agreement.id, m.milestone.type) for m in view.markers] == [
        ("A", "harbour-accord", "entered-into-force"),
        ("B", "harbour-accord", "signed"),
    ]
    assert [m.milestone for m in view.markers] == [
        next(x for x in accord.milestones if x.type == "entered-into-force"),
        next(x for x in accord.milestones if x.type == "signed"),
    ]
    signed, in_force = view.markers[1].rule.x, view.markers[0].rule.x
    assert signed < in_force  # June 2021 before February 2022 on the time axis


def test_a_series_placed_by_the_date_stated(q: Queries) -> None:
    view = q.series("harbour-fees-usd")
    assert view.record.dated_by == "as_of"
    assert [(p.date.iso, p.amount) for p in view.points] == [("2021-06-14", 1400), ("2022-02", 1650)]
    assert view.measure == "million a year (USD)"


def test_pages_find_the_series_they_show(q: Queries) -> None:
    assert [v.record.id for v in q.featured_series()] == ["harbour-tonnage"]
    assert [v.record.id for v in q.sector_series("harbours")] == ["harbour-tonnage"]
    assert q.sector_series("hostile-markup") == []
    assert [v.record.id for v in q.series_index().series] == ["harbour-tonnage", "harbour-fees-usd"]


# -- the loader: one basis per series -----------------------------------------------------------


def test_a_figure_in_another_currency_than_its_series_is_refused_where_it_names_it(tmp_path: Path) -> None:
    data = copy(tmp_path)
    figure = data / "figures" / "fees-2022-02-usd.yml"
    edit(figure, "currency: USD", "currency: SGD")
    line, column = place(figure, "harbour-fees-usd")
    found = problems(data)
    assert len(found) == 1
    assert found[0].endswith(
        f"fees-2022-02-usd.yml:{line}:{column}: its currency ('SGD') is not the currency of its series"
        " 'harbour-fees-usd' ('USD'):"
        " a series holds figures on one basis only, never converted; a figure on another basis belongs to a"
        " series of its own"
    )


def test_every_mismatch_with_its_series_is_reported_at_once(tmp_path: Path) -> None:
    data = copy(tmp_path)
    edit(data / "figures" / "tonnage-2020.yml", "unit: million tonnes", "unit: thousand tonnes")
    edit(data / "figures" / "tonnage-2021-alpha.yml", "kind: value", "kind: count")
    edit(data / "figures" / "tonnage-2021-beta.yml", "amount: 6.4\n", "")
    edit(data / "figures" / "fees-2021-06-usd.yml", "as_of: 2021-06-14\n", "")
    edit(data / "figures" / "fees-2022-02-usd.yml", "currency: USD\n", "")
    series = data / "series" / "harbour-tonnage.yml"
    edit(series, "milestone: signed", "milestone: ratified")
    line, column = place(series, "ratified")
    found = "\n".join(problems(data))
    assert "tonnage-2020.yml:9:9: its unit ('thousand tonnes') is not the unit of its series" in found
    assert "tonnage-2021-alpha.yml:8:9: its kind ('count') is not the kind of its series" in found
    assert "tonnage-2021-beta.yml:7:9: a figure in a series needs its 'amount', which the chart draws" in found
    assert (
        "fees-2021-06-usd.yml:8:9: its series 'harbour-fees-usd' places each figure by its 'as_of',"
        " which this figure does not give"
    ) in found
    assert "fees-2022-02-usd.yml:8:9: its currency (none) is not the currency of its series" in found
    assert (
        f"harbour-tonnage.yml:{line}:{column}: 'harbour-accord' has no 'ratified' milestone to mark; its milestones:"
        " entered-into-force, signed, negotiations-concluded"
    ) in found
    assert len(found.splitlines()) == 6


def test_an_unknown_series_is_an_unknown_reference(tmp_path: Path) -> None:
    data = copy(tmp_path)
    edit(data / "figures" / "tonnage-2020.yml", "series: harbour-tonnage", "series: harbour-tonage")
    found = problems(data)
    assert len(found) == 1
    assert found[0].endswith("tonnage-2020.yml:9:9: unknown series 'harbour-tonage' (did you mean 'harbour-tonnage'?)")


# -- the chart ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high"), [(0, 24.9), (0, 361_000), (0, 0.8), (-3, 12), (0, 1), (0, 62.2), (1_000, 1_650)]
)
def test_value_ticks_are_round_and_cover_the_values(low: float, high: float) -> None:
    ticks = chart.value_ticks(low, high)
    assert ticks[0] <= low
    assert ticks[-1] >= high
    assert 3 <= len(ticks) <= 8
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1
    step = steps.pop()
    mantissa = step / 10 ** math.floor(math.log10(step))
    assert round(mantissa, 6) in (1, 2, 5)


def test_years_are_ticked_at_their_middle_within_the_axis() -> None:
    ticks = chart.year_ticks(1992.4, 2026.6)
    assert ticks == list(range(ticks[0], ticks[-1] + 1, ticks[1] - ticks[0]))
    assert all(1992.4 <= t + 0.5 <= 2026.6 for t in ticks)
    assert 4 <= len(ticks) <= 8
    assert chart.year_ticks(2020.9, 2022.1) == [2021]


def test_a_date_is_placed_in_the_middle_of_what_it_stands_for() -> None:
    assert chart.position(PartialDate(2006)) == 2006.5
    assert 2006.1 < chart.position(PartialDate(2006, 3)) < 2006.25
    assert chart.position(PartialDate(2006, 3, 2)) < chart.position(PartialDate(2006, 3))
    assert chart.position(PartialDate(2006, 12, 31)) < 2007


def test_the_chart_draws_every_point_where_its_date_and_value_put_it() -> None:
    points = [
        (PartialDate(1993), 4.65),
        (PartialDate(2004), 10.1),
        (PartialDate(2005), 12.7),
        (PartialDate(2021), 24.9),
    ]
    drawn = chart.chart(points, [PartialDate(2006, 3, 2)])
    xs, ys = [d.x for d in drawn.dots], [d.y for d in drawn.dots]
    assert xs == sorted(xs)
    assert ys == sorted(ys, reverse=True)
    assert [d.label for d in drawn.dots] == ["4.65", "10.1", "12.7", "24.9"]
    assert all(drawn.left <= x <= drawn.right for x in xs)
    assert all(drawn.top <= y <= drawn.bottom for y in ys)
    zero = next(t for t in drawn.y_ticks if t.label == "0")
    assert zero.at == drawn.bottom  # amounts start from zero
    # A point lies between the ticks of the values around it, in proportion.
    ten, twenty = (next(t.at for t in drawn.y_ticks if t.label == v) for v in ("10", "20"))
    assert ys[1] == pytest.approx(ten + (twenty - ten) * 0.01, abs=0.2)
    # The milestone falls between the 2005 and 2021 points, before the 2006 tick's middle.
    assert xs[2] < drawn.rules[0].x < xs[3]
    assert drawn.rules[0].key == "A"


def test_a_rank_puts_the_first_place_at_the_top() -> None:
    drawn = chart.chart([(PartialDate(1994, 9, 1), 6), (PartialDate(2020, 6, 22), 12)], [], rank=True)
    assert drawn.rank
    first = next(t for t in drawn.y_ticks if t.label == "1")
    assert first.at == drawn.top
    sixth, twelfth = drawn.dots
    assert first.at < sixth.y < twelfth.y


def test_value_labels_keep_clear_of_other_dots() -> None:
    points = [(PartialDate(2004), 10.1), (PartialDate(2005), 12.7), (PartialDate(2006), 11.9)]
    drawn = chart.chart(points, [])
    for d in drawn.dots:
        half = len(d.label) * chart.CHAR_WIDTH / 2
        box = (d.label_x - half, d.label_y - chart.LABEL_HEIGHT + 2, d.label_x + half, d.label_y + 2)
        for other in drawn.dots:
            if other is not d:
                r = chart.DOT_RADIUS
                assert not chart._overlaps(box, (other.x - r, other.y - r, other.x + r, other.y + r))


def test_numbers_are_written_by_babel() -> None:
    assert [chart.amount(v) for v in (4.65, 361000, 62.2, 6)] == ["4.65", "361,000", "62.2", "6"]
    assert [chart.tick_label(v, 100_000) for v in (0, 100_000, 1_500_000)] == ["0", "100K", "1.5M"]
    assert [chart.tick_label(v, 0.2) for v in (0, 0.2, 1)] == ["0.0", "0.2", "1.0"]


# -- the published series -----------------------------------------------------------------------


def test_each_series_is_published_with_its_points(q: Queries) -> None:
    files = series_files(q, "https://example.org/")
    for series_id in q.data.of(Series):
        view = q.series(series_id)
        data = json.loads(files[f"api/v1/series/{series_id}.json"])
        assert data["series"]["id"] == series_id
        assert data["licence"]["name"] == "CC BY 4.0"
        rows = list(csv.DictReader(io.StringIO(files[f"api/v1/series/{series_id}.csv"].lstrip("\ufeff"))))
        assert tuple(rows[0]) == (*SERIES_HEADER, "dataset_version")
        assert len(rows) == len(data["points"]) == len(view.points)
        for row, point, p in zip(rows, data["points"], view.points, strict=True):
            assert row["date"] == point["date"] == p.date.iso
            assert float(row["value"]) == point["value"] == p.amount
            assert row["currency"] == (view.record.currency or "")
            assert point["currency"] == view.record.currency
            assert row["unit"] == (view.record.unit or "")
            assert row["basis"] == view.record.basis
            assert row["figure"] == point["figure"] == p.figure.id
            assert row["sources"].split("; ") == point["sources"] == p.figure.cite
            assert point["page_url"] == f"https://example.org/figures/{p.figure.id}/"
            assert (row["derived"] != "") == bool(p.derived)
            # Every other account of the measure the point's marks count, and nothing else.
            assert point["documents_differ"] == [o.id for o in p.differing]
            assert set(point["documents_differ"]) == {o.id for o in p.others} | {o.id for o in q.marks.others(p.figure)}
            assert row["documents_differ"] == "; ".join(point["documents_differ"])
            assert bool(point["documents_differ"]) == p.disputed


def test_documents_differ_names_the_other_accounts_of_a_point_outside_its_series(tmp_path: Path) -> None:
    """A figure of the series that another figure gives another account of (``other_accounts``,
    named from either side, that figure in no series) is a point where the documents differ:
    the series files name that figure, as the point's marks count it (tracker/marks.py)."""
    data = copy(tmp_path)
    (data / "figures" / "tonnage-2020-release.yml").write_text(
        "name: Cargo handled in 2020 (the release's estimate)\n"
        "kind: value\n"
        "value: nearly 5 million tonnes\n"
        "statement: The release puts cargo in 2020 at nearly five million tonnes.\n"
        "amount: 4.9\n"
        "unit: million tonnes\n"
        "reference_year: 2020\n"
        "other_accounts: [tonnage-2020]\n"
        "cite: [beta-release]\n",
        encoding="utf-8",
    )
    q = Queries(load(data))
    files = series_files(q, "https://example.org/")
    points = {p["figure"]: p for p in json.loads(files["api/v1/series/harbour-tonnage.json"])["points"]}
    rows = {
        r["figure"]: r for r in csv.DictReader(io.StringIO(files["api/v1/series/harbour-tonnage.csv"].lstrip("\ufeff")))
    }
    assert points["tonnage-2020"]["documents_differ"] == ["tonnage-2020-release"]
    assert rows["tonnage-2020"]["documents_differ"] == "tonnage-2020-release"
    assert q.series("harbour-tonnage").points[0].disputed
    # The two documents giving 2021 still name each other, and only each other.
    assert points["tonnage-2021-alpha"]["documents_differ"] == ["tonnage-2021-beta"]
    assert rows["tonnage-2021-beta"]["documents_differ"] == "tonnage-2021-alpha"


# -- the real data ------------------------------------------------------------------------------


def test_real_series_hold_one_basis_each_and_cite_every_point(real: Queries) -> None:
    for series_id, series in real.data.of(Series).items():
        view = real.series(series_id)
        assert len(view.points) >= 2, f"{series_id}: a series of one point is no series"
        assert {(p.figure.currency, p.figure.unit) for p in view.points} == {(series.currency, series.unit)}
        assert all(p.figure.cite for p in view.points)


def test_real_trade_and_rank_series_have_three_points_or_more(real: Queries) -> None:
    """The measures the documents give most often: trade in each currency, and Singapore's rank."""
    counts = {sid: len(real.series(sid).points) for sid in real.data.of(Series)}
    assert counts["bilateral-trade-usd"] >= 3
    assert counts["bilateral-trade-sgd"] >= 3
    assert counts["singapore-rank-among-korea-trading-partners"] >= 3
    assert real.data.series["bilateral-trade-usd"].currency == "USD"
    assert real.data.series["bilateral-trade-sgd"].currency == "SGD"
    # No figure converted by a document (an amount in brackets) sits in a series of its own
    # currency: each is its own basis.
    for figure_id in ("bilateral-trade-2006-usd-equivalent", "bilateral-trade-1993-sgd"):
        assert real.data.figures[figure_id].series is None


def test_a_real_point_is_derived_where_its_date_value_or_currency_is_worked_out(real: Queries) -> None:
    """The derived mark sits where the figure's reasoning works out what places or draws the
    point (Figure.derived_of), not on a point whose document's own date alone was worked out."""
    points = {p.figure.id: p for sid in real.data.of(Series) for p in real.series(sid).points}
    for p in points.values():
        s = real.data.series[p.figure.series]
        worked_out = set(p.figure.derived_of)
        assert bool(p.derived) == bool(worked_out & {s.dated_by, "value", "currency"})
        assert bool(p.derived_date) == (s.dated_by in worked_out)
    # The speech's date is read from its address; the year it gives trade for is stated.
    assert "as_of" in real.data.figures["bilateral-trade-2007-sgd"].derived_of
    assert points["bilateral-trade-2007-sgd"].derived is None
