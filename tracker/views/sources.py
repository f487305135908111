"""``/sources/<id>/`` (``source.md.j2``, each cited fact through ``fact.md.j2``) and the
index ``/sources/`` (``sources.md.j2``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ..dates import PartialDate, written
from ..kinds import kind, label
from ..models import COLLECTIONS, Organisation, Record, Source, Statement
from . import summary as sm
from . import table as t
from .base import Fact, Index, MilestoneFact, StatementFact

# How a fact on a source page stands to that source:
#   own      the fact rests on this source alone: its value is what this document says;
#   account  the record keeps this document's own account of the fact (a milestone's
#            per-document statement): the page shows that, not the value merged from all;
#   shared   the value rests on this source together with others, which may give it more
#            precisely: the page says so.
Version = Literal["own", "account", "shared"]


@dataclass(frozen=True)
class Said:
    """One fact as the source page shows it: in the version and at the precision this source
    gives, where the record keeps that apart."""

    fact: Fact
    version: Version
    accounts: list[Statement]  # this source's own accounts of the fact
    others: int  # how many other sources the fact's recorded value cites
    cited: bool = True  # the recorded value cites this source (not only its account)

    @property
    def kind(self) -> str:
        return self.fact.kind


def said(fact: Fact, source_id: str, milestone_accounts: list[Statement] | None = None) -> Said:
    """The fact as ``source_id`` gives it: its own accounts first, else the value, saying
    whether other sources share it."""
    cite: list[str] = getattr(getattr(fact, fact.kind), "cite", [])
    others = len(set(cite) - {source_id})
    own = [a for a in (milestone_accounts or []) if source_id in a.cite]
    if own:
        return Said(fact, "account", own, others, source_id in cite)
    return Said(fact, "shared" if others else "own", [], others)


@dataclass(frozen=True)
class RecordFacts:
    """The facts of one record that cite the source, in the record's order."""

    record: Record
    facts: list[Said]


@dataclass(frozen=True)
class FactGroup:
    heading: str
    records: list[RecordFacts]


@dataclass(frozen=True)
class SourceView:
    record: Source
    summary: sm.Summary  # the box at the top of its page
    publisher: Organisation | None
    reprint_of: Organisation | None  # whose text the document reprints
    issuers: list[Organisation]
    attributes_to: list[Organisation]
    groups: list[FactGroup]
    count: int


def fact_count(ix: Index, source_id: str) -> int:
    """How many facts ``facts_of`` lists, without writing them out (the sources index counts
    them for every source; writing each out took 0.3 s of every build at 10,000 records)."""
    held = ix.accounts
    count = 0
    shown: set[int] = set()
    for fact in ix.cited_by(source_id):
        if isinstance(fact, StatementFact) and id(fact.statement) in held:
            milestone = held[id(fact.statement)][1]
        elif isinstance(fact, MilestoneFact):
            milestone = fact.milestone
        else:
            count += 1
            continue
        if id(milestone) not in shown:
            shown.add(id(milestone))
            count += 1
    return count


def facts_of(ix: Index, source_id: str) -> list[Said]:
    """Every fact citing the source, each once: a milestone's account citing it is shown as
    that milestone, in this source's words, where the milestone itself comes."""
    held = ix.accounts
    out: list[Said] = []
    shown: set[int] = set()
    for fact in ix.cited_by(source_id):
        if isinstance(fact, StatementFact) and id(fact.statement) in held:
            record, milestone = held[id(fact.statement)]
            fact = MilestoneFact(record, milestone)
        if isinstance(fact, MilestoneFact):
            if id(fact.milestone) in shown:
                continue
            shown.add(id(fact.milestone))
            out.append(said(fact, source_id, fact.milestone.accounts))
        else:
            out.append(said(fact, source_id))
    return out


@dataclass(frozen=True)
class SourceCount:
    source: Source
    count: int


@dataclass(frozen=True)
class SourcesView:
    sources: list[SourceCount]


def source(ix: Index, source_id: str) -> SourceView:
    """Every fact citing the source, by collection (in COLLECTIONS' order), then by record."""
    facts = facts_of(ix, source_id)
    grouped: dict[str, dict[int, RecordFacts]] = {c: {} for c in COLLECTIONS}
    for fact in facts:
        record = fact.fact.record
        grouped[record.collection].setdefault(id(record), RecordFacts(record, [])).facts.append(fact)
    s = ix.sources[source_id]
    publisher = ix.organisations[s.publisher] if s.publisher else None
    issuers = ix.records(Organisation, s.issuers)
    return SourceView(
        record=s,
        summary=sm.source(s, publisher, issuers, len(facts)),
        publisher=publisher,
        reprint_of=ix.organisations[s.reprint_of] if s.reprint_of else None,
        issuers=issuers,
        attributes_to=ix.records(Organisation, s.attributes_to),
        groups=[FactGroup(kind(c).heading, list(records.values())) for c, records in grouped.items() if records],
        count=len(facts),
    )


def sources(ix: Index) -> SourcesView:
    ordered = sorted(ix.sources.values(), key=lambda s: (s.date or PartialDate(9999), s.title))
    return SourcesView([SourceCount(s, fact_count(ix, s.id)) for s in ordered])


def _dated(s: Source) -> t.Cell:
    if s.date is None:
        return t.text("undated")
    shown = written(s.date)
    return t.date(f"undated (implied: {shown})" if s.undated else shown, s.date, s.derived)


def _row(ix: Index, s: Source, count: int) -> t.Row:
    publisher = t.link(ix.organisations[s.publisher]) if s.publisher else t.Cell()
    cells = (_dated(s), t.link(s), t.text(label(s.kind, "source.kind"), s.kind), publisher, t.text(count))
    return t.Row(s, cells, t.group_of(s.date))


def table(ix: Index) -> t.Table:
    """The index's table: one row per source, by the year of its date (implied, where the
    document carries none)."""
    rows = [_row(ix, r.source, r.count) for r in sources(ix).sources]
    return t.Table(
        "sources",
        "sources",
        t.columns(["Date", "Source", "Kind", "Publisher", "Facts citing it"], ["Date", "Kind", "Publisher"]),
        rows,
        "by the year of each document's date (implied, for an undated one)",
    )
