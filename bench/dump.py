"""MkDocs hook used by ``make bench`` only: write out each page exactly as MkDocs renders it
after mkdocs-macros (front matter and Markdown), so that the baseline can build the same
pages as plain Markdown files. Output folder: $BENCH_DUMP."""

from __future__ import annotations

import os
from pathlib import Path

import yaml
from mkdocs.plugins import event_priority


@event_priority(-100)  # after mkdocs-macros has rendered the page
def on_page_markdown(markdown, page, config, files):
    target = Path(os.environ["BENCH_DUMP"]) / page.file.src_uri
    target.parent.mkdir(parents=True, exist_ok=True)
    meta = {k: v for k, v in page.meta.items() if k != "render_macros"}
    front = f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n" if meta else ""
    target.write_text(front + markdown, encoding="utf-8")
    return markdown


def on_post_build(config):
    # The data files the engine publishes go into the baseline too, as static files.
    out = Path(os.environ["BENCH_DUMP"])
    site = Path(config.site_dir)
    for path in site.rglob("*"):
        if path.suffix in {".json", ".csv", ".ics", ".xml"} and path.name not in {"search_index.json", "sitemap.xml"}:
            target = out / path.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
