"""``/timeline/`` (``timeline.md.j2``): every entry on a time axis, then year by year."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from .base import Entry, Index, by_year


@dataclass(frozen=True)
class Dot:
    entry: Entry
    x: float
    width: float  # 0 for a point: a day, or a "by" date
    row: int


@dataclass(frozen=True)
class Tick:
    year: int
    x: float


@dataclass(frozen=True)
class Axis:
    dots: list[Dot]
    ticks: list[Tick]
    rows: int
    width: int


@dataclass(frozen=True)
class TimelineYear:
    year: int
    entries: list[Entry]
    gap: int  # years with nothing recorded just before this one
    figures: int = 0  # figures that hold for the year (listed on its page)


@dataclass(frozen=True)
class TimelineView:
    years: list[TimelineYear]
    axis: Axis


def axis(ix: Index, width: int = 1000, bin_width: int = 14) -> Axis:
    """Every timeline entry as a dot on a time axis: x in [0, width], stacked where close."""
    entries = ix.entries
    if not entries:
        return Axis([], [], 0, width)
    first, last = entries[0].date.year, entries[-1].date.year + 1
    start, end = date(first, 1, 1).toordinal(), date(last, 1, 1).toordinal()

    def x(day: date) -> float:
        return round((day.toordinal() - start) / (end - start) * width, 1)

    dots: list[Dot] = []
    stacks: dict[int, int] = defaultdict(int)
    for entry in entries:
        # A date known only to the month or year is drawn as a bar over all the days it
        # may stand for, never as a point on a day the sources do not give; a "by" date
        # is a point on that last day.
        start_x = x(date(*entry.date.earliest))
        end_x = x(date(*entry.date.latest) + timedelta(days=1))
        point = entry.date.precision == "day" or entry.bound
        if entry.bound:
            start_x = end_x
        bins = range(int(start_x // bin_width), int(max(start_x, end_x - 1) // bin_width) + 1)
        row = max(stacks[b] for b in bins)
        for b in bins:
            stacks[b] = row + 1
        dots.append(Dot(entry, start_x, 0 if point else round(end_x - start_x, 1), row))
    step = max(1, round((last - first) / 12))
    ticks = [Tick(y, x(date(y, 1, 1))) for y in range(first, last + 1, step)]
    return Axis(dots, ticks, max(stacks.values()), width)


def timeline(ix: Index) -> TimelineView:
    entries = {g.year: g.entries for g in by_year(ix.entries)}
    years = ix.page_years
    return TimelineView(
        years=[
            TimelineYear(
                year,
                entries.get(year, []),
                year - years[i - 1] - 1 if i else 0,
                len(ix.figures_by_year.get(year, [])),
            )
            for i, year in enumerate(years)
        ],
        axis=axis(ix),
    )
