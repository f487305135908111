"""What the live preview (`mkdocs serve --dirty`, as `make serve` runs it) rebuilds after an edit.

MkDocs' dirty builds skip every page whose file says it is unmodified, but a generated file
always says it is modified, and the search index shrinks to the pages that were rebuilt. The
plugin (tracker/plugin.py) makes them exact with what is here, remembered from one build of
the preview to the next (MkDocs keeps the plugin instance):

- any change to an input that every page depends on (mkdocs.yml and the environment it reads,
  the navigation, the theme overrides, the page templates, the code, docs/, the data problems
  shown on every page) makes the next build a full one;
- otherwise the data before and after the edit are compared record by record, and only the
  pages that may show a changed record (``Plan.candidates``) have their Markdown rendered
  again; of those, only the ones whose Markdown or front matter differ from the last build
  are converted to HTML and written;
- data files are put together again from each record's share kept from the last build (only
  the changed records' are made anew) and written only when their content changed; the
  search index is put back together from the pages rebuilt now and the entries of the
  others from before, and the output of pages and files that no longer exist is deleted.

Nothing here knows about MkDocs' classes beyond what the plugin hands it.
"""

from __future__ import annotations

import hashlib
import logging
import operator
import os
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from . import load as _load
from .dataset import Dataset
from .dates import PartialDate
from .load import _plan
from .models import COLLECTIONS, Record

Key = tuple[str, str]  # (collection, id)


# -- what a record refers to, and which years it falls in -------------------------------------


def references(record: Record) -> frozenset[Key]:
    """Every record this one refers to, found where models.py marks references (``Ref``),
    through the plan load.py works out from the same types to check them."""
    found: set[Key] = set()
    _walk(record, _plan(type(record)), found)
    return frozenset(found)


def _walk(value: Any, plan: Any, found: set[Key]) -> None:
    if value is None or plan is None:
        return
    if isinstance(plan, str):
        if isinstance(value, str):
            found.add((plan, value))
    elif isinstance(plan, tuple):
        for item in value if isinstance(value, list | tuple) else ():
            _walk(item, plan[1], found)
    elif isinstance(value, BaseModel):
        for name, inner in plan.items():
            _walk(getattr(value, name, None), inner, found)


def years(record: Record) -> set[int]:
    """The year of every date anywhere in a record (milestones, roles, `as_of`…)."""
    out: set[int] = set()
    stack: list[Any] = [record]
    while stack:
        value = stack.pop()
        if isinstance(value, PartialDate):
            out.add(value.year)
        elif isinstance(value, BaseModel):
            stack.extend(getattr(value, name) for name in type(value).model_fields)
        elif isinstance(value, list | tuple):
            stack.extend(value)
    return out


# A record named anywhere in a page: a Markdown link (/agreements/x.md), a URL (agreements/x/)
# or a data file (agreements/x.json). Matching too much only rebuilds more.
_MENTION = re.compile(r"\b(" + "|".join(COLLECTIONS) + r")/([a-z0-9][a-z0-9-]*)(?=[./#\"')\s])")


def mentions(markdown: str) -> frozenset[Key]:
    return frozenset(_MENTION.findall(markdown))


def digest(*parts: str | bytes) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


def tree_stamp(paths: Iterable[Path], skip: Path) -> tuple:
    """Each file under ``paths`` (files or folders) with its modification time and size, leaving
    out ``skip`` (the data folder, compared record by record instead) and bytecode caches."""
    found = []
    skip_s = str(skip.resolve())
    for path in paths:
        path = path.resolve()
        if str(path) == skip_s or str(path).startswith(skip_s + os.sep):
            continue
        if path.is_file():
            info = path.stat()
            found.append((str(path), info.st_mtime_ns, info.st_size))
            continue
        for folder, dirs, names in os.walk(path):
            dirs[:] = [d for d in dirs if d != "__pycache__" and os.path.join(folder, d) != skip_s]
            for name in names:
                full = os.path.join(folder, name)
                try:
                    info = os.stat(full)
                except OSError:
                    continue
                found.append((full, info.st_mtime_ns, info.st_size))
    return tuple(sorted(found))


# -- which pages an edit may change -----------------------------------------------------------


@dataclass
class Plan:
    """The difference between two datasets, and the pages that may show it."""

    changed: set[Key]
    candidates: set[str]  # src_uris of generated pages to render again
    years: set[int]


# A record that many others refer to (a country as a party, a sector) is not followed from a
# reference added to it to every other record referring to it: a page listing, for its record,
# all the records sharing such a reference would list thousands on each of thousands of pages,
# which the site must never do (it is built in time linear in the records). Pages listing the
# records that share a rarer reference (an agreement lists the others signed at its event) are
# followed, as are, always, the pages of the records referred to and referring.
SHARED_LIMIT = 64


