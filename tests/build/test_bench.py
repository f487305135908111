"""The benchmark's synthetic data: valid, shaped like the real data, and built cleanly.

`make bench` times builds of up to 10,000 such records; here 50 are generated, validated
and built with the real engine, as a smoke test. No timing is asserted.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, mkdocs_build

from tracker.load import load

sys.path.insert(0, str(ROOT / "bench"))
from generate import generate  # noqa: E402


def test_generated_data_validates_and_builds(tmp_path: Path) -> None:
    counts = generate(50, tmp_path / "data")
    data = load(tmp_path / "data")
    assert len(data) == sum(counts.values()) >= 50
    assert all(counts[c] > 0 for c in counts)
    assert any(a.relations for a in data.agreements.values())
    assert any(m.event for a in data.agreements.values() for m in a.milestones)
    assert {m.when.precision for a in data.agreements.values() for m in a.milestones} == {"year"}
    assert {e.date.precision for e in data.events.values()} >= {"day", "month"}
    result = mkdocs_build(tmp_path / "site", data=tmp_path / "data")
    assert result.returncode == 0, result.stderr
    agreement = next(iter(data.agreements))
    assert (tmp_path / "site" / "agreements" / agreement / "index.html").exists()


def test_generation_is_repeatable(tmp_path: Path) -> None:
    generate(30, tmp_path / "one")
    generate(30, tmp_path / "two")
    one = {p.relative_to(tmp_path / "one"): p.read_text() for p in (tmp_path / "one").rglob("*.yml")}
    two = {p.relative_to(tmp_path / "two"): p.read_text() for p in (tmp_path / "two").rglob("*.yml")}
    assert one == two


@pytest.mark.browser
def test_list_timings_weigh_a_split_index_and_time_a_filter_over_every_record(split_site: Path) -> None:
    # In a process of its own, as `make bench` runs it: Playwright's synchronous API refuses
    # to start beside the session's browser (tests/conftest.py) in the same thread.
    script = "import json, sys; from pathlib import Path; from run import list_timings; "
    script += "print(json.dumps(list_timings(Path(sys.argv[1]))))"
    result = subprocess.run(
        [sys.executable, "-c", script, str(split_site)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "bench"), str(ROOT / "tests")])},
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["index_rows"] == 1  # the latest year's rows
    assert 0 < found["index_html_kb"] <= found["index_page_own_kb"] <= found["index_page_kb"]
    assert found["filter_result"].startswith("Showing")
    assert found["shared_filter_result"] == found["filter_result"]
    assert found["list_json_kb"] > 0  # the split index publishes its list
    assert found["shared_filter_ms"] > 0
