"""Headless Chromium for the browser tests and screenshots: Debian's build, never a download."""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

# Without the networking switches Chromium tries to reach Google's hosts at start-up.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str:
    found = shutil.which("chromium") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None)
    if not found:
        raise RuntimeError(
            "Chromium is needed for the browser tests: install Debian's package with "
            "'apt-get install chromium' (make test does this when run as root)."
        )
    return found


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve a built site on a free port of 127.0.0.1; yields its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass

    def handle(self) -> None:
        # A browser may drop a connection it no longer needs (a page left mid-load).
        try:
            super().handle()
        except (ConnectionResetError, BrokenPipeError):
            pass

    def end_headers(self) -> None:
        # LinkChecker crawls faster than 10 requests a second only from servers that say so.
        self.send_header("LinkChecker", "local test server")
        super().end_headers()
