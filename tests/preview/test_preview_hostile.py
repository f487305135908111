"""The preview cannot be frozen or left behind: links that make a circle among the data are a
problem it shows (never a walk without end), later edits still show, and SIGTERM stops it
as Ctrl-C does, removing its temporary site folder."""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

from test_preview import Preview, page, replace


def test_looping_folder_links_are_a_problem_and_never_freeze_the_preview(tmp_path: Path) -> None:
    preview = Preview(tmp_path)
    try:
        data = preview.data
        loops = [data / "sectors" / "loop", data / "agreements" / "loop"]

        def link() -> None:
            for loop in loops:
                os.symlink("..", loop)
            # A link to a folder is a folder to the watcher, whose changes start no build: the
            # next edit of a record does, and every page then names the links as problems.
            replace(data / "sectors" / "harbours.yml", "Ports, shipping lanes", "Docks, shipping lanes")()

        preview.edit(link, lambda s: "is a link to a folder" in page(s, "about"))
        # The links gone, an edit shows as before: the watcher was never stuck in the circle.
        summary = replace(data / "sectors" / "harbours.yml", "Docks, shipping lanes", "Quays, shipping lanes")
        preview.edit(
            lambda: [loop.unlink() for loop in loops] and summary(),
            lambda s: "tk-problems" not in page(s, "about") and "Quays, shipping lanes" in page(s, "sectors/harbours"),
        )
    finally:
        preview.stop()


def test_sigterm_stops_the_preview_and_removes_its_site_folder(tmp_path: Path) -> None:
    preview = Preview(tmp_path)
    assert preview.site.is_dir()
    preview.server.send_signal(signal.SIGTERM)
    preview.server.wait(timeout=30)
    deadline = time.monotonic() + 10
    while preview.site.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not preview.site.exists(), preview.text()[-2000:]
    assert "Traceback" not in preview.text()
