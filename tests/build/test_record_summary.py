"""A record page read at a glance: the summary box at its top gives what an infobox shows
first, from the record's data, before any other text; "Cite this page" is a heading of the
table of contents and the box leads to it.

Every expected value is read from the fixture data (tests/fixtures/data), never listed here;
the pages are read back as HTML, as a reader's browser reads them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import FIXTURE_DATA
from pydantic import BaseModel

from tracker.dataset import Dataset
from tracker.dates import when
from tracker.kinds import label
from tracker.load import load
from tracker.models import Record
from tracker.queries import Queries  # noqa: F401 (registers the kinds of record and their labels)

COLLECTIONS = ("agreements", "events", "people", "organisations", "sources")


@pytest.fixture(scope="module")
def data() -> Dataset:
    return load(FIXTURE_DATA)


def page(site: Path, record: Record) -> BeautifulSoup:
    html = (site / record.collection / record.id / "index.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def article(site: Path, record: Record) -> Tag:
    """The article as a reader sees it before opening anything (no popovers, nothing hidden)."""
    found = page(site, record).select_one("article")
    assert found is not None
    for hidden in found.select("[popover], [hidden]"):
        hidden.decompose()
    return found


def box(site: Path, record: Record) -> dict[str, list[Tag]]:
    """The summary box's lines: each label and its values (dd elements)."""
    summary = article(site, record).select_one(".tk-summary")
    assert summary is not None, f"{record.collection}/{record.id} has no summary box"
    return {line.dt.get_text(strip=True): line.find_all("dd") for line in summary.select(".tk-summary__line")}


def texts(values: list[Tag]) -> list[str]:
    return [dd.get_text(" ", strip=True) for dd in values]


def linked(values: list[Tag]) -> list[str]:
    """The names of the records the values link to (not their citation marks)."""
    return [a.get_text(strip=True) for dd in values for a in dd.select("a:not(.tk-cite)")]


def cited(record: Record) -> set[str]:
    """Every document the record itself cites, in any of its fields."""
    found: set[str] = set()

    def walk(value: object) -> None:
        if isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, BaseModel):
            found.update(getattr(value, "cite", None) or ())
            for name in type(value).model_fields:
                walk(getattr(value, name))

    walk(record)
    return found


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_the_summary_box_comes_before_any_other_text(fixture_site: Path, data: Dataset, collection: str) -> None:
    for record in data[collection].values():
        text = article(fixture_site, record)
        first = text.h1.find_next_sibling()
        assert first is not None, f"{collection}/{record.id}"
        assert "tk-summary" in first.get("class", []), f"{collection}/{record.id}"


@pytest.mark.parametrize("collection", COLLECTIONS)
def test_cite_this_page_is_in_the_table_of_contents_and_the_box(
    fixture_site: Path, data: Dataset, collection: str
) -> None:
    for record in data[collection].values():
        html = page(fixture_site, record)
        toc = [a["href"] for a in html.select(".md-sidebar--secondary .md-nav__link[href]")]
        assert "#cite-this-page" in toc, f"{collection}/{record.id}"
        heading = html.select_one("article h2#cite-this-page")
        assert heading is not None
        assert heading.get_text(strip=True).startswith("Cite this page")
        # The citation itself follows the heading.
        assert "tk-citeblock" in heading.find_next_sibling().get("class", [])
        assert html.select_one(".tk-summary a[href='#cite-this-page']") is not None
        # Every link of the box to a place on the page finds it there.
        for a in html.select(".tk-summary a[href^='#']"):
            assert html.find(id=a["href"][1:]) is not None, f"{collection}/{record.id}: {a['href']}"


def test_agreement_box(fixture_site: Path, data: Dataset) -> None:
    for a in data["agreements"].values():
        lines = box(fixture_site, a)
        assert texts(lines["Kind"]) == [label(a.kind, "agreement.kind")]
        assert texts(lines["Status"])[0].startswith(label(a.status.value, "status.value"))
        # The first signature and entry into force, each at the precision the data gives.
        for kind in ("signed", "entered-into-force"):
            steps = sorted((m for m in a.milestones if m.type == kind), key=lambda m: m.when)
            shown = label(kind, "milestone.type")
            if not steps:
                assert shown not in lines
                continue
            assert texts(lines[shown])[0].startswith(when(steps[0])), a.id
            if steps[0].event:
                assert data["events"][steps[0].event].name in linked(lines[shown][1:])
            # Its marks stay on it: the dashed derived mark, "accounts differ" where kept.
            marks = lines[shown][0].select("button")
            assert bool(steps[0].derived) == any("tk-derived" in b["class"] for b in marks)
        parties = [data["organisations"][p].name for p in a.parties]
        assert linked(lines["Parties"]) == parties if parties else "Parties" not in lines
        people = [data["people"][s.person].name for s in a.signatories]
        signed = linked(lines.get("Signed by", []))
        assert [n for n in signed if n in people] == people
        # Each signatory with the party signed for, where the data says.
        for s, dd in zip(a.signatories, lines.get("Signed by", []), strict=True):
            if s.party:
                assert data["organisations"][s.party].name in linked([dd])
        n = len(cited(a))
        assert texts(lines["Sources"]) == [f"{n} document{'' if n == 1 else 's'}"]
        assert lines["Sources"][0].a["href"] == "#sources"


