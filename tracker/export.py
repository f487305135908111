"""The dataset as files for reuse: JSON (with its JSON Schema), CSV, iCalendar and Atom.

Every function returns file contents keyed by their path in the built site; the MkDocs plugin
adds them to the build. Nothing here knows about MkDocs. Field names are the data files'
own, so the published JSON reads like the YAML it comes from.
"""

from __future__ import annotations

import copy
import csv
import functools
import json
import os
import unicodedata
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit

from .dataset import Dataset
from .dates import PartialDate
from .history import History
from .kinds import ItemsFile, kinds
from .marks import ACCOUNTS_WORDS, DERIVED_WORDS
from .models import COLLECTIONS, Milestone, Record, Series
from .queries import Entry, Queries
from .urls import json_path, list_json_path, page_url
from .version import DatasetVersion, content_hash
from .views.series import SeriesView
from .views.table import Table, as_data
from .views.treaties import INVERSE_KEYS, LIFE, SHOWN_RELATIONS, TreatyRow

T = TypeVar("T")

SCHEMA_VERSION = "2.0"  # 2.0: page_url and original_url for the overloaded url
API = "api/v1"
JSON_SCHEMA = "https://json-schema.org/draft/2020-12/schema"
FEED_SIZE = 50
# The data's licence, stated in every published JSON file, on the Data page and in the README.
LICENCE = {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
_LICENCE_SCHEMA = {
    "type": "object",
    "description": "The data's licence: reuse it freely, crediting the Korea–Singapore Partnership Tracker.",
    "required": ["name", "url"],
    "additionalProperties": False,
    "properties": {"name": {"const": LICENCE["name"]}, "url": {"const": LICENCE["url"]}},
}


# Fields of the data files published under another name: a source's ``url`` is the document's
# own address, named apart from every record's ``page_url`` (its page on this site).
RENAMED = {"url": "original_url"}

# Fields of the data files left out of the CSVs (the JSON keeps them): what the project uses
# to run the site, not facts a data user reads. ``search_terms`` are words for the site's
# search; ``renamed_from`` the old ids the site redirects; ``file`` a source's file in the
# project's own folder of documents, which is not published; ``reviewed`` a date nearly every
# record leaves empty (``last_changed`` stays).
CSV_LEFT_OUT = ("search_terms", "reviewed", "renamed_from", "file")


def record_data(record: Record, site_url: str, changed: PartialDate | None = None) -> dict[str, Any]:
    """A record as the JSON gives it: its id and page, its fields as its data file has them
    (a source's ``url`` as ``original_url``), and when its file last changed in the repository
    (tracker/history.py; null outside git)."""
    fields = record.model_dump(mode="json", exclude_defaults=False)
    return {
        "id": record.id,
        "page_url": page_url(record, site_url),
        **{RENAMED.get(k, k): v for k, v in fields.items()},
        "last_changed": changed.iso if changed else None,
    }


# -- JSON Schema ----------------------------------------------------------------------------


def data_schema(collection: str) -> dict[str, Any]:
    """The schema of one data file, data/<collection>/<id>.yml, generated from its class."""
    return copy.deepcopy(_data_schema(collection))  # the caller's to change


@functools.cache  # it follows from the code alone: worked out once, not on every rebuild
def _data_schema(collection: str) -> dict[str, Any]:
    cls = COLLECTIONS[collection]
    schema = cls.model_json_schema(mode="validation")
    schema["properties"].pop("id", None)
    # Fields every record shares but few fill in come after the record's own (make new).
    for name in ("search_terms", "reviewed", "renamed_from"):
        schema["properties"][name] = schema["properties"].pop(name)
    return {
        "$schema": JSON_SCHEMA,
        "$id": f"{collection}.json",
        "title": f"A record in data/{collection}/",
        "description": f"One {cls.singular}; its id is the file name. Every fact cites source ids in 'cite'.",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def nested_schemas() -> dict[str, Any]:
    """The objects records hold in lists (Milestone, Name, Role …), by name."""
    defs: dict[str, Any] = {}
    for collection in COLLECTIONS:
        defs.update(data_schema(collection).get("$defs", {}))
    return dict(sorted(defs.items()))


_VERSION_SCHEMA = {
    "type": "string",
    "pattern": "^(?:[0-9a-f]{12}|preview)$",
    "description": (
        "The dataset's version: a digest of the validated records, the same for the same data whatever"
        " the build, changed by any change to the data (tracker/version.py). Cite it with the file."
        " 'preview' in the live preview of data being edited, which has no version yet."
    ),
}
_BUILD_DATE_SCHEMA = {"type": "string", "format": "date", "description": "The day the files were built."}


def api_schema() -> dict[str, Any]:
    """The schema of the published JSON: each record as in its data file, plus ``id``,
    ``page_url`` and ``last_changed``, a source's ``url`` named ``original_url``."""
    defs: dict[str, Any] = {}
    records: dict[str, Any] = {}
    for collection in COLLECTIONS:
        schema = data_schema(collection)
        defs.update(schema.pop("$defs", {}))
        for key in ("$schema", "$id"):
            schema.pop(key)
        schema["properties"] = {
            "id": {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$", "description": "The record's id."},
            "page_url": {"type": "string", "format": "uri", "description": "The record's page on this site."},
            **{RENAMED.get(k, k): v for k, v in schema["properties"].items()},
            "last_changed": {
                "type": ["string", "null"],
                "format": "date",
                "description": (
                    "When the record's file was last changed in the repository (its last commit), null where the"
                    " site was built outside a git checkout. Not when it was checked against its sources: that"
                    " is 'reviewed'."
                ),
            },
        }
        required = [RENAMED.get(k, k) for k in schema.get("required", [])]
        schema["required"] = ["id", "page_url", *required, "last_changed"]
        # A record's own file, beside its page, also says which version of the dataset it is from.
        schema["properties"]["dataset_version"] = {**_VERSION_SCHEMA, "description": "In a record's own file only."}
        schema["properties"]["build_date"] = {**_BUILD_DATE_SCHEMA, "description": "In a record's own file only."}
        schema["title"] = COLLECTIONS[collection].singular
        records[collection] = schema
    defs.update(records)
    collection_file = {
        "type": "object",
        "additionalProperties": False,
        "required": [*_head_schema(), "collection", "records"],
        "properties": {
            **_head_schema(),
            "collection": {"enum": list(COLLECTIONS)},
            "records": {"type": "array"},
        },
    }
    return {
        "$schema": JSON_SCHEMA,
        "$id": "api.json",
        "title": "Korea–Singapore Partnership Tracker data, /api/v1/",
        "description": "Describes /api/v1/all.json; $defs describe one record of each collection "
        "(/api/v1/<collection>.json holds a list of them under 'records', as 'collection_file' says) "
        "and each series' file, /api/v1/series/<id>.json ('series_file').",
        "type": "object",
        "additionalProperties": False,
        "required": [*_head_schema(), "site", *COLLECTIONS],
        "properties": {
            **_head_schema(),
            "site": {"type": "string", "format": "uri"},
            **{c: {"type": "array", "items": {"$ref": f"#/$defs/{c}"}} for c in COLLECTIONS},
        },
        "$defs": {**defs, "collection_file": collection_file, **series_file_schema()},
    }


def _head_schema() -> dict[str, Any]:
    """The schema of what every published JSON file starts with (``_head``), in its order."""
    return {
        "schema_version": {"const": SCHEMA_VERSION},
        "dataset_version": _VERSION_SCHEMA,
        "build_date": _BUILD_DATE_SCHEMA,
        "licence": _LICENCE_SCHEMA,
    }


def series_file_schema() -> dict[str, Any]:
    """``$defs`` of api.json for ``/api/v1/series/<id>.json`` (``series_files``): the series'
    record (its ``$defs`` entry) and its points, each field of a point taken from the record
    fields it copies, so that the two cannot drift."""
    record_id = {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$"}
    point = {
        "type": "object",
        "description": "A point of a series: a figure naming it, at the date the series places it by, never converted.",
        "additionalProperties": False,
        "required": list(SERIES_HEADER),
        "properties": {
            "date": {
                "type": "string",
                "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$",
                "description": "Where the series places the figure (its 'dated_by'), as precise as its document.",
            },
            "precision": {"enum": ["year", "month", "day"], "description": "The precision of 'date'."},
            "value": {"type": "number", "description": "The figure's amount, as its document gives it."},
            "unit": {"$ref": "#/$defs/series/properties/unit"},
            "currency": {"$ref": "#/$defs/series/properties/currency"},
            "basis": {"$ref": "#/$defs/series/properties/basis"},
            "figure": {**record_id, "description": "The figure's id: /api/v1/figures.json has it."},
            "value_as_given": {"$ref": "#/$defs/figures/properties/value"},
            "derived": {
                "type": ["string", "null"],
                "description": "The figure's reasoning, where it works out the point's date, value or currency.",
            },
            "documents_differ": {
                "type": "array",
                "uniqueItems": True,
                "items": record_id,
                "description": (
                    "Ids of the figures giving another account of the same measure: the series' figures giving"
                    " another value for the same date, and the figure's other accounts ('other_accounts', either way)."
                ),
            },
            "sources": {"$ref": "#/$defs/figures/properties/cite"},
            "page_url": {"type": "string", "format": "uri", "description": "The figure's page on this site."},
        },
    }
    series_file = {
        "type": "object",
        "description": "/api/v1/series/<id>.json: a series' record and its points in date order.",
        "additionalProperties": False,
        "required": [*_head_schema(), "series", "points"],
        "properties": {
            **_head_schema(),
            "series": {"$ref": "#/$defs/series"},
            "points": {"type": "array", "items": {"$ref": "#/$defs/series_point"}},
        },
    }
    return {"series_file": series_file, "series_point": point}


def _json(value: Any, *, pretty: bool = False) -> str:
    # Data files are compact: without indent, json uses its C encoder, several times faster
    # for ten thousand records. Schemas, committed to the repository, are indented.
    if pretty:
        return json.dumps(value, ensure_ascii=False, indent=2) + "\n"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n"


def schema_files() -> dict[str, str]:
    """Schemas as committed under data/schema/ (for editors) and published under /api/v1/schema/."""
    files = {f"{c}.json": _json(data_schema(c), pretty=True) for c in COLLECTIONS}
    files["api.json"] = _json(api_schema(), pretty=True)
    return files


class Pieces:
    """Each record's share of the data files (its JSON, its CSV row and line, its rows of
    files of its kind's lists, milestones.csv), made once per record and site address. A full build uses a new one; the
    live preview keeps one between builds (tracker/incremental.py), so that an edit makes
    again only the pieces of the records it changed: making every record's pieces (pydantic's
    ``model_dump`` above all) took about 5 s of each edit at 10,000 records."""

    def __init__(self, history: History | None = None) -> None:
        self._tables: dict[str, dict[tuple[str, str], tuple[Record, Hashable, Any]]] = {}
        self._used: dict[str, dict[tuple[str, str], tuple[Record, Hashable, Any]]] = {}
        self.history = history or History()

    def get(self, kind: str, record: Record, context: Hashable, make: Callable[[], T]) -> T:
        """The piece ``kind`` of ``record``, made by ``make`` unless the record and ``context``
        (the site address, and whatever else it was made from) are those it was made for."""
        key = (record.collection, record.id)
        used = self._used.setdefault(kind, {})
        hit = used.get(key) or self._tables.get(kind, {}).get(key)
        # Records are frozen pydantic models; the preview's loader keeps the very object of a
        # file that did not change.
        if hit is None or hit[1] != context or not (hit[0] is record or hit[0] == record):
            hit = (record, context, make())
        used[key] = hit
        return hit[2]

    def done(self) -> None:
        """Forget the pieces of records no longer there (kept: those asked for since the last call)."""
        self._tables, self._used = self._used, {}


def _record_data(pieces: Pieces, record: Record, site_url: str) -> dict[str, Any]:
    """``record_data``, made once for the record's JSON and its CSV row (the caller's to read only)."""
    changed = pieces.history.changed(record)
    return pieces.get("data", record, (site_url, changed), functools.partial(record_data, record, site_url, changed))


def _record_file(pieces: Pieces, record: Record, site_url: str) -> str:
    return _json(_record_data(pieces, record, site_url))


def _with_lists(head: dict[str, Any], lists: dict[str, list[str]]) -> str:
    """``_json({**head, **lists})`` where each list is given as its items' JSON: the same text,
    each record's JSON made once for its own file, its collection's and all.json."""
    parts = [_json(head)[:-2]]  # without the closing brace and the newline
    for key, items in lists.items():
        parts.append(f",{json.dumps(key, ensure_ascii=False)}:[{','.join(items)}]")
    parts.append("}\n")
    return "".join(parts)


def _head(version: DatasetVersion) -> dict[str, Any]:
    """What every published JSON file starts with: the schema's version, the data's, the build's
    date and the licence."""
    return {
        "schema_version": SCHEMA_VERSION,
        "dataset_version": version.id,
        "build_date": version.built.isoformat(),
        "licence": LICENCE,
    }


def json_files(
    data: Dataset, site_url: str, pieces: Pieces | None = None, version: DatasetVersion | None = None
) -> dict[str, str]:
    pieces = pieces or Pieces()
    version = version or dataset_version(data)
    # A record's own file opens with the dataset's version; in the collections' files the
    # file's head says it once.
    stamp = _json({"dataset_version": version.id, "build_date": version.built.isoformat()})[:-2] + ","
    lists: dict[str, list[str]] = {}
    files: dict[str, str] = {}
    for collection in COLLECTIONS:
        texts = [
            pieces.get(
                "json", r, (site_url, pieces.history.changed(r)), functools.partial(_record_file, pieces, r, site_url)
            )
            for r in data[collection].values()
        ]
        lists[collection] = items = [text[:-1] for text in texts]
        head = {**_head(version), "collection": collection}
        files[f"{API}/{collection}.json"] = _with_lists(head, {"records": items})
        for record, text in zip(data[collection].values(), texts, strict=True):
            files[json_path(record)] = stamp + text[1:]
    files[f"{API}/all.json"] = _with_lists({**_head(version), "site": site_url}, lists)
    files |= {f"{API}/schema/{name}": text for name, text in schema_files().items()}
    return files


def list_files(queries: Queries, version: DatasetVersion | None = None) -> dict[str, str]:
    """The rows of each index split by year (``/api/v1/lists/agreements.json``), as its pages
    show them, for tracker.js to filter and sort over every record (views/table.py)."""
    version = version or dataset_version(queries.data)
    return {list_json_path(table.collection): list_file(table, version) for table in queries.split_tables()}


def list_file(table: Table, version: DatasetVersion) -> str:
    return _json({**_head(version), **as_data(table)})


# -- CSV ------------------------------------------------------------------------------------

LIST_SEPARATOR = "; "


def _cell(value: Any) -> str:
    """One CSV cell: lists of plain values joined by '; ', lists of objects as JSON text."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        if all(not isinstance(v, (dict, list)) for v in value):
            return LIST_SEPARATOR.join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def _row(pieces: Pieces, record: Record, site_url: str) -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in _record_data(pieces, record, site_url).items():
        if key in CSV_LEFT_OUT:
            continue
        if isinstance(value, dict):  # one nested object, e.g. status: status.value, status.as_of …
            flat |= {f"{key}.{k}": _cell(v) for k, v in value.items()}
        else:
            flat[key] = _cell(value)
    return flat


def _rows(collection: str, data: Dataset, site_url: str, pieces: Pieces) -> tuple[list[str], list[dict[str, str]]]:
    rows = [
        pieces.get("row", r, (site_url, pieces.history.changed(r)), functools.partial(_row, pieces, r, site_url))
        for r in data[collection].values()
    ]
    header: dict[str, None] = {}
    for row in rows:
        header.update(dict.fromkeys(row))
    return list(header), rows


# A cell starting with one of these is read as a formula by spreadsheet programs; OWASP's
# advice: start it with an apostrophe, which they show as text and do not display.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

# Characters nobody sees: white space, controls and format characters (the zero-width space,
# the byte-order mark, direction marks, the soft hyphen …), and the other characters Unicode
# says to ignore when not supported (the Hangul fillers, variation selectors, the combining
# grapheme joiner). A program that drops them before reading a cell would find a formula
# behind them, so the first character that is not one of them decides, in its compatibility
# form (a full-width ＝ is an =).
_UNSEEN_CATEGORIES = frozenset(("Cc", "Cf", "Zs", "Zl", "Zp"))
_IGNORABLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u180b\u180c\u180d\u180f\u3164\uffa0") | frozenset(
    map(chr, range(0xFE00, 0xFE10))
)


def _first_seen(cell: str) -> str:
    for c in cell:
        if not (c.isspace() or c in _IGNORABLE or unicodedata.category(c) in _UNSEEN_CATEGORIES):
            return unicodedata.normalize("NFKC", c)
    return ""


def neutralise(cell: str) -> str:
    """A CSV cell that a spreadsheet opens as the text it is, never as a formula."""
    return f"'{cell}" if cell.startswith(_FORMULA_START) or _first_seen(cell).startswith(_FORMULA_START) else cell


class _Lines:
    """What a CSV writer writes, one string per row."""

    def __init__(self, header: list[str]) -> None:
        self.lines: list[str] = []
        # As csv.DictWriter(out, fieldnames=header, lineterminator="\r\n") writes them.
        self.writer = csv.writer(self, "excel", lineterminator="\r\n")
        self.header = header

    def write(self, text: str) -> None:
        self.lines.append(text)

    def line(self, row: dict[str, str]) -> str:
        self.writer.writerow([neutralise(row.get(k, "")) for k in self.header])
        return self.lines.pop()


VERSION_COLUMN = "dataset_version"


def _csv(header: list[str], lines: list[str]) -> str:
    """A CSV file: its header and lines. Every CSV ends each row with the dataset's version
    (:data:`VERSION_COLUMN`, a column of its own, so that a file passed on alone still says
    which data it holds; no comment line, which CSV readers would take for a row)."""
    # A byte-order mark lets spreadsheet programs recognise UTF-8 (names like "Korea–Singapore").
    writer = _Lines(header)
    writer.writer.writerow(header)
    return "".join(["\ufeff", *writer.lines, *lines])


def _record_lines(
    collection: str, data: Dataset, site_url: str, pieces: Pieces, version: DatasetVersion
) -> tuple[list[str], list[str]]:
    """A collection's CSV header and each record's line, as written under that header."""
    header, rows = _rows(collection, data, site_url, pieces)
    header = [*header, VERSION_COLUMN]
    writer = _Lines(header)
    records = data[collection].values()
    return header, [
        pieces.get(
            "line",
            r,
            (site_url, tuple(header), pieces.history.changed(r), version.id),
            functools.partial(writer.line, {**row, VERSION_COLUMN: version.id}),
        )
        for r, row in zip(records, rows, strict=True)
    ]


def _item_lines(items: ItemsFile[Any], record: Record, site_url: str, version: DatasetVersion) -> str:
    writer = _Lines([*items.header, VERSION_COLUMN])
    return "".join(
        writer.line({**{k: _cell(v) for k, v in row.items()}, VERSION_COLUMN: version.id})
        for row in items.rows(record, site_url)
    )


def csv_files(
    data: Dataset, site_url: str, pieces: Pieces | None = None, version: DatasetVersion | None = None
) -> dict[str, str]:
    pieces = pieces or Pieces()
    version = version or dataset_version(data)
    files = {f"{API}/{c}.csv": _csv(*_record_lines(c, data, site_url, pieces, version)) for c in COLLECTIONS}
    # The lists records hold that their kind publishes apart (an agreement's milestones).
    for kind in kinds():
        for items in kind.files:
            lines = [
                pieces.get(
                    items.name, r, (site_url, version.id), functools.partial(_item_lines, items, r, site_url, version)
                )
                for r in data[kind.collection].values()
            ]
            files[f"{API}/{items.name}.csv"] = _csv([*items.header, VERSION_COLUMN], lines)
    return files


# -- the treaty register: /api/v1/treaties.json and .csv --------------------------------------

# A treaty's steps (views/treaties.py, LIFE), then a multilateral agreement's accession talks.
STEPS = (*(key for key, _, _ in LIFE), "talks")
LINKS = (*SHOWN_RELATIONS, *INVERSE_KEYS.values())


def _step(m: Milestone) -> dict[str, Any]:
    return {
        "type": m.type,
        "date": m.date.iso if m.date else None,
        "by": m.by.iso if m.by else None,
        "precision": m.when.precision,
        "parties": m.parties,
        "derived": m.derived,
        "cite": m.cite,
    }


def treaty_data(row: TreatyRow, site_url: str, on: date) -> dict[str, Any]:
    """A row of the register as data: the agreement, the state whose part it is (multilateral
    agreements), each step of its life as its milestones, its replacements and revisions both
    ways, and whether it was in force on ``on``, with the reasoning (worked out, never stated)."""
    a = row.agreement
    return {
        "id": a.id,
        "name": a.name,
        "page_url": page_url(a, site_url),
        "kind": a.kind,
        "parties": a.parties,
        "party": row.party.id if row.party else None,
        "steps": {key: [_step(m) for m in row.steps[key]] for key in STEPS if key in row.steps},
        **{key: [link.agreement.id for link in row.links if link.key == key] for key in LINKS},
        "in_force": {
            "on": on.isoformat(),
            "value": row.in_force.value,
            "label": row.in_force.label,
            "derived": row.in_force.reason,
        },
    }


TREATY_HEADER = (
    "section",
    "id",
    "name",
    "party",
    "kind",
    "parties",
    *STEPS,
    *LINKS,
    "in_force_on",
    "in_force",
    "in_force_derived",
    "page_url",
)


# -- series ------------------------------------------------------------------------------------

# The columns of each series' CSV, /api/v1/series/<id>.csv: a row per point, in date order.
SERIES_HEADER = (
    "date",
    "precision",
    "value",
    "unit",
    "currency",
    "basis",
    "figure",
    "value_as_given",
    "derived",
    "documents_differ",
    "sources",
    "page_url",
)


def _treaty_line(section: str, data: dict[str, Any]) -> dict[str, str]:
    """A register row as a CSV row: each step as its ISO date ("by " before a bound), several
    joined by "; "."""

    def dates(steps: list[dict[str, Any]]) -> str:
        return LIST_SEPARATOR.join(s["date"] or f"by {s['by']}" for s in steps)

    return {
        "section": section,
        **{k: _cell(data[k]) for k in ("id", "name", "party", "kind", "parties", *LINKS, "page_url")},
        **{key: dates(data["steps"].get(key, [])) for key in STEPS},
        "in_force_on": data["in_force"]["on"],
        "in_force": data["in_force"]["value"],
        "in_force_derived": data["in_force"]["derived"],
    }


def treaty_files(queries: Queries, site_url: str, on: date, version: DatasetVersion | None = None) -> dict[str, str]:
    """The treaty register as data: its bilateral treaties and multilateral memberships, with
    whether each was in force on ``on`` (the build's date)."""
    version = version or dataset_version(queries.data)
    view = queries.treaties(on)
    treaties = [treaty_data(r, site_url, on) for r in view.bilateral]
    multilateral = [treaty_data(r, site_url, on) for r in view.multilateral]
    head = {**_head(version), "in_force_on": on.isoformat()}
    header = [*TREATY_HEADER, VERSION_COLUMN]
    writer = _Lines(header)
    stamp = {VERSION_COLUMN: version.id}
    lines = [writer.line(_treaty_line("bilateral", d) | stamp) for d in treaties]
    lines += [writer.line(_treaty_line("multilateral", d) | stamp) for d in multilateral]
    return {
        f"{API}/treaties.json": _json({**head, "treaties": treaties, "multilateral": multilateral}),
        f"{API}/treaties.csv": _csv(header, lines),
    }


def _amount(value: float) -> int | float:
    """An amount as written in the series files: 6, not 6.0."""
    return int(value) if float(value).is_integer() else value


def series_points(view: SeriesView, site_url: str) -> list[dict[str, Any]]:
    """A series' points as the series files give them: each point's date at its precision, the
    amount, the series' unit, currency and basis, its figure, the value as its document writes
    it, the reasoning where it is derived, the figures giving another account of the same
    measure (``Point.differing``: the series' other amounts for the date and the figure's
    other accounts, as its marks count them), and the sources its figure cites."""
    s = view.record
    return [
        {
            "date": p.date.iso,
            "precision": p.date.precision,
            "value": _amount(p.amount),
            "unit": s.unit,
            "currency": s.currency,
            "basis": s.basis,
            "figure": p.figure.id,
            "value_as_given": p.figure.value,
            "derived": p.derived,
            "documents_differ": [o.id for o in p.differing],
            "sources": list(p.figure.cite),
            "page_url": page_url(p.figure, site_url),
        }
        for p in view.points
    ]


def series_files(queries: Queries, site_url: str, version: DatasetVersion | None = None) -> dict[str, str]:
    """Each series with its points: ``/api/v1/series/<id>.json`` (the series' record and its
    points) and ``/api/v1/series/<id>.csv`` (a row per point)."""
    version = version or dataset_version(queries.data)
    files: dict[str, str] = {}
    for series_id in queries.data[Series.collection]:
        view = queries.series(series_id)
        points = series_points(view, site_url)
        head = _head(version)
        files[f"{API}/series/{series_id}.json"] = _json(
            {**head, "series": record_data(view.record, site_url), "points": points}
        )
        header = [*SERIES_HEADER, VERSION_COLUMN]
        writer = _Lines(header)
        lines = [
            writer.line({k: _cell(v) for k, v in point.items()} | {VERSION_COLUMN: version.id}) for point in points
        ]
        files[f"{API}/series/{series_id}.csv"] = _csv(header, lines)
    return files


# -- iCalendar and Atom ---------------------------------------------------------------------


def dataset_version(data: Dataset) -> DatasetVersion:
    """The version of ``data`` (its content hash, tracker/version.py) and the build's date."""
    return DatasetVersion(content_hash(data), build_time().date())


def build_time() -> datetime:
    """SOURCE_DATE_EPOCH when set (reproducible builds), else now."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC).replace(microsecond=0)


def span(when: PartialDate) -> tuple[date, date]:
    """The days a date may stand for, as [start, end): a day, a whole month or a whole year."""
    start = date(*when.earliest)
    last = date(*when.latest)
    return start, last + timedelta(days=1)


def entry_title(entry: Entry) -> str:
    """A step as "record: what" ("…: signed", "(by this date)" where only a bound is known);
    a record itself by its name. Its date's marks follow in words: "(date worked out, not
    stated)", "(accounts differ)" (tracker/marks.py)."""
    title = entry.record.label
    if entry.step:
        title = f"{entry.record.label}: {entry.what.lower()}"
        if entry.bound:
            title += " (by this date)"
    if entry.derived:
        title += f" (date {DERIVED_WORDS})"
    if entry.accounts:
        title += f" ({ACCOUNTS_WORDS})"
    return title


def date_marks(entry: Entry, site_url: str) -> str:
    """What the calendar and the feed say of an entry's date besides the date: how it was
    worked out, where no document states it, and where every document's account of it is,
    where they differ. Empty for a date stated once."""
    said = ""
    if entry.derived:
        said += f"The date is {DERIVED_WORDS}: {entry.derived} "
    if entry.accounts:
        a = entry.accounts
        said += (
            f"Accounts differ: the documents give this date in {a.count} accounts, each with its document"
            f" at {page_url(a.record, site_url)}#{a.anchor} "
        )
    return said


def _entry_uid(entry: Entry, host: str) -> str:
    return f"{entry.record.collection}-{entry.record.id}-{entry.name}-{entry.date.iso}@{host}"


class Dated(Protocol):
    """What the calendar reads of the queries: the dated entries (the preview passes a few)."""

    @property
    def entries(self) -> list[Entry]: ...


@dataclass(frozen=True)
class CalendarEvent:
    """What the calendar says of one dated entry: an all-day event (dates at month or year
    precision span the month or the year; a "by" date is the one day it names)."""

    summary: str
    start: date
    end: date  # the day after the last
    uid: str
    category: str
    description: str
    url: str


def calendar_event(entry: Entry, site_url: str, host: str) -> CalendarEvent:
    start, end = span(entry.date)
    url = page_url(entry.record, site_url)
    # A date known to the month or the year spans it; one worked out is not what "the sources
    # give", and says how it was worked out (date_marks).
    given = "The date is known only to" if entry.derived else "The sources give only"
    note = {
        "day": "",
        "month": f"{given} the month ({entry.date}); this spans the whole month. ",
        "year": f"{given} the year ({entry.date}); this spans the whole year. ",
    }[entry.date.precision]
    if entry.bound:
        note = f"The sources say only that this had happened by {entry.date}. "
        start, end = date(*entry.date.latest), date(*entry.date.latest) + timedelta(days=1)
    description = f"{note}{date_marks(entry, site_url)}{url}"
    return CalendarEvent(entry_title(entry), start, end, _entry_uid(entry, host), entry.category, description, url)


def version_words(version: DatasetVersion) -> str:
    """How the calendar and the feed say which data they hold."""
    return f"Dataset version {version.label}."  # no comma: icalendar does not escape one in X-WR-CALDESC


def calendar_description(version: DatasetVersion) -> str:
    return f"Milestones and events between South Korea and Singapore. {version_words(version)}"


def calendar(queries: Dated, site_url: str, version: DatasetVersion) -> bytes:
    """Every dated entry as an all-day event (RFC 5545), byte for byte what icalendar writes for
    the same events: tests/unit/test_export.py has icalendar write them and compares. Written
    here because icalendar took 3 s of a 10,000-record build (about 2% of it), most of it
    folding lines one character at a time; this takes a twentieth of that."""
    stamp = build_time().strftime("%Y%m%dT%H%M%SZ")
    host = urlsplit(site_url).hostname or "localhost"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Korea-Singapore Partnership Tracker//EN",
        "CALSCALE:GREGORIAN",
        # icalendar's order: after the first three, properties by name.
        f"X-WR-CALDESC:{_ical_text(calendar_description(version))}",
        f"X-WR-CALNAME:{_ical_text('Korea–Singapore Partnership Tracker')}",
    ]
    for entry in queries.entries:
        e = calendar_event(entry, site_url, host)
        lines += [
            "BEGIN:VEVENT",
            f"SUMMARY:{_ical_text(e.summary)}",
            f"DTSTART;VALUE=DATE:{e.start:%Y%m%d}",
            f"DTEND;VALUE=DATE:{e.end:%Y%m%d}",
            f"DTSTAMP:{stamp}",
            f"UID:{_ical_text(e.uid)}",
            f"CATEGORIES:{_ical_text(e.category)}",
            f"DESCRIPTION:{_ical_text(e.description)}",
            "TRANSP:TRANSPARENT",
            f"URL:{e.url}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(_ical_fold(line) + "\r\n" for line in lines).encode("utf-8")


def _ical_text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 says, in icalendar's order (which matters)."""
    return (
        value.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _ical_fold(line: str) -> str:
    """A content line folded as icalendar folds it: pieces of at most 74 octets, cut between
    characters, never right after a backslash or caret (an escape stays whole), each piece
    after the first on a line of its own that starts with a space."""
    if len(line) < 75 and line.isascii():
        return line
    raw = line.encode("utf-8")
    pieces: list[bytes] = []
    at = 0
    while len(raw) - at > 74:
        cut = at + 74
        while raw[cut] & 0xC0 == 0x80:  # inside a character: cut before it
            cut -= 1
        if raw[cut - 1] in b"\\^" and cut - 1 > at:
            cut -= 1
        pieces.append(raw[at:cut])
        at = cut
    pieces.append(raw[at:])
    return b"\r\n ".join(pieces).decode("utf-8")


def feed(queries: Queries, site_url: str, version: DatasetVersion, size: int = FEED_SIZE) -> bytes:
    from feedgen.feed import FeedGenerator

    latest = list(reversed(queries.entries[-size:])) if size > 0 else []
    gen = FeedGenerator()
    gen.id(site_url)
    gen.title("Korea–Singapore Partnership Tracker: latest developments")
    gen.subtitle(
        f"Milestones of agreements and events between South Korea and Singapore, newest first. {version_words(version)}"
    )
    gen.link(href=site_url, rel="alternate")
    gen.link(href=f"{site_url}feed.xml", rel="self")
    gen.language("en")
    gen.generator("Korea–Singapore Partnership Tracker")
    newest = datetime(*latest[0].date.earliest, tzinfo=UTC) if latest else build_time()
    gen.updated(newest)
    # feedgen writes entries in reverse order of addition: add the oldest first.
    for entry in reversed(latest):
        url = page_url(entry.record, site_url)
        item = gen.add_entry()
        item.id(f"{url}#{entry.name}-{entry.date.iso}")
        item.title(entry_title(entry))
        item.link(href=url)
        when = datetime(*entry.date.earliest, tzinfo=UTC)
        item.updated(when)
        item.published(when)
        summary = getattr(entry.record, "summary", "")
        marks = date_marks(entry, site_url)
        item.summary(f"{'By ' if entry.bound else ''}{entry.date}. {marks}{summary}")
    return gen.atom_str(pretty=True)


def files(
    queries: Queries,
    site_url: str,
    *,
    feed_size: int = FEED_SIZE,
    pieces: Pieces | None = None,
    history: History | None = None,
    version: DatasetVersion | None = None,
) -> dict[str, str | bytes]:
    """Every published data file, by its path in the site, each saying which version of the
    dataset it holds (``version``, worked out from the data when not given)."""
    data = queries.data
    pieces = pieces or Pieces(history)
    version = version or dataset_version(data)
    out: dict[str, str | bytes] = {}
    out |= json_files(data, site_url, pieces, version)
    out |= list_files(queries, version)
    out |= csv_files(data, site_url, pieces, version)
    out |= treaty_files(queries, site_url, version.built, version)
    out |= series_files(queries, site_url, version)
    out["calendar.ics"] = calendar(queries, site_url, version)
    out["feed.xml"] = feed(queries, site_url, version, feed_size)
    return out


# -- the Data page's list of downloads ------------------------------------------------------


@dataclass(frozen=True)
class Download:
    """A published file as the Data page lists it: its path in the site, its size in bytes, its
    format and its columns (a CSV's header; a JSON file's top-level fields)."""

    path: str
    size: int
    format: str
    columns: tuple[str, ...]

    @property
    def size_label(self) -> str:
        """The size in decimal units, as browsers show downloads: "812 bytes", "14.2 kB", "1.3 MB"."""
        if self.size < 1000:
            return f"{self.size} bytes"
        for unit, scale in (("kB", 1e3), ("MB", 1e6), ("GB", 1e9)):
            if self.size < scale * 999.95 or unit == "GB":
                return f"{self.size / scale:.1f} {unit}"
        raise AssertionError("unreachable")


_FORMATS = {"csv": "CSV", "json": "JSON", "ics": "iCalendar", "xml": "Atom"}


def downloads(published: dict[str, str | bytes]) -> list[Download]:
    """What the Data page lists of the published files: every file of /api/v1/ but a record's own
    file and the lists tracker.js reads (the page describes those), the calendar and the feed,
    in path order, with their sizes and columns as written."""
    found = []
    for path in sorted(published):
        in_api = path.startswith(f"{API}/") and not path.startswith(f"{API}/lists/")
        if not (in_api or path in ("calendar.ics", "feed.xml")):
            continue
        content = published[path]
        raw = content.encode("utf-8") if isinstance(content, str) else content
        extension = path.rpartition(".")[2]
        columns: tuple[str, ...] = ()
        if extension == "csv":
            first = raw.decode("utf-8-sig").split("\r\n", 1)[0]
            columns = tuple(next(csv.reader([first])))
        elif path.startswith(f"{API}/schema/"):
            found.append(Download(path, len(raw), "JSON Schema", ()))
            continue
        elif extension == "json":
            columns = tuple(json.loads(raw))
        found.append(Download(path, len(raw), _FORMATS.get(extension, extension), columns))
    return found


def calendar_links(site_url: str) -> tuple[str, str]:
    """The calendar's address to subscribe to (``webcal:``, which calendar programs open as a
    subscription) and to download, both from the site's address."""
    address = f"{site_url.rstrip('/')}/calendar.ics"
    return "webcal:" + address.partition(":")[2], address


def write_schemas(folder: str) -> None:
    """``python -m tracker.export DIR``: write the data files' JSON Schemas (``make schema``)."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    for name, text in schema_files().items():
        (target / name).write_text(text, encoding="utf-8")
        print(target / name)


if __name__ == "__main__":
    import sys

    write_schemas(sys.argv[1] if len(sys.argv) > 1 else "data/schema")


def schema_type(prop: dict) -> str:
    """How the Data page names a JSON Schema type: "date", "list of id", "Milestone"."""
    if "anyOf" in prop:
        return " or ".join(schema_type(p) for p in prop["anyOf"] if p.get("type") != "null")
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "enum" in prop:
        return "one of " + ", ".join(f"`{v}`" for v in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return f"list of {schema_type(prop['items'])}"
    if kind == ["string", "integer"]:
        return "date"
    if kind == "string" and prop.get("pattern", "").startswith("^[a-z0-9]"):
        return "id"
    return {"string": "text", "boolean": "true or false"}.get(str(kind), str(kind))
