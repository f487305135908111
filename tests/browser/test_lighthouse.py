"""Lighthouse (pinned in package.json, installed by `npm ci`) scores the built real site at 1.0
for accessibility and best practices on the home page, an agreement page and the sectors page:
served from 127.0.0.1 with its own Content-Security-Policy, nothing requested elsewhere."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from chromium import CHROMIUM_ARGS, chromium_path
from conftest import ROOT

pytestmark = pytest.mark.browser

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("accessibility", "best-practices")
PAGES = ["", "agreements/korea-singapore-free-trade-agreement/", "sectors/"]


def lighthouse(url: str, out: Path) -> dict:
    if not LIGHTHOUSE.exists():
        pytest.fail(f"{LIGHTHOUSE} is missing: `npm ci` installs it (make test does)")
    flags = " ".join(["--headless=new", *CHROMIUM_ARGS])
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            f"--only-categories={','.join(CATEGORIES)}",
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            f"--chrome-flags={flags}",
        ],
        env={"CHROME_PATH": chromium_path(), "PATH": "/usr/bin:/bin", "HOME": str(out.parent)},
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(out.read_text(encoding="utf-8"))


def failing(report: dict) -> list[str]:
    """Each scored audit below 1, with the elements or items it names."""
    found = []
    for category in report["categories"].values():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                items = (audit.get("details") or {}).get("items", [])
                names = [json.dumps(item.get("node", item), default=str)[:200] for item in items[:5]]
                found.append(f"{ref['id']}: {audit['title']} {names}")
    return found


@pytest.mark.parametrize("path", PAGES, ids=["home", "agreement", "sectors"])
def test_lighthouse_scores_accessibility_and_best_practices_at_one(
    real_site: Path, real_url: str, path: str, tmp_path: Path
) -> None:
    assert (real_site / path / "index.html").exists(), path
    report = lighthouse(real_url + path, tmp_path / "report.json")
    assert report["finalDisplayedUrl"] == real_url + path
    assert report.get("runtimeError") is None, report["runtimeError"]
    scores = {name: report["categories"][name]["score"] for name in CATEGORIES}
    assert scores == dict.fromkeys(CATEGORIES, 1), "\n".join(failing(report))
