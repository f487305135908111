"""``python bench/preview.py [N ...]``: how soon `make serve` shows a data edit, at N records.

For each size it generates the synthetic data (bench/generate.py), starts the preview as
`make serve` does (`mkdocs serve --dirty --strict`, its site in memory where there is a
tmpfs), and makes five edits of different kinds: a name, a date, a reference, a new record,
that record deleted. Each is timed from the file saved to the page served with the change
(MkDocs' file polling included), waiting as the preview's own script waits. Beside it: the
full build the preview starts with, which is what every edit cost before the preview
rebuilt only what an edit changes. Prints figures; asserts nothing. Used by bench/run.py.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _fetch(url: str, timeout: float = 10) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:  # noqa: S310 (loopback)
            return r.status, r.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, ""
    except OSError:
        return 0, ""


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def edits(data: Path) -> list[tuple[str, object, str, object]]:
    """(kind, change, page, shows): each change a function; ``shows`` tells from the page's
    status and HTML whether the preview shows the change."""
    agreement = data / "agreements" / "agreement-00007.yml"
    event = data / "events" / "event-00003.yml"
    other = data / "agreements" / "agreement-00011.yml"
    added = data / "agreements" / "agreement-bench.yml"
    event_date = re.search(r"^date: '?([0-9-]+)'?$", event.read_text(), re.M)[1]
    new_year = int(event_date[:4]) % 20 + 2000
    new_date = f"{new_year}-05-05"
    sector = re.search(r"^sectors:\n- (sector-\d+)$", other.read_text(), re.M)[1]
    sectors = sorted(p.stem for p in (data / "sectors").glob("*.yml"))
    new_sector = next(s for s in sectors if s not in other.read_text())
    return [
        (
            "name",
            lambda: _replace(agreement, "name: Agreement 7 ", "name: Agreement seven "),
            "/agreements/agreement-00007/",
            lambda status, html: "Agreement seven" in html,
        ),
        (
            "date",
            lambda: _replace(event, f"date: '{event_date}'", f"date: '{new_date}'"),
            "/events/event-00003/",
            lambda status, html: f"5 May {new_year}" in html,
        ),
        (
            "reference",
            lambda: _replace(other, f"sectors:\n- {sector}\n", f"sectors:\n- {new_sector}\n"),
            "/agreements/agreement-00011/",
            lambda status, html: f"{new_sector}/" in html,
        ),
        (
            "new record",
            lambda: added.write_text(
                agreement.read_text(encoding="utf-8").replace("name: Agreement seven ", "name: Agreement bench "),
                encoding="utf-8",
            ),
            "/agreements/agreement-bench/",
            lambda status, html: status == 200 and "Agreement bench" in html,
        ),
        (
            "deleted record",
            lambda: added.unlink(),
            "/agreements/agreement-bench/",
            lambda status, html: status == 404,
        ),
    ]


def measure(n: int) -> dict:
    data = WORK / f"{n}-preview-data"
    counts = generate(n, data)
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = WORK / f"{n}-preview.log"
    memory = {"TMPDIR": "/dev/shm"} if os.access("/dev/shm", os.W_OK) else {}
    started = time.perf_counter()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**ENV, **memory, "TRACKER_DATA": str(data)},
        stdout=subprocess.DEVNULL,
        stderr=log_path.open("w"),
        # Started from a background job, a process inherits SIGINT ignored, and `mkdocs serve`
        # would then neither stop on the Ctrl-C below nor delete its site folder.
        preexec_fn=_default_sigint,
    )
    runs: list[dict] = []
    try:
        while _fetch(base + "/")[0] != 200:
            if server.poll() is not None:
                raise RuntimeError(f"the preview stopped: see {log_path}")
            time.sleep(0.2)
        first = time.perf_counter() - started
        time.sleep(1)
        for kind, change, page, shows in edits(data):
            # Wait as the preview's own script does: MkDocs answers /livereload/<build>/ when
            # a newer build is ready, and the browser then reloads the page.
            build = re.search(r"livereload\((\d+),", _fetch(base + "/")[1])[1]
            lines = log_path.read_text().count("Preview build")
            change()
            start = time.perf_counter()
            _fetch(f"{base}/livereload/{build}/0", timeout=600)
            while not shows(*_fetch(base + page)):
                if time.perf_counter() - start > 600:
                    raise RuntimeError(f"{kind}: the change never showed; see {log_path}")
                time.sleep(0.05)
            shown = time.perf_counter() - start
            time.sleep(1.5)  # the build settles (an edit may touch the folder twice)
            log = log_path.read_text().split("\n")
            built = [line for line in log if "Preview build" in line][lines:]
            runs.append({"edit": kind, "shown_s": round(shown, 2), "builds": [b.split(": ", 1)[1] for b in built]})
    finally:
        # Ctrl-C, as a person stops it: `mkdocs serve` then deletes its site folder.
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
    full = re.search(r"Preview build 1: .* in ([\d.]+) s", log_path.read_text())
    shown = sorted(r["shown_s"] for r in runs)
    return {
        "records": sum(counts.values()),
        "first_build_s": float(full[1]) if full else round(first, 2),
        "edit_shown_s": shown[len(shown) // 2],
        "runs": runs,
    }


def report(row: dict) -> str:
    each = ", ".join(f"{r['edit']} {r['shown_s']} s" for r in row["runs"])
    return (
        f"Preview at {row['records']} records: a data edit shows in {row['edit_shown_s']} s "
        f"(median of {len(row['runs'])}: {each}); the full build it replaces: {row['first_build_s']} s."
    )


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    sizes = [int(a) for a in sys.argv[1:]] or [1000]
    rows = []
    for n in sizes:
        row = measure(n)
        rows.append(row)
        print(report(row), flush=True)
        for r in row["runs"]:
            print(f"  {r['edit']}: {r['shown_s']} s; {'; '.join(r['builds'])}", flush=True)
    print(json.dumps(rows))


if __name__ == "__main__":
    main()
