"""What each page shows, computed from the dataset.

One function per page kind, named like the page's URL section and its template:
``agreement(id)`` feeds ``/agreements/<id>/`` through ``templates/agreement.md.j2``, and
``agreements()`` the index at ``/agreements/``. Reverse links (what implements an agreement,
what a source supports, where a person appears) are worked out once per build here.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, lru_cache
from itertools import groupby
from typing import Any, get_args

from pydantic import BaseModel

from .dataset import Dataset
from .dates import PartialDate
from .models import (
    COLLECTIONS,
    INVERSE_LABELS,
    LABELS,
    OPINION_KINDS,
    Agreement,
    Event,
    Milestone,
    MilestoneType,
    Record,
)


@dataclass(frozen=True)
class Entry:
    """One dated thing on a timeline: an agreement's milestone, or an event."""

    date: PartialDate
    record: Agreement | Event
    milestone: Milestone | None = None

    @property
    def bound(self) -> bool:
        """True when the document gives only a date by which it had happened."""
        return (self.milestone or self.record).date is None

    @property
    def sectors(self) -> list[str]:
        """A milestone may concern fewer sectors than its agreement (an FTA's 2004 conclusion is
        not an AI event, though its 2026 upgrade talks cover AI)."""
        if self.milestone and self.milestone.sectors:
            return self.milestone.sectors
        return self.record.sectors

    @property
    def key(self) -> tuple:
        # On one day, the event comes before what was signed at it.
        return (self.date, self.milestone is not None, self.record.label, self.milestone.type if self.milestone else "")


@dataclass(frozen=True)
class Fact:
    """A cited statement inside a record: the record itself, or one item of a list in it."""

    record: Record
    field: str
    item: Any


def _facts(record: Record):
    yield Fact(record, "record", record)
    for name in type(record).model_fields:
        value = getattr(record, name)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, BaseModel) and hasattr(item, "cite"):
                yield Fact(record, name, item)
                for account in getattr(item, "accounts", ()):
                    yield Fact(record, f"{name}.accounts", account)


def _by_year(entries: list[Entry]) -> list[tuple[int, list[Entry]]]:
    return [(year, list(group)) for year, group in groupby(entries, key=lambda e: e.date.year)]


