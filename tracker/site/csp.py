"""The Content-Security-Policy of every built page: scripts only from the site itself and
Material's own inline scripts, allowed by their hashes; nothing from other hosts."""

from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urlsplit

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from .. import urls
from ..jinja_cache import CACHE

# Material's inline scripts (palette, storage helpers, tabs…): the only inline scripts a page
# may run. They are rendered from the theme's own partials, never read back from built pages,
# so a script that reached a page through the data could not be allowed by mistake.
THEME_SCRIPTS = (
    "partials/javascripts/base.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/content.html",
    "partials/javascripts/announce.html",
    "partials/javascripts/outdated.html",
    "partials/javascripts/consent.html",
)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def policy(config: MkDocsConfig, files: Files) -> str:
    """The policy of a build's pages: its inline scripts are the theme's, each allowed by its
    hash, rendered as the theme renders them at each depth of the site's pages."""
    env = config.theme.get_env()
    env.bytecode_cache = CACHE
    env.filters.update(urls.THEME_FILTERS)
    features = config.theme.get("features") or []
    hashes: set[str] = set()
    # Some scripts name the page's way back to the site root: one version per page depth,
    # and the 404 page's, which names the root by its path.
    depths = {f.dest_uri.count("/") for f in files.documentation_pages()} | {0}
    base_urls = {"/".join([".."] * depth) or "." for depth in depths} | {urlsplit(config.site_url or "/").path}
    for base_url in sorted(base_urls):
        for name in THEME_SCRIPTS:
            try:
                html = env.get_template(name).render(config=config, base_url=base_url, features=features)
            except jinja2.TemplateNotFound:
                continue
            for script in _INLINE_SCRIPT.findall(html):
                digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
                hashes.add(f"'sha256-{digest}'")
    scripts = " ".join(["'self'", *sorted(hashes)])
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {scripts}",
            "worker-src 'self'",
            "connect-src 'self'",
            # Material colours and sizes some elements with style attributes.
            "style-src 'self' 'unsafe-inline'",
            # Material's icons are SVG data: URLs in its stylesheet.
            "img-src 'self' data:",
            "font-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )
