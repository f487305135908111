"""``/agreements/<id>/`` (``agreement.md.j2``) and the index ``/agreements/`` (``agreements.md.j2``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import when
from ..kinds import label
from ..models import Agreement, Event, Figure, Milestone, Organisation, Sector
from . import table as t
from .base import MILESTONE_RANK, Index, Names, RelationLink, Signed, first_date, names, unique


@dataclass(frozen=True)
class SameEvent:
    """Other agreements signed at an event this one was signed at."""

    event: Event
    agreements: list[Agreement]


@dataclass(frozen=True)
class SignedFor:
    """The signatories of one party (None: the sources do not say for whom)."""

    party: Organisation | None
    signatories: list[Signed]


@dataclass(frozen=True)
class AgreementView:
    record: Agreement
    names: Names  # its other names (aliases), near-duplicates folded
    parties: list[Organisation]
    signatories: list[SignedFor]  # by party, in the order the data first names each
    sectors: list[Sector]
    milestones: list[Milestone]
    outgoing: list[RelationLink]
    incoming: list[RelationLink]
    events: list[Event]  # where its milestones took place, in order
    event_by_id: dict[str, Event]  # the same, for its milestones' `event`
    same_event: list[SameEvent]
    figures: list[Figure]


@dataclass(frozen=True)
class AgreementsView:
    main: list[Agreement]
    context: list[Agreement]


def agreement(ix: Index, agreement_id: str) -> AgreementView:
    a = ix.agreements[agreement_id]
    incoming = [
        RelationLink(label(r.type, "relation.type.inverse"), other, r)
        for other, r in ix.referring(a, Agreement, "relations", "agreement")
    ]
    related = {r.agreement for r in a.relations} | {link.agreement.id for link in incoming}
    event_ids = unique(m.event for m in a.milestones if m.event is not None)
    same_event = []
    for event_id in event_ids:
        signed_there = ix.referring(ix.events[event_id], Agreement, "milestones", "event")
        others = unique(other for other, _ in signed_there if other.id != a.id)
        others = [o for o in others if o.id not in related]
        if others:
            same_event.append(SameEvent(ix.events[event_id], others))
    return AgreementView(
        record=a,
        names=names(a.name, a.aliases),
        parties=ix.records(Organisation, a.parties),
        signatories=signed_for(ix, a),
        sectors=ix.records(Sector, a.sectors),
        milestones=sorted(a.milestones, key=lambda m: (m.when, MILESTONE_RANK.get(m.type, 99))),
        outgoing=[RelationLink(label(r.type, "relation.type"), ix.agreements[r.agreement], r) for r in a.relations],
        incoming=incoming,
        events=[ix.events[i] for i in event_ids],
        event_by_id={i: ix.events[i] for i in event_ids},
        same_event=same_event,
        figures=ix.figures_about["agreements", a.id],
    )


def signed_for(ix: Index, a: Agreement) -> list[SignedFor]:
    by_party: dict[str | None, list[Signed]] = {}
    for s in a.signatories:
        party = ix.organisations[s.party] if s.party else None
        by_party.setdefault(s.party, []).append(Signed(a, s, ix.people[s.person], party))
    return [SignedFor(group[0].party, group) for group in by_party.values()]


def agreements(ix: Index) -> AgreementsView:
    ordered = sorted(ix.agreements.values(), key=first_date)
    return AgreementsView(main=[a for a in ordered if not a.context], context=[a for a in ordered if a.context])


def first_step(a: Agreement, kind: str) -> Milestone | None:
    """The agreement's earliest milestone of a kind (its signature, its entry into force)."""
    steps = sorted((m for m in a.milestones if m.type == kind), key=lambda m: m.when)
    return steps[0] if steps else None


def _step(m: Milestone | None) -> t.Cell:
    return t.date(when(m), m.when, m.derived) if m else t.Cell()


def _row(ix: Index, a: Agreement) -> t.Row:
    signed = first_step(a, "signed")
    year = signed.when if signed else min((m.when for m in a.milestones), default=None)
    cells = (
        t.link(a),
        t.text(label(a.kind, "agreement.kind")),
        t.text(label(a.status.value, "status.value")),
        t.links(ix.records(Organisation, a.parties)),
        t.links(ix.records(Sector, a.sectors)),
        _step(signed),
        _step(first_step(a, "entered-into-force")),
    )
    return t.Row(a, cells, t.group_of(year))


def table(ix: Index) -> t.Table:
    """The index's table: one row per agreement (context ones are listed apart), on the page
    of the year it was signed, or, not signed, of its first recorded step."""
    rows = [_row(ix, a) for a in agreements(ix).main]
    return t.Table(
        "agreements",
        "agreements",
        t.columns(
            ["Agreement", "Kind", "Status", "Parties", "Sectors", "Signed", "In force"],
            ["Kind", "Status", "Parties", "Sectors", "Signed"],
        ),
        rows,
        "by the year each was signed, or, for one not signed, the year of its first recorded step",
    )
