"""A series drawn as a chart: where each point, tick and label goes, worked out here and drawn
by common.j2's ``chart`` macro as inline SVG when the site is built (no script, no other host).

Plain geometry on numbers and dates, knowing nothing of records: :mod:`tracker.views.series`
hands it a series' dates and amounts and the dates of the milestones drawn across it, and
gets back a :class:`Chart` in a fixed coordinate system (``WIDTH`` × ``HEIGHT``, scaled to the
page by CSS).

Numbers are written by Babel (``babel.numbers``: thousands separators and the short forms,
361K, 1.5M, from the Unicode CLDR's English data), which the site already installs with
Material. Tick values are the "nice numbers" of Heckbert (Graphics Gems, 1990): a dozen lines
here, where the Python libraries that choose ticks come with a whole plotting stack
(matplotlib's locators need matplotlib and NumPy). Dates are written by :mod:`tracker.dates`,
at their precision, as on every other page.
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Sequence
from dataclasses import dataclass

from babel.numbers import format_compact_decimal, format_decimal

from .dates import PartialDate

# The chart's own coordinates (its SVG viewBox); CSS scales it to the page's width.
WIDTH = 420
HEIGHT = 250
LEFT = 50  # room for the value axis' labels
RIGHT = 14
TOP = 34  # room for the keys of the milestones drawn across the chart, above the value labels
BOTTOM = 46  # room for the years and the time axis' title
LOCALE = "en"
# Beyond this many points the value labels would overlap: the table under the chart gives them.
MAX_LABELLED = 12


@dataclass(frozen=True)
class Tick:
    at: float  # its place along its axis, in the chart's coordinates
    label: str


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    label: str  # the amount as the chart writes it ("4.65", "361,000")
    label_x: float = 0.0  # where the label's middle goes: above the dot, else beside or below it
    label_y: float = 0.0

    @property
    def diamond(self) -> str:
        """The dot drawn as a diamond (a point the documents give differently), as an SVG
        path: its corners 7 units from the centre."""
        x, y = self.x, self.y
        return f"M{x},{y - 7} L{x + 7},{y} L{x},{y + 7} L{x - 7},{y} Z"


@dataclass(frozen=True)
class Rule:
    """A milestone drawn across the chart: a vertical line, keyed by a letter."""

    x: float
    key: str


@dataclass(frozen=True)
class Chart:
    x_ticks: list[Tick]
    y_ticks: list[Tick]
    dots: list[Dot]  # in the order the points were given
    rules: list[Rule]  # in the order the milestones were given
    rank: bool  # a rank: the first place at the top
    labelled: bool  # the dots carry their value labels
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    top: int = TOP

    @property
    def right(self) -> int:
        return self.width - RIGHT

    @property
    def bottom(self) -> int:
        return self.height - BOTTOM

    @property
    def middle_x(self) -> float:
        """The middle of the plot across, where the time axis' title is centred."""
        return (self.left + self.right) / 2

    @property
    def middle_y(self) -> float:
        """The middle of the plot down, where the value axis' title is centred."""
        return (self.top + self.bottom) / 2

    @property
    def line(self) -> str:
        """The dots joined in date order, as an SVG polyline's points."""
        ordered = sorted(self.dots, key=lambda d: d.x)
        return " ".join(f"{d.x:g},{d.y:g}" for d in ordered)


def nice(span: float, round_up: bool) -> float:
    """A "nice" number near ``span``: 1, 2, 5 or 10 times a power of ten (Heckbert)."""
    exponent = math.floor(math.log10(span))
    fraction = span / 10**exponent
    if round_up:
        step = 1 if fraction <= 1 else 2 if fraction <= 2 else 5 if fraction <= 5 else 10
    else:
        step = 1 if fraction < 1.5 else 2 if fraction < 3 else 5 if fraction < 7 else 10
    return step * 10.0**exponent


def value_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round values covering ``low`` to ``high`` (the first at or below ``low``,
    the last at or above ``high``)."""
    if high <= low:
        high = low + 1
    step = nice(nice(high - low, round_up=True) / (count - 1), round_up=False)
    first = math.floor(low / step) * step
    last = math.ceil(high / step) * step
    n = round((last - first) / step)
    return [round(first + i * step, 10) for i in range(n + 1)]


def year_ticks(low: float, high: float, count: int = 6) -> list[int]:
    """The years whose middle lies inside ``low`` to ``high`` (fractional years), at most about
    ``count``, at a round step (1, 2, 5, 10, 20, 50 … years). A year's tick is at its middle,
    where a point for the whole year is."""
    span = max(high - low, 1.0)
    step = max(1, int(nice(span / count, round_up=False)))
    first = math.ceil((low - 0.5) / step) * step
    return list(range(first, math.floor(high - 0.5) + 1, step))


def position(d: PartialDate) -> float:
    """A date as a fractional year, in the middle of the period it stands for: a year's total
    at mid-year, a month at its middle, a day at its own place."""
    if not d.month:
        return d.year + 0.5
    days = 366 if calendar.isleap(d.year) else 365
    start = sum(calendar.monthrange(d.year, m)[1] for m in range(1, d.month))
    if not d.day:
        return d.year + (start + calendar.monthrange(d.year, d.month)[1] / 2) / days
    return d.year + (start + d.day - 0.5) / days


def amount(value: float) -> str:
    """An amount as the chart's labels write it: "4.65", "361,000", "62.2"."""
    return format_decimal(value, locale=LOCALE)


