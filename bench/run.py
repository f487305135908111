"""``make bench``: how the build scales, against plain MkDocs building the same pages.

For 100, 1,000 and 10,000 synthetic records (bench/generate.py) it times validation, the
real build, and a baseline: the very pages the engine produced, written out as plain
Markdown and built with the same mkdocs.yml but no macros and no tracker plugin. It prints one table,
then search timings in headless Chromium at the largest size, the home page's weight, and
the real dataset's build and live-reload times, and, from 1,000 records, how soon the preview
shows a data edit (bench/preview.py); everything is also saved as JSON under bench/results/.
A script that prints figures, not a test: nothing here asserts.
"""

from __future__ import annotations

import datetime
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / "bench" / ".work"
RESULTS = ROOT / "bench" / "results"
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

from generate import generate  # noqa: E402
from preview import measure as measure_preview  # noqa: E402
from preview import report as preview_report  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "100,1000,10000").split(",")]
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
MKDOCS = [sys.executable, "-m", "mkdocs", "build", "-q"]
ROUNDS = 3


def run(cmd: list[str], env: dict[str, str], log: Path) -> tuple[float, int, int]:
    """Run a command; return its wall time, peak memory (MiB) and exit status."""
    with log.open("w") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        print(f"  failed: {' '.join(cmd)} (see {log})", file=sys.stderr)
    return elapsed, usage.ru_maxrss // 1024, proc.returncode


def size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def write_config(name: str, text: str) -> Path:
    path = ROOT / name  # beside mkdocs.yml, so that INHERIT and relative paths resolve
    path.write_text(text)
    return path


def bench_size(n: int) -> dict:
    data, site, dump, base_site = (WORK / f"{n}-{part}" for part in ("data", "site", "dump", "baseline"))
    for folder in (site, dump, base_site):
        shutil.rmtree(folder, ignore_errors=True)
    counts = generate(n, data)
    env = {**ENV, "TRACKER_DATA": str(data)}
    validate = min(
        run([sys.executable, "-m", "tracker.validate", str(data)], env, WORK / f"{n}-validate.log")[0] for _ in range(3)
    )

    # The pages as the engine rendered them, for the baseline (not timed).
    dump_config = write_config(".bench-dump.yml", "INHERIT: mkdocs.yml\nhooks:\n  - bench/dump.py\n")
    run(
        [*MKDOCS, "-f", str(dump_config), "-d", str(WORK / f"{n}-dump-site")],
        {**env, "BENCH_DUMP": str(dump)},
        WORK / f"{n}-dump.log",
    )
    shutil.copytree(ROOT / "docs" / "assets", dump / "assets", dirs_exist_ok=True)
    base_config = write_config(
        ".bench-baseline.yml",
        f"INHERIT: mkdocs.yml\ndocs_dir: {dump}\nplugins:\n  - search\nhooks:\n  - bench/theme_filters.py\n"
        "validation:\n  nav:\n    omitted_files: info\n",
    )
    # Engine and baseline alternate, and each keeps its best time: a shared machine's noise
    # (another process, a slower moment) then weighs on neither side alone.
    builds, baselines = [], []
    for _ in range(ROUNDS):
        builds.append(run([*MKDOCS, "-d", str(site)], env, WORK / f"{n}-build.log"))
        baselines.append(run([*MKDOCS, "-f", str(base_config), "-d", str(base_site)], ENV, WORK / f"{n}-baseline.log"))
    build, memory = min(t for t, _, _ in builds), max(m for _, m, _ in builds)
    baseline, base_memory = min(t for t, _, _ in baselines), max(m for _, m, _ in baselines)
    pages = sum(1 for _ in site.rglob("index.html")) + 1  # and 404.html
    index = (site / "search" / "search_index.json").read_bytes()
    return {
        "records": sum(counts.values()),
        "pages": pages,
        "validate_s": round(validate, 2),
        "build_s": round(build, 2),
        "baseline_s": round(baseline, 2),
        "build_s_runs": [round(t, 2) for t, _, _ in builds],
        "baseline_s_runs": [round(t, 2) for t, _, _ in baselines],
        "ratio": round(build / baseline, 3),
        "ms_per_page": round(build / pages * 1000, 2),
        "baseline_ms_per_page": round(baseline / pages * 1000, 2),
        "site_mb": round(size(site) / 2**20, 1),
        "baseline_site_mb": round(size(base_site) / 2**20, 1),
        "search_index_kb": round(len(index) / 1024),
        "search_index_gzip_kb": round(len(gzip.compress(index)) / 1024),
        "peak_mb": memory,
        "baseline_peak_mb": base_memory,
    }


