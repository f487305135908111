"""The kinds of record the tracker ships with, each registered once (tracker/kinds.py): its
class, its section's heading, its weight in search, its labels, its index's table, and, for
the dated kinds, the entries it gives the timeline and whom it involves.

Imported with :mod:`tracker.views`: what shows records reads these through tracker.kinds.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..kinds import Entry, Involved, ItemsFile, Kind, label, register
from ..marks import milestone_accounts
from ..models import Agreement, Event, Figure, Organisation, Person, Sector, Series, Source
from ..urls import page_url
from . import agreements, events, figures, organisations, people, sources

# What pages call each value of each enumeration (a Literal field), by "<class>.<field>" in
# lower case: the same word may be a status and a milestone and read differently in each.
# Read them through kinds.label(), which refuses a value it has no label for; a test checks
# that every Literal of every kind's class has a label for every value.
AGREEMENT_LABELS: dict[str, dict[str, str]] = {
    "milestone.type": {
        "negotiations-launched": "Negotiations launched",
        "negotiations-concluded": "Negotiations concluded",
        "signed": "Signed",
        "adopted": "Adopted",
        "established": "Established",
        "legal-procedures-completed": "Legal procedures completed",
        "entered-into-force": "Entered into force",
        "anniversary": "Anniversary",
        "upgrade-talks-agreed": "Upgrade talks agreed",
        "reported": "Reported",
        "proposed": "Proposed",
        "joint-study-group": "Joint study group set up",
        "study-report": "Study report",
        "declaration-of-intent": "Declaration of intent",
        "negotiation-round": "Negotiation round",
        "upgrade-negotiations-launched": "Upgrade negotiations launched",
        "implementation-review": "Implementation review",
        "ratified": "Ratified",
        "amended": "Amended or expanded",
        "effective-from": "Has effect from",
        "terminated": "Ended",
    },
    "status.value": {
        "in-force": "In force",
        "signed": "Signed",
        "adopted": "Adopted",
        "established": "Established",
        "concluded": "Concluded",
        "upgrade-talks-agreed": "Upgrade talks agreed",
        "under-negotiation": "Under negotiation",
        "reported": "Reported",
        "replaced": "Replaced",
        "terminated": "Ended",
    },
    "agreement.kind": {
        "free-trade-agreement": "Free trade agreement",
        "digital-partnership-agreement": "Digital partnership agreement",
        "strategic-partnership": "Strategic partnership",
        "joint-statement": "Joint statement",
        "joint-declaration": "Joint declaration",
        "mou": "Memorandum of understanding",
        "commercial-agreement": "Commercial agreement",
        "trade-arrangement": "Trade arrangement",
        "double-taxation-agreement": "Double taxation agreement",
        "air-services-agreement": "Air services agreement",
        "treaty": "Treaty",
        "arrangement": "Arrangement",
        "agreement": "Agreement or memorandum (the documents do not say which)",
    },
    # Read from the agreement that holds the relation.
    "relation.type": {
        "part-of": "Part of",
        "implements": "Implements",
        "upgrades": "Upgrades",
        "establishes": "Establishes",
        "related": "Related to",
        "revises": "Revises",
        "replaces": "Replaces",
        "possibly-same-as": "Possibly the same instrument as",
    },
    # The same relation read from the other end, for the page of the agreement it points to.
    "relation.type.inverse": {
        "part-of": "Includes",
        "implements": "Implemented by",
        "upgrades": "Upgraded by",
        "establishes": "Established by",
        "related": "Related to",
        "revises": "Revised by",
        "replaces": "Replaced by",
        "possibly-same-as": "Possibly the same instrument as",
    },
}

EVENT_LABELS: dict[str, dict[str, str]] = {
    "event.kind": {
        "summit": "Summit",
        "state-visit": "State visit",
        "official-visit": "Official visit",
        "multilateral-summit": "Multilateral summit",
        "dialogue": "Dialogue",
        "meeting": "Meeting",
        "signing-ceremony": "Signing ceremony",
        "conference": "Conference",
        "exchange-of-letters": "Exchange of letters",
        "diplomatic-relations": "Diplomatic relations",
        "ceremony": "Ceremony",
        "reception": "Reception",
    },
}

ORGANISATION_LABELS: dict[str, dict[str, str]] = {
    "organisation.kind": {
        "state": "State",
        "international-organisation": "International organisation",
        "head-of-state-office": "Office of a head of state or government",
        "ministry": "Ministry",
        "agency": "Government agency",
        "company": "Company",
        "investment-firm": "Investment firm",
        "bank": "Bank",
        "news-organisation": "News organisation",
        "venue": "Venue",
        "publisher": "Publisher",
        "legal-database": "Legal database",
        "business-association": "Business association",
    },
}

SOURCE_LABELS: dict[str, dict[str, str]] = {
    "source.kind": {
        "news-report": "News report",
        "wire-report": "Wire report",
        "analysis": "Analysis article",
        "press-release": "Press release",
        "joint-statement": "Joint statement",
        "speech": "Speech",
        "speech-transcript": "Speech (transcript)",
        "treaty-text": "Treaty text",
        "book-review": "Book review",
        "book-foreword": "Book foreword",
    },
    "source.title_from": {
        "document": "The document's own title",
        "address": "Read from the document's web address",
        "ours": "Ours: the document shows no title, so this describes it",
    },
    "source.date_from": {
        "document": "From the document",
        "address": "Read from its web address",
    },
}

FIGURE_LABELS: dict[str, dict[str, str]] = {
    "figure.kind": {
        "rank": "Rank",
        "count": "Count",
        "value": "Value",
        "share": "Share",
        "date": "Date",
        "anniversary": "Anniversary",
        "forecast": "Forecast",
        "assessment": "Assessment",
    },
    "figure.currency": {
        "SGD": "SGD",
        "USD": "USD",
        "KRW": "KRW",
    },
    # What a figure's reasoning works out (the derived mark's popover names it).
    "figure.derived_fields": {
        "as_of": "the date it holds for",
        "reference_year": "the period it measures",
        "currency": "the currency",
        "value": "the value",
        "statement": "what it says",
    },
}


SERIES_LABELS: dict[str, dict[str, str]] = {
    "series.kind": {
        "value": "Value",
        "count": "Count",
        "share": "Share",
        "rank": "Rank",
    },
    "series.currency": FIGURE_LABELS["figure.currency"],
    "series.dated_by": {
        "reference_year": "The period each figure measures",
        "as_of": "The date each figure holds for, or was stated on",
    },
    # A marker names one of an agreement's milestones: called as the milestone is.
    "marker.milestone": AGREEMENT_LABELS["milestone.type"],
}


def milestones(a: Agreement) -> Iterator[Entry]:
    """An agreement's milestones, each a step in its life on the timeline."""
    category = label(a.kind, "agreement.kind")
    for at, m in enumerate(a.milestones):
        yield Entry(
            m.when,
            a,
            label(m.type, "milestone.type"),
            category,
            step=m.type,
            bound=m.date is None,
            derived=m.derived,
            accounts=milestone_accounts(a, m, at),
            place=m.place,
            cite=tuple(m.cite),
            # A milestone may concern fewer sectors than its agreement (an FTA's 2004
            # conclusion is not an AI event, though its 2026 upgrade talks cover AI).
            sectors=tuple(m.sectors or a.sectors),
        )


