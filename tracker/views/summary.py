"""The summary box at the top of every record page: what an infobox or a treaty database's
entry shows first (an agreement's kind, status, signature, entry into force, parties and
signatories; an event's kind, dates and place; …), before any other text of the page.

Each line is a label of ours and one or more values, each a table cell (views/table.py: texts
and links to records, with a date's sort key, its derived and accounts-differ marks and the
sources stating it), written by ``common.j2``'s ``summary`` macro as a definition list. What a
line says is worked out here, never in the template.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..dates import on, when
from ..kinds import label
from ..marks import milestone_accounts
from ..models import Agreement, Event, Milestone, Organisation, Person, Record, Source
from ..urls import year_path
from . import table as t
from .base import Signed, cited_items, plural, status_phrase, unique

# The steps a reader looks for first on an agreement's page, in this order, each its first
# milestone of the kind (a joint statement is adopted, a partnership established…).
KEY_STEPS = ("signed", "adopted", "established", "entered-into-force")


@dataclass(frozen=True)
class Line:
    """One line of the box: what it gives (``label``) and its values, one under another."""

    label: str
    values: tuple[t.Cell, ...]
    # Kept out of the search index: names of other records, each with a page of its own
    # (search would find every agreement of a party by the party's name).
    searched: bool = True
    # A place on the same page the line leads to ("sources": its list of sources).
    anchor: str = ""
    # An outside address the line's value is (a source's original document).
    href: str = ""
    # A page of the site the line's value leads to, from the site's root ("years/2021/").
    page: str = ""
    # How many of its values search indexes (None: all): a date is, the place and event of a
    # signature or a status's note are not (other records' names; words that would rank a
    # page for what it only mentions).
    indexed: int | None = None


@dataclass(frozen=True)
class Summary:
    lines: tuple[Line, ...]


def sources_of(record: Record) -> list[str]:
    """The documents the record itself cites, each once, in the order its fields cite them."""
    return unique(s for item in cited_items(record) for s in getattr(item, "cite", ()))


def count_line(record: Record) -> Line | None:
    n = len(sources_of(record))
    return Line("Sources", (t.text(plural(n, "document")),), searched=False, anchor="sources") if n else None


def _dated(m: Milestone, a: Agreement, cite: bool = True) -> t.Cell:
    return t.date(when(m), m.when, m.derived, milestone_accounts(a, m), m.cite if cite else ())


def status_cells(a: Agreement) -> list[t.Cell]:
    """The status with the date it holds since (at the precision of the milestone that put it
    there, with that milestone's marks), then, where later, the date it was last known to
    hold: the words of ``base.status_phrase``, which ``common.j2``'s ``status`` macro writes."""
    s, p = a.status, status_phrase(a)
    shown = label(s.value, "status.value")
    if p.milestone is None:
        return [t.Cell((t.Part(f"{shown}{p.last_known}"),), cite=tuple(unique(s.cite)))]
    m = p.milestone
    since = t.Cell(
        (t.Part(f"{shown} {p.since}"),), "", m.derived or "", milestone_accounts(a, m), tuple(unique(s.cite))
    )
    return [since] if not p.last_known else [since, t.text(f"Last known to hold {on(s.as_of)}")]


def _step_line(a: Agreement, kind: str, events: Mapping[str, Record]) -> Line | None:
    steps = sorted((m for m in a.milestones if m.type == kind), key=lambda m: m.when)
    if not steps:
        return None
    m = steps[0]
    values = [_dated(m, a)]
    where: list[t.Part] = []
    if m.place:
        where.append(t.Part(m.place))
    if m.event and m.event in events:
        if where:
            where.append(t.Part(", "))
        where += [t.Part("at "), t.Part(events[m.event].label, events[m.event])]
    if where:
        values.append(t.Cell(tuple(where)))
    return Line(label(kind, "milestone.type"), tuple(values), indexed=1)


def agreement(
    a: Agreement,
    events: Mapping[str, Record],
    parties: Sequence[Record],
    sectors: Sequence[Record],
    signed: Sequence[Signed],
) -> Summary:
    status = status_cells(a)
    if a.status.note:
        status.append(t.text(f"Note: {a.status.note}"))
    return lines(
        Line("Kind", (t.text(label(a.kind, "agreement.kind")),)),
        Line("Status", tuple(status), indexed=1),
        *(_step_line(a, kind, events) for kind in KEY_STEPS),
        Line("Parties", (t.links(parties),), searched=False) if parties else None,
        Line("Signed by", tuple(_signatory(s) for s in signed), searched=False) if signed else None,
        Line("Sectors", (t.links(sectors),), searched=False) if sectors else None,
        count_line(a),
    )


def _signatory(s: Signed) -> t.Cell:
    """ "Name, office, for party", citing the documents naming them."""
    parts = [t.Part(s.person.label, s.person)]
    if s.signatory.capacity:
        parts.append(t.Part(f", {s.signatory.capacity}"))
    if s.party is not None:
        parts += [t.Part(", for "), t.Part(s.party.label, s.party)]
    return t.Cell(tuple(parts), cite=tuple(unique(s.signatory.cite)))


def lines(*items: Line | None) -> Summary:
    return Summary(tuple(x for x in items if x))


def event(
    e: Event, parent: Event | None, agreements: int, sectors: Sequence[Record], signing_ceremony: bool
) -> Summary:
    """``agreements``: how many agreements have a milestone at the event or a part of it."""
    date = [t.date(when(e), e.when, e.derived)]
    if e.derived:
        date.append(t.text(f"Date derived: {e.derived}"))
    place = ", ".join(x for x in (e.place, e.venue) if x)
    return lines(
        Line("Kind", (t.text(label(e.kind, "event.kind")),)),
        Line("Dates" if e.end else "Date", tuple(date), indexed=1),
        Line("Place", (t.text(place),)) if place else None,
        Line("Part of", (t.link(parent),), searched=False) if parent else None,
        Line(
            "Agreements",
            (t.text(plural(agreements, "agreement") + " with a milestone here"),),
            anchor="agreements-at-this-event",
        )
        if agreements
        else Line("Agreements", (t.text("none signed at this ceremony itself"),), anchor="agreements-at-this-event")
        if signing_ceremony
        else None,
        Line("Sectors", (t.links(sectors),), searched=False) if sectors else None,
        Line("Year", (t.text(e.when.year),), page=year_path(e.when.year)),
        count_line(e),
    )


def person(
    p: Person,
    country: Organisation | None,
    offices: Sequence[tuple[str, Organisation | None]],
    signed: int,
    involved: Sequence[tuple[str, int]],
) -> Summary:
    """``offices``: each role's title and organisation, once; ``involved``: how many records of
    each kind (its singular noun: "event") name them, beside the agreements they signed."""
    records = [plural(signed, "agreement") + " signed"] if signed else []
    records += [plural(n, noun) for noun, n in involved if n]
    return lines(
        Line("Country", (t.link(country),), searched=False) if country else None,
        Line(
            "Offices",
            tuple(
                t.Cell((t.Part(title), *((t.Part(", "), t.Part(org.label, org)) if org else ())))
                for title, org in offices
            ),
        )
        if offices
        else None,
        Line("Records", (t.text(", ".join(records)),)) if records else None,
        count_line(p),
    )


def organisation(
    o: Organisation, country: Organisation | None, parent: Organisation | None, agreements: int
) -> Summary:
    """``agreements``: how many agreements it is a party to."""
    return lines(
        Line("Kind", (t.text(label(o.kind, "organisation.kind")),)),
        Line("Country", (t.link(country),), searched=False) if country else None,
        Line("Part of", (t.link(parent),), searched=False) if parent else None,
        Line("Agreements", (t.text(f"party to {plural(agreements, 'agreement')}"),), anchor="party-to")
        if agreements
        else None,
        count_line(o),
    )


def source(s: Source, publisher: Organisation | None, issuers: Sequence[Organisation], facts: int) -> Summary:
    """``facts``: how many facts of the dataset cite it."""
    if s.undated:
        date = t.date(f"undated (implied: {s.date})", s.date, s.derived) if s.date else t.text("undated")
    elif s.date:
        date = t.date(str(s.date), s.date, s.derived)
    else:
        date = t.text("the document carries no date")
    return lines(
        Line("Title", (t.text(s.title),)),
        Line("Publisher", (t.link(publisher) if publisher else t.text("not named in the document"),))
        if publisher or not issuers
        else None,
        Line("Issued by", (t.links(issuers),)) if issuers else None,
        Line("Author", (t.text(s.author),)) if s.author else None,
        Line("Date", (date,)),
        Line("Kind", (t.text(label(s.kind, "source.kind")),)),
        Line("Original", (t.text(s.url),), href=s.url) if s.url else None,
        Line("Cited by", (t.text(plural(facts, "fact")),), searched=False, anchor="every-fact-citing-this-source")
        if facts
        else None,
    )
