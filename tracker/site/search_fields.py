"""What search finds a generated page by, written into the search index after Material's
search plugin wrote it: the fields of ``tracker.pages.SearchKeys`` on each page's entry.

Material's search indexes every field that mkdocs.yml's search ``fields`` names, with that
field's weight, and shows only a result's title, text and ``tags``: fields of their own find
a record by its abbreviations and other names without showing them. Only the page's first
entry (its top, which is the result readers see) gains them, not each of its sections.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from mkdocs.structure.files import Files

from ..pages import Page


def add(site_dir: str, fields: Mapping[str, Mapping[str, str]]) -> None:
    """Give the entry of each page at ``fields``' locations (its URL, ``agreements/x/``) those
    fields. Nothing to do when the search plugin wrote no index (it is disabled)."""
    path = Path(site_dir) / "search" / "search_index.json"
    if not fields or not path.is_file():
        return
    index = json.loads(path.read_text(encoding="utf-8"))
    for entry in index.get("docs", ()):
        extra = fields.get(entry.get("location"))
        if extra:
            entry.update(extra)
    # Written as Material writes it (tracker's builds are byte-for-byte reproducible).
    path.write_text(json.dumps(index, separators=(",", ":"), default=str), encoding="utf-8")


def of(generated: Mapping[str, Page], files: Files) -> dict[str, dict[str, str]]:
    """The search keys of every generated page that search lists (``generated``: each page by
    its source's path), by the URL its index entry has."""
    out = {}
    for uri, spec in generated.items():
        file = files.get_file_from_path(uri)
        if spec.searched and file is not None and (fields := spec.search_keys.fields()):
            out[file.url] = fields
    return out
