"""``/years/<yyyy>/`` (``year.md.j2``) and the index ``/years/`` (``years.md.j2``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Figure
from .base import Entry, Index


@dataclass(frozen=True)
class YearView:
    year: int
    entries: list[Entry]
    figures: list[Figure]  # the figures that measure the year (else hold for it)
    reported: list[Figure]  # figures reported in the year that measure another period
    previous: int | None
    next: int | None


@dataclass(frozen=True)
class YearCount:
    year: int
    milestones: int
    events: int
    figures: int


@dataclass(frozen=True)
class YearsView:
    years: list[YearCount]


def year(ix: Index, number: int) -> YearView:
    years = ix.page_years
    at = years.index(number)  # a year with nothing recorded has no page: ValueError
    return YearView(
        year=number,
        entries=ix.entries_by_year.get(number, []),
        # A figure belongs to the year it measures; reported in another year, it is listed on
        # that year's page too, apart.
        figures=ix.figures_by_year.get(number, []),
        reported=ix.figures_reported_by_year.get(number, []),
        previous=years[at - 1] if at > 0 else None,
        next=years[at + 1] if at + 1 < len(years) else None,
    )


def years(ix: Index) -> YearsView:
    counts = {y: [0, 0] for y in ix.page_years}
    for entry in ix.entries:
        counts[entry.date.year][0 if entry.step else 1] += 1
    return YearsView([YearCount(y, m, e, ix.figure_count(y)) for y, (m, e) in counts.items()])
