"""``/sources/<id>/`` (``source.md.j2``, each cited fact through ``fact.md.j2``) and the
index ``/sources/`` (``sources.md.j2``)."""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import PartialDate
from ..models import COLLECTIONS, Organisation, Record, Source
from .base import Fact, Index


@dataclass(frozen=True)
class RecordFacts:
    """The facts of one record that cite the source, in the record's order."""

    record: Record
    facts: list[Fact]


@dataclass(frozen=True)
class FactGroup:
    heading: str
    records: list[RecordFacts]


@dataclass(frozen=True)
class SourceView:
    record: Source
    publisher: Organisation | None
    reprint_of: Organisation | None  # whose text the document reprints
    issuers: list[Organisation]
    attributes_to: list[Organisation]
    groups: list[FactGroup]
    count: int


@dataclass(frozen=True)
class SourceCount:
    source: Source
    count: int


@dataclass(frozen=True)
class SourcesView:
    sources: list[SourceCount]


def source(ix: Index, source_id: str) -> SourceView:
    """Every fact citing the source, by collection (in COLLECTIONS' order), then by record."""
    facts = ix.cited_by(source_id)
    grouped: dict[str, dict[int, RecordFacts]] = {c: {} for c in COLLECTIONS}
    for fact in facts:
        record = fact.record
        grouped[record.collection].setdefault(id(record), RecordFacts(record, [])).facts.append(fact)
    s = ix.sources[source_id]
    return SourceView(
        record=s,
        publisher=ix.organisations[s.publisher] if s.publisher else None,
        reprint_of=ix.organisations[s.reprint_of] if s.reprint_of else None,
        issuers=ix.records(Organisation, s.issuers),
        attributes_to=ix.records(Organisation, s.attributes_to),
        groups=[FactGroup(COLLECTIONS[c].heading, list(records.values())) for c, records in grouped.items() if records],
        count=len(facts),
    )


def sources(ix: Index) -> SourcesView:
    ordered = sorted(ix.sources.values(), key=lambda s: (s.date or PartialDate(9999), s.title))
    return SourcesView([SourceCount(s, len(ix.cited_by(s.id))) for s in ordered])
