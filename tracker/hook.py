"""MkDocs hook: check the data before anything is built, then add one page per record.

With macros.py, the only code that knows about MkDocs.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import shutil
import sys
import tempfile
from pathlib import Path

from jinja2 import Template
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from tracker import export
from tracker.jinja_cache import CACHE
from tracker.load import DataError, load_cached
from tracker.pages import Page, pages
from tracker.queries import Queries, for_dataset

_command = "build"
_queries: Queries | None = None  # this build's, from on_files
_generated: dict[str, Page] = {}  # src_uri -> the page it is
_exports_folder = ""
_ahead: _SecondProcess | None = None


def data_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / config.extra["data_dir"]


def on_startup(command: str, dirty: bool) -> None:
    global _command
    _command = command
    # A build makes a great many objects that live to its end (pages, their HTML, the search
    # index); with the default thresholds the cyclic collector walks them again and again,
    # a fifth of a 1,000-record build and a growing share of larger ones.
    gc.set_threshold(100_000, 50, 1000)


# Before mkdocs-macros' on_config, which reads the data too, and before MkDocs empties
# site/: a bad record stops the build here and the last good site stays as it was.
# The live preview (mkdocs serve) carries on with the last good data instead, and every
# page says what is wrong (theme/main.html), so an edit never leaves a blank or stuck tab.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["data_problems"] = []
    try:
        load_cached(data_dir(config))
    except DataError as err:
        if _command != "serve":
            raise PluginError(str(err)) from None
        # Printed, not logged: `serve --strict` would abort on a logged error.
        print(f"{err}\nThe preview shows the last valid data until these are fixed.", file=sys.stderr)
        config.extra["data_problems"] = [str(p) for p in err.problems]
    return config


def on_serve(server, config: MkDocsConfig, builder):
    """Rebuild the preview when a record changes, wherever TRACKER_DATA points."""
    server.watch(str(data_dir(config)))
    return server


def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _queries, _generated, _exports_folder
    queries = _queries = for_dataset(load_cached(data_dir(config), keep_last_good=True))
    _generated = {}
    for page in pages(queries):
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=page.markdown(), inclusion=inclusion))
        _generated[page.src_uri] = page
    # The data files are written by the second process (on_nav); MkDocs copies them into the
    # site once it has them (on_env).
    _exports_folder = tempfile.mkdtemp(prefix="tracker-data-")
    for path in export.paths(queries.data):
        files.append(File.generated(config, path, abs_src_path=str(Path(_exports_folder, path))))
    return files


def on_nav(nav, config: MkDocsConfig, files: Files):
    """Start the second process: it renders the generated pages' templates, in the order MkDocs
    will ask for them, then writes the data files.

    MkDocs converts one page at a time on one core; the machine has two. Rendering a page's
    template takes about a tenth of the time MkDocs then spends on its Markdown and theme,
    so the second process stays ahead and the main one only collects its pages (about a
    tenth off a 10,000-record build). It works on a fork of this process: the same
    mkdocs-macros environment (variables, filters, strict undefined), the same Page objects.
    """
    global _ahead
    if _ahead is not None:
        _ahead.stop()
    macros = config.plugins["macros"]
    # Templates compiled in earlier builds of `mkdocs serve` are not compiled again.
    macros.env.bytecode_cache = CACHE
    order = [f for f in files.documentation_pages() if f.src_uri in _generated]
    _ahead = _SecondProcess(macros, order, _queries, config.site_url or "/", _exports_folder)
    return nav


# Before mkdocs-macros, which leaves these pages alone (render_macros: false in their front matter).
@event_priority(100)
def on_page_markdown(markdown: str, page, config: MkDocsConfig, files: Files) -> str:
    if page.file.src_uri not in _generated:
        return markdown
    return _ahead.page(page.file.src_uri)


def on_env(env, config: MkDocsConfig, files: Files):
    env.bytecode_cache = CACHE
    _ahead.finish()
    return env


class _SecondProcess:
    def __init__(self, macros, order: list[File], queries, site_url: str, folder: str) -> None:
        context = multiprocessing.get_context("fork")
        self._received: dict[str, str] = {}
        # A queue, not a bare pipe: its sending thread lets the second process go on to the
        # data files while this one is still collecting pages.
        self._queue = context.Queue()
        self._process = context.Process(
            target=self._run, args=(self._queue, macros, order, queries, site_url, folder), daemon=True
        )
        self._process.start()

    @staticmethod
    def _run(queue, macros, order: list[File], queries, site_url: str, folder: str) -> None:
        compiled: dict[str, Template] = {}
        uri = ""
        try:
            for file in order:
                uri = file.src_uri
                spec, page = _generated[uri], file.page
                page.meta = spec.meta()
                # What mkdocs-macros gives a page's template: its variables, the page's
                # metadata by name, and the page.
                variables = {**macros.variables, **page.meta, "page": page}
                if spec.body not in compiled:
                    compiled[spec.body] = macros.env.from_string(spec.body)
                queue.put((uri, compiled[spec.body].render(**variables), None))
        except Exception as err:  # noqa: BLE001 (any error is the page's, and ends the build)
            queue.put((uri, None, f"{type(err).__name__}: {err}"))
            queue.close()
            queue.join_thread()
            os._exit(1)
        export.write(queries, site_url, folder)

    def page(self, uri: str) -> str:
        while uri not in self._received:
            try:
                got, markdown, error = self._queue.get(timeout=1)
            except queue.Empty:
                if self._process.is_alive():
                    continue
                raise PluginError(
                    f"rendering {uri} failed: the second process stopped (exit status {self._process.exitcode})"
                ) from None
            if error:
                raise PluginError(f"rendering {got} failed: {error}")
            self._received[got] = markdown
        return self._received.pop(uri)

    def finish(self) -> None:
        while self._process.is_alive():  # taking any page nobody asked for, so that it can end
            try:
                self._queue.get(timeout=0.1)
            except queue.Empty:
                pass
        if self._process.exitcode != 0:
            raise PluginError(f"writing the published data files failed (exit status {self._process.exitcode})")

    def stop(self) -> None:
        """A build that failed half-way (in mkdocs serve) leaves its process behind."""
        if self._process.is_alive():
            self._process.kill()
        self._process.join()


def on_post_build(config: MkDocsConfig) -> None:
    shutil.rmtree(_exports_folder, ignore_errors=True)