def milestone_rows(a: Agreement, site_url: str) -> Iterator[dict[str, object]]:
    """An agreement's milestones as rows of /api/v1/milestones.csv."""
    for at, m in enumerate(a.milestones):
        accounts = milestone_accounts(a, m, at)
        yield {
            "agreement": a.id,
            "agreement_name": a.name,
            "type": m.type,
            "date": m.date.iso if m.date else None,
            "precision": m.when.precision,
            "by": m.by.iso if m.by else None,
            "place": m.place,
            "event": m.event,
            "parties": m.parties,
            "derived": m.derived,
            # Where the record keeps several documents' accounts of the date: how many, and
            # where the page lists them all.
            "accounts": accounts.count if accounts else None,
            "accounts_url": f"{page_url(a, site_url)}#{accounts.anchor}" if accounts else None,
            "note": m.note,
            "cite": m.cite,
            "page_url": page_url(a, site_url),
        }


# A row per milestone: /api/v1/milestones.csv.
MILESTONES = ItemsFile(
    "milestones",
    (
        "agreement",
        "agreement_name",
        "type",
        "date",
        "precision",
        "by",
        "place",
        "event",
        "parties",
        "derived",
        "accounts",
        "accounts_url",
        "note",
        "cite",
        "page_url",
    ),
    milestone_rows,
)


def event(e: Event) -> Iterator[Entry]:
    """An event, on the day (or days) it took place, or by the date it had."""
    kind = label(e.kind, "event.kind")
    yield Entry(
        e.when,
        e,
        kind,
        kind,
        bound=e.date is None,
        end=e.end,
        derived=e.derived,
        place=e.place,
        cite=tuple(e.cite),
        sectors=tuple(e.sectors),
    )


def participants(e: Event) -> Iterator[Involved]:
    for p in e.participants:
        if p.person:
            yield Involved(Person.collection, p.person, p.role, tuple(p.cite))
        elif p.organisation:
            yield Involved(Organisation.collection, p.organisation, p.role, tuple(p.cite))


# Listed in the order of models.COLLECTIONS, which orders the tabs. Search weights: where a
# query matches several pages equally well, the pages readers come for first are the
# agreements, then what they are about and who made them; the figures, and the sources
# whose titles name everything they report on, after them.
AGREEMENTS = register(
    Kind(
        Agreement,
        "Agreements",
        search_boost=2.0,
        labels=AGREEMENT_LABELS,
        entries=milestones,
        table=agreements.table,
        files=(MILESTONES,),
    )
)
EVENTS = register(
    Kind(
        Event,
        "Events",
        search_boost=1.5,
        labels=EVENT_LABELS,
        entries=event,
        involves=participants,
        table=events.table,
    )
)
SECTORS = register(Kind(Sector, "Sectors", search_boost=1.5))
PEOPLE = register(Kind(Person, "People", search_boost=1.5, table=people.table))
ORGANISATIONS = register(
    Kind(Organisation, "Organisations", search_boost=1.5, labels=ORGANISATION_LABELS, table=organisations.table)
)
SOURCES = register(Kind(Source, "Sources", search_boost=0.5, labels=SOURCE_LABELS, table=sources.table))
FIGURES = register(Kind(Figure, "Figures", search_boost=0.75, labels=FIGURE_LABELS, table=figures.table))
SERIES = register(Kind(Series, "Series", labels=SERIES_LABELS))
