"""A small page at each old address of a renamed record (``renamed_from``) that sends the
reader on to the record's page (templates/redirect.html.j2)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import jinja2

from .. import urls
from ..dataset import Dataset

TEMPLATES = Path(__file__).parent.parent / "templates"


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return env.get_template("redirect.html.j2")


def redirects(data: Dataset, site_url: str, csp: str = "") -> dict[str, str]:
    """Each old address's page (``agreements/<old>/index.html``) with its HTML."""
    out: dict[str, str] = {}
    for record in data.records():
        target = urls.page_path(record)
        for old in record.renamed_from:
            out[f"{record.collection}/{old}/index.html"] = _template().render(
                new="../../" + target,  # from /<collection>/<old>/ back to the root
                canonical=site_url + target,
                name=record.label,
                csp=csp,
            )
    return out
