"""Every page type and every published file built from data that attacks every text field
(tests/hostile.py): no script runs, no payload becomes markup, every payload is shown as typed."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup
from chromium import serve
from conftest import FIXTURE_DATA, ROOT, built_once, free_port, made_once
from hostile import HOSTILE_URL, MARKUP, PAYLOADS, hostile_copy, shown
from icalendar import Calendar
from lxml import etree
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from tracker.load import load


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return made_once(tmp_path_factory, "hostile-data", lambda out: hostile_copy(FIXTURE_DATA, out / "data")) / "data"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory, hostile_data: Path) -> Path:
    return built_once(tmp_path_factory, "hostile-site", data=hostile_data)


@pytest.fixture(scope="module")
def hostile_url(hostile_site: Path) -> Iterator[str]:
    with serve(hostile_site) as url:
        yield url


def test_the_hostile_data_is_valid_and_attacks_every_text_field(hostile_data: Path) -> None:
    data = load(hostile_data)
    text = json.dumps([r.model_dump(mode="json") for r in data.records()], ensure_ascii=False)
    for payload in PAYLOADS:
        assert json.dumps(shown(payload), ensure_ascii=False)[1:-1] in text


# What a payload would look like had it come alive: handlers, script URLs, scripts and
# images of its own, styles. Material's own markup has none of these.
LIVE = """() => {
  const found = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      if (a.name.toLowerCase().startsWith('on')) found.push(`${el.tagName} ${a.name}`);
      if (/^\\s*(javascript|data):/i.test(a.value) && ['href', 'src', 'action', 'formaction'].includes(a.name))
        found.push(`${el.tagName} ${a.name}=${a.value}`);
    }
  }
  for (const s of document.querySelectorAll('script')) if (/xss-/.test(s.textContent)) found.push('script');
  for (const s of document.querySelectorAll('style')) if (/xss-|display:none/.test(s.textContent)) found.push('style');
  for (const i of document.querySelectorAll('img')) found.push(`img ${i.getAttribute('src')}`);
  for (const d of document.querySelectorAll('details:not(.tk-citeblock)')) found.push('details');
  for (const e of document.querySelectorAll('iframe, object, embed, meta[http-equiv="refresh" i]'))
    found.push(e.tagName);
  for (const e of document.querySelectorAll('article :is(em, code, del, h1 ~ h1):not(.tk-citeblock *)'))
    if (/xss-|^(under|code|strike)$/.test(e.textContent)) found.push(`${e.tagName} ${e.textContent}`);
  return found;
}"""


def test_no_payload_comes_alive_on_any_page(hostile_site: Path, hostile_url: str, browser: Browser) -> None:
    pages = sorted(str(p.relative_to(hostile_site).parent).replace(".", "") for p in hostile_site.rglob("index.html"))
    assert len(pages) > 20
    context = browser.new_context()
    dialogs: list[str] = []
    errors: list[str] = []
    texts: list[str] = []
    page = context.new_page()
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    for path in [*pages, "404.html"]:
        page.goto(hostile_url + (f"{path}/" if path and path != "404.html" else path))
        page.wait_for_load_state("load")
        page.keyboard.press("Tab")  # an autofocus/onfocus payload would fire on focus
        assert page.evaluate(LIVE) == [], path
        texts.append(page.inner_text("body"))
    context.close()
    assert dialogs == []
    assert errors == []
    seen = " ".join(" ".join(t.split()) for t in texts)
    for payload in PAYLOADS:
        assert shown(payload) in seen, payload


def test_every_published_file_reads_back_with_its_parser(hostile_site: Path) -> None:
    api = hostile_site / "api" / "v1"
    everything = json.loads((api / "all.json").read_text(encoding="utf-8"))
    flat = json.dumps(everything, ensure_ascii=False)
    for payload in PAYLOADS:
        assert json.dumps(shown(payload), ensure_ascii=False)[1:-1] in flat
    assert HOSTILE_URL in flat
    for path in api.glob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        assert len({len(row) for row in rows}) == 1, path  # every row has every column
        for cell in (c for row in rows for c in row):
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (path.name, cell)
    assert any(
        cell.startswith("'=HYPERLINK(")
        for path in api.glob("*.csv")
        for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")))
        for cell in row
    )
    calendar = Calendar.from_ical((hostile_site / "calendar.ics").read_bytes())
    summaries = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert summaries
    assert all(s.strip() for s in summaries)
    feed_bytes = (hostile_site / "feed.xml").read_bytes()
    etree.fromstring(feed_bytes)  # well-formed XML, whatever the titles hold
    feed = feedparser.parse(feed_bytes)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.entries


def test_every_name_in_a_link_is_laid_out_apart_from_the_words_around_it(hostile_site: Path) -> None:
    """A record's name (every one holds a payload, tests/hostile.py) in a link is in a <bdi>:
    right-to-left text, or a direction override, in it cannot reorder the text after it."""
    links = 0
    for path in hostile_site.rglob("*.html"):
        for a in BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser").select("article a"):
            if "xss-" in a.get_text() and not a.find_parent("svg"):  # a dot's name: its <title>
                links += 1
                isolated = a.find_all("bdi", recursive=False)
                assert [b.get_text() for b in isolated] == [a.get_text()], (path, str(a)[:300])
    assert links > 100


def test_every_page_carries_the_policy_before_any_script(fixture_site: Path) -> None:
    pages = [*fixture_site.rglob("*.html")]
    assert len(pages) > 20
    for path in pages:
        html = path.read_text(encoding="utf-8")
        policy = html.find('<meta http-equiv="Content-Security-Policy"')
        assert 0 < policy < html.find("<script"), path
        assert "script-src 'self' 'sha256-" in html
        assert "'unsafe-inline'" not in html[policy : html.index(">", policy)].split("style-src")[0]


def test_the_policy_stops_a_script_that_escaping_missed(fixture_site: Path, tmp_path: Path, browser: Browser) -> None:
    # As if a template forgot to escape: a script and a handler written into a built page.
    site = tmp_path / "site"
    shutil.copytree(fixture_site, site)
    target = site / "agreements" / "harbour-accord" / "index.html"
    html = target.read_text(encoding="utf-8")
    injected = '<script>window.__ran = true</script><img src="x" onerror="window.__ran = true">'
    target.write_text(html.replace("<article", injected + "<article", 1), encoding="utf-8")
    with serve(site) as url:
        page = browser.new_page()
        violations: list[str] = []
        page.on("console", lambda m: "Content Security Policy" in m.text and violations.append(m.text))
        page.goto(url + "agreements/harbour-accord/", wait_until="load")
        page.wait_for_timeout(300)
        assert page.evaluate("() => window.__ran === true") is False
        # Material's own scripts ran: its palette and search are set up.
        assert page.evaluate("() => typeof __md_get") == "function"
        page.close()
    assert len(violations) >= 2  # the script and the handler, each refused


@pytest.fixture(scope="module")
def hostile_split_url(tmp_path_factory: pytest.TempPathFactory, hostile_data: Path) -> Iterator[str]:
    out = built_once(tmp_path_factory, "hostile-split-site", data=hostile_data, env={"TRACKER_INDEX_ROWS": "1"})
    with serve(out) as url:
        yield url


def test_rows_built_from_the_published_list_show_every_payload_as_typed(
    hostile_split_url: str, browser: Browser
) -> None:
    """tracker.js builds a split index's rows from /api/v1/lists/ (sorted: every row): no payload
    comes alive, and each row reads exactly as on its year page, which the build wrote."""
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    errors: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: m.type == "error" and errors.append(f"{page.url}: {m.text}"))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    read = "trs => trs.map(tr => [...tr.cells].map(td => td.innerText.trim()).join(' | '))"
    split = 0
    for collection in ("agreements", "events", "sources"):
        page.goto(f"{hostile_split_url}{collection}/", wait_until="load")
        if not page.locator(".tk-list[data-tk-source]").count():
            continue
        split += 1
        years = page.locator(".tk-years tbody a").evaluate_all("as => as.map(a => a.href)")
        first = page.locator(".tk-list th button").first.inner_text().strip()
        page.goto(f"{hostile_split_url}{collection}/?sort={first.lower()}", wait_until="load")
        page.locator(".tk-filters__count").filter(has_text="Showing").wait_for()
        built = page.locator(".tk-list tbody tr").evaluate_all(read)
        # Every filter's choices (labels from the data) shown, as text.
        for toggle in page.locator(".tk-filters__toggle").all():
            toggle.click()
        assert page.evaluate(LIVE) == [], collection
        # Names isolated, as built (the links inside a mark's popover are ours: they name no record).
        assert page.locator(".tk-list tbody a:not(:has(> bdi)):not([popover] a)").count() == 0
        written: list[str] = []
        for url in years:
            page.goto(url, wait_until="load")
            written += page.locator(".tk-list tbody tr").evaluate_all(read)
        assert sorted(built) == sorted(written), collection
    context.close()
    assert split >= 2
    assert dialogs == []
    assert errors == []


# -- Hovered and focused ------------------------------------------------------------------
# Scripts that run when a reader points at or tabs to something: Material's tooltips (which
# insert a title attribute's text as HTML, and give a name it cuts short with an ellipsis a
# title made of its text) and tracker.js's tooltip of a citation mark. What each may be shown:
# every citation mark, every element with a title attribute, every name cut short.
TARGETS = "a.tk-cite, [title], .md-ellipsis"

# Before anything is hovered: the targets, the page's state, and a watch on every element
# added from now on. An added element is a payload come alive if it is of a kind a payload
# would add (Material's and tracker.js's tooltips are <div>s of text), or carries a handler or
# a payload's marker in an attribute.
WATCH = """selector => {
  const kinds = /^(script|iframe|object|embed|meta|style|link|base|img|svg|details|a|form|template)$/i;
  const added = window.__tkAdded = [];
  const look = node => {
    for (const el of [node, ...node.querySelectorAll('*')])
      if (kinds.test(el.tagName) || [...el.attributes].some(a => /^on/i.test(a.name) || /xss-/.test(a.value)))
        added.push(el.outerHTML.slice(0, 300));
  };
  new MutationObserver(records => records.forEach(r => r.addedNodes.forEach(n => n.nodeType === 1 && look(n))))
    .observe(document, { childList: true, subtree: true });
  window.__tkTargets = [...document.querySelectorAll(selector)];
  return window.__tkTargets.length;
}"""

# The page's looks that an injected style or element would change.
STATE = """() => {
  const body = getComputedStyle(document.body);
  const article = document.querySelector('article');
  return {
    body: [body.display, body.visibility, body.opacity],
    article: !!article && article.getBoundingClientRect().height > 0,
    sheets: document.styleSheets.length,
    elements: Object.fromEntries(['script', 'iframe', 'object', 'embed', 'meta', 'style', 'link', 'img', 'svg',
      'details', 'a', 'form'].map(t => [t, document.getElementsByTagName(t).length])),
  };
}"""

# One step through the targets, from target i (the pointer is on it if `pointed`): focus it
# as Tab would, see what a mark's tooltip shows, then go on to the next. A mark or a name cut
# short (those show data) that the pointer can reach (scrolled into view, not hidden or
# covered) is left to the real pointer: its centre is returned. Any other target is sent the
# events a pointer entering and leaving it causes (quicker, and the scripts listen to them).
# Returns the marks' tooltips ([shown, the title of the source named]) and where to point next.
STEP = """([i, pointed]) => {
  const targets = window.__tkTargets;
  const marks = [];
  const visit = el => {
    el.focus();
    if (!el.matches('a.tk-cite')) return;
    const named = (el.getAttribute('aria-labelledby') || '').split(' ').filter(id => id && id !== el.id);
    marks.push([[...document.querySelectorAll('.tk-tooltip')].map(t => t.textContent),
      named.map(id => document.getElementById(id).textContent.trim()).join(' ')]);
  };
  const around = el => { const up = []; for (let e = el; e; e = e.parentElement) up.push(e); return up; };
  if (pointed) visit(targets[i++]);
  for (; i < targets.length; i++) {
    const el = targets[i];
    if (el.matches('a.tk-cite') || (el.matches('.md-ellipsis') && el.offsetWidth < el.scrollWidth)) {
      el.scrollIntoView({ block: 'center', inline: 'center' });
      const r = el.getBoundingClientRect();
      const x = r.left + r.width / 2, y = r.top + r.height / 2;
      const hit = r.width && r.height ? document.elementFromPoint(x, y) : null;
      if (hit && (hit === el || el.contains(hit))) return { marks, next: i, at: [x, y] };
    }
    el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
    around(el).reverse().forEach(e => e.dispatchEvent(new MouseEvent('mouseenter')));
    visit(el);
    el.dispatchEvent(new MouseEvent('mouseout', { bubbles: true }));
    around(el).forEach(e => e.dispatchEvent(new MouseEvent('mouseleave')));
    el.blur();
  }
  return { marks, next: i, at: null };
}"""


def hover_and_focus_everything(page: Page, url: str) -> tuple[int, int]:
    """Open ``url``, point at and focus every target; fail on any payload come alive. Returns
    how many targets, and how many of them were citation marks."""
    navigations: list[str] = []
    page.goto(url, wait_until="load")
    # Any document loaded into the page from now on (a refresh, a link followed).
    watch = lambda r: r.is_navigation_request() and r.frame == page.main_frame and navigations.append(r.url)  # noqa: E731
    page.on("request", watch)
    count = page.evaluate(WATCH, TARGETS)
    before = page.evaluate(STATE)
    marks: list[list] = []
    try:
        step = page.evaluate(STEP, [0, False])
        while True:
            marks += step["marks"]
            if step["at"] is None:
                break
            page.mouse.move(*step["at"])
            step = page.evaluate(STEP, [step["next"], True])
    except PlaywrightError:
        # The page went away under the test (a payload's refresh): say where it went.
        assert navigations == [], url
        raise
    page.mouse.move(0, 0)
    page.keyboard.press("Escape")
    page.remove_listener("request", watch)
    assert navigations == [], url
    assert page.url == url
    assert page.evaluate("() => window.__tkAdded") == [], url  # undefined in another document
    assert page.evaluate(STATE) == before, url
    # Each mark, hovered or focused, shows the title of its source as typed, in one tooltip.
    for tips, title in marks:
        assert tips == [title], (url, tips, title)
    return count, len(marks)


def record_pages(site: Path) -> list[str]:
    """Every page of the built site, by its path."""
    return sorted(str(p.relative_to(site).parent).replace(".", "") for p in site.rglob("index.html"))


def one_of_each_kind(pages: list[str]) -> list[str]:
    """The first page of each section at each depth: the home page, each index, one record's
    page of each collection, one year's page, each page of docs/."""
    first: dict[tuple[str, int], str] = {}
    for path in pages:
        first.setdefault((path.split("/")[0], path.count("/")), path)
    return list(first.values())


