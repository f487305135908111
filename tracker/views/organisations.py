"""``/organisations/<id>/`` (``organisation.md.j2``) and the index ``/organisations/``
(``organisations.md.j2``)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

from ..dates import PartialDate
from ..models import Agreement, Figure, Organisation, Person, Role, Source, label
from . import table as t
from .base import Appearance, Index, Names, Signed, names


@dataclass(frozen=True)
class PersonRoles:
    person: Person
    roles: list[Role]


@dataclass(frozen=True)
class OrganisationView:
    record: Organisation
    names: Names  # its other names (aliases), near-duplicates folded
    country: Organisation | None  # None for a state, whose country is itself
    parent: Organisation | None
    party: list[Agreement]
    signed_for: list[Signed]
    people: list[PersonRoles]
    nationals: list[Person]
    events: list[Appearance]
    units: list[Organisation]
    based: list[Organisation]
    issued: list[Source]
    published: list[Source]  # by date
    reprinted: list[Source]
    attributed: list[Source]
    figures: list[Figure]


@dataclass(frozen=True)
class KindGroup:
    label: str
    organisations: list[Organisation]


@dataclass(frozen=True)
class OrganisationsView:
    groups: list[KindGroup]


def organisation(ix: Index, organisation_id: str) -> OrganisationView:
    o = ix.organisations[organisation_id]
    seen = ix.appearances[o.id]
    people: dict[str, PersonRoles] = {}
    for held in seen.people:
        people.setdefault(held.person.id, PersonRoles(held.person, [])).roles.append(held.role)
    return OrganisationView(
        record=o,
        names=names(o.name, o.aliases),
        country=ix.organisations[o.country] if o.country and o.country != o.id else None,
        parent=ix.organisations[o.parent] if o.parent else None,
        party=seen.party,
        signed_for=seen.signed_for,
        people=list(people.values()),
        nationals=[p for p in seen.nationals if p.id not in people],
        events=sorted(seen.events, key=lambda x: x.event.when),
        units=seen.units,
        based=seen.based,
        issued=seen.issued,
        published=sorted(seen.published, key=lambda s: (s.date or PartialDate(9999), s.title)),
        reprinted=seen.reprinted,
        attributed=seen.attributed,
        figures=seen.figures,
    )


def organisations(ix: Index) -> OrganisationsView:
    def kind(o: Organisation) -> str:
        return label(o.kind, "organisation.kind")

    ordered = sorted(ix.organisations.values(), key=lambda o: (kind(o), o.name.lower()))
    return OrganisationsView([KindGroup(k, list(group)) for k, group in groupby(ordered, key=kind)])


def table(ix: Index) -> t.Table:
    """The index's table: one row per organisation, by kind then name (organisations have no
    date to split by)."""
    rows = []
    for group in organisations(ix).groups:
        for o in group.organisations:
            name = t.link(o)
            if o.short_name:
                name = t.Cell((*name.parts, t.Part(f" ({o.short_name})")))
            country = ix.organisations[o.country] if o.country and o.country != o.id else None
            cells = (name, t.text(group.label), t.link(country) if country else t.Cell())
            rows.append(t.Row(o, cells, t.UNDATED))
    return t.Table(
        "organisations",
        "organisations",
        t.columns(["Organisation", "Kind", "Country"], ["Kind", "Country"]),
        rows,
        "",
    )
