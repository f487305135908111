"""MkDocs hook: check the data before anything is built, then add one page per record.

With macros.py, the only code that knows about MkDocs.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from tracker import export
from tracker.load import DataError, load_cached
from tracker.pages import pages
from tracker.queries import for_dataset


def data_dir(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent / config.extra["data_dir"]


# Before mkdocs-macros' on_config, which reads the data too, and before MkDocs empties
# site/: a bad record stops the build here and the last good site stays as it was.
@event_priority(100)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:
        load_cached(data_dir(config))
    except DataError as err:
        raise PluginError(str(err)) from None
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    queries = for_dataset(load_cached(data_dir(config)))
    for page in pages(queries):
        inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, page.src_uri, content=page.markdown(), inclusion=inclusion))
    for path, content in export.files(queries, config.site_url or "/").items():
        files.append(File.generated(config, path, content=content))
    return files