def diff(old: Dataset, new: Dataset) -> set[Key]:
    """Records added, removed or changed (records are frozen pydantic models: comparable)."""
    changed: set[Key] = set()
    for collection in COLLECTIONS:
        before, after = old[collection], new[collection]
        for record_id in before.keys() | after.keys():
            a, b = before.get(record_id), after.get(record_id)
            # The loader keeps the record of a file that did not change: the same object.
            if a is not b and a != b:
                changed.add((collection, record_id))
    return changed


@dataclass
class State:
    """What the previous build of the preview made, to compare the next one with."""

    ready: bool = False  # a whole build succeeded and everything below describes it
    inputs: Any = None  # the global inputs it was built from
    data: Dataset | None = None
    refs: dict[Key, frozenset[Key]] = field(default_factory=dict)  # each record's references
    pages: dict[str, bytes] = field(default_factory=dict)  # page src_uri -> digest of its source
    shown: dict[str, frozenset[Key]] = field(default_factory=dict)  # page src_uri -> records it names
    files: dict[str, str | bytes] = field(default_factory=dict)  # data file src_uri -> its content
    lists: dict[str, tuple] = field(default_factory=dict)  # a split index's year page -> Listing.key()
    search: dict[str, list[dict]] = field(default_factory=dict)  # page src_uri -> its search entries
    outputs: set[str] = field(default_factory=set)  # every file written (absolute paths)

    def forget(self) -> None:
        """The next build is a full one (a build failed, or nothing was built yet)."""
        self.__dict__.update(State().__dict__)

    def reference_table(self, data: Dataset) -> dict[Key, frozenset[Key]]:
        """Each record's references, worked out again only for records that changed."""
        old = self.data
        table: dict[Key, frozenset[Key]] = {}
        for collection in COLLECTIONS:
            before = old[collection] if old is not None else {}
            for record_id, record in data[collection].items():
                key = (collection, record_id)
                known = self.refs.get(key)
                was = before.get(record_id)
                if known is not None and (was is record or was == record):
                    table[key] = known
                else:
                    table[key] = references(record)
        return table

    def plan(self, new: Dataset, new_refs: dict[Key, frozenset[Key]], page_of: dict[Key, str]) -> Plan:
        """The generated pages that may differ after the edit: when in doubt, more.

        - the pages of the records added, removed or changed;
        - the pages of every record they refer to, or that refers to them, before or after;
        - for a reference added, the pages of every record referring to the same record (an
          agreement lists the others signed at its event), unless more than SHARED_LIMIT
          records refer to it (see there);
        - every page whose last version named a changed record (a person's page names the
          organisation an agreement they signed was signed for);
        - the section indexes, the timeline, the years index, and the pages of the years the
          changed records fall in (the plugin adds all of them when the years change).
        """
        old = self.data
        assert old is not None
        changed = diff(old, new)
        old_refs = self.refs
        incoming: dict[Key, set[Key]] = defaultdict(set)
        for table in (old_refs, new_refs):
            for key, targets in table.items():
                for target in targets:
                    incoming[target].add(key)
        records: set[Key] = set(changed)
        for key in changed:
            before, after = old_refs.get(key, frozenset()), new_refs.get(key, frozenset())
            records |= before | after | incoming.get(key, set())
            # A reference lost: the pages that listed this record beside another one referring
            # to the same record named it, and are found below by what they named.
            for target in after - before:
                sharing = incoming.get(target, set())
                if len(sharing) <= SHARED_LIMIT:
                    records |= sharing
        # The years a changed record falls in, before and after: a year page lists the entries
        # of its year; what it shows of other records, it names (found above).
        touched_years: set[int] = set()
        for collection, record_id in changed:
            for data in (old, new):
                record = data[collection].get(record_id)
                if record is not None:
                    touched_years |= years(record)
        candidates = {page_of[key] for key in records if key in page_of}
        candidates |= {uri for uri, shown in self.shown.items() if shown & changed}
        return Plan(changed, candidates, touched_years)


class DirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build may be inaccurate, for the plugin's own dirty
    builds only: `mkdocs serve --strict` (`make serve`) would abort on it, and these builds are
    exact (tests/test_preview.py compares them with full builds)."""

    def __init__(self) -> None:
        super().__init__()
        self.active = False

    def filter(self, record: logging.LogRecord) -> bool:
        return not (self.active and record.getMessage().startswith("A 'dirty' build is being performed"))


# -- reading the data again after an edit -----------------------------------------------------


class Loader:
    """load.py's ``load``, reading again only the files that changed since the last load.

    The files are listed and checked for their place and name as ``load`` does; a file whose
    modification time and size are those of the last load keeps its record, whose references
    are checked again against the ids there are now, and circles are looked for among all.
    At the first problem, ``load`` itself reads everything, so that the problems reported are
    exactly its own (and a record is never kept from a file that has one).
    """

    def __init__(self) -> None:
        self._stamp: dict[str, tuple[int, int]] = {}
        self._records: dict[str, Record] = {}  # path -> the record read from it
        self._refs: dict[str, frozenset[Key]] = {}  # path -> the references of that record
        self.reread = 0  # files read by the last load (for the log)

    def load(self, data_dir: Path, stamp: tuple) -> Dataset:
        now = {path: (mtime, size) for path, mtime, size in stamp}
        data = self._read(data_dir, now) if self._records else None
        if data is None:
            self._stamp, self._records, self._refs = {}, {}, {}
            data = _load.load(data_dir)  # raises DataError with every problem
            entries = _load._entries(data_dir, [])
            self._records = {str(e.path): data[e.collection][e.record_id] for e in entries}
            self.reread = len(entries)
        self._stamp = now
        return data

    def _read(self, data_dir: Path, now: dict[str, tuple[int, int]]) -> Dataset | None:
        problems: list = []
        entries = _load._entries(data_dir, problems)
        if problems:
            return None
        known = _load._known(entries)
        records: dict[str, dict[str, Record]] = {name: {} for name in COLLECTIONS}
        kept: dict[str, Record] = {}
        links: list = []
        renames: list = []
        self.reread = 0
        for entry in entries:
            path = str(entry.path)
            record = self._records.get(path)
            if record is not None and now.get(path) is not None and self._stamp.get(path) == now[path]:
                refs = self._refs.get(path)
                if refs is None:
                    refs = self._refs[path] = references(record)
                for target in refs:
                    if target[1] not in known[target[0]] or target == (entry.collection, entry.record_id):
                        return None
                # An old id of this record that a record now has (load()'s _record reports it).
                if any(old in known[entry.collection] for old in record.renamed_from):
                    return None
                # Where a circle or a shared old id would be reported does not matter: load()
                # then reports it.
                links.extend(
                    _load._Link(entry.collection, entry.record_id, target, entry.shown, 1, 1)
                    for _, target in _load._ordering(record)
                )
                renames.extend(
                    _load._Link(entry.collection, entry.record_id, old, entry.shown, 1, 1)
                    for old in record.renamed_from
                )
            else:
                self.reread += 1
                record = _load._record(entry, known, problems, links, renames)
                if record is None or problems:
                    return None
                self._refs.pop(path, None)
            records[entry.collection][entry.record_id] = record
            kept[path] = record
        _load._check_circles(links, problems)
        _load._check_renames(renames, problems)
        if problems:
            return None
        self._records = kept
        self._refs = {path: refs for path, refs in self._refs.items() if path in kept}
        return Dataset(**records)


# -- the published data files -----------------------------------------------------------------


class Exports:
    """``export.files`` for the preview: the same files, the JSON and CSV put together from
    each record's pieces, kept from build to build."""

    def __init__(self) -> None:
        from . import export

        # Each record's JSON, CSV line and milestone rows, kept from build to build: an edit
        # makes again only those of the records it changed (at 10,000 records, 0.2 s instead
        # of about 2 s for the JSON and CSV files).
        self._pieces = export.Pieces()
        # Each published list (/api/v1/lists/) with the rows it was made from: made again only
        # when a row is not the very row of the last build (views.table.KeptRows keeps a row
        # only while it is exact), 0.3 to 1 s at 10,000 records otherwise.
        self._lists: dict[str, tuple[list[Any], str]] = {}

    def files(self, queries: Any, site_url: str, feed_size: int) -> dict[str, str | bytes]:
        from . import export

        out: dict[str, str | bytes] = {}
        out |= export.json_files(queries.data, site_url, self._pieces)
        out |= self._list_files(queries)
        out |= export.csv_files(queries.data, site_url, self._pieces)
        self._pieces.done()
        out["calendar.ics"] = export.calendar(queries, site_url)  # 0.15 s at 10,000 records
        out["feed.xml"] = export.feed(queries, site_url, feed_size)
        return out

    def _list_files(self, queries: Any) -> dict[str, str]:
        from . import export
        from .urls import list_json_path

        lists: dict[str, tuple[list[Any], str]] = {}
        for table in queries.split_tables():
            path = list_json_path(table.collection)
            last = self._lists.get(path)
            if last is not None and len(last[0]) == len(table.rows) and all(map(operator.is_, last[0], table.rows)):
                text = last[1]
            else:
                text = export.list_file(table)
            lists[path] = (table.rows, text)
        self._lists = lists
        return {path: text for path, (_, text) in lists.items()}