def search_timings(site: Path, query: str, visits: int = 3) -> dict:
    """The median of ``visits`` first visits (each in a new browser, so nothing is cached)."""
    runs = [search_visit(site, query) for _ in range(visits)]
    middle = sorted(runs, key=lambda r: r["index_ready_ms"])[len(runs) // 2]
    firsts = sorted(r["first_result_ms"] for r in runs if r["first_result_ms"] is not None)
    return {
        **middle,
        "index_ready_ms_runs": [r["index_ready_ms"] for r in runs],
        "first_result_ms": firsts[len(firsts) // 2] if firsts else None,
        "first_result_ms_runs": [r["first_result_ms"] for r in runs],
    }


def list_timings(site: Path, path: str = "agreements/") -> dict:
    """A collection's index at this size: its weight, when its filters are ready, and how long
    a filter over every record takes to show its result. A large index is split by year
    (tracker/views/lists.py): its page holds the latest year's rows, and the first filter
    fetches the published list of every row (/api/v1/lists/<collection>.json). Timed twice:
    from choosing a filter on the index to its rows shown (the list fetched then), and from
    navigating to a filtered address (a shared link) to its rows shown."""
    from chromium import CHROMIUM_ARGS, chromium_path, serve
    from playwright.sync_api import sync_playwright

    shown = """() => new Promise(done => {
      const check = () => {
        const count = document.querySelector('.tk-filters__count');
        if (count && count.textContent.startsWith('Showing')) done(performance.now());
        else requestAnimationFrame(check);
      };
      check();
    })"""
    # When the count first says what is shown, from the navigation's start (an init script,
    # which the Content-Security-Policy does not govern, watching the page as it is built).
    first_shown = """window.__tkShown = null;
      new MutationObserver((changes, watch) => {
        const count = document.querySelector('.tk-filters__count');
        if (count && count.textContent.startsWith('Showing')) {
          window.__tkShown = performance.now();
          watch.disconnect();
        }
      }).observe(document, {subtree: true, childList: true, characterData: true});"""
    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        weight: dict[str, int] = {}

        def weigh(response: Any) -> None:
            try:
                if response.ok:
                    weight[response.url] = len(response.body())
            except Exception:  # noqa: BLE001 (a response still arriving as the browser closes)
                pass

        page.on("response", weigh)
        page.goto(base + path, wait_until="load")
        page.wait_for_selector(".tk-filters__toggle", timeout=120_000)
        ready = page.evaluate("() => performance.now()")
        loaded = dict(weight)  # what the page loads before any filter is used
        rows = page.locator(".tk-list tbody tr").count()
        # The first filter's first choice (each filter a panel of checkboxes, tracker.js).
        filter_ms = page.evaluate(
            """async () => {
              const box = document.querySelector('.tk-filters__panel input[type=checkbox]');
              box.checked = true;
              const start = performance.now();
              box.dispatchEvent(new Event('change'));
              return await (SHOWN)() - start;
            }""".replace("SHOWN", shown),
        )
        matching = page.locator(".tk-filters__count").inner_text()
        listed = {url: kb for url, kb in weight.items() if "/api/v1/lists/" in url}
        # A shared filtered address, opened in a new tab: from navigation to its rows shown.
        fresh = browser.new_page(viewport={"width": 1280, "height": 900})
        fresh.add_init_script(first_shown)
        query = page.evaluate("() => location.search")  # the filter as tracker.js wrote it
        fresh.goto(f"{base}{path}{query}", wait_until="load")
        fresh.wait_for_function("() => window.__tkShown !== null", timeout=120_000)
        shared_ms = fresh.evaluate("() => window.__tkShown")
        shared_result = fresh.locator(".tk-filters__count").inner_text()
        browser.close()
    return {
        "index_path": path,
        "index_rows": rows,
        "index_html_kb": round(weight.get(base + path, 0) / 1024),
        "index_page_kb": round(sum(loaded.values()) / 1024),
        # Without the data Material's scripts fetch for every page (search index, sitemap).
        "index_page_own_kb": round(
            sum(n for url, n in loaded.items() if not url.endswith(("search_index.json", "sitemap.xml"))) / 1024
        ),
        "index_filterable_ms": round(ready),
        "filter": query.lstrip("?"),
        "filter_result": matching,
        "filter_ms": round(filter_ms),
        "list_json_kb": round(sum(listed.values()) / 1024),
        "shared_filter_ms": round(shared_ms),
        "shared_filter_result": shared_result,
    }


def search_visit(site: Path, query: str) -> dict:
    """Open the site in headless Chromium: when is search ready, and how soon do results come?"""
    from chromium import CHROMIUM_ARGS, chromium_path, serve
    from playwright.sync_api import sync_playwright

    with serve(site) as base, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        weight: dict[tuple[str, str], int] = {}
        page.on(
            "response", lambda r: weight.__setitem__((r.url, r.request.resource_type), len(r.body())) if r.ok else None
        )
        page.goto(base, wait_until="load")
        page.wait_for_function(
            "() => !/Initializing/i.test(document.querySelector('.md-search-result__meta').textContent)",
            timeout=120_000,
        )
        ready = page.evaluate("() => performance.now()")
        # The page's weight: its HTML, CSS, JS, images and icon. What Material's scripts then
        # fetch as data (the search index, the sitemap its instant navigation reads) is
        # reported apart.
        fetched = {"xhr", "fetch"}
        home = sum(v for (_, kind), v in weight.items() if kind not in fetched)
        data = {url.rsplit("/", 1)[-1]: v for (url, kind), v in weight.items() if kind in fetched}
        page.evaluate(
            """() => {
              window.__keys = []; window.__results = [];
              document.addEventListener('keydown', () => window.__keys.push(performance.now()), true);
              new MutationObserver(() => {
                if (document.querySelector('.md-search-result__item')) window.__results.push(performance.now());
              }).observe(document.querySelector('.md-search-result'), {childList: true, subtree: true});
            }"""
        )
        page.locator(".md-search__input").click()
        page.keyboard.type(query, delay=60)
        page.wait_for_selector(".md-search-result__item", timeout=30_000)
        page.wait_for_timeout(500)
        last_key, results = page.evaluate("() => [window.__keys[window.__keys.length - 1], window.__results]")
        after = [t for t in results if t >= last_key]
        first = round(after[0] - last_key) if after else None
        hits = page.locator(".md-search-result__item").count()
        browser.close()
    return {
        "query": query,
        "index_ready_ms": round(ready),
        "first_result_ms": first,
        "results": hits,
        "home_page_kb": round(home / 1024),
        "fetched_kb": {name: round(v / 1024) for name, v in sorted(data.items())},
    }


def live_reload() -> dict:
    """The real dataset: a full build (best of three), and `make serve` showing a data edit
    (the median of five edits, from saving the file to the page served with the change)."""
    real_site = WORK / "real-site"
    build = min(run([*MKDOCS, "-d", str(real_site)], ENV, WORK / "real-build.log")[0] for _ in range(3))
    data = WORK / "real-data"
    shutil.rmtree(data, ignore_errors=True)
    shutil.copytree(ROOT / "data", data)
    port = 8765
    log = (WORK / "serve.log").open("w")
    # As `make serve` runs it: strict, its throwaway site in memory where there is a tmpfs.
    memory = {"TMPDIR": "/dev/shm"} if os.access("/dev/shm", os.W_OK) else {}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env={**ENV, **memory, "TRACKER_DATA": str(data)},
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"

    def fetch(path: str = "/sectors/trade/", timeout: float = 5) -> str:
        try:
            with urllib.request.urlopen(base + path, timeout=timeout) as r:  # noqa: S310 (loopback)
                return r.read().decode()
        except OSError:
            return ""

    try:
        deadline = time.monotonic() + 120
        while "Trade" not in fetch() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)
        path = data / "sectors" / "trade.yml"
        original = path.read_text()
        reloads = []
        for i in range(5):
            # Wait as the preview's own script does: MkDocs answers /livereload/<build>/ when
            # a newer build is ready, and the browser then reloads the page.
            build_no = re.search(r"livereload\((\d+),", fetch())[1]
            marker = f"Trade (edit {i})"
            path.write_text(original.replace("name: Trade", f"name: {marker}"))
            start = time.perf_counter()
            fetch(f"/livereload/{build_no}/0", timeout=60)
            if marker in fetch():
                reloads.append(time.perf_counter() - start)
            time.sleep(1)
        reload = sorted(reloads)[len(reloads) // 2]
    finally:
        server.terminate()
        server.wait()
    # A full rebuild, as serve did it after every edit before it rebuilt only what an edit
    # changes (`mkdocs serve` without --dirty still does), without the file polling.
    with tempfile.TemporaryDirectory(dir=memory.get("TMPDIR")) as preview:
        out = subprocess.run(
            [sys.executable, str(ROOT / "bench" / "rebuild.py"), str(data), preview],
            cwd=ROOT,
            env={**ENV, "TRACKER_DATA": str(data)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    rebuilds = json.loads(out.strip().splitlines()[-1])
    return {
        "serve_rebuild_s": sorted(rebuilds)[len(rebuilds) // 2],
        "serve_rebuild_s_runs": rebuilds,
        "real_records": sum(1 for _ in (ROOT / "data").glob("*/*.yml")),
        "real_build_s": round(build, 2),
        "serve_reload_s": round(reload, 2),
        "serve_reload_s_runs": [round(r, 2) for r in reloads],
    }


COLUMNS = [
    ("records", "records"),
    ("pages", "pages"),
    ("validate_s", "validate s"),
    ("build_s", "build s"),
    ("baseline_s", "baseline s"),
    ("ratio", "ratio"),
    ("ms_per_page", "ms/page"),
    ("site_mb", "site MB"),
    ("search_index_kb", "index KB"),
    ("search_index_gzip_kb", "index gz KB"),
    ("peak_mb", "peak MB"),
]


def table(rows: list[dict]) -> str:
    head = "| " + " | ".join(label for _, label in COLUMNS) + " |"
    rule = "|" + "|".join("---:" for _ in COLUMNS) + "|"
    body = ["| " + " | ".join(str(row[key]) for key, _ in COLUMNS) + " |" for row in rows]
    return "\n".join([head, rule, *body])


def main() -> None:
    WORK.mkdir(parents=True, exist_ok=True)
    RESULTS.mkdir(parents=True, exist_ok=True)
    rows = []
    try:
        for n in SIZES:
            print(f"{n} records …", flush=True)
            rows.append(bench_size(n))
    finally:
        for name in (".bench-dump.yml", ".bench-baseline.yml"):
            (ROOT / name).unlink(missing_ok=True)
    print()
    print(table(rows))
    largest = WORK / f"{SIZES[-1]}-site"
    search = search_timings(largest, "agreement 1234 digital")
    print(
        f"\nSearch at {rows[-1]['records']} records (median of {len(search['index_ready_ms_runs'])} first visits): "
        f"index ready {search['index_ready_ms']} ms after load; first result {search['first_result_ms']} ms "
        f"after the last keystroke ({search['results']} results). "
        f"Runs: ready {search['index_ready_ms_runs']} ms, first result {search['first_result_ms_runs']} ms."
    )
    print(f"Home page weight: {search['home_page_kb']} KB (HTML, CSS, JS, images; uncompressed).")
    lists = list_timings(largest)
    search["lists"] = lists
    print(
        f"Agreements index at {rows[-1]['records']} records: {lists['index_rows']} rows, "
        f"HTML {lists['index_html_kb']} KB "
        f"(page {lists['index_page_kb']} KB, {lists['index_page_own_kb']} KB without the search index and sitemap "
        f"Material's scripts fetch); filterable {lists['index_filterable_ms']} ms after navigation; "
        f"a filter over every record ({lists['filter']}, the list of all rows {lists['list_json_kb']} KB fetched "
        f"then) shows its result in {lists['filter_ms']} ms ({lists['filter_result']}); a shared filtered address "
        f"shows its rows {lists['shared_filter_ms']} ms after navigation."
    )
    fetched = ", ".join(f"{name} {kb} KB" for name, kb in search["fetched_kb"].items())
    print(f"Then fetched by its scripts as data: {fetched}.")
    # The preview (`make serve`): from an edit saved to the page served with it, at each size
    # from 1,000 records, beside the full build it replaces.
    previews = []
    for n in (n for n in SIZES if n >= 1000):
        previews.append(measure_preview(n))
        print(preview_report(previews[-1]), flush=True)
    real = live_reload()
    print(
        f"Real dataset ({real['real_records']} records): build {real['real_build_s']} s; "
        f"a full rebuild as `mkdocs serve` without --dirty makes it after a data edit: {real['serve_rebuild_s']} s "
        f"(median; runs {real['serve_rebuild_s_runs']}); `make serve` shows the edit {real['serve_reload_s']} s "
        f"after saving, MkDocs' file polling included (median; runs {real['serve_reload_s_runs']})."
    )
    if len(rows) > 1:
        growth = rows[-1]["ms_per_page"] / rows[-2]["ms_per_page"]
        print(f"ms per page, {rows[-1]['records']} vs {rows[-2]['records']} records: ×{growth:.2f}")
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    result = {
        "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "commit": commit,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "rows": rows,
        "search": search,
        "preview": previews,
        "real": real,
    }
    out = RESULTS / f"{result['date'][:10]}-{commit or 'nogit'}.json"
    out.write_text(json.dumps(result, indent=2) + "\n")
    (RESULTS / "latest.json").write_text(json.dumps(result, indent=2) + "\n")
    print(f"\nSaved {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
