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


# The histogram's drawing: a margin each side of the bars, the baseline's height.
MARGIN = 20
BASELINE = 122


@dataclass(frozen=True)
class Bar:
    year: int
    milestones: int
    events: int
    count: int
    height: float
    label: bool  # whether the year is written under its bar
    x: float = 0.0  # the left of its slot, in the SVG's coordinates
    slot: float = 0.0  # the width of every bar's slot

    @property
    def top(self) -> float:
        return BASELINE - self.height

    @property
    def left(self) -> float:
        """The bar drawn inside its slot, a unit clear of its neighbours."""
        return self.x + 1

    @property
    def width(self) -> float:
        return max(self.slot - 2, 1)

    @property
    def middle(self) -> float:
        """Where the year written under the bar is centred."""
        return self.x + self.slot / 2


class Margined:
    """A drawing ``width`` units wide between margins of MARGIN each side (the histogram, the
    time axis): where it starts and ends, and the whole SVG's width."""

    width: int

    @property
    def left(self) -> int:
        return MARGIN

    @property
    def right(self) -> int:
        return self.width + MARGIN

    @property
    def view_width(self) -> int:
        return self.width + 2 * MARGIN


@dataclass(frozen=True)
class Histogram(Margined):
    bars: list[Bar]
    width: int
    baseline: int = BASELINE


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
    slot = round(width / len(span), 1)
    bars = [
        Bar(
            year=y,
            milestones=counts[y][0],
            events=counts[y][1],
            count=sum(counts[y]),
            height=round(sum(counts[y]) / top * tallest, 1),
            # Every step-th year and the last, but no step-th year crowding the last's label.
            label=y == years[-1] or ((y - years[0]) % step == 0 and years[-1] - y > step // 2),
            x=MARGIN + i * slot,
            slot=slot,
        )
        for i, y in enumerate(span)
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
