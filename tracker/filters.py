"""Helpers page templates call to write data into Markdown."""

from __future__ import annotations

from .dataset import Dataset
from .dates import PartialDate
from .markup import attr, text
from .models import LABELS, Record
from .pages import src_uri


def date(value: PartialDate | None) -> str:
    return str(value) if value else "date not given"


def label(value: str) -> str:
    return LABELS.get(value, value)


def link(record: Record, name: str | None = None) -> str:
    """A Markdown link to a record's page; MkDocs checks it exists and makes it relative."""
    return f"[{text(name or record.label)}](/{src_uri(record)})"


class Citations:
    """Numbers the sources one page cites, in the order the page first cites them.

    ``ref`` writes a bracketed number linking to the page's list of sources, which the
    template writes last from ``sources``; each entry there links to the source's own page.
    """

    def __init__(self, data: Dataset) -> None:
        self._data = data
        self._numbers: dict[str, int] = {}

    def ref(self, source_ids: list[str]) -> str:
        marks = []
        for source_id in dict.fromkeys(source_ids):
            number = self._numbers.setdefault(source_id, len(self._numbers) + 1)
            marks.append(f"[\\[{number}\\]](#source-{source_id}){{ .tk-cite }}")
        return "".join(marks)

    @property
    def sources(self) -> list[Record]:
        return [self._data.sources[source_id] for source_id in self._numbers]


FILTERS = {"text": text, "attr_text": attr, "date": date, "label": label, "link": link}
