"""The typed records that ``data/`` holds, one class per folder.

These classes are the specification of the data files: what they accept is what a
contributor may write. Each record's id is its file name; every fact carries ``cite``, a
list of source ids. References to other records are typed with :class:`Ref` so that the
loader can check them and the pages can follow them both ways.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import types
import unicodedata
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal, TypeAlias, Union, get_args, get_origin

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)

from . import addresses
from .dates import PartialDate
from .markup import quoted

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Where a value is written in a record: its key, then keys and list positions inside it.
Where = tuple[str | int, ...]

# The longest value each kind of field takes, in characters (of the text as stored: white space
# folded). Pages are built in time that grows with the square of a paragraph's length where it
# is full of characters Markdown must leave alone (`<`, `&`), so no paragraph may be long: 240,000
# `<` in one summary took five minutes to build. Each limit is a few times the longest value in
# data/ when it was set (summaries and notes 635, names and titles 165, ids 54, addresses 116).
ID_MAX = 100
SHORT_MAX = 300  # names, titles, places, offices, a figure's value and unit
TEXT_MAX = 2000  # summaries, notes, statements, reasoning
SEARCH_TERM_MAX = 80
URL_MAX = 2000


class Ref:
    """Marks a string field as the id of a record in another collection."""

    def __init__(self, collection: str) -> None:
        self.collection = collection

    def __repr__(self) -> str:
        return f"Ref({self.collection!r})"


# Where references sit in a record class: a collection name for a reference, ("list", plan)
# for a list of them, {field: plan} for an object holding some; None where there are none.
ReferencePlan: TypeAlias = str | tuple[str, "ReferencePlan"] | dict[str, "ReferencePlan"] | None


@functools.cache
def reference_plan(annotation: Any, metadata: tuple = ()) -> ReferencePlan:
    """Where references sit in a type, worked out once per type from its annotations
    (``Annotated[str, Ref(...)]``). The loader checks the references of YAML data by it, and the
    views find each record's reverse links by it: one reading of the classes for both."""
    for meta in metadata:
        if isinstance(meta, Ref):
            return meta.collection
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *meta = get_args(annotation)
        return reference_plan(base, tuple(meta))
    if origin is list:
        inner = reference_plan(get_args(annotation)[0])
        return ("list", inner) if inner else None
    if origin in (Union, types.UnionType):
        arms = [reference_plan(a) for a in get_args(annotation) if a is not type(None)]
        return next((a for a in arms if a), None)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        # A field's annotation is a type (hashable, as the cache needs); None only where unset.
        fields = {n: reference_plan(f.annotation, tuple(f.metadata)) for n, f in annotation.model_fields.items()}  # type: ignore[arg-type]
        return {n: p for n, p in fields.items() if p} or None
    return None


# Characters that show as nothing yet change the text around them or hide text: the format
# characters (Unicode's category Cf: bidirectional controls such as U+202E, which reverses the
# text after it, zero-width spaces and joiners, the byte order mark, the soft hyphen, tags) and
# the Hangul fillers, letters drawn blank. Written out, as finding them in Python's Unicode
# tables would take 0.1 s at every start (a test checks the list against those tables).
_INVISIBLE = re.compile(
    "[\u00ad\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U0001343f"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
    "\u115f\u1160\u3164\uffa0]"
)


def _normal_text(value: object) -> object:
    """Free text in its one stored form: refused if it holds an invisible character, else in
    Unicode's composed form (NFC) with its white space folded (a YAML block may wrap lines
    anywhere; leading and trailing space is dropped). Length limits apply to this form, so a
    text of white space alone is empty. Other values are left for the type check to name."""
    if not isinstance(value, str):
        return value
    if not value.isascii():
        hidden = _INVISIBLE.search(value)
        if hidden is not None:
            ch = hidden.group()
            name = unicodedata.name(ch, "an invisible character").lower()
            raise ValueError(
                f"remove the invisible character {quoted(ch)} ({name}) at character {hidden.start() + 1}:"
                " text may not hold characters that reorder or hide what readers see"
            )
        value = unicodedata.normalize("NFC", value)
    return " ".join(value.split())


