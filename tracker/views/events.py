"""``/events/<id>/`` (``event.md.j2``) and the index ``/events/`` (``events.md.j2``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import when
from ..kinds import label
from ..models import Agreement, Event, Figure, Milestone, Organisation, Person, Sector
from . import summary as sm
from . import table as t
from .base import Index


@dataclass(frozen=True)
class SignedHere:
    """An agreement's milestone at the event, or at a part of it (``within``: that part)."""

    agreement: Agreement
    milestone: Milestone
    within: Event | None = None


@dataclass(frozen=True)
class Attendee:
    """A participant of the event, with the person or organisation it names."""

    who: Person | Organisation
    role: str | None
    cite: list[str]


@dataclass(frozen=True)
class SignedGroup:
    """What was signed at the event itself (``within`` None) or at one of its parts."""

    within: Event | None
    signed: list[SignedHere]


@dataclass(frozen=True)
class EventView:
    record: Event
    summary: sm.Summary  # the box at the top of its page
    parent: Event | None
    parts: list[Event]
    participants: list[Attendee]
    sectors: list[Sector]
    signed: list[SignedHere]  # at the event and at every part of it: one list answers "what was signed here"
    signed_groups: list[SignedGroup]  # the same, by where: the event itself first, then each part
    parent_signed: int  # milestones at the event this one is part of (and its parts)
    figures: list[Figure]


@dataclass(frozen=True)
class EventsView:
    main: list[Event]
    context: list[Event]


def event(ix: Index, event_id: str) -> EventView:
    e = ix.events[event_id]
    signed = signed_here(ix, e)
    parent = ix.events[e.part_of] if e.part_of else None
    sectors = ix.records(Sector, e.sectors)
    agreements = len({s.agreement.id for s in signed})
    return EventView(
        record=e,
        summary=sm.event(e, parent, agreements, sectors, e.kind == "signing-ceremony"),
        parent=parent,
        parts=parts(ix, e),
        participants=[
            Attendee(ix.people[p.person] if p.person else ix.organisations[p.organisation or ""], p.role, p.cite)
            for p in e.participants
        ],
        sectors=sectors,
        signed=signed,
        signed_groups=signed_groups(signed),
        parent_signed=len(signed_here(ix, ix.events[e.part_of])) if e.part_of else 0,
        figures=ix.figures_about["events", e.id],
    )


def parts(ix: Index, e: Event) -> list[Event]:
    """The events that took place within this one, by date."""
    return sorted(ix.named_by(e, Event, "part_of"), key=lambda x: (x.when, x.name))


def signed_here(ix: Index, e: Event) -> list[SignedHere]:
    """Every agreement milestone at the event or within it (its parts, theirs…), in date order."""
    found = [SignedHere(a, m) for a, m in ix.referring(e, Agreement, "milestones", "event")]
    todo = parts(ix, e)
    while todo:
        part = todo.pop(0)
        found.extend(SignedHere(a, m, part) for a, m in ix.referring(part, Agreement, "milestones", "event"))
        todo.extend(parts(ix, part))
    return sorted(found, key=lambda s: (s.milestone.when, s.agreement.name.lower()))


def signed_groups(signed: list[SignedHere]) -> list[SignedGroup]:
    groups: dict[str, SignedGroup] = {}
    for s in sorted(signed, key=lambda s: s.within is not None):
        key = s.within.id if s.within else ""
        groups.setdefault(key, SignedGroup(s.within, [])).signed.append(s)
    return list(groups.values())


def events(ix: Index) -> EventsView:
    ordered = sorted(ix.events.values(), key=lambda e: (e.when, e.name))
    return EventsView(main=[e for e in ordered if not e.context], context=[e for e in ordered if e.context])


def _row(e: Event) -> t.Row:
    cells = (
        t.date(when(e), e.when, e.derived),
        t.link(e),
        t.text(label(e.kind, "event.kind"), e.kind),
        t.text(e.place),
    )
    return t.Row(e, cells, t.group_of(e.when))


def table(ix: Index) -> t.Table:
    """The index's table: one row per event (context ones are listed apart), by its year."""
    rows = [_row(e) for e in events(ix).main]
    return t.Table(
        "events",
        "events",
        t.columns(["Date", "Event", "Kind", "Place"], ["Date", "Kind", "Place"]),
        rows,
        "by the year each took place (or by which it had)",
    )
