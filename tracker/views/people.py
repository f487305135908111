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
            len({s.agreement.id for s in signed}),
            [
                (g.appearances[0].record.singular, len({x.record.id for x in g.appearances}))
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


def _latest(p: Person) -> Role | None:
    """The role the data dates latest (by its start, the date it was seen held, or its end),
    else the last one listed."""
    if not p.roles:
        return None
    dated = [r for r in p.roles if r.since or r.as_of or r.until]
    if not dated:
        return p.roles[-1]
    return max(dated, key=lambda r: max(d for d in (r.since, r.as_of, r.until) if d is not None))


def _row(ix: Index, p: Person) -> t.Row:
    country = ix.organisations[p.country] if p.country else None
    role = _latest(p)
    cells = (
        t.link(p),
        t.link(country) if country else t.Cell(),
        # Filtered by the title as the data writes it: a role has no id of its own.
        t.text(role.title, role.title) if role else t.Cell(),
        t.text("; ".join(n.name for n in p.names)),
    )
    return t.Row(p, cells, t.UNDATED)


def table(ix: Index) -> t.Table:
    """The index's table: one row per person, by name (people have no date to split by),
    filtered by country and by role."""
    rows = [_row(ix, p) for p in people(ix).people]
    return t.Table(
        "people",
        "people",
        t.columns(
            ["Person", "Country", "Latest role given", "Names in the sources"],
            ["Country", "Latest role given"],
            params={"Latest role given": "role"},
            ones={"Latest role given": "role"},
        ),
        rows,
        "",
    )
