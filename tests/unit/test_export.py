"""The published data files, read back with real parsers and compared with the data.

Most tests read the files as tracker/export.py makes them, without a build; the build
tests at the end check that the site publishes exactly those files, and links to them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_DATA, ROOT
from icalendar import Calendar
from referencing import Registry, Resource

from tracker import export, history
from tracker.dataset import Dataset
from tracker.load import load
from tracker.queries import Queries

SITE_URL = "http://127.0.0.1:8000/"


Files = dict[str, str | bytes]


@pytest.fixture(scope="module")
def data():
    return load(FIXTURE_DATA)


@pytest.fixture(scope="module")
def published(data) -> Files:
    """Every published file, by its path in the site, as the build writes them."""
    return export.files(Queries(data), SITE_URL, history=history.read(FIXTURE_DATA))


def read_json(files: Files, path: str):
    return json.loads(files[path])


def api_validator(files: Files, definition: str | None = None) -> jsonschema.Draft202012Validator:
    schema = read_json(files, "api/v1/schema/api.json")
    registry = Registry().with_resource("api.json", Resource.from_contents(schema))
    target = {"$ref": f"api.json#/$defs/{definition}"} if definition else schema
    return jsonschema.Draft202012Validator(target, registry=registry, format_checker=jsonschema.FormatChecker())


def test_everything_file_matches_the_data_and_its_schema(published: Files, data) -> None:
    everything = read_json(published, "api/v1/all.json")
    api_validator(published).validate(everything)
    assert everything["schema_version"] == export.SCHEMA_VERSION
    assert everything["licence"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    for collection in export.COLLECTIONS:
        assert [r["id"] for r in everything[collection]] == list(data[collection])
    accord = next(r for r in everything["agreements"] if r["id"] == "harbour-accord")
    assert accord["page_url"] == SITE_URL + "agreements/harbour-accord/"
    assert "url" not in accord
    assert accord["status"] == {"value": "in-force", "as_of": "2022-02", "note": None, "cite": ["beta-release"]}
    assert [(m["type"], m["date"]) for m in accord["milestones"]] == [
        ("entered-into-force", "2022-02"),
        ("signed", "2021-06-14"),
        ("negotiations-concluded", "2020"),
    ]


def test_collection_and_record_files(published: Files, data) -> None:
    for collection in export.COLLECTIONS:
        body = read_json(published, f"api/v1/{collection}.json")
        api_validator(published, "collection_file").validate(body)
        record_schema = api_validator(published, collection)
        for record in body["records"]:
            record_schema.validate(record)
            # A record's own file is the record as its collection's file has it, and says
            # which version of the dataset it is from.
            own = read_json(published, f"{collection}/{record['id']}.json")
            record_schema.validate(own)
            version = {k: own.pop(k) for k in ("dataset_version", "build_date")}
            assert own == record
            assert version == {k: body[k] for k in version}
        assert len(body["records"]) == len(data[collection])


def series_paths(files: Files) -> list[str]:
    return sorted(p for p in files if p.startswith(f"{export.API}/series/") and p.endswith(".json"))


@pytest.mark.parametrize("folder", [FIXTURE_DATA, ROOT / "data"], ids=["fixture", "real"])
def test_series_files_validate_against_the_published_schema(published: Files, folder: Path) -> None:
    """Each /api/v1/series/<id>.json, on the fixture and the real data, matches api.json's
    'series_file'."""
    data = load(folder)
    files = export.series_files(Queries(data), SITE_URL)
    validator = api_validator(published, "series_file")
    paths = series_paths(files)
    assert paths == sorted(f"{export.API}/series/{i}.json" for i in data.series)
    for path in paths:
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(read_json(files, path))]
        assert errors == [], path


def test_the_series_schema_rejects_what_the_series_files_never_hold(published: Files) -> None:
    validator = api_validator(published, "series_file")
    good = read_json(published, series_paths(published)[0])
    assert good["points"], "the fixture's first series has points"
    assert validator.is_valid(good)

    def broken(change) -> dict:
        body = json.loads(json.dumps(good))
        change(body, body["points"][0])
        return body

    for change in (
        lambda b, p: p.update(value="6.1"),  # a number written as text
        lambda b, p: p.update(currency="EUR"),  # a currency no series has
        lambda b, p: p.update(date="2021-6"),  # not a date at a precision
        lambda b, p: p.update(precision="quarter"),
        lambda b, p: p.pop("documents_differ"),
        lambda b, p: p.update(documents_differ=["tonnage-2021-beta", "tonnage-2021-beta"]),
        lambda b, p: p.update(sources=[]),  # a point cites its documents
        lambda b, p: p.update(converted=True),  # no field beyond those documented
        lambda b, p: b["series"].update(currency="EUR"),
        lambda b, p: b.pop("licence"),
    ):
        assert not validator.is_valid(broken(change))


def test_data_files_validate_against_their_published_schema(published: Files) -> None:
    import yaml

    for collection in export.COLLECTIONS:
        schema = read_json(published, f"api/v1/schema/{collection}.json")
        validator = jsonschema.Draft202012Validator(schema)
        for path in sorted((FIXTURE_DATA / collection).glob("*.yml")):
            record = yaml.safe_load(path.read_text(encoding="utf-8"))
            # YAML reads an unquoted 2022-11-21 as a date; the data files hold it as written.
            record = json.loads(json.dumps(record, default=str))
            errors = [e.message for e in validator.iter_errors(record)]
            assert errors == [], path


def test_schema_rejects_what_the_loader_rejects(published: Files) -> None:
    validator = jsonschema.Draft202012Validator(read_json(published, "api/v1/schema/sectors.json"))
    assert not validator.is_valid({"name": "X", "summary": "Y", "cite": ["a"], "unknown": 1})
    assert not validator.is_valid({"name": "X", "summary": "Y", "cite": []})
    assert validator.is_valid({"name": "X", "summary": "Y", "cite": ["a"]})


def test_committed_schemas_match_the_models() -> None:
    """data/schema/ is what editors read; `make schema` rewrites it from tracker/models.py."""
    for name, text in export.schema_files().items():
        committed = ROOT / "data" / "schema" / name
        assert committed.read_text(encoding="utf-8") == text, f"{committed} is stale: run make schema"


def read_csv(files: Files, path: str) -> list[dict[str, str]]:
    text = files[path]
    assert isinstance(text, str)
    assert text.startswith("\ufeff"), "no byte-order mark: spreadsheets may misread UTF-8"
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_csv_has_one_row_per_record_and_documented_joins(published: Files, data) -> None:
    for collection in export.COLLECTIONS:
        rows = read_csv(published, f"api/v1/{collection}.csv")
        assert [r["id"] for r in rows] == list(data[collection])
    rows = {r["id"]: r for r in read_csv(published, "api/v1/agreements.csv")}
    accord = rows["harbour-accord"]
    assert accord["parties"] == "land-a; land-b"
    assert accord["status.value"] == "in-force"
    assert accord["status.as_of"] == "2022-02"
    assert json.loads(accord["signatories"])[0]["person"] == "quill-marlow"
    assert accord["context"] == "false"
    hostile = rows["hostile-accord"]
    assert hostile["name"] == "Hostile <b>Accord</b> {{ config }}"


def test_milestones_csv(published: Files) -> None:
    rows = read_csv(published, "api/v1/milestones.csv")
    signed = {(r["agreement"], r["type"]): r for r in rows}
    assert signed["harbour-accord", "signed"]["date"] == "2021-06-14"
    assert signed["harbour-accord", "signed"]["precision"] == "day"
    assert signed["harbour-accord", "negotiations-concluded"]["precision"] == "year"
    assert signed["harbour-mou", "signed"]["by"] == "2022-02"
    assert signed["harbour-mou", "signed"]["date"] == ""


# A formula behind characters nobody sees (white space, a zero-width space, the byte-order
# mark, a direction mark, a word joiner, a Hangul filler) or written full width: a program that
# drops those or reads ＝ as = finds a formula, so each is neutralised as a plain one is.
HIDDEN_FORMULAS = [
    '\u200b=HYPERLINK("https://evil.example/","x")',
    "\ufeff=1+1",
    "\u200e+1+1",
    "\u2060\u200b@SUM(A1)",
    " =1+1",
    "\u00a0-1+1",
    "\u3164=1",
    "\uff1d1+1",
    "\u200b\t=1",
    "\n=1",
    "=1",
    "\t1",
]
# Text that only looks like it might be one.
NOT_FORMULAS = ["Korea", "\u200bKorea", "1-2", "a=b", "'=quoted", "—dash", "\u2212 minus"]


def test_a_formula_behind_invisible_characters_is_neutralised(data) -> None:
    """Written through the CSV writer and read back with csv: every cell that could be read as
    a formula starts with an apostrophe and keeps the rest as it was; other text is untouched."""
    template = next(iter(data.sectors.values()))
    values = {f"cell-{i}": v for i, v in enumerate(HIDDEN_FORMULAS + NOT_FORMULAS)}
    sectors = {k: template.model_copy(update={"id": k, "name": v}) for k, v in values.items()}
    dataset = Dataset(**{c: dict(data[c]) for c in data.collections} | {"sectors": sectors})
    rows = {r["id"]: r["name"] for r in read_csv(export.csv_files(dataset, SITE_URL), "api/v1/sectors.csv")}
    assert rows == {k: ("'" + v if v in HIDDEN_FORMULAS else v) for k, v in values.items()}


def test_calendar_parses_and_keeps_precision_honest(published: Files) -> None:
    raw = published["calendar.ics"]
    cal = Calendar.from_ical(raw)
    events = {str(e["UID"]).split("@")[0]: e for e in cal.walk("VEVENT")}
    assert len(events) == 6  # two events and four milestones in the fixture data
    signed = events["agreements-harbour-accord-signed-2021-06-14"]
    # Its record keeps two accounts of its date, which the calendar says in words, and where
    # they are.
    assert signed["SUMMARY"] == "Harbour Accord: signed (accounts differ)"
    assert "the documents give this date in 2 accounts" in str(signed["DESCRIPTION"])
    assert SITE_URL + "agreements/harbour-accord/#milestone-2" in str(signed["DESCRIPTION"])
    assert signed.decoded("DTSTART").isoformat() == "2021-06-14"
    assert signed.decoded("DTEND").isoformat() == "2021-06-15"
    assert str(signed["URL"]) == SITE_URL + "agreements/harbour-accord/"
    month = events["agreements-harbour-accord-entered-into-force-2022-02"]
    assert (month.decoded("DTSTART").isoformat(), month.decoded("DTEND").isoformat()) == ("2022-02-01", "2022-03-01")
    assert "only the month" in str(month["DESCRIPTION"])
    year = events["agreements-harbour-accord-negotiations-concluded-2020"]
    assert (year.decoded("DTSTART").isoformat(), year.decoded("DTEND").isoformat()) == ("2020-01-01", "2021-01-01")
    # A year worked out is not one the sources give: the calendar says how it was worked out.
    assert year["SUMMARY"] == "Harbour Accord: negotiations concluded (date worked out, not stated)"
    assert "sources give only" not in str(year["DESCRIPTION"])
    assert "The date is worked out, not stated: Counted back" in str(year["DESCRIPTION"])
    bound = events["agreements-harbour-mou-signed-2022-02"]
    assert bound["SUMMARY"].endswith("(by this date)")
    assert bound.decoded("DTSTART").isoformat() == "2022-02-28"
    for event in events.values():
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert required in event


def test_calendar_passes_a_strict_parser(published: Files) -> None:
    """icalendar's own checks: every line folded to 75 octets, CRLF line ends, no errors."""
    raw = published["calendar.ics"]
    assert isinstance(raw, bytes)
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")
    cal = Calendar.from_ical(raw)
    assert [c.errors for c in cal.walk() if getattr(c, "errors", None)] == []