def _date(value: object) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"should be a date (YYYY, YYYY-MM or YYYY-MM-DD), not {describe(value)}")
    return PartialDate.parse(value)


def describe(value: object) -> str:
    """How a wrong value is named in an error message."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        written = str(value)
        return f"the number {written if len(written) <= 30 else written[:30] + '…'}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _web_address(value: str) -> str:
    """An http(s) address of a public web site, as a page may link it (tracker/addresses.py)."""
    if len(value) > URL_MAX:
        raise ValueError(
            f"{quoted(value)} is {len(value):,} characters long: a web address may have at most {URL_MAX:,}"
        )
    problem = addresses.problem(value)
    if problem:
        raise ValueError(problem)
    return value


# Free text, in one stored form (_normal_text) and of a bounded length: every text field of
# every record is one of these two (or a SearchTerm, below).
# (The limits first: pydantic checks them on the text _normal_text gives, as a string's own.)
Text = Annotated[str, Field(min_length=1, max_length=TEXT_MAX), BeforeValidator(_normal_text)]
ShortText = Annotated[str, Field(min_length=1, max_length=SHORT_MAX), BeforeValidator(_normal_text)]
# A number is finite (JSON has no Infinity or NaN) and written as one: not true, not "12".
Number = Annotated[float, Field(strict=True, allow_inf_nan=False)]
Date = Annotated[
    PartialDate,
    PlainValidator(_date),
    PlainSerializer(lambda d: d.iso, return_type=str),
    WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}),
]
WebAddress = Annotated[
    str,
    AfterValidator(_web_address),
    WithJsonSchema(
        {
            "type": "string",
            "format": "uri",
            # No user before the host ('@' before the first /, ? or #); the rest as _web_address.
            "pattern": r"^https?://[^\s\"'<>`\\{}|^@/?#]+(?:[/?#][^\s\"'<>`\\{}|^]*)?$",
            "maxLength": URL_MAX,
        }
    ),
]


def _not_reserved(value: str) -> str:
    if is_reserved(value):
        raise ValueError(
            f"{quoted(value)} is the address of one of the site's own pages (reserved: {RESERVED}):"
            " an old address here would never be reached"
        )
    return value


Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=ID_MAX)]
# An id the record had before: its old address leads to its page.
OldId = Annotated[Id, AfterValidator(_not_reserved)]
# Written out, not made by a function: a type checker reads only literal aliases as types.
AgreementRef = Annotated[Id, Ref("agreements")]
EventRef = Annotated[Id, Ref("events")]
SectorRef = Annotated[Id, Ref("sectors")]
PersonRef = Annotated[Id, Ref("people")]
OrganisationRef = Annotated[Id, Ref("organisations")]
SourceRef = Annotated[Id, Ref("sources")]
SeriesRef = Annotated[Id, Ref("series")]
FigureRef = Annotated[Id, Ref("figures")]
Cites = Annotated[list[SourceRef], Field(min_length=1, description="Ids of the sources that state this.")]


# A search term: a word or a few, no longer than a name.
SearchTerm = Annotated[str, Field(min_length=1, max_length=SEARCH_TERM_MAX), BeforeValidator(_normal_text)]


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Statement(Item):
    """Something a document says, put in our own words."""

    text: Text = Field(description="What the document says, in our own words.")
    cite: Cites


class Name(Item):
    """A name as a document writes it: where documents spell a name differently, one each."""

    name: ShortText = Field(description="The name exactly as the document writes it.")
    cite: Cites


MilestoneType = Literal[
    "proposed",
    "joint-study-group",
    "study-report",
    "declaration-of-intent",
    "negotiations-launched",
    "negotiation-round",
    "negotiations-concluded",
    "signed",
    "adopted",
    "established",
    "ratified",
    "legal-procedures-completed",
    "entered-into-force",
    "effective-from",
    "amended",
    "terminated",
    "anniversary",
    "upgrade-talks-agreed",
    "upgrade-negotiations-launched",
    "implementation-review",
    "reported",
]

# A milestone later in this list may not be dated before one earlier in it.
MILESTONE_ORDER = (
    "proposed",
    "joint-study-group",
    "negotiations-launched",
    "negotiations-concluded",
    "signed",
    "ratified",
    "legal-procedures-completed",
    "entered-into-force",
    "terminated",
)
# Not in the order: "effective-from", the day from which an agreement applies, which a tax
# convention may put before its own signing (the 1979 convention applies from 1 January 1979).


class Milestone(Item):
    type: MilestoneType = Field(description="The step in the agreement's life.")
    date: Date | None = Field(default=None, description="When: YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source.")
    by: Date | None = Field(default=None, description="No later than: the document gives only a bound.")
    derived: Text | None = Field(default=None, description="How the date was worked out, when no document states it.")
    place: ShortText | None = None
    event: EventRef | None = Field(default=None, description="The event it happened at.")
    note: Text | None = None
    accounts: list[Statement] = Field(default_factory=list, description="What each document says, where they differ.")
    sectors: list[SectorRef] = Field(
        default_factory=list,
        description="The sectors this step concerns, where narrower than the agreement's (timeline, sector pages).",
    )
    parties: list[OrganisationRef] = Field(
        default_factory=list,
        description=(
            "Whose step it is, where not every party's: the founders' entry into force, one country's"
            " accession talks. Each must be among the agreement's parties; empty, the step is all of theirs."
        ),
    )
    cite: Cites

    @model_validator(mode="after")
    def _one_date(self) -> Milestone:
        if (self.date is None) == (self.by is None):
            raise ValueError("a milestone needs exactly one of 'date' or 'by'")
        return self

    @property
    def when(self) -> PartialDate:
        return self.date or self.by  # type: ignore[return-value]

    def concerns(self, party: str) -> bool:
        """Whether the step is ``party``'s: one of its parties, or every party's."""
        return not self.parties or party in self.parties

    def shares_a_party(self, other: Milestone) -> bool:
        """Whether two steps are taken by a party in common (one's accession talks and the
        founders' entry into force are not: neither need come before the other)."""
        return not self.parties or not other.parties or bool(set(self.parties) & set(other.parties))


class Signatory(Item):
    person: PersonRef = Field(description="Who signed.")
    party: OrganisationRef | None = Field(default=None, description="On whose behalf: pages group signatories by it.")
    capacity: ShortText | None = Field(
        default=None, description="The office the document gives the signatory at the time of signing."
    )
    cite: Cites


RelationType = Literal[
    "part-of", "implements", "upgrades", "revises", "replaces", "establishes", "related", "possibly-same-as"
]
# Relations that read the same from either end; the others put one agreement under or after
# another, and must never lead back to where they started (checked by the loader).
SYMMETRIC_RELATIONS = frozenset({"related", "possibly-same-as"})


class Relation(Item):
    type: RelationType = Field(
        description=(
            "How this agreement stands to the other one. 'replaces': it takes the other's place (the 2019 tax"
            " agreement, the 1979 convention); the other's page shows 'Replaced by', and the treaty register"
            " counts the other as no longer in force once this one is. 'possibly-same-as': the documents leave"
            " open whether the two records are one instrument or two; both records say so in a note, neither is"
            " merged."
        )
    )
    agreement: AgreementRef = Field(description="The other agreement.")
    note: Text | None = None
    cite: Cites


StatusValue = Literal[
    "in-force",
    "signed",
    "adopted",
    "established",
    "concluded",
    "upgrade-talks-agreed",
    "under-negotiation",
    "reported",
    "replaced",
    "terminated",
]


class Status(Item):
    value: StatusValue
    as_of: Date = Field(description="The date the status is known to hold on.")
    note: Text | None = None
    cite: Cites


class Participant(Item):
    person: PersonRef | None = None
    organisation: OrganisationRef | None = None
    role: ShortText | None = None
    cite: Cites

    @model_validator(mode="after")
    def _someone(self) -> Participant:
        if not (self.person or self.organisation):
            raise ValueError("a participant needs 'person' or 'organisation'")
        return self


class Role(Item):
    title: ShortText
    organisation: OrganisationRef | None = None
    since: Date | None = None
    until: Date | None = None
    as_of: Date | None = Field(default=None, description="A date the document shows the role held.")
    derived: Text | None = None
    cite: Cites


class Record(BaseModel):
    """Fields every record shares. ``id`` comes from the file name, never from the file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    collection: ClassVar[str]  # its folder under data/ and its URL section: "agreements"
    singular: ClassVar[str]  # its record template's and query's name: "agreement"

    id: str = Field(default="", exclude=True)
    # What readers type but no document writes (KSFTA, SMR, MTI): search finds the record by
    # them; pages never show them, and they are not facts, so they cite nothing.
    search_terms: list[SearchTerm] = Field(
        default_factory=list,
        description=(
            "Abbreviations and spellings readers search for that no cited document uses; only the"
            " search index holds them (not shown as facts, not cited)."
        ),
    )

    reviewed: Date | None = Field(
        default=None,
        description=(
            "When someone last checked the whole record against its sources (YYYY-MM-DD); shown as 'Last reviewed'."
        ),
    )
    renamed_from: list[OldId] = Field(
        default_factory=list,
        description=(
            "Ids the record had before (its old file names): each old address leads to the record's page."
            " No live record of the collection may have one of them."
        ),
    )

    @property
    def label(self) -> str:
        """What links to the record say."""
        # Every kind of record has a name, or (sources) a title.
        return getattr(self, "name", None) or getattr(self, "title")  # noqa: B009

    def ordering(self) -> list[tuple[Where, str]]:
        """The references that put this record under or after another of its collection (the
        visit an event is part of), each with where it is written: followed from record to
        record, they must never lead back to where they started (load.py checks)."""
        return []

    def spans(self) -> list[tuple[Where, PartialDate | None, PartialDate | None]]:
        """Each end date with its start: where the end is written, the start, the end."""
        return []

    def mismatched(self) -> list[tuple[Where, str]]:
        """Values that disagree with another value of the record (a step's party that is not a
        party to the agreement), each with where it is written and what is wrong: load.py
        reports them."""
        return []

    def conflicts(self, records: Mapping[str, Mapping[str, Record]]) -> list[tuple[Where, str]]:
        """What is wrong with this record given the others (``records``: every valid record by
        collection and id), each with where it is written: a figure whose unit differs from its
        series'. load.py reports them once every file is read."""
        return []

    def misdated(self) -> list[tuple[Where, str]]:
        """Dates out of order (an end before its start), each with where it is written and what
        is wrong: load.py reports them."""
        return [
            (where, f"'{where[-1]}' ({end}) is before the start ({start})")
            for where, start, end in self.spans()
            if start and end and end.surely_before(start)
        ]


SourceKind = Literal[
    "news-report",
    "wire-report",
    "analysis",
    "press-release",
    "joint-statement",
    "speech",
    "speech-transcript",
    "treaty-text",
    "book-review",
    "book-foreword",
]


class Source(Record):
    collection = "sources"
    singular = "source"

    title: ShortText = Field(description="The document's own title, or a description where it has none.")
    title_from: Literal["document", "address", "ours"] = Field(
        default="document",
        description=(
            "Where the title comes from: the document itself, its web address (a headline read from the URL),"
            " or 'ours', a description written for this project where the document shows no title."
        ),
    )
    kind: SourceKind
    date: Date | None = Field(
        default=None,
        description=(
            "The date the document carries; for an undated document, the date its content implies (with 'derived')."
        ),
    )
    undated: bool = Field(
        default=False, description="The document carries no date; 'date', if given, is implied and must be derived."
    )
    date_from: Literal["document", "address"] = Field(
        default="document", description="Where the date comes from: the document's text, or its web address."
    )
    derived: Text | None = Field(
        default=None, description="How the date was worked out, when the document does not state it."
    )
    author: ShortText | None = Field(
        default=None, description="As the document names its author; empty if it does not."
    )
    publisher: OrganisationRef | None = Field(
        default=None,
        description=(
            "The organisation that published the document (at its web address); empty if the document does not show it."
        ),
    )
    reprint_of: OrganisationRef | None = Field(
        default=None,
        description=(
            "The organisation whose text this document reprints or reposts (an organisation record is made for it"
            " even where it appears only as the original publisher); say in 'notes' how this is known."
        ),
    )
    issuers: list[OrganisationRef] = Field(default_factory=list)
    attributes_to: list[OrganisationRef] = Field(
        default_factory=list, description="Bodies the document gives as the origin of what it reports."
    )
    url: WebAddress | None = Field(default=None, description="Only where the document gives it.")
    file: Annotated[
        str, Field(pattern=r"^[\w.-]+$", max_length=SHORT_MAX, description="The document's file in shared/sources/.")
    ]
    summary: Text
    notes: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _implied_date(self) -> Source:
        if self.undated and self.date is not None and self.derived is None:
            raise ValueError("an undated source's implied 'date' needs 'derived' saying how it was worked out")
        if self.undated and self.date_from != "document":
            raise ValueError("an undated source has no date to come from its address")
        return self


class Organisation(Record):
    collection = "organisations"
    singular = "organisation"

    name: ShortText
    short_name: ShortText | None = None
    aliases: list[Name] = Field(default_factory=list)
    kind: Literal[
        "state",
        "international-organisation",
        "head-of-state-office",
        "ministry",
        "agency",
        "company",
        "investment-firm",
        "bank",
        "news-organisation",
        "publisher",
        "legal-database",
        "venue",
        "business-association",
    ]
    country: OrganisationRef | None = None
    parent: OrganisationRef | None = None
    summary: Text | None = None
    cite: Cites

    def ordering(self) -> list[tuple[Where, str]]:
        return [(("parent",), self.parent)] if self.parent else []


class Person(Record):
    collection = "people"
    singular = "person"

    name: ShortText
    names: list[Name] = Field(default_factory=list, description="Each spelling a document uses.")
    country: OrganisationRef | None = None
    roles: list[Role] = Field(default_factory=list)
    summary: Text | None = None
    cite: Cites

    def spans(self) -> list[tuple[Where, PartialDate | None, PartialDate | None]]:
        return [(("roles", i, "until"), role.since, role.until) for i, role in enumerate(self.roles)]


class Sector(Record):
    collection = "sectors"
    singular = "sector"

    name: ShortText
    broader: SectorRef | None = Field(
        default=None,
        description=(
            "The wider sector this one is part of (nuclear energy: energy), where a source or the"
            " sector's own summary says so: the wider sector's page and the indexes' sector filter"
            " include this one's records."
        ),
    )
    summary: Text
    cite: Cites

    def ordering(self) -> list[tuple[Where, str]]:
        return [(("broader",), self.broader)] if self.broader else []


class Event(Record):
    collection = "events"
    singular = "event"

    name: ShortText
    kind: Literal[
        "summit",
        "state-visit",
        "official-visit",
        "multilateral-summit",
        "dialogue",
        "meeting",
        "signing-ceremony",
        "conference",
        "exchange-of-letters",
        "diplomatic-relations",
        "ceremony",
        "reception",
    ]
    date: Date | None = Field(default=None, description="When it began (or took place): YYYY, YYYY-MM or YYYY-MM-DD.")
    by: Date | None = Field(default=None, description="No later than: the document gives only a bound.")
    end: Date | None = Field(default=None, description="The last day, for an event over several days.")
    derived: Text | None = None
    place: ShortText | None = None
    venue: ShortText | None = None
    part_of: EventRef | None = Field(default=None, description="The visit or summit this took place within.")
    participants: list[Participant] = Field(default_factory=list)
    sectors: list[SectorRef] = Field(default_factory=list)
    outcomes: list[Statement] = Field(default_factory=list, description="What came of it, one statement per source.")
    context: bool = Field(default=False, description="Mentioned for context; not a Korea–Singapore event.")
    notes: list[Statement] = Field(default_factory=list, description="What each source says, where they differ.")
    summary: Text
    cite: Cites

    @model_validator(mode="after")
    def _one_date(self) -> Event:
        if (self.date is None) == (self.by is None):
            raise ValueError("an event needs exactly one of 'date' or 'by'")
        if self.by is not None and self.end is not None:
            raise ValueError("an event known only 'by' a date has no 'end'")
        return self

    @property
    def when(self) -> PartialDate:
        return self.date or self.by  # type: ignore[return-value]

    def ordering(self) -> list[tuple[Where, str]]:
        return [(("part_of",), self.part_of)] if self.part_of else []

    def spans(self) -> list[tuple[Where, PartialDate | None, PartialDate | None]]:
        return [(("end",), self.when, self.end)]


# The kinds of agreement that bind the states that conclude them (treaties, conventions, the
# agreements governments sign and ratify): the treaty register (/treaties/) lists these. Not
# memoranda of understanding, joint statements and declarations, partnerships, arrangements,
# commercial contracts, nor "agreement", which the documents leave undecided.
TREATY_KINDS = frozenset(
    {
        "treaty",
        "free-trade-agreement",
        "digital-partnership-agreement",
        "double-taxation-agreement",
        "air-services-agreement",
    }
)


class Agreement(Record):
    collection = "agreements"
    singular = "agreement"

    name: ShortText
    short_name: ShortText | None = None
    aliases: list[Name] = Field(default_factory=list, description="Other names the documents use.")
    kind: Literal[
        "free-trade-agreement",
        "digital-partnership-agreement",
        "strategic-partnership",
        "joint-statement",
        "joint-declaration",
        "mou",
        "commercial-agreement",
        "trade-arrangement",
        "double-taxation-agreement",
        "air-services-agreement",
        "treaty",
        "arrangement",
        "agreement",
    ]
    parties: Annotated[list[OrganisationRef], Field(min_length=1, description="States or bodies bound by it.")]
    signatories: list[Signatory] = Field(default_factory=list)
    status: Status
    milestones: list[Milestone] = Field(default_factory=list)
    sectors: list[SectorRef] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)
    context: bool = Field(default=False, description="Mentioned for context; not a Korea–Singapore instrument.")
    summary: Text = Field(description="What it is, in our own words.")
    notes: list[Statement] = Field(default_factory=list, description="What each source says, where they differ.")
    cite: Cites

    def ordering(self) -> list[tuple[Where, str]]:
        # "related" and "possibly-same-as" go both ways by nature; part-of, implements… do not.
        return [
            (("relations", i, "agreement"), r.agreement)
            for i, r in enumerate(self.relations)
            if r.type not in SYMMETRIC_RELATIONS
        ]

    def misdated(self) -> list[tuple[Where, str]]:
        """Besides any end before its start: a milestone dated before one that must come first
        (MILESTONE_ORDER), of a party in common (one country's accession talks may come after
        the founders' entry into force)."""
        rank = {name: at for at, name in enumerate(MILESTONE_ORDER)}
        dated = [(i, m) for i, m in enumerate(self.milestones) if m.type in rank]
        found: list[tuple[Where, str]] = []
        for i, m in dated:
            for _, first in dated:
                if rank[first.type] < rank[m.type] and m.when.surely_before(first.when) and m.shares_a_party(first):
                    message = f"milestone '{m.type}' ({m.when}) is dated before '{first.type}' ({first.when})"
                    found.append((("milestones", i, "date" if m.date else "by"), message))
        return [*found, *super().misdated()]

    def mismatched(self) -> list[tuple[Where, str]]:
        """A milestone's party that is not a party to the agreement."""
        return [
            (
                ("milestones", i, "parties", j),
                f"'{party}' is not among the agreement's parties ({', '.join(self.parties)})",
            )
            for i, m in enumerate(self.milestones)
            for j, party in enumerate(m.parties)
            if party not in self.parties
        ]


