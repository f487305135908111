"""The home page (``home.md.j2``, included by ``docs/index.md``)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..kinds import label
from ..models import COLLECTIONS, Agreement
from .base import Count, Entry, Index, count, first_date
from .sectors import SectorCount, sector_counts

# The agreements the home page gives a status card each.
MAJOR_KINDS = ("free-trade-agreement", "digital-partnership-agreement", "strategic-partnership")


@dataclass(frozen=True)
class CollectionCount:
    collection: str  # also the section's URL
    count: int  # its records, context records left out
    context: int = 0  # its context records (other partners' agreements and meetings), not counted

    @property
    def context_noun(self) -> str:
        """The context records, counted: "1 agreement", "8 events"."""
        return f"{self.context} {COLLECTIONS[self.collection].singular if self.context == 1 else self.collection}"

    @property
    def noun(self) -> str:
        """What is counted, in the number the count takes ("1 figure", "2 figures")."""
        return COLLECTIONS[self.collection].singular if self.count == 1 else self.collection


@dataclass(frozen=True)
class Bar:
    year: int
    milestones: int
    events: int
    count: int
    height: float
    label: bool  # whether the year is written under its bar


@dataclass(frozen=True)
class Histogram:
    bars: list[Bar]
    width: int


@dataclass(frozen=True)
class HomeView:
    counts: list[CollectionCount]
    kinds: list[Count]
    statuses: list[Count]
    major: list[Agreement]
    years: list[int]
    span: tuple[int, int] | None
    latest: list[Entry]
    sectors: list[SectorCount]
    histogram: Histogram


def histogram(ix: Index, width: int = 1000, tallest: int = 110) -> Histogram:
    """Milestones and events per calendar year, from the first year to the last."""
    years = ix.years
    if not years:
        return Histogram([], width)
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for entry in ix.entries:
        counts[entry.date.year][0 if entry.step else 1] += 1
    top = max(sum(c) for c in counts.values())
    span = range(years[0], years[-1] + 1)
    step = max(1, round(len(span) / 12))
    bars = [
        Bar(
            year=y,
            milestones=counts[y][0],
            events=counts[y][1],
            count=sum(counts[y]),
            height=round(sum(counts[y]) / top * tallest, 1),
            # Every step-th year and the last, but no step-th year crowding the last's label.
            label=y == years[-1] or ((y - years[0]) % step == 0 and years[-1] - y > step // 2),
        )
        for y in span
    ]
    return Histogram(bars, width)


def _counted(ix: Index, collection: str) -> CollectionCount:
    records = ix.data[collection].values()
    context = sum(1 for r in records if getattr(r, "context", False))
    return CollectionCount(collection, len(records) - context, context)


def home(ix: Index) -> HomeView:
    agreements = [a for a in ix.agreements.values() if not a.context]
    years = ix.years
    return HomeView(
        # Every collection, in COLLECTIONS' order; context records (other partners'
        # agreements and meetings) are not counted.
        counts=[_counted(ix, c) for c in COLLECTIONS],
        kinds=count(label(a.kind, "agreement.kind") for a in agreements),
        statuses=count(label(a.status.value, "status.value") for a in agreements),
        # The longest-standing framework agreements first; a few cards, however large the data.
        major=sorted((a for a in agreements if a.kind in MAJOR_KINDS), key=first_date)[:6],
        years=years,
        span=(years[0], years[-1]) if years else None,
        latest=list(reversed(ix.entries[-8:])),
        sectors=sorted(sector_counts(ix), key=lambda sc: (-sc.count, sc.sector.name))[:12],
        histogram=histogram(ix),
    )
