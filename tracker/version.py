"""The dataset's version: a digest of the validated records, which changes when the data does
and only then.

It is the first 12 hexadecimal digits of a SHA-256 over every record in a canonical form:
collections by name, records by id, each written as its collection, its id and its fields as
pydantic writes the validated model as JSON (field order that of the class, dates in ISO
form). It is made from the loaded records rather than from the files' bytes on purpose:

- what a reader cites is the data, not its spelling: a comment, a blank line, the order of
  keys in a file, quotes, or a file renamed from ``.yml`` to ``.yaml`` change no fact and leave
  the version as it was; any change to a value, a record added or removed, or an id renamed
  changes it;
- it does not depend on where the data is (the checkout's path), on the order the files were
  read in, on their times, on git, or on when the build ran: two builds of the same data, from
  a clone or an archive, today or next year, give the same version.

A change to the models that changes the published records (a new field with its default)
changes the version too: the files a data user downloads have changed with it.

The build's date is shown beside it (:class:`DatasetVersion`): the date says when, the version
says what.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date

from .dataset import Dataset

LENGTH = 12  # hexadecimal digits: 48 bits, no collision to fear between versions of one dataset

# The version the live preview (`mkdocs serve`) gives: data being edited is not yet a version
# anyone can cite, and a digest in every page would make every edit change every page, which
# the preview would then convert again (it converts only the pages whose content changed).
PREVIEW = "preview"


def content_hash(data: Dataset) -> str:
    """The dataset's version: a digest of its records, whatever their files and order."""
    h = hashlib.sha256()
    for collection in sorted(data.collections):
        table = data[collection]
        for record_id in sorted(table):
            body = table[record_id].model_dump_json().encode("utf-8")
            head = f"{collection}\0{record_id}\0{len(body)}\0".encode()
            h.update(head)
            h.update(body)
    return h.hexdigest()[:LENGTH]


@dataclass(frozen=True)
class DatasetVersion:
    """Which data a build shows (``id``, the content hash) and when it was built (``built``)."""

    id: str
    built: date

    @property
    def label(self) -> str:
        """As citations write it: "3f9a0c1d2e4b (built 2026-12-07)"."""
        return f"{self.id} (built {self.built.isoformat()})"
