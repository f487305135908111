"""The live preview's builds (`make serve`: `mkdocs serve --dirty`), exact by construction.

Every build of the preview makes every generated page's Markdown and every data file anew
from the data as it is now. MkDocs then converts and writes only the files whose content
differs from what the last successful build wrote (compared by a digest of each), and the
pages written by hand in docs/ (which may show the data through macros) every time. A change
to anything but the data (mkdocs.yml, docs/, the templates, the code, the theme) makes the
build a full one, as does a failed build before it.

MkDocs' dirty builds index only the pages they convert: the search index is put together again
from the entries of the pages converted now and, for every other page, the entries the same
content gave in the last build. Output of pages and files that no longer exist is deleted.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from .. import export

log = logging.getLogger("mkdocs.plugins.tracker")


class PreviewFile(File):
    """A file of a preview build, which MkDocs builds only when it ``changed`` (MkDocs asks
    every file ``is_modified()`` in a dirty build)."""

    changed = True

    def is_modified(self) -> bool:
        return self.changed

    @classmethod
    def hand_written(cls, file: File) -> PreviewFile:
        """A page of docs/, which is read in every build (it may show the data through
        macros), and written when what it shows has changed (the plugin's on_page_markdown)."""
        return cls(file.src_uri, file.src_dir, file.dest_dir, file.use_directory_urls, inclusion=file.inclusion)


def digest(*parts: str | bytes) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.digest()


@dataclass(frozen=True)
class Built:
    """What the last successful build of the preview wrote."""

    inputs: tuple  # everything but the data that pages depend on (Preview.inputs)
    digests: dict[str, bytes]  # src_uri -> digest of the content it was built from
    search: dict[str, list[dict]]  # page src_uri -> the search entries it gave
    outputs: frozenset[str]  # every file written (absolute paths)


def hand_written_pages(files: Files) -> None:
    """The pages of docs/ as preview files: read in every build, since their macros may show
    the data, and written when what they show changed."""
    for file in files.documentation_pages():
        files.remove(file)
        files.append(PreviewFile.hand_written(file))


class Preview:
    def __init__(self) -> None:
        self.last: Built | None = None
        self.full = True
        self._inputs: tuple = ()
        self._digests: dict[str, bytes] = {}
        self._search: dict[str, list[dict]] = {}  # page src_uri -> its entries, this build
        self._mark = 0  # how many entries the search index had before the page being built
        self._started = 0.0
        self._builds = 0

    def start(self, config: MkDocsConfig, data_dir: Path) -> None:
        """A build begins: full when anything but the data changed since the last one."""
        self._started = time.monotonic()
        self._inputs = inputs(config, data_dir)
        self._digests, self._search, self._mark = {}, {}, 0
        self.full = self.last is None or self.last.inputs != self._inputs or search_plugin(config) is None
        if self.full:
            # What MkDocs does before a build that is not dirty: the site is written anew.
            utils.clean_directory(config.site_dir)

    def forget(self) -> None:
        """A build failed (it may have written part of the site): the next one is full."""
        self.last = None

    def add(self, file: File, *content: str | bytes) -> None:
        """``file`` is built from ``content``: it changed unless the last build had the same."""
        uri = file.src_uri
        self._digests[uri] = digest(*content)
        if isinstance(file, PreviewFile):
            file.changed = self.full or self.last is None or self.last.digests.get(uri) != self._digests[uri]

    def render_all(self, files: Files, render: Callable[[File], tuple[str, str]]) -> dict[str, str]:
        """Every generated page's Markdown (``render`` gives its front matter and Markdown);
        returns those of the pages that changed, which MkDocs converts."""
        changed = {}
        for file in files.documentation_pages():
            if isinstance(file, PreviewFile) and file.abs_src_path is None:
                front, markdown = render(file)
                self.add(file, front, markdown)
                if file.changed:
                    changed[file.src_uri] = markdown
        return changed

    def page_indexed(self, uri: str, config: MkDocsConfig) -> None:
        """After the search plugin has indexed the page ``uri``: the entries it added."""
        entries = search_plugin(config).search_index.entries
        self._search[uri] = entries[self._mark :]
        self._mark = len(entries)

    def finish(self, config: MkDocsConfig, files: Files, version: str) -> None:
        """The search index whole again, stale output deleted, and this build remembered; the
        log names the version of the data built (tracker/version.py), which the tests wait for."""
        last = None if self.full else self.last
        included = InclusionLevel.is_in_serve  # what `mkdocs serve` builds
        docs = files.documentation_pages(inclusion=included)
        # Every page's entries, in the order a full build writes them: those of the pages
        # converted now, and for the others those their unchanged content gave last time.
        search = {f.src_uri: self._search.get(f.src_uri) or [] for f in docs}
        if last is not None:
            for uri in search.keys() - self._search.keys():
                search[uri] = last.search.get(uri, [])
            plugin = search_plugin(config)
            index = type(plugin.search_index)(**plugin.search_index.config)
            index.entries = [entry for entries in search.values() for entry in entries]
            path = os.path.join(config.site_dir, "search", "search_index.json")
            utils.write_file(index.generate_search_index(None).encode("utf-8"), path)
        outputs = frozenset(f.abs_dest_path for f in files if included(f.inclusion))
        for stale in sorted(last.outputs - outputs) if last is not None else ():
            _remove(Path(stale), Path(config.site_dir))
        self.last = Built(self._inputs, self._digests, search, outputs)
        self._builds += 1  # numbered: MkDocs logs each of its own messages once per process
        data_files = [f for f in files if isinstance(f, PreviewFile) and not f.is_documentation_page()]
        what = "full build" if self.full else "rebuilt"
        log.info(
            f"Preview build {self._builds}: {what} {len(self._search)} of {len(docs)} pages, "
            f"wrote {sum(f.changed for f in data_files)} of {len(data_files)} data files "
            f"in {time.monotonic() - self._started:.2f} s (data {version})"
        )


def search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin, whose index the preview completes; None if it is not used
    (every build of the preview is then a full one)."""
    search = config.plugins.get("material/search")
    index = getattr(search, "search_index", None)
    if search is None or index is None or not hasattr(index, "entries") or not search.config.enabled:
        return None
    return search


def inputs(config: MkDocsConfig, data_dir: Path) -> tuple:
    """Everything but the records that any page may depend on: when one of these changes, the
    preview builds everything again."""
    root = Path(config.config_file_path).parent
    module = config.plugins["macros"].config.get("module_name") or "main"
    paths = [
        Path(config.config_file_path),
        Path(config.docs_dir),
        Path(__file__).parent.parent,  # the code, the page templates and the theme overrides
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
        tree_stamp([p for p in paths if p.exists()], data_dir),
    )


def tree_stamp(paths: Iterable[Path], skip: Path) -> tuple:
    """Each file under ``paths`` (files or folders) with its modification time and size,
    leaving out ``skip`` (the data folder, whose every record is rendered again anyway) and
    bytecode caches."""
    found = []
    skip_s = str(skip.resolve())
    for path in paths:
        path = path.resolve()
        if str(path) == skip_s or str(path).startswith(skip_s + os.sep):
            continue
        if path.is_file():
            info = path.stat()
            found.append((str(path), info.st_mtime_ns, info.st_size))
            continue
        for folder, dirs, names in os.walk(path):
            dirs[:] = [d for d in dirs if d != "__pycache__" and os.path.join(folder, d) != skip_s]
            for name in names:
                full = os.path.join(folder, name)
                try:
                    info = os.stat(full)
                except OSError:
                    continue
                found.append((full, info.st_mtime_ns, info.st_size))
    return tuple(sorted(found))


def _remove(path: Path, root: Path) -> None:
    """Delete a file a full build would not write, and the folders it leaves empty."""
    path.unlink(missing_ok=True)
    folder = path.parent
    root = root.resolve()
    while folder.resolve() != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


class DirtyWarning(logging.Filter):
    """Drops MkDocs' warning that a dirty build may be inaccurate, in the preview's builds
    only: `mkdocs serve --strict` (`make serve`) would abort on it, and these builds are exact
    (tests/preview/test_preview.py compares them with full builds)."""

    TEXT = "A 'dirty' build is being performed"

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(self.TEXT)
