"""The tracker plugin: the build's table of contents. It checks the data before anything is
built, adds one page per record and the published data files, and puts the built site in
place only once the whole build has succeeded; each concern is a module beside this one.

Listed under ``plugins:`` in ``mkdocs.yml`` as ``tracker`` (entry point in ``pyproject.toml``),
before ``macros``, which reads the data from it.
"""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page as MkDocsPage
from mkdocs.utils.meta import get_data

from .. import export, urls
from ..dataset import Dataset
from ..history import History
from ..history import read as read_history
from ..jinja_cache import CACHE
from ..load import DataError, load, stamp
from ..marks import DERIVED_WORDS
from ..pages import Page, pages
from ..queries import Queries
from ..version import PREVIEW, DatasetVersion, content_hash
from . import csp, preview, redirects, rendering, search_fields, staging, watch
from .config import TrackerConfig, check, corrections_for

# MkDocs' own logger for builds: it warns on every dirty build (preview.DirtyWarning).
_BUILD_LOG = logging.getLogger("mkdocs.commands.build")


class TrackerPlugin(BasePlugin[TrackerConfig]):
    def __init__(self) -> None:
        # MkDocs keeps one instance across the rebuilds of `mkdocs serve` (it has on_startup).
        self.command = ""
        self.data = Dataset.empty()  # the last dataset that loaded without problems
        self.problems: list[str] = []  # what is wrong with the data now (the preview shows it)
        self.queries = Queries(self.data)
        self.version = content_hash(self.data)  # the data's version (tracker/version.py)
        self.history = History()  # this build's history of the data files (tracker/history.py)
        self.downloads: list[export.Download] = []  # this build's published files (the Data page)
        self._stamp: tuple = ()  # the data files as last read (load.stamp)
        self._generated: dict[str, Page] = {}  # src_uri -> the generated page it is
        self._markdown: dict[str, str] = {}  # the preview's rendered pages, until MkDocs reads them
        self._site = staging.StagedSite()  # `mkdocs build` writes here, then replaces site/
        self._staged = self._built = False  # a staged build; a build that succeeded
        self._csp = ""
        self._files = Files([])  # this build's files, as MkDocs builds them
        self._preview: preview.Preview | None = None  # `mkdocs serve --dirty` (make serve)
        self._watcher: watch.DataWatcher | None = None

    # -- lifecycle ----------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        # `mkdocs build --dirty` updates the site folder in place by design: nothing to stage.
        self._staged = command == "build" and not dirty
        if command == "serve":
            watch.stop_on_sigterm()
            if dirty:
                self._preview = preview.Preview()
                _BUILD_LOG.addFilter(_DIRTY_WARNING)

    # Before mkdocs-macros' on_config (macros.py reads the queries from here), and before
    # MkDocs empties the site folder. A bad record stops `mkdocs build` here; `mkdocs serve`
    # carries on with the last good data instead and every page says what is wrong
    # (theme/main.html), so an edit never leaves a blank or stuck tab.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        check(self.config, config, self.command)
        self._load(config)
        config.extra["data_problems"] = self.problems
        if self._staged:
            config.site_dir = self._site.stage(config.site_dir)
        return config

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # `mkdocs serve --clean` starts its plugins as for a build: its first build is already
        # staged, and is put in place now, since the server serves the folder as it is.
        self._publish()
        self.command, self._staged = "serve", False
        if self.config.enabled:
            self._watcher = watch.DataWatcher(server, self.data_dir(config))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        # Any failure, the strict-mode abort included (MkDocs raises it inside its build, after
        # on_post_build): the staged build is thrown away and the last good site stays.
        self._site.discard()
        if self._preview is not None:
            self._preview.forget()

    def on_shutdown(self) -> None:
        self._publish()
        self._site.discard()
        _BUILD_LOG.removeFilter(_DIRTY_WARNING)

    def _publish(self) -> None:
        if self._built:
            self._site.publish()

    # -- the data -----------------------------------------------------------------------------

    def data_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.data_dir

    def _load(self, config: MkDocsConfig) -> None:
        """Read the data again when a file under it changed since the last build."""
        folder = self.data_dir(config)
        now = stamp(folder)
        if self._watcher is not None:
            self._watcher.update()
        if now == self._stamp and not self.problems:
            return
        try:
            self.data = load(folder)
        except DataError as err:
            if self.command != "serve":
                raise PluginError(str(err)) from None
            # Printed, not logged: `serve --strict` would abort on a logged error.
            print(f"{err}\nThe preview shows the last valid data until these are fixed.", file=sys.stderr)
            self.problems = [str(p) for p in err.problems]
            return
        self._stamp, self.problems = now, []
        self.queries = Queries(self.data, self.config.index_rows)
        self.version = content_hash(self.data)

    # -- pages and files ----------------------------------------------------------------------

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self._preview is not None and self.config.enabled:
            self._preview.start(config, self.data_dir(config))

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if not self.config.enabled:
            return files
        macros: Any = config.plugins["macros"]  # mkdocs-macros' plugin: its env is not in BasePlugin's type
        # Templates compiled in earlier builds of `mkdocs serve` are not compiled again.
        macros.env.bytecode_cache = CACHE
        # Globals, which the macros of common.j2 (imported without a page's context) see.
        folder = self.data_dir(config)
        history = self.history = read_history(folder)
        # The live preview's pages and files say "preview" (tracker/version.py, PREVIEW).
        version = DatasetVersion(PREVIEW if self.command == "serve" else self.version, export.build_time().date())
        macros.env.globals.update(
            dataset_version=version,
            corrections=corrections_for(self.config, config, folder, history),
            marks_of=self.queries.marks,
            derived_words=DERIVED_WORDS,
        )
        make = preview.PreviewFile if self._preview is not None else File
        if self._preview is not None:
            preview.hand_written_pages(files)
        self._generated = {page.src_uri: page for page in pages(self.queries)}
        for page in self._generated.values():
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(make.generated(config, page.src_uri, content=page.front_matter, inclusion=inclusion))
        site_url = config.site_url or "/"
        # The live preview injects an inline script of its own (live reload): no policy there.
        self._csp = csp.policy(config, files) if self.config.content_security_policy and self.command != "serve" else ""
        published = export.files(
            self.queries, site_url, feed_size=self.config.feed_size, history=history, version=version
        )
        self.downloads = export.downloads(published)
        for path, content in {**redirects.redirects(self.data, site_url, self._csp), **published}.items():
            file = make.generated(config, path, content=content)
            if self._preview is not None:
                self._preview.add(file, content)
            files.append(file)
        return files

    # After mkdocs-macros' (priority 0), which hands templates the navigation.
    @event_priority(-50)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self._files = files
        if self._preview is not None and self.config.enabled:
            self._markdown = self._preview.render_all(files, lambda file: self._render_early(file, config))
        return nav

    def _render_early(self, file: File, config: MkDocsConfig) -> tuple[str, str]:
        """A generated page rendered before MkDocs reads it, with the metadata MkDocs would read
        from its front matter: its front matter and Markdown."""
        spec = self._generated[file.src_uri]
        page = file.page or MkDocsPage(None, file, config)
        page.meta = get_data(spec.front_matter)[1]
        return spec.front_matter, self._render(spec, page, config)

    def _render(self, spec: Page, page: MkDocsPage, config: MkDocsConfig) -> str:
        return rendering.render(spec, page, config, serving=self.command == "serve")

    # Before mkdocs-macros, which leaves these pages alone (render_macros: false).
    @event_priority(100)
    def _generated_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        spec = self._generated.get(page.file.src_uri)
        if spec is None:
            return markdown
        rendered = self._markdown.pop(spec.src_uri, None)
        return rendered if rendered is not None else self._render(spec, page, config)

    # After mkdocs-macros: a page of docs/ is read in every preview build (its macros may show
    # the data) and written only when what mkdocs-macros made of it changed.
    @event_priority(-100)
    def _hand_written_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        if self._preview is not None and page.file.src_uri not in self._generated:
            self._preview.add(page.file, json.dumps(page.meta, sort_keys=True, default=str), markdown)
        return markdown

    on_page_markdown = CombinedEvent(_generated_markdown, _hand_written_markdown)

    # After the search plugin's (priority 0): the entries it made of this page.
    @event_priority(-100)
    def on_page_context(self, context: Any, *, page: MkDocsPage, config: MkDocsConfig, nav: Navigation) -> Any:
        if self._preview is not None and preview.search_plugin(config) is not None:
            self._preview.page_indexed(page.file.src_uri, config)
        return context

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.bytecode_cache = CACHE
        # The theme's own templates (the 404 page) write the site's addresses as pages do.
        env.filters.update(urls.THEME_FILTERS)
        if self._csp:
            env.globals["content_security_policy"] = self._csp
        return env

    # After the search plugin's (priority 0), whose index the preview completes and the
    # generated pages' search keys complete.
    @event_priority(-100)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._preview is not None and self.config.enabled:
            self._preview.finish(config, self._files, self.version)
        if self.config.enabled:
            search_fields.add(config.site_dir, search_fields.of(self._generated, self._files))
        self._built = True


_DIRTY_WARNING = preview.DirtyWarning()
