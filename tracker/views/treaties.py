"""``/treaties/`` (``treaties.md.j2``): the treaty register.

Every treaty and binding agreement between the two states, with its life (signed, ratified,
in force, in effect, amended, ended, replaced), each step dated at its precision and cited;
then the multilateral agreements both states are party to, a row per agreement and state, each
with that state's own steps (milestones whose ``parties`` name it, or name no one).

Which agreements: those of a binding kind (models.TREATY_KINDS: not memoranda, statements,
arrangements or contracts) that are not context records. Two parties, both states: bilateral;
more parties, the two states among them: multilateral. The two states are those of the
bilateral treaties.

Whether each is in force on a day (the build's) is worked out here from the data, never
stated by it: entered into force on or before that day (its own milestone, or the state's),
not ended on or before it, and not replaced by an agreement in force by then (a ``replaces``
relation). Where a date's precision leaves the day open, or no entry into force is recorded,
the answer is that it is not known. Each answer carries its reasoning, which pages show
behind the derived mark.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ..dates import PartialDate, when
from ..kinds import label
from ..marks import milestone_accounts
from ..models import TREATY_KINDS, Agreement, Milestone, Organisation, Relation
from . import table as t
from .base import Index, first_date

# The steps of a treaty's life, in the order the register shows them, each the milestones of
# one or more types: a column of its table and a field of its published rows.
LIFE: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("signed", "Signed", ("signed",)),
    ("ratified", "Ratified", ("ratified", "legal-procedures-completed")),
    ("entered_into_force", "Entered into force", ("entered-into-force",)),
    ("effective_from", "Has effect from", ("effective-from",)),
    ("amended", "Amended", ("amended",)),
    ("ended", "Ended", ("terminated",)),
)
# A multilateral agreement's talks, for the state joining it by accession.
TALKS = ("negotiations-launched", "negotiations-concluded")

# What the register answers, for an agreement on a day: its label (a filter's value).
IN_FORCE_LABELS = {
    "in-force": "In force",
    "not-yet": "Not yet in force",
    "ended": "Ended",
    "replaced": "Replaced",
    "not-known": "Not known",
}


@dataclass(frozen=True)
class InForce:
    """Whether an agreement was in force on a day, as worked out from the data, and why."""

    value: str  # a key of IN_FORCE_LABELS
    reason: str  # how it was worked out: shown behind the derived mark

    @property
    def label(self) -> str:
        return IN_FORCE_LABELS[self.value]


@dataclass(frozen=True)
class Linked:
    """A relation of the register's: the other agreement, worded from this one's side."""

    label: str  # "Replaces", "Replaced by", "Revises", "Revised by"
    agreement: Agreement
    relation: Relation
    outgoing: bool  # held by this agreement (it replaces the other), not by the other

    @property
    def key(self) -> str:
        """The field of the published rows naming it: "replaces", "replaced_by" …"""
        return self.relation.type if self.outgoing else INVERSE_KEYS[self.relation.type]


@dataclass(frozen=True)
class TreatyRow:
    """One treaty (or, multilateral, one state's part in an agreement) and its life."""

    agreement: Agreement
    party: Organisation | None  # multilateral: the state whose steps these are
    steps: dict[str, list[Milestone]]  # by LIFE's keys, and "talks"
    links: list[Linked]
    in_force: InForce


@dataclass(frozen=True)
class Listed:
    """A table as ``common.j2``'s ``list_table`` shows it whole: the table and its rows."""

    table: t.Table

    @property
    def rows(self) -> list[t.Row]:
        return self.table.rows


@dataclass(frozen=True)
class TreatiesView:
    on: date  # the day "in force" is worked out for: the build's
    partners: list[Organisation]  # the two states
    bilateral: list[TreatyRow]
    multilateral: list[TreatyRow]
    table: t.Table
    multilateral_table: t.Table

    @property
    def on_label(self) -> str:
        return str(_day(self.on))

    @property
    def listing(self) -> Listed:
        return Listed(self.table)

    @property
    def multilateral_listing(self) -> Listed:
        return Listed(self.multilateral_table)


# -- which agreements --------------------------------------------------------------------------


def is_state(ix: Index, organisation_id: str) -> bool:
    return ix.organisations[organisation_id].kind == "state"


def bilateral(ix: Index) -> list[Agreement]:
    """Binding agreements between two states, oldest first (context records left out)."""
    found = [
        a
        for a in ix.agreements.values()
        if a.kind in TREATY_KINDS
        and not a.context
        and len(set(a.parties)) == 2
        and all(is_state(ix, p) for p in a.parties)
    ]
    return sorted(found, key=first_date)


def partners(ix: Index, treaties: Iterable[Agreement]) -> list[Organisation]:
    """The states the bilateral treaties are between, in the order the data first names them."""
    ids = dict.fromkeys(p for a in treaties for p in a.parties)
    return [ix.organisations[i] for i in ids]


def multilateral(ix: Index, states: list[Organisation]) -> list[Agreement]:
    """Binding agreements of more than two parties to which every one of ``states`` is party."""
    if not states:
        return []
    wanted = {s.id for s in states}
    found = [
        a
        for a in ix.agreements.values()
        if a.kind in TREATY_KINDS and not a.context and len(set(a.parties)) > 2 and wanted <= set(a.parties)
    ]
    return sorted(found, key=first_date)


# -- in force on a day -------------------------------------------------------------------------


def _day(on: date) -> PartialDate:
    return PartialDate(on.year, on.month, on.day)


def _at(m: Milestone) -> str:
    """A step's date with its preposition: "on 7 June 2026", "in January 2021", "by 2006"."""
    if m.date is None:
        return f"by {m.by}"
    return f"{'on' if m.date.precision == 'day' else 'in'} {m.date}"


def _whose(party: Organisation | None) -> str:
    return f" for {party.short_name or party.name}" if party else ""


def _surely_by(m: Milestone, day: PartialDate) -> bool:
    """The step had surely been taken on ``day``: every day its date may stand for (a "by"
    date: its bound) is no later."""
    return m.when.latest <= day.earliest


def _surely_after(m: Milestone, day: PartialDate) -> bool:
    """The step was surely not yet taken on ``day`` (a "by" date never is: it may be earlier)."""
    return m.date is not None and m.when.earliest > day.latest


def own_steps(a: Agreement, party: Organisation | None, kinds: Iterable[str]) -> list[Milestone]:
    """The agreement's milestones of these kinds, in date order: for a multilateral agreement,
    a state's (those naming it, or no one); for a treaty, all of them."""
    wanted = set(kinds)
    steps = [m for m in a.milestones if m.type in wanted and (party is None or m.concerns(party.id))]
    return sorted(steps, key=lambda m: m.when)


def replacing(ix: Index, a: Agreement) -> list[tuple[Agreement, Relation]]:
    """The agreements recorded as replacing ``a`` (its ``replaces`` relations, read backwards)."""
    return [(other, r) for other, r in ix.referring(a, Agreement, "relations", "agreement") if r.type == "replaces"]


def in_force(ix: Index, a: Agreement, on: date, party: Organisation | None = None) -> InForce:
    """Whether ``a`` was in force on ``on`` (for ``party``, in a multilateral agreement), worked
    out from its milestones and the agreements replacing it, with the reasoning."""
    day, whose = _day(on), _whose(party)
    starts = own_steps(a, party, ("entered-into-force",))
    began = f"It entered into force{whose} {_at(starts[0])}; " if starts else ""
    ended = own_steps(a, party, ("terminated",))
    for m in ended:
        if _surely_by(m, day):
            end = f"it ended{whose} {_at(m)}, on or before {day}."
            return InForce("ended", began + end if began else end[0].upper() + end[1:])
    for other, _ in replacing(ix, a):
        start = next(iter(own_steps(other, None, ("entered-into-force",))), None)
        if start is not None and _surely_by(start, day):
            return InForce(
                "replaced",
                f"{began}{other.name}, which replaces it, entered into force {_at(start)}, on or before {day}.",
            )
    if not starts:
        return InForce(
            "not-known",
            f"No entry into force{whose} is recorded: the documents cited give no date for it, so"
            f" whether it was in force on {day} cannot be worked out.",
        )
    first = starts[0]
    open_end = next((m for m in ended if not _surely_after(m, day)), None)
    if open_end is not None:
        return InForce(
            "not-known",
            f"It ended{whose} {_at(open_end)}, a date that leaves open whether it had ended by {day}.",
        )
    if _surely_by(first, day):
        return InForce(
            "in-force",
            f"It entered into force{whose} {_at(first)}, on or before {day}; no step recorded"
            " ends it, and no agreement recorded here replaces it.",
        )
    if _surely_after(first, day):
        return InForce("not-yet", f"It is recorded to enter into force{whose} {_at(first)}, after {day}.")
    return InForce(
        "not-known",
        f"It entered into force{whose} {_at(first)}, a date that leaves open whether it had done so by {day}.",
    )


# -- the rows --------------------------------------------------------------------------------

# The relations the register shows, both ways; read backwards, as the published rows name them.
SHOWN_RELATIONS = ("replaces", "revises")
INVERSE_KEYS = {"replaces": "replaced_by", "revises": "revised_by"}


def links(ix: Index, a: Agreement) -> list[Linked]:
    out = [
        Linked(label(r.type, "relation.type"), ix.agreements[r.agreement], r, True)
        for r in a.relations
        if r.type in SHOWN_RELATIONS
    ]
    out += [
        Linked(label(r.type, "relation.type.inverse"), other, r, False)
        for other, r in ix.referring(a, Agreement, "relations", "agreement")
        if r.type in SHOWN_RELATIONS
    ]
    return out


def row(ix: Index, a: Agreement, on: date, party: Organisation | None = None) -> TreatyRow:
    steps = {key: own_steps(a, party, types) for key, _, types in LIFE}
    if party is not None:
        steps["talks"] = own_steps(a, party, TALKS)
    return TreatyRow(a, party, steps, links(ix, a) if party is None else [], in_force(ix, a, on, party))


# -- the tables ------------------------------------------------------------------------------


def _party_names(ix: Index, m: Milestone) -> str:
    return ", ".join(ix.organisations[p].short_name or ix.organisations[p].name for p in m.parties)


def steps_cell(ix: Index, a: Agreement, steps: list[Milestone], main: str, party: bool = True) -> t.Cell:
    """Steps as one cell: each date at its precision, the kind of step where it is not the
    column's (``main``), whose step it is where not every party's (``party``), and the marks
    of a date worked out or given differently by the documents."""
    if not steps:
        return t.Cell()
    shown = []
    for m in steps:
        notes = [label(m.type, "milestone.type")] if m.type != main else []
        if party and m.parties:
            notes.append(_party_names(ix, m))
        shown.append(when(m) + (f" ({'; '.join(notes)})" if notes else ""))
    derived = " ".join(m.derived for m in steps if m.derived)
    accounts = next(filter(None, (milestone_accounts(a, m) for m in steps)), None)
    return t.date("; ".join(shown), steps[0].when, derived, accounts, cite=(s for m in steps for s in m.cite))


def links_cell(found: list[Linked]) -> t.Cell:
    parts: list[t.Part] = []
    for link in found:
        if parts:
            parts.append(t.Part("; "))
        parts += [t.Part(f"{link.label} "), t.Part(link.agreement.label, link.agreement)]
    return t.Cell(tuple(parts), cite=tuple(dict.fromkeys(s for link in found for s in link.relation.cite)))


def in_force_cell(answer: InForce) -> t.Cell:
    return t.Cell((t.Part(answer.label),), derived=answer.reason, keys=((answer.value, answer.label),))


def _table_row(ix: Index, r: TreatyRow) -> t.Row:
    cells = (
        t.link(r.agreement),
        in_force_cell(r.in_force),
        t.text(label(r.agreement.kind, "agreement.kind"), r.agreement.kind),
        *(steps_cell(ix, r.agreement, r.steps[key], types[0]) for key, _, types in LIFE),
        links_cell(r.links),
    )
    return t.Row(r.agreement, cells, t.UNDATED)


def _multilateral_row(ix: Index, r: TreatyRow) -> t.Row:
    assert r.party is not None
    cells = (
        t.link(r.agreement),
        t.link(r.party),
        in_force_cell(r.in_force),
        steps_cell(ix, r.agreement, r.steps["signed"], "signed", party=False),
        steps_cell(ix, r.agreement, r.steps["talks"], "", party=False),
        steps_cell(ix, r.agreement, r.steps["entered_into_force"], "entered-into-force", party=False),
    )
    return t.Row(r.agreement, cells, t.UNDATED)


def in_force_heading(on: date) -> str:
    return f"In force on {_day(on)}"


def treaties(ix: Index, on: date) -> TreatiesView:
    two = bilateral(ix)
    states = [s for s in partners(ix, two) if s.kind == "state"]
    rows = [row(ix, a, on) for a in two]
    joined = [row(ix, a, on, state) for a in multilateral(ix, states) for state in states]
    heading = in_force_heading(on)
    table = t.Table(
        "agreements",
        "treaties",
        t.columns(
            ["Treaty", heading, "Kind", *(name for _, name, _ in LIFE), "Replaced or revised"],
            [heading, "Kind", "Signed", "Entered into force"],
            # Named in the address apart from the day the heading gives, which changes daily.
            params={heading: "in-force"},
        ),
        [_table_row(ix, r) for r in rows],
        "",  # never split by year: a register is short
    )
    multilateral_table = t.Table(
        "agreements",
        "memberships",
        t.columns(["Agreement", "Party", heading, "Signed", "Accession talks", "Entered into force for it"], []),
        [_multilateral_row(ix, r) for r in joined],
        "",
    )
    return TreatiesView(on, states, rows, joined, table, multilateral_table)
