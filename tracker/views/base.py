"""What every view module shares: cited facts, and the reverse links of the dataset (which
records name a record, and in which field; what cites a source; what involves a person),
worked out once per build in :class:`Index` from the records' types and their kinds
(tracker/kinds.py), never from a list of kinds."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby
from typing import Any, ClassVar, TypeVar, cast, get_args

from pydantic import BaseModel

from ..dataset import Dataset
from ..dates import PartialDate, on, written
from ..kinds import Entry, Involved, kinds
from ..marks import Marks
from ..models import (
    Agreement,
    Event,
    Figure,
    Milestone,
    MilestoneType,
    Name,
    Organisation,
    Participant,
    Person,
    Record,
    Relation,
    Role,
    Sector,
    Signatory,
    Source,
    Statement,
    Status,
    reference_plan,
)

T = TypeVar("T")
R = TypeVar("R", bound=Record)


@dataclass(frozen=True)
class YearGroup:
    year: int
    entries: list[Entry]


def by_year(entries: list[Entry]) -> list[YearGroup]:
    return [YearGroup(year, list(group)) for year, group in groupby(entries, key=lambda e: e.date.year)]


# -- cited facts, one class per kind of fact --------------------------------------------------
#
# A source page lists every fact citing it. Each kind of fact is its own class, chosen by the
# type of the cited item (not by the name of the field holding it), and the template renders
# it by its `kind`: a cited item of a type listed nowhere here stops the build (fact_for).


@dataclass(frozen=True)
class RecordFact:
    kind: ClassVar[str] = "record"
    record: Record
    # The record's own entry, where the record itself is dated (an event): its date.
    entry: Entry | None = None

    @property
    def summary(self) -> str:
        return abstract(self.record)


@dataclass(frozen=True)
class MilestoneFact:
    kind: ClassVar[str] = "milestone"
    record: Record
    milestone: Milestone


@dataclass(frozen=True)
class StatementFact:
    """An account, note or outcome: a document's words, restated."""

    kind: ClassVar[str] = "statement"
    record: Record
    statement: Statement


@dataclass(frozen=True)
class SignatoryFact:
    kind: ClassVar[str] = "signatory"
    record: Record
    signatory: Signatory
    person: Person


@dataclass(frozen=True)
class StatusFact:
    kind: ClassVar[str] = "status"
    record: Record
    status: Status


@dataclass(frozen=True)
class RelationFact:
    kind: ClassVar[str] = "relation"
    record: Record
    relation: Relation
    agreement: Agreement


@dataclass(frozen=True)
class NameFact:
    kind: ClassVar[str] = "name"
    record: Record
    name: Name


@dataclass(frozen=True)
class RoleFact:
    kind: ClassVar[str] = "role"
    record: Record
    role: Role


@dataclass(frozen=True)
class ParticipantFact:
    kind: ClassVar[str] = "participant"
    record: Record
    participant: Participant
    who: Person | Organisation


Fact = (
    RecordFact
    | MilestoneFact
    | StatementFact
    | SignatoryFact
    | StatusFact
    | RelationFact
    | NameFact
    | RoleFact
    | ParticipantFact
)
FACT_KINDS = tuple(cls.kind for cls in get_args(Fact))


class UnknownFact(TypeError):
    """A cited item of a type no fact class describes: its source page could not list it."""


def fact_for(record: Record, item: BaseModel, data: Dataset) -> Fact:
    """The fact a cited item states, with the records it names looked up."""
    match item:
        case Record():
            return RecordFact(item)
        case Milestone():
            return MilestoneFact(record, item)
        case Statement():
            return StatementFact(record, item)
        case Signatory():
            return SignatoryFact(record, item, data.of(Person)[item.person])
        case Status():
            return StatusFact(record, item)
        case Relation():
            return RelationFact(record, item, data.of(Agreement)[item.agreement])
        case Name():
            return NameFact(record, item)
        case Role():
            return RoleFact(record, item)
        case Participant():
            who: Person | Organisation = (
                data.of(Person)[item.person] if item.person else data.of(Organisation)[item.organisation or ""]
            )
            return ParticipantFact(record, item, who)
    raise UnknownFact(
        f"{record.collection}/{record.id}: a cited {type(item).__name__} has no kind of fact "
        "(add one in tracker/views/base.py)"
    )


