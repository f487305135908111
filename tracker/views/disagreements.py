"""``/disagreements/`` (``disagreements.md.j2``): every value the documents give differently.

Drawn from the data, never from a list kept by hand: each milestone whose record keeps more
than one account of its date, which differ, each set of figures giving the same thing differently (their
``other_accounts``), and each pair of agreements the documents leave open as one instrument
or two (``possibly-same-as``). Which values have several accounts is decided in
tracker/marks.py, which every other view's "accounts differ" mark reads too.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..dates import PartialDate
from ..marks import Accounts, milestone_accounts
from ..models import Agreement, Event, Figure, Milestone, Organisation, Record, Relation, Statement
from .base import Index


@dataclass(frozen=True)
class DateAccounts:
    """A milestone's date that the documents give differently: each account, and the date the
    site shows (the one the milestone's own sources give)."""

    agreement: Agreement
    milestone: Milestone
    mark: Accounts
    accounts: list[Statement]
    # The sources the date shown rests on, and whether one of them gives no account above
    # (the date shown is then one more account).
    recorded: list[str]
    unstated: bool


@dataclass(frozen=True)
class FigureAccounts:
    """Figures giving the same thing differently (a count of memoranda of one summit), each
    from its own document; the site prefers none."""

    figures: list[Figure]
    marks: list[Accounts]  # each figure's mark, in the same order
    about: list[Record]  # what they all concern: the events, agreements, organisations they share


@dataclass(frozen=True)
class PossiblySame:
    """Two agreements the documents leave open as one instrument or two, once per pair."""

    first: Agreement
    second: Agreement
    relations: list[Relation]  # as each record writes it (one or both)


@dataclass(frozen=True)
class DisagreementsView:
    dates: list[DateAccounts]
    figures: list[FigureAccounts]
    same: list[PossiblySame]

    @property
    def count(self) -> int:
        return len(self.dates) + len(self.figures) + len(self.same)


def disagreements(ix: Index) -> DisagreementsView:
    dates = []
    for a in ix.agreements.values():
        for at, m in enumerate(a.milestones):
            mark = milestone_accounts(a, m, at)
            if mark is not None:
                stated = {s for account in m.accounts for s in account.cite}
                dates.append(DateAccounts(a, m, mark, list(m.accounts), list(m.cite), bool(set(m.cite) - stated)))
    dates.sort(key=lambda d: (d.milestone.when, d.agreement.name.lower(), d.mark.anchor))
    figures = []
    seen: set[str] = set()
    for f in ix.figures.values():
        group = ix.marks.groups.get(f.id)
        if group is None or f.id in seen:
            continue
        seen.update(x.id for x in group)
        marks = [m for m in map(ix.marks.figure, group) if m is not None]
        figures.append(FigureAccounts(group, marks, _shared(ix, group)))
    figures.sort(
        key=lambda g: (g.figures[0].as_of or g.figures[0].reference_year or PartialDate(9999), g.figures[0].name)
    )
    return DisagreementsView(dates, figures, _possibly_same(ix))


def _shared(ix: Index, group: list[Figure]) -> list[Record]:
    """What every figure of a group is about: the events, then agreements, then organisations
    they all name (the first kind they share any of)."""
    for cls, field in ((Event, "events"), (Agreement, "agreements"), (Organisation, "organisations")):
        shared = [i for i in getattr(group[0], field) if all(i in getattr(f, field) for f in group[1:])]
        if shared:
            return list(ix.records(cls, shared))
    return []


def _possibly_same(ix: Index) -> list[PossiblySame]:
    pairs: dict[tuple[str, str], list[tuple[Agreement, Relation]]] = {}
    for a in ix.agreements.values():
        for r in a.relations:
            if r.type == "possibly-same-as":
                pairs.setdefault(tuple(sorted((a.id, r.agreement))), []).append((a, r))  # type: ignore[arg-type]
    found = [
        PossiblySame(ix.agreements[first], ix.agreements[second], [r for _, r in held])
        for (first, second), held in pairs.items()
    ]
    return sorted(found, key=lambda p: (p.first.name.lower(), p.second.name.lower()))
