"""Which pages the site has, at which URL, from which template and query.

A page's URL section, its template and its query share one name: the record page
``/agreements/<id>/`` comes from ``templates/agreement.md.j2`` and ``Queries.agreement(id)``;
the section index ``/agreements/`` from ``agreements.md.j2`` and ``Queries.agreements()``.
Every kind of record (tracker/kinds.py) gets both, named from its class's ``singular`` and
``collection``, under its kind's heading.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from .kinds import kind, kinds
from .markup import meta
from .models import COLLECTIONS, Record
from .queries import Queries
from .urls import index_path, index_src_uri, list_group_src_uri, src_uri, year_src_uri
from .views.base import abstract

# Pages that only list what record pages say: indexing them would make the search index
# several times larger, and every search would find each record twice or more. Besides
# these, every collection's index (looked up in COLLECTIONS when asked: kinds may be
# registered after this module is imported).
UNSEARCHED = {"timeline", "years", "list_group", "treaties", "disagreements"}

# Where a query matches several pages equally well, the pages readers come for first: each
# kind's record pages by its weight (tracker/kinds.py, Kind.search_boost), a year's page by this.
YEAR_BOOST = 1.5


@dataclass(frozen=True)
class Page:
    src_uri: str
    query: str
    arg: str | int | None
    title: str
    description: str
    section: str | None = None
    section_url: str | None = None
    # What search finds the page by before any text, in fields of the search index that
    # results never show (tracker/site/search_fields.py; their weights in mkdocs.yml): the
    # short names and search terms a record stands for, and the words of all its names.
    search_keys: SearchKeys = field(default_factory=lambda: SearchKeys())
    # How far search ranks the page above or below others that match as well (Material's
    # per-page `search.boost`, a factor).
    search_boost: float = 1.0
    # Whether the page shows its table of contents in a side bar (the treaty register's table
    # needs the width).
    toc: bool = True

    @property
    def in_nav(self) -> bool:
        """Section indexes are in the navigation; record pages are reached through them."""
        return self.section is None

    @property
    def wide(self) -> bool:
        """Section indexes and the year pages of a split index are wide tables and grids: the
        tabs give the navigation, the side bar is hidden."""
        return self.section is None or self.query == "list_group"

    @property
    def template(self) -> str:
        return f"{self.query}.md.j2"

    @property
    def searched(self) -> bool:
        """Pages that only list what record pages say stay out of the search index."""
        return self.query not in UNSEARCHED and self.query not in {index_query(c) for c in COLLECTIONS}

    # Worked out once per Page (cached_property writes the instance's own __dict__, which a
    # frozen dataclass allows): the plugin reads it more than once.
    @cached_property
    def front_matter(self) -> str:
        """The page source: front matter, then a line mkdocs-macros leaves alone.

        Written as JSON, which is YAML too and which Python writes far faster than a YAML
        dumper (it matters at ten thousand pages). The plugin renders the body itself
        (on_page_markdown).
        """
        meta: dict[str, object] = {"title": self.title, "description": self.description, "render_macros": False}
        if self.arg is not None:
            meta["record"] = self.arg
        if self.section:
            meta |= {"section": self.section, "section_url": self.section_url or ""}
        if self.wide or self.section:
            # Section indexes are wide tables and grids: the tabs already give the navigation.
            # Record pages are out of the navigation (NOT_IN_NAV): its column would stay empty
            # beside their milestones and tables.
            meta["hide"] = ["navigation"] if self.toc else ["navigation", "toc"]
        if not self.searched:
            meta["search"] = {"exclude": True}
        if self.searched and self.search_boost != 1.0:
            meta["search"] = {"boost": self.search_boost}
        front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
        return f"---\n{front}\n---\n"


def index_query(collection: str) -> str:
    """The query and template of a collection's index: its name (``agreements``), or, for a
    kind whose singular is the same word (``series``), that word and ``_index``, so that the
    index and the record pages keep a template each."""
    return f"{collection}_index" if COLLECTIONS[collection].singular == collection else collection


def record_page(record: Record) -> Page:
    described = kind(record.collection)
    return Page(
        src_uri(record),
        record.singular,
        record.id,
        meta(record.label),
        meta(abstract(record)),
        section=described.heading,
        section_url=index_path(record.collection),
        search_keys=search_keys(record),
        search_boost=described.search_boost,
    )


def pages(queries: Queries) -> list[Page]:
    """Every generated page, in the order MkDocs builds them."""
    data = queries.data
    out: list[Page] = []
    for described in kinds():
        collection, title = described.collection, described.heading
        out.append(
            Page(
                index_src_uri(collection),
                index_query(collection),
                None,
                title,
                f"{title} in the Korea–Singapore Partnership Tracker",
            )
        )
        for record in data[collection].values():
            out.append(record_page(record))
    # A large index split by year: each year's rows on a page of its own (views/lists.py).
    for table in queries.split_tables():
        heading = kind(table.collection).heading
        for group in table.groups:
            name = "undated" if group == "undated" else group
            out.append(
                Page(
                    list_group_src_uri(table.collection, group),
                    "list_group",
                    f"{table.collection}/{group}",
                    f"{heading}: {name}",
                    f"{heading} of the Korea–Singapore Partnership Tracker: {name}",
                    section=heading,
                    section_url=index_path(table.collection),
                )
            )
    out.append(
        Page(
            "treaties.md",
            "treaties",
            None,
            "Treaty register",
            "Every treaty between Korea and Singapore, its life, and whether it is in force",
            toc=False,
        )
    )
    out.append(Page("timeline.md", "timeline", None, "Timeline", "Every dated milestone and event, in order"))
    # Linked from the Method page and from every "accounts differ" mark; under Method's tab.
    out.append(
        Page(
            "disagreements.md",
            "disagreements",
            None,
            "Where the documents differ",
            "Every date and figure the documents give differently, each account with its document",
            section="Method",
            section_url="method/",
        )
    )
    out.append(Page("years/index.md", "years", None, "Years", "Korea–Singapore cooperation year by year"))
    for year in queries.year_numbers:
        out.append(
            Page(
                year_src_uri(year),
                "year",
                year,
                str(year),
                f"What Korea and Singapore agreed and did in {year}",
                section="Years",
                section_url="years/",
                search_keys=SearchKeys(terms=(str(year),) * EMPHASIS),
                search_boost=YEAR_BOOST,
            )
        )
    return out


@dataclass(frozen=True)
class SearchKeys:
    """What search finds a page by, in two fields of the search index that results never show
    (Material shows a page's `tags` as chips under each result, word by word): ``terms`` weigh
    most (mkdocs.yml's search ``fields``), ``names`` less, titles less again, text least."""

    # The abbreviations a record stands for alone (its short name or search terms of one word:
    # KSFTA, FTA, SMR), several times over (EMPHASIS): a page whose abbreviation is the query
    # comes first.
    terms: tuple[str, ...] = ()
    # Every word of its name, of every other name and spelling the documents use and of its
    # short names and search terms of several words, weighed by the length of the shortest
    # name holding it (_weighed), not by how many names hold it (a record with many names does
    # not outweigh one with few), without the words in AVOID.
    names: tuple[str, ...] = ()

    def fields(self) -> dict[str, str]:
        """The page's entry in the search index gains these fields (empty ones left out)."""
        out = {"terms": " ".join(self.terms), "names": " ".join(self.names)}
        return {key: value for key, value in out.items() if value}


def search_keys(record: Record) -> SearchKeys:
    """What search finds the record by before its title and text.

    Search matches every word of a query to the words it begins (Material's search adds a
    wildcard to each): "AI" finds "Aiying" and "air" as well as "AI". So the abbreviations a
    record stands for go in a field of their own, weighed a hundred times the words of names:
    the pages abbreviated "AI" come before those whose names hold a word beginning "ai"."""
    others = [*getattr(record, "aliases", ()), *getattr(record, "names", ())]
    keys = [_WORD.findall(k) for k in (getattr(record, "short_name", None), *record.search_terms) if k]
    # A short name or search term of one word is an abbreviation (KSFTA, SMR); one of several
    # ("Hyundai E&C", "tax treaty") is another name, whose words are as common as any name's.
    # Only words go into the index (letters and digits: no markup, nothing to escape).
    terms = [words[0] for words in keys if len(words) == 1]
    names = [record.label, *(n.name for n in others), *(" ".join(words) for words in keys if len(words) > 1)]
    return SearchKeys(terms=tuple(terms * EMPHASIS), names=tuple(_weighed(names)))


def _weighed(names: Iterable[str]) -> Iterable[str]:
    """The words of ``names``, each written as many times as it weighs: EMPHASIS shared out
    among the words of the shortest name holding it (rounded up). A word counts more in a
    short name than in a long one, as in the search index's length normalisation, which
    Material turns off: "Lee Kuan Yew" comes before "Lee Kuan Yew's official visit to South
    Korea (1979)", "Singapore" before every name that holds the word."""
    times: dict[str, int] = {}
    for name in names:
        words = [w for w in _WORD.findall(name.lower()) if w not in AVOID]
        for word in words:
            times[word] = max(times.get(word, 0), -(-EMPHASIS // len(words)))
    for word, n in times.items():
        yield from [word] * n


# A word as the search index splits text (mkdocs.yml's separator): letters and digits.
_WORD = re.compile(r"\w+")
# How many times over a record's own short names and search terms (and a year page's year)
# count in search: the index scores a term by how often a page holds it, with diminishing
# returns (Lunr's BM25 without length normalisation, as Material configures it).
EMPHASIS = 4
# Words of names that say nothing of the record (the "s" of "Korea's" and the little words
# of titles): left out of its names, so that a query of a short word ("in", "on", "s") does
# not rank a record first for holding it in its name. Search still finds them in titles and text.
AVOID = frozenset("a an and as at by for from in into its of on or s the to under with between".split())


def missing_from_nav(nav: Iterable[object]) -> list[str]:
    """The collections whose index page is not in ``nav`` (mkdocs.yml's, as MkDocs reads it).

    Record pages are reached only through their section's index, so a kind of record whose
    index is missing from the navigation has pages no reader can find.
    """

    def targets(items: Iterable[object]) -> Iterable[str]:
        for item in items:
            if isinstance(item, str):
                yield item
            elif isinstance(item, dict):
                for value in item.values():
                    yield from targets(value if isinstance(value, list) else [value])

    listed = set(targets(nav))
    return [c for c in COLLECTIONS if index_src_uri(c) not in listed]
