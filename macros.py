"""mkdocs-macros module: hands the page templates the queries, the filters and citations.

The data comes from the tracker plugin (tracker/site/plugin.py), listed before ``macros`` in
mkdocs.yml: it has read and checked it in its own on_config, which runs first.
"""

from tracker import export
from tracker.filters import FILTERS, Citations
from tracker.history import changes


def define_env(env):
    tracker = env.conf["plugins"].get("tracker")
    if tracker is None:
        raise RuntimeError("macros.py needs the tracker plugin: list 'tracker' under plugins: in mkdocs.yml")
    env.variables["q"] = tracker.queries
    for name, function in FILTERS.items():
        env.filter(function, name)
    data = tracker.queries.data
    env.macro(lambda: Citations(data), "citations")
    # For the Data page: the published files' fields, straight from the schemas.
    env.variables["schemas"] = {c: export.data_schema(c) for c in export.COLLECTIONS}
    env.variables["schema_defs"] = export.nested_schemas()
    env.variables["schema_version"] = export.SCHEMA_VERSION
    env.variables["feed_size"] = tracker.config.feed_size
    env.variables["build_date"] = export.build_time().date()
    # The Data page's list of downloads, their sizes and columns, from the files this build
    # publishes (the plugin makes them in on_files, before any page is rendered).
    env.macro(lambda: tracker.downloads, "downloads")
    env.macro(lambda path: next((d for d in tracker.downloads if d.path == path), None), "download")
    env.variables["calendar_links"] = export.calendar_links(env.conf["site_url"] or "/")
    # The Changes page: what each commit of the data's history changed.
    env.macro(lambda: changes(tracker.history, tracker.data), "data_changes")
    env.macro(lambda: tracker.history.in_git, "data_history_known")
