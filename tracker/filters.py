"""Helpers page templates call to write data into Markdown."""

from __future__ import annotations

from mkdocs.utils import get_relative_url

from .dataset import Dataset
from .dates import on, when
from .dates import written as date
from .export import schema_type
from .kinds import label as _label
from .markup import attr, text
from .models import Record, Source
from .urls import Located, index_src_uri, json_path, page_path, root_path, src_uri, year_path, year_src_uri
from .views.base import LASTING, plural, status_phrase, status_since


def href(record: Located, page_url: str) -> str:
    """A record's page as MkDocs writes a Markdown link to it on the page at ``page_url``
    (``sources/x/`` from ``sources/`` is ``x/``), by MkDocs' own rule: for the HTML a template
    writes itself, which MkDocs does not rewrite, so that it is the very HTML a Markdown link
    would have made."""
    return get_relative_url(page_path(record), page_url)


def html_link(record: Record, page_url: str) -> str:
    """``{{ record|html_link(page.url) }}``: a link to a record's page written as HTML, the very
    HTML Markdown makes of ``record|link``, for the long lists and tables that go through
    Markdown unread (tracker/passthrough.py). Written here rather than as a macro: the pages
    write tens of thousands of them, and a Jinja macro call costs several times a filter's."""
    return f'<a href="{href(record, page_url)}">{name(record.label)}</a>'


def number(value: float) -> str:
    """A figure's amount: whole numbers with thousands separators and no ".0"."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,}"


def label(value: str, enum: str) -> str:
    """``{{ a.kind|label("agreement.kind") }}``: a value with no label stops the build."""
    return _label(value, enum)


def name(value: object) -> str:
    """A name or title shown inline among other words: its text in ``<bdi>``, so that a name in
    a right-to-left script (or with a stray direction mark) is laid out on its own and never
    reorders the words around it."""
    return f"<bdi>{text(value)}</bdi>"


def link(record: Record) -> str:
    """A Markdown link to a record's page; MkDocs checks it exists and makes it relative."""
    return f"[{name(record.label)}](/{src_uri(record)})"


def year_src(year: int) -> str:
    """A Markdown link's target for a year's page, ``/years/2024.md``; MkDocs checks it."""
    return f"/{year_src_uri(year)}"


def index_src(collection: str) -> str:
    """A Markdown link's target for a collection's index page, ``/agreements/index.md``."""
    return f"/{index_src_uri(collection)}"


def data_link(record: Record) -> str:
    """A Markdown link to the record's published JSON."""
    return f"[JSON](/{json_path(record)})"


class Citations:
    """Numbers the sources one page cites, in the order the page first cites them.

    ``ref`` writes a bracketed number linking to the page's list of sources, which the
    template writes last from ``sources``; each entry there links to the source's own page.
    """

    def __init__(self, data: Dataset) -> None:
        self._data = data
        self._numbers: dict[str, int] = {}
        self._uses: dict[str, int] = {}  # source id -> how many marks cite it so far
        self._ids: dict[str, int] = {}

    def uid(self, prefix: str) -> str:
        """An id unique on the page (``derived-1``, ``derived-2``…), the same in every build."""
        self._ids[prefix] = self._ids.get(prefix, 0) + 1
        return f"{prefix}-{self._ids[prefix]}"

    def ref(self, source_ids: list[str]) -> str:
        """Bracketed numbers for the sources given, in number order and kept on one line.

        Each mark has an id the list of sources links back to, like footnotes, and is named by
        its number and its source's title in that list (``aria-labelledby``: the ids of both,
        no text of the data in an attribute); tracker.js shows that title, as text, in a
        tooltip on hover and on focus. Never a ``title`` attribute: Material's tooltips
        (``content.tooltips``) insert one's text as HTML.
        """
        numbers = {self._numbers.setdefault(s, len(self._numbers) + 1): s for s in dict.fromkeys(source_ids)}
        marks = []
        for n in sorted(numbers):
            source = numbers[n]
            use = self._uses[source] = self._uses.get(source, 0) + 1
            mark = f"cite-{source}-{use}"
            marks.append(
                f'<a class="tk-cite" id="{mark}" href="#source-{source}"'
                f' aria-labelledby="{mark} {self.title_id(source)}">&#91;{n}&#93;</a>'
            )
        return f'<span class="tk-refs" data-search-exclude>{"".join(marks)}</span>' if marks else ""

    @staticmethod
    def title_id(source_id: str) -> str:
        """The id of a source's title in the page's list of sources, which names its marks.
        A full stop, which no record's id has, keeps it apart from ``source-<id>``."""
        return f"source-{source_id}.title"

    def uses(self, source_id: str) -> list[int]:
        """The numbers of the marks citing a source, for the links back to them."""
        return list(range(1, self._uses.get(source_id, 0) + 1))

    def publisher(self, source: Source) -> str:
        """The name of a source's publisher, for the list of sources at a page's foot."""
        return self._data.organisations[source.publisher].name if source.publisher else ""

    @property
    def sources(self) -> list[Record]:
        return [self._data.sources[source_id] for source_id in self._numbers]


_BIBTEX = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def bibtex(value: object) -> str:
    """Text for a BibTeX field: its special characters escaped, so any title stays one field."""
    return "".join(_BIBTEX.get(c, c) for c in " ".join(str(value).split()))


FILTERS = {
    "text": text,
    "name": name,
    "attr_text": attr,
    "date": date,
    "on": on,
    "status_since": status_since,
    "status_phrase": status_phrase,
    "lasting": lambda status: status.value in LASTING,
    "plural": plural,
    "when": when,
    "number": number,
    "label": label,
    "link": link,
    "data_link": data_link,
    # A record's page from the site's root (for HTML links MkDocs does not rewrite: the SVGs).
    "page_path": page_path,
    "root_path": root_path,  # {{ page.url|root_path }}: the way back from the page to the root
    # {{ record|href(page.url) }}, {{ "years/2024/"|relative(page.url) }}: an address written
    # into HTML as MkDocs writes a Markdown link's (the long lists written as HTML).
    "href": href,
    "html_link": html_link,
    "relative": get_relative_url,
    "src_uri": src_uri,
    # {{ 2024|year_src }}, {{ "years"|index_src }}: Markdown links' targets, never written out.
    "year_src": year_src,
    "index_src": index_src,
    "year_path": year_path,  # {{ (y|year_path)|relative(page.url) }}: the HTML link's form
    "schema_type": schema_type,
    "bibtex": bibtex,
}
