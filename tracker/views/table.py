"""A collection's index as a table: columns, rows and cells worked out once, in Python.

The index page (``agreements.md.j2`` through ``common.j2``'s ``table`` macro), its pages by
year (``/agreements/2024/``) and the published ``/api/v1/lists/agreements.json`` that
``tracker.js`` filters over all records all show these same cells: what a row says is
decided here and nowhere else. A cell is a sequence of parts, each a text or a link to a
record; a date cell also has a sort key (its ISO date at its precision) and, where the date
is worked out rather than stated, the reasoning; a cell may cite sources (the treaty register's
dates), which its page numbers and the published list leaves out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..dates import PartialDate
from ..marks import Accounts
from ..models import Record
from ..urls import page_path

_YEAR = re.compile(r"\d{4}")
# The group of rows without a date (their page: /<collection>/undated/).
UNDATED = "undated"


@dataclass(frozen=True)
class Part:
    """A piece of a cell: a text, or a record's name linking to its page."""

    text: str
    record: Record | None = None


@dataclass(frozen=True)
class Cell:
    parts: tuple[Part, ...] = ()
    sort: str = ""  # a date cell's ISO date at its precision ("" for other cells)
    derived: str = ""  # why a date (or a figure's value, its currency) was worked out, not stated
    accounts: Accounts | None = None  # the documents give the value in more than one account
    cite: tuple[str, ...] = ()  # the sources stating it

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)

    @property
    def values(self) -> list[str]:
        """What a filter on this cell's column matches (tracker.js's ``values``, the same rule):
        a date cell by its year, a cell of links by each linked name, any other by its text."""
        if self.sort:
            return [self.sort[:4]]
        links = [p.text for p in self.parts if p.record is not None]
        if links:
            return links
        text = self.text.strip()
        return [text] if text else []


def text(value: object) -> Cell:
    return Cell((Part(str(value)),)) if value not in (None, "") else Cell()


def link(record: Record) -> Cell:
    return Cell((Part(record.label, record),))


def links(records: Iterable[Record], sep: str = ", ") -> Cell:
    parts: list[Part] = []
    for record in records:
        if parts:
            parts.append(Part(sep))
        parts.append(Part(record.label, record))
    return Cell(tuple(parts))


def date(
    shown: str,
    when: PartialDate | None,
    derived: str | None = None,
    accounts: Accounts | None = None,
    cite: Iterable[str] = (),
) -> Cell:
    """A date as the page writes it (``shown``), sorted and filtered by ``when``."""
    return Cell((Part(shown),), when.iso if when else "", derived or "", accounts, tuple(dict.fromkeys(cite)))


def marked(value: object, derived: str | None = None, accounts: Accounts | None = None) -> Cell:
    """A text with the marks of a value worked out (``derived``: why) or given differently."""
    return Cell(text(value).parts, "", derived or "", accounts)


@dataclass(frozen=True)
class Column:
    name: str  # never holding "|", which separates the filtered columns' names
    filter: bool = False  # the index offers a filter on it


@dataclass(frozen=True)
class Row:
    record: Record
    cells: tuple[Cell, ...]
    group: str  # the page of the split index it falls on: a year ("2024") or "undated"


@dataclass(frozen=True)
class Table:
    collection: str
    noun: str  # "agreements": "Showing 3 of 40 agreements."
    columns: tuple[Column, ...]
    rows: list[Row]
    # How a row's group is chosen, as the split index says it: "by the year signed, …".
    rule: str
    groups: list[str] = field(init=False)

    def __post_init__(self) -> None:
        years = sorted({r.group for r in self.rows if r.group != UNDATED}, reverse=True)
        undated = [UNDATED] if any(r.group == UNDATED for r in self.rows) else []
        object.__setattr__(self, "groups", [*years, *undated])

    def is_split(self, index_rows: int) -> bool:
        """Split by year where the table has a date to split by and more rows than ``index_rows``."""
        return bool(self.rule) and len(self.rows) > index_rows

    @property
    def filters(self) -> str:
        """The names of the filtered columns, as the page's ``data-tk-list`` lists them: each
        between bars (``|Kind|Signed|``), for a name may hold spaces."""
        names = [c.name for c in self.columns if c.filter]
        return f"|{'|'.join(names)}|" if names else ""

    def options(self) -> dict[str, list[str]]:
        """Each filtered column's values over every row, as its filter offers them (tracker.js
        orders a whole table's the same way): years latest first, other values in
        alphabetical order."""
        out: dict[str, list[str]] = {}
        for at, column in enumerate(self.columns):
            if not column.filter:
                continue
            seen = sorted({v for row in self.rows for v in row.cells[at].values}, key=str.casefold)
            if any(row.cells[at].sort for row in self.rows):
                # A date column: its years, latest first, then any cell that is not a date.
                years = [v for v in seen if _YEAR.fullmatch(v)]
                seen = [*reversed(years), *(v for v in seen if not _YEAR.fullmatch(v))]
            out[column.name] = seen
        return out

    def of_group(self, group: str) -> list[Row]:
        return [r for r in self.rows if r.group == group]


def group_of(when: PartialDate | None) -> str:
    return str(when.year) if when else UNDATED


# -- the published list: /api/v1/lists/<collection>.json ---------------------------------------


def as_data(table: Table) -> dict[str, Any]:
    """The table as tracker.js reads it: each row's cells as the pages show them.

    A cell is its text, or ``{"p": parts, "s": sort key, "d": reasoning, "a": accounts}``
    where a part is a text or the number of a link in ``links`` (``[name, address from the
    site's root]``), listed once however many rows name the same record, and accounts (the
    documents give the value differently) are ``[how many, their address from the site's
    root, the mark's explanation, the value's entry on the Disagreements page]``.
    """
    numbers: dict[tuple[str, str], int] = {}
    linked: list[list[str]] = []

    def part(p: Part) -> str | int:
        if p.record is None:
            return p.text
        key = (p.record.collection, p.record.id)
        if key not in numbers:
            numbers[key] = len(linked)
            linked.append([p.record.label, page_path(p.record)])
        return numbers[key]

    def cell(c: Cell) -> Any:
        parts = [part(p) for p in c.parts]
        if not c.sort and not c.derived and not c.accounts and all(isinstance(p, str) for p in parts):
            return "".join(str(p) for p in parts)
        out: dict[str, Any] = {"p": parts}
        if c.sort:
            out["s"] = c.sort
        if c.derived:
            out["d"] = c.derived
        if c.accounts:
            a = c.accounts
            out["a"] = [a.count, f"{page_path(a.record)}#{a.anchor}", a.explained, f"disagreements/#{a.entry}"]
        return out

    rows = [{"id": r.record.id, "c": [cell(c) for c in r.cells]} for r in table.rows]
    return {
        "collection": table.collection,
        "noun": table.noun,
        "columns": [c.name for c in table.columns],
        "links": linked,
        "rows": rows,
    }


def columns(names: Sequence[str], filtered: Sequence[str]) -> tuple[Column, ...]:
    return tuple(Column(n, n in filtered) for n in names)
