"""The dataset's version (tracker/version.py) and the published files that carry it: the same
data gives the same version wherever and whenever it is built, any change to the data gives
another, and every file says which version it holds, under clear field names."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
from datetime import date
from pathlib import Path

import feedparser
import pytest
from conftest import FIXTURE_DATA
from icalendar import Calendar

from tracker import export, history
from tracker.dataset import Dataset
from tracker.load import load
from tracker.models import COLLECTIONS
from tracker.queries import Queries
from tracker.version import DatasetVersion, content_hash

SITE_URL = "https://tracker.example.org/"


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load(FIXTURE_DATA)


@pytest.fixture(scope="module")
def published(data: Dataset) -> dict[str, str | bytes]:
    return export.files(Queries(data), SITE_URL, history=history.read(FIXTURE_DATA))


def test_a_version_is_twelve_hexadecimal_digits_with_the_build_date_beside_it(data: Dataset) -> None:
    found = content_hash(data)
    assert len(found) == 12
    assert int(found, 16) >= 0
    version = DatasetVersion(found, date(2026, 12, 7))
    assert version.label == f"{found} (built 2026-12-07)"


def test_the_same_data_gives_the_same_version_wherever_and_whenever_it_is_read(
    data: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another folder, other file times, another build time, another extension, comments and
    blank lines: no fact changed, so neither does the version."""
    copy = tmp_path / "elsewhere" / "data"
    shutil.copytree(FIXTURE_DATA, copy)
    for path in sorted(copy.glob("*/*.yml")):
        os.utime(path, (1_000_000_000, 1_000_000_000))
    accord = copy / "agreements" / "harbour-accord.yml"
    accord.write_text(accord.read_text(encoding="utf-8") + "\n# a comment changes no fact\n\n", encoding="utf-8")
    sector = copy / "sectors" / "harbours.yml"
    sector.rename(sector.with_suffix(".yaml"))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1000000000")
    assert content_hash(load(copy)) == content_hash(data)
    assert export.dataset_version(load(copy)).id == content_hash(data)


def test_the_version_does_not_depend_on_the_order_records_were_read_in(data: Dataset) -> None:
    reordered = Dataset(**{c: dict(reversed(list(data[c].items()))) for c in reversed(data.collections)})
    assert [list(reordered[c]) for c in COLLECTIONS] != [list(data[c]) for c in COLLECTIONS]
    assert content_hash(reordered) == content_hash(data)


def edits(data: Dataset) -> dict[str, Dataset]:
    """Each kind of change to the data: a field of one record of each collection edited, a
    record removed, a record added, an id renamed."""
    out: dict[str, Dataset] = {}
    tables = {c: dict(data[c]) for c in data.collections}
    for collection in COLLECTIONS:
        if not tables[collection]:
            continue
        first_id, first = next(iter(tables[collection].items()))
        field = "summary" if "summary" in type(first).model_fields else "name"
        edited = first.model_copy(update={field: f"{getattr(first, field)} (edited)"})
        out[f"{collection}: {field} edited"] = Dataset(
            **(tables | {collection: {**tables[collection], first_id: edited}})
        )
        rest = {k: v for k, v in tables[collection].items() if k != first_id}
        out[f"{collection}: {first_id} removed"] = Dataset(**(tables | {collection: rest}))
        added = first.model_copy(update={"id": f"{first_id}-copy"})
        out[f"{collection}: a record added"] = Dataset(
            **(tables | {collection: {**tables[collection], added.id: added}})
        )
        renamed = first.model_copy(update={"id": f"{first_id}-renamed"})
        out[f"{collection}: {first_id} renamed"] = Dataset(**(tables | {collection: {**rest, renamed.id: renamed}}))
    return out


def test_any_change_to_the_data_changes_the_version(data: Dataset) -> None:
    before = content_hash(data)
    changed = edits(data)
    assert len(changed) >= 4 * len([c for c in COLLECTIONS if data[c]])
    versions = {what: content_hash(d) for what, d in changed.items()}
    assert [what for what, v in versions.items() if v == before] == []
    # Each edit gives a version of its own.
    assert len(set(versions.values())) == len(versions)


def test_a_file_edited_on_disk_changes_the_version(data: Dataset, tmp_path: Path) -> None:
    copy = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, copy)
    accord = copy / "agreements" / "harbour-accord.yml"
    text = accord.read_text(encoding="utf-8")
    assert "2021-06-14" in text
    accord.write_text(text.replace("2021-06-14", "2021-06-15", 1), encoding="utf-8")
    assert content_hash(load(copy)) != content_hash(data)


# -- every published file carries it ----------------------------------------------------------------


def test_every_published_file_carries_the_version(published: dict[str, str | bytes], data: Dataset) -> None:
    version = export.dataset_version(data)
    checked = set()
    for path, content in published.items():
        text = content.decode("utf-8") if isinstance(content, bytes) else content
        if path.startswith(f"{export.API}/schema/"):
            continue  # the schemas follow from the code, not the data
        if path.endswith(".json"):
            body = json.loads(text)
            assert (body["dataset_version"], body["build_date"]) == (version.id, version.built.isoformat()), path
        elif path.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline="")))
            assert rows[0][-1] == "dataset_version", path
            assert {row[-1] for row in rows[1:]} <= {version.id}, path
            assert not any(line.startswith("#") for line in text.removeprefix("\ufeff").splitlines()), path
        elif path == "calendar.ics":
            cal = Calendar.from_ical(content)
            assert version.label in str(cal["X-WR-CALDESC"])
        elif path == "feed.xml":
            assert version.label in feedparser.parse(content).feed.subtitle
        else:
            raise AssertionError(f"a published file not checked: {path}")
        checked.add(path.rpartition(".")[2])
    assert checked == {"json", "csv", "ics", "xml"}


