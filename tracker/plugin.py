"""The MkDocs plugin: check the data before anything is built, add one page per record and the
published data files, and put the built site in place only when the whole build succeeded.

With ``macros.py``, the only code that knows about MkDocs. Listed under ``plugins:`` in
``mkdocs.yml`` as ``tracker`` (entry point in ``pyproject.toml``), before ``macros``.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import json
import logging
import os
import re
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs import utils
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.meta import get_data

from . import export, incremental, render, urls
from .dataset import Dataset
from .jinja_cache import CACHE
from .load import DataError, load, stamp
from .models import Record
from .pages import KeptPages, Page, missing_from_nav, pages
from .queries import Queries
from .views.lists import INDEX_ROWS, TABLES
from .views.table import KeptRows

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}
log = logging.getLogger("mkdocs.plugins.tracker")
# MkDocs' own logger for builds: it warns on every dirty build (see incremental.DirtyWarning).
_BUILD_LOG = logging.getLogger("mkdocs.commands.build")


class TrackerConfig(base.Config):
    # Where the records are read from, relative to mkdocs.yml; the tests point it at their
    # fixture through TRACKER_DATA.
    data_dir = c.Type(str, default="data")
    # How many of the latest milestones and events the Atom feed carries.
    feed_size = c.Type(int, default=export.FEED_SIZE)
    # A Content-Security-Policy on every built page: no inline script but Material's own.
    content_security_policy = c.Type(bool, default=True)
    # A build meant for publishing (make publish): refuse a site_url on this machine, which
    # would put local addresses into every citation, the feed, the calendar and the CSV.
    publish = c.Type(bool, default=False)
    # Where "Suggest a correction" on every record page leads: an issue tracker's new-issue
    # address (https://…) or an e-mail address (mailto:…). Unset, it leads to the Method
    # page's "Reporting an error", which every record page also links.
    corrections = c.Type(str, default="")
    # A collection's index with more rows than this is split by year: the index shows a table
    # of years and the latest year's rows, each year has a page of its own, and the filters
    # search every record through /api/v1/lists/<collection>.json (README, "Lists that sort
    # and filter"). At most this many, the index is one table, as it is without the option.
    index_rows = c.Type(int, default=INDEX_ROWS)
    # A build of at least this many data files (about one page each) renders its generated
    # pages in a second process while MkDocs converts pages to HTML in its own
    # (tracker/render.py; README, "Performance", has the measurement). 0: never.
    parallel_pages = c.Type(int, default=render.PARALLEL_PAGES)


class TrackerPlugin(BasePlugin[TrackerConfig]):
    def __init__(self) -> None:
        # MkDocs keeps one instance across the rebuilds of `mkdocs serve` (it has on_startup).
        self.command = ""
        self._stages = False
        self.data = Dataset.empty()  # the last dataset that loaded without problems
        self.problems: list[str] = []  # what is wrong with the data now (the preview shows it)
        self.queries = Queries(self.data)
        self._stamp: tuple = ()
        self._generated: dict[str, Page] = {}  # src_uri -> the page it is
        self._staging: Path | None = None  # where `mkdocs build` writes before site/ is replaced
        self._target: Path | None = None  # the site folder it replaces
        self._built = False
        # The live preview's incremental builds (`mkdocs serve --dirty`: `make serve`); see
        # tracker/incremental.py. Nothing of this runs in `mkdocs build` or a plain serve.
        self.dirty = False
        self._state = incremental.State()  # what the previous build of the preview made
        self._dirty_warning = incremental.DirtyWarning()
        self._builds = 0
        self._loader = incremental.Loader()  # the data, reading again only what changed
        self._exports = incremental.Exports()  # the data files, from each record's kept pieces
        self._kept_rows = KeptRows()  # the index tables' rows, used again where still exact
        self._kept_pages = KeptPages()  # each record's Page, while its record is kept
        self._started = 0.0
        self._pool: render.RenderPool | None = None  # a full build's second process
        self._reset_build()

    def _reset_build(self) -> None:
        """What one build of the preview works out, committed to the state once it succeeded."""
        self._full = True  # this build writes everything (the first, or a global input changed)
        self._inputs: Any = None
        self._unchanged: set[str] = set()  # src_uris MkDocs should treat as unmodified (skip)
        self._stash: dict[str, str] = {}  # Markdown rendered in on_nav for the pages it rebuilds
        self._refs: dict = {}
        self._new_pages: dict[str, bytes] = {}
        self._new_shown: dict[str, frozenset] = {}
        self._new_files: dict[str, str | bytes] = {}
        self._new_search: dict[str, list[dict]] = {}
        self._new_lists: dict[str, tuple] = {}
        self._search_mark = 0
        self._files: Files | None = None

    @property
    def incremental(self) -> bool:
        return self.dirty and self.command == "serve"

    # -- lifecycle ----------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        # `mkdocs build --dirty` updates the site folder in place by design: nothing to stage.
        self._stages = command == "build" and not dirty
        self.dirty = dirty
        if self.incremental and self._dirty_warning not in _BUILD_LOG.filters:
            _BUILD_LOG.addFilter(self._dirty_warning)
        self._dirty_warning.active = self.incremental

    # Before mkdocs-macros' on_config (macros.py reads the queries from here), and before
    # MkDocs empties the site folder. A bad record stops `mkdocs build` here; `mkdocs serve`
    # carries on with the last good data instead and every page says what is wrong
    # (theme/main.html), so an edit never leaves a blank or stuck tab.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self._started = time.monotonic()
        # Record pages are reached only through their section's index: a kind of record whose
        # index is not in mkdocs.yml's nav would have pages no reader can find.
        missing = missing_from_nav(config.nav or [])
        if missing:
            listed = ", ".join(f"{c}/index.md" for c in missing)
            raise PluginError(f"mkdocs.yml's nav does not list {listed}: add each section's index page")
        if self.config.index_rows < 1:
            raise PluginError(f"index_rows: {self.config.index_rows} is not a number of rows (1 or more)")
        self._load(config)
        config.extra["data_problems"] = self.problems
        target = self.config.corrections
        if target and not re.match(r"^(https?://[^\s\"'<>`]+|mailto:[^\s\"'<>`]+@[^\s\"'<>`]+)$", target):
            raise PluginError(f"corrections: {target!r} is neither an http(s):// address nor a mailto: address")
        if self.command == "build":
            self._check_site_url(config)
        if self._stages:
            self._stage(config)
        return config

    def _check_site_url(self, config: MkDocsConfig) -> None:
        host = urlsplit(config.site_url or "").hostname or ""
        if host and host not in LOCAL_HOSTS:
            return
        message = (
            f"site_url is {config.site_url or 'not set'}: citations, the feed, the calendar and the CSV "
            "name that address. Set SITE_URL=https://…/ (the public address) for a build meant for readers."
        )
        if self.config.publish:
            raise PluginError(f"refusing to publish: {message}")
        # Printed, not logged: `build --strict` would abort on a logged warning, and a local
        # build (the tests', a contributor's) is legitimate.
        print(f"WARNING: {message}", file=sys.stderr)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild the preview when a record changes, wherever ``data_dir`` points."""
        # `mkdocs serve --clean` starts its plugins as for a build: its first build is already
        # staged, and is put in place now, since the server serves the folder as it is.
        self._publish()
        self.command, self._stages = "serve", False
        server.watch(str(self.data_dir(config)))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        # Any failure, the strict-mode abort included (MkDocs raises it inside its build, after
        # on_post_build): the staged build is thrown away and the last good site stays. The
        # preview's next build is a full one: this one may have written part of the site.
        self._discard()
        self._close_pool()
        self._state.forget()
        self._reset_build()

    # After the search plugin's (priority 0), whose index the preview's builds complete.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._close_pool()
        if self.incremental:
            self._finish_preview(config)
        self._built = True

    def on_shutdown(self) -> None:
        if self._built:
            self._publish()
        self._discard()
        self._close_pool()
        _BUILD_LOG.removeFilter(self._dirty_warning)

    # -- the data -----------------------------------------------------------------------------

    def data_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.data_dir

    def _load(self, config: MkDocsConfig) -> None:
        """Read the data again only when a file under it changed since the last build."""
        folder = self.data_dir(config)
        now = stamp(folder)
        if now == self._stamp and not self.problems:
            return
        self._close_pool()
        if self.command == "build" and 0 < self.config.parallel_pages <= len(now):
            # Its process starts now and reads the data again, while this one does.
            self._pool = render.RenderPool(
                render.Settings(
                    config.config_file_path,
                    {
                        "site_url": config.site_url,
                        "use_directory_urls": config.use_directory_urls,
                        "docs_dir": config.docs_dir,
                    },
                    dict(self.config),
                    now,
                )
            )
            self._pool.start()
        try:
            # The preview reads again only the files that changed (tracker/incremental.py).
            self.data = self._loader.load(folder, now) if self.incremental else load(folder)
        except DataError as err:
            if self.command != "serve":
                raise PluginError(str(err)) from None
            # Printed, not logged: `serve --strict` would abort on a logged error.
            print(f"{err}\nThe preview shows the last valid data until these are fixed.", file=sys.stderr)
            self.problems = [str(p) for p in err.problems]
            return
        self._stamp, self.problems = now, []
        self.queries = Queries(self.data, self.config.index_rows, self._kept_rows if self.incremental else None)

    @property
    def data_stamp(self) -> tuple:
        """The data files as the data was last read (load.stamp)."""
        return self._stamp

    def _close_pool(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        pool.close()
        if pool.rendered:
            log.info(f"{pool.rendered} pages rendered in a second process (waited {pool.waited:.2f} s for them)")

    # -- pages and files ----------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Templates compiled in earlier builds of `mkdocs serve` are not compiled again.
        macros: Any = config.plugins["macros"]  # mkdocs-macros' plugin: its env is not in BasePlugin's type
        macros.env.bytecode_cache = CACHE
        # A global, which the macros of common.j2 (imported without a page's context) see:
        # "Cite this page" names the dataset's version (the build's date and git commit).
        env_globals = {
            "dataset_version": export.dataset_version(self.data_dir(config)),
            "corrections": self.config.corrections,
        }
        macros.env.globals.update(env_globals)
        self._generated = {}
        # The preview keeps each record's Page (and so its front matter) while its record is kept.
        for page in pages(self.queries, self._kept_pages if self.incremental else None):
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=page.front_matter, inclusion=inclusion))
            self._generated[page.src_uri] = page
        if self._pool is not None:
            # In the order MkDocs builds them: the order they were added in.
            self._pool.submit(list(self._generated), env_globals)
        site_url = config.site_url or "/"
        # A renamed record's old addresses (renamed_from) lead to its page.
        for path, page_html in redirects(self.queries, site_url).items():
            files.append(File.generated(config, path, content=page_html))
        make = self._exports.files if self.incremental else export.files
        for path, content in make(self.queries, site_url, feed_size=self.config.feed_size).items():
            file = File.generated(config, path, content=content)
            files.append(file)
            if self.incremental:
                # A data file is written again only when its content changed (kept whole, not
                # as a digest: most are the very strings of the last build, compared at once).
                self._new_files[path] = content
                before = self._state.files.get(path)
                if not self._full and (before is content or before == content):
                    self._unchanged.add(path)
        if self.incremental:
            for file in files:
                if file.src_uri in self._new_files or file.is_documentation_page():
                    # MkDocs asks each file whether to build it; the answer is worked out here.
                    file.is_modified = functools.partial(self._is_modified, file)  # type: ignore[method-assign]
        return files

    def _is_modified(self, file: File) -> bool:
        if self._full:
            return True
        return file.src_uri not in self._unchanged

    # Before mkdocs-macros, which leaves these pages alone (render_macros: false).
    @event_priority(100)
    def _page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        spec = self._generated.get(page.file.src_uri)
        if spec is None:
            return markdown
        rendered = self._stash.pop(spec.src_uri, None)
        if rendered is None and self._pool is not None:
            rendered = self._from_pool(spec)
        if rendered is None:
            rendered = self._render(spec, page, config)
        if self.incremental:
            self._remember_page(spec.src_uri, spec.front_matter, rendered)
        return rendered

    def render_page(self, spec: Page, page: MkDocsPage, config: MkDocsConfig) -> str:
        """The page's Markdown, from its template (render.py's worker calls this too)."""
        macros: Any = config.plugins["macros"]
        # What mkdocs-macros gives a page's template: its variables, the page's metadata by
        # name, and the page. Jinja keeps each template compiled in the environment.
        variables = {**macros.variables, **page.meta, "page": page}
        return macros.env.get_template(spec.template).render(**variables)

    def _render(self, spec: Page, page: MkDocsPage, config: MkDocsConfig) -> str:
        try:
            return self.render_page(spec, page, config)
        except Exception as err:  # noqa: BLE001 (any error is the page's)
            return self._render_failed(spec, template_error(err))

    def _render_failed(self, spec: Page, error: str) -> str:
        message = f"rendering {spec.src_uri} failed: {error}"
        if self.command == "serve":
            # The preview keeps serving: the page says what broke instead of a stuck tab.
            print(message, file=sys.stderr)
            return f"# Template error\n\n```\n{message}\n```\n"
        raise PluginError(message) from None

    def _from_pool(self, spec: Page) -> str | None:
        assert self._pool is not None
        result = self._pool.result(spec.src_uri)
        if result is None:
            return None
        status, text = result
        return text if status == "ok" else self._render_failed(spec, text)

    # After mkdocs-macros (priority 0): what it made of a hand-written page (the home page and
    # the Data page read the data).
    @event_priority(-100)
    def _page_markdown_after_macros(
        self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files
    ) -> str:
        if self.incremental and page.file.src_uri not in self._generated:
            uri = page.file.src_uri
            self._remember_page(uri, json.dumps(page.meta, sort_keys=True, default=str), markdown)
            # Read and rendered (it may show the data), but written only if it changed.
            if not self._full and self._state.pages.get(uri) == self._new_pages[uri]:
                self._unchanged.add(uri)
        return markdown

    on_page_markdown = CombinedEvent(_page_markdown, _page_markdown_after_macros)

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.bytecode_cache = CACHE
        # The theme's own templates (the 404 page) write the site's addresses as pages do.
        env.filters.update(urls.THEME_FILTERS)
        # The live preview injects an inline script of its own (live reload): no policy there.
        if self.config.content_security_policy and self.command != "serve":
            env.globals["content_security_policy"] = content_security_policy(env, config, files)
        return env

    # -- the live preview's incremental builds (tracker/incremental.py) ------------------------

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if not self.incremental:
            return
        self._reset_build()
        self._inputs = self._global_inputs(config)
        self._full = not self._state.ready or self._inputs != self._state.inputs or self._search_plugin(config) is None
        if self._full:
            # What MkDocs does before a build that is not dirty: the site is written anew.
            utils.clean_directory(config.site_dir)

    def _global_inputs(self, config: MkDocsConfig) -> tuple:
        """Everything but the records that any page may depend on: when one of these changes,
        the preview builds everything again."""
        root = Path(config.config_file_path).parent
        module = config.plugins["macros"].config.get("module_name") or "main"
        paths = [
            Path(config.config_file_path),
            Path(config.docs_dir),
            Path(__file__).parent,  # the code, the page templates and the theme overrides
            root / f"{module}.py",
            root / module,
            *(Path(w) for w in config.watch),
        ]
        if config.theme.custom_dir:
            paths.append(Path(config.theme.custom_dir))
        return (
            config.site_url,
            repr(config.nav),
            repr(config.extra),  # data_problems: the banner on every page
            export.build_time().date(),  # pages cite their build's year, the Data page its day
            incremental.tree_stamp([p for p in paths if p.exists()], self.data_dir(config)),
        )

    @staticmethod
    def _search_plugin(config: MkDocsConfig) -> Any:
        """Material's search plugin, whose index the preview completes; None if it is not used
        (every build of the preview is then a full one)."""
        search = config.plugins.get("material/search")
        index = getattr(search, "search_index", None)
        if search is None or index is None or not hasattr(index, "entries") or not search.config.enabled:
            return None
        return search

    # After mkdocs-macros' (priority 0), which hands templates the navigation.
    @event_priority(-50)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._files = files
        if not self.incremental or self._full:
            return nav
        state = self._state
        self._refs = state.reference_table(self.data)
        page_of = {key: urls.src_uri(record) for key, record in _records(self.data)}
        plan = state.plan(self.data, self._refs, page_of)
        year_pages = {uri for uri, spec in self._generated.items() if spec.query == "year"}
        years_before = {uri for uri in state.pages if uri.startswith("years/") and uri != "years/index.md"}
        candidates = set(plan.candidates)
        # A split index's year pages (views/lists.py): a row shows its record and the names
        # of records it refers to (parties, a publisher) or counts (the facts citing a source).
        list_pages = {uri for uri, spec in self._generated.items() if spec.query == "list_group"}
        lists_before = {uri for uri in state.pages if _LIST_PAGE.fullmatch(uri)}
        self._new_lists = self._list_keys()
        for uri, spec in self._generated.items():
            if spec.arg is None:  # section indexes, the timeline, the years index
                candidates.add(uri)
            elif uri in year_pages and (year_pages != years_before or spec.arg in plan.years):
                candidates.add(uri)  # a new or removed year changes every year's pager
            elif uri in list_pages and (
                list_pages != lists_before  # a year added or gone: the pagers change
                or state.lists.get(uri) != self._new_lists[uri]  # its rows, count or pager
            ):
                candidates.add(uri)
            elif uri not in state.pages:
                candidates.add(uri)
        for uri, spec in self._generated.items():
            if uri not in candidates:
                self._unchanged.add(uri)
                continue
            # Rendered now, with the metadata MkDocs would read from the page's front matter,
            # so that a page whose Markdown did not change is not even converted to HTML.
            file = files.get_file_from_path(uri)
            assert file is not None
            page = file.page or MkDocsPage(None, file, config)
            front = spec.front_matter
            page.meta = get_data(front)[1]
            markdown = self._render(spec, page, config)
            self._remember_page(uri, front, markdown)
            if state.pages.get(uri) == self._new_pages[uri]:
                self._unchanged.add(uri)
            else:
                self._stash[uri] = markdown
        return nav

    def _list_keys(self) -> dict[str, tuple]:
        """What each year's page of a split index shows (views.lists.Listing.key)."""
        return {
            uri: self.queries.list_group(str(spec.arg)).key()
            for uri, spec in self._generated.items()
            if spec.query == "list_group"
        }

    def _remember_page(self, uri: str, front: str, markdown: str) -> None:
        self._new_pages[uri] = incremental.digest(front, markdown)
        self._new_shown[uri] = incremental.mentions(markdown)

    # After the search plugin's (priority 0): the entries it made of this page.
    @event_priority(-100)
    def on_page_context(self, context: Any, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation) -> Any:
        if self.incremental:
            search = self._search_plugin(config)
            entries = search.search_index.entries if search is not None else []
            self._new_search[page.file.src_uri] = entries[self._search_mark :]
            self._search_mark = len(entries)
        return context

    def _finish_preview(self, config: MkDocsConfig) -> None:
        """The search index whole again, stale output deleted, and this build remembered."""
        state, files = self._state, self._files
        assert files is not None
        included = InclusionLevel.is_in_serve  # what `mkdocs serve` builds
        docs = [f.src_uri for f in files.documentation_pages(inclusion=included)]
        # Every page's entries, in the order a full build writes them: those of the pages built
        # now, and those of the others from the build that last wrote them.
        by_page = {uri: self._new_search[uri] if uri in self._new_search else state.search.get(uri, []) for uri in docs}
        search = self._search_plugin(config)
        if search is not None:
            index = type(search.search_index)(**search.search_index.config)
            index.entries = [entry for uri in docs for entry in by_page[uri]]
            path = os.path.join(config.site_dir, "search", "search_index.json")
            utils.write_file(index.generate_search_index(None).encode("utf-8"), path)
        # The pages and files that no longer exist (a record deleted or renamed).
        outputs = {f.abs_dest_path for f in files if included(f.inclusion)}
        for stale in sorted(state.outputs - outputs):
            _remove(Path(stale), Path(config.site_dir))
        # Numbered: MkDocs logs each of its own build messages only once per process.
        self._builds += 1
        written = sum(1 for uri in self._new_files if uri not in self._unchanged)
        what = "full build" if self._full else "rebuilt"
        log.info(
            f"Preview build {self._builds}: {what} {len(self._new_search)} of {len(docs)} pages, "
            f"wrote {written} of {len(self._new_files)} data files in {time.monotonic() - self._started:.2f} s"
        )
        state.refs = self._refs or state.reference_table(self.data)
        state.data = self.data
        state.pages = {uri: self._new_pages.get(uri) or state.pages[uri] for uri in docs}
        state.shown = {uri: self._new_shown.get(uri) or state.shown.get(uri, frozenset()) for uri in docs}
        state.files = self._new_files
        state.lists = self._new_lists or self._list_keys()
        state.search = by_page
        state.outputs = outputs
        state.inputs = self._inputs
        state.ready = True

    # -- the site folder ----------------------------------------------------------------------

    def _stage(self, config: MkDocsConfig) -> None:
        """Build into a new folder beside the site folder; it replaces the site folder only
        once the whole build has succeeded (on_shutdown), whatever fails and wherever."""
        self._discard()
        self._target = Path(config.site_dir).resolve()
        self._target.parent.mkdir(parents=True, exist_ok=True)
        self._staging = Path(tempfile.mkdtemp(prefix=f".{self._target.name}-building-", dir=self._target.parent))
        self._built = False
        config.site_dir = str(self._staging)

    def _publish(self) -> None:
        if self._staging is None or self._target is None or not self._built:
            return
        old = self._target.with_name(f".{self._target.name}-old-{os.getpid()}")
        if self._target.exists():
            os.replace(self._target, old)
        os.replace(self._staging, self._target)
        self._staging = None
        shutil.rmtree(old, ignore_errors=True)

    def _discard(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None


# The source of a split index's year page (views/lists.py): agreements/2024.md, agreements/undated.md;
# only the collections with a table, so never a year's own page (years/2024.md).
_LIST_PAGE = re.compile(rf"(?:{'|'.join(TABLES)})/(?:\d{{4}}|undated)\.md")


def _records(data: Dataset) -> Iterator[tuple[tuple[str, str], Record]]:
    for record in data.records():
        yield (record.collection, record.id), record


def _remove(path: Path, root: Path) -> None:
    """Delete a file a full build would not write, and the folders it leaves empty."""
    path.unlink(missing_ok=True)
    folder = path.parent
    root = root.resolve()
    while folder.resolve() != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def redirects(queries: Queries, site_url: str) -> dict[str, str]:
    """A small page at each old address of a renamed record (``renamed_from``), sending the
    reader on to the record's page: a meta refresh (which the Content-Security-Policy
    allows), a canonical link for search engines, and a plain link for anything else."""
    out: dict[str, str] = {}
    for record in queries.data.records():
        for old in record.renamed_from:
            target = urls.page_path(record)
            new = "../../" + target  # from /<collection>/<old>/ back to the root
            name = html.escape(record.label)
            out[f"{record.collection}/{old}/index.html"] = _REDIRECT.format(
                new=html.escape(new), canonical=html.escape(site_url + target), name=name
            )
    return out


_REDIRECT = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved: {name}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={new}">
<link rel="canonical" href="{canonical}">
</head>
<body>
<p>This record has a new address: <a href="{new}">{name}</a>.</p>
</body>
</html>
"""


def template_error(err: Exception) -> str:
    """Where in which template a rendering error happened, and what it was."""
    where = ""
    if isinstance(err, jinja2.TemplateSyntaxError):
        where = f"{err.name or err.filename}:{err.lineno}: "
    else:
        # Jinja rewrites tracebacks so that template frames carry the template's name and line.
        tb = err.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_code.co_filename
            if name.endswith(".j2") or name.endswith(".html"):
                where = f"{Path(name).name}:{tb.tb_lineno}: "
            tb = tb.tb_next
    return f"{where}{type(err).__name__}: {err}"


# -- Content-Security-Policy -----------------------------------------------------------------

# Material's inline scripts (palette, storage helpers, tabs…): the only inline scripts a page
# may run. They are rendered from the theme's own partials, never read back from built pages,
# so a script that reached a page through the data could not be allowed by mistake.
_THEME_SCRIPTS = (
    "partials/javascripts/base.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/content.html",
    "partials/javascripts/announce.html",
    "partials/javascripts/outdated.html",
    "partials/javascripts/consent.html",
)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def content_security_policy(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> str:
    features = config.theme.get("features") or []
    hashes: set[str] = set()
    # Some scripts name the page's way back to the site root: one version per page depth,
    # and the 404 page's, which names the root by its path.
    depths = {f.dest_uri.count("/") for f in files.documentation_pages()} | {0}
    base_urls = {"/".join([".."] * depth) or "." for depth in depths} | {urlsplit(config.site_url or "/").path}
    for base_url in sorted(base_urls):
        for name in _THEME_SCRIPTS:
            try:
                html = env.get_template(name).render(config=config, base_url=base_url, features=features)
            except jinja2.TemplateNotFound:
                continue
            for script in _INLINE_SCRIPT.findall(html):
                digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
                hashes.add(f"'sha256-{digest}'")
    scripts = " ".join(["'self'", *sorted(hashes)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "worker-src 'self'",
            "connect-src 'self'",
            # Material colours and sizes some elements with style attributes.
            "style-src 'self' 'unsafe-inline'",
            # Material's icons are SVG data: URLs in its stylesheet.
            "img-src 'self' data:",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )
