"""Loading data/: every kind of bad input gets a message naming the file, line and column."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from tracker import load as load_module
from tracker.dates import PartialDate
from tracker.load import DataError, load
from tracker.models import COLLECTIONS

SOURCE = """\
title: A test source
kind: news-report
date: 2024-05-06
file: test.txt
summary: A source for the tests.
"""

ORGS = {
    "land-a": "name: Landa\nkind: state\ncite: [src]\n",
    "land-b": "name: Landb\nkind: state\ncite: [src]\n",
}

AGREEMENT = """\
name: Test accord
kind: mou
parties: [land-a, land-b]
status:
  value: signed
  as_of: 2024-05
  cite: [src]
milestones:
  - type: signed
    date: 2024-05
    cite: [src]
summary: An accord for the tests.
cite: [src]
"""


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Messages name files relative to where the command runs, as `make validate` does."""
    monkeypatch.chdir(tmp_path)


def write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def file_name(key: str) -> str:
    """``agreements__accord`` → ``agreements/accord.yml``; ``…__yaml`` keeps that extension."""
    *parts, last = key.split("__")
    return "/".join(parts) + ".yaml" if last == "yaml" else "/".join([*parts, last]) + ".yml"


def dataset(tmp_path: Path, **extra: str) -> Path:
    """A small valid data folder, with the files given added or replaced."""
    files = {"sources/src.yml": SOURCE, "agreements/accord.yml": AGREEMENT}
    files |= {f"organisations/{k}.yml": v for k, v in ORGS.items()}
    files |= {file_name(k): v for k, v in extra.items()}
    return write(tmp_path / "data", {k: v for k, v in files.items() if v is not None})


def problems(tmp_path: Path, **extra: str) -> list[str]:
    with pytest.raises(DataError) as caught:
        load(dataset(tmp_path, **extra))
    return [str(p) for p in caught.value.problems]


def test_valid_data_loads_into_typed_records(tmp_path: Path) -> None:
    data = load(dataset(tmp_path))
    accord = data.agreements["accord"]
    assert accord.id == "accord"
    assert accord.milestones[0].date == PartialDate(2024, 5)
    assert str(accord.milestones[0].date) == "May 2024"
    assert data.sources["src"].date.precision == "day"
    assert len(data) == 4


def test_libyaml_is_used_when_available() -> None:
    assert issubclass(load_module.Loader, yaml.CSafeLoader)


def test_yaml_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    bad = AGREEMENT.replace("name: Test accord", "name: [Test accord")
    found = problems(tmp_path, agreements__accord=bad)
    assert len(found) == 1
    assert found[0].startswith("data/agreements/accord.yml:2:5: YAML syntax error:")


def test_unknown_key_suggests_the_closest(tmp_path: Path) -> None:
    bad = AGREEMENT.replace("summary:", "sumary:")
    assert problems(tmp_path, agreements__accord=bad) == [
        "data/agreements/accord.yml:1:1: missing required key 'summary'",
        "data/agreements/accord.yml:12:1: unknown key 'sumary' (did you mean 'summary'?)",
    ]


def test_unknown_key_in_a_nested_item(tmp_path: Path) -> None:
    bad = AGREEMENT.replace("  - type: signed\n", "  - type: signed\n    plase: Seoul\n")
    assert problems(tmp_path, agreements__accord=bad) == [
        "data/agreements/accord.yml:10:5: unknown key 'plase' (did you mean 'place'?)"
    ]


def test_missing_required_key(tmp_path: Path) -> None:
    bad = AGREEMENT.replace("kind: mou\n", "")
    assert problems(tmp_path, agreements__accord=bad) == ["data/agreements/accord.yml:1:1: missing required key 'kind'"]


def test_missing_key_in_nested_item_points_at_the_item(tmp_path: Path) -> None:
    bad = AGREEMENT.replace("    date: 2024-05\n    cite: [src]\n", "    date: 2024-05\n")
    assert problems(tmp_path, agreements__accord=bad) == ["data/agreements/accord.yml:9:5: missing required key 'cite'"]


def test_wrong_types(tmp_path: Path) -> None:
    bad = AGREEMENT.replace("parties: [land-a, land-b]", "parties: land-a").replace(
        "summary: An accord for the tests.", "summary: [a, list]"
    )
    assert problems(tmp_path, agreements__accord=bad) == [
        "data/agreements/accord.yml:3:10: 'parties' should be a list, not text",
        "data/agreements/accord.yml:12:10: 'summary' should be text, not a list",
    ]


def test_empty_value_and_empty_list(tmp_path: Path) -> None:
    bad = AGREEMENT.replace("summary: An accord for the tests.", "summary:").replace("cite: [src]\n", "cite: []\n")
    found = problems(tmp_path, agreements__accord=bad)
    assert "data/agreements/accord.yml:12:9: 'summary' is empty" in found
    assert "data/agreements/accord.yml:13:7: 'cite' needs at least one entry" in found