# The fields of a figure its reasoning ('derived') may work out.
DerivedField = Literal["as_of", "reference_year", "currency", "value", "statement"]
FigureKind = Literal["rank", "count", "value", "share", "date", "anniversary", "forecast", "assessment"]
OPINION_KINDS = ("forecast", "assessment")


class Figure(Record):
    collection = "figures"
    singular = "figure"

    name: ShortText
    kind: FigureKind = Field(
        description=(
            "What sort of figure: measured or counted ('rank', 'count', 'value', 'share', 'date', 'anniversary')"
            " or someone's view ('forecast', 'assessment'), which pages keep apart from measured figures."
        )
    )
    value: ShortText = Field(description="The figure as the source gives it: a rank, a count, an ordinal.")
    statement: Text = Field(description="What the figure says, in our own words.")
    amount: Number | None = Field(default=None, description="The number itself, where the figure is a quantity.")
    unit: ShortText | None = Field(
        default=None, description="What is counted or measured: 'billion', 'visitors', 'tariff lines', '%'."
    )
    currency: Literal["SGD", "USD", "KRW"] | None = Field(
        default=None, description="The currency of a money value, as the document gives it (S$, US$, won)."
    )
    reference_year: Date | None = Field(
        default=None,
        description="The period the figure measures (trade in 2023), where it differs from when it was stated.",
    )
    as_of: Date | None = Field(default=None, description="The date the figure holds for (or was stated on).")
    derived: Text | None = None
    derived_fields: list[DerivedField] = Field(
        default_factory=list,
        description=(
            "What 'derived' works out, where it is not the date the figure holds for ('as_of', or without one"
            " 'reference_year'): pages put the derived mark on these."
        ),
    )
    other_accounts: list[FigureRef] = Field(
        default_factory=list,
        description=(
            "Figures from other documents that give another value for the same thing (the memoranda signed at"
            " one summit, counted four and eight): each is kept as its document gives it, and pages mark every"
            " one of them as one of several accounts. Named on one figure of each pair or on both."
        ),
    )
    agreements: list[AgreementRef] = Field(default_factory=list)
    events: list[EventRef] = Field(default_factory=list)
    organisations: list[OrganisationRef] = Field(default_factory=list)
    sectors: list[SectorRef] = Field(default_factory=list)
    series: SeriesRef | None = Field(
        default=None,
        description=(
            "The series this figure is a point of: the same measure on the same basis (its kind, unit and"
            " currency must be the series'); a figure on another basis belongs to another series."
        ),
    )
    cite: Cites

    def conflicts(self, records: Mapping[str, Mapping[str, Record]]) -> list[tuple[Where, str]]:
        """A figure in a series is on the series' basis (its kind, unit and currency), has the
        amount the chart draws and the date that places it (tracker/views/series.py)."""
        series = records.get(Series.collection, {}).get(self.series or "")
        if not isinstance(series, Series):
            return []  # no series, or an unknown one (reported as an unknown reference)
        found: list[tuple[Where, str]] = []
        for name in ("kind", "unit", "currency"):
            mine, theirs = getattr(self, name), getattr(series, name)
            if mine != theirs:
                found.append(
                    (
                        ("series",),
                        f"its {name} ({_written(mine)}) is not the {name} of its series '{series.id}'"
                        f" ({_written(theirs)}): a series holds figures on one basis only, never converted;"
                        " a figure on another basis belongs to a series of its own",
                    )
                )
        if self.amount is None:
            found.append((("series",), "a figure in a series needs its 'amount', which the chart draws"))
        if getattr(self, series.dated_by) is None:
            found.append(
                (
                    ("series",),
                    f"its series '{series.id}' places each figure by its '{series.dated_by}', which this figure"
                    " does not give",
                )
            )
        return found

    @model_validator(mode="after")
    def _derived_fields(self) -> Figure:
        if self.derived_fields and self.derived is None:
            raise ValueError("'derived_fields' says what 'derived' works out: give 'derived' too")
        if self.id and self.id in self.other_accounts:
            raise ValueError("a figure is not another account of itself: remove its own id from 'other_accounts'")
        return self

    @property
    def derived_of(self) -> tuple[str, ...]:
        """What ``derived`` works out: ``derived_fields``, else the date the figure holds for
        (``as_of``), else the period it measures, else its value."""
        if self.derived is None:
            return ()
        if self.derived_fields:
            return tuple(self.derived_fields)
        return ("as_of",) if self.as_of else ("reference_year",) if self.reference_year else ("value",)