def cited_items(record: Record) -> Iterator[BaseModel]:
    """The record, then every item in it that cites a source, in the order of its fields."""
    yield record
    for name in type(record).model_fields:
        value = getattr(record, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel) and hasattr(item, "cite"):
                yield item
                yield from getattr(item, "accounts", ())


def abstract(record: Record) -> str:
    """A record in one sentence: its summary, else its statement, else its name."""
    return getattr(record, "summary", None) or getattr(record, "statement", None) or record.label


# -- other names --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Variant:
    """One way the documents write a name, with every document writing it so (or nearly so)."""

    name: str
    cite: list[str]


@dataclass(frozen=True)
class Names:
    """A record's other names as its page lists them: spellings that differ only by a hyphen,
    a dash, spacing or case are one entry (the first written, citing them all); those equal to
    the record's own name are no entry (their documents cited on the name). ``search`` keeps
    every spelling not shown as written, so search still finds the page by each."""

    own: list[str]  # documents writing the record's own name
    variants: list[Variant]
    search: list[str]


_FOLD = re.compile(r"[\s\-\u2010-\u2015]+")


def fold(name: str) -> str:
    """The key two spellings share when they differ only by hyphens, dashes, spaces or case."""
    return _FOLD.sub("", name.casefold())


def names(name: str, items: Iterable[Name]) -> Names:
    own: list[str] = []
    groups: dict[str, Variant] = {}
    search: list[str] = []
    for item in items:
        key = fold(item.name)
        if key == fold(name):
            own.extend(item.cite)
            target = name
        else:
            group = groups.setdefault(key, Variant(item.name, []))
            group.cite.extend(item.cite)
            target = group.name
        if item.name != target and item.name not in search:
            search.append(item.name)
    return Names(unique(own), [Variant(v.name, unique(v.cite)) for v in groups.values()], search)


# -- status -------------------------------------------------------------------------------------

# The milestones that put an agreement in each status: the status holds since the latest of them.
STATUS_FROM: dict[str, tuple[str, ...]] = {
    "in-force": ("entered-into-force",),
    "signed": ("signed",),
    "adopted": ("adopted",),
    "established": ("established",),
    "concluded": ("negotiations-concluded",),
    "upgrade-talks-agreed": ("upgrade-talks-agreed",),
    "under-negotiation": ("negotiations-launched", "upgrade-negotiations-launched"),
    "reported": ("reported",),
    "replaced": ("terminated",),
    "terminated": ("terminated",),
}
# Statuses that last (in force since…); the others are steps taken on a day (signed on…).
LASTING = frozenset({"in-force", "established", "under-negotiation", "upgrade-talks-agreed"})


def status_since(agreement: Agreement) -> Milestone | None:
    """The milestone the agreement's status dates from (the latest one no later than the date
    the status is known to hold on), or None where no milestone records it."""
    status = agreement.status
    steps = [
        m
        for m in agreement.milestones
        if m.type in STATUS_FROM[status.value] and m.when.earliest <= status.as_of.latest
    ]
    return max(steps, key=lambda m: m.when.earliest) if steps else None


@dataclass(frozen=True)
class StatusPhrase:
    """Since when an agreement's status holds, in the words every page uses after the status:
    "since 2 March 2026" (a status that lasts), "on 1 May 2024" or "in 2024" (a step taken),
    "by 2026" (a date known only as a bound); and, where the status is known to hold at a date
    of its own, "; last known to hold on …"."""

    milestone: Milestone | None  # the milestone the status dates from (its marks go with it)
    since: str  # "" without such a milestone
    last_known: str  # "" where the milestone's date is the one the status is known at


