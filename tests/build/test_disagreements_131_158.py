"""Where documents 131–158 disagree, a reader sees each version on the page of the fact, with the
document that gives it.

`../shared/sources/README.md` lists ten more points (14–23) for documents 131–158. As
`tests/build/test_disagreements.py` does for points 1–13, this reads the built pages of the real data
(conftest's ``real_site``) and checks that every version is there as a statement of its own,
followed by a citation mark that leads to the document giving it. Where the README names a
version from a report that is not among the documents (points 20 and 23), only the documents'
own version is recorded, and the page must not state the other as a fact.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_disagreements import statements

FTA = "agreements/korea-singapore-free-trade-agreement/"
KSDPA = "agreements/korea-singapore-digital-partnership-agreement/"
SINGAPORE = "organisations/singapore/"
DTA_1979 = "agreements/singapore-korea-double-taxation-agreement-1981/"

# README point → (page, [(words of one version as the page gives it, a document citing it)]).
VERSIONS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "14 when Korea's trade office opened in Singapore": (
        "organisations/korea-trade-centre-singapore/",
        [
            ("Korea Trade Centre in Singapore dates from 1964", "wikipedia-singapore-south-korea-relations"),
            ("dated Korea's trade mission in Singapore to 1970", "pm-lee-park-state-dinner-2013"),
        ],
    ),
    "15 how many MOUs were signed on 2 November 2025": (
        "events/seoul-summit-2025/",
        [
            ("counts four memoranda of understanding signed by the two countries", "lee-wong-summit-edaily-2025"),
            ("counts four memoranda of understanding signed at the Seoul summit", "seoul-summit-report-2025"),
            ("eight memoranda of understanding would be signed", "strategic-partnership-eight-mous-2025"),
            ("eight agreements were signed during Wong's visit", "five-mous-fta-upgrade-2026"),
        ],
    ),
    "16 the digital partnership agreement: signed on 14 January, or in force then": (
        KSDPA,
        [
            ("says Korea signed the agreement with Singapore on 14 January", "korea-depa-accession-concluded-2023"),
            ("signed it in Singapore on 21 November 2022", "ksdpa-entry-into-force-release-2023"),
            ("to take effect on 14 January 2023", "ksdpa-entry-into-force-release-2023"),
        ],
    ),
    "17 trade in 2003 and 2004": (
        SINGAPORE,
        [
            ("came to 7.8 billion dollars in 2003", "ksfta-talks-launch-ap-2004"),
            ("two-way trade grew 16 percent in 2004, to US$10.1", "ksfta-signing-announcement-2005"),
        ],
    ),
    "18 Singapore's rank among Korea's trading partners": (
        SINGAPORE,
        [
            ("sixth-largest trading partner, by the report of September 1994", "korean-pm-lee-yung-dug-visit-1994"),
            ("tenth-largest trading partner, by the Associated Press", "ksfta-talks-launch-ap-2004"),
            ("fifth-largest trading partner, by the undated AsiaOne report", "pm-lee-holiday-korea-ties"),
            ("called Singapore Korea's twelfth-largest trading partner", "ksdpa-negotiations-launched-2020"),
            ("ranked Singapore as its eleventh-largest trading partner", "digital-economy-dialogue-report-2023"),
        ],
    ),
    "19 tariff coverage: 74% covered, or 75% duty-free at once": (
        FTA,
        [
            ("covered 74 percent of Singapore's exports to Korea", "ksfta-first-year-trade-investment-2007"),
            ("About three-quarters of Singapore's domestic exports to Korea", "ksfta-takes-effect-cna-2006"),
        ],
    ),
    "20 Marina Bay Sands: 151's storeys and rooms": (
        "organisations/marina-bay-sands-hotel/",
        [
            ("each of the hotel's three towers has 55 storeys", "ssangyong-marina-bay-sands-businesskorea-2010"),
            ("the hotel has 2,561 rooms", "ssangyong-marina-bay-sands-businesskorea-2010"),
        ],
    ),
    "21 the 1979 double taxation convention's dates": (
        DTA_1979,
        [
            ("has it signed at Singapore on 6 November 1979", "nts-tax-treaty-entry-korea-singapore-1979"),
            ("refers to the convention as dated 6 November 1979", "singapore-korea-dta-order-1981"),
            ("the earlier convention was signed on 6 November 1979", "singapore-korea-dta-2019-text"),
            ("effective from 1 January 1979", "singapore-korea-dta-2019-text"),
            ("gives 11 February 1981 as the day it entered into force", "nts-tax-treaty-entry-korea-singapore-1979"),
            ("order of 13 February 1981", "singapore-korea-dta-order-1981"),
            ("says only that the earlier agreement took effect in 1981", "revised-double-taxation-agreement-2019"),
        ],
    ),
    "22 the Korea–Singapore Forum: since 2013, or already before 2005": (
        "events/seventh-korea-singapore-forum-2025/",
        [
            ("has taken up bilateral and multilateral questions since 2013", "seventh-korea-singapore-forum-kf-2025"),
            ("already names a Korea–Singapore forum", "asean-korea-relations-foreword-2007"),
        ],
    ),
    "23 the December 2013 state dinner: the day as 148 gives it": (
        "events/park-geun-hye-state-dinner-for-lee-hsien-loong-2013/",
        [('speaking at the dinner "on Thursday"', "pm-lee-park-state-dinner-2013")],
    ),
}

# README points 20 and 23 name versions from reports that are not among the documents: no page
# may state them as facts (the source's notes may say that the README mentions them).
NOT_IN_ANY_DOCUMENT: dict[str, tuple[str, list[str]]] = {
    "20 Marina Bay Sands": ("organisations/marina-bay-sands-hotel/", ["2,511", "57 storeys", "57-storey"]),
    "23 the state dinner": ("events/park-geun-hye-state-dinner-for-lee-hsien-loong-2013/", ["11 December"]),
}


def check(said: list[tuple[str, set[str]]], page: str, versions: list[tuple[str, str]]) -> None:
    """Every version is stated, followed by a mark citing its document; versions from different
    documents are different statements."""
    for words, source in versions:
        holding = [cited for text, cited in said if words in text]
        assert holding, f"{page}: no statement says {words!r}"
        assert any(source in cited for cited in holding), f"{page}: {words!r} is not cited to {source}"
    if len({source for _, source in versions}) > 1:
        texts = {next(text for text, _ in said if words in text) for words, _ in versions}
        assert len(texts) > 1, f"{page}: the versions are one statement"


def test_the_check_fails_when_an_account_is_missing_or_cited_to_another_document() -> None:
    versions = [("Four, says one", "a"), ("Eight, says another", "b")]
    both = [("Four, says one.", {"a"}), ("Eight, says another.", {"b"})]
    check(both, "page", versions)
    with pytest.raises(AssertionError, match="no statement says 'Eight"):
        check(both[:1], "page", versions)
    with pytest.raises(AssertionError, match="is not cited to b"):
        check([both[0], ("Eight, says another.", {"a"})], "page", versions)
    with pytest.raises(AssertionError, match="one statement"):
        check([("Four, says one. Eight, says another.", {"a", "b"})], "page", versions)


@pytest.mark.parametrize("point", VERSIONS)
def test_each_version_is_on_the_fact_s_page_with_its_source(real_site: Path, point: str) -> None:
    page, versions = VERSIONS[point]
    check(statements((real_site / page / "index.html").read_text(encoding="utf-8")), page, versions)


@pytest.mark.parametrize("point", NOT_IN_ANY_DOCUMENT)
def test_a_version_no_document_gives_is_not_stated(real_site: Path, point: str) -> None:
    page, absent = NOT_IN_ANY_DOCUMENT[point]
    said = " ".join(text for text, _ in statements((real_site / page / "index.html").read_text(encoding="utf-8")))
    assert said, page
    for words in absent:
        assert words not in said, f"{page} states {words!r}, which no document here gives"
