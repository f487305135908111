"""Dates known to a year, a month or a day, shown at exactly that precision."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

MONTHS = list(calendar.month_name)
# The years a date may fall in: wide enough for any background a record needs, and far from
# the ends of the calendar, where the timeline and the calendar file would fail to count on.
YEARS = range(1800, 2200)
_FORM = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date whose month and day may be unknown.

    Ordering compares (year, month, day) with unknown parts as 0, so "2006" sorts before
    "2006-03", which sorts before "2006-03-01": the less precise date comes first.
    """

    year: int
    month: int = 0
    day: int = 0

    @classmethod
    def parse(cls, raw: str | int) -> PartialDate:
        text = str(raw).strip()
        match = _FORM.fullmatch(text)
        if not match:
            raise ValueError(f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
        year, month, day = (int(part) if part else 0 for part in match.groups())
        if year not in YEARS:
            raise ValueError(f"'{text}' is out of range: dates run from {YEARS[0]} to {YEARS[-1]}")
        if match.group(2) and not 1 <= month <= 12:
            raise ValueError(f"'{text}' is not a real date: there is no month {month}")
        if match.group(3):
            last = calendar.monthrange(year, month)[1]
            if not 1 <= day <= last:
                raise ValueError(f"'{text}' is not a real date: {MONTHS[month]} {year} has {last} days")
        return cls(year, month, day)

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    @property
    def iso(self) -> str:
        """The date as written in the data: YYYY, YYYY-MM or YYYY-MM-DD."""
        parts = [f"{self.year:04d}"]
        if self.month:
            parts.append(f"{self.month:02d}")
        if self.day:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)

    @property
    def earliest(self) -> tuple[int, int, int]:
        return (self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> tuple[int, int, int]:
        month = self.month or 12
        return (self.year, month, self.day or calendar.monthrange(self.year, month)[1])

    def surely_before(self, other: PartialDate) -> bool:
        """True only when every day this date may stand for precedes every day of ``other``."""
        return self.latest < other.earliest

    def to(self, end: PartialDate | None) -> str:
        """A span written once: "7 to 9 October 2024", "30 September to 2 October 2024"."""
        if end is None or end == self:
            return str(self)
        if self.precision == end.precision == "day" and self.year == end.year:
            if self.month == end.month:
                return f"{self.day} to {end}"
            return f"{self.day} {MONTHS[self.month]} to {end}"
        if self.precision == end.precision == "month" and self.year == end.year:
            return f"{MONTHS[self.month]} to {end}"
        return f"{self} to {end}"

    def __str__(self) -> str:
        if self.day:
            return f"{self.day} {MONTHS[self.month]} {self.year}"
        if self.month:
            return f"{MONTHS[self.month]} {self.year}"
        return str(self.year)


def on(value: PartialDate | None) -> str:
    """A date with the preposition its precision takes: "on 2 March 2026", "in March 2026",
    "in 2026"."""
    if value is None:
        return "date not given"
    return f"{'on' if value.precision == 'day' else 'in'} {value}"


def written(value: PartialDate | None) -> str:
    """A date as pages write it, or that there is none."""
    return str(value) if value else "date not given"


def when(item: object) -> str:
    """When an event (or milestone) happened, as pages write it: a span, a single date, or
    "by" a bound (from its ``date``, ``end`` and ``by``)."""
    start: PartialDate | None = getattr(item, "date", None)
    if start is None:
        bound = getattr(item, "by", None)
        return f"by {bound}" if bound else "date not given"
    return start.to(getattr(item, "end", None))
