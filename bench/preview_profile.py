"""``python bench/preview_profile.py N [--profile KIND] [--rounds R]``: the preview's rebuilds
in one process, without the server and its polling: a first build as `mkdocs serve --dirty`
makes it, then bench/preview.py's five edits (a name, a date, a reference, a new record, that
record deleted), each built as serve builds it and timed; with --profile, the edit of that
kind is run under cProfile (stats written to bench/.work/N-KIND.prof and the top printed).
For finding where an edit's seconds go; bench/preview.py gives the figures as readers see them.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import logging
import os
import pstats
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))  # this tree's tracker package, whichever is installed
os.chdir(ROOT)

from generate import generate  # noqa: E402
from preview import WORK, edits  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("--profile", default="")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--phases", action="store_true", help="time MkDocs' steps and each page rendered")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    data = WORK / f"{args.n}-profile-data"
    generate(args.n, data)
    os.environ["TRACKER_DATA"] = str(data)
    logging.disable(logging.WARNING)

    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    timer = _Phases() if args.phases else None
    site_dir = tempfile.mkdtemp(prefix="mkdocs_", dir="/dev/shm" if os.access("/dev/shm", os.W_OK) else None)
    serve_url = "http://127.0.0.1:8000/"

    def rebuild() -> None:
        config = load_config("mkdocs.yml", site_dir=site_dir)
        config.site_url = serve_url
        build(config, serve_url=serve_url, dirty=True)

    try:
        config = load_config("mkdocs.yml", site_dir=site_dir)
        config.plugins.on_startup(command="serve", dirty=True)
        config.site_url = serve_url
        start = time.perf_counter()
        build(config, serve_url=serve_url, dirty=True)
        print(f"first build {time.perf_counter() - start:.2f} s", flush=True)
        results: dict[str, list[float]] = {}
        for round_ in range(args.rounds):
            if round_:
                # Restore the data between rounds: the edits expect the generated files.
                generate(args.n, data)
                rebuild()
            for kind, change, _page, _shows in edits(data):
                change()
                start = time.perf_counter()
                if args.profile in (kind, "all"):
                    prof = cProfile.Profile()
                    prof.enable()
                    rebuild()
                    prof.disable()
                    path = WORK / f"{args.n}-{kind.replace(' ', '-')}.prof"
                    prof.dump_stats(path)
                else:
                    rebuild()
                took = time.perf_counter() - start
                results.setdefault(kind, []).append(round(took, 2))
                print(f"{kind}: {took:.2f} s", flush=True)
                if timer is not None:
                    timer.report()
        print(json.dumps(results))
        if args.profile and args.profile != "all":
            stats = pstats.Stats(str(WORK / f"{args.n}-{args.profile.replace(' ', '-')}.prof"))
            stats.sort_stats("cumulative").print_stats(60)
    finally:
        config.plugins.on_shutdown()
        shutil.rmtree(site_dir, ignore_errors=True)


class _Phases:
    """Times MkDocs' build steps, each plugin event and each page converted (for this bench
    only: it wraps MkDocs' functions in place)."""

    def __init__(self) -> None:
        from mkdocs.commands import build as b
        from mkdocs.plugins import PluginCollection
        from mkdocs.structure import pages

        self.times: dict[str, float] = {}
        self.pages: dict[str, float] = {}

        def wrap(owner, name, label=None, per_page=False):
            inner = getattr(owner, name)

            def timed(*a, **k):
                start = time.perf_counter()
                try:
                    return inner(*a, **k)
                finally:
                    took = time.perf_counter() - start
                    key = label or name
                    if name == "run_event":
                        key = f"event {a[1]}"
                    self.times[key] = self.times.get(key, 0.0) + took
                    if per_page:
                        self.pages[a[0].file.src_uri] = self.pages.get(a[0].file.src_uri, 0.0) + took

            setattr(owner, name, timed)

        import gc

        started: list[float] = []

        def collected(phase: str, info: dict) -> None:
            if phase == "start":
                started.append(time.perf_counter())
            elif started:
                key = f"garbage collection (generation {info['generation']})"
                self.times[key] = self.times.get(key, 0.0) + time.perf_counter() - started.pop()

        gc.callbacks.append(collected)
        wrap(PluginCollection, "run_event")
        wrap(b, "get_files")
        wrap(b, "get_navigation")
        wrap(pages.Page, "__init__", "Page()")
        wrap(b, "_populate_page", per_page=True)
        wrap(b, "_build_page", per_page=True)
        wrap(b, "_build_theme_template")
        wrap(pages.Page, "validate_anchor_links")
        wrap(pages.Page, "render", "markdown convert", per_page=True)
        wrap(b, "build", "build (all)")

    def report(self) -> None:
        for key, value in sorted(self.times.items(), key=lambda kv: -kv[1])[:16]:
            print(f"    {value:7.2f} s  {key}")
        top = sorted(self.pages.items(), key=lambda kv: -kv[1])[:8]
        print("    pages:", ", ".join(f"{k} {v:.2f}" for k, v in top), flush=True)
        self.times.clear()
        self.pages.clear()


if __name__ == "__main__":
    main()
