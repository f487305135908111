"""A generated page's Markdown, rendered from its template with what mkdocs-macros gives a
page's template; a template error names its template and line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page as MkDocsPage

from ..pages import Page


def render(spec: Page, page: MkDocsPage, config: MkDocsConfig, *, serving: bool) -> str:
    """The page's Markdown; in `mkdocs serve` a page whose template fails says what broke
    (the preview keeps serving), elsewhere the build stops with the template and line."""
    macros: Any = config.plugins["macros"]  # mkdocs-macros' plugin: its env is not in BasePlugin's type
    # What mkdocs-macros gives a page's template: its variables, the page's metadata by name,
    # and the page. Jinja keeps each template compiled in the environment.
    variables = {**macros.variables, **page.meta, "page": page}
    try:
        return macros.env.get_template(spec.template).render(**variables)
    except Exception as err:  # noqa: BLE001 (any error is the page's)
        message = f"rendering {spec.src_uri} failed: {template_error(err)}"
        if not serving:
            raise PluginError(message) from None
        print(message, file=sys.stderr)
        return f"# Template error\n\n```\n{message}\n```\n"


def template_error(err: Exception) -> str:
    """Where in which template a rendering error happened, and what it was."""
    where = ""
    if isinstance(err, jinja2.TemplateSyntaxError):
        where = f"{err.name or err.filename}:{err.lineno}: "
    else:
        # Jinja rewrites tracebacks so that template frames carry the template's name and line.
        tb = err.__traceback__
        while tb is not None:
            name = tb.tb_frame.f_code.co_filename
            if name.endswith(".j2") or name.endswith(".html"):
                where = f"{Path(name).name}:{tb.tb_lineno}: "
            tb = tb.tb_next
    return f"{where}{type(err).__name__}: {err}"
