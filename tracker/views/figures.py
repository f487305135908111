"""``/figures/<id>/`` (``figure.md.j2``) and the index ``/figures/`` (``figures.md.j2``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import PartialDate
from ..models import Agreement, Event, Figure, Organisation, Sector
from .base import Index


@dataclass(frozen=True)
class FigureView:
    record: Figure
    agreements: list[Agreement]
    events: list[Event]
    organisations: list[Organisation]
    sectors: list[Sector]


@dataclass(frozen=True)
class FiguresView:
    figures: list[Figure]


def figure(ix: Index, figure_id: str) -> FigureView:
    f = ix.figures[figure_id]
    return FigureView(
        record=f,
        agreements=ix.records(Agreement, f.agreements),
        events=ix.records(Event, f.events),
        organisations=ix.records(Organisation, f.organisations),
        sectors=ix.records(Sector, f.sectors),
    )


def figures(ix: Index) -> FiguresView:
    return FiguresView(sorted(ix.figures.values(), key=lambda f: (f.as_of or PartialDate(9999), f.name)))