def status_phrase(agreement: Agreement) -> StatusPhrase:
    status, m = agreement.status, status_since(agreement)
    if m is None:
        since = ""
    elif m.by is not None:
        since = f"by {written(m.by)}"
    elif status.value in LASTING:
        since = f"since {written(m.date)}"
    else:
        since = on(m.date)
    last_known = "" if m is not None and m.when == status.as_of else f"; last known to hold {on(status.as_of)}"
    return StatusPhrase(m, since, last_known)


# -- helpers ------------------------------------------------------------------------------------

MILESTONE_RANK = {name: rank for rank, name in enumerate(get_args(MilestoneType))}


def first_date(agreement: Agreement) -> tuple[PartialDate, str]:
    dates = [m.when for m in agreement.milestones]
    return (min(dates) if dates else PartialDate(9999), agreement.name.lower())


@dataclass(frozen=True)
class Count:
    label: str
    count: int


def count(labels: Iterable[str]) -> list[Count]:
    counts: dict[str, int] = defaultdict(int)
    for name in labels:
        counts[name] += 1
    return [Count(k, v) for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def plural(count: int, singular: str, many: str | None = None) -> str:
    """ "1 milestone", "2 milestones" (``many`` where not +s): the summary box's counts, and
    templates' ``{{ n|plural("milestone") }}``."""
    return f"{count} {singular if count == 1 else (many or singular + 's')}"


def unique(items: Iterable[T]) -> list[T]:
    out: list[T] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


# -- references between records ---------------------------------------------------------------

# A field naming records, through the items holding it: ("signatories", "party").
Path = tuple[str, ...]


def references(holder: BaseModel, where: Path = ()) -> Iterator[tuple[Path, str, str, BaseModel]]:
    """Each record a record (or an item in it) names: the field naming it, through the items
    holding it (``("signatories", "party")``), the collection and id named, and the record
    or item holding the reference; in the order of the fields. Where references sit is the
    loader's own plan (models.reference_plan); citations (``cite``) are left out, as
    ``Index.citing`` lists them."""
    plan = reference_plan(type(holder))
    if isinstance(plan, dict):
        yield from _named_in(holder, plan, where)


def _named_in(holder: BaseModel, plan: dict, where: Path) -> Iterator[tuple[Path, str, str, BaseModel]]:
    for name, inner in plan.items():
        if name == "cite":
            continue
        value = getattr(holder, name)
        if isinstance(inner, tuple):  # a list of references, or of items holding them
            inner, items = inner[1], value or []
        else:
            items = [value]
        for item in items:
            if item is None:
                continue
            if isinstance(inner, str):
                yield (*where, name), inner, item, holder
            else:
                yield from _named_in(item, inner, (*where, name))


# -- reverse links ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RelationLink:
    """A relation between two agreements, worded as seen from the page showing it."""

    label: str
    agreement: Agreement
    relation: Relation


@dataclass(frozen=True)
class Signed:
    """A signature: the agreement, who signed it, and for whom (if the sources say)."""

    agreement: Agreement
    signatory: Signatory
    person: Person
    party: Organisation | None


@dataclass(frozen=True)
class Appearance:
    """A record naming a person or an organisation among those it involves (an event naming
    a participant), with its date as its first entry gives it (None: undated)."""

    record: Record
    involved: Involved
    entry: Entry | None

    @property
    def shown(self) -> str:
        return self.entry.shown if self.entry else "date not given"

    @property
    def derived(self) -> str | None:
        return self.entry.derived if self.entry else None


@dataclass(frozen=True)
class Involvements:
    """The records of one kind that involve a person or an organisation, by date."""

    heading: str  # the kind's: "Events"
    appearances: list[Appearance]


@dataclass(frozen=True)
class Held:
    person: Person
    role: Role


def _appearance_date(x: Appearance) -> PartialDate:
    return x.entry.date if x.entry else PartialDate(9999)


class Index:
    """The dataset and its reverse links, worked out once per build (each on first use)."""

    def __init__(self, data: Dataset) -> None:
        self.data = data
        self.agreements = data.of(Agreement)
        self.events = data.of(Event)
        self.sectors = data.of(Sector)
        self.people = data.of(Person)
        self.organisations = data.of(Organisation)
        self.sources = data.of(Source)
        self.figures = data.of(Figure)

    @cached_property
    def marks(self) -> Marks:
        """Which values are derived, and which the documents give in more than one account."""
        return Marks(self.figures)

    @cached_property
    def entries(self) -> list[Entry]:
        """Every dated entry of every kind that gives them (tracker/kinds.py), in date order."""
        found = [
            entry
            for kind in kinds()
            if kind.entries
            for record in self.data[kind.collection].values()
            for entry in kind.entries(record)
        ]
        return sorted(found, key=lambda e: e.key)

    @cached_property
    def entries_by_record(self) -> dict[tuple[str, str], list[Entry]]:
        """Each dated record's entries (by collection and id), in date order: the first gives
        its date where a page lists it."""
        table: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for entry in self.entries:
            table[entry.record.collection, entry.record.id].append(entry)
        return dict(table)

    def own_entry(self, record: Record) -> Entry | None:
        """The entry of a record dated itself (an event, not a step in its life), if any."""
        found = self.entries_by_record.get((record.collection, record.id), [])
        return next((e for e in found if not e.step), None)

    # Each page's share of the whole, grouped once per build: a sector's, a year's page, a
    # source's would otherwise scan every record (at 10,000 records the source pages alone
    # spent about 5 s doing so).
    @cached_property
    def entries_by_year(self) -> dict[int, list[Entry]]:
        table: dict[int, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            table[entry.date.year].append(entry)
        return dict(table)

    @cached_property
    def entries_by_sector(self) -> dict[str, list[Entry]]:
        table: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.entries:
            for sector_id in dict.fromkeys(entry.sectors):
                table[sector_id].append(entry)
        return dict(table)

    @cached_property
    def narrower(self) -> dict[str, list[str]]:
        """Each sector's narrower sectors (those whose ``broader`` leads to it, however many
        steps up), by name: a broader sector includes their records. The loader refuses a
        ``broader`` that goes round in a circle."""
        table: dict[str, list[str]] = defaultdict(list)
        for s in sorted(self.sectors.values(), key=lambda s: s.name.lower()):
            for up in self.broader(s.id):
                table[up].append(s.id)
        return dict(table)

    def broader(self, sector_id: str) -> list[str]:
        """The sectors that include ``sector_id``, nearest first (nuclear energy: energy)."""
        found: list[str] = []
        up = self.sectors[sector_id].broader if sector_id in self.sectors else None
        while up is not None and up not in found and up != sector_id:
            found.append(up)
            up = self.sectors[up].broader if up in self.sectors else None
        return found

    @cached_property
    def accounts(self) -> dict[int, tuple[Agreement, Milestone]]:
        """Each milestone's per-document accounts (by identity), with the milestone holding it."""
        return {id(a): (r, m) for r in self.agreements.values() for m in r.milestones for a in m.accounts}

    @cached_property
    def years(self) -> list[int]:
        """The years with a dated milestone or event (the charts and the grid count these)."""
        return sorted({e.date.year for e in self.entries})

    @cached_property
    def figures_by_year(self) -> dict[int, list[Figure]]:
        """Figures by the year they measure (a trade value of 2014 belongs to 2014, even where
        no milestone or event of that year is recorded, and even if it was reported in 2016),
        else the year they hold for."""
        table: dict[int, list[Figure]] = defaultdict(list)
        for figure in self.figures.values():
            when = figure.reference_year or figure.as_of
            if when:
                table[when.year].append(figure)
        return dict(table)

    @cached_property
    def figures_reported_by_year(self) -> dict[int, list[Figure]]:
        """Figures by the year they were stated in, where that is not the year they measure
        (the 2014 trade value a 2016 report gives): that year's page lists them apart."""
        table: dict[int, list[Figure]] = defaultdict(list)
        for figure in self.figures.values():
            if figure.reference_year and figure.as_of and figure.as_of.year != figure.reference_year.year:
                table[figure.as_of.year].append(figure)
        return dict(table)

    def figure_count(self, year: int) -> int:
        """The figures a year's page lists: those measuring it and those reported in it."""
        return len(self.figures_by_year.get(year, ())) + len(self.figures_reported_by_year.get(year, ()))

    @cached_property
    def page_years(self) -> list[int]:
        """The years with a page: a dated milestone or event, or a figure that measures it or
        was reported in it."""
        return sorted({*self.years, *self.figures_by_year, *self.figures_reported_by_year})

    @cached_property
    def citing(self) -> dict[str, list[Fact]]:
        table: dict[str, list[Fact]] = defaultdict(list)
        for record in self.data.records():
            for item in cited_items(record):
                sources = dict.fromkeys(getattr(item, "cite", ()))
                if not sources:
                    continue
                fact = fact_for(record, item, self.data)
                if isinstance(fact, RecordFact):
                    fact = RecordFact(record, self.own_entry(record))
                # A fact citing one source twice is listed once on that source's page.
                for source in sources:
                    table[source].append(fact)
        return table

    def cited_by(self, source_id: str) -> list[Fact]:
        return self.citing[source_id]

    @cached_property
    def involving(self) -> dict[tuple[str, str], dict[str, list[Appearance]]]:
        """By person or organisation (collection and id), the records of each kind that involve
        them (tracker/kinds.py: Kind.involves), in the data's order."""
        table: dict[tuple[str, str], dict[str, list[Appearance]]] = defaultdict(dict)
        for kind in kinds():
            if kind.involves is None:
                continue
            for record in self.data[kind.collection].values():
                entry = next(iter(self.entries_by_record.get((record.collection, record.id), ())), None)
                for who in kind.involves(record):
                    table[who.collection, who.id].setdefault(kind.collection, []).append(Appearance(record, who, entry))
        return table

    def involvements(self, record: Record) -> list[Involvements]:
        """The records that involve a person or an organisation, kind by kind (in the order of
        the kinds), each kind's by date."""
        found = self.involving.get((record.collection, record.id), {})
        return [
            Involvements(kind.heading, sorted(found[kind.collection], key=_appearance_date))
            for kind in kinds()
            if kind.collection in found
        ]

    @cached_property
    def figures_about(self) -> dict[tuple[str, str], list[Figure]]:
        """Figures by the collection and id of each record they name (what they are about)."""
        table: dict[tuple[str, str], list[Figure]] = defaultdict(list)
        for f in self.figures.values():
            for _, collection, record_id, _ in references(f):
                table[collection, record_id].append(f)
        return table

    @cached_property
    def referrers(self) -> dict[tuple[str, str, str, Path], list[tuple[Record, BaseModel]]]:
        """Every reference between records, from the record it names: by the collection and
        id named, the collection of the record naming it and the field naming it (through
        the items holding it: ``("signatories", "party")``), each record naming it with the
        item holding the reference, in the data's order. Sources are found through
        ``citing``."""
        table: dict[tuple[str, str, str, Path], list[tuple[Record, BaseModel]]] = defaultdict(list)
        for record in self.data.records():
            for where, collection, record_id, holder in references(record):
                table[collection, record_id, record.collection, where].append((record, holder))
        return table

    def referring(self, target: Record, cls: type[R], *where: str) -> list[tuple[R, Any]]:
        """The records of ``cls`` naming ``target`` in the field ``where`` (through the items
        holding it: ``"signatories", "party"``), each with the item holding the reference (the
        record itself for a field of its own), in the data's order."""
        found = self.referrers.get((target.collection, target.id, cls.collection, where), [])
        return cast(list[tuple[R, Any]], found)

    def named_by(self, target: Record, cls: type[R], *where: str) -> list[R]:
        """The records of ``cls`` naming ``target`` in the field ``where``, as ``referring``."""
        return [record for record, _ in self.referring(target, cls, *where)]

    def records(self, cls: type[R], ids: Iterable[str]) -> list[R]:
        table = self.data.of(cls)
        return [table[i] for i in ids]
