"""mkdocs-macros module: hands the page templates the queries, the filters and citations."""

import functools
from pathlib import Path

from tracker import export
from tracker.filters import FILTERS, Citations
from tracker.jinja_cache import CACHE
from tracker.load import load_cached
from tracker.queries import for_dataset


def define_env(env):
    # The hook has already refused bad data in a build; in `mkdocs serve` it keeps the last good.
    data = load_cached(Path(env.conf["config_file_path"]).parent / env.conf["extra"]["data_dir"], keep_last_good=True)
    env.variables["q"] = for_dataset(data)
    for name, function in FILTERS.items():
        env.filter(function, name)
    env.macro(lambda: Citations(data), "citations")
    # For the Data page: the published files' fields, straight from the schemas.
    env.variables["schemas"] = {c: export.data_schema(c) for c in export.COLLECTIONS}
    env.variables["schema_defs"] = export.nested_schemas()
    env.variables["schema_version"] = export.SCHEMA_VERSION
    env.variables["feed_size"] = export.FEED_SIZE
    env.variables["build_date"] = export.build_time().date()


def on_pre_page_macros(env):
    # mkdocs-macros compiles every page's source as a template. Generated pages of one kind
    # share one source ({% include "agreement.md.j2" %}), so compile each source only once.
    # (Its Jinja environment exists only after define_env, hence here, done on the first page.)
    if not hasattr(env.env.from_string, "cache_info"):
        env.env.from_string = functools.lru_cache(maxsize=64)(env.env.from_string)
        env.env.bytecode_cache = CACHE  # and keep the included templates compiled across rebuilds
