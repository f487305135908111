"""``/people/<id>/`` (``person.md.j2``) and the index ``/people/`` (``people.md.j2``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import PartialDate
from ..models import Agreement, Organisation, Person, Role
from . import summary as sm
from . import table as t
from .base import Index, Involvements, Names, Signed, names


@dataclass(frozen=True)
class RoleLine:
    """One title at one organisation, with each dated mention of it in order."""

    title: str
    organisation: Organisation | None
    roles: list[Role]


@dataclass(frozen=True)
class PersonView:
    record: Person
    summary: sm.Summary  # the box at the top of its page
    names: Names  # the spellings in the sources, near-duplicates folded
    country: Organisation | None
    roles: list[RoleLine]
    signed: list[Signed]
    involved: list[Involvements]  # the records of each kind that involve them (events…), by date


@dataclass(frozen=True)
class PeopleView:
    people: list[Person]


def grouped_roles(ix: Index, roles: list[Role]) -> list[RoleLine]:
    grouped: dict[tuple[str, str | None], list[Role]] = {}
    for role in sorted(roles, key=lambda r: r.since or r.as_of or r.until or PartialDate(9999)):
        grouped.setdefault((role.title, role.organisation), []).append(role)
    return [RoleLine(title, ix.organisations[org] if org else None, items) for (title, org), items in grouped.items()]


def person(ix: Index, person_id: str) -> PersonView:
    p = ix.people[person_id]
    country = ix.organisations[p.country] if p.country else None
    roles = grouped_roles(ix, p.roles)
    signed = [
        Signed(a, s, p, ix.organisations[s.party] if s.party else None)
        for a, s in ix.referring(p, Agreement, "signatories", "person")
    ]
    involved = ix.involvements(p)
    return PersonView(
        record=p,
        summary=sm.person(
            p,
            country,
            [(line.title, line.organisation) for line in roles],
            len({id(s.agreement) for s in signed}),
            [
                (g.appearances[0].record.singular, len({id(x.record) for x in g.appearances}))
                for g in involved
                if g.appearances
            ],
        ),
        names=names(p.name, p.names),
        country=country,
        roles=roles,
        signed=signed,
        involved=involved,
    )


def people(ix: Index) -> PeopleView:
    return PeopleView(sorted(ix.people.values(), key=lambda p: p.name.lower()))


def _row(p: Person) -> t.Row:
    cells = (t.link(p), t.text("; ".join(n.name for n in p.names)), t.text(p.roles[-1].title if p.roles else ""))
    return t.Row(p, cells, t.UNDATED)


def table(ix: Index) -> t.Table:
    """The index's table: one row per person, by name (people have no date to split by)."""
    rows = [_row(p) for p in people(ix).people]
    return t.Table("people", "people", t.columns(["Person", "Names in the sources", "Latest role given"], []), rows, "")
