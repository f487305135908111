"""The treaty register (tracker/views/treaties.py, /treaties/): which agreements it lists, each
one's life, replacements read both ways, and whether each was in force on a day, worked out
from the data. From the views alone on the fixture (with a few treaties added) and on the real
data; then built, on the fixture and on the real site."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_DATA, ROOT, built_site
from filters import choose, toggle
from hostile import hostile_copy
from playwright.sync_api import Page, expect

from tracker.dates import PartialDate
from tracker.load import DataError, load
from tracker.models import TREATY_KINDS, Agreement
from tracker.queries import Queries
from tracker.views import treaties as tr

# Treaties between the fixture's two states, and an agreement of three: written for these
# tests into a copy of the fixture (the shared fixture keeps its counts).
EXTRA = {
    "organisations/land-c.yml": "name: Kingdom of Cesia\nshort_name: Cesia\nkind: state\ncite: [alpha-report]\n",
    "agreements/harbour-convention.yml": """
name: Harbour Convention
kind: treaty
parties: [land-a, land-b]
status: {value: replaced, as_of: 2022-02, cite: [beta-release]}
milestones:
  - {type: effective-from, date: 1999-01-01, cite: [alpha-report]}
  - {type: signed, date: 1999-03-02, cite: [alpha-report]}
  - {type: ratified, by: 1999-12, parties: [land-b], cite: [alpha-report]}
  - {type: entered-into-force, date: 2000-01, cite: [alpha-report]}
  - {type: amended, date: 2005, cite: [beta-release]}
summary: The harbours' first convention.
cite: [alpha-report, beta-release]
""",
    "agreements/harbour-pact.yml": """
name: Harbour Pact
kind: treaty
parties: [land-b, land-a]
status: {value: terminated, as_of: 2010-06-30, cite: [beta-release]}
milestones:
  - {type: signed, date: 2001, cite: [alpha-report]}
  - {type: entered-into-force, date: 2002-05-01, cite: [alpha-report]}
  - {type: terminated, date: 2010-06-30, cite: [beta-release]}
summary: A pact on pilots, since ended.
cite: [alpha-report, beta-release]
""",
    "agreements/three-seas-agreement.yml": """
name: Three Seas Agreement
kind: free-trade-agreement
parties: [land-a, land-c, land-b]
status: {value: in-force, as_of: 2019-03-01, cite: [beta-release]}
milestones:
  - {type: signed, date: 2015-04-01, parties: [land-a, land-c], cite: [alpha-report]}
  - {type: entered-into-force, date: 2016, parties: [land-a, land-c], cite: [alpha-report]}
  - {type: negotiations-launched, date: 2017-02, parties: [land-b], cite: [beta-release]}
  - {type: negotiations-concluded, date: 2018-09-10, parties: [land-b], cite: [beta-release]}
  - {type: entered-into-force, date: 2019-03-01, parties: [land-b], cite: [beta-release]}
