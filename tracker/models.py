"""The typed records that ``data/`` holds, one class per folder.

These classes are the specification of the data files: what they accept is what a
contributor may write. Each record's id is its file name; every fact carries ``cite``, a
list of source ids. References to other records are typed with :class:`Ref` so that the
loader can check them and the pages can follow them both ways.
"""

from __future__ import annotations

import importlib
import os
import re
from typing import Annotated, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    model_validator,
)

from .dates import PartialDate

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
# Where a value is written in a record: its key, then keys and list positions inside it.
Where = tuple[str | int, ...]


class Ref:
    """Marks a string field as the id of a record in another collection."""

    def __init__(self, collection: str) -> None:
        self.collection = collection

    def __repr__(self) -> str:
        return f"Ref({self.collection!r})"


def _squash(text: str) -> str:
    return " ".join(text.split())


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
        return f"the number {value}"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _web_address(value: str) -> str:
    """An http(s) address as a page may link it: parsed, and refused if any character of it
    could end an attribute, a tag or a Markdown link, or is white space."""
    unsafe = next((ch for ch in value if ch.isspace() or ch in _URL_UNSAFE or not ch.isprintable()), None)
    if unsafe is not None:
        raise ValueError(f"'{value}' is not a web address: it may not contain {unsafe!r}")
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError as err:
        raise ValueError(f"'{value}' is not a web address: {err}") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"'{value}' is not a web address: it should start with http:// or https:// and a host name")
    return value


_URL_UNSAFE = frozenset("\"'<>`\\{}|^")

# Free text is stored with its white space folded: a YAML block may wrap lines anywhere.
Text = Annotated[str, Field(min_length=1), AfterValidator(_squash)]
Date = Annotated[
    PartialDate,
    PlainValidator(_date),
    PlainSerializer(lambda d: d.iso, return_type=str),
    WithJsonSchema({"type": ["string", "integer"], "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"}),
]
WebAddress = Annotated[
    str,
    AfterValidator(_web_address),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": r"^https?://[^\s\"'<>`\\{}|^]+$"}),
]
# Written out, not made by a function: a type checker reads only literal aliases as types.
AgreementRef = Annotated[str, Ref("agreements"), Field(pattern=ID_PATTERN)]
EventRef = Annotated[str, Ref("events"), Field(pattern=ID_PATTERN)]
SectorRef = Annotated[str, Ref("sectors"), Field(pattern=ID_PATTERN)]
PersonRef = Annotated[str, Ref("people"), Field(pattern=ID_PATTERN)]
OrganisationRef = Annotated[str, Ref("organisations"), Field(pattern=ID_PATTERN)]
SourceRef = Annotated[str, Ref("sources"), Field(pattern=ID_PATTERN)]
FigureRef = Annotated[str, Ref("figures"), Field(pattern=ID_PATTERN)]
Cites = Annotated[list[SourceRef], Field(min_length=1, description="Ids of the sources that state this.")]


# A search term: a word or a few, no longer than a name.
SearchTerm = Annotated[Text, Field(min_length=1, max_length=80)]


class Item(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Statement(Item):
    """Something a document says, put in our own words."""

    text: Text = Field(description="What the document says, in our own words.")
    cite: Cites


class Name(Item):
    """A name as a document writes it: where documents spell a name differently, one each."""

    name: Text = Field(description="The name exactly as the document writes it.")
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
    "amended",
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
)


