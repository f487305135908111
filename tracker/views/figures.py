"""``/figures/<id>/`` (``figure.md.j2``) and the index ``/figures/`` (``figures.md.j2``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import PartialDate
from ..models import OPINION_KINDS, Agreement, Event, Figure, Organisation, Sector
from .base import Index


@dataclass(frozen=True)
class FigureView:
    record: Figure
    opinion: bool  # a forecast or an assessment: someone's view, not a measurement
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
