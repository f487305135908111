"""The tracker plugin's options, as ``mkdocs.yml`` gives them under ``plugins: - tracker:``.

Declared once, with their types and defaults, as Material for MkDocs declares its plugins'
options (``material/plugins/*/config.py``), then what is worked out from them and checked:
the addresses a build for readers needs, where corrections go.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from .. import addresses
from ..corrections import Corrections, edit_base
from ..export import FEED_SIZE
from ..history import History
from ..pages import missing_from_nav
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


_CORRECTIONS = r"^(https?://[^\s\"'<>`]+|mailto:[^\s\"'<>`]+@[^\s\"'<>`]+)$"
_EDIT_URI = r"^https://[^\s\"'<>`?#]+/$"


def check(options: TrackerConfig, config: MkDocsConfig, command: str) -> None:
    """The options and the site as mkdocs.yml gives them, checked before any data is read."""
    missing = missing_from_nav(config.nav or [])
    if missing:
        listed = ", ".join(f"{c}/index.md" for c in missing)
        raise PluginError(f"mkdocs.yml's nav does not list {listed}: add each section's index page")
    if options.index_rows < 1:
        raise PluginError(f"index_rows: {options.index_rows} is not a number of rows (1 or more)")
    if options.corrections and not re.match(_CORRECTIONS, options.corrections):
        raise PluginError(f"corrections: {options.corrections!r} is neither an http(s):// nor a mailto: address")
    if options.edit_uri and not re.match(_EDIT_URI, options.edit_uri):
        raise PluginError(f"edit_uri: {options.edit_uri!r} is not an https:// address ending in /")
    if command == "build":
        check_site_url(config.site_url or "", publish=options.publish)
        check_corrections(options.corrections, publish=options.publish)


def check_corrections(target: str, *, publish: bool) -> None:
    """A build for readers (`make publish`) needs somewhere for their corrections to go."""
    if publish and not target:
        raise PluginError(
            "refusing to publish: no corrections target. Every record page offers 'Suggest a correction',"
            " which must reach someone: set TRACKER_CORRECTIONS=https://…/issues/new (an issue tracker's"
            " new-issue address) or TRACKER_CORRECTIONS=mailto:…@… (the tracker plugin's `corrections`)."
        )


def check_site_url(site_url: str, *, publish: bool) -> None:
    """A site_url written into every page must be one a reader's browser reads as it is; a
    build for readers (`make publish`) needs a public https:// address."""
    unsafe = addresses.unsafe(site_url)
    if unsafe is not None:
        raise PluginError(f"site_url {site_url!r} holds {unsafe!r}, which no page may carry as it is")
    problem = addresses.problem(site_url, schemes=("https",)) if site_url else "site_url is not set"
    if not problem:
        return
    message = (
        f"{problem}. Citations, the feed, the calendar and the CSV name the site_url. Set "
        "SITE_URL=https://…/ (the public address) for a build meant for readers."
    )
    if publish:
        raise PluginError(f"refusing to publish: site_url {message}")
    # Printed, not logged: `build --strict` would abort on a logged warning, and a local build
    # (the tests', a contributor's) is legitimate.
    print(f"WARNING: site_url {message}", file=sys.stderr)


def corrections_for(options: TrackerConfig, config: MkDocsConfig, data_dir: Path, history: History) -> Corrections:
    """Where a record page's corrections go, and its data file's edit address (if known)."""
    root = Path(config.config_file_path).parent.resolve()
    try:
        data_path = data_dir.resolve().relative_to(root).as_posix()
    except ValueError:  # data from outside the project (the tests' copies): no file to edit
        data_path = ""
    base = options.edit_uri
    if not base:
        try:
            depth = len(Path(config.docs_dir).resolve().relative_to(root).parts)
        except ValueError:
            depth = 0
        base = edit_base(config.repo_url, config.edit_uri, depth) if depth else ""
    edit = f"{base}{data_path}/" if base and data_path else ""
    return Corrections(options.corrections, edit, data_path, history)
