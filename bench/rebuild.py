"""``python bench/rebuild.py DATA_DIR SITE_DIR``: what `mkdocs serve` does after a data edit,
timed without its file polling: edit a record, load the config, build (as serve builds).
Prints the seconds of each of five rebuilds as JSON. Used by bench/run.py."""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config


def rebuild(site_dir: str) -> None:
    config = load_config("mkdocs.yml", site_dir=site_dir)
    config.plugins.on_startup(command="serve", dirty=False)
    build(config, serve_url=config.site_url)


def main(data_dir: str, site_dir: str) -> None:
    logging.disable(logging.WARNING)
    path = Path(data_dir, "sectors", "trade.yml")
    original = path.read_text(encoding="utf-8")
    rebuild(site_dir)  # the first build of `mkdocs serve`
    times = []
    for i in range(5):
        path.write_text(original.replace("name: Trade", f"name: Trade (edit {i})"), encoding="utf-8")
        start = time.perf_counter()
        rebuild(site_dir)
        times.append(round(time.perf_counter() - start, 2))
    path.write_text(original, encoding="utf-8")
    print(json.dumps(times))


if __name__ == "__main__":
    main(*sys.argv[1:3])
