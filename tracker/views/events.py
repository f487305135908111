"""``/events/<id>/`` (``event.md.j2``) and the index ``/events/`` (``events.md.j2``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..models import Event, Figure, Organisation, Person, Sector
from .base import Index, SignedAt


@dataclass(frozen=True)
class Attendee:
    """A participant of the event, with the person or organisation it names."""

    who: Person | Organisation
    role: str | None
    cite: list[str]


@dataclass(frozen=True)
class EventView:
    record: Event
    parent: Event | None
    parts: list[Event]
    participants: list[Attendee]
    sectors: list[Sector]
    signed: list[SignedAt]
    figures: list[Figure]


@dataclass(frozen=True)
class EventsView:
    main: list[Event]
    context: list[Event]


def event(ix: Index, event_id: str) -> EventView:
    e = ix.events[event_id]
    return EventView(
        record=e,
        parent=ix.events[e.part_of] if e.part_of else None,
        parts=ix.parts[e.id],
        participants=[
            Attendee(ix.people[p.person] if p.person else ix.organisations[p.organisation or ""], p.role, p.cite)
            for p in e.participants
        ],
        sectors=ix.records(Sector, e.sectors),
        signed=ix.signed_at[e.id],
        figures=ix.figures_about["events", e.id],
    )


def events(ix: Index) -> EventsView:
    ordered = sorted(ix.events.values(), key=lambda e: (e.when, e.name))
    return EventsView(main=[e for e in ordered if not e.context], context=[e for e in ordered if e.context])
