"""``/series/<id>/`` (``series.md.j2``) and the index ``/series/`` (``series_index.md.j2``); the
small charts of the home page, the sector pages and the figure pages.

A series is a record of its own (models.Series: what it measures, on which basis); its points
are the figures naming it (``Figure.series``), each placed by the date the series says
(``dated_by``) and drawn at its amount, never converted: the loader has checked that every
point shares the series' kind, unit and currency. A point is marked *derived* where its
figure's reasoning works out what places or draws it (``Figure.derived_of``: the date the
series places it by, its value or its currency; tracker/marks.py), and *documents differ*
where another figure of the series gives another amount for the same date, or where other
figures give another account of the same thing (``other_accounts``), as every view marks them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import chart as charts
from ..dates import PartialDate
from ..kinds import label
from ..marks import Accounts
from ..models import Agreement, Figure, Milestone, Sector, Series, Source
from .base import Index

# The longest title the value axis takes along its height, in characters.
AXIS_TITLE_MAX = 26


@dataclass(frozen=True)
class Point:
    figure: Figure
    date: PartialDate  # as precise as the figure gives it
    amount: float
    derived: str | None  # the figure's reasoning, where it works out the point's date, value or currency
    derived_date: str | None  # the same, where it works out the date the series places it by
    derived_value: str | None  # the same, where it works out its value or currency
    others: tuple[Figure, ...]  # the series' other figures giving another amount for this date
    accounts: Accounts | None  # other figures' accounts of the same thing (marks.py), if any
    accounts_of: tuple[Figure, ...]  # those figures (marks.py's ``others``), in or out of the series
    sources: tuple[Source, ...]  # the documents its figure cites
    dot: charts.Dot

    @property
    def disputed(self) -> bool:
        """The documents differ: another figure of the series gives another amount for the
        date, or other figures give another account of the same thing."""
        return bool(self.others) or self.accounts is not None

    @property
    def differing(self) -> tuple[Figure, ...]:
        """Every figure giving another account of the point's measure, once each: the series'
        figures giving another amount for its date, then those its figure's accounts mark
        counts (``other_accounts`` read both ways, tracker/marks.py), which may belong to no
        series."""
        return tuple({f.id: f for f in (*self.others, *self.accounts_of)}.values())


@dataclass(frozen=True)
class Marker:
    """A milestone drawn across the chart: its key letter, the agreement and the milestone."""

    key: str
    agreement: Agreement
    milestone: Milestone
    label: str  # the milestone's label: "Entered into force"
    rule: charts.Rule


@dataclass(frozen=True)
class SeriesView:
    record: Series
    points: list[Point]  # in date order
    markers: list[Marker]
    chart: charts.Chart
    sectors: list[Sector]
    figures: list[Figure]  # what record.md.j2 lists under "Figures": the points are in the table instead

    @property
    def span(self) -> tuple[PartialDate, PartialDate] | None:
        return (self.points[0].date, self.points[-1].date) if self.points else None

    @property
    def sources(self) -> list[str]:
        """Every document its points cite, once each, in the points' order."""
        return list(dict.fromkeys(s for p in self.points for s in p.figure.cite))

    @property
    def measure(self) -> str:
        """What a value is in: "billion (USD)", "visitors", "rank"."""
        unit = self.record.unit or ("rank" if self.record.kind == "rank" else "")
        currency = label(self.record.currency, "series.currency") if self.record.currency else ""
        return f"{unit} ({currency})" if unit and currency else unit or currency

    @property
    def axis_title(self) -> str:
        """The value axis' title: what a value is in, where that is short enough to stand along
        the axis (the facts above the chart give it in full), else the series' kind."""
        if self.record.kind == "rank":
            return "Rank (1 = first, at the top)"
        if self.measure and len(self.measure) <= AXIS_TITLE_MAX:
            return self.measure
        return label(self.record.kind, "series.kind")

    @property
    def description(self) -> str:
        """The chart in words (its SVG ``desc``): what is drawn, from when to when, the lowest
        and highest values."""
        if not self.points:
            return "No figure is in this series yet."
        first, last = self.points[0].date, self.points[-1].date
        low = min(self.points, key=lambda p: p.amount)
        high = max(self.points, key=lambda p: p.amount)
        measure = f" {self.measure}" if self.measure else ""
        kind = "Ranks" if self.record.kind == "rank" else "Values"
        return (
            f"{kind} of {len(self.points)} figures from {first} to {last}: lowest {low.dot.label}{measure}"
            f" ({low.date}), highest {high.dot.label}{measure} ({high.date}). Each point links to its figure"
            " and its source; dotted lines only join the points in date order, the documents give no values"
            " between them."
        )


@dataclass(frozen=True)
class SeriesIndexView:
    series: list[SeriesView]


def point_date(f: Figure, series: Series) -> PartialDate | None:
    """Where the series places the figure: the period it measures, or the date it holds for."""
    value: PartialDate | None = getattr(f, series.dated_by)
    return value


def reasoning(f: Figure, *fields: str) -> str | None:
    """The figure's reasoning, where it works out one of ``fields`` (``Figure.derived_of``)."""
    return f.derived if set(fields) & set(f.derived_of) else None


def members(ix: Index, series: Series) -> list[Figure]:
    """The figures naming the series, in date order (then by name)."""
    found = [f for f in ix.named_by(series, Figure, "series") if f.amount is not None and point_date(f, series)]
    return sorted(found, key=lambda f: (point_date(f, series), f.name, f.id))


def series(ix: Index, series_id: str) -> SeriesView:
    s = ix.data.of(Series)[series_id]
    figures = members(ix, s)
    dated = [(f, point_date(f, s) or PartialDate(9999), f.amount or 0.0) for f in figures]
    steps = [
        (marker, agreement, milestone)
        for marker in s.markers
        for agreement in [ix.agreements[marker.agreement]]
        for milestone in [next(m for m in agreement.milestones if m.type == marker.milestone)]
    ]
    drawn = charts.chart([(d, v) for _, d, v in dated], [m.when for _, _, m in steps], rank=s.kind == "rank")
    points = [
        Point(
            figure=f,
            date=d,
            amount=v,
            derived=reasoning(f, s.dated_by, "value", "currency"),
            derived_date=reasoning(f, s.dated_by),
            derived_value=reasoning(f, "value", "currency"),
            others=tuple(g for g, e, w in dated if e == d and w != v),
            accounts=ix.marks.figure(f),
            accounts_of=tuple(ix.marks.others(f)),
            sources=tuple(ix.records(Source, dict.fromkeys(f.cite))),
            dot=dot,
        )
        for (f, d, v), dot in zip(dated, drawn.dots, strict=True)
    ]
    markers = [
        Marker(rule.key, agreement, milestone, label(milestone.type, "milestone.type"), rule)
        for (_, agreement, milestone), rule in zip(steps, drawn.rules, strict=True)
    ]
    return SeriesView(s, points, markers, drawn, ix.records(Sector, s.sectors), [])


def ordered(ix: Index) -> list[str]:
    """The series' ids, by name."""
    table = ix.data.of(Series)
    return sorted(table, key=lambda i: (table[i].name.lower(), i))


def series_index(ix: Index) -> SeriesIndexView:
    return SeriesIndexView([series(ix, i) for i in ordered(ix)])
