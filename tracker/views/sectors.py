"""``/sectors/<id>/`` (``sector.md.j2``) and the index ``/sectors/`` (``sectors.md.j2``) with
its sector × year grid.

One thing is counted, in the index's table and in the grid alike: the milestones of agreements
and the events (the timeline's entries) that concern the sector. An entry concerning several
sectors counts once in each; a sector's count is its row total in the grid."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..models import Agreement, Figure, Sector
from .base import Index, YearGroup, by_year, first_date


@dataclass(frozen=True)
class SectorView:
    record: Sector
    agreements: list[Agreement]
    years: list[YearGroup]
    undated: list[Agreement]
    figures: list[Figure]
    # The sectors it includes (their ``broader`` leads to it), whose records it lists too, and
    # the wider sector it is part of, if any.
    narrower: list[Sector] = field(default_factory=list)
    broader: Sector | None = None


@dataclass(frozen=True)
class SectorCount:
    """A sector and how many milestones and events concern it (its row total in the grid)."""

    sector: Sector
    count: int


# The grid's shades: a count falls in the band of the highest of these it reaches (1, 2, 3–4,
# 5–7, 8 or more), shaded darker band by band. The count is written in its cell all the same,
# so the shade is never the only way to read it.
HEAT = (1, 2, 3, 5, 8)


@dataclass(frozen=True)
class HeatBand:
    """One shade of the grid's key: its level (1 the lightest) and the counts it covers."""

    level: int
    low: int
    high: int | None  # None: this count or more

    @property
    def label(self) -> str:
        if self.high is None:
            return f"{self.low} or more"
        return str(self.low) if self.low == self.high else f"{self.low}–{self.high}"


HEAT_BANDS = [
    HeatBand(level, low, HEAT[level] - 1 if level < len(HEAT) else None) for level, low in enumerate(HEAT, start=1)
]


def heat(count: int) -> int:
    """The shade of a count: 0 for none, else its band's level (HEAT)."""
    return sum(1 for low in HEAT if count >= low)


@dataclass(frozen=True)
class GridCell:
    year: int
    count: int

    @property
    def level(self) -> int:
        return heat(self.count)


@dataclass(frozen=True)
class Decade:
    """A heading over the grid's years of one decade: its first year (1990) and how many of
    the grid's years (columns) fall in it."""

    start: int
    span: int

    @property
    def label(self) -> str:
        return f"{self.start}s"


@dataclass(frozen=True)
class GridRow:
    sector: Sector
    cells: list[GridCell]
    total: int


@dataclass(frozen=True)
class Grid:
    """Sector × year, newest year first (the columns a reader wants first are those a phone
    shows first)."""

    years: list[int]
    rows: list[GridRow]
    totals: list[GridCell]  # each year's column total
    total: int

    @property
    def decades(self) -> list[Decade]:
        """The years grouped by decade, in the grid's order (newest first)."""
        spans: dict[int, int] = {}
        for year in self.years:
            spans[year // 10 * 10] = spans.get(year // 10 * 10, 0) + 1
        return [Decade(start, span) for start, span in spans.items()]

    def opens_decade(self, year: int) -> bool:
        """Whether the year starts a decade after another (a rule is drawn before it)."""
        i = self.years.index(year)
        return i > 0 and self.years[i - 1] // 10 != year // 10

    @property
    def bands(self) -> list[HeatBand]:
        return HEAT_BANDS


@dataclass(frozen=True)
class SectorsView:
    sectors: list[SectorCount]
    grid: Grid


def sector(ix: Index, sector_id: str) -> SectorView:
    """A sector's page: its agreements, milestones and events, and those of the narrower
    sectors it includes (nuclear energy's, on energy's page), each once."""
    s = ix.sectors[sector_id]
    narrower = [ix.sectors[n] for n in ix.narrower.get(sector_id, [])]
    covered = [s, *narrower]
    seen: set[int] = set()
    entries = []
    for entry in sorted((e for c in covered for e in ix.entries_by_sector.get(c.id, [])), key=lambda e: e.key):
        if id(entry) not in seen:
            seen.add(id(entry))
            entries.append(entry)
    # Each agreement once, however many times it names the sector or a narrower one.
    named = list({id(a): a for c in covered for a in ix.named_by(c, Agreement, "sectors")}.values())
    return SectorView(
        record=s,
        agreements=sorted(named, key=first_date),
        years=by_year(entries),
        undated=[a for a in named if not a.milestones],
        figures=ix.figures_about["sectors", sector_id],
        narrower=narrower,
        broader=ix.sectors[s.broader] if s.broader else None,
    )


def sector_counts(ix: Index) -> list[SectorCount]:
    counts: dict[str, int] = defaultdict(int)
    for entry in ix.entries:
        for sector_id in entry.sectors:
            counts[sector_id] += 1
    ordered = sorted(ix.sectors.values(), key=lambda s: s.name.lower())
    return [SectorCount(s, counts[s.id]) for s in ordered]


def grid(ix: Index) -> Grid:
    """How many milestones and events of each sector fall in each year."""
    years = ix.years[::-1]
    cells: dict[tuple[str, int], int] = defaultdict(int)
    for entry in ix.entries:
        for sector_id in entry.sectors:
            cells[sector_id, entry.date.year] += 1
    rows = []
    for s in ix.sectors.values():
        counts = [cells[s.id, y] for y in years]
        if any(counts):
            rows.append(GridRow(s, [GridCell(y, n) for y, n in zip(years, counts, strict=True)], sum(counts)))
    rows.sort(key=lambda row: (-row.total, row.sector.name.lower()))
    totals = [GridCell(y, sum(row.cells[i].count for row in rows)) for i, y in enumerate(years)]
    return Grid(years, rows, totals, sum(row.total for row in rows))


def sectors(ix: Index) -> SectorsView:
    return SectorsView(sectors=sector_counts(ix), grid=grid(ix))
