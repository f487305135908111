"""Every page type and every published file built from data that attacks every text field
(tests/hostile.py): no script runs, no payload becomes markup, every payload is shown as typed."""

from __future__ import annotations

import csv
import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest
from browser import serve
from conftest import FIXTURE_DATA, built_site
from hostile import HOSTILE_URL, PAYLOADS, hostile_copy, shown
from icalendar import Calendar
from lxml import etree
from playwright.sync_api import Browser

from tracker.load import load


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return hostile_copy(FIXTURE_DATA, tmp_path_factory.mktemp("hostile") / "data")


@pytest.fixture(scope="module")
def hostile_site(hostile_data: Path) -> Path:
    return built_site(hostile_data.parent / "site", data=hostile_data)


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
def hostile_split_url(hostile_data: Path) -> Iterator[str]:
    out = built_site(hostile_data.parent / "split-site", data=hostile_data, env={"TRACKER_INDEX_ROWS": "1"})
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
        assert page.evaluate(LIVE) == [], collection
        written: list[str] = []
        for url in years:
            page.goto(url, wait_until="load")
            written += page.locator(".tk-list tbody tr").evaluate_all(read)
        assert sorted(built) == sorted(written), collection
    context.close()
    assert split >= 2
    assert dialogs == []
    assert errors == []
