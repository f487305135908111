"""A second process that renders the generated pages while MkDocs converts others.

MkDocs builds one page after another in one process: it reads a page's Markdown, the plugin
renders the page's template (``on_page_markdown``), and MkDocs converts the result to HTML,
about ten times longer than rendering it. In a large build the plugin hands the rendering
to one worker process (``concurrent.futures``, started with ``spawn``, so it works the same
on Linux, macOS and Windows): the worker reads the same ``mkdocs.yml`` and the same data, sets
up mkdocs-macros as a build does, renders the pages in the order MkDocs will ask for them and
sends them back by chunks, so the build's own process only converts. The plugin option
``parallel_pages`` says from how many pages (README, "Performance", has the measurement that
earns it its place).

The worker's pages are the very Markdown the build would render itself: the same templates,
the same page objects (``File.generated`` and ``Page``, built by MkDocs from the same
configuration) and the same front matter; ``tests/test_render.py`` compares the two builds
byte for byte. A template error comes back with its template and line
(``plugin.template_error``) and fails the build as it would in one process. If the worker
cannot start, or the data changed under it, the build renders in its own process.
"""

from __future__ import annotations

import logging
import multiprocessing
import time
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from typing import Any

log = logging.getLogger("mkdocs.plugins.tracker")

# The plugin's parallel_pages by default: below it, starting the worker (a new Python, its
# imports, the data read again) costs about what it saves (README, "Performance").
PARALLEL_PAGES = 2000

# The tracker plugin's command in the worker.
WORKER = "render-worker"

# Pages per task: small enough that the build's first pages wait little for the worker, large
# enough that sending each task costs nothing beside its rendering.
CHUNK = 100

# What the worker renders for a page: ("ok", markdown) or ("error", where and what went wrong).
Result = tuple[str, str]


class RenderPool:
    """The build's side: starts the worker, hands it the pages, takes each page's Markdown."""

    def __init__(self, settings: Settings) -> None:
        self._executor = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start,
            initargs=(settings,),
        )
        self._pending: dict[str, Future[dict[str, Result]]] = {}
        self._broken = False
        self.rendered = 0  # pages the build took from the worker
        self.waited = 0.0  # seconds the build spent waiting for them

    def start(self) -> None:
        """Start the worker's process now: it then reads the data while the build does, rather
        than once the build asks for the first pages (the build waited about 1 s for them at
        10,000 records)."""
        self._executor.submit(_ready)

    def submit(self, uris: list[str], globals_: dict[str, Any]) -> None:
        """Ask for these pages, in the order the build will need them."""
        for at in range(0, len(uris), CHUNK):
            chunk = uris[at : at + CHUNK]
            future = self._executor.submit(_render, chunk, globals_)
            for uri in chunk:
                self._pending[uri] = future

    def result(self, uri: str) -> Result | None:
        """The page's rendering, waiting for it if need be; None if the worker could not
        render it (the build then renders it itself)."""
        future = self._pending.pop(uri, None)
        if future is None or self._broken:
            return None
        started = time.perf_counter()
        try:
            result = future.result()[uri]
        except Exception as err:  # noqa: BLE001 (the worker did not start, or died)
            self._broken = True
            log.info(f"The second process could not render pages ({type(err).__name__}: {err}); rendering in this one")
            return None
        finally:
            self.waited += time.perf_counter() - started
        self.rendered += 1
        return result

    def close(self) -> None:
        self._pending.clear()
        self._executor.shutdown(wait=False, cancel_futures=True)


@dataclass(frozen=True)
class Settings:
    """What the worker needs to set up the build as the build's own process has it."""

    config_file: str
    overrides: dict[str, Any]  # what the command line or a caller changed in the configuration
    plugin: dict[str, Any]  # the tracker plugin's options as the build has them
    stamp: tuple  # the data files as the build read them (load.stamp)


# -- the worker process ------------------------------------------------------------------------


@dataclass
class _Worker:
    config: Any
    plugin: Any  # the worker's own TrackerPlugin
    macros: Any
    specs: dict[str, Any]


# The worker process's build, set up once by _start (concurrent.futures' initializer), or
# why it could not be; they exist only in the worker, never in the build's own process.
_WORKER: _Worker | None = None
_FAILED = ""


def _start(settings: Settings) -> None:
    global _WORKER, _FAILED  # noqa: PLW0603 (one per worker process, see above)
    # An initializer that raises breaks the pool with a traceback and no reason; each task
    # raises the reason instead, which the build logs before rendering the pages itself.
    try:
        _WORKER = _set_up(settings)
    except Exception as err:  # noqa: BLE001
        _FAILED = f"{type(err).__name__}: {err}"


def _set_up(settings: Settings) -> _Worker:
    from mkdocs.config import load_config

    from .pages import pages

    config = load_config(settings.config_file, **settings.overrides)
    plugin: Any = config.plugins["tracker"]  # the worker's own TrackerPlugin
    plugin.command = WORKER  # reads and checks the data, starts no worker of its own
    for key, value in settings.plugin.items():
        plugin.config[key] = value
    # Every plugin's on_config, as a build runs it: the tracker reads the data, mkdocs-macros
    # makes its Jinja environment and runs macros.py.
    config = config.plugins.on_config(config)
    if plugin.data_stamp != settings.stamp:
        raise RuntimeError("the data changed since the build read it")
    macros: Any = config.plugins["macros"]
    return _Worker(config, plugin, macros, {p.src_uri: p for p in pages(plugin.queries)})


def _ready() -> None:
    """A task that does nothing: the process and its set-up (_start) start with it."""


def _render(uris: list[str], globals_: dict[str, Any]) -> dict[str, Result]:
    from mkdocs.structure.files import File
    from mkdocs.structure.pages import Page
    from mkdocs.utils.meta import get_data

    from .plugin import template_error

    worker = _WORKER
    if worker is None:
        raise RuntimeError(_FAILED or "the worker was not started")
    worker.macros.env.globals.update(globals_)
    out: dict[str, Result] = {}
    for uri in uris:
        spec = worker.specs[uri]
        front = spec.front_matter
        page = Page(None, File.generated(worker.config, uri, content=front), worker.config)
        page.meta = get_data(front)[1]
        try:
            out[uri] = ("ok", worker.plugin.render_page(spec, page, worker.config))
        except Exception as err:  # noqa: BLE001 (any error is the page's, reported by the build)
            out[uri] = ("error", template_error(err))
    return out