summary: Founded by two states; the third joined later.
cite: [alpha-report, beta-release]
""",
}
REPLACES = "relations:\n  - {type: replaces, agreement: harbour-convention, cite: [beta-release]}\n"


def register_data(target: Path) -> Path:
    shutil.copytree(FIXTURE_DATA, target)
    for name, text in EXTRA.items():
        (target / name).write_text(text.lstrip(), encoding="utf-8")
    accord = target / "agreements" / "harbour-accord.yml"
    accord.write_text(accord.read_text(encoding="utf-8") + REPLACES, encoding="utf-8")
    return target


@pytest.fixture(scope="module")
def q(tmp_path_factory: pytest.TempPathFactory) -> Queries:
    return Queries(load(register_data(tmp_path_factory.mktemp("register") / "data")))


@pytest.fixture(scope="module")
def real() -> Queries:
    return Queries(load(ROOT / "data"))


def answer(q: Queries, agreement_id: str, on: date, party: str | None = None) -> tr.InForce:
    a = q.data.agreements[agreement_id]
    return tr.in_force(q.ix, a, on, q.data.organisations[party] if party else None)


# -- which agreements ----------------------------------------------------------------------------


def test_the_register_lists_the_binding_agreements_between_the_two_states(q: Queries) -> None:
    view = q.treaties(date(2024, 1, 1))
    assert [r.agreement.id for r in view.bilateral] == ["harbour-convention", "harbour-pact", "harbour-accord"]
    assert [p.id for p in view.partners] == ["land-a", "land-b"]
    assert [(r.agreement.id, r.party and r.party.id) for r in view.multilateral] == [
        ("three-seas-agreement", "land-a"),
        ("three-seas-agreement", "land-b"),
    ]
    # The rule, over every agreement: binding kind, not context, two states (or more, with both).
    for a in q.data.agreements.values():
        listed = a.id in {r.agreement.id for r in view.bilateral}
        states = [p for p in a.parties if q.data.organisations[p].kind == "state"]
        assert listed == (a.kind in TREATY_KINDS and not a.context and len(a.parties) == len(states) == 2), a.id
    assert "harbour-mou" not in {r.agreement.id for r in view.bilateral + view.multilateral}


def test_every_binding_kind_is_a_kind_of_agreement() -> None:
    kinds = Agreement.model_fields["kind"].annotation.__args__  # type: ignore[union-attr]
    assert TREATY_KINDS <= set(kinds)
    assert "mou" not in TREATY_KINDS
    assert "joint-statement" not in TREATY_KINDS


def test_a_row_holds_each_step_of_the_life_and_the_replacement_both_ways(q: Queries) -> None:
    view = q.treaties(date(2024, 1, 1))
    rows = {r.agreement.id: r for r in view.bilateral}
    convention = rows["harbour-convention"]
    assert [m.when.iso for m in convention.steps["effective_from"]] == ["1999-01-01"]
    assert [m.when.iso for m in convention.steps["ratified"]] == ["1999-12"]
    assert [m.when.iso for m in convention.steps["amended"]] == ["2005"]
    assert [(link.label, link.agreement.id, link.key) for link in convention.links] == [
        ("Replaced by", "harbour-accord", "replaced_by")
    ]
    assert [(link.label, link.agreement.id, link.key) for link in rows["harbour-accord"].links] == [
        ("Replaces", "harbour-convention", "replaces")
    ]
    # The table shows the same: a date at its precision with its sources, whose step it is
    # where not both's, the relation as a link, the answer with its reasoning.
    table = {row.record.id: row.cells for row in view.table.rows}
    names = [c.name for c in view.table.columns]
    cells = dict(zip(names, table["harbour-convention"], strict=True))
    assert cells["Ratified"].text == "by December 1999 (Landb)"
    assert (cells["Ratified"].sort, cells["Ratified"].cite) == ("1999-12", ("alpha-report",))
    assert cells["Has effect from"].text == "1 January 1999"
    assert [p.record.id for p in cells["Replaced or revised"].parts if p.record] == ["harbour-accord"]
    answer_cell = cells[tr.in_force_heading(date(2024, 1, 1))]
    assert answer_cell.text == "Replaced"
    assert "Harbour Accord" in answer_cell.derived


# -- in force on a day -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("agreement_id", "on", "party", "expected"),
    [
        # Entry into force known to the month: before it, not yet; within it, not known; after, in force.
        ("harbour-convention", date(1999, 12, 31), None, "not-yet"),
        ("harbour-convention", date(2000, 1, 15), None, "not-known"),
        ("harbour-convention", date(2000, 2, 1), None, "in-force"),
        # Replaced once the agreement replacing it is surely in force (February 2022).
        ("harbour-convention", date(2022, 2, 10), None, "in-force"),
        ("harbour-convention", date(2022, 3, 1), None, "replaced"),
        # Ended on the day its end is recorded.
        ("harbour-pact", date(2010, 6, 29), None, "in-force"),
        ("harbour-pact", date(2010, 6, 30), None, "ended"),
        # A multilateral agreement, state by state: each from its own entry into force.
        ("three-seas-agreement", date(2015, 12, 31), "land-a", "not-yet"),
        ("three-seas-agreement", date(2016, 6, 1), "land-a", "not-known"),
        ("three-seas-agreement", date(2016, 12, 31), "land-a", "in-force"),
        ("three-seas-agreement", date(2019, 2, 28), "land-b", "not-yet"),
        ("three-seas-agreement", date(2019, 3, 1), "land-b", "in-force"),
        ("harbour-accord", date(2021, 12, 31), None, "not-yet"),
    ],
)
def test_in_force_on_a_day(q: Queries, agreement_id: str, on: date, party: str | None, expected: str) -> None:
    found = answer(q, agreement_id, on, party)
    assert found.value == expected, found.reason
    assert str(PartialDate(on.year, on.month, on.day)) in found.reason


def test_the_reasoning_names_the_steps_it_rests_on(q: Queries) -> None:
    assert answer(q, "harbour-pact", date(2011, 1, 1)).reason.startswith(
        "It entered into force on 1 May 2002; it ended on 30 June 2010"
    )
    replaced = answer(q, "harbour-convention", date(2023, 1, 1)).reason
    assert "It entered into force in January 2000" in replaced
    assert "Harbour Accord, which replaces it, entered into force in February 2022" in replaced
    assert "for Landb" in answer(q, "three-seas-agreement", date(2020, 1, 1), "land-b").reason
    none = answer(q, "harbour-convention", date(2000, 1, 15))
    assert none.label == "Not known"


# -- the real data --------------------------------------------------------------------------------

DTA_1979 = "singapore-korea-double-taxation-agreement-1981"
DTA_2019 = "singapore-korea-double-taxation-agreement-2019"
MLAT = "mutual-legal-assistance-treaty-2024"
EXTRADITION = "extradition-treaty-2024"
DEPA = "digital-economy-partnership-agreement"
DONE_WHEN = {
    DTA_1979,
    DTA_2019,
    MLAT,
    EXTRADITION,
    "korea-singapore-free-trade-agreement",
    "korea-singapore-digital-partnership-agreement",
    "korea-singapore-open-skies-agreement-2019",
}


def test_the_real_register_lists_the_treaties_and_their_replacement(real: Queries) -> None:
    view = real.treaties(date(2026, 12, 7))
    rows = {r.agreement.id: r for r in view.bilateral}
    assert set(rows) >= DONE_WHEN
    assert {p.id for p in view.partners} == {"singapore", "south-korea"}
    assert all(real.data.agreements[i].kind in TREATY_KINDS for i in rows)
    assert ("Replaced by", DTA_2019) in [(link.label, link.agreement.id) for link in rows[DTA_1979].links]
    assert ("Replaces", DTA_1979) in [(link.label, link.agreement.id) for link in rows[DTA_2019].links]
    multilateral = {(r.agreement.id, r.party.id): r for r in view.multilateral if r.party}
    assert {(DEPA, "singapore"), (DEPA, "south-korea")} <= set(multilateral)
    # Each country's own steps in DEPA: Singapore's as a founder, Korea's accession talks.
    singapore, korea = multilateral[DEPA, "singapore"], multilateral[DEPA, "south-korea"]
    assert [m.when.iso for m in singapore.steps["entered_into_force"]] == ["2021-01"]
    assert [m.when.iso for m in korea.steps["talks"]] == ["2021-10", "2023-06-08"]
    assert korea.steps["entered_into_force"] == []


@pytest.mark.parametrize(
    ("agreement_id", "on", "party", "expected"),
    [
        (MLAT, date(2026, 6, 6), None, "not-yet"),
        (MLAT, date(2026, 6, 7), None, "in-force"),
        (EXTRADITION, date(2026, 6, 6), None, "not-yet"),
        (EXTRADITION, date(2026, 6, 7), None, "in-force"),
        (DTA_1979, date(1981, 2, 10), None, "not-yet"),
        (DTA_1979, date(2019, 12, 30), None, "in-force"),
        (DTA_1979, date(2019, 12, 31), None, "replaced"),
        (DTA_2019, date(2019, 12, 31), None, "in-force"),
        (DEPA, date(2021, 2, 1), "singapore", "in-force"),
        (DEPA, date(2021, 1, 15), "singapore", "not-known"),
        (DEPA, date(2026, 6, 7), "south-korea", "not-known"),  # no document dates it for Korea
    ],
)
def test_in_force_on_a_day_in_the_real_data(
    real: Queries, agreement_id: str, on: date, party: str | None, expected: str
) -> None:
    assert answer(real, agreement_id, on, party).value == expected


@pytest.mark.parametrize("on", [date(1990, 1, 1), date(2020, 6, 1), date(2026, 6, 6), date(2026, 12, 7)])
def test_every_answer_agrees_with_the_data(real: Queries, on: date) -> None:
    """Each answer against the milestones and relations it rests on, read here from the records."""
    day = (on.year, on.month, on.day)
    view = real.treaties(on)
    for row in view.bilateral + view.multilateral:
        a = row.agreement
        mine = [m for m in a.milestones if row.party is None or not m.parties or row.party.id in m.parties]
        starts = [m for m in mine if m.type == "entered-into-force"]
        ends = [m for m in mine if m.type == "terminated"]
        replacements = [
            other
            for other in real.data.agreements.values()
            for r in other.relations
            if r.type == "replaces" and r.agreement == a.id
        ]
        replaced = any(
            m.type == "entered-into-force" and m.when.latest <= day for o in replacements for m in o.milestones
        )
        value = row.in_force.value
        if value == "in-force":
            assert any(m.when.latest <= day for m in starts), a.id
            assert not any(m.when.earliest <= day for m in ends), a.id
            assert not replaced, a.id
        elif value == "not-yet":
            assert starts, a.id
            assert all(m.date and m.when.earliest > day for m in starts), a.id
        elif value == "replaced":
            assert replaced, a.id
        elif value == "ended":
            assert any(m.when.latest <= day for m in ends), a.id
        else:
            assert value == "not-known"
            assert (
                not starts
                or any(m.when.earliest <= day < m.when.latest for m in starts + ends)
                or any(m.by for m in starts)
            ), a.id
        assert str(PartialDate(*day)) in row.in_force.reason


# -- the loader's checks ---------------------------------------------------------------------------


def test_a_steps_party_must_be_a_party_and_orders_only_its_own_steps(tmp_path: Path) -> None:
    data = register_data(tmp_path / "data")
    path = data / "agreements" / "three-seas-agreement.yml"
    text = path.read_text(encoding="utf-8")
    # Land B's talks after the founders' entry into force: no problem (loaded above). A party
    # that is not one, and Land B's entry into force before its own talks, are.
    path.write_text(
        text.replace("date: 2019-03-01, parties: [land-b]", "date: 2016-03-01, parties: [land-b]").replace(
            "date: 2017-02, parties: [land-b]", "date: 2017-02, parties: [beta-ministry]"
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as err:
        load(data)
    problems = [str(p) for p in err.value.problems]
    assert any(
        "three-seas-agreement.yml:" in p and "'beta-ministry' is not among the agreement's parties" in p
        for p in problems
    ), problems
    assert any(
        "'entered-into-force' (1 March 2016) is dated before 'negotiations-concluded'" in str(p) for p in problems
    )


def test_a_replacement_may_not_go_round_in_a_circle(tmp_path: Path) -> None:
    data = register_data(tmp_path / "data")
    convention = data / "agreements" / "harbour-convention.yml"
    convention.write_text(
        convention.read_text(encoding="utf-8")
        + "relations:\n  - {type: replaces, agreement: harbour-accord, cite: [beta-release]}\n",
        encoding="utf-8",
    )
    with pytest.raises(DataError, match="leads back to this record"):
        load(data)


# -- built ----------------------------------------------------------------------------------------


def article(site: Path, url: str) -> BeautifulSoup:
    page = BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")
    return page.select_one("article")


def table_rows(table: BeautifulSoup) -> list[dict[str, BeautifulSoup]]:
    heads = [th.get_text(" ", strip=True) for th in table.select("thead th")]
    return [dict(zip(heads, tr.find_all("td"), strict=True)) for tr in table.select("tbody tr")]


def text(cell: BeautifulSoup) -> str:
    """A cell as read, without its citation marks or the reasoning behind a derived mark."""
    copy = BeautifulSoup(str(cell), "html.parser")
    for mark in copy.select(".tk-refs, [popover], .tk-derived"):
        mark.decompose()
    return copy.get_text(" ", strip=True)


@pytest.fixture(scope="module")
def register_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("register-site")
    return built_site(root / "site", data=register_data(root / "data"))


def test_the_built_register_shows_each_life_and_its_answer(register_site: Path) -> None:
    page = article(register_site, "treaties")
    bilateral, multilateral = page.select(".tk-list table")
    rows = {text(r["Treaty"]): r for r in table_rows(bilateral)}
    assert list(rows) == ["Harbour Convention", "Harbour Pact", "Harbour Accord"]
    convention, accord = rows["Harbour Convention"], rows["Harbour Accord"]
    # Dated at their precision, each cited (the marks lead to the page's list of sources).
    assert text(convention["Entered into force"]) == "January 2000"
    assert convention["Entered into force"].select_one("[data-sort]")["data-sort"] == "2000-01"
    assert convention["Entered into force"].select("a.tk-cite")
    assert text(convention["Ratified"]) == "by December 1999 (Landb)"
    # The replacement both ways, each a link to the other's page.
    assert [a["href"] for a in convention["Replaced or revised"].select("a:not(.tk-cite)")] == [
        "../agreements/harbour-accord/"
    ]
    assert text(convention["Replaced or revised"]).startswith("Replaced by Harbour Accord")
    assert text(accord["Replaced or revised"]).startswith("Replaces Harbour Convention")
    # The answer for the build's day, marked as worked out, its reasoning behind the mark.
    heading = next(h for h in (th.get_text(" ", strip=True) for th in bilateral.select("th")) if "In force on" in h)
    for row in rows.values():
        cell = next(v for k, v in row.items() if k.startswith("In force on"))
        assert cell.select_one("button.tk-derived") is not None
        why = cell.select_one("[popover]")
        assert why is not None
        assert why.get_text(strip=True).startswith("Derived value.")
    assert text(next(v for k, v in rows["Harbour Pact"].items() if k.startswith("In force on"))) == "Ended"
    assert text(next(v for k, v in convention.items() if k.startswith("In force on"))) == "Replaced"
    assert "In force on" in heading
    # The filters: the answer among them (a name with spaces, between bars).
    box = page.select_one(".tk-list")
    assert box["data-tk-list"].startswith("|In force on ")
    # The multilateral agreement, a row per state with its own steps.
    joined = [
        (text(r["Agreement"]), text(r["Party"]), text(r["Entered into force for it"])) for r in table_rows(multilateral)
    ]
    assert joined == [
        ("Three Seas Agreement", "Republic of Landa", "2016"),
        ("Three Seas Agreement", "Republic of Landb", "1 March 2019"),
    ]
    # The agreement's page says whose steps they are; the other side's page the replacement.
    three = article(register_site, "agreements/three-seas-agreement")
    assert "Entered into force for Landb" in three.select_one(".tk-lifecycle").get_text(" ", strip=True)
    related = article(register_site, "agreements/harbour-convention").get_text(" ", strip=True)
    assert "Replaced by Harbour Accord" in related


def test_the_register_is_published_as_json_and_csv(register_site: Path) -> None:
    published = json.loads((register_site / "api/v1/treaties.json").read_text(encoding="utf-8"))
    rows = {r["id"]: r for r in published["treaties"]}
    assert list(rows) == ["harbour-convention", "harbour-pact", "harbour-accord"]
    assert rows["harbour-convention"]["replaced_by"] == ["harbour-accord"]
    assert rows["harbour-accord"]["replaces"] == ["harbour-convention"]
    assert rows["harbour-pact"]["steps"]["ended"][0]["date"] == "2010-06-30"
    assert rows["harbour-pact"]["in_force"]["value"] == "ended"
    assert rows["harbour-pact"]["in_force"]["on"] == published["in_force_on"]
    assert [(r["id"], r["party"]) for r in published["multilateral"]] == [
        ("three-seas-agreement", "land-a"),
        ("three-seas-agreement", "land-b"),
    ]
    raw = (register_site / "api/v1/treaties.csv").read_text(encoding="utf-8-sig")
    table = list(csv.DictReader(io.StringIO(raw)))
    assert [(r["section"], r["id"], r["party"]) for r in table] == [
        ("bilateral", "harbour-convention", ""),
        ("bilateral", "harbour-pact", ""),
        ("bilateral", "harbour-accord", ""),
        ("multilateral", "three-seas-agreement", "land-a"),
        ("multilateral", "three-seas-agreement", "land-b"),
    ]
    assert table[0]["ratified"] == "by 1999-12"
    assert table[0]["replaced_by"] == "harbour-accord"
    assert {r["in_force"] for r in table} <= set(tr.IN_FORCE_LABELS)
    data_page = article(register_site, "data")
    assert data_page.select_one("a[href='../api/v1/treaties.json']") is not None
    assert data_page.select_one("a[href='../api/v1/treaties.csv']") is not None


def test_hostile_text_stays_text_in_the_register(tmp_path: Path) -> None:
    data = hostile_copy(register_data(tmp_path / "plain"), tmp_path / "data")
    site = built_site(tmp_path / "site", data=data)
    page = article(site, "treaties")
    boxes = page.select(".tk-list")
    assert [box.select("script, img, svg, iframe, details, style, meta, object") for box in boxes] == [[], []]
    hrefs = [a["href"].lower() for box in boxes for a in box.select("a[href]")]
    assert hrefs
    assert not [h for h in hrefs if h.startswith(("javascript", "data"))]
    assert len(page.select(".tk-list tbody tr")) == 5


def test_the_real_register(real_site: Path) -> None:
    page = article(real_site, "treaties")
    bilateral, multilateral = page.select(".tk-list table")
    rows = {r["Treaty"].a["href"].split("/")[-2]: r for r in table_rows(bilateral)}
    assert set(rows) >= DONE_WHEN
    assert [a["href"] for a in rows[DTA_1979]["Replaced or revised"].select("a:not(.tk-cite)")][0].endswith(
        f"/{DTA_2019}/"
    )
    assert text(rows[DTA_1979]["Replaced or revised"]).startswith("Replaced by")
    assert text(rows[DTA_2019]["Replaced or revised"]).startswith("Replaces")
    for treaty in (MLAT, EXTRADITION):
        assert text(rows[treaty]["Entered into force"]) == "7 June 2026"
    depa = [r for r in table_rows(multilateral) if r["Agreement"].a["href"].endswith(f"/{DEPA}/")]
    assert {text(r["Party"]) for r in depa} == {"Singapore", "Republic of Korea"}
    by_party = {text(r["Party"]): r for r in depa}
    assert text(by_party["Singapore"]["Entered into force for it"]) == "January 2021"
    assert "8 June 2023" in text(by_party["Republic of Korea"]["Accession talks"])
    # In the navigation, and in the data.
    nav = BeautifulSoup((real_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert nav.select_one("a[href='treaties/']") is not None
    published = json.loads((real_site / "api/v1/treaties.json").read_text(encoding="utf-8"))
    assert {r["id"] for r in published["treaties"]} == set(rows)


@pytest.mark.browser
def test_the_register_filters_by_its_answer_and_sorts_by_date(tab: Page, real_url: str) -> None:
    """The filter on the answer (a column name with spaces) offers its values without the
    derived mark's words, and keeps to the rows giving it; a date column sorts as dates."""
    tab.goto(real_url + "treaties/", wait_until="load")
    box = tab.locator(".tk-list").first
    total = box.locator("tbody tr").count()
    heading = box.locator("thead th").nth(1).inner_text().strip(" ↕↑↓")
    assert heading.startswith("In force on ")
    button = toggle(tab, heading)
    panel = tab.locator(f"#{button.get_attribute('aria-controls')}")
    options = panel.locator("label").all_inner_texts()
    assert {o.strip() for o in options} <= set(tr.IN_FORCE_LABELS.values())
    assert "Replaced" in {o.strip() for o in options}
    choose(tab, heading, "Replaced")
    assert parse_qs(urlsplit(tab.url).query) == {"in-force": ["replaced"]}  # a key, not the day's heading
    shown = box.locator("tbody tr:not([hidden])")
    expect(shown).to_have_count(1)
    assert DTA_1979 in shown.first.locator("td").first.locator("a").get_attribute("href")
    tab.get_by_role("button", name="Show all").first.click()
    expect(box.locator("tbody tr:not([hidden])")).to_have_count(total)
    box.get_by_role("button", name="Entered into force").click()
    keys = box.locator("tbody tr").evaluate_all(
        "trs => trs.map(tr => (tr.cells[5].querySelector('[data-sort]') || {}).dataset?.sort || '')"
    )
    dated = [k for k in keys if k]
    assert dated == sorted(dated)
    assert dated
