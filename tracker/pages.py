"""Which pages the site has, at which URL, from which template and query.

A page's URL section, its template and its query share one name: the record page
``/agreements/<id>/`` comes from ``templates/agreement.md.j2`` and ``Queries.agreement(id)``;
the section index ``/agreements/`` from ``agreements.md.j2`` and ``Queries.agreements()``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .markup import meta
from .models import COLLECTIONS, Record
from .queries import Queries

# Hand-written pages (docs/) are not listed here; neither is the home page.
SECTIONS = {cls.collection: cls.heading for cls in COLLECTIONS.values()}


# Pages that only list what record pages say: indexing them would make the search index
# several times larger, and every search would find each record twice or more.
UNSEARCHED = {*COLLECTIONS, "timeline", "years", "year"}


def src_uri(record: Record) -> str:
    return f"{record.collection}/{record.id}.md"


def json_uri(record: Record) -> str:
    """A record's JSON sits beside its page: /agreements/<id>/ has /agreements/<id>.json."""
    return f"{record.collection}/{record.id}.json"


@dataclass(frozen=True)
class Page:
    src_uri: str
    query: str
    arg: str | int | None
    title: str
    description: str
    section: str | None = None
    section_url: str | None = None

    @property
    def in_nav(self) -> bool:
        """Section indexes are in the navigation; record pages are reached through them."""
        return self.section is None

    @property
    def template(self) -> str:
        return f"{self.query}.md.j2"

    @property
    def searched(self) -> bool:
        """Pages that only list what record pages say stay out of the search index."""
        return self.query not in UNSEARCHED


def pages(queries: Queries) -> list[Page]:
    data = queries.data
    out: list[Page] = []
    for collection, title in SECTIONS.items():
        out.append(
            Page(
                f"{collection}/index.md", collection, None, title, f"{title} in the Korea–Singapore Partnership Tracker"
            )
        )
        for record in data[collection].values():
            summary = getattr(record, "summary", None) or getattr(record, "statement", None) or record.label
            out.append(
                Page(
                    src_uri(record),
                    record.singular,
                    record.id,
                    meta(record.label),
                    meta(summary),
                    section=title,
                    section_url=f"{collection}/",
                )
            )
    out.append(Page("timeline.md", "timeline", None, "Timeline", "Every dated milestone and event, in order"))
    out.append(Page("years/index.md", "years", None, "Years", "Korea–Singapore cooperation year by year"))
    for year in queries.years():
        out.append(
            Page(
                f"years/{year}.md",
                "year",
                year,
                str(year),
                f"What Korea and Singapore agreed and did in {year}",
                section="Years",
                section_url="years/",
            )
        )
    return out