def _written(value: object) -> str:
    """A value in a message about two records that differ: quoted, or "none"."""
    return "none" if value is None else quoted(str(value))


class Marker(Item):
    """A step in an agreement's life drawn across a series' time axis: the free trade agreement's
    entry into force, the strategic partnership's establishment."""

    agreement: AgreementRef
    milestone: MilestoneType = Field(description="Which of the agreement's milestones: the chart marks its date.")


class Series(Record):
    """The same measure on the same basis at several dates: each point is a figure naming the
    series (``Figure.series``), cited by its own documents. Figures on another basis (another
    currency, one direction of trade only, a conversion a document made) are other series."""

    collection = "series"
    singular = "series"

    name: ShortText
    measures: Text = Field(
        description="What every point measures, with its direction and scope: two-way trade in goods in a year."
    )
    basis: Text = Field(
        description=(
            "What the points share and what the documents say of it: the currency as given, whose statistics,"
            " what is counted. A figure on another basis belongs to another series, never converted or merged."
        )
    )
    kind: Literal["value", "count", "share", "rank"] = Field(
        description="The kind its figures have; a rank is drawn with the first place at the top."
    )
    unit: ShortText | None = Field(default=None, description="The unit its figures give, the same on each.")
    currency: Literal["SGD", "USD", "KRW"] | None = Field(
        default=None, description="The currency its figures give, the same on each: a series never mixes currencies."
    )
    dated_by: Literal["reference_year", "as_of"] = Field(
        default="reference_year",
        description=(
            "Which date of each figure places it: the period it measures ('reference_year'), or the date it"
            " holds for or was stated on ('as_of', for ranks the documents give without a period)."
        ),
    )
    markers: list[Marker] = Field(
        default_factory=list, description="Milestones of agreements drawn across the chart's time axis."
    )
    sectors: list[SectorRef] = Field(default_factory=list, description="Sectors whose pages show the series.")
    featured: bool = Field(default=False, description="Shown as a small chart on the home page.")
    summary: Text
    cite: Cites

    def conflicts(self, records: Mapping[str, Mapping[str, Record]]) -> list[tuple[Where, str]]:
        """Each marker names a milestone its agreement has."""
        found: list[tuple[Where, str]] = []
        for i, marker in enumerate(self.markers):
            agreement = records.get(Agreement.collection, {}).get(marker.agreement)
            if isinstance(agreement, Agreement) and all(m.type != marker.milestone for m in agreement.milestones):
                steps = ", ".join(dict.fromkeys(m.type for m in agreement.milestones)) or "none"
                found.append(
                    (
                        ("markers", i, "milestone"),
                        f"'{marker.agreement}' has no '{marker.milestone}' milestone to mark; its milestones: {steps}",
                    )
                )
        return found


