"""Shared fixtures and helpers: builds of the fixture dataset, made once per test session.

The tests are laid out by what they need, and each folder's tests carry its marker
(`pytest -m unit` runs the fast ones alone: `make test-fast`):
- unit/: loading, models, views, queries, pages and exports: no build;
- build/: a site built from the fixture (or the real data) and read back;
- browser/: Chromium driving a built or served site;
- preview/: `mkdocs serve --dirty` compared with full builds.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from chromium import CHROMIUM_ARGS, chromium_path, serve
from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parent.parent
FIXTURE_DATA = ROOT / "tests" / "fixtures" / "data"
# The source documents and the own-words check, beside the project as CI lays them out.
SHARED = ROOT.parent / "shared"


def free_port() -> int:
    """A free port on the loopback address, for a server a test starts."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def header_address(document: Path) -> str | None:
    """The web address a source document's header gives (its first line, ``url: …``), if it has
    one. A header copied from HTML source writes an ampersand as ``&amp;``: read as a browser
    reads it."""
    first = document.read_text(encoding="utf-8").split("\n", 1)[0]
    key, _, value = first.partition(":")
    address = value.strip().replace("&amp;", "&")
    return address if key == "url" and address.startswith(("http://", "https://")) else None


def shared(relative: str) -> Path:
    """A path under ../shared/: a test that needs it is skipped on a checkout without it, and
    fails in CI (CI=true), where a missing shared/ must never pass for a clean check."""
    path = SHARED / relative
    if not path.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{path} is missing: CI lays ../shared beside the project")
        pytest.skip(f"{path} is not beside the project")
    return path


def mkdocs_build(
    out: Path,
    *,
    data: Path = FIXTURE_DATA,
    project: Path = ROOT,
    env: dict[str, str] | None = None,
    timeout: float | None = None,
) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` as ``make site`` does, on the given data, into ``out``
    (failing the test, with subprocess.TimeoutExpired, if it takes longer than ``timeout`` s)."""
    environ = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRACKER_DATA": str(data), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(out)],
        cwd=project,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
        timeout=timeout,
    )


def built_site(out: Path, **how: Any) -> Path:
    """``out``, built by ``mkdocs_build(out, **how)``, which must succeed (for fixtures)."""
    result = mkdocs_build(out, **how)
    assert result.returncode == 0, result.stderr
    return out


def made_once(tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]) -> Path:
    """A folder ``make`` fills once per test run, however many workers ask: pytest-xdist's
    workers share the parent of their temporary folders, where the first to ask makes it while
    the others wait on a lock (the recipe of pytest-xdist's documentation). The tests only read
    these folders."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    out, done = root / name, root / f"{name}.made"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(out, ignore_errors=True)  # what a worker that failed left
            out.mkdir()
            make(out)
            done.touch()
    return out


def built_once(tmp_path_factory: pytest.TempPathFactory, name: str, **how: Any) -> Path:
    """``built_site`` once per test run (made_once)."""
    return made_once(tmp_path_factory, name, lambda out: built_site(out, **how))


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_once(tmp_path_factory, "fixture-site")


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """The site's own files (not data, not the venv) copied, for builds that change them."""
    copy = tmp_path / "project"
    copy.mkdir()
    for name in ("mkdocs.yml", "macros.py"):
        shutil.copy(ROOT / name, copy / name)
    for name in ("docs", "tracker"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "data").mkdir()  # mkdocs.yml watches it; the builds read the fixture data
    return copy


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless, driven by Playwright (never a browser it downloads)."""
    with sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def base_url(fixture_site: Path) -> Iterator[str]:
    """The fixture site served on 127.0.0.1."""
    with serve(fixture_site) as url:
        yield url


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built from the real data/ (search ranking, phone layouts at real sizes)."""
    return built_once(tmp_path_factory, "real-site", data=ROOT / "data")


@pytest.fixture(scope="session")
def real_url(real_site: Path) -> Iterator[str]:
    with serve(real_site) as url:
        yield url


# The fixture with every index of more than one row split by year (the plugin's index_rows):
# year pages, the index's table of years and the published lists of every row.
SPLIT = {"TRACKER_INDEX_ROWS": "1"}


@pytest.fixture(scope="session")
def split_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_once(tmp_path_factory, "split-site", env=SPLIT)


@pytest.fixture(scope="session")
def split_url(split_site: Path) -> Iterator[str]:
    with serve(split_site) as url:
        yield url


@pytest.fixture
def tab(browser: Browser) -> Iterator[Page]:
    """A fresh 1280 px tab that fails its test on any console error or uncaught exception."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


LAYERS = ("unit", "build", "browser", "preview")
# Fixtures that build a site: a test in unit/ that asks for one is a build test.
BUILDS = {"fixture_site", "real_site", "split_site", "project_copy", "base_url", "real_url", "split_url"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Each test is marked with its folder's layer (unit, build, browser, preview); a test of
    unit/ that builds a site (through a fixture, or marked `build` itself) is a build test."""
    for item in items:
        layer = item.path.parent.name
        if layer == "unit" and (BUILDS & set(getattr(item, "fixturenames", ())) or item.get_closest_marker("build")):
            layer = "build"
        if layer in LAYERS and not item.get_closest_marker(layer):
            item.add_marker(getattr(pytest.mark, layer))
