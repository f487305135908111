"""``/agreements/<id>/`` (``agreement.md.j2``) and the index ``/agreements/`` (``agreements.md.j2``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import when
from ..kinds import label
from ..marks import Accounts, milestone_accounts, milestone_anchor
from ..models import SYMMETRIC_RELATIONS, Agreement, Event, Figure, Milestone, Organisation, Sector
from . import summary as sm
from . import table as t
from .base import MILESTONE_RANK, Index, Names, RelationLink, Signed, first_date, names, unique


@dataclass(frozen=True)
class SameEventStep:
    """Another agreement at an event, with what the sources record of it there (signed,
    adopted, only announced…)."""

    agreement: Agreement
    milestones: list[Milestone]


@dataclass(frozen=True)
class SameEvent:
    """Other agreements with a milestone at an event where this one has one."""

    event: Event
    agreements: list[Agreement]
    steps: list[SameEventStep]


@dataclass(frozen=True)
class Step:
    """A milestone as the agreement's page lists it: with its place on the page (the anchor
    every "accounts differ" mark of its date leads to) and that mark, if any."""

    milestone: Milestone
    anchor: str
    accounts: Accounts | None


@dataclass(frozen=True)
class SignedFor:
    """The signatories of one party (None: the sources do not say for whom)."""

    party: Organisation | None
    signatories: list[Signed]


@dataclass(frozen=True)
class AgreementView:
    record: Agreement
    summary: sm.Summary  # the box at the top of its page
    names: Names  # its other names (aliases), near-duplicates folded
    parties: list[Organisation]
    signatories: list[SignedFor]  # by party, in the order the data first names each
    sectors: list[Sector]
    milestones: list[Milestone]
    steps: list[Step]  # the same milestones, in the same order, with their anchors and marks
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
    # A relation that reads the same from either end, written on both records, is listed once
    # (as this record writes it).
    both_ways = {(r.type, r.agreement) for r in a.relations if r.type in SYMMETRIC_RELATIONS}
    incoming = [
        RelationLink(label(r.type, "relation.type.inverse"), other, r)
        for other, r in ix.referring(a, Agreement, "relations", "agreement")
        if (r.type, other.id) not in both_ways
    ]
    related = {r.agreement for r in a.relations} | {link.agreement.id for link in incoming}
    event_ids = unique(m.event for m in a.milestones if m.event is not None)
    same_event = []
    for event_id in event_ids:
        there: dict[str, SameEventStep] = {}
        for other, m in ix.referring(ix.events[event_id], Agreement, "milestones", "event"):
            if other.id != a.id and other.id not in related:
                there.setdefault(other.id, SameEventStep(other, [])).milestones.append(m)
        if there:
            steps = list(there.values())
            same_event.append(SameEvent(ix.events[event_id], [s.agreement for s in steps], steps))
    ordered = sorted(enumerate(a.milestones), key=lambda im: (im[1].when, MILESTONE_RANK.get(im[1].type, 99)))
    parties = ix.records(Organisation, a.parties)
    signatories = signed_for(ix, a)
    sectors = ix.records(Sector, a.sectors)
    events = {i: ix.events[i] for i in event_ids}
    return AgreementView(
        record=a,
        summary=sm.agreement(a, events, parties, sectors, signatures(signatories)),
        names=names(a.name, a.aliases),
        parties=parties,
        signatories=signatories,
        sectors=sectors,
        milestones=[m for _, m in ordered],
        steps=[Step(m, milestone_anchor(at), milestone_accounts(a, m, at)) for at, m in ordered],
        outgoing=[RelationLink(label(r.type, "relation.type"), ix.agreements[r.agreement], r) for r in a.relations],
        incoming=incoming,
        events=[ix.events[i] for i in event_ids],
        event_by_id=events,
        same_event=same_event,
        figures=ix.figures_about["agreements", a.id],
    )


def signed_for(ix: Index, a: Agreement) -> list[SignedFor]:
    by_party: dict[str | None, list[Signed]] = {}
    for s in a.signatories:
        party = ix.organisations[s.party] if s.party else None
        by_party.setdefault(s.party, []).append(Signed(a, s, ix.people[s.person], party))
    return [SignedFor(group[0].party, group) for group in by_party.values()]


def signatures(groups: list[SignedFor]) -> list[Signed]:
    """Every signature, party by party, as the summary box lists them."""
    return [s for group in groups for s in group.signatories]


def agreements(ix: Index) -> AgreementsView:
    ordered = sorted(ix.agreements.values(), key=first_date)
    return AgreementsView(main=[a for a in ordered if not a.context], context=[a for a in ordered if a.context])


def first_step(a: Agreement, kind: str) -> Milestone | None:
    """The agreement's earliest milestone of a kind (its signature, its entry into force)."""
    steps = sorted((m for m in a.milestones if m.type == kind), key=lambda m: m.when)
    return steps[0] if steps else None


