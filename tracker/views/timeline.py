"""``/timeline/`` (``timeline.md.j2``): every entry on a time axis, then year by year.

A timeline of at most ``index_rows`` entries (the tracker plugin's option, the rule of the
split collection indexes in ``lists.py``) is drawn whole: a dot per entry on the axis, then
every entry under its year. A larger one is split by year: a bar per year (the home page's
histogram), a table of the years (each with its counts and a link to its year page,
``/years/2024/``, which lists all of that year's entries) and the entries of the latest year
alone, so that the page, and the preview's rebuild of it after an edit, stays the same size
however many records there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from .base import Entry, Index, by_year
from .home import MARGIN, Histogram, Margined, histogram
from .lists import INDEX_ROWS
from .years import Gap, YearCount, years

# The axis' drawing (between the margins of home.Margined): the height of a row of dots, and
# the room under the dots for the line and the years.
ROW = 13
UNDER = 34


@dataclass(frozen=True)
class Dot:
    entry: Entry
    x: float
    width: float  # 0 for a point: a day, or a "by" date
    row: int
    height: int = 0  # the whole axis' height (Axis.height), which the rows stack up from

    @property
    def left(self) -> float:
        return self.x + MARGIN

    @property
    def bar_width(self) -> float:
        """A span is drawn at least as wide as a point."""
        return max(self.width, 10)

    @property
    def top(self) -> int:
        """The top of a span's bar, in its row."""
        return self.height - 36 - self.row * ROW

    @property
    def middle(self) -> int:
        """The centre of a point, in its row."""
        return self.height - 31 - self.row * ROW


@dataclass(frozen=True)
class Tick:
    year: int
    x: float

    @property
    def left(self) -> float:
        return self.x + MARGIN


@dataclass(frozen=True)
class Axis(Margined):
    dots: list[Dot]
    ticks: list[Tick]
    rows: int
    width: int

    @property
    def height(self) -> int:
        return UNDER + (self.rows + 1) * ROW

    @property
    def baseline(self) -> int:
        return self.height - 22


@dataclass(frozen=True)
class TimelineYear:
    year: int
    entries: list[Entry]
    gap: int  # years with nothing recorded just before this one
    figures: int = 0  # figures that measure the year or were reported in it (listed on its page)

    @property
    def gap_years(self) -> Gap | None:
        """The years with nothing recorded just before this one, named."""
        return Gap(self.year - self.gap, self.year - 1) if self.gap else None


@dataclass(frozen=True)
class TimelineView:
    years: list[TimelineYear]  # every year with a page; split: the latest year with entries
    axis: Axis | None  # a dot per entry (whole timelines only)
    split: bool = False  # more entries than index_rows: by year
    histogram: Histogram | None = None  # a bar per year (split timelines only)
    counts: list[YearCount] = field(default_factory=list)  # split: each year with entries, latest first
    total: int = 0  # milestones and events in all
    # Split: every year from the last to the first, latest first: each with a page (its counts),
    # and each run of years with nothing recorded.
    rows: list[YearCount | Gap] = field(default_factory=list)

    @property
    def latest(self) -> TimelineYear | None:
        """The year whose entries a split timeline lists."""
        return self.years[-1] if self.split and self.years else None


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
    rows = max(stacks.values())
    height = Axis([], [], rows, width).height
    return Axis([replace(d, height=height) for d in dots], ticks, rows, width)


def is_split(ix: Index, index_rows: int = INDEX_ROWS) -> bool:
    """Split by year where there are more entries than ``index_rows`` (as lists.is_split)."""
    return len(ix.entries) > index_rows


def timeline(ix: Index, index_rows: int = INDEX_ROWS) -> TimelineView:
    if is_split(ix, index_rows):
        return split(ix)
    entries = {g.year: g.entries for g in by_year(ix.entries)}
    page_years = ix.page_years
    return TimelineView(
        years=[
            TimelineYear(
                year,
                entries.get(year, []),
                year - page_years[i - 1] - 1 if i else 0,
                ix.figure_count(year),
            )
            for i, year in enumerate(page_years)
        ],
        axis=axis(ix),
        total=len(ix.entries),
    )


def split(ix: Index) -> TimelineView:
    """The timeline by year: a bar per year, every year's counts, the latest year's entries."""
    latest = ix.entries[-1].date.year  # split: there are entries
    return TimelineView(
        years=[TimelineYear(latest, ix.entries_by_year[latest], 0, ix.figure_count(latest))],
        axis=None,
        split=True,
        histogram=histogram(ix),
        counts=[y for y in reversed(years(ix).years) if y.milestones or y.events],
        total=len(ix.entries),
        rows=list(reversed(years(ix).rows)),
    )
