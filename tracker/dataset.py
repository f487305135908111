"""The validated dataset: every record by collection and id.

Its collections are those of :data:`tracker.models.COLLECTIONS`, in that order: a kind of
record added there is loaded, paged, exported and counted without a change here.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, TypeVar, cast

from .models import COLLECTIONS, Record

R = TypeVar("R", bound=Record)


class Dataset:
    """Records by collection, then by id (in the order the files were read).

    ``data.of(Agreement)`` is the typed way in; ``data["agreements"]`` and
    ``data.agreements`` (what templates and tests write) give the same dictionary.
    Compared and hashed by identity: one loaded dataset is one key of the query cache.
    """

    __slots__ = ("_collections",)

    def __init__(self, **collections: dict[str, Record]) -> None:
        unknown = set(collections) - set(COLLECTIONS)
        if unknown:
            raise TypeError(f"not a collection: {', '.join(sorted(unknown))}; collections: {', '.join(COLLECTIONS)}")
        self._collections = {name: collections.get(name, {}) for name in COLLECTIONS}

    @classmethod
    def empty(cls) -> Dataset:
        return cls()

    def __getitem__(self, collection: str) -> dict[str, Record]:
        return self._collections[collection]

    def __getattr__(self, name: str) -> dict[str, Any]:
        # Only reached for names that are not attributes: a collection, or a mistake.
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self._collections[name]
        except KeyError:
            raise AttributeError(f"the dataset has no collection {name!r}") from None

    def of(self, cls: type[R]) -> dict[str, R]:
        """The records of one kind, typed as that kind."""
        return cast(dict[str, R], self._collections[cls.collection])

    @property
    def collections(self) -> list[str]:
        return list(self._collections)

    def records(self) -> Iterator[Record]:
        for table in self._collections.values():
            yield from table.values()

    def __len__(self) -> int:
        return sum(len(table) for table in self._collections.values())
