"""The real dataset under data/: what was entered from the five source documents.

These tests read ``data/`` itself (not the test fixtures) through ``tracker.load.load`` and
check the promises the dataset makes: the key dates of the main agreements at the precision
the documents give, that differing accounts are kept apart with their own citations, and
that every source document is cited by at least one fact. They check what holds as records
are added: a contributor adding a record (CONTRIBUTING.md) must not have to edit a test.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import header_address, shared
from pydantic import BaseModel

from tracker.dates import PartialDate
from tracker.load import load
from tracker.models import COLLECTIONS

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"

# Source ids, named by what each document is.
SEOUL_2025 = "seoul-summit-report-2025"  # 000
STATE_VISIT_2026 = "state-visit-report-2026"  # 001
ANALYSIS_2026 = "summit-ai-analysis-2026"  # 002
DIALOGUE_2023 = "digital-economy-dialogue-report-2023"  # 003
KSDPA_RELEASE_2023 = "ksdpa-entry-into-force-release-2023"  # 004
ASIAONE_2026 = "five-mous-fta-upgrade-2026"  # 129

FTA = "korea-singapore-free-trade-agreement"
DPA = "korea-singapore-digital-partnership-agreement"
PARTNERSHIP = "korea-singapore-strategic-partnership"

MOUS_2025 = {
    "mou-2025-digital-cooperation",
    "mou-2025-culture-and-sports-exchanges",
    "mou-2025-green-and-digital-shipping-routes",
    "mou-2025-public-administration",
}
MOUS_2026 = {
    "mou-2026-artificial-intelligence",
    "mou-2026-small-modular-reactors",
    "mou-2026-quantum-technology",
    "mou-2026-space-and-satellites",
    "mou-2026-digital-and-innovation-ecosystems",
}
KSDPA_MOUS = {
    "ksdpa-mou-artificial-intelligence",
    "ksdpa-mou-digital-economy-dialogue",
    "ksdpa-mou-electronic-data-exchange",
}


@pytest.fixture(scope="module")
def data():
    return load(DATA)


def milestone(agreement, kind):
    found = [m for m in agreement.milestones if m.type == kind]
    assert len(found) == 1, f"{agreement.id}: expected one '{kind}' milestone, found {len(found)}"
    return found[0]


def assert_date(date: PartialDate | None, iso: str, precision: str) -> None:
    assert date is not None
    assert (date.iso, date.precision) == (iso, precision)


def cites(value):
    """Every source id cited anywhere inside a record, in any nested fact."""
    if isinstance(value, BaseModel):
        found = set(getattr(value, "cite", None) or ())
        for name in type(value).model_fields:
            found |= cites(getattr(value, name))
        return found
    if isinstance(value, (list, tuple)):
        found = set()
        for item in value:
            found |= cites(item)
        return found
    return set()


# -- the whole dataset --------------------------------------------------------------------------


def test_every_collection_has_records_and_every_record_one_file(data):
    for collection in COLLECTIONS:
        assert data[collection], f"data/{collection}/ is empty"
        files = {p.stem for p in (DATA / collection).glob("*.yml")}
        assert set(data[collection]) == files
    assert len(data) == sum(len(data[c]) for c in COLLECTIONS)


# -- the free trade agreement through its life -------------------------------------------------


def test_fta_milestones(data):
    fta = data.agreements[FTA]
    # The whole life, from proposal to upgrade talks, each step at its documents' precision.
    steps = [(m.type, m.when.iso) for m in fta.milestones]
    for step in [
        ("proposed", "2000-11"),
        ("joint-study-group", "2002-10"),
        ("study-report", "2003-10"),
        ("declaration-of-intent", "2003-10-23"),
        ("negotiations-launched", "2004-01"),
        ("negotiation-round", "2004-11-29"),
        ("negotiations-concluded", "2004-11-29"),
        ("signed", "2005-08"),
        ("ratified", "2005-12"),
        ("entered-into-force", "2006-03-02"),
        ("implementation-review", "2022-06-16"),
        ("anniversary", "2026"),
        ("upgrade-talks-agreed", "2026-03-02"),
    ]:
        assert step in steps
    # Where documents disagree, each version is an account with its own citation.
    concluded = milestone(fta, "negotiations-concluded")
    assert any(a.cite == [SEOUL_2025] and "October 2004" in a.text for a in concluded.accounts)
    signed = milestone(fta, "signed")
    assert any(a.cite == ["ksfta-to-take-effect-xinhua-2006"] and "August 2004" in a.text for a in signed.accounts)
    in_force = milestone(fta, "entered-into-force")
    assert any(a.cite == ["asean-korea-relations-foreword-2007"] and "2005" in a.text for a in in_force.accounts)
    assert milestone(fta, "ratified").derived
    anniversary = milestone(fta, "anniversary")
    assert_date(anniversary.date, "2026", "year")
    assert anniversary.derived
    upgrade = milestone(fta, "upgrade-talks-agreed")
    assert upgrade.event == "singapore-summit-2026"
    # 001 ("agreed to start negotiations", joint declaration) and 002 ("decision to begin
    # upgrading") are kept as separate accounts, each with its own citation.
    assert [a.cite for a in upgrade.accounts][:2] == [[STATE_VISIT_2026], [ANALYSIS_2026]]
    # Still in force: the upgrade talks are a step in its life, not a change of status.
    assert fta.status.value == "in-force"
    assert_date(fta.status.as_of, "2026-03-02", "day")
    # Its 2004–2006 steps are about trade; only the upgrade talks concern AI and the rest.
    assert "artificial-intelligence" not in fta.sectors
    assert "artificial-intelligence" in upgrade.sectors
    # Signatories per party, with the office each held then.
    assert {(s.person, s.party) for s in fta.signatories} == {
        ("lim-hng-kiang", "singapore"),
        ("ban-ki-moon", "south-korea"),
    }
    assert all(s.capacity for s in fta.signatories)


def test_fta_upgrade_scope_is_recorded(data):
    notes = " ".join(n.text for n in data.agreements[FTA].notes if ANALYSIS_2026 in n.cite)
    for item in ("semiconductors", "AI infrastructure", "data centres", "digital services", "middle of 2026"):
        assert item in notes


def test_joint_declaration_on_upgrade_talks(data):
    declaration = data.agreements["joint-declaration-fta-upgrade-talks-2026"]
    assert declaration.kind == "joint-declaration"
    assert_date(milestone(declaration, "adopted").date, "2026-03-02", "day")
    relations = {(r.type, r.agreement) for r in declaration.relations}
    assert ("related", FTA) in relations
    # 001's "joint declaration" and 128's MTI–MOTIR "joint statement" may be one text: said, not merged.
    assert ("possibly-same-as", "ksfta-upgrade-joint-statement-2026") in relations
    statement = data.agreements["ksfta-upgrade-joint-statement-2026"]
    assert ("possibly-same-as", declaration.id) in {(r.type, r.agreement) for r in statement.relations}


# -- the digital partnership agreement and its memoranda ---------------------------------------


def test_dpa_dates_and_signatories(data):
    dpa = data.agreements[DPA]
    signed = milestone(dpa, "signed")
    assert_date(signed.date, "2022-11-21", "day")
    assert signed.place == "Singapore"
    assert signed.event == "ksdpa-signing-ceremony"
    assert_date(milestone(dpa, "legal-procedures-completed").by, "2023-01-13", "day")
    # 004 (13 January 2023) says it "will enter into force on 14 January 2023" and no later
    # document reports that it did: a scheduled entry into force is not a recorded one, so no
    # step records it and the status stays "signed", with the scheduled date in its note.
    assert not [m for m in dpa.milestones if m.type == "entered-into-force"]
    assert dpa.status.value == "signed"
    assert_date(dpa.status.as_of, "2023-01-13", "day")
    assert dpa.status.note
    assert "14 January 2023" in dpa.status.note
    signatories = {(s.person, s.party) for s in dpa.signatories}
    assert signatories == {("tan-see-leng", "singapore"), ("dukgeun-ahn", "south-korea")}
    # The wire report's photo caption dates the signing ceremony.
    assert DIALOGUE_2023 in data.events["ksdpa-signing-ceremony"].cite


def test_dpa_has_three_implementing_mous(data):
    implementing = {
        a.id
        for a in data.agreements.values()
        if any(r.type == "implements" and r.agreement == DPA for r in a.relations)
    }
    assert implementing >= KSDPA_MOUS
    for mou_id in KSDPA_MOUS:
        assert_date(milestone(data.agreements[mou_id], "signed").by, "2023-01-13", "day")


# -- the 2025 Seoul summit ----------------------------------------------------------------------


def test_strategic_partnership_and_joint_statement(data):
    partnership = data.agreements[PARTNERSHIP]
    established = milestone(partnership, "established")
    assert_date(established.date, "2025-11-02", "day")
    # 000 says only "Sunday"; 125 and 126 give 2 November: each account keeps its own citation.
    accounts = {c for a in established.accounts for c in a.cite}
    assert {
        SEOUL_2025,
        STATE_VISIT_2026,
        "wong-official-visit-release-2025",
        "strategic-partnership-eight-mous-2025",
    } <= accounts
    assert all(len(a.cite) == 1 for a in established.accounts)
    statement = data.agreements["joint-statement-strategic-partnership-2025"]
    assert statement.kind == "joint-statement"
    assert [(r.type, r.agreement) for r in statement.relations] == [("establishes", PARTNERSHIP)]


@pytest.mark.parametrize(
    ("year", "expected", "day", "event"),
    [
        (2025, "MOUS_2025", "2025-11-02", "seoul-summit-2025"),
        (2026, "MOUS_2026", "2026-03-02", "singapore-summit-2026"),
    ],
)
def test_each_summit_mou_is_its_own_record(data, year, expected, day, event):
    expected = globals()[expected]
    mous = {a.id for a in data.agreements.values() if a.kind == "mou" and milestone(a, "signed").when.year == year}
    assert expected <= mous
    for mou_id in expected:
        signed = milestone(data.agreements[mou_id], "signed")
        assert_date(signed.date, day, "day")
        assert signed.event == event
        if year == 2026:
            # 001 gives "five ... in areas such as AI and SMR", 002 lists five areas: both kept.
            assert [a.cite for a in signed.accounts][:2] == [[STATE_VISIT_2026], [ANALYSIS_2026]]
            # 129's list of five differs again: a third account, never merged into the others.
            assert [a.cite for a in signed.accounts][2] == [ASIAONE_2026]


def test_company_fund_and_bank_agreements(data):
    pairs = {
        "hyundai-motor-singtel-5g-agreement": ["hyundai-motor", "singtel"],
        "temasek-korea-development-bank-agreement": ["temasek", "korea-development-bank"],
        "seviora-korea-development-bank-agreement": ["seviora", "korea-development-bank"],
    }
    for agreement_id, parties in pairs.items():
        agreement = data.agreements[agreement_id]
        assert agreement.kind == "commercial-agreement"
        assert agreement.parties == parties
    assert_date(milestone(data.agreements["hyundai-motor-singtel-5g-agreement"], "signed").by, "2023-05-19", "day")
    # 002 says only that the summit "unlocked" the bank partnerships and that the firms signed
    # agreements: no date, place or occasion. So they are not signed at the summit; the signing
    # is bounded by the year the undated analysis implies, and says how that was worked out.
    for agreement_id in list(pairs)[1:]:
        signed = milestone(data.agreements[agreement_id], "signed")
        assert signed.event is None
        assert signed.date is None
        assert_date(signed.by, "2026", "year")
        assert signed.derived


def test_context_and_other_agreements(data):
    # The Korea–ASEAN agreement binds Singapore as a member of ASEAN: a multilateral agreement
    # of both countries (the treaty register lists it as such), not a context record.
    akfta = data.agreements["korea-asean-free-trade-agreement"]
    assert {"singapore", "south-korea"} <= set(akfta.parties)
    assert akfta.context is False
    meat = data.agreements["korea-meat-exports-to-singapore"]
    assert meat.context is False
    assert "food-security-and-agriculture" in meat.sectors
    # Context records are the exception: most agreements are Korea–Singapore instruments.
    main = [a for a in data.agreements.values() if not a.context]
    assert len(main) >= 21
    assert data.agreements["uk-singapore-digital-economy-agreement"].context is True
    assert data.agreements["korea-chile-free-trade-agreement"].context is True


# -- events and their nesting -------------------------------------------------------------------


def test_event_dates_and_nesting(data):
    events = data.events
    expected = {
        "ksdpa-signing-ceremony": ("2022-11-21", "day", None),
        "first-digital-economy-dialogue": ("2023-05-19", "day", None),
        "deputy-trade-minister-meets-singapore-counterpart-2023": (
            "2023-05-19",
            "day",
            "first-digital-economy-dialogue",
        ),
        "north-korea-us-summit-2018": ("2018", "year", None),
        "asean-summit-kuala-lumpur-2025": ("2025", "year", None),
        "apec-summit-gyeongju-2025": ("2025", "year", None),
        "wong-official-visit-to-korea-2025": ("2025-11-02", "day", None),
        "seoul-summit-2025": ("2025-11-02", "day", "wong-official-visit-to-korea-2025"),
        "seoul-summit-2025-signing-ceremony": ("2025-11-02", "day", "seoul-summit-2025"),
        "lee-state-visit-to-singapore-2026": ("2026-03", "month", None),
        "singapore-summit-2026": ("2026-03-02", "day", "lee-state-visit-to-singapore-2026"),
        "ai-connect-summit-2026": ("2026", "year", "lee-state-visit-to-singapore-2026"),
        "lee-tharman-meeting-2026": ("2026", "year", "lee-state-visit-to-singapore-2026"),
        "lee-business-leaders-meeting-2026": ("2026", "year", "lee-state-visit-to-singapore-2026"),
        "establishment-of-diplomatic-relations": ("1975-08-08", "day", None),
        "lee-kuan-yew-official-visit-to-korea-1979": ("1979-10", "month", None),
        "kim-dae-jung-visit-to-singapore-2000": ("2000-11", "month", None),
        "roh-lee-meeting-vientiane-2004": ("2004-11-29", "day", "asean-plus-three-summit-vientiane-2004"),
        "lee-moon-meeting-2018": ("2018-07-12", "day", "moon-state-visit-to-singapore-2018"),
        "lee-moon-meeting-2019": ("2019-11-23", "day", "lee-official-visit-to-korea-2019"),
    }
    assert set(expected) <= set(events)
    for event_id, (iso, precision, parent) in expected.items():
        assert_date(events[event_id].when, iso, precision)
        assert events[event_id].part_of == parent, event_id
    context = {e.id for e in events.values() if e.context}
    assert context >= {"north-korea-us-summit-2018", "asean-summit-kuala-lumpur-2025", "apec-summit-gyeongju-2025"}
    assert {"asean-plus-three-summit-vientiane-2004", "asean-rok-commemorative-summit-2019"} <= context
    assert not context & {"kim-dae-jung-visit-to-singapore-2000", "lee-moon-meeting-2019"}


def test_worked_out_event_dates_say_how(data):
    # The event dates the five documents do not state outright carry their reasoning.
    worked_out = {
        "first-digital-economy-dialogue",
        "deputy-trade-minister-meets-singapore-counterpart-2023",
        "asean-summit-kuala-lumpur-2025",
        "apec-summit-gyeongju-2025",
        "seoul-summit-2025-signing-ceremony",
        "lee-state-visit-to-singapore-2026",
        "ai-connect-summit-2026",
        "lee-tharman-meeting-2026",
        "lee-business-leaders-meeting-2026",
    }
    for event_id in worked_out:
        assert data.events[event_id].derived, f"{event_id} has a worked-out date without 'derived'"


def test_2026_summit_venue_from_photo_caption(data):
    summit = data.events["singapore-summit-2026"]
    assert summit.venue == "Ministry of Foreign Affairs"
    venue = [p for p in summit.participants if p.organisation == "sg-ministry-of-foreign-affairs"]
    assert len(venue) == 1
    assert venue[0].cite == [STATE_VISIT_2026]


# -- people and names ---------------------------------------------------------------------------


def test_both_spellings_of_lee_with_their_own_citations(data):
    names = {n.name: set(n.cite) for n in data.people["lee-jae-myung"].names}
    assert set(names) == {"Lee Jae Myung", "Lee Jae-myung"}
    assert {SEOUL_2025, STATE_VISIT_2026} <= names["Lee Jae Myung"]
    assert ANALYSIS_2026 in names["Lee Jae-myung"]
    assert names["Lee Jae Myung"].isdisjoint(names["Lee Jae-myung"])


def test_wong_in_office_since_may_2024(data):
    since = [r.since for r in data.people["lawrence-wong"].roles if r.since]
    assert len(since) == 1
    assert_date(since[0], "2024-05", "month")


def test_cheong_wa_dae_is_not_equated_with_the_presidential_office(data):
    office = data.organisations["kr-presidential-office"]
    spelled = [office.name, office.short_name or ""] + [a.name for a in office.aliases]
    assert not any("cheong wa dae" in s.lower() for s in spelled)


# -- figures ------------------------------------------------------------------------------------


def test_figures(data):
    f = data.figures
    expected = {
        "singapore-investor-rank-2025": ("4th", "2025-11-02", "day"),
        "singapore-trading-partner-rank-2023": ("11th", "2023-05-19", "day"),
        "digital-economy-dialogue-participants-2023": (None, "2023-05-19", "day"),
        "diplomatic-relations-50th-anniversary-2025": ("50th", "2025", "year"),
        "diplomatic-relations-established-1975": ("1975", "1975", "year"),
        "fta-20th-anniversary-2026": ("20th", "2026", "year"),
        "north-korea-us-summit-eight-years-2026": ("eight years", "2026-03-02", "day"),
        "expected-results-by-mid-2026": ("by mid-2026", "2026", "year"),
    }
    for figure_id, (value, iso, precision) in expected.items():
        if value is not None:
            assert f[figure_id].value == value
        assert_date(f[figure_id].as_of, iso, precision)
    assert "25" in f["digital-economy-dialogue-participants-2023"].value
    assert f["diplomatic-relations-established-1975"].derived


# -- citations ----------------------------------------------------------------------------------


def test_every_source_is_cited_by_a_fact(data):
    cited = set()
    for collection in ("agreements", "events", "sectors", "people", "organisations", "figures"):
        for record in data[collection].values():
            cited |= cites(record)
    assert set(data.sources) <= cited
    assert cited <= set(data.sources)
    assert {SEOUL_2025, STATE_VISIT_2026, ANALYSIS_2026, DIALOGUE_2023, KSDPA_RELEASE_2023} <= set(data.sources)
    # One source record per document file.
    files = [s.file for s in data.sources.values()]
    assert len(files) == len(set(files))


def test_sources_name_their_publishers_as_organisations(data):
    for s in data.sources.values():
        if s.publisher:
            assert s.publisher in data.organisations
        if s.reprint_of:
            assert s.reprint_of in data.organisations
            assert s.publisher
            assert s.publisher != s.reprint_of
        if s.undated and s.date:
            assert s.derived, s.id
    herald = data.sources[SEOUL_2025]
    assert herald.publisher == "the-korea-herald"
    assert herald.url == "https://www.koreaherald.com/article/10606860"


def test_a_source_without_a_headline_has_a_label_that_is_clearly_ours(data):
    """No "Untitled: …", which reads as broken data: a description of the document, marked ours."""
    for s in data.sources.values():
        assert not s.title.lower().startswith("untitled"), s.id
        if s.title_from == "ours":
            assert s.title.endswith("(our description)"), s.id


def test_header_address_reads_only_a_url_line(tmp_path):
    document = tmp_path / "doc.txt"
    document.write_text("url: https://example.org/a?b=1\ntitle: t\n", encoding="utf-8")
    assert header_address(document) == "https://example.org/a?b=1"
    document.write_text("SEOUL, May 19 (Yonhap) -- url: https://example.org/\n", encoding="utf-8")
    assert header_address(document) is None
    document.write_text("url: none\n", encoding="utf-8")
    assert header_address(document) is None


def test_a_source_links_the_address_its_document_header_gives(data):
    """Issue 27: every source page links its original where the document's header gives an
    address, and links that address, not another (a record may have an address from elsewhere
    in the documents, such as 000's from the README, where its document has no header)."""
    headed = 0
    for s in data.sources.values():
        address = header_address(shared("sources") / s.file)
        if address is not None:
            headed += 1
            assert s.url == address, f"{s.id}: url {s.url!r}, but {s.file} gives {address!r}"
    assert headed, "no document header gives an address: the check would check nothing"


def test_data_is_in_our_own_words():
    result = subprocess.run(
        [sys.executable, str(shared("tools/copycheck.py")), "data"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout


# -- documents 116–130: disagreements kept side by side --------------------------------------------


def test_ksdpa_conclusion_and_the_2021_signing_account(data):
    dpa = data.agreements[DPA]
    concluded = milestone(dpa, "negotiations-concluded")
    assert_date(concluded.date, "2021-12", "month")
    assert {c for a in concluded.accounts for c in a.cite} == {
        "ksdpa-negotiations-concluded-2021",
        "ksfta-fifth-implementation-review-2022",
    }
    signed = milestone(dpa, "signed")
    assert_date(signed.date, "2022-11-21", "day")
    # 122 says "signed ... in 2021": its own account, not the milestone's date or citation.
    assert ["singapore-national-day-seoul-2023"] in [a.cite for a in signed.accounts]
    assert "singapore-national-day-seoul-2023" not in signed.cite


def test_smr_memoranda_may_be_one_instrument_and_say_so(data):
    pairs = [
        ("ema-khnp-smr-mou-2026", "mou-2026-small-modular-reactors"),
        ("mou-2026-nuclear-energy", "mou-2026-small-modular-reactors"),
    ]
    for a, b in pairs:
        for x, y in ((a, b), (b, a)):
            relations = {(r.type, r.agreement) for r in data.agreements[x].relations}
            assert ("possibly-same-as", y) in relations, (x, y)
    ema = milestone(data.agreements["ema-khnp-smr-mou-2026"], "signed")
    assert_date(ema.date, "2026-03-01", "day")
    assert ema.derived


def test_counts_that_differ_are_separate_figures(data):
    f = data.figures
    # 2025 Seoul summit: four memoranda (000) against eight (126, 129).
    assert f["mous-signed-seoul-summit-2025"].value == "4"
    assert f["mous-signed-seoul-summit-2025"].cite == [SEOUL_2025]
    assert f["mous-seoul-summit-2025-eight"].amount == 8
    assert SEOUL_2025 not in f["mous-seoul-summit-2025-eight"].cite
    # 2024 state visit: five MOUs and agreements (123) against three agreements (124).
    assert f["instruments-exchanged-yoon-visit-2024"].cite == ["yoon-state-visit-outcomes-2024"]
    assert f["agreements-signed-yoon-visit-2024-mti"].cite == ["tan-see-leng-business-forum-speech-2024"]


def test_money_figures_say_their_currency_and_year(data):
    f = data.figures
    assert (f["bilateral-trade-2007-sgd"].currency, f["bilateral-trade-2007-sgd"].reference_year.iso) == ("SGD", "2007")
    assert (f["bilateral-trade-2023-sgd"].currency, f["bilateral-trade-2023-sgd"].reference_year.iso) == ("SGD", "2023")
    assert (f["bilateral-trade-2021-usd"].currency, f["bilateral-trade-2021-usd"].reference_year.iso) == ("USD", "2021")
    for figure in f.values():
        if figure.currency:
            assert figure.reference_year or figure.as_of, figure.id


def test_disagreements_of_documents_102_to_115_are_kept_apart(data):
    # README 13: 102 gives the day relations began, 103 and 112 the year only.
    relations = data.events["establishment-of-diplomatic-relations"]
    assert_date(relations.date, "1975-08-08", "day")
    cited = [set(n.cite) for n in relations.notes]
    for source in (
        "mfa-50th-anniversary-letters-2025",
        "lee-kuan-yew-funeral-park-geun-hye-2015",
        "pm-lee-holiday-korea-ties",
    ):
        assert {source} in cited
    # README 13: 104 calls Kim Dae-jung's visit both a state and an official visit.
    kim = " ".join(n.text for n in data.events["kim-dae-jung-visit-to-singapore-2000"].notes)
    assert "state visits" in kim
    assert "official visit" in kim
    # The revised tax agreement: signatories per party with their offices; its day, once
    # derived from 114's "13 May" and 115's "May 2019", is stated by the treaty text (134).
    dta = data.agreements["singapore-korea-double-taxation-agreement-2019"]
    assert {(s.person, s.party) for s in dta.signatories} == {
        ("ahn-young-jip", "south-korea"),
        ("ng-wai-choong", "singapore"),
    }
    signed = milestone(dta, "signed")
    assert_date(signed.date, "2019-05-13", "day")
    assert signed.derived or any("singapore-korea-dta-2019-text" in a.cite for a in signed.accounts)
    assert dta.relations[0].agreement == "singapore-korea-double-taxation-agreement-1981"
