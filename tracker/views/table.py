"""A collection's index as a table: columns, rows and cells worked out once, in Python.

The index page (``agreements.md.j2`` through ``common.j2``'s ``table`` macro), its pages by
year (``/agreements/2024/``) and the published ``/api/v1/lists/agreements.json`` that
``tracker.js`` filters over all records all show these same cells: what a row says is
decided here and nowhere else. A cell is a sequence of parts, each a text or a link to a
record; a date cell also has a sort key (its ISO date at its precision) and, where the date
is worked out rather than stated, the reasoning; a cell may cite sources (the treaty register's
dates), which its page numbers and the published list leaves out.

A filter matches a cell by stable keys, never by what the cell shows: a record by its id, a
value of an enumeration by that value (``mou``, ``in-force``), a date by its year. The address
of a filtered list holds these keys (``?sectors=energy&sectors=trade&year=2024``), so renaming a
label breaks no shared link; the filter's choices show each key's label.
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
    # What a filter on its column matches, where not the year, links or text below: (key, label).
    keys: tuple[tuple[str, str], ...] = ()

    @property
    def text(self) -> str:
        return "".join(p.text for p in self.parts)

    @property
    def choices(self) -> list[tuple[str, str]]:
        """What a filter on this cell's column matches, each a stable key with the label its
        filter shows: a date cell its year, a cell with ``keys`` those, a cell of links each
        linked record's id, any other its text (tracker.js reads the same keys: ``data-tk-keys``
        on the page, ``k`` in the published list)."""
        if self.sort:
            return [(self.sort[:4], self.sort[:4])]
        if self.keys:
            return list(self.keys)
        links = [(p.record.id, p.text) for p in self.parts if p.record is not None]
        if links:
            return links
        text = self.text.strip()
        return [(text, text)] if text else []

    @property
    def values(self) -> list[str]:
        """The keys alone: what the address names."""
        return [key for key, _ in self.choices]


def text(value: object, key: str | None = None) -> Cell:
    """A text; filtered by ``key`` where given (an enumeration's value, not its label)."""
    if value in (None, ""):
        return Cell()
    return Cell((Part(str(value)),), keys=((key, str(value)),) if key else ())


def link(record: Record) -> Cell:
    return Cell((Part(record.label, record),))


def links(records: Iterable[Record], sep: str = ", ", also: Iterable[Record] = ()) -> Cell:
    """Links to records; a filter matches each, and each of ``also`` (the broader sectors of
    the sectors linked, which include them) without the cell showing those."""
    parts: list[Part] = []
    for record in records:
        if parts:
            parts.append(Part(sep))
        parts.append(Part(record.label, record))
    extra = list(also)
    if not extra:
        return Cell(tuple(parts))
    keys = dict((p.record.id, p.text) for p in parts if p.record is not None)
    for r in extra:
        keys.setdefault(r.id, r.label)
    return Cell(tuple(parts), keys=tuple(keys.items()))


def date(
    shown: str,
    when: PartialDate | None,
    derived: str | None = None,
    accounts: Accounts | None = None,
    cite: Iterable[str] = (),
    step: str = "",
) -> Cell:
    """A date as the page writes it (``shown``), sorted and filtered by ``when``; ``step``
    names what the date is, before it ("adopted 2019"), where a column holds dates of
    several kinds of step."""
    parts = (Part(f"{step} "), Part(shown)) if step else (Part(shown),)
    return Cell(parts, when.iso if when else "", derived or "", accounts, tuple(dict.fromkeys(cite)))


def marked(value: object, derived: str | None = None, accounts: Accounts | None = None) -> Cell:
    """A text with the marks of a value worked out (``derived``: why) or given differently."""
    return Cell(text(value).parts, "", derived or "", accounts)


@dataclass(frozen=True)
class Column:
    name: str  # never holding "|", which separates the filtered columns' names
    filter: bool = False  # the index offers a filter on it
    param: str = ""  # its filter's name in the address (default: the name, as a slug)
    one: str = ""  # one of its values, as a message names it: "No sector called …"
    note: str = ""  # what its filter's panel says of how it matches

    @property
    def key(self) -> str:
        return self.param or re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-")

    @property
    def singular(self) -> str:
        return self.one or self.name.lower()


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
    dates: frozenset[int] = field(init=False)  # the columns holding dates, by place

    def __post_init__(self) -> None:
        found = {at for row in self.rows for at, cell in enumerate(row.cells) if cell.sort}
        object.__setattr__(self, "dates", frozenset(found))
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

    def dated(self, at: int) -> bool:
        """Whether the column at ``at`` holds dates (its filter offers years and a range)."""
        return at in self.dates

    def options(self) -> dict[str, list[tuple[str, str]]]:
        """Each filtered column's choices over every row, as its filter offers them: each a
        key (what the address holds) and its label; years latest first, other values in the
        alphabetical order of their labels."""
        out: dict[str, list[tuple[str, str]]] = {}
        for at, column in enumerate(self.columns):
            if not column.filter:
                continue
            found: dict[str, str] = {}
            for row in self.rows:
                for key, shown in row.cells[at].choices:
                    found.setdefault(key, shown)
            seen = sorted(found.items(), key=lambda kv: (kv[1].casefold(), kv[0]))
            if self.dated(at):
                # A date column: its years, latest first, then any cell that is not a date.
                years = [kv for kv in seen if _YEAR.fullmatch(kv[0])]
                seen = [*reversed(years), *(kv for kv in seen if not _YEAR.fullmatch(kv[0]))]
            out[column.name] = seen
        return out

    def filter_specs(self) -> list[dict[str, Any]]:
        """The filters as tracker.js builds them (the page's ``data-tk-filters``): for each
        filtered column, its place, its name in the address, what one value is called, whether
        it holds dates, and its choices ``[key, label]``."""
        options = self.options()
        specs: list[dict[str, Any]] = []
        for at, column in enumerate(self.columns):
            if not column.filter:
                continue
            spec: dict[str, Any] = {"column": at, "param": column.key, "one": column.singular, "date": False}
            if column.note:
                spec["note"] = column.note
            if self.dated(at):
                # The first date column filtered: its years as ?year=2024&year=2025 and a range,
                # ?from=2024-03&to=2025; another one (the treaty register's entry into force)
                # its years alone, by its own name.
                first = not any(s["date"] for s in specs)
                spec.update(param=column.param or ("year" if first else column.key), date=True)
                if first:
                    spec["range"] = ["from", "to"]
            spec["options"] = [list(kv) for kv in options[column.name]]
            specs.append(spec)
        return specs

    def row_keys(self, row: Row) -> list[list[str] | None]:
        """Each cell's keys as the page writes them for tracker.js (``data-tk-keys``): on the
        filtered columns that do not hold dates (a date is filtered by its own ``data-sort``);
        None elsewhere. The published list's ``k``, the same."""
        return [
            cell.values if column.filter and not self.dated(at) else None
            for at, (column, cell) in enumerate(zip(self.columns, row.cells, strict=True))
        ]

    def of_group(self, group: str) -> list[Row]:
        return [r for r in self.rows if r.group == group]


def group_of(when: PartialDate | None) -> str:
    return str(when.year) if when else UNDATED


# -- the published list: /api/v1/lists/<collection>.json ---------------------------------------


def as_data(table: Table) -> dict[str, Any]:
    """The table as tracker.js reads it: each row's cells as the pages show them.

    A row is ``{"id", "c": its cells, "k": the keys a filter matches in each filtered column
    that does not hold dates (null in the others)}``. A cell is its text, or
    ``{"p": parts, "s": sort key, "d": reasoning, "a": accounts}`` where a part is a text or
    the number of a link in ``links`` (``[name, address from the site's root]``), listed once
    however many rows name the same record, and accounts (the documents give the value
    differently) are ``[how many, their address from the site's root, the mark's
    explanation, the value's entry on the Disagreements page]``.
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

    rows = [{"id": r.record.id, "c": [cell(c) for c in r.cells], "k": table.row_keys(r)} for r in table.rows]
    return {
        "collection": table.collection,
        "noun": table.noun,
        "columns": [c.name for c in table.columns],
        "links": linked,
        "rows": rows,
    }


def columns(
    names: Sequence[str],
    filtered: Sequence[str],
    params: dict[str, str] | None = None,
    ones: dict[str, str] | None = None,
    notes: dict[str, str] | None = None,
) -> tuple[Column, ...]:
    """The columns, those named in ``filtered`` with a filter; ``params`` names a filter in the
    address where its column's name would not do, ``ones`` one of its values in a message,
    ``notes`` what its filter says of how it matches."""
    params, ones, notes = params or {}, ones or {}, notes or {}
    return tuple(Column(n, n in filtered, params.get(n, ""), ones.get(n, ""), notes.get(n, "")) for n in names)
