"""Corrections, freshness and stable addresses: "Suggest a correction" on every record page,
"Last reviewed", and a renamed record's old address leading to its page."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_DATA, mkdocs_build

from tracker.load import DataError, load


def renamed(tmp_path: Path, line: str) -> Path:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    accord = data / "agreements" / "harbour-accord.yml"
    accord.write_text(line + "\n" + accord.read_text(encoding="utf-8"), encoding="utf-8")
    return data


def test_an_old_id_may_not_be_a_live_one(tmp_path: Path) -> None:
    data = renamed(tmp_path, "renamed_from: [harbour-mou]")
    with pytest.raises(DataError) as err:
        load(data)
    assert [str(p).split("data/", 1)[1] for p in err.value.problems] == [
        "agreements/harbour-accord.yml:1:16: 'harbour-mou' is the id of a record in agreements: "
        "an old address cannot be a live one"
    ]


def test_an_old_id_leads_to_one_record_only(tmp_path: Path) -> None:
    data = renamed(tmp_path, "renamed_from: [old-accord]")
    mou = data / "agreements" / "harbour-mou.yml"
    mou.write_text("renamed_from: [old-accord]\n" + mou.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load(data)
    assert "'old-accord' in renamed_from" in str(err.value)


def test_reviewed_is_a_date(tmp_path: Path) -> None:
    data = renamed(tmp_path, "reviewed: last week")
    with pytest.raises(DataError):
        load(data)


def page_policy(path: Path) -> str:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return page.select_one("meta[http-equiv=Content-Security-Policy]")["content"]


def test_old_address_redirects_and_record_pages_offer_corrections(tmp_path: Path) -> None:
    data = renamed(tmp_path, "renamed_from: [old-harbour-accord]\nreviewed: 2026-11-01")
    site = tmp_path / "site"
    result = mkdocs_build(site, data=data, env={"TRACKER_CORRECTIONS": "https://example.org/issues/new"})
    assert result.returncode == 0, result.stderr
    moved = BeautifulSoup((site / "agreements" / "old-harbour-accord" / "index.html").read_text(), "html.parser")
    assert moved.select_one("meta[http-equiv=refresh]")["content"] == "0; url=../../agreements/harbour-accord/"
    assert moved.select_one("a")["href"] == "../../agreements/harbour-accord/"
    # The same Content-Security-Policy as every other page.
    policy = moved.select_one("meta[http-equiv=Content-Security-Policy]")["content"]
    assert policy == page_policy(site / "agreements" / "harbour-accord" / "index.html")
    page = BeautifulSoup((site / "agreements" / "harbour-accord" / "index.html").read_text(), "html.parser")
    line = page.select_one(".tk-correction")
    # Outside a git checkout (the data copied to a temporary folder) there is no history: the
    # page says when the record was checked, and nothing of when it changed.
    assert line.get_text().startswith("Checked against its sources on 1 November 2026. Suggest")
    assert "Last changed" not in line.get_text()
    links = {a.get_text(): a["href"] for a in line.select("a")}
    assert links.pop("what to include") == "../../method/#reporting-an-error"
    # The new issue is written already: its title and body name the record, its id and its address.
    suggest = urlsplit(links.pop("Suggest a correction"))
    assert (suggest.scheme, suggest.netloc, suggest.path) == ("https", "example.org", "/issues/new")
    asked = parse_qs(suggest.query)
    assert asked["title"] == ["Correction: Harbour Accord (agreements/harbour-accord)"]
    (body,) = asked["body"]
    assert "Page: http://127.0.0.1:8000/agreements/harbour-accord/\n" in body
    assert "Record: agreements/harbour-accord\n" in body
    assert links == {}  # no "Edit the data" without the repository's edit address
    # Without a target set, it leads to the Method page's instructions; a record without
    # `reviewed` says nothing of it.
    other = BeautifulSoup((site / "agreements" / "harbour-mou" / "index.html").read_text(), "html.parser")
    assert other.select_one(".tk-correction a")


def test_without_a_target_the_method_page_is_the_way(fixture_site: Path) -> None:
    for path in ("agreements/harbour-accord", "people/quill-marlow", "sources/alpha-report"):
        page = BeautifulSoup((fixture_site / path / "index.html").read_text(), "html.parser")
        line = page.select_one(".tk-correction")
        checked = line.select_one(".tk-checked")
        if checked is not None:  # built from a git checkout: when the file last changed
            assert re.fullmatch(r"Last changed on \d{1,2} [A-Z][a-z]+ \d{4}\.", checked.get_text())
            checked.decompose()
        assert line.get_text().strip() == "Suggest a correction"
        assert line.select_one("a")["href"] == "../../method/#reporting-an-error"


def test_a_corrections_target_that_is_no_address_stops_the_build(tmp_path: Path) -> None:
    result = mkdocs_build(tmp_path / "site", env={"TRACKER_CORRECTIONS": "javascript:alert(1)"})
    assert result.returncode != 0
    assert "corrections" in result.stderr
