"""The search keys of generated pages, written into the index Material's search plugin wrote."""

from __future__ import annotations

import json
from pathlib import Path

from tracker.site import search_fields


def test_each_page_entry_gains_its_fields_and_its_sections_do_not(tmp_path: Path) -> None:
    index = {
        "config": {"fields": {"terms": {"boost": 1e6}}},
        "docs": [
            {"location": "agreements/x/", "title": "X", "text": "top"},
            {"location": "agreements/x/#notes", "title": "Notes", "text": "more"},
            {"location": "about/", "title": "About", "text": "hand-written"},
        ],
    }
    (tmp_path / "search").mkdir()
    path = tmp_path / "search" / "search_index.json"
    path.write_text(json.dumps(index), encoding="utf-8")
    search_fields.add(str(tmp_path), {"agreements/x/": {"terms": "KSFTA KSFTA", "names": "korea"}})
    docs = json.loads(path.read_text(encoding="utf-8"))["docs"]
    assert docs[0] == {**index["docs"][0], "terms": "KSFTA KSFTA", "names": "korea"}
    assert docs[1:] == index["docs"][1:]


def test_no_index_no_change(tmp_path: Path) -> None:
    search_fields.add(str(tmp_path), {"agreements/x/": {"terms": "KSFTA"}})
    assert not (tmp_path / "search").exists()