class Queries:
    def __init__(self, data: Dataset) -> None:
        self.data = data

    # -- indexes built once ------------------------------------------------------------------

    @cached_property
    def entries(self) -> list[Entry]:
        found = [Entry(e.when, e) for e in self.data.events.values()]
        for agreement in self.data.agreements.values():
            found.extend(Entry(m.when, agreement, m) for m in agreement.milestones)
        return sorted(found, key=lambda e: e.key)

    @cached_property
    def _signed_at(self) -> dict[str, list[tuple[Agreement, Milestone]]]:
        table = defaultdict(list)
        for agreement in self.data.agreements.values():
            for milestone in agreement.milestones:
                if milestone.event:
                    table[milestone.event].append((agreement, milestone))
        return table

    @cached_property
    def _incoming(self) -> dict[str, list[tuple[str, Agreement, Any]]]:
        table = defaultdict(list)
        for agreement in self.data.agreements.values():
            for relation in agreement.relations:
                table[relation.agreement].append((INVERSE_LABELS[relation.type], agreement, relation))
        return table

    @cached_property
    def _citing(self) -> dict[str, list[Fact]]:
        table = defaultdict(list)
        for record in self.data.records():
            for fact in _facts(record):
                # A fact citing one source twice is listed once on that source's page.
                for source in dict.fromkeys(getattr(fact.item, "cite", ())):
                    table[source].append(fact)
        return table

    @cached_property
    def _appearances(self) -> dict[str, dict[str, list]]:
        """Where each person or organisation is named, by the role it is named in."""
        table: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        for a in self.data.agreements.values():
            for party in a.parties:
                table[party]["party"].append(a)
            for s in a.signatories:
                table[s.person]["signed"].append((a, s))
                if s.party:
                    table[s.party]["signed_for"].append((a, s))
        for e in self.data.events.values():
            for p in e.participants:
                table[p.person or p.organisation]["events"].append((e, p))
        for person in self.data.people.values():
            for role in person.roles:
                if role.organisation:
                    table[role.organisation]["people"].append((person, role))
            if person.country:
                table[person.country]["nationals"].append(person)
        for org in self.data.organisations.values():
            if org.parent:
                table[org.parent]["units"].append(org)
            if org.country and org.country != org.id:
                table[org.country]["based"].append(org)
        for s in self.data.sources.values():
            for org in s.issuers:
                table[org]["issued"].append(s)
            if s.publisher:
                table[s.publisher]["published"].append(s)
            if s.reprint_of:
                table[s.reprint_of]["reprinted"].append(s)
            for org in s.attributes_to:
                table[org]["attributed"].append(s)
        for f in self.data.figures.values():
            for org in f.organisations:
                table[org]["figures"].append(f)
        return table

    @cached_property
    def _figures(self) -> dict[tuple[str, str], list]:
        table = defaultdict(list)
        for f in self.data.figures.values():
            for field in ("agreements", "events", "organisations", "sectors"):
                for record_id in getattr(f, field):
                    table[field, record_id].append(f)
        return table

    def _figures_about(self, field: str, record_id: str) -> list:
        return self._figures[field, record_id]

    @cached_property
    def _parts(self) -> dict[str, list[Event]]:
        table = defaultdict(list)
        for e in sorted(self.data.events.values(), key=lambda x: (x.when, x.name)):
            if e.part_of:
                table[e.part_of].append(e)
        return table

    def records(self, collection: str, ids: list[str]) -> list[Record]:
        table = self.data[collection]
        return [table[i] for i in ids]

    def cited_by(self, source_id: str) -> list[Fact]:
        return self._citing[source_id]

    # -- pages -------------------------------------------------------------------------------

    def home(self) -> dict:
        agreements = [a for a in self.data.agreements.values() if not a.context]
        years = self.years()
        return {
            # Context records (other partners' agreements and meetings) are not counted here.
            "counts": {
                "agreements": len(agreements),
                "events": sum(1 for e in self.data.events.values() if not e.context),
                **{c: len(self.data[c]) for c in ("sectors", "people", "organisations", "sources")},
            },
            "kinds": _count(LABELS[a.kind] for a in agreements),
            "statuses": _count(LABELS[a.status.value] for a in agreements),
            # The longest-standing framework agreements first; a few cards, however large the data.
            "major": sorted((a for a in agreements if a.kind in MAJOR_KINDS), key=_first_date)[:6],
            "years": years,
            "span": (years[0], years[-1]) if years else None,
            "latest": list(reversed(self.entries[-8:])),
            "sectors": sorted(self.sectors()["sectors"], key=lambda pair: (-pair[1], pair[0].name))[:12],
            "histogram": self.histogram(),
        }

    def histogram(self, width: int = 1000, tallest: int = 110) -> dict:
        """Milestones and events per calendar year, from the first year to the last."""
        years = self.years()
        if not years:
            return {"bars": [], "width": width}
        counts = defaultdict(lambda: [0, 0])
        for entry in self.entries:
            counts[entry.date.year][0 if entry.milestone else 1] += 1
        top = max(sum(c) for c in counts.values())
        span = range(years[0], years[-1] + 1)
        step = max(1, round(len(span) / 12))
        bars = [
            {
                "year": y,
                "milestones": counts[y][0],
                "events": counts[y][1],
                "count": sum(counts[y]),
                "height": round(sum(counts[y]) / top * tallest, 1),
                "label": (y - years[0]) % step == 0 or y == years[-1],
            }
            for y in span
        ]
        return {"bars": bars, "width": width}

    def axis(self, width: int = 1000, bin_width: int = 14) -> dict:
        """Every timeline entry as a dot on a time axis: x in [0, width], stacked where close."""
        if not self.entries:
            return {"dots": [], "ticks": [], "rows": 0, "width": width}
        first, last = self.entries[0].date.year, self.entries[-1].date.year + 1
        start, end = date(first, 1, 1).toordinal(), date(last, 1, 1).toordinal()

        def x(day: date) -> float:
            return round((day.toordinal() - start) / (end - start) * width, 1)

        dots, stacks = [], defaultdict(int)
        for entry in self.entries:
            # A date known only to the month or year is drawn as a bar over all the days it
            # may stand for, never as a point on a day the sources do not give; a "by" date
            # is a point on that last day.
            start_x = x(date(*entry.date.earliest))
            end_x = x(date(*entry.date.latest) + timedelta(days=1))
            point = entry.date.precision == "day" or entry.bound
            if entry.bound:
                start_x = end_x
            bins = range(int(start_x // bin_width), int(max(start_x, end_x - 1) // bin_width) + 1)
            row = max(stacks[b] for b in bins)
            for b in bins:
                stacks[b] = row + 1
            dots.append({"entry": entry, "x": start_x, "width": 0 if point else round(end_x - start_x, 1), "row": row})
        step = max(1, round((last - first) / 12))
        ticks = [{"year": y, "x": x(date(y, 1, 1))} for y in range(first, last + 1, step)]
        return {"dots": dots, "ticks": ticks, "rows": max(stacks.values()), "width": width}

    def agreements(self) -> dict:
        ordered = sorted(self.data.agreements.values(), key=_first_date)
        return {
            "main": [a for a in ordered if not a.context],
            "context": [a for a in ordered if a.context],
        }

    def agreement(self, agreement_id: str) -> dict:
        a = self.data.agreements[agreement_id]
        related = {r.agreement for r in a.relations} | {other.id for _, other, _ in self._incoming[a.id]}
        by_party: dict[str | None, list] = {}
        for s in a.signatories:
            by_party.setdefault(s.party, []).append(s)
        return {
            "record": a,
            "signatories": [
                (self.data.organisations[party] if party else None, sigs) for party, sigs in by_party.items()
            ],
            "milestones": sorted(a.milestones, key=lambda m: (m.when, MILESTONE_RANK.get(m.type, 99))),
            "outgoing": [(LABELS[r.type], self.data.agreements[r.agreement], r) for r in a.relations],
            "incoming": self._incoming[a.id],
            "events": _unique(self.data.events[m.event] for m in a.milestones if m.event),
            "same_event": [
                (self.data.events[event_id], others)
                for event_id in _unique(m.event for m in a.milestones if m.event)
                if (others := _unique(o for o, _ in self._signed_at[event_id] if o.id != a.id and o.id not in related))
            ],
            "figures": self._figures_about("agreements", a.id),
        }

    def events(self) -> dict:
        ordered = sorted(self.data.events.values(), key=lambda e: (e.when, e.name))
        return {"main": [e for e in ordered if not e.context], "context": [e for e in ordered if e.context]}

    def event(self, event_id: str) -> dict:
        e = self.data.events[event_id]
        return {
            "record": e,
            "parent": self.data.events[e.part_of] if e.part_of else None,
            "parts": self._parts[e.id],
            "signed": self._signed_at[e.id],
            "figures": self._figures_about("events", e.id),
        }

    def timeline(self) -> dict:
        """Years in order; a year that follows a gap says how many years had nothing recorded."""
        years = _by_year(self.entries)
        return {
            "years": [
                (year, entries, year - years[i - 1][0] - 1 if i else 0) for i, (year, entries) in enumerate(years)
            ],
            "axis": self.axis(),
        }

    def years(self) -> list[int]:
        return sorted({e.date.year for e in self.entries})

    def year(self, year: int) -> dict:
        years = self.years()
        at = years.index(year)
        return {
            "year": year,
            "entries": [e for e in self.entries if e.date.year == year],
            "figures": [f for f in self.data.figures.values() if (d := f.as_of or f.reference_year) and d.year == year],
            "previous": years[at - 1] if at > 0 else None,
            "next": years[at + 1] if at + 1 < len(years) else None,
        }

    def sectors(self) -> dict:
        counts = defaultdict(int)
        for record in [*self.data.agreements.values(), *self.data.events.values(), *self.data.figures.values()]:
            for sector in record.sectors:
                counts[sector] += 1
        ordered = sorted(self.data.sectors.values(), key=lambda s: s.name.lower())
        return {"sectors": [(s, counts[s.id]) for s in ordered], "grid": self.grid()}

    def grid(self) -> dict:
        """Sector × year: how many milestones and events of each sector fall in each year,
        newest year first (the columns a reader wants first are those a phone shows first)."""
        years = self.years()[::-1]
        cells: dict[tuple[str, int], int] = defaultdict(int)
        for entry in self.entries:
            for sector in entry.sectors:
                cells[sector, entry.date.year] += 1
        rows = []
        for sector in self.data.sectors.values():
            counts = [cells[sector.id, y] for y in years]
            if any(counts):
                rows.append((sector, list(zip(years, counts, strict=True)), sum(counts)))
        rows.sort(key=lambda row: (-row[2], row[0].name.lower()))
        return {"years": years, "rows": rows}

    def sector(self, sector_id: str) -> dict:
        entries = [e for e in self.entries if sector_id in e.sectors]
        agreements = [a for a in self.data.agreements.values() if sector_id in a.sectors]
        return {
            "record": self.data.sectors[sector_id],
            "years": _by_year(entries),
            "undated": [a for a in agreements if not a.milestones],
            "agreements": sorted(agreements, key=_first_date),
            "figures": self._figures_about("sectors", sector_id),
        }

    def people(self) -> dict:
        return {"people": sorted(self.data.people.values(), key=lambda p: p.name.lower())}

    def person(self, person_id: str) -> dict:
        p = self.data.people[person_id]
        seen = self._appearances[p.id]
        return {
            "record": p,
            "roles": _grouped_roles(p.roles),
            "signed": seen["signed"],
            "events": sorted(seen["events"], key=lambda pair: pair[0].when),
        }

    def organisations(self) -> dict:
        ordered = sorted(self.data.organisations.values(), key=lambda o: (LABELS[o.kind], o.name.lower()))
        return {"groups": [(kind, list(group)) for kind, group in groupby(ordered, key=lambda o: LABELS[o.kind])]}

    def organisation(self, organisation_id: str) -> dict:
        o = self.data.organisations[organisation_id]
        seen = self._appearances[o.id]
        people: dict[str, list] = {}
        for person, role in seen["people"]:
            people.setdefault(person.id, [person, []])[1].append(role)
        return {
            "record": o,
            "parent": self.data.organisations[o.parent] if o.parent else None,
            "people": [(person, roles) for person, roles in people.values()],
            "nationals": [p for p in seen["nationals"] if p.id not in people],
            **{
                k: seen[k]
                for k in (
                    "party",
                    "signed_for",
                    "units",
                    "based",
                    "issued",
                    "reprinted",
                    "attributed",
                    "figures",
                )
            },
            "events": sorted(seen["events"], key=lambda pair: pair[0].when),
            "published": sorted(seen["published"], key=lambda s: (s.date or PartialDate(9999), s.title)),
        }

    def sources(self) -> dict:
        ordered = sorted(self.data.sources.values(), key=lambda s: (s.date or PartialDate(9999), s.title))
        return {"sources": [(s, len(self.cited_by(s.id))) for s in ordered]}

    def source(self, source_id: str) -> dict:
        """Every fact citing the source, by collection, then by record, in the data's order."""
        facts = self.cited_by(source_id)
        grouped: dict[str, dict[int, list[Fact]]] = {c: {} for c in self.data.__dataclass_fields__}
        for fact in facts:
            grouped[fact.record.collection].setdefault(id(fact.record), []).append(fact)
        return {
            "record": self.data.sources[source_id],
            "groups": [
                (COLLECTIONS[c].heading, [(fs[0].record, fs) for fs in records.values()])
                for c, records in grouped.items()
                if records
            ],
            "count": len(facts),
        }

    def figures(self) -> dict:
        ordered = sorted(
            self.data.figures.values(), key=lambda f: (f.as_of or f.reference_year or PartialDate(9999), f.name)
        )
        return {
            "figures": ordered,
            "measured": [f for f in ordered if f.kind not in OPINION_KINDS],
            "opinions": [f for f in ordered if f.kind in OPINION_KINDS],
        }

    def figure(self, figure_id: str) -> dict:
        f = self.data.figures[figure_id]
        return {
            "record": f,
            "agreements": [self.data.agreements[i] for i in f.agreements],
            "events": [self.data.events[i] for i in f.events],
            "organisations": [self.data.organisations[i] for i in f.organisations],
            "sectors": [self.data.sectors[i] for i in f.sectors],
        }


# The agreements the home page gives a status card each.
MAJOR_KINDS = ("free-trade-agreement", "digital-partnership-agreement", "strategic-partnership")

MILESTONE_RANK = {name: rank for rank, name in enumerate(get_args(MilestoneType))}


def _first_date(agreement: Agreement) -> tuple:
    dates = [m.when for m in agreement.milestones]
    return (min(dates) if dates else PartialDate(9999), agreement.name.lower())


def _count(labels) -> list[tuple[str, int]]:
    counts: dict[str, int] = defaultdict(int)
    for label in labels:
        counts[label] += 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


def _unique(items) -> list:
    out = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


@lru_cache(maxsize=2)
def for_dataset(data: Dataset) -> Queries:
    """One Queries per loaded dataset, shared by the hook and macros.py within a build."""
    return Queries(data)


def _grouped_roles(roles) -> list[tuple[str, str | None, list]]:
    """A person's roles, one line per title and organisation, dates in order."""
    grouped: dict[tuple, list] = {}
    for role in sorted(roles, key=lambda r: r.since or r.as_of or r.until or PartialDate(9999)):
        grouped.setdefault((role.title, role.organisation), []).append(role)
    return [(title, org, items) for (title, org), items in grouped.items()]