def tick_label(value: float, step: float) -> str:
    """A value axis' label: short forms for large values (361K, 1.5M), else as many decimals as
    the step between ticks needs."""
    if abs(value) >= 10_000:
        return format_compact_decimal(value, format_type="short", locale=LOCALE, fraction_digits=1)
    decimals = max(0, -math.floor(math.log10(step))) if step else 0
    return format_decimal(value, format=f"#,##0.{'0' * decimals}" if decimals else "#,##0", locale=LOCALE)


# A value label's size, roughly, in the chart's coordinates (13 px bold digits).
CHAR_WIDTH = 7.6
LABEL_HEIGHT = 12
DOT_RADIUS = 7


def _overlaps(box: tuple[float, float, float, float], other: tuple[float, float, float, float]) -> bool:
    return box[0] < other[2] and other[0] < box[2] and box[1] < other[3] and other[1] < box[3]


def place_labels(dots: Sequence[tuple[float, float, str]]) -> list[tuple[float, float]]:
    """Where each value label goes (its middle and its baseline): above its dot, unless that
    covers another dot or a label placed before it, then below, to the right, to the left;
    above if nothing is free. Labels are placed from left to right."""
    circles = [(x - DOT_RADIUS, y - DOT_RADIUS, x + DOT_RADIUS, y + DOT_RADIUS) for x, y, _ in dots]
    taken: list[tuple[float, float, float, float]] = []
    placed: dict[int, tuple[float, float]] = {}
    for i in sorted(range(len(dots)), key=lambda i: dots[i][0]):
        x, y, text = dots[i]
        half = len(text) * CHAR_WIDTH / 2
        options = [
            (x, y - 10),
            (x, y + 10 + LABEL_HEIGHT),
            (x + DOT_RADIUS + 3 + half, y + LABEL_HEIGHT / 2 - 1),
            (x - DOT_RADIUS - 3 - half, y + LABEL_HEIGHT / 2 - 1),
        ]
        for cx, baseline in options:
            box = (cx - half, baseline - LABEL_HEIGHT + 2, cx + half, baseline + 2)
            others = [c for j, c in enumerate(circles) if j != i]
            if not any(_overlaps(box, o) for o in [*others, *taken]):
                break
        else:
            cx, baseline = options[0]
            box = (cx - half, baseline - LABEL_HEIGHT + 2, cx + half, baseline + 2)
        taken.append(box)
        placed[i] = (round(cx, 1), round(baseline, 1))
    return [placed[i] for i in range(len(dots))]


# How far apart points of one date are drawn, side by side, so that each can be seen and reached.
APART = 9


def _apart(points: Sequence[tuple[PartialDate, float]]) -> list[float]:
    """Each point's sideways offset: points of the same date (documents giving it differently)
    side by side around its place, in the order given; a point alone on its date, none."""
    dates = [d for d, _ in points]
    seen: dict[PartialDate, int] = {}
    offsets = []
    for d in dates:
        k = seen[d] = seen.get(d, -1) + 1
        offsets.append((k - (dates.count(d) - 1) / 2) * APART)
    return offsets


def chart(points: Sequence[tuple[PartialDate, float]], rules: Sequence[PartialDate], *, rank: bool = False) -> Chart:
    """The chart of ``points`` (each a date and an amount) with the milestones ``rules`` drawn
    across it. Its time axis covers the points and the milestones; its value axis starts at
    zero (below it, for a negative value), or for a rank at the first place, drawn at the top."""
    xs = [position(d) for d, _ in points]
    rule_xs = [position(d) for d in rules]
    every = xs + rule_xs
    first, last = (min(every), max(every)) if every else (2000.0, 2001.0)
    pad = max(0.6, (last - first) * 0.04)
    x_low, x_high = first - pad, last + pad
    values = [v for _, v in points]
    if rank:
        ticks = [t for t in value_ticks(1, max(values, default=1)) if t >= 1] or [1.0]
        ticks = sorted({1.0, *ticks})
        y_low, y_high = 1.0, max(ticks[-1], 2.0)
    else:
        ticks = value_ticks(min(0.0, *values) if values else 0.0, max(0.0, *values) if values else 1.0)
        y_low, y_high = ticks[0], ticks[-1]
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM

    def x_of(year: float) -> float:
        return round(LEFT + (year - x_low) / (x_high - x_low) * plot_w, 1)

    def y_of(value: float) -> float:
        share = (value - y_low) / (y_high - y_low)
        return round(TOP + share * plot_h if rank else HEIGHT - BOTTOM - share * plot_h, 1)

    keys = [chr(ord("A") + i) if i < 26 else str(i + 1) for i in range(len(rules))]
    bare = [
        (x_of(x) + offset, y_of(v), amount(v)) for x, offset, (_, v) in zip(xs, _apart(points), points, strict=True)
    ]
    labels = place_labels(bare)
    return Chart(
        x_ticks=[Tick(x_of(y + 0.5), str(y)) for y in year_ticks(x_low, x_high)],
        y_ticks=[Tick(y_of(t), tick_label(t, step)) for t in ticks],
        dots=[Dot(x, y, text, lx, ly) for (x, y, text), (lx, ly) in zip(bare, labels, strict=True)],
        rules=[Rule(x_of(x), key) for x, key in zip(rule_xs, keys, strict=True)],
        rank=rank,
        labelled=len(points) <= MAX_LABELLED,
    )
