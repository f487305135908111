"""The MkDocs plugin: check the data before anything is built, add one page per record and the
published data files, and put the built site in place only when the whole build succeeded.

With ``macros.py``, the only code that knows about MkDocs. Listed under ``plugins:`` in
``mkdocs.yml`` as ``tracker`` (entry point in ``pyproject.toml``), before ``macros``.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page as MkDocsPage

from . import export, urls
from .dataset import Dataset
from .jinja_cache import CACHE
from .load import DataError, load, stamp
from .pages import Page, missing_from_nav, pages
from .queries import Queries

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1", "0.0.0.0"}


class TrackerConfig(base.Config):
    # Where the records are read from, relative to mkdocs.yml; the tests point it at their
    # fixture through TRACKER_DATA.
    data_dir = c.Type(str, default="data")
    # How many of the latest milestones and events the Atom feed carries.
    feed_size = c.Type(int, default=export.FEED_SIZE)
    # A Content-Security-Policy on every built page: no inline script but Material's own.
    content_security_policy = c.Type(bool, default=True)
    # A build meant for publishing (make publish): refuse a site_url on this machine, which
    # would put local addresses into every citation, the feed, the calendar and the CSV.
    publish = c.Type(bool, default=False)
    # Where "Suggest a correction" on every record page leads: an issue tracker's new-issue
    # address (https://…) or an e-mail address (mailto:…). Unset, it leads to the Method
    # page's "Reporting an error", which every record page also links.
    corrections = c.Type(str, default="")


class TrackerPlugin(BasePlugin[TrackerConfig]):
    def __init__(self) -> None:
        # MkDocs keeps one instance across the rebuilds of `mkdocs serve` (it has on_startup).
        self.command = ""
        self._stages = False
        self.data = Dataset.empty()  # the last dataset that loaded without problems
        self.problems: list[str] = []  # what is wrong with the data now (the preview shows it)
        self.queries = Queries(self.data)
        self._stamp: tuple = ()
        self._generated: dict[str, Page] = {}  # src_uri -> the page it is
        self._staging: Path | None = None  # where `mkdocs build` writes before site/ is replaced
        self._target: Path | None = None  # the site folder it replaces
        self._built = False
        self._csp = ""

    # -- lifecycle ----------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.command = command
        # `mkdocs build --dirty` updates the site folder in place by design: nothing to stage.
        self._stages = command == "build" and not dirty

    # Before mkdocs-macros' on_config (macros.py reads the queries from here), and before
    # MkDocs empties the site folder. A bad record stops `mkdocs build` here; `mkdocs serve`
    # carries on with the last good data instead and every page says what is wrong
    # (theme/main.html), so an edit never leaves a blank or stuck tab.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Record pages are reached only through their section's index: a kind of record whose
        # index is not in mkdocs.yml's nav would have pages no reader can find.
        missing = missing_from_nav(config.nav or [])
        if missing:
            listed = ", ".join(f"{c}/index.md" for c in missing)
            raise PluginError(f"mkdocs.yml's nav does not list {listed}: add each section's index page")
        self._load(config)
        config.extra["data_problems"] = self.problems
        target = self.config.corrections
        if target and not re.match(r"^(https?://[^\s\"'<>`]+|mailto:[^\s\"'<>`]+@[^\s\"'<>`]+)$", target):
            raise PluginError(f"corrections: {target!r} is neither an http(s):// address nor a mailto: address")
        if self.command == "build":
            self._check_site_url(config)
        if self._stages:
            self._stage(config)
        return config

    def _check_site_url(self, config: MkDocsConfig) -> None:
        host = urlsplit(config.site_url or "").hostname or ""
        if host and host not in LOCAL_HOSTS:
            return
        message = (
            f"site_url is {config.site_url or 'not set'}: citations, the feed, the calendar and the CSV "
            "name that address. Set SITE_URL=https://…/ (the public address) for a build meant for readers."
        )
        if self.config.publish:
            raise PluginError(f"refusing to publish: {message}")
        # Printed, not logged: `build --strict` would abort on a logged warning, and a local
        # build (the tests', a contributor's) is legitimate.
        print(f"WARNING: {message}", file=sys.stderr)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        """Rebuild the preview when a record changes, wherever ``data_dir`` points."""
        # `mkdocs serve --clean` starts its plugins as for a build: its first build is already
        # staged, and is put in place now, since the server serves the folder as it is.
        self._publish()
        self.command, self._stages = "serve", False
        server.watch(str(self.data_dir(config)))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        # Any failure, the strict-mode abort included (MkDocs raises it inside its build, after
        # on_post_build): the staged build is thrown away and the last good site stays.
        self._discard()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._built = True

    def on_shutdown(self) -> None:
        if self._built:
            self._publish()
        self._discard()

    # -- the data -----------------------------------------------------------------------------

    def data_dir(self, config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).parent / self.config.data_dir

    def _load(self, config: MkDocsConfig) -> None:
        """Read the data again only when a file under it changed since the last build."""
        folder = self.data_dir(config)
        now = stamp(folder)
        if now == self._stamp and not self.problems:
            return
        try:
            self.data = load(folder)
        except DataError as err:
            if self.command != "serve":
                raise PluginError(str(err)) from None
            # Printed, not logged: `serve --strict` would abort on a logged error.
            print(f"{err}\nThe preview shows the last valid data until these are fixed.", file=sys.stderr)
            self.problems = [str(p) for p in err.problems]
            return
        self._stamp, self.problems = now, []
        self.queries = Queries(self.data)

    # -- pages and files ----------------------------------------------------------------------

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        # Templates compiled in earlier builds of `mkdocs serve` are not compiled again.
        macros: Any = config.plugins["macros"]  # mkdocs-macros' plugin: its env is not in BasePlugin's type
        macros.env.bytecode_cache = CACHE
        # A global, which the macros of common.j2 (imported without a page's context) see:
        # "Cite this page" names the dataset's version (the build's date and git commit).
        macros.env.globals["dataset_version"] = export.dataset_version(self.data_dir(config))
        macros.env.globals["corrections"] = self.config.corrections
        self._generated = {}
        for page in pages(self.queries):
            inclusion = InclusionLevel.INCLUDED if page.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, page.src_uri, content=front_matter(page), inclusion=inclusion))
            self._generated[page.src_uri] = page
        site_url = config.site_url or "/"
        # A renamed record's old addresses (renamed_from) lead to its page.
        for path, page_html in redirects(self.queries, site_url).items():
            files.append(File.generated(config, path, content=page_html))
        for path, content in export.files(self.queries, site_url, feed_size=self.config.feed_size).items():
            files.append(File.generated(config, path, content=content))
        return files

    # Before mkdocs-macros, which leaves these pages alone (render_macros: false).
    @event_priority(100)
    def on_page_markdown(self, markdown: str, *, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
        spec = self._generated.get(page.file.src_uri)
        if spec is None:
            return markdown
        macros: Any = config.plugins["macros"]
        # What mkdocs-macros gives a page's template: its variables, the page's metadata by
        # name, and the page. Jinja keeps each template compiled in the environment.
        variables = {**macros.variables, **page.meta, "page": page}
        try:
            return macros.env.get_template(spec.template).render(**variables)
        except Exception as err:  # noqa: BLE001 (any error is the page's)
            message = f"rendering {spec.src_uri} failed: {template_error(err)}"
            if self.command == "serve":
                # The preview keeps serving: the page says what broke instead of a stuck tab.
                print(message, file=sys.stderr)
                return f"# Template error\n\n```\n{message}\n```\n"
            raise PluginError(message) from None

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        env.bytecode_cache = CACHE
        # The theme's own templates (the 404 page) write the site's addresses as pages do.
        env.filters.update(urls.THEME_FILTERS)
        # The live preview injects an inline script of its own (live reload): no policy there.
        if self.config.content_security_policy and self.command != "serve":
            self._csp = content_security_policy(env, config, files)
            env.globals["content_security_policy"] = self._csp
        return env

    # -- the site folder ----------------------------------------------------------------------

    def _stage(self, config: MkDocsConfig) -> None:
        """Build into a new folder beside the site folder; it replaces the site folder only
        once the whole build has succeeded (on_shutdown), whatever fails and wherever."""
        self._discard()
        self._target = Path(config.site_dir).resolve()
        self._target.parent.mkdir(parents=True, exist_ok=True)
        self._staging = Path(tempfile.mkdtemp(prefix=f".{self._target.name}-building-", dir=self._target.parent))
        self._built = False
        config.site_dir = str(self._staging)

    def _publish(self) -> None:
        if self._staging is None or self._target is None or not self._built:
            return
        old = self._target.with_name(f".{self._target.name}-old-{os.getpid()}")
        if self._target.exists():
            os.replace(self._target, old)
        os.replace(self._staging, self._target)
        self._staging = None
        shutil.rmtree(old, ignore_errors=True)

    def _discard(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None


def front_matter(page: Page) -> str:
    """The page source: front matter, then a line mkdocs-macros leaves alone.

    Written as JSON, which is YAML too and which Python writes far faster than a YAML dumper
    (it matters at ten thousand pages). The plugin renders the body itself (on_page_markdown).
    """
    meta: dict[str, object] = {"title": page.title, "description": page.description, "render_macros": False}
    if page.arg is not None:
        meta["record"] = page.arg
    if page.section:
        meta |= {"section": page.section, "section_url": page.section_url or ""}
    else:
        # Section indexes are wide tables and grids: the tabs already give the navigation.
        meta["hide"] = ["navigation"]
    if not page.searched:
        meta["search"] = {"exclude": True}
    elif page.search_names:
        # Material's search weighs tags far above titles and text: a record's own page comes
        # before the pages that mention it. Its theme shows no tags (no tags plugin).
        meta["tags"] = list(page.search_names)
    if page.searched and page.search_boost != 1.0:
        meta["search"] = {"boost": page.search_boost}
    front = "\n".join(f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items())
    return f"---\n{front}\n---\n"


def redirects(queries: Queries, site_url: str) -> dict[str, str]:
    """A small page at each old address of a renamed record (``renamed_from``), sending the
    reader on to the record's page: a meta refresh (which the Content-Security-Policy
    allows), a canonical link for search engines, and a plain link for anything else."""
    out: dict[str, str] = {}
    for record in queries.data.records():
        for old in record.renamed_from:
            target = urls.page_path(record)
            new = "../../" + target  # from /<collection>/<old>/ back to the root
            name = html.escape(record.label)
            out[f"{record.collection}/{old}/index.html"] = _REDIRECT.format(
                new=html.escape(new), canonical=html.escape(site_url + target), name=name
            )
    return out


_REDIRECT = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved: {name}</title>
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url={new}">
<link rel="canonical" href="{canonical}">
</head>
<body>
<p>This record has a new address: <a href="{new}">{name}</a>.</p>
</body>
</html>
"""


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


# -- Content-Security-Policy -----------------------------------------------------------------

# Material's inline scripts (palette, storage helpers, tabs…): the only inline scripts a page
# may run. They are rendered from the theme's own partials, never read back from built pages,
# so a script that reached a page through the data could not be allowed by mistake.
_THEME_SCRIPTS = (
    "partials/javascripts/base.html",
    "partials/javascripts/palette.html",
    "partials/javascripts/content.html",
    "partials/javascripts/announce.html",
    "partials/javascripts/outdated.html",
    "partials/javascripts/consent.html",
)
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def content_security_policy(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> str:
    features = config.theme.get("features") or []
    hashes: set[str] = set()
    # Some scripts name the page's way back to the site root: one version per page depth,
    # and the 404 page's, which names the root by its path.
    depths = {f.dest_uri.count("/") for f in files.documentation_pages()} | {0}
    base_urls = {"/".join([".."] * depth) or "." for depth in depths} | {urlsplit(config.site_url or "/").path}
    for base_url in sorted(base_urls):
        for name in _THEME_SCRIPTS:
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