def test_the_box_keeps_the_derived_and_accounts_marks(fixture_site: Path, data: Dataset) -> None:
    """A date the sources give in two accounts keeps its mark in the box as in the milestones."""
    found = False
    for a in data["agreements"].values():
        lines = box(fixture_site, a)
        signed = sorted((m for m in a.milestones if m.type == "signed"), key=lambda m: m.when)
        if signed and signed[0].accounts:
            found = True
            assert lines["Signed"][0].select("button.tk-accounts"), a.id
    assert found, "the fixture has no signature given in two accounts"


def test_event_box(fixture_site: Path, data: Dataset) -> None:
    for e in data["events"].values():
        lines = box(fixture_site, e)
        assert texts(lines["Kind"]) == [label(e.kind, "event.kind")]
        assert texts(lines["Date"] if "Date" in lines else lines["Dates"])[0].startswith(when(e))
        if e.place:
            assert texts(lines["Place"])[0].startswith(e.place)
        # What was signed there (at it or a part of it): how many agreements.
        parts = {e.id} | {x.id for x in data["events"].values() if x.part_of == e.id}
        agreements = {a.id for a in data["agreements"].values() if any(m.event in parts for m in a.milestones)}
        if agreements:
            assert texts(lines["Agreements"])[0].startswith(f"{len(agreements)} agreement")
        elif e.kind != "signing-ceremony":
            assert "Agreements" not in lines
        if e.part_of:
            assert linked(lines["Part of"]) == [data["events"][e.part_of].name]


def test_person_box(fixture_site: Path, data: Dataset) -> None:
    for p in data["people"].values():
        lines = box(fixture_site, p)
        if p.country:
            assert linked(lines["Country"]) == [data["organisations"][p.country].name]
        titles = list(dict.fromkeys(r.title for r in p.roles))
        offices = texts(lines.get("Offices", []))
        assert [t for t in titles if any(o.startswith(t) for o in offices)] == titles
        signed = {a.id for a in data["agreements"].values() if any(s.person == p.id for s in a.signatories)}
        if signed:
            assert texts(lines["Records"])[0].startswith(f"{len(signed)} agreement")


def test_organisation_box(fixture_site: Path, data: Dataset) -> None:
    for o in data["organisations"].values():
        lines = box(fixture_site, o)
        assert texts(lines["Kind"]) == [label(o.kind, "organisation.kind")]
        if o.country and o.country != o.id:
            assert linked(lines["Country"]) == [data["organisations"][o.country].name]
        party = [a for a in data["agreements"].values() if o.id in a.parties]
        if party:
            assert texts(lines["Agreements"]) == [f"party to {len(party)} agreement{'' if len(party) == 1 else 's'}"]
        else:
            assert "Agreements" not in lines


def test_source_box(fixture_site: Path, data: Dataset) -> None:
    for s in data["sources"].values():
        lines = box(fixture_site, s)
        assert texts(lines["Title"]) == [s.title]
        assert texts(lines["Kind"]) == [label(s.kind, "source.kind")]
        if s.publisher:
            assert linked(lines["Publisher"]) == [data["organisations"][s.publisher].name]
        if s.date and not s.undated:
            assert texts(lines["Date"])[0].startswith(str(s.date))
        if s.url:
            assert [a["href"] for a in lines["Original"][0].select("a")] == [s.url]
        else:
            assert "Original" not in lines


def test_search_shows_the_box_first_and_not_the_names_of_other_records(fixture_site: Path, data: Dataset) -> None:
    """Search shows a page's first text under its title: the box's kind, status and dates for
    an agreement, a source's title, publisher and date; the names of other records in the box
    (parties, signatories, the event of a signature) stay out of the index."""
    index = json.loads((fixture_site / "search" / "search_index.json").read_text(encoding="utf-8"))

    def first_text(record: Record) -> str:
        docs = [d for d in index["docs"] if d["location"] == f"{record.collection}/{record.id}/"]
        assert docs, f"{record.collection}/{record.id} is not in the index"
        return docs[0]["text"]

    for a in data["agreements"].values():
        text = first_text(a)
        assert text.startswith(f"Kind {label(a.kind, 'agreement.kind')} Status "), text[:80]
        assert label(a.status.value, "status.value") in text
        for m in a.milestones:
            if m.event:
                assert data["events"][m.event].name not in text
        for p in a.parties:
            assert data["organisations"][p].name not in text
    for s in data["sources"].values():
        text = first_text(s)
        assert s.title in text
        if s.publisher:
            assert data["organisations"][s.publisher].name in text
        if s.date and not s.undated:
            assert str(s.date) in text
