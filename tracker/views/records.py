"""Pages of any kind of record, for kinds without a view of their own (a kind added by
registering its model: CONTRIBUTING.md, "Adding a kind of record"). Its templates ask
``q.record("<collection>", page.meta.record)`` and ``q.index("<collection>")``."""

from __future__ import annotations

from dataclasses import dataclass

from ..kinds import Entry
from ..models import Figure, Record
from .base import Index


@dataclass(frozen=True)
class RecordView:
    record: Record
    figures: list[Figure]  # what record.md.j2 lists by default; figures name only some kinds
    entries: list[Entry]  # its dated entries (those its kind gives the timeline), in date order


@dataclass(frozen=True)
class IndexView:
    """A collection's records, by name."""

    records: list[Record]


def record(ix: Index, collection: str, record_id: str) -> RecordView:
    record = ix.data[collection][record_id]
    return RecordView(
        record, ix.figures_about[collection, record_id], ix.entries_by_record.get((collection, record_id), [])
    )


def index(ix: Index, collection: str) -> IndexView:
    return IndexView(sorted(ix.data[collection].values(), key=lambda r: r.label.lower()))
