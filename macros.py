"""mkdocs-macros module: hands the page templates the queries, the filters and citations."""

from pathlib import Path

from tracker import export
from tracker.filters import FILTERS, Citations
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
