"""The live preview stays exact on data larger than the fixture: generated records where many
share a party, a sector, a source or an event (more than any threshold a planner of "pages an
edit may change" could guess), events within events, and every kind of edit (add, change,
rename, delete) in every collection, in a random order, applied through `mkdocs serve --dirty`
after the two edits that once made it stale. After each step the site the preview serves is,
byte for byte, a clean full build's.

The seed is fixed so that a failure can be replayed; TRACKER_PREVIEW_SEED gives another.
"""

from __future__ import annotations

import os
import random
import re
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from conftest import ROOT
from test_preview import Preview, page

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402 (bench/ is not a package)

from tracker.models import COLLECTIONS  # noqa: E402

SEED = int(os.environ.get("TRACKER_PREVIEW_SEED", "25"))
SHARED = 70  # agreements signed at one event: above the old planner's guess of 64
# Generated records besides those: 243 with this seed, 313 in all (the issue asks for 300 at
# least), every one of the 70 sharing two parties, a sector, a source and an event.
GENERATED = 240
# A text field of each collection that its page shows, and others' pages may show too.
TEXT = {
    "agreements": "name",
    "events": "name",
    "sectors": "name",
    "people": "name",
    "organisations": "name",
    "sources": "title",
    "figures": "statement",
    "series": "name",
}


def read(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(path: Path, record: dict) -> None:
    path.write_text(yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100), encoding="utf-8")


def signed_at(event: str, i: int) -> dict:
    return {
        "name": f"Arrangement at the shared event {i}",
        "kind": "mou",
        "parties": ["organisation-00000", "organisation-00001"],
        "status": {"value": "signed", "as_of": "2020", "cite": ["source-00000"]},
        "milestones": [{"type": "signed", "date": "2020", "event": event, "cite": ["source-00000"]}],
        "sectors": ["sector-00000"],
        "summary": "Signed at the shared event.",
        "cite": ["source-00000"],
    }


def dataset(folder: Path) -> None:
    """The generated records, and the two shapes that once made the preview stale: many
    agreements signed at one event, and an event within a larger one."""
    generate(GENERATED, folder, seed=SEED)
    events = folder / "events"
    big, part = read(events / "event-00001.yml"), read(events / "event-00002.yml")
    big.pop("part_of", None)
    part["part_of"] = "event-00001"
    write(events / "event-00001.yml", big)
    write(events / "event-00002.yml", part)
    for i in range(SHARED):
        write(folder / "agreements" / f"shared-{i:03d}.yml", signed_at("event-00003", i))


class Edits:
    """Random edits of a data folder that keep it valid."""

    def __init__(self, folder: Path, rng: random.Random) -> None:
        self.folder, self.rng, self.made = folder, rng, 0

    def ids(self, collection: str) -> list[str]:
        return sorted(p.stem for p in (self.folder / collection).glob("*.yml"))

    def referenced(self, collection: str, record_id: str) -> bool:
        token = re.compile(rf"\b{re.escape(record_id)}\b")
        return any(
            token.search(p.read_text(encoding="utf-8"))
            for p in self.folder.rglob("*.yml")
            if p.stem != record_id or p.parent.name != collection
        )

    def add(self, collection: str) -> str:
        """A copy of a record under a new id (its references stay valid)."""
        self.made += 1
        source = self.rng.choice(self.ids(collection))
        new = f"added-{self.made:03d}"
        record = read(self.folder / collection / f"{source}.yml")
        record.pop("renamed_from", None)
        record[TEXT[collection]] = f"Added record {self.made}"
        write(self.folder / collection / f"{new}.yml", record)
        return f"add {collection}/{new} (a copy of {source})"

    def change(self, collection: str) -> str:
        target = self.rng.choice(self.ids(collection))
        path = self.folder / collection / f"{target}.yml"
        record = read(path)
        self.made += 1
        record[TEXT[collection]] = f"Changed text {self.made}"
        if collection == "events" and "date" in record:
            record["date"] = str(self.rng.randint(1990, 2026))  # to another year page
        write(path, record)
        return f"change {collection}/{target}"

    def rename(self, collection: str) -> str:
        """A new id, every reference to it rewritten, the old id kept as renamed_from."""
        old = self.rng.choice(self.ids(collection))
        self.made += 1
        new = f"renamed-{self.made:03d}"
        token = re.compile(rf"\b{re.escape(old)}\b")
        for path in self.folder.rglob("*.yml"):
            if path.parent.name == collection and path.stem == old:
                continue
            text = path.read_text(encoding="utf-8")
            if token.search(text):
                path.write_text(token.sub(new, text), encoding="utf-8")
        record = read(self.folder / collection / f"{old}.yml")
        record["renamed_from"] = [*record.get("renamed_from", []), old]
        (self.folder / collection / f"{old}.yml").unlink()
        write(self.folder / collection / f"{new}.yml", record)
        return f"rename {collection}/{old} to {new}"

    def delete(self, collection: str) -> str:
        """A record nothing refers to (one added earlier when every other is referred to)."""
        free = [i for i in self.ids(collection) if not self.referenced(collection, i)]
        if not free:
            self.add(collection)
            free = [f"added-{self.made:03d}"]
        target = self.rng.choice(free)
        (self.folder / collection / f"{target}.yml").unlink()
        return f"delete {collection}/{target}"


def test_random_edits_at_scale_give_the_site_a_full_build_gives(tmp_path: Path) -> None:
    source = tmp_path / "generated"
    dataset(source)
    preview = Preview(tmp_path, source=source)
    try:
        rng = random.Random(SEED)
        edits = Edits(preview.data, rng)
        data, site = preview.data, preview.site
        # The two cases a planner missed: a new agreement signed at the event 70 others were
        # signed at (each of their pages lists it), and one signed at an event within a larger
        # event (the larger event's page lists it through its part).
        steps: list[tuple[list[Callable[[], str]], Callable[[Path], bool]]] = [
            (
                [
                    lambda: (
                        write(data / "agreements" / "shared-new.yml", signed_at("event-00003", 999)) or "add shared"
                    ),
                    lambda: write(data / "agreements" / "within.yml", signed_at("event-00002", 998)) or "add within",
                ],
                lambda s: (
                    "Arrangement at the shared event 999" in page(s, "agreements/shared-000")
                    and "Arrangement at the shared event 998" in page(s, "events/event-00001")
                ),
            ),
        ]
        # Then every kind of edit in every collection, in a random order, applied at once: the
        # preview sees them over one or more of its polls. Each step is one snapshot, compared
        # with one full build (the test's main cost, with the preview's first build).
        jobs = [(kind, c) for kind in ("add", "change", "rename", "delete") for c in COLLECTIONS]
        rng.shuffle(jobs)
        steps.append(([lambda k=k, c=c: getattr(edits, k)(c) for k, c in jobs], preview.built_data()))
        for batch, shows in steps:
            done: list[str] = []
            preview.edit(lambda batch=batch, done=done: done.extend(edit() for edit in batch), shows)
            preview.snapshot("; ".join(done) + f" (seed {SEED})")
        assert site.exists()
        preview.check_snapshots()
    finally:
        preview.stop()


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_every_collection_has_a_text_field_to_change(collection: str) -> None:
    # A kind of record added to COLLECTIONS is edited by the test above only once it is here.
    assert collection in TEXT
