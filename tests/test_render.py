"""tracker/render.py: a large build renders its pages in a second process, and the site is the
very site a build in one process writes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, SPLIT, mkdocs_build

from tracker.render import RenderPool, Settings

# parallel_pages 1: the fixture's few data files are enough for a second process; 0: never.
PARALLEL = {"TRACKER_PARALLEL_PAGES": "1"}
SERIAL = {"TRACKER_PARALLEL_PAGES": "0"}
SAME_DAY = {"SOURCE_DATE_EPOCH": "1767225600"}


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("indexes", [{}, SPLIT], ids=["whole-indexes", "split-indexes"])
def test_a_build_rendering_in_a_second_process_writes_the_same_site(tmp_path: Path, indexes: dict) -> None:
    one = mkdocs_build(tmp_path / "one", env={**SERIAL, **SAME_DAY, **indexes})
    two = mkdocs_build(tmp_path / "two", env={**PARALLEL, **SAME_DAY, **indexes})
    assert one.returncode == 0, one.stderr
    assert two.returncode == 0, two.stderr
    # Every generated page came from the worker (none rendered again in the build's process).
    rendered = re.search(r"(\d+) pages rendered in a second process", two.stderr)
    assert rendered, two.stderr
    assert "rendered in a second process" not in one.stderr
    pages = [p for p in _files(tmp_path / "two") if p.endswith("index.html")]
    hand_written = len(list((ROOT / "docs").rglob("*.md")))
    assert int(rendered[1]) == len(pages) - hand_written
    assert _files(tmp_path / "one") == _files(tmp_path / "two")


def test_a_template_error_in_the_second_process_names_the_template_and_line(project_copy: Path, tmp_path: Path) -> None:
    template = project_copy / "tracker" / "templates" / "agreement.md.j2"
    source = template.read_text(encoding="utf-8")
    assert "{% block body -%}\n" in source
    line = source.split("\n").index("{% block body -%}") + 2  # the line added below it
    template.write_text(source.replace("{% block body -%}\n", "{% block body -%}\n{{ a.no_such_field }}\n"))
    result = mkdocs_build(tmp_path / "site", project=project_copy, env=PARALLEL)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert re.search(rf"rendering agreements/[a-z0-9-]+\.md failed: agreement\.md\.j2:{line}: \w+", output), output
    assert "no_such_field" in output
    assert not (tmp_path / "site").exists()
    assert list(tmp_path.glob(".site-*")) == []  # nor any folder of the failed build


def test_a_worker_that_cannot_start_leaves_the_rendering_to_the_build(caplog: pytest.LogCaptureFixture) -> None:
    # Data files that are not the ones the worker finds: it refuses to start, and the build is
    # told to render the page itself (None) instead of waiting or failing.
    settings = Settings(str(ROOT / "mkdocs.yml"), {}, {"data_dir": str(ROOT / "tests/fixtures/data")}, ("not", "these"))
    pool = RenderPool(settings)
    try:
        pool.submit(["agreements/index.md"], {})
        with caplog.at_level("INFO", logger="mkdocs.plugins.tracker"):
            assert pool.result("agreements/index.md") is None
        assert "data changed" in caplog.text
        assert pool.result("agreements/index.md") is None  # asked once; the build renders it
        assert pool.rendered == 0
    finally:
        pool.close()
