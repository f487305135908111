"""``/years/<yyyy>/`` (``year.md.j2``) and the index ``/years/`` (``years.md.j2``).

Every year from the first with a page to the last is accounted for: a year with a dated
milestone or event, or a figure that holds for it, has a page; the years between them with
nothing recorded are listed as such (a run of them as one :class:`Gap`), never given empty
pages of their own, so that sparse early years cost a line, not a page each.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import ClassVar

from ..models import Figure
from .base import Entry, Index


@dataclass(frozen=True)
class Gap:
    """Years in a row, between two years with a page, for which nothing is recorded."""

    gap: ClassVar[bool] = True
    first: int
    last: int

    @property
    def count(self) -> int:
        return self.last - self.first + 1

    @property
    def label(self) -> str:
        """ "1968", or "1951 to 1963"."""
        return str(self.first) if self.first == self.last else f"{self.first} to {self.last}"


def gaps(years: list[int]) -> list[Gap]:
    """The runs of years missing between ``years`` (in order)."""
    return [Gap(a + 1, b - 1) for a, b in pairwise(years) if b - a > 1]


@dataclass(frozen=True)
class YearView:
    year: int
    entries: list[Entry]
    figures: list[Figure]  # the figures that measure the year (else hold for it)
    reported: list[Figure]  # figures reported in the year that measure another period
    previous: int | None
    next: int | None
    gap_before: Gap | None = None  # the years with nothing recorded between `previous` and this one
    gap_after: Gap | None = None  # and between this one and `next`


@dataclass(frozen=True)
class YearCount:
    gap: ClassVar[bool] = False
    year: int
    milestones: int
    events: int
    figures: int


@dataclass(frozen=True)
class YearsView:
    years: list[YearCount]  # each year with a page
    gaps: list[Gap]  # the years between them with nothing recorded

    @property
    def rows(self) -> list[YearCount | Gap]:
        """Every year from the first to the last: a year with a page, or a run with nothing."""
        return sorted([*self.years, *self.gaps], key=lambda r: r.first if isinstance(r, Gap) else r.year)


def year(ix: Index, number: int) -> YearView:
    years = ix.page_years
    at = years.index(number)  # a year with nothing recorded has no page: ValueError
    previous = years[at - 1] if at > 0 else None
    following = years[at + 1] if at + 1 < len(years) else None
    return YearView(
        year=number,
        entries=ix.entries_by_year.get(number, []),
        # A figure belongs to the year it measures; reported in another year, it is listed on
        # that year's page too, apart.
        figures=ix.figures_by_year.get(number, []),
        reported=ix.figures_reported_by_year.get(number, []),
        previous=previous,
        next=following,
        gap_before=next(iter(gaps([previous, number])), None) if previous else None,
        gap_after=next(iter(gaps([number, following])), None) if following else None,
    )


def years(ix: Index) -> YearsView:
    counts = {y: [0, 0] for y in ix.page_years}
    for entry in ix.entries:
        counts[entry.date.year][0 if entry.step else 1] += 1
    return YearsView(
        [YearCount(y, m, e, ix.figure_count(y)) for y, (m, e) in counts.items()],
        gaps(ix.page_years),
    )