def test_atom_feed(published: Files) -> None:
    parsed = feedparser.parse(published["feed.xml"])
    assert not parsed.bozo, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.title.startswith("Korea–Singapore Partnership Tracker")
    titles = [e.title for e in parsed.entries]
    assert titles[0] == "Memorandum on harbour pilots: signed (by this date)"
    assert titles[-1] == "Harbour Accord: negotiations concluded (date worked out, not stated)"
    assert "The date is worked out, not stated: Counted back" in parsed.entries[-1].summary
    assert parsed.entries[1].link == SITE_URL + "agreements/harbour-accord/"
    dates = [e.updated_parsed for e in parsed.entries]
    assert dates == sorted(dates, reverse=True)


def test_data_page_documents_every_file_and_field(fixture_site: Path) -> None:
    page = BeautifulSoup((fixture_site / "data/index.html").read_text(), "html.parser").select_one("article")
    text = page.get_text(" ", strip=True)
    for name in ("all.json", "milestones.csv", "calendar.ics", "feed.xml", "api.json", "Licence"):
        assert name in text
    for field in ("milestones", "signatories", "as_of", "accounts"):
        assert page.find("code", string=field), field


def test_every_data_file_points_editors_at_its_schema() -> None:
    for path in sorted((ROOT / "data").glob("*/*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first == f"# yaml-language-server: $schema=../schema/{path.parent.name}.json", path


# -- in the built site ------------------------------------------------------------------------


def test_the_site_publishes_exactly_these_files(fixture_site: Path, published: Files) -> None:
    for path, content in published.items():
        built = (fixture_site / path).read_bytes()
        expected = content if isinstance(content, bytes) else content.encode("utf-8")
        if path == "calendar.ics":  # stamped with the time it was made (SOURCE_DATE_EPOCH aside)
            built, expected = (
                b"\r\n".join(x for x in f.split(b"\r\n") if not x.startswith(b"DTSTAMP")) for f in (built, expected)
            )
        assert built == expected, path
    api = {p.relative_to(fixture_site).as_posix() for p in (fixture_site / export.API).rglob("*") if p.is_file()}
    assert api == {p for p in published if p.startswith(f"{export.API}/")}


def test_every_record_page_links_to_its_json(fixture_site: Path) -> None:
    page = BeautifulSoup((fixture_site / "people/quill-marlow/index.html").read_text(), "html.parser")
    link = page.select_one("article .tk-data a")
    assert link.get_text() == "JSON"
    assert link["href"] == "../quill-marlow.json"
    assert (fixture_site / "people/quill-marlow.json").exists()


# -- the calendar, written by tracker.export, against icalendar's own writing -------------------


def icalendar_calendar(queries: Queries, site_url: str) -> bytes:
    """The same events as icalendar writes them: the reference tracker.export's writer must match."""
    from urllib.parse import urlsplit

    from icalendar import Event

    cal = Calendar()
    cal.add("prodid", "-//Korea-Singapore Partnership Tracker//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Korea–Singapore Partnership Tracker")
    cal.add("x-wr-caldesc", export.calendar_description(export.dataset_version(queries.data)))
    host = urlsplit(site_url).hostname or "localhost"
    for entry in queries.entries:
        e = export.calendar_event(entry, site_url, host)
        event = Event()
        event.add("uid", e.uid)
        event.add("dtstamp", export.build_time())
        event.add("summary", e.summary)
        event.add("dtstart", e.start)
        event.add("dtend", e.end)
        event.add("transp", "TRANSPARENT")
        event.add("description", e.description)
        event.add("url", e.url)
        event.add("categories", [e.category])
        cal.add_component(event)
    return cal.to_ical()


@pytest.mark.parametrize("which", ["real", "fixture", "hostile"])
def test_the_calendar_is_what_icalendar_writes(tmp_path: Path, monkeypatch, which: str) -> None:
    from hostile import hostile_copy

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764115200")
    folder = {"real": ROOT / "data", "fixture": FIXTURE_DATA}.get(which) or hostile_copy(FIXTURE_DATA, tmp_path / "d")
    queries = Queries(load(folder))
    for site_url in ("https://tracker.example.org/", "http://127.0.0.1:8000/"):
        version = export.dataset_version(queries.data)
        assert export.calendar(queries, site_url, version) == icalendar_calendar(queries, site_url)


def test_lines_are_escaped_and_folded_as_icalendar_does() -> None:
    # Text of every kind a record may hold: the characters TEXT escapes, "\N", multi-byte
    # characters and escapes falling right at the 75-octet fold, in every position.
    import random

    from icalendar import Event

    rng = random.Random(20261126)
    alphabet = "ab ,;\\^:\"'–é한글😀\r\n" + "\\N"
    texts = ["x" * n + tail for n in range(60, 80) for tail in ("\\", "^", ",", "é", "😀", "한")]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 400))) for _ in range(2000)]
    for text in texts:
        event = Event()
        event.add("summary", text)
        expected = event.to_ical().split(b"\r\n", 1)[1].rsplit(b"END:VEVENT", 1)[0]
        mine = (export._ical_fold("SUMMARY:" + export._ical_text(text)) + "\r\n").encode("utf-8")
        assert mine == expected, text
