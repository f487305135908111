"""``/organisations/<id>/`` (``organisation.md.j2``) and the index ``/organisations/``
(``organisations.md.j2``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from itertools import groupby
from urllib.parse import urlencode

from ..dates import PartialDate
from ..kinds import label
from ..models import Agreement, Figure, Organisation, Person, Role, Source
from ..urls import index_src_uri, list_group_src_uri
from . import summary as sm
from . import table as t
from .base import Index, Involvements, Names, Signed, names


@dataclass(frozen=True)
class PersonRoles:
    person: Person
    roles: list[Role]


@dataclass(frozen=True)
class YearCount:
    """How many of an organisation's agreements fall on one page of the split agreements index."""

    label: str  # "2024", or "Undated"
    count: int
    src_uri: str  # that page: agreements/2024.md


@dataclass(frozen=True)
class PartyYears:
    """An organisation party to more agreements than an index lists whole (the plugin's
    ``index_rows``; a state party to every agreement): its page counts them by the year the
    agreements index files them under, each year leading to that year's page of the index
    filtered to this party, instead of listing thousands of rows."""

    total: int
    rule: str  # how the index files an agreement under a year
    index_src_uri: str  # agreements/index.md
    query: str  # the index's filter for this party, as tracker.js reads it: "parties=singapore"
    years: list[YearCount]  # latest first, undated last


@dataclass(frozen=True)
class SignerCount:
    person: Person
    count: int


@dataclass(frozen=True)
class OrganisationView:
    record: Organisation
    summary: sm.Summary  # the box at the top of its page
    names: Names  # its other names (aliases), near-duplicates folded
    country: Organisation | None  # None for a state, whose country is itself
    parent: Organisation | None
    # Every agreement it is a party to; above index_rows, only those the agreements index
    # does not list (mentioned for context), the others counted in party_years.
    party: list[Agreement]
    party_years: PartyYears | None
    # Every signature for it; above index_rows, none, and signers counts them by person.
    signed_for: list[Signed]
    signers: list[SignerCount]
    people: list[PersonRoles]
    nationals: list[Person]
    involved: list[Involvements]  # the records of each kind that involve them (events…), by date
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


def organisation(
    ix: Index, organisation_id: str, index_rows: int, agreements_table: Callable[[], t.Table]
) -> OrganisationView:
    """``agreements_table`` gives the agreements index's table (worked out once per build)."""
    o = ix.organisations[organisation_id]
    party = ix.named_by(o, Agreement, "parties")
    party_years = None
    if len(party) > index_rows and agreements_table().is_split(index_rows):
        party_years = _party_years(o, agreements_table())
        listed = {id(row.record) for row in agreements_table().rows}
        party = [a for a in party if id(a) not in listed]
    signed_for = [Signed(a, s, ix.people[s.person], o) for a, s in ix.referring(o, Agreement, "signatories", "party")]
    signers = []
    if len(signed_for) > index_rows:
        # Most signatures first, then by id.
        counts = Counter(s.person.id for s in signed_for)
        by_id = {s.person.id: s.person for s in signed_for}
        signers = [SignerCount(by_id[i], n) for i, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
        signed_for = []
    people: dict[str, PersonRoles] = {}
    for person, role in ix.referring(o, Person, "roles", "organisation"):
        people.setdefault(person.id, PersonRoles(person, [])).roles.append(role)
    country = ix.organisations[o.country] if o.country and o.country != o.id else None
    parent = ix.organisations[o.parent] if o.parent else None
    return OrganisationView(
        record=o,
        summary=sm.organisation(o, country, parent, len(party) + _total(party_years)),
        names=names(o.name, o.aliases),
        country=country,
        parent=parent,
        party=party,
        party_years=party_years,
        signed_for=signed_for,
        signers=signers,
        people=list(people.values()),
        nationals=[p for p in ix.named_by(o, Person, "country") if p.id not in people],
        involved=ix.involvements(o),
        units=ix.named_by(o, Organisation, "parent"),
        based=[x for x in ix.named_by(o, Organisation, "country") if x.id != o.id],
        issued=ix.named_by(o, Source, "issuers"),
        published=sorted(ix.named_by(o, Source, "publisher"), key=lambda s: (s.date or PartialDate(9999), s.title)),
        reprinted=ix.named_by(o, Source, "reprint_of"),
        attributed=ix.named_by(o, Source, "attributes_to"),
        figures=ix.figures_about["organisations", o.id],
    )


def _total(party_years: PartyYears | None) -> int:
    """The agreements filed by year on the index (those not listed on the page)."""
    return party_years.total if party_years else 0


def _party_years(o: Organisation, table: t.Table) -> PartyYears:
    counts: Counter[str] = Counter(row.group for row in table.rows if o.id in getattr(row.record, "parties", ()))
    years = [
        YearCount("Undated" if key == t.UNDATED else key, counts[key], list_group_src_uri(table.collection, key))
        for key in table.groups
        if counts[key]
    ]
    query = urlencode({"parties": o.id})  # its id, as the filter reads it: a renamed label breaks no link
    return PartyYears(sum(counts.values()), table.rule, index_src_uri(table.collection), query, years)


def organisations(ix: Index) -> OrganisationsView:
    def kind(o: Organisation) -> str:
        return label(o.kind, "organisation.kind")

    ordered = sorted(ix.organisations.values(), key=lambda o: (kind(o), o.name.lower()))
    return OrganisationsView([KindGroup(k, list(group)) for k, group in groupby(ordered, key=kind)])


def _row(ix: Index, o: Organisation, kind: str) -> t.Row:
    name = t.link(o)
    if o.short_name:
        name = t.Cell((*name.parts, t.Part(f" ({o.short_name})")))
    country = ix.organisations[o.country] if o.country and o.country != o.id else None
    cells = (name, t.text(kind, o.kind), t.link(country) if country else t.Cell())
    return t.Row(o, cells, t.UNDATED)


def table(ix: Index) -> t.Table:
    """The index's table: one row per organisation, by kind then name (organisations have no
    date to split by)."""
    rows = [_row(ix, o, group.label) for group in organisations(ix).groups for o in group.organisations]
    return t.Table(
        "organisations",
        "organisations",
        t.columns(["Organisation", "Kind", "Country"], ["Kind", "Country"]),
        rows,
        "",
    )