def _step(a: Agreement, m: Milestone | None) -> t.Cell:
    return t.date(when(m), m.when, m.derived, milestone_accounts(a, m)) if m else t.Cell()


# The steps that make an instrument what it is, whichever its kind: a treaty or memorandum is
# signed, a joint statement or declaration adopted, a partnership or arrangement established.
DATING_STEPS = ("signed", "adopted", "established")


def dating_step(a: Agreement) -> Milestone | None:
    """The step that dates the agreement in the index (its "Date" column, its year): the
    earliest of its signature, adoption or establishment, else its earliest recorded step
    (reported, negotiations launched…); None where the data gives no step."""
    made = [m for m in a.milestones if m.type in DATING_STEPS]
    found = sorted(made or a.milestones, key=lambda m: (m.when, MILESTONE_RANK.get(m.type, 99)))
    return found[0] if found else None


def _dated(a: Agreement, m: Milestone | None) -> t.Cell:
    """The date that fits the agreement's kind, with the step it is ("adopted 2019"), its
    precision and its derived and accounts marks, as the agreement's page gives them."""
    if m is None:
        return t.Cell()
    step = label(m.type, "milestone.type").lower()
    return t.date(when(m), m.when, m.derived, milestone_accounts(a, m), step=step)


def sector_cell(ix: Index, ids: list[str]) -> t.Cell:
    """Sectors as links; a filter also matches each one's broader sectors (energy, for nuclear
    energy), which include it."""
    records = ix.records(Sector, ids)
    broader = [ix.sectors[up] for s in ids for up in ix.broader(s)]
    return t.links(records, also=broader)


def broader_note(ix: Index) -> str:
    """What the sector filter says where some sectors include others: "Energy includes Nuclear
    energy and Small modular reactors." ("" where none does)."""
    said = []
    for wide, narrow in sorted(ix.narrower.items(), key=lambda kv: ix.sectors[kv[0]].name.lower()):
        inside = [ix.sectors[n].name for n in narrow]
        listed = inside[0] if len(inside) == 1 else f"{', '.join(inside[:-1])} and {inside[-1]}"
        said.append(f"{ix.sectors[wide].name} includes {listed}.")
    return " ".join(said)


def _row(ix: Index, a: Agreement) -> t.Row:
    dated = dating_step(a)
    cells = (
        t.link(a),
        t.text(label(a.kind, "agreement.kind"), a.kind),
        t.text(label(a.status.value, "status.value"), a.status.value),
        t.links(ix.records(Organisation, a.parties)),
        sector_cell(ix, a.sectors),
        _dated(a, dated),
        _step(a, first_step(a, "entered-into-force")),
    )
    return t.Row(a, cells, t.group_of(dated.when if dated else None))


def table(ix: Index) -> t.Table:
    """The index's table: one row per agreement (context ones are listed apart), on the page
    of the year of its date: signed, adopted or established, else its first recorded step."""
    rows = [_row(ix, a) for a in agreements(ix).main]
    return t.Table(
        "agreements",
        "agreements",
        t.columns(
            ["Agreement", "Kind", "Status", "Parties", "Sectors", "Date", "In force"],
            ["Kind", "Status", "Parties", "Sectors", "Date"],
            ones={"Parties": "party", "Sectors": "sector"},
            notes={"Sectors": broader_note(ix)},
        ),
        rows,
        "by the year of each one's date: signed, adopted or established, or else its first recorded step",
    )
