"""MkDocs hook: check the data before anything is built, then add one page per record.

With macros.py, the only code that knows about MkDocs.
"""

from __future__ import annotations

import gc
import multiprocessing
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from tracker import export
from tracker.jinja_cache import CACHE
from tracker.load import DataError, load_cached
from tracker.pages import pages
from tracker.queries import for_dataset

_command = "build"
_exports: tuple = (None, "")


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
    queries = for_dataset(load_cached(data_dir(config), keep_last_good=True))
    for page in pages(queries):
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=page.markdown(), inclusion=inclusion))
    # The data files are written by a second process while MkDocs reads every page (the
    # machine has two cores); MkDocs copies them into the site after that (see on_env).
    global _exports
    folder = tempfile.mkdtemp(prefix="tracker-data-")
    for path in export.paths(queries.data):
        files.append(File.generated(config, path, abs_src_path=str(Path(folder, path))))
    process = multiprocessing.get_context("fork").Process(
        target=export.write, args=(queries, config.site_url or "/", folder), daemon=True
    )
    process.start()
    _exports = (process, folder)
    return files


def on_env(env, config: MkDocsConfig, files: Files):
    env.bytecode_cache = CACHE
    process, _ = _exports
    process.join()
    if process.exitcode != 0:
        raise PluginError(f"writing the published data files failed (exit status {process.exitcode})")
    return env


def on_post_build(config: MkDocsConfig) -> None:
    shutil.rmtree(_exports[1], ignore_errors=True)