def test_unknown_choice_lists_the_choices(tmp_path: Path) -> None:
    bad = AGREEMENT.replace("kind: mou", "kind: moe")
    (message,) = problems(tmp_path, agreements__accord=bad)
    assert message.startswith(
        "data/agreements/accord.yml:2:7: 'moe' is not a known kind (did you mean 'mou'?); expected one of: "
    )
    assert "free-trade-agreement" in message


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2023-02-30", "'2023-02-30' is not a real date: February 2023 has 28 days"),
        ("2024-13", "'2024-13' is not a real date: there is no month 13"),
        ("21 May 2024", "'21 May 2024' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD"),
        ("true", "should be a date (YYYY, YYYY-MM or YYYY-MM-DD), not true/false"),
    ],
)
def test_impossible_or_malformed_dates(tmp_path: Path, written: str, message: str) -> None:
    bad = AGREEMENT.replace("    date: 2024-05", f"    date: {written}")
    assert problems(tmp_path, agreements__accord=bad) == [f"data/agreements/accord.yml:10:11: {message}"]


def test_dates_keep_the_precision_written() -> None:
    assert [str(PartialDate.parse(d)) for d in ("2006", "2006-03", "2022-11-21")] == [
        "2006",
        "March 2006",
        "21 November 2022",
    ]
    assert PartialDate.parse(2006).precision == "year"


def test_duplicate_id_across_extensions(tmp_path: Path) -> None:
    assert problems(tmp_path, agreements__accord__yaml=AGREEMENT) == [
        "data/agreements/accord.yml:1:1: duplicate id 'accord': data/agreements/accord.yaml has it too"
    ]


def test_duplicate_key_in_one_file(tmp_path: Path) -> None:
    bad = AGREEMENT + "name: Again\n"
    assert problems(tmp_path, agreements__accord=bad) == ["data/agreements/accord.yml:14:1: duplicate key 'name'"]


def test_unknown_reference_suggests_the_closest_id(tmp_path: Path) -> None:
    bad = AGREEMENT.replace("parties: [land-a, land-b]", "parties: [land-a, land-c]").replace(
        "cite: [src]\n", "cite: [scr]\n", 1
    )
    assert problems(tmp_path, agreements__accord=bad) == [
        "data/agreements/accord.yml:3:19: unknown organisation 'land-c' (did you mean 'land-b'?)",
        "data/agreements/accord.yml:7:10: unknown source 'scr' (did you mean 'src'?)",
    ]


def test_reference_with_no_close_match(tmp_path: Path) -> None:
    bad = AGREEMENT.replace("parties: [land-a, land-b]", "parties: [land-a, zzzzzz]")
    assert problems(tmp_path, agreements__accord=bad) == [
        "data/agreements/accord.yml:3:19: unknown organisation 'zzzzzz'"
    ]


def test_record_may_not_refer_to_itself(tmp_path: Path) -> None:
    bad = AGREEMENT.replace(
        "summary:", "relations:\n  - type: upgrades\n    agreement: accord\n    cite: [src]\nsummary:"
    )
    assert problems(tmp_path, agreements__accord=bad) == [
        "data/agreements/accord.yml:14:16: 'accord' refers to this record itself"
    ]


def test_milestones_out_of_order(tmp_path: Path) -> None:
    bad = AGREEMENT.replace("summary:", "  - type: entered-into-force\n    date: 2023\n    cite: [src]\nsummary:")
    assert problems(tmp_path, agreements__accord=bad) == [
        "data/agreements/accord.yml:13:11: milestone 'entered-into-force' (2023) is dated before 'signed' (May 2024)"
    ]


def test_milestones_of_overlapping_precision_are_not_out_of_order(tmp_path: Path) -> None:
    fine = AGREEMENT.replace("summary:", "  - type: entered-into-force\n    date: 2024\n    cite: [src]\nsummary:")
    assert load(dataset(tmp_path, agreements__accord=fine)).agreements["accord"].milestones[1].date.iso == "2024"


def test_milestone_needs_exactly_one_date(tmp_path: Path) -> None:
    bad = AGREEMENT.replace("    date: 2024-05\n", "    date: 2024-05\n    by: 2024-06\n")
    assert problems(tmp_path, agreements__accord=bad) == [
        "data/agreements/accord.yml:9:5: a milestone needs exactly one of 'date' or 'by'"
    ]


def test_end_before_start(tmp_path: Path) -> None:
    event = "name: Talks\nkind: meeting\ndate: 2024-05-06\nend: 2024-05-01\nsummary: Talks.\ncite: [src]\n"
    assert problems(tmp_path, events__talks=event) == [
        "data/events/talks.yml:4:6: 'end' (1 May 2024) is before the start (6 May 2024)"
    ]


def test_id_key_is_refused(tmp_path: Path) -> None:
    assert problems(tmp_path, agreements__accord="id: other\n" + AGREEMENT) == [
        "data/agreements/accord.yml:1:1: remove 'id': a record's id is its file name"
    ]


