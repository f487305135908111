"""``/figures/<id>/`` (``figure.md.j2``) and the index ``/figures/`` (``figures.md.j2``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import PartialDate, written
from ..kinds import label
from ..marks import Accounts, Marks
from ..models import OPINION_KINDS, Agreement, Event, Figure, Organisation, Sector
from . import table as t
from .base import Index


@dataclass(frozen=True)
class FigureView:
    record: Figure
    opinion: bool  # a forecast or an assessment: someone's view, not a measurement
    accounts: Accounts | None  # other documents give the same thing differently
    others: list[Figure]  # the figures giving it, in date order
    agreements: list[Agreement]
    events: list[Event]
    organisations: list[Organisation]
    sectors: list[Sector]


@dataclass(frozen=True)
class FiguresView:
    figures: list[Figure]
    measured: list[Figure]
    opinions: list[Figure]  # forecasts and assessments: someone's view, listed apart


def figure(ix: Index, figure_id: str) -> FigureView:
    f = ix.figures[figure_id]
    return FigureView(
        record=f,
        opinion=f.kind in OPINION_KINDS,
        accounts=ix.marks.figure(f),
        others=ix.marks.others(f),
        agreements=ix.records(Agreement, f.agreements),
        events=ix.records(Event, f.events),
        organisations=ix.records(Organisation, f.organisations),
        sectors=ix.records(Sector, f.sectors),
    )


def figures(ix: Index) -> FiguresView:
    ordered = sorted(ix.figures.values(), key=lambda f: (f.as_of or f.reference_year or PartialDate(9999), f.name))
    return FiguresView(
        figures=ordered,
        measured=[f for f in ordered if f.kind not in OPINION_KINDS],
        opinions=[f for f in ordered if f.kind in OPINION_KINDS],
    )


def _row(ix: Index, f: Figure) -> t.Row:
    # Each mark on what it concerns: the derived mark on the value, the currency, the period
    # or the date that was worked out (Figure.derived_of), "accounts differ" on the value.
    value = f.value + (f" ({f.currency})" if f.currency else "")
    derived = Marks.figure_derived
    value_cell = t.marked(value, derived(f, "value") or derived(f, "currency"), ix.marks.figure(f))
    measures = (
        t.date(written(f.reference_year), f.reference_year, derived(f, "reference_year"))
        if f.reference_year
        else t.Cell()
    )
    as_of = t.date(written(f.as_of), f.as_of, derived(f, "as_of")) if f.as_of else t.text("not dated")
    cells = (t.link(f), t.text(label(f.kind, "figure.kind"), f.kind), value_cell, measures, as_of)
    return t.Row(f, cells, t.group_of(f.as_of or f.reference_year))


def table(ix: Index) -> t.Table:
    """The index's table of measured figures (forecasts and assessments are listed apart), by
    the year each holds for, else the year it measures."""
    rows = [_row(ix, f) for f in figures(ix).measured]
    return t.Table(
        "figures",
        "figures",
        t.columns(["Figure", "Kind", "Value", "Measures", "As of"], ["Kind", "Measures"]),
        rows,
        "by the year each holds for, else the year it measures",
    )
