"""A collection's index, whole or split by year: ``/agreements/`` and ``/agreements/2024/``.

An index of at most ``index_rows`` rows (the tracker plugin's option) is the whole table. A
larger one shows a table of years (each with its count and a link to its page) and the rows
of the latest year; every year has a page of its own holding all of that year's rows
(``/agreements/2024/``, and ``/agreements/undated/`` for rows without a date), and
``tracker.js`` filters and sorts over every row through ``/api/v1/lists/<collection>.json``.
Split by year rather than into pages of a fixed size: a record added or edited then changes
its year's page alone, which keeps the preview's rebuilds small.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from ..kinds import KINDS, kinds
from ..urls import index_src_uri, list_group_src_uri, list_json_path
from . import table as t
from .base import Index


class Tables(Mapping[str, Callable[[Index], t.Table]]):
    """The collections whose index is a table (sorted and filtered in the browser), and how to
    make it: read from the kinds (tracker/kinds.py, Kind.table) whenever asked, so that every
    registered kind counts."""

    def __getitem__(self, collection: str) -> Callable[[Index], t.Table]:
        found = KINDS.get(collection)
        if found is None or found.table is None:
            raise KeyError(collection)
        return found.table

    def __iter__(self) -> Iterator[str]:
        return (k.collection for k in kinds() if k.table is not None)

    def __len__(self) -> int:
        return sum(1 for _ in self)


TABLES = Tables()
# The default of the plugin's ``index_rows``: an index with more rows than this is split by year.
INDEX_ROWS = 500


@dataclass(frozen=True)
class Group:
    """One page of a split index: a year, or the rows without a date."""

    key: str  # "2024" or "undated"
    count: int
    src_uri: str  # "agreements/2024.md"

    @property
    def label(self) -> str:
        return "Undated" if self.key == t.UNDATED else self.key


@dataclass(frozen=True)
class Listing:
    """What an index page, or one of its year pages, shows."""

    table: t.Table
    rows: list[t.Row]  # the rows in this page's table
    split: bool  # the index is split by year
    groups: list[Group]  # every year's page, latest first (split indexes only)
    group: Group | None  # the year whose rows are shown (split indexes only)
    source: str  # the published list, from the site's root, that tracker.js filters over
    index_src_uri: str
    previous: Group | None = None  # on a year page: the earlier year's page (or the undated one)
    next: Group | None = None  # and the later year's

    @property
    def total(self) -> int:
        return len(self.table.rows)

    @property
    def options(self) -> dict[str, list[tuple[str, str]]]:
        return self.table.options()


def is_split(table: t.Table, index_rows: int) -> bool:
    """Split where the table has a date to split by and more rows than ``index_rows``."""
    return table.is_split(index_rows)


def groups(table: t.Table) -> list[Group]:
    counts: dict[str, int] = {}
    for row in table.rows:
        counts[row.group] = counts.get(row.group, 0) + 1
    return [Group(key, counts[key], list_group_src_uri(table.collection, key)) for key in table.groups]


def listing(table: t.Table, index_rows: int) -> Listing:
    """The index page: the whole table, or, split, the years and the latest year's rows."""
    source, index = list_json_path(table.collection), index_src_uri(table.collection)
    if not is_split(table, index_rows):
        return Listing(table, table.rows, False, [], None, source, index)
    years = groups(table)
    latest = years[0]
    return Listing(table, table.of_group(latest.key), True, years, latest, source, index)


def group_page(table: t.Table, key: str) -> Listing:
    """One year's page of a split index: all of that year's rows."""
    years = groups(table)
    at = [g.key for g in years].index(key)  # a year with no rows has no page: ValueError
    return Listing(
        table,
        table.of_group(key),
        True,
        years,
        years[at],
        list_json_path(table.collection),
        index_src_uri(table.collection),
        previous=years[at + 1] if at + 1 < len(years) else None,
        next=years[at - 1] if at > 0 else None,
    )