# Folder name under data/ -> record class, in the order pages and menus list them.
COLLECTIONS: dict[str, type[Record]] = {
    cls.collection: cls for cls in (Agreement, Event, Sector, Person, Organisation, Source, Figure, Series)
}


def register(cls: type[Record]) -> type[Record]:
    """Add a record class to :data:`COLLECTIONS`.

    Classes in this file are listed in COLLECTIONS directly. A kind kept elsewhere registers
    its whole description, class included, through :func:`tracker.kinds.register` from a
    module named in ``TRACKER_KINDS`` (comma-separated, importable), which the last lines of
    this file import (CONTRIBUTING.md, "Adding a kind of record").
    """
    if cls.collection in COLLECTIONS and COLLECTIONS[cls.collection] is not cls:
        raise ValueError(f"a kind of record named {cls.collection!r} is already registered")
    COLLECTIONS[cls.collection] = cls
    return cls


ID_RE = re.compile(ID_PATTERN)

# File names that would take the place of a page or file the site makes itself (a section's
# index page, the data API, the theme's assets, search, the 404 page).
RESERVED_IDS = frozenset({"index", "api", "assets", "search", "404", "sitemap", "schema"})
# The pages of an index split by year (/agreements/2024/, /agreements/undated/) take these too.
_LIST_PAGE_RE = re.compile(r"undated|\d{4}")


def is_reserved(value: str) -> bool:
    """An id that would take the place of a page the site makes: an index, the data, a year's
    page of a split index."""
    return value in RESERVED_IDS or _LIST_PAGE_RE.fullmatch(value) is not None


RESERVED = ", ".join([*sorted(RESERVED_IDS), "undated", "a four-digit year"])


def is_id(value: str) -> bool:
    """The whole value is an id (``$`` alone would let a trailing newline through)."""
    return ID_RE.fullmatch(value) is not None


# Imported last: those modules import this one (for Record and the field types) and
# tracker.kinds, which registers their kinds.
for _module in filter(None, (m.strip() for m in os.environ.get("TRACKER_KINDS", "").split(","))):
    importlib.import_module(_module)