def browse_hovering(browser: Browser, base: str, pages: list[str], width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    foreign: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []
    page = context.new_page()
    # Nothing may be asked of another host (a refresh or a frame a payload set up).
    page.on("request", lambda r: r.url.startswith((base, "data:")) or foreign.append(r.url))
    page.on("dialog", lambda d: (dialogs.append(f"{page.url}: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
    targets = marks = 0
    for path in pages:
        found = hover_and_focus_everything(page, base + (f"{path}/" if path else ""))
        targets, marks = targets + found[0], marks + found[1]
    context.close()
    assert (foreign, dialogs, errors) == ([], [], [])
    assert marks > 10, "no citation marks were hovered"
    assert targets > marks


def test_the_hostile_data_puts_markup_in_every_name_a_tooltip_may_show(hostile_data: Path) -> None:
    data = load(hostile_data)
    for record in data.records():
        assert any(p in record.label for p in MARKUP if "xss-" in p), record.id
    assert all(any(p in s.title for p in MARKUP) for s in data.sources.values())


@pytest.mark.browser
def test_hovering_or_focusing_brings_no_payload_alive_on_the_built_site(
    hostile_site: Path, hostile_url: str, browser: Browser
) -> None:
    """Every page of the hostile site with its Content-Security-Policy, at desktop width (the
    tables of contents shown): every mark, title and shortened name pointed at and focused."""
    browse_hovering(browser, hostile_url, record_pages(hostile_site), 1280)


@contextlib.contextmanager
def preview_of(data: Path, tmp: Path) -> Iterator[str]:
    """``mkdocs serve`` (as make serve runs it: no Content-Security-Policy, live reload) of
    ``data`` on a free port; yields its address."""
    port = free_port()
    log = tmp / "serve.log"
    (tmp / "serve-tmp").mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRACKER_DATA": str(data), "TMPDIR": str(tmp / "serve-tmp")}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),
    )
    try:
        deadline = time.monotonic() + 120
        while "Serving on" not in log.read_text(errors="replace"):
            assert server.poll() is None, log.read_text(errors="replace")
            assert time.monotonic() < deadline, log.read_text(errors="replace")[-3000:]
            time.sleep(0.2)
        url = f"http://127.0.0.1:{port}/"
        with urllib.request.urlopen(url, timeout=10):  # noqa: S310 (loopback only)
            pass
        yield url
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.mark.browser
def test_hovering_or_focusing_brings_no_payload_alive_in_the_preview(
    hostile_site: Path, hostile_data: Path, tmp_path: Path, browser: Browser
) -> None:
    """The same pages served by the preview, which has no Content-Security-Policy to stop a
    handler, at phone width (the header and the breadcrumb cut long names short): a page of
    each kind, every target on it."""
    with preview_of(hostile_data, tmp_path) as url:
        browse_hovering(browser, url, one_of_each_kind(record_pages(hostile_site)), 390)
