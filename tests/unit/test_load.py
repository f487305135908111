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
    (root / "sectors" / "latin.yml").write_bytes("summary: A sector.\nname: caf\xe9\n".encode("latin-1"))
    with pytest.raises(DataError) as caught:
        load(root)
    # Placed where the byte is: line 2, column 10 (byte 29 of the file).
    assert str(caught.value.problems[0]).endswith(
        "data/sectors/latin.yml:2:10: not UTF-8 text at byte 29 (E9: invalid continuation byte): save the file as UTF-8"
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


def test_every_problem_of_a_file_is_reported_in_one_run(tmp_path: Path) -> None:
    # A control character, an alias, a key nested too deep, an unknown key and a wrong kind:
    # none of them stops the file being checked for the others.
    deep = "".join(f"{'  ' * i}k{i}:\n" for i in range(40)) + "  " * 40 + "end\n"
    bad = (
        AGREEMENT.replace("name: Test accord", 'name: "Test\\x01accord"')
        .replace("kind: mou", "kind: moe")
        .replace("parties: [land-a, land-b]", "parties: &p [land-a, land-b]\nsigned_by: *p")
        + deep
    )
    found = problems(tmp_path, agreements__accord=bad)
    assert (
        "data/agreements/accord.yml:1:7: remove the control character U+0001 at character 5: text may not hold it"
        in found
    )
    assert (
        "data/agreements/accord.yml:3:10: anchors and aliases (&name, *name) are not allowed in data files:"
        " write the value out"
    ) in found
    assert any(p.startswith("data/agreements/accord.yml:2:7: 'moe' is not a known kind") for p in found)
    assert "data/agreements/accord.yml:4:1: unknown key 'signed_by'" in found
    assert any("nested more than 32 levels deep" in p for p in found)
    assert "data/agreements/accord.yml:15:1: unknown key 'k0'" in found


def test_a_value_is_echoed_escaped_so_that_each_problem_is_one_line(tmp_path: Path) -> None:
    bad = AGREEMENT.replace("kind: mou", 'kind: "m\\nou\\u202e"').replace("summary:", '"sum\\u2028mary":')
    found = problems(tmp_path, agreements__accord=bad)
    assert any(p.startswith("data/agreements/accord.yml:2:7: 'm\\nou\\u202e' is not a known kind") for p in found)
    assert "data/agreements/accord.yml:12:1: unknown key 'sum\\u2028mary' (did you mean 'summary'?)" in found
    assert all(p.isprintable() for p in found)
    # A long value is cut short: the message stays a line a person can read.
    long = problems(tmp_path, agreements__accord=AGREEMENT.replace("kind: mou", f"kind: {'x' * 5000}"))
    assert len(long[0]) < 600


def test_non_utf8_bytes_and_raw_nul_bytes_are_placed_where_they_are(tmp_path: Path) -> None:
    root = dataset(tmp_path)
    (root / "sectors").mkdir()
    (root / "sectors" / "nul.yml").write_bytes(b"name: Ports\nsummary: Sea\x00ports\ncite: [src]\n")
    (root / "sectors" / "mixed.yml").write_bytes(b"name: Caf\xc3\xa9 \xc3\xa9\nsummary: Sea \xff ports\ncite: [src]\n")
    with pytest.raises(DataError) as caught:
        load(root)
    assert [str(p) for p in caught.value.problems] == [
        # Byte 29 of the file (each é is two bytes): line 2, column 14.
        "data/sectors/mixed.yml:2:14: not UTF-8 text at byte 29 (FF: invalid start byte): save the file as UTF-8",
        "data/sectors/nul.yml:2:13: remove the control character U+0000 at byte 25: text may not hold it",
    ]


def test_old_ids_are_checked_with_the_record_s_other_problems_each_where_it_is_written(tmp_path: Path) -> None:
    other = AGREEMENT.replace("name: Test accord", "name: Other accord\nrenamed_from: [old-accord, accord]")
    found = problems(
        tmp_path,
        # A problem of its own (an unknown kind) does not hold back the check of its old ids.
        agreements__accord=AGREEMENT.replace("kind: mou", "kind: moe").replace(
            "name: Test accord", "name: Test accord\nrenamed_from: [old-accord, '2024', undated, index, old-accord]"
        ),
        **{"agreements__other": other},
    )
    reserved = (
        "is the address of one of the site's own pages (reserved: 404, api, assets, index, schema, search,"
        " sitemap, undated, a four-digit year): an old address here would never be reached"
    )
    accord, other = "data/agreements/accord.yml", "data/agreements/other.yml"
    assert [p for p in found if "renamed_from" in p or "old address" in p or "own pages" in p] == [
        f"{accord}:2:16: 'old-accord' in renamed_from: {other} was renamed from it too",
        f"{accord}:2:28: '2024' {reserved}",
        f"{accord}:2:36: 'undated' {reserved}",
        f"{accord}:2:45: 'index' {reserved}",
        f"{accord}:2:52: 'old-accord' in renamed_from: {other} was renamed from it too",
        f"{other}:2:16: 'old-accord' in renamed_from: {accord} was renamed from it too",
        f"{other}:2:28: 'accord' is the id of a record in agreements: an old address cannot be a live one",
    ]
    assert any("'moe' is not a known kind" in p for p in found)


def test_an_old_id_listed_twice_by_one_record(tmp_path: Path) -> None:
    bad = AGREEMENT.replace("name: Test accord", "name: Test accord\nrenamed_from: [old, old]")
    assert problems(tmp_path, agreements__accord=bad) == [
        "data/agreements/accord.yml:2:16: 'old' in renamed_from: it is listed twice",
        "data/agreements/accord.yml:2:21: 'old' in renamed_from: it is listed twice",
    ]


def test_files_that_may_be_meant_as_records_are_reported_not_passed_over(tmp_path: Path) -> None:
    root = dataset(tmp_path)
    sectors = root / "sectors"
    sectors.mkdir()
    record = "name: Ports\nsummary: Ports.\ncite: [src]\n"
    for name in (
        "ports.yml",
        "ports.yml~",
        "#ports.yml#",
        "ports.yml.~2~",
        ".ports.yml.swp",
        ".#ports.yml",
        ".hidden.yml",
    ):
        (sectors / name).write_text(record)  # a record, and what editors keep beside it: fine
    for name in ("a.YML", "b.Yaml", "c.yml.txt", "d.yml.bak", "e.yaml~", "#f.yml#", "g.json", "README"):
        (sectors / name).write_text(record)
    (root / "schema").mkdir()
    (root / "schema" / "sectors.json").write_text("{}")  # outside the collections, not YAML: not ours
    (root / "notes.yml.txt").write_text(record)  # outside them, but named as YAML
    with pytest.raises(DataError) as caught:
        load(root)
    found = [str(p) for p in caught.value.problems]
    assert [p.split(":")[0] for p in found] == [
        "data/notes.yml.txt",
        "data/sectors/#f.yml#",
        "data/sectors/README",
        "data/sectors/a.YML",
        "data/sectors/b.Yaml",
        "data/sectors/c.yml.txt",
        "data/sectors/d.yml.bak",
        "data/sectors/e.yaml~",
        "data/sectors/g.json",
    ]
    assert (
        "data/sectors/a.YML:1:1: 'a.YML' is not read: a record's file name ends in .yml or .yaml, in lower case;"
        " rename it a.yml"
    ) in found
    assert (
        "data/sectors/c.yml.txt:1:1: 'c.yml.txt' is not read: a record's file name ends in .yml or .yaml,"
        " not '.yml.txt'; rename it c.yml, or move it out of data/ if it is a copy"
    ) in found
    assert (
        "data/sectors/g.json:1:1: 'g.json' is not read: a collection folder holds only records, each named <id>.yml;"
        " rename it, or move it out of data/"
    ) in found
    # The preview reads the data again when any of them comes or goes.
    stamped = {Path(p).name for p, _, _ in load_module.stamp(root)}
    assert {"a.YML", "g.json", "README", "notes.yml.txt", "ports.yml~"} <= stamped
    assert not {".ports.yml.swp", ".hidden.yml", "sectors.json"} & stamped


def test_an_id_longer_than_a_hundred_characters(tmp_path: Path) -> None:
    assert load(dataset(tmp_path, **{f"sectors__{'a' * 100}": "name: Long\nsummary: Long.\ncite: [src]\n"}))
    found = problems(tmp_path, **{f"sectors__{'a' * 101}": "name: Long\nsummary: Long.\ncite: [src]\n"})
    assert found == [
        f"data/sectors/{'a' * 101}.yml:1:1: the id (the file name without .yml) is 101 characters long:"
        " an id may have at most 100"
    ]


def test_a_sector_s_broader_sector_is_checked_like_every_reference(tmp_path: Path) -> None:
    """An unknown broader sector, and broader sectors that go round in a circle, are placed at
    the ``broader`` they are written in."""
    sector = "name: {name}\nbroader: {broader}\nsummary: A sector.\ncite: [src]\n"
    found = problems(
        tmp_path,
        sectors__nuclear=sector.format(name="Nuclear", broader="enrgy"),
        sectors__a=sector.format(name="A", broader="b"),
        sectors__b=sector.format(name="B", broader="a"),
    )
    assert any(p.startswith("data/sectors/nuclear.yml:2:10: unknown sector 'enrgy'") for p in found), found
    assert any(p.startswith("data/sectors/a.yml:2:10: 'b' leads back to this record") for p in found), found
    assert any(p.startswith("data/sectors/b.yml:2:10: 'a' leads back to this record") for p in found), found
    # A sector under a known one loads.
    ok = dataset(
        tmp_path / "ok",
        sectors__energy="name: Energy\nsummary: Energy.\ncite: [src]\n",
        sectors__nuclear=sector.format(name="Nuclear", broader="energy"),
    )
    assert load(ok).sectors["nuclear"].broader == "energy"
