"""What `mkdocs serve` watches of the data, and how it stops.

MkDocs' watcher polls a folder by walking it and following every link: two links making a
circle (``data/sectors/loop -> ..``) had it walk for ever. The data folder is therefore
watched folder by folder, each real folder on its own (not recursively), found without
following a link; the list is made again after every build, so a folder added or removed is
followed. A link among the data is a problem the loader reports on every page from the next
build on (MkDocs' watcher sees a link to a folder as a folder, whose changes start no build:
the next edit of a record does).
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

from mkdocs.livereload import LiveReloadServer


class DataWatcher:
    def __init__(self, server: LiveReloadServer, data_dir: Path) -> None:
        self.server = server
        self.data_dir = data_dir
        self.watched: set[str] = set()
        self.update()

    def update(self) -> None:
        """Watch the real folders there are now, and no longer those that are gone."""
        now = set(real_folders(self.data_dir))
        for folder in sorted(now - self.watched):
            self.server.watch(folder, recursive=False)
        for folder in sorted(self.watched - now):
            self.server.unwatch(folder)
        self.watched = now


def real_folders(root: Path) -> list[str]:
    """``root`` and every folder under it, entered without following links."""
    if not root.is_dir():
        return []
    found = [os.path.realpath(root)]
    for folder, dirs, _ in os.walk(found[0]):  # os.walk does not enter linked folders
        found.extend(os.path.join(folder, d) for d in dirs if not os.path.islink(os.path.join(folder, d)))
    return found


def stop_on_sigterm() -> None:
    """SIGTERM stops the preview as Ctrl-C does: MkDocs then shuts the server down and
    deletes the preview's temporary site folder (Python's default on SIGTERM is to end at
    once, leaving it behind)."""
    signal.signal(signal.SIGTERM, signal.default_int_handler)
