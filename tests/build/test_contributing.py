"""What a contributor does, as CONTRIBUTING.md tells it: scaffold, fill in, validate, preview."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import FIXTURE_DATA, ROOT, free_port, mkdocs_build

from tracker.export import data_schema, nested_schemas
from tracker.models import COLLECTIONS
from tracker.scaffold import scaffold

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *args], cwd=cwd, capture_output=True, text=True, check=False)


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_scaffold_writes_every_field(collection: str) -> None:
    text = scaffold(collection, "new-record")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema=../schema/{collection}.json"
    schema = data_schema(collection)
    for name in schema["properties"]:
        assert re.search(rf"^#? ?{name}:", text, re.M), f"{name} missing from the {collection} scaffold"
    for name, nested in nested_schemas().items():
        if f"List of {name}" in text or f"Required. {name}." in text:
            for field in nested["properties"]:
                assert f"{field}:" in text, f"{name}.{field} missing"
    record = yaml.safe_load(text)
    assert set(record) == set(schema.get("required", []))


def test_the_scaffold_states_each_text_limit() -> None:
    from tracker.models import SHORT_MAX, TEXT_MAX

    lines = scaffold("sources", "new-source").splitlines()
    said = {
        lines[i + 1].lstrip("# ").split(":")[0]: line for i, line in enumerate(lines[:-1]) if "text" in line.lower()
    }
    assert f"Text, at most {SHORT_MAX:,} characters." in said["title"]
    assert f"Text, at most {TEXT_MAX:,} characters." in said["summary"]
    assert f"List of text, at most {TEXT_MAX:,} characters each." in said["notes"]
    assert "at most" not in said["url"]  # an address has rules of its own


def test_an_untouched_scaffold_says_what_to_fill_in(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    assert run(["tracker.scaffold", "person", "new-person"], tmp_path).returncode == 0
    result = run(["tracker.validate", "data"], tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "2 problems in the data:",
        "data/people/new-person.yml:7:7: 'name' is empty",
        "data/people/new-person.yml:35:7: 'cite' needs at least one entry",
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["treaty", "x"],
            "'treaty' is not a kind of record; kinds: " + ", ".join(c.singular for c in COLLECTIONS.values()),
        ),
        (["agreement", "Bad Id"], "'Bad Id' is not a valid id: use lowercase letters, digits and single hyphens"),
        (["agreement", "harbour-accord"], "data/agreements/harbour-accord.yml already exists"),
        (["agreement"], "usage: make new KIND=<kind> ID=<id>"),
    ],
)
def test_scaffold_refuses_bad_requests(tmp_path: Path, args: list[str], message: str) -> None:
    shutil.copytree(FIXTURE_DATA, tmp_path / "data")
    result = run(["tracker.scaffold", *args], tmp_path)
    assert result.returncode != 0
    assert result.stderr.startswith(message)


def guide_example() -> str:
    """The complete example of CONTRIBUTING.md, exactly as a reader would copy it."""
    section = GUIDE.split("## 2. Add the record", 1)[1]
    return re.search(r"```yaml\n(.*?)```", section, re.S).group(1)


def test_following_the_guide_adds_a_page_its_links_and_its_search_entry(project_copy: Path, tmp_path: Path) -> None:
    shutil.rmtree(project_copy / "data")
    shutil.copytree(ROOT / "data", project_copy / "data")
    record_id = "example-mou-on-ports"
    assert f"make new KIND=agreement ID={record_id}" in GUIDE
    assert run(["tracker.scaffold", "agreement", record_id], project_copy).returncode == 0
    path = project_copy / "data" / "agreements" / f"{record_id}.yml"
    assert f"Save it as `data/agreements/{record_id}.yml`" in GUIDE
    path.write_text(guide_example(), encoding="utf-8")
    result = run(["tracker.validate", "data"], project_copy)
    assert result.returncode == 0, result.stderr

    site = tmp_path / "site"
    built = mkdocs_build(site, data=project_copy / "data", project=project_copy)
    assert built.returncode == 0, built.stderr
    page = BeautifulSoup((site / "agreements" / record_id / "index.html").read_text(), "html.parser")
    assert page.select_one("article h1").get_text(strip=True).startswith("Example MOU on port cooperation")

    record = yaml.safe_load(guide_example())
    related = [
        "agreements/",
        *[f"organisations/{p}/" for p in record["parties"]],
        f"events/{record['milestones'][0]['event']}/",
        *[f"sectors/{s}/" for s in record["sectors"]],
        "years/2026/",
        f"agreements/{record['relations'][0]['agreement']}/",
        f"sources/{record['cite'][0]}/",
        "timeline/",
    ]
    for url in related:
        html = BeautifulSoup((site / url / "index.html").read_text(), "html.parser")
        hrefs = [a["href"] for a in html.select("article a[href]")]
        to_record = [h for h in hrefs if urljoin(f"/{url}", h) == f"/agreements/{record_id}/"]
        assert to_record, f"{url} does not link to the new record"
        # Relative, as MkDocs writes checked links: the site works wherever it is served from.
        assert not any(urlsplit(h).scheme or h.startswith("/") for h in to_record), (url, to_record)
    implemented = BeautifulSoup((site / related[-3] / "index.html").read_text(), "html.parser")
    assert "Implemented by Example MOU on port cooperation" in implemented.get_text(" ", strip=True)
    index = json.loads((site / "search" / "search_index.json").read_text())
    assert any(d["location"].startswith(f"agreements/{record_id}/") for d in index["docs"])


def test_the_guides_example_errors_are_what_validate_prints(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    broken = (
        guide_example()
        .replace("kind: mou", "kind: moe")
        .replace("event: singapore-summit-2026", "event: singapore-sumit-2026")
    )
    (tmp_path / "data" / "agreements" / "example-mou-on-ports.yml").write_text(broken, encoding="utf-8")
    result = run(["tracker.validate", "data"], tmp_path)
    printed = result.stderr.splitlines()[1:]
    shown = re.search(r"```\n(data/agreements/example-mou-on-ports.yml.*?)```", GUIDE, re.S).group(1).splitlines()
    assert len(printed) == len(shown) == 2
    for line, doc in zip(printed, shown, strict=True):
        assert line.startswith(doc.removesuffix("…"))


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback only)
        return response.read().decode("utf-8")


def wait_for(url: str, predicate, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while True:
        try:
            body = fetch(url)
            if predicate(body):
                return body
        except OSError:
            pass
        if time.monotonic() > deadline:
            raise AssertionError(f"{url} did not reach the expected state in {seconds} s")
        time.sleep(0.3)


@contextlib.contextmanager
def preview(project: Path, data: Path, log: Path) -> Iterator[str]:
    """The same command as `make serve`, on ``data``; yields the preview's address and stops
    it afterwards, checking it was still running."""
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRACKER_DATA": str(data)}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dirty", "--strict", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=log.open("w"),  # a pipe nobody reads would fill and stall it
    )
    try:
        yield f"http://127.0.0.1:{port}/"
        assert server.poll() is None, "the preview stopped"
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_the_preview_reloads_and_shows_data_problems_instead_of_stopping(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    with preview(ROOT, data, tmp_path / "serve.log") as site:
        url = f"{site}agreements/harbour-mou/"
        wait_for(url, lambda body: "Memorandum on harbour pilots" in body, 60)
        path = data / "agreements" / "harbour-mou.yml"
        good = path.read_text()
        path.write_text(good.replace("Memorandum on harbour pilots", "Memorandum on river pilots"))
        wait_for(url, lambda body: "Memorandum on river pilots" in body)
        path.write_text(good.replace("kind: mou", "kind: moe"))
        body = wait_for(url, lambda body: "tk-problems" in body)
        problem = BeautifulSoup(body, "html.parser").select_one(".tk-problems")
        assert "The data has 1 problem; this preview shows the last version that was valid." in problem.get_text()
        assert "harbour-mou.yml:2:7: 'moe' is not a known kind (did you mean 'mou'?)" in problem.get_text()
        assert "Memorandum on river pilots" in body, "the last valid version should still be shown"
        path.write_text(good)
        body = wait_for(url, lambda body: "tk-problems" not in body)
        assert "Memorandum on harbour pilots" in body


def test_a_rebuild_that_fails_after_validation_never_leaves_the_preview_stuck(
    project_copy: Path, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    with preview(project_copy, data, tmp_path / "serve.log") as site:
        url = f"{site}agreements/harbour-mou/"
        wait_for(url, lambda body: "Memorandum on harbour pilots" in body, 60)
        # Once failed late (rendering the timeline): now refused by validation, shown on the page.
        path = data / "events" / "harbour-summit.yml"
        good = path.read_text()
        path.write_text(good.replace("date: 2021-06-14", "date: 9999-12-31"))
        body = wait_for(url, lambda body: "tk-problems" in body)
        assert "'9999-12-31' is out of range" in BeautifulSoup(body, "html.parser").get_text()
        path.write_text(good)
        wait_for(url, lambda body: "tk-problems" not in body)
        # A template error: the page says what broke, every request is answered.
        template = project_copy / "tracker" / "templates" / "agreement.md.j2"
        source = template.read_text()
        # Inside a block: a template that extends record.md.j2 shows nothing outside its blocks.
        assert "{% block body -%}\n" in source
        template.write_text(source.replace("{% block body -%}\n", "{% block body -%}\n{{ q.no_such_query() }}\n"))
        body = wait_for(url, lambda body: "Template error" in body)
        assert "agreement.md.j2" in body
        assert "Memorandum" in fetch(f"{site}agreements/")
        template.write_text(source)
        body = wait_for(url, lambda body: "Template error" not in body)
        assert "Memorandum on harbour pilots" in body