def test_bad_file_names_and_folders(tmp_path: Path) -> None:
    found = problems(tmp_path, agreements__Bad_Name=AGREEMENT, agreement__typo=AGREEMENT, loose=SOURCE)
    collections = ", ".join(COLLECTIONS)
    assert found == [
        "data/agreement/typo.yml:1:1: records go in data/<collection>/, and 'agreement/' is not one "
        f"(did you mean 'agreements'?); collections: {collections}",
        "data/agreements/Bad_Name.yml:1:1: 'Bad_Name' is not a valid id for a file name: "
        "use lowercase letters, digits and single hyphens",
        f"data/loose.yml:1:1: records go in data/<collection>/, and the top of data/ is not one; "
        f"collections: {collections}",
    ]


def test_empty_file_and_non_mapping(tmp_path: Path) -> None:
    assert problems(tmp_path, sectors__empty="", sectors__listed="- a\n- b\n") == [
        "data/sectors/empty.yml:1:1: the file is empty",
        "data/sectors/listed.yml:1:1: a record must be a mapping of keys to values, not a list",
    ]


def test_not_utf8(tmp_path: Path) -> None:
    root = dataset(tmp_path)
    (root / "sectors").mkdir()
    (root / "sectors" / "latin.yml").write_bytes("name: caf\xe9\n".encode("latin-1"))
    with pytest.raises(DataError) as caught:
        load(root)
    assert str(caught.value.problems[0]).endswith(
        "data/sectors/latin.yml:1:1: not UTF-8 text (invalid continuation byte)"
    )


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    found = problems(
        tmp_path,
        agreements__accord=AGREEMENT.replace("kind: mou", "kind: moe"),
        sectors__one="name: One\ncite: [src]\n",
        events__two="name: [broken\n",
    )
    assert [f.split(":")[0] for f in found] == [
        "data/agreements/accord.yml",
        "data/events/two.yml",
        "data/sectors/one.yml",
    ]
    with pytest.raises(DataError) as caught:
        load(
            dataset(
                tmp_path / "again",
                agreements__accord=AGREEMENT.replace("kind: mou", "kind: moe"),
                sectors__one="name: One\ncite: [src]\n",
            )
        )
    assert str(caught.value).startswith("2 problems in the data:\n")


def test_missing_data_folder(tmp_path: Path) -> None:
    with pytest.raises(DataError, match="the data folder does not exist"):
        load(tmp_path / "nowhere")


def test_a_reference_to_a_broken_record_is_not_reported_again(tmp_path: Path) -> None:
    # The accord names land-b as a party; land-b's file is there but unreadable. That is the
    # one problem to fix, not also an "unknown organisation" in the accord.
    found = problems(tmp_path, **{"organisations__land-b": "name: [Landb\n"})
    assert len(found) == 1
    assert found[0].startswith("data/organisations/land-b.yml:2:1: YAML syntax error")


def test_date_spans_are_written_once() -> None:
    from tracker.dates import PartialDate as D

    assert D.parse("2024-10-07").to(D.parse("2024-10-09")) == "7 to 9 October 2024"
    assert D.parse("2024-09-30").to(D.parse("2024-10-02")) == "30 September to 2 October 2024"
    assert D.parse("2024-12-30").to(D.parse("2025-01-02")) == "30 December 2024 to 2 January 2025"
    assert D.parse("2024-10-07").to(None) == "7 October 2024"


EVENT = """\
name: Test talks
kind: meeting
{when}
summary: Talks for the tests.
cite: [src]
"""


def test_event_dates_a_range_or_a_bound(tmp_path: Path) -> None:
    data = load(dataset(tmp_path, events__talks=EVENT.format(when="date: 2024-10-07\nend: 2024-10-09")))
    assert data.events["talks"].date.to(data.events["talks"].end) == "7 to 9 October 2024"
    bound = load(dataset(tmp_path, events__talks=EVENT.format(when="by: 2024-10")))
    assert bound.events["talks"].when == PartialDate(2024, 10)
    both = problems(tmp_path, events__talks=EVENT.format(when="date: 2024-10\nby: 2024-11"))
    assert len(both) == 1
    assert "exactly one of 'date' or 'by'" in both[0]


def test_a_source_publisher_is_an_organisation(tmp_path: Path) -> None:
    found = problems(tmp_path, sources__src=SOURCE + "publisher: gazette\n")
    assert len(found) == 1
    assert "unknown organisation 'gazette'" in found[0]
    undated = problems(tmp_path, sources__src=SOURCE.replace("date: 2024-05-06\n", "undated: true\ndate: 2024\n"))
    assert "needs 'derived'" in undated[0]


def test_a_bad_file_name_is_not_called_an_id(tmp_path: Path) -> None:
    # The pattern of `file:` is not an id's: the message names what a file name may hold.
    found = problems(tmp_path, sources__src=SOURCE.replace("file: test.txt", "file: bad name.txt"))
    assert found == [
        "data/sources/src.yml:4:7: 'bad name.txt' is not a file name: "
        "use letters, digits, dots, hyphens and underscores"
    ]