class Milestone(Item):
    type: MilestoneType = Field(description="The step in the agreement's life.")
    date: Date | None = Field(default=None, description="When: YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source.")
    by: Date | None = Field(default=None, description="No later than: the document gives only a bound.")
    derived: Text | None = Field(default=None, description="How the date was worked out, when no document states it.")
    place: Text | None = None
    event: EventRef | None = Field(default=None, description="The event it happened at.")
    note: Text | None = None
    accounts: list[Statement] = Field(default_factory=list, description="What each document says, where they differ.")
    sectors: list[SectorRef] = Field(
        default_factory=list,
        description="The sectors this step concerns, where narrower than the agreement's (timeline, sector pages).",
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


class Signatory(Item):
    person: PersonRef = Field(description="Who signed.")
    party: OrganisationRef | None = Field(default=None, description="On whose behalf: pages group signatories by it.")
    capacity: Text | None = Field(
        default=None, description="The office the document gives the signatory at the time of signing."
    )
    cite: Cites


RelationType = Literal["part-of", "implements", "upgrades", "revises", "establishes", "related", "possibly-same-as"]
# Relations that read the same from either end; the others put one agreement under or after
# another, and must never lead back to where they started (checked by the loader).
SYMMETRIC_RELATIONS = frozenset({"related", "possibly-same-as"})


class Relation(Item):
    type: RelationType = Field(
        description=(
            "How this agreement stands to the other one. 'possibly-same-as': the documents leave open whether"
            " the two records are one instrument or two; both records say so in a note, neither is merged."
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
]


class Status(Item):
    value: StatusValue
    as_of: Date = Field(description="The date the status is known to hold on.")
    note: Text | None = None
    cite: Cites


class Participant(Item):
    person: PersonRef | None = None
    organisation: OrganisationRef | None = None
    role: Text | None = None
    cite: Cites

    @model_validator(mode="after")
    def _someone(self) -> Participant:
        if not (self.person or self.organisation):
            raise ValueError("a participant needs 'person' or 'organisation'")
        return self


class Role(Item):
    title: Text
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
    renamed_from: list[Annotated[str, Field(pattern=ID_PATTERN)]] = Field(
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

    title: Text = Field(description="The document's own title, or a description where it has none.")
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
    author: Text | None = Field(default=None, description="As the document names its author; empty if it does not.")
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
    file: Annotated[str, Field(pattern=r"^[\w.-]+$", description="The document's file in shared/sources/.")]
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

    name: Text
    short_name: Text | None = None
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

    name: Text
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

    name: Text
    summary: Text
    cite: Cites


class Event(Record):
    collection = "events"
    singular = "event"

    name: Text
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
    place: Text | None = None
    venue: Text | None = None
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


class Agreement(Record):
    collection = "agreements"
    singular = "agreement"

    name: Text
    short_name: Text | None = None
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
        (MILESTONE_ORDER)."""
        rank = {name: at for at, name in enumerate(MILESTONE_ORDER)}
        dated = [(i, m) for i, m in enumerate(self.milestones) if m.type in rank]
        found: list[tuple[Where, str]] = []
        for i, m in dated:
            for _, first in dated:
                if rank[first.type] < rank[m.type] and m.when.surely_before(first.when):
                    message = f"milestone '{m.type}' ({m.when}) is dated before '{first.type}' ({first.when})"
                    found.append((("milestones", i, "date" if m.date else "by"), message))
        return [*found, *super().misdated()]


# The fields of a figure its reasoning ('derived') may work out.
DerivedField = Literal["as_of", "reference_year", "currency", "value", "statement"]
FigureKind = Literal["rank", "count", "value", "share", "date", "anniversary", "forecast", "assessment"]
OPINION_KINDS = ("forecast", "assessment")


class Figure(Record):
    collection = "figures"
    singular = "figure"

    name: Text
    kind: FigureKind = Field(
        description=(
            "What sort of figure: measured or counted ('rank', 'count', 'value', 'share', 'date', 'anniversary')"
            " or someone's view ('forecast', 'assessment'), which pages keep apart from measured figures."
        )
    )
    value: Text = Field(description="The figure as the source gives it: a rank, a count, an ordinal.")
    statement: Text = Field(description="What the figure says, in our own words.")
    amount: float | None = Field(default=None, description="The number itself, where the figure is a quantity.")
    unit: Text | None = Field(
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
    cite: Cites

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


# Folder name under data/ -> record class, in the order pages and menus list them.
COLLECTIONS: dict[str, type[Record]] = {
    cls.collection: cls for cls in (Agreement, Event, Sector, Person, Organisation, Source, Figure)
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
