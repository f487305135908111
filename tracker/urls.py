"""Where each record lives in the built site: one place for every URL the project writes.

A record's page is ``/<collection>/<id>/``, made by MkDocs from the generated source
``<collection>/<id>.md``; its JSON sits beside the page, at ``/<collection>/<id>.json``.
pages.py, export.py and the page templates (through the filters in filters.py) all ask here.
"""

from __future__ import annotations

from typing import Protocol


class Located(Protocol):
    """A record as far as its URL goes (every :class:`tracker.models.Record` is one)."""

    @property
    def collection(self) -> str: ...

    @property
    def id(self) -> str: ...


def src_uri(record: Located) -> str:
    """The generated page source, as MkDocs names it; links written to it are checked by MkDocs."""
    return f"{record.collection}/{record.id}.md"


def page_path(record: Located) -> str:
    """The page's address relative to the site's root: ``agreements/<id>/``."""
    return f"{record.collection}/{record.id}/"


def root_path(page_url: str) -> str:
    """From a page (its URL, ``sectors/``) back to the site's root: ``../``; ``""`` from the
    home page. For the HTML links a template writes itself, which MkDocs does not rewrite."""
    return "../" * page_url.count("/")


def page_url(record: Located, site_url: str) -> str:
    """The page's absolute address (a permalink): ``site_url`` ends with a slash."""
    return f"{site_url}{page_path(record)}"


def json_path(record: Located) -> str:
    """A record's JSON sits beside its page: /agreements/<id>/ has /agreements/<id>.json."""
    return f"{record.collection}/{record.id}.json"


def index_path(collection: str) -> str:
    """A collection's index page, relative to the site's root: ``agreements/``."""
    return f"{collection}/"


def index_src_uri(collection: str) -> str:
    """The generated source of a collection's index page, ``/agreements/``."""
    return f"{collection}/index.md"


def year_src_uri(year: int) -> str:
    """A year's generated page source, ``years/2024.md``."""
    return f"years/{year}.md"


def year_path(year: int) -> str:
    """A year's page relative to the site's root, ``years/2024/``: for the HTML links a
    template writes itself (the SVG histogram, the sectors grid)."""
    return f"years/{year}/"


def list_group_src_uri(collection: str, group: str) -> str:
    """One year's page of a split index (``/agreements/2024/``, ``/agreements/undated/``)."""
    return f"{collection}/{group}.md"


def list_json_path(collection: str) -> str:
    """The rows of a collection's index as data, for tracker.js to filter over every record."""
    return f"api/v1/lists/{collection}.json"


# For the theme's own templates (the 404 page), which MkDocs renders in its environment, not
# mkdocs-macros': the plugin's on_env adds them, so ``{{ "agreements"|index_path|url }}``.
THEME_FILTERS = {"index_path": index_path, "page_path": page_path}