# -- field names and columns ----------------------------------------------------------------------------


def test_records_name_their_page_and_a_source_its_document_apart(published: dict[str, str | bytes], data) -> None:
    everything = json.loads(published[f"{export.API}/all.json"])
    for collection in COLLECTIONS:
        for record in everything[collection]:
            assert "url" not in record, (collection, record["id"])
            assert record["page_url"] == f"{SITE_URL}{collection}/{record['id']}/"
    sources = {r["id"]: r for r in everything["sources"]}
    assert any(s.url for s in data.sources.values())
    for source in data.sources.values():
        assert sources[source.id]["original_url"] == source.url
    schema = json.loads(published[f"{export.API}/schema/api.json"])
    for collection in COLLECTIONS:
        props = schema["$defs"][collection]["properties"]
        assert "url" not in props
        assert "page_url" in props
    assert "original_url" in schema["$defs"]["sources"]["properties"]
    # The other files that name a page name it page_url, in their JSON and their CSV.
    for path in (f"{export.API}/treaties.csv", f"{export.API}/milestones.csv"):
        header = next(csv.reader(io.StringIO(str(published[path]).removeprefix("\ufeff"))))
        assert "page_url" in header, path
        assert "url" not in header, path


def test_csvs_leave_out_the_site_s_own_columns(published: dict[str, str | bytes]) -> None:
    for path, content in published.items():
        if not path.endswith(".csv"):
            continue
        header = next(csv.reader(io.StringIO(str(content).removeprefix("\ufeff"))))
        assert set(header) & set(export.CSV_LEFT_OUT) == set(), path
        assert "url" not in header, path
        assert len(header) == len(set(header)), path
    sources = next(csv.reader(io.StringIO(str(published[f"{export.API}/sources.csv"]).removeprefix("\ufeff"))))
    # What a reader of the sources needs stays: the document's own address among them.
    assert {"id", "page_url", "original_url", "title", "publisher", "date", "summary"} <= set(sources)


# -- the Data page's list -------------------------------------------------------------------------------


def test_the_data_page_s_list_gives_each_file_s_true_size_and_columns(published: dict[str, str | bytes]) -> None:
    listed = export.downloads(published)
    paths = [d.path for d in listed]
    assert paths == sorted(paths)
    for name in ("all.json", "milestones.csv", "treaties.csv"):
        assert f"{export.API}/{name}" in paths
    for collection in COLLECTIONS:
        assert {f"{export.API}/{collection}.csv", f"{export.API}/{collection}.json"} <= set(paths)
    assert {"calendar.ics", "feed.xml"} <= set(paths)
    for d in listed:
        content = published[d.path]
        raw = content if isinstance(content, bytes) else content.encode("utf-8")
        assert d.size == len(raw), d.path
        if d.path.endswith(".csv"):
            assert list(d.columns) == next(csv.reader(io.StringIO(raw.decode("utf-8-sig")))), d.path
        elif d.format == "JSON":
            assert list(d.columns) == list(json.loads(raw)), d.path


@pytest.mark.parametrize(
    ("size", "label"),
    [(0, "0 bytes"), (999, "999 bytes"), (1000, "1.0 kB"), (14_240, "14.2 kB"), (999_949, "999.9 kB"),
     (999_950, "1.0 MB"), (1_300_000, "1.3 MB")],
)  # fmt: skip
def test_sizes_are_written_as_browsers_write_them(size: int, label: str) -> None:
    assert export.Download("x.csv", size, "CSV", ()).size_label == label


def test_the_calendar_s_subscription_address_follows_the_site_s() -> None:
    assert export.calendar_links("https://tracker.example.org/") == (
        "webcal://tracker.example.org/calendar.ics",
        "https://tracker.example.org/calendar.ics",
    )
    assert export.calendar_links("https://example.org/tracker/")[0] == "webcal://example.org/tracker/calendar.ics"


# -- what changed between versions ------------------------------------------------------------------------


def test_the_history_lists_what_each_commit_did_to_which_records(data: Dataset) -> None:
    log = (
        "\0" + "2026-03-02 " + "a" * 40 + "\n\nA\tagreements/new-accord.yml\nM\tevents/harbour-talks.yml\n"
        "M\tschema/agreements.json\nD\tsectors/gone.yaml\n"
        "\0" + "2025-01-01 " + "b" * 40 + "\n\nM\tREADME.md\n"
        "\0" + "2024-01-01 " + "c" * 40 + "\n\nA\tagreements/harbour-accord.yml\n"
    )
    found = history.parse(log)
    assert found.in_git
    # A commit that changed no record is not one; the others keep their order, newest first.
    assert [(c.date.iso, c.commit) for c in found.commits] == [("2026-03-02", "a" * 12), ("2024-01-01", "c" * 12)]
    assert found.commits[0].changes == (
        ("added", "agreements", "new-accord"),
        ("changed", "events", "harbour-talks"),
        ("removed", "sectors", "gone"),
    )
    listed = history.changes(found, data)
    records = [(ch.what, ch.id, ch.record is not None) for ch in listed[0][1]]
    assert records == [("added", "new-accord", False), ("changed", "harbour-talks", True), ("removed", "gone", False)]


def test_outside_git_there_is_no_history_to_list(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    outside = history.read(tmp_path / "data")
    assert (outside.in_git, outside.commits) == (False, ())
