"""The marks every view reads (tracker/marks.py), the history of the data files
(tracker/history.py) and the message a correction opens (tracker/corrections.py): no build."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import FIXTURE_DATA

from tracker import corrections, history
from tracker.dates import PartialDate
from tracker.load import DataError, load
from tracker.marks import account_count, figure_groups, gives, milestone_accounts
from tracker.models import Agreement, Figure, Milestone
from tracker.queries import Queries


def milestone(**fields: object) -> Milestone:
    return Milestone.model_validate({"type": "signed", "date": "2021", "cite": ["a"], **fields})


def figure(figure_id: str, **fields: object) -> Figure:
    base = {"name": figure_id, "kind": "count", "value": "1", "statement": "One.", "cite": ["a"]}
    return Figure.model_validate({**base, **fields, "id": figure_id})


@pytest.fixture(scope="module")
def q() -> Queries:
    return Queries(load(FIXTURE_DATA))


# -- accounts differ ------------------------------------------------------------------------------


def test_a_date_has_several_accounts_when_documents_give_it_separately() -> None:
    # The recorded value is an account of its own where a source it rests on gives no statement.
    assert account_count(milestone()) == 1
    assert account_count(milestone(accounts=[{"text": "Says 2021.", "cite": ["a"]}])) == 1
    assert account_count(milestone(accounts=[{"text": "Says 2020.", "cite": ["b"]}])) == 2
    two = [{"text": "Says 2021.", "cite": ["a"]}, {"text": "Says 2020.", "cite": ["b"]}]
    assert account_count(milestone(accounts=two)) == 2
    assert account_count(milestone(cite=["a", "c"], accounts=two)) == 3


def test_accounts_that_all_give_the_date_shown_agree_and_carry_no_mark() -> None:
    accord = Agreement.model_validate(
        {
            "id": "x",
            "name": "X",
            "kind": "mou",
            "parties": ["a"],
            "status": {"value": "signed", "as_of": "2021", "cite": ["a"]},
            "summary": "X.",
            "cite": ["a"],
            "milestones": [
                {
                    "type": "signed",
                    "date": "1979-11-06",
                    "cite": ["a"],
                    "accounts": [
                        {"text": "The database has it signed on 6 November 1979.", "cite": ["a"]},
                        {"text": "The order refers to it as dated 6 November 1979.", "cite": ["b"]},
                    ],
                },
                {
                    "type": "entered-into-force",
                    "date": "1981-02-11",
                    "cite": ["a"],
                    "accounts": [
                        {"text": "The database gives 11 February 1981.", "cite": ["a"]},
                        {"text": "The report says only that it took effect in 1981.", "cite": ["b"]},
                    ],
                },
                {
                    "type": "ratified",
                    "date": "1980-06",
                    "cite": ["a"],
                    "accounts": [
                        {"text": "One report gives June 1980.", "cite": ["a"]},
                        {"text": "Another gives 16 June 1980, not a month.", "cite": ["b"]},
                    ],
                },
            ],
        }
    )
    signed, in_force, ratified = accord.milestones
    assert account_count(signed) == 2
    assert milestone_accounts(accord, signed) is None  # both give 6 November 1979
    assert milestone_accounts(accord, in_force) is not None  # one gives the year only
    assert milestone_accounts(accord, ratified) is None  # 16 June 1980 is in June 1980: no conflict
    assert not gives("Another gives 16 June 1980.", "6 June 1980")


def test_the_accounts_mark_leads_to_the_milestone_s_row_and_its_entry(q: Queries) -> None:
    accord = q.data.of(Agreement)["harbour-accord"]
    marks = {m.type: milestone_accounts(accord, m) for m in accord.milestones}
    assert marks["entered-into-force"] is None  # one document, one account
    assert marks["negotiations-concluded"] is None
    signed = marks["signed"]
    assert signed is not None
    assert (signed.record, signed.anchor, signed.count, signed.what) == (accord, "milestone-2", 2, "date")
    assert signed.entry == "agreements-harbour-accord-milestone-2"
    assert "2 accounts" in signed.words
    # The entries of the timeline, the agreement's steps and the index's cells carry the same.
    (entry,) = [e for e in q.entries if e.record is accord and e.step == "signed"]
    assert entry.accounts == signed
    assert [s.accounts for s in q.agreement("harbour-accord").steps if s.milestone.type == "signed"] == [signed]
    row = next(r for r in q.table("agreements").rows if r.record is accord)
    assert row.cells[5].accounts == signed  # Signed
    assert row.cells[6].accounts is None  # In force


def test_figures_giving_one_thing_differently_are_one_group_whichever_names_the_other() -> None:
    figures = {
        "a": figure("a", other_accounts=["b"], as_of="2021"),
        "b": figure("b", as_of="2020"),
        "c": figure("c", other_accounts=["b"], as_of="2022"),
        "d": figure("d"),
    }
    groups = figure_groups(figures)
    assert set(groups) == {"a", "b", "c"}  # one side of a pair naming the other is enough
    assert [f.id for f in groups["a"]] == ["b", "a", "c"]  # by date
    assert groups["a"] is groups["c"]


def test_a_figure_is_not_another_account_of_itself() -> None:
    with pytest.raises(ValueError, match="not another account of itself"):
        figure("a", other_accounts=["a"])


def test_the_fixture_s_two_counts_are_marked_and_listed(q: Queries) -> None:
    count, release = q.data.figures["harbour-count"], q.data.figures["harbour-count-release"]
    for f, other in ((count, release), (release, count)):
        view = q.figure(f.id)
        assert view.accounts is not None
        assert (view.accounts.count, view.accounts.anchor) == (2, "other-accounts")
        assert view.others == [other]
    assert q.figure("harbour-dues-2020").accounts is None
    group = q.disagreements().figures
    assert [[f.id for f in g.figures] for g in group] == [["harbour-count", "harbour-count-release"]]
    assert [a.id for a in group[0].about] == ["harbour-accord"]


# -- derived --------------------------------------------------------------------------------------


def test_what_a_figure_s_reasoning_works_out() -> None:
    assert figure("a").derived_of == ()
    assert figure("a", derived="Why.", as_of="2021").derived_of == ("as_of",)
    assert figure("a", derived="Why.", reference_year="2020").derived_of == ("reference_year",)
    assert figure("a", derived="Why.").derived_of == ("value",)
    worked = figure("a", derived="Why.", as_of="2021", currency="USD", derived_fields=["currency"])
    assert worked.derived_of == ("currency",)
    with pytest.raises(ValueError, match="give 'derived' too"):
        figure("a", derived_fields=["currency"])


def test_the_derived_mark_sits_on_what_was_worked_out(q: Queries) -> None:
    dues = q.data.figures["harbour-dues-2020"]
    assert q.marks.figure_derived(dues, "currency") == dues.derived
    assert q.marks.figure_derived(dues, "as_of") is None
    row = next(r for r in q.table("figures").rows if r.record is dues)
    value, measures, as_of = row.cells[2:]
    assert (value.derived, measures.derived, as_of.derived) == (dues.derived, "", "")


# -- figures on the right shelf ------------------------------------------------------------------


def test_a_year_lists_the_figures_measuring_it_and_apart_those_reported_in_it(q: Queries) -> None:
    dues = q.data.figures["harbour-dues-2020"]  # measures 2020, stated in June 2021
    assert dues in q.year(2020).figures
    assert dues not in q.year(2021).figures
    assert dues in q.year(2021).reported
    assert q.year(2020).reported == []
    for year in q.year_numbers:
        for f in q.year(year).figures:
            assert (f.reference_year or f.as_of).year == year
        for f in q.year(year).reported:
            assert f.as_of.year == year != f.reference_year.year


# -- headings that say what the list holds ---------------------------------------------------------


def test_a_pair_possibly_the_same_is_listed_once_on_each_page(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    relation = "  - {type: possibly-same-as, agreement: %s, note: One or two., cite: [beta-release]}\n"
    mou = data / "agreements" / "harbour-mou.yml"
    mou.write_text(mou.read_text().replace("relations:\n", "relations:\n" + relation % "harbour-accord"))
    accord = data / "agreements" / "harbour-accord.yml"
    accord.write_text(accord.read_text() + "relations:\n" + relation % "harbour-mou")
    q = Queries(load(data))
    for one, other in (("harbour-accord", "harbour-mou"), ("harbour-mou", "harbour-accord")):
        view = q.agreement(one)
        same = [r for r in view.outgoing + view.incoming if r.relation.type == "possibly-same-as"]
        assert [r.agreement.id for r in same] == [other]
    assert [(p.first.id, p.second.id) for p in q.disagreements().same] == [("harbour-accord", "harbour-mou")]


def test_at_the_same_event_says_what_each_had_there(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    (data / "agreements" / "harbour-statement.yml").write_text(
        "name: Harbour statement\nkind: joint-statement\nparties: [land-a, land-b]\n"
        "status: {value: adopted, as_of: 2021-06-14, cite: [alpha-report]}\n"
        "milestones:\n  - {type: adopted, date: 2021-06-14, event: harbour-summit, cite: [alpha-report]}\n"
        "summary: Adopted at the summit.\ncite: [alpha-report]\n"
    )
    q = Queries(load(data))
    (same,) = q.agreement("harbour-accord").same_event
    steps = [(s.agreement.id, [m.type for m in s.milestones]) for s in same.steps]
    assert steps == [("harbour-statement", ["adopted"])]


def test_home_counts_say_which_context_records_they_leave_out(q: Queries) -> None:
    for n in q.home().counts:
        records = q.data[n.collection].values()
        assert n.count + n.context == len(records)
        assert n.context == sum(1 for r in records if getattr(r, "context", False))


# -- the history of the data files -----------------------------------------------------------------


def test_history_keeps_each_file_s_latest_commit() -> None:
    log = "\0" + "2026-03-02\n\nagreements/fta.yml\nevents/summit.yaml\n\0" + "2025-01-01\n\nagreements/fta.yml\n"
    log += "README.md\nschema/agreements.json\nagreements/nested/x.yml\n"
    found = history.parse(log)
    assert found.changed_on == {
        ("agreements", "fta"): PartialDate(2026, 3, 2),
        ("events", "summit"): PartialDate(2026, 3, 2),
    }


def test_history_is_read_with_one_git_call_and_is_empty_outside_git(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    outside = history.read(tmp_path / "data")
    assert outside.changed_on == {}
    assert outside.files[("agreements", "harbour-accord")] == "agreements/harbour-accord.yml"
    git = ["git", "-C", str(tmp_path), "-c", "user.name=T", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "data/agreements/harbour-accord.yml"], check=True)
    when = {"GIT_COMMITTER_DATE": "2024-05-06T12:00:00Z", "GIT_AUTHOR_DATE": "2024-05-06T12:00:00Z"}
    subprocess.run([*git, "commit", "-q", "-m", "x"], check=True, env={**os.environ, **when})
    inside = history.read(tmp_path / "data")
    assert inside.changed_on == {("agreements", "harbour-accord"): PartialDate(2024, 5, 6)}


# -- corrections ---------------------------------------------------------------------------------


def test_a_correction_names_the_record_in_a_message_or_an_issue(q: Queries) -> None:
    accord = q.data.agreements["harbour-accord"]
    page = "https://tracker.example.org/agreements/harbour-accord/"
    mail = urlsplit(corrections.href("mailto:fix@example.org", accord, page, "data/agreements/harbour-accord.yml"))
    assert (mail.scheme, mail.path) == ("mailto", "fix@example.org")
    fields = parse_qs(mail.query)
    assert fields["subject"] == ["Correction: Harbour Accord (agreements/harbour-accord)"]
    assert f"Page: {page}\n" in fields["body"][0]
    assert "Data file: data/agreements/harbour-accord.yml\n" in fields["body"][0]
    issue = corrections.href("https://example.org/issues/new?labels=data", accord, page)
    fields = parse_qs(urlsplit(issue).query)
    assert fields["labels"] == ["data"]
    assert fields["title"] == ["Correction: Harbour Accord (agreements/harbour-accord)"]
    # Every character of the record's title is percent-encoded: nothing in it can end the address.
    hostile = q.data.agreements["hostile-accord"]
    written = corrections.href("https://example.org/issues/new", hostile, page)
    assert not set(written.split("?", 1)[1]) & set(" <>\"'{}|\\^`")
    assert parse_qs(urlsplit(written).query)["title"] == [f"Correction: {hostile.name} (agreements/hostile-accord)"]


def test_the_data_file_s_edit_address() -> None:
    assert corrections.edit_base("https://github.com/o/r", "edit/main/docs/", 1) == "https://github.com/o/r/edit/main/"
    assert corrections.edit_base("https://github.com/o/r/", "edit/main/site/docs", 2) == (
        "https://github.com/o/r/edit/main/"
    )
    assert corrections.edit_base(None, "edit/main/docs/", 1) == ""
    target = corrections.Corrections("mailto:a@example.org", "https://github.com/o/r/edit/main/data/", "data")
    accord = load(FIXTURE_DATA).agreements["harbour-accord"]
    assert target.edit_link(accord) == "https://github.com/o/r/edit/main/data/agreements/harbour-accord.yml"
    assert target.data_file(accord) == "data/agreements/harbour-accord.yml"
    assert corrections.Corrections().edit_link(accord) == ""


def test_a_broken_other_accounts_reference_is_a_data_problem(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    count = data / "figures" / "harbour-count.yml"
    count.write_text(count.read_text() + "other_accounts: [harbour-cuont]\n")
    with pytest.raises(DataError, match="harbour-cuont"):
        load(data)
