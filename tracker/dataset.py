"""The validated dataset: every record by collection and id."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from .models import COLLECTIONS, Agreement, Event, Figure, Organisation, Person, Record, Sector, Source


@dataclass(frozen=True, eq=False)
class Dataset:
    agreements: dict[str, Agreement]
    events: dict[str, Event]
    sectors: dict[str, Sector]
    people: dict[str, Person]
    organisations: dict[str, Organisation]
    sources: dict[str, Source]
    figures: dict[str, Figure]

    @classmethod
    def empty(cls) -> Dataset:
        return cls(**{collection: {} for collection in COLLECTIONS})

    def __getitem__(self, collection: str) -> dict[str, Record]:
        return getattr(self, collection)

    def records(self) -> Iterator[Record]:
        for collection in COLLECTIONS:
            yield from self[collection].values()

    def __len__(self) -> int:
        return sum(1 for _ in self.records())
