"""The two marks a value carries wherever it is shown, worked out here and nowhere else.

- **derived**: the value is worked out from what a document says, not stated by it (a date
  counted back from "last year", a currency read from a comparison). The reasoning is the
  record's ``derived``; for a figure, :attr:`tracker.models.Figure.derived_of` says which of
  its values that reasoning works out (its date, the period it measures, its currency, its
  value), and the mark goes on that value only.
- **accounts differ**: the record keeps more than one document's account of the value, and
  they differ (a milestone's ``accounts``, where one of them does not give the date shown;
  figures that name each other in ``other_accounts``). The value shown is one of them; the
  record's page lists every one (:attr:`Accounts.anchor`), and the Disagreements page lists
  them all (tracker/views/disagreements.py).

Every view reads the marks from here (the entries of the timeline and the year pages carry
them, tracker/kinds.py's ``Entry``); pages draw them with one macro each (common.j2's
``derived`` and ``accounts``), and the feed, the calendar and the CSV say them in the words
below (tracker/export.py).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

from .dates import PartialDate, when
from .models import Agreement, Figure, Milestone, Record

# What the feed and the calendar say after a value worked out rather than stated, and after one
# the documents give differently.
DERIVED_WORDS = "worked out, not stated"
ACCOUNTS_WORDS = "accounts differ"


@dataclass(frozen=True)
class Accounts:
    """A value a record keeps more than one account of: how many, and where they all are (the
    fragment ``anchor`` of ``record``'s page)."""

    record: Record
    anchor: str  # "milestone-9": the row of the milestones table; "other-accounts" on a figure
    count: int  # the accounts the record keeps of it (2 or more)
    what: str  # what is given differently: "date", "value"

    @property
    def entry(self) -> str:
        """The id of the value's entry on the Disagreements page (``/disagreements/``)."""
        return f"{self.record.collection}-{self.record.id}-{self.anchor}"

    @property
    def explained(self) -> str:
        """The mark's explanation, in words of ours (no data text)."""
        if self.record.collection == Figure.collection:
            return (
                f"{self.count} figures, each from its own documents, give this {self.what} differently; the site"
                " keeps each, on a page of its own, as its documents give it, and prefers none."
            )
        return (
            f"The record keeps {self.count} accounts of this {self.what}, each citing its document; the"
            " site shows the one its own sources give."
        )

    @property
    def words(self) -> str:
        """The mark in words, for the feed, the calendar and the CSV."""
        return f"{ACCOUNTS_WORDS}: the documents give this {self.what} in {self.count} accounts"


def gives(statement: str, shown: str) -> bool:
    """Whether a document's statement gives the date as pages show it ("6 November 1979"), a
    date of its own in words: the same words, not inside a longer date or number."""
    text = " ".join(statement.split())
    return re.search(rf"(?<![\w-]){re.escape(shown)}(?![\w-])", text) is not None


def accounts_differ(m: Milestone) -> bool:
    """Whether the accounts of a milestone's date differ: some document's statement does not
    give the date shown (it gives another, or the same less precisely). Three documents each
    giving 6 November 1979 are several accounts that agree, and carry no mark."""
    shown = when(m).removeprefix("by ")
    return not all(gives(account.text, shown) for account in m.accounts)


def account_count(m: Milestone) -> int:
    """How many accounts of a milestone's date its record keeps: each document's statement
    (``accounts``), and the recorded value itself where it rests on a source no statement
    gives."""
    stated = {source for account in m.accounts for source in account.cite}
    return len(m.accounts) + (1 if set(m.cite) - stated else 0)


def milestone_anchor(position: int) -> str:
    """The fragment of the agreement's page where the milestone at ``position`` (in the
    data's order, from 0) is, with every account of it."""
    return f"milestone-{position + 1}"


def milestone_position(a: Agreement, m: Milestone) -> int:
    """Where ``m`` is among ``a``'s milestones (the very object: two may be equal)."""
    return next(i for i, x in enumerate(a.milestones) if x is m)


def milestone_accounts(a: Agreement, m: Milestone, position: int | None = None) -> Accounts | None:
    """The accounts mark of a milestone's date, where its record keeps more than one and they
    differ."""
    n = account_count(m)
    if n < 2 or not accounts_differ(m):
        return None
    at = milestone_position(a, m) if position is None else position
    return Accounts(a, milestone_anchor(at), n, "date")


# The anchor of a figure page's list of the other figures giving the same thing.
FIGURE_ANCHOR = "other-accounts"


def figure_groups(figures: Mapping[str, Figure]) -> dict[str, list[Figure]]:
    """Each figure named in an ``other_accounts`` (or naming others there), with every figure
    giving the same thing, itself included: ``other_accounts`` read both ways and followed
    from figure to figure, so that one side of a pair naming the other is enough. Each group
    is in date order, then by name."""
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for f in figures.values():
        for other in f.other_accounts:
            if other in figures and other != f.id:
                parent[root(f.id)] = root(other)
    members: dict[str, list[Figure]] = {}
    for x in parent:
        members.setdefault(root(x), []).append(figures[x])
    groups: dict[str, list[Figure]] = {}
    for group in members.values():
        ordered = sorted(group, key=lambda f: (f.as_of or f.reference_year or PartialDate(9999), f.name, f.id))
        for f in ordered:
            groups[f.id] = ordered
    return groups


class Marks:
    """The marks of one dataset's values; templates reach it as ``marks`` (the plugin sets it)."""

    def __init__(self, figures: Mapping[str, Figure]) -> None:
        self._figures = figures

    @cached_property
    def groups(self) -> dict[str, list[Figure]]:
        return figure_groups(self._figures)

    def milestone(self, a: Agreement, m: Milestone | None) -> Accounts | None:
        return milestone_accounts(a, m) if m is not None else None

    def figure(self, f: Figure) -> Accounts | None:
        """The accounts mark of a figure's value, where other figures give the same thing."""
        group = self.groups.get(f.id)
        return Accounts(f, FIGURE_ANCHOR, len(group), "value") if group else None

    def others(self, f: Figure) -> list[Figure]:
        """The other figures giving what ``f`` gives, in date order."""
        return [x for x in self.groups.get(f.id, []) if x.id != f.id]

    @staticmethod
    def figure_derived(f: Figure, field: str) -> str | None:
        """The reasoning behind a figure's ``field`` ("as_of", "currency" …), where its
        ``derived`` works that one out."""
        return f.derived if field in f.derived_of else None
