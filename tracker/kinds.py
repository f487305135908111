"""Each kind of record described once: a :class:`Kind`, registered once per collection.

A kind is its record class (:mod:`tracker.models`: the data's shape, its folder and URL
section, its singular) and how the site shows it: the heading of its section, how far search
ranks its pages, the labels of its enumerations, the table its index shows, the entries it
gives the timeline, the year pages, the calendar and the feed, and the people and
organisations it involves (listed on their pages). Everything that shows records reads these:
nothing else names a kind to decide what to show.

The kinds the tracker ships with are registered in :mod:`tracker.views.kinds` (imported with
:mod:`tracker.views`); a kind kept outside ``tracker/`` registers itself from a module named in
``TRACKER_KINDS`` (CONTRIBUTING.md, "Adding a kind of record").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from .dates import PartialDate
from .marks import Accounts
from .models import COLLECTIONS, Record
from .models import register as register_model

if TYPE_CHECKING:
    from .views.base import Index
    from .views.table import Table

R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class Entry:
    """One dated thing on the timeline, a year's page, the calendar and the feed: a step in a
    record's life (an agreement's milestone: ``step`` names it), or the record itself (an
    event). Pages list a step as "record: what" and a record as "record (what)"."""

    date: PartialDate  # when: the date, or (``bound``) the date by which it had happened
    record: Record
    what: str  # a label of ours (never data text: pages write it as it is): "Signed", "Summit"
    category: str  # what the calendar files it under: the label of its record's kind
    step: str = ""  # the step's name ("signed"); "" for the record itself
    bound: bool = False  # the documents give only a date by which it had happened
    end: PartialDate | None = None  # the last day, for a record over several days
    derived: str | None = None  # how the date was worked out, where no document states it
    # Where the record keeps more than one document's account of the date (tracker/marks.py).
    accounts: Accounts | None = None
    place: str | None = None
    cite: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()  # the sectors it concerns (sector pages and counts)

    @property
    def name(self) -> str:
        """What the entry is, within its record: its step, or the record's singular ("event").
        With the record and the date, it names the entry in the calendar and the feed."""
        return self.step or self.record.singular

    @property
    def shown(self) -> str:
        """Its date as pages write it: "by 2006", "7 to 9 October 2024"."""
        return f"by {self.date}" if self.bound else self.date.to(self.end)

    @property
    def key(self) -> tuple[PartialDate, bool, str, str]:
        # On one day, a record itself (the event) comes before the steps taken at it.
        return (self.date, bool(self.step), self.record.label, self.step)


@dataclass(frozen=True)
class Involved:
    """A person or an organisation a record involves (an event's participant): their page
    lists the record, under its kind's heading, with the role and the sources."""

    collection: str  # "people" or "organisations"
    id: str
    role: str | None
    cite: tuple[str, ...]


@dataclass(frozen=True)
class ItemsFile(Generic[R]):
    """A list each record holds, published as a CSV file of its own (``/api/v1/<name>.csv``,
    an agreement's milestones): a row per item, under ``header``."""

    name: str  # "milestones"
    header: tuple[str, ...]
    # A record's rows, given the site's address: each value as the CSV files write values
    # (None empty, lists joined by "; ").
    rows: Callable[[R, str], Iterable[Mapping[str, object]]]


@dataclass(frozen=True, eq=False)
class Kind(Generic[R]):
    """One kind of record, as everything that shows records reads it (each registered once:
    compared by identity)."""

    model: type[R]  # its class in models.py: the folder, the URL section, the singular
    heading: str  # its section's title and tab: "Agreements"
    # How far search ranks its pages above (> 1) or below (< 1) others that match as well.
    search_boost: float = 1.0
    # What pages call each value of each enumeration (a Literal field) of its class and the
    # items it holds, by "<class>.<field>" in lower case ("agreement.kind", "milestone.type").
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    # The dated entries a record gives (none: the kind is not on the timeline).
    entries: Callable[[R], Iterable[Entry]] | None = None
    # The people and organisations a record involves (none: their pages do not list it).
    involves: Callable[[R], Iterable[Involved]] | None = None
    # Its index as a table (views/table.py), sorted, filtered and split by year; without
    # one, its index template lists the records itself.
    table: Callable[[Index], Table] | None = None
    # Lists its records hold published as files of their own, besides the kind's own CSV.
    files: tuple[ItemsFile[R], ...] = ()

    @property
    def collection(self) -> str:
        """Its folder under data/ and its URL section: ``agreements``."""
        return self.model.collection

    @property
    def singular(self) -> str:
        """Its record template's and query's name: ``agreement``."""
        return self.model.singular


class KindError(LookupError):
    """A collection with no kind registered, or a kind registered twice."""


# Collection -> kind. Filled as kinds register (the built-in ones by tracker.views.kinds);
# read through kinds(), which gives them in the order of models.COLLECTIONS.
KINDS: dict[str, Kind[Any]] = {}
# Every registered kind's labels, by enumeration ("agreement.kind"): read through label().
LABELS: dict[str, Mapping[str, str]] = {}


def register(kind: Kind[R]) -> Kind[R]:
    """Register a kind: its class joins :data:`tracker.models.COLLECTIONS` (so that the data is
    loaded, checked and published), and its description everything that shows records."""
    if KINDS.get(kind.collection, kind) is not kind or COLLECTIONS.get(kind.collection, kind.model) is not kind.model:
        raise KindError(f"a kind of record named {kind.collection!r} is already registered")
    taken = {enum: k.collection for k in KINDS.values() if k is not kind for enum in k.labels}
    clash = sorted(enum for enum in kind.labels if enum in taken)
    if clash:
        raise KindError(f"{kind.collection}: labels for {', '.join(clash)} are given by {taken[clash[0]]} already")
    register_model(kind.model)
    KINDS[kind.collection] = kind
    LABELS.update(kind.labels)
    return kind


def kind(collection: str) -> Kind[Any]:
    try:
        return KINDS[collection]
    except KeyError:
        raise KindError(
            f"no kind of record is registered for {collection!r}: register a Kind for its class"
            " (tracker/kinds.py; CONTRIBUTING.md, 'Adding a kind of record')"
        ) from None


def kinds() -> list[Kind[Any]]:
    """Every kind, in the order pages and menus list them (that of models.COLLECTIONS)."""
    return [kind(collection) for collection in COLLECTIONS]


# -- labels -----------------------------------------------------------------------------------


class LabelError(LookupError):
    """A value with no label: a page would otherwise show the raw value, or nothing."""


def label(value: str, enum: str) -> str:
    """What pages call ``value`` of ``enum`` (``"agreement.kind"``), from the labels of the kind
    that gives them; a value with no label stops the build."""
    try:
        values = LABELS[enum]
    except KeyError:
        raise LabelError(f"no labels for {enum!r}; enums with labels: {', '.join(LABELS)}") from None
    try:
        return values[value]
    except (KeyError, TypeError):
        raise LabelError(f"{value!r} has no label in {enum!r}: add it to the labels of its kind") from None
