"""The tracker plugin's options, as ``mkdocs.yml`` gives them under ``plugins: - tracker:``.

Declared once, with their types and defaults, as Material for MkDocs declares its plugins'
options (``material/plugins/*/config.py``).
"""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c

from ..export import FEED_SIZE
from ..views.lists import INDEX_ROWS


class TrackerConfig(base.Config):
    enabled = c.Type(bool, default=True)
    """Off, the plugin reads no data and adds no page (a build of docs/ alone)."""

    data_dir = c.Type(str, default="data")
    """Where the records are read from, relative to mkdocs.yml (the tests point it at their
    fixtures through TRACKER_DATA)."""

    feed_size = c.Type(int, default=FEED_SIZE)
    """How many of the latest milestones and events the Atom feed carries."""

    content_security_policy = c.Type(bool, default=True)
    """A Content-Security-Policy on every built page (redirects included): no script but the
    site's own files and Material's own inline scripts, by hash. Not in `mkdocs serve`, whose
    live reload injects an inline script of its own."""

    publish = c.Type(bool, default=False)
    """A build meant for readers (`make publish`): refuses a `site_url` that is not a public
    https:// address, which every citation, the feed, the calendar and the CSV name."""

    corrections = c.Type(str, default="")
    """Where "Suggest a correction" on every record page leads: an issue tracker's new-issue
    address (https://…) or an e-mail address (mailto:…), given a message that names the record
    (tracker/corrections.py). Unset, it leads to the Method page's "Reporting an error", which
    every record page also links; a build for readers (`publish`) refuses to go without it."""

    edit_uri = c.Type(str, default="")
    """The address at which the repository offers to edit its files, for the repository's root
    (https://github.com/<owner>/<repo>/edit/main/): every record page then links its data file
    there ("Edit the data"). Unset, it is worked out from MkDocs' own `repo_url` and `edit_uri`
    where those are set; with neither, there is no such link."""

    index_rows = c.Type(int, default=INDEX_ROWS)
    """A collection's index with more rows than this is split by year: the index shows a
    table of years and the latest year's rows, each year has a page of its own, and the
    filters search every record through /api/v1/lists/<collection>.json."""
