"""Where the documents disagree, a reader sees each version on the page of the fact, with the
document that gives it.

`../shared/sources/README.md` ("Where the documents disagree") lists thirteen points. For each,
this reads the built page of the fact concerned (the real data, conftest's ``real_site``) and
checks that every version is there as a statement of its own, followed by a citation of the
document that gives it: never one merged value, never a version without its source.
`tests/unit/test_real_data.py` checks the same points in the data; this checks what a reader sees.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

FTA = "agreements/korea-singapore-free-trade-agreement/"
KSDPA = "agreements/korea-singapore-digital-partnership-agreement/"
SINGAPORE = "organisations/singapore/"

# README point → (page, [(words of one version as the page gives it, a document citing it)]).
VERSIONS: dict[str, tuple[str, list[tuple[str, str]]]] = {
    "1 when the FTA negotiations were concluded": (
        FTA,
        [
            ("reports the agreement concluded on Monday", "ksfta-concluded-vientiane-2004"),
            ("on 29 November 2004 that talks were concluded", "ksfta-negotiation-history-review"),
            ("says negotiations were first concluded in October 2004", "seoul-summit-report-2025"),
        ],
    ),
    "2 when the FTA was signed": (
        FTA,
        [
            ("says Korea signed the agreement in August 2004", "ksfta-to-take-effect-xinhua-2006"),
            ("signed it in August of the previous year", "ksfta-takes-effect-cna-2006"),
            ("The Korea Herald report of November 2025 gives August 2005", "seoul-summit-report-2025"),
        ],
    ),
    "3 when the FTA entered into force": (
        FTA,
        [
            ("concluded the agreement and put it into effect in 2005", "asean-korea-relations-foreword-2007"),
            ("comes into force on Thursday, that is 2 March 2006", "ksfta-takes-effect-cna-2006"),
            ("agreed to start implementing the agreement on 2 March", "ksfta-to-take-effect-xinhua-2006"),
        ],
    ),
    "4 when the digital partnership agreement was signed": (
        KSDPA,
        [
            ("says it was signed in 2021", "singapore-national-day-seoul-2023"),
            ("signed it in Singapore on 21 November 2022", "ksdpa-entry-into-force-release-2023"),
            ("settled in December 2021", "ksfta-fifth-implementation-review-2022"),
        ],
    ),
    "5 how many MOUs came out of the 2025 Seoul summit": (
        "events/seoul-summit-2025/",
        [
            ("Memoranda signed at the 2025 Seoul summit (Korea Herald)", "seoul-summit-report-2025"),
            ("Memoranda or agreements of the 2025 Seoul visit (CNA, AsiaOne)", "strategic-partnership-eight-mous-2025"),
            ("Memoranda or agreements of the 2025 Seoul visit (CNA, AsiaOne)", "five-mous-fta-upgrade-2026"),
        ],
    ),
    "6 which five MOUs of the 2026 summit": (
        "events/singapore-summit-2026/",
        [
            ("the March 2026 report names AI and small modular reactors", "state-visit-report-2026"),
            ("The analysis lists the five memoranda as covering AI cooperation", "summit-ai-analysis-2026"),
            (
                "exchange of five memoranda on artificial intelligence, advanced manufacturing",
                "five-mous-fta-upgrade-2026",
            ),
        ],
    ),
    "8 how many agreements came out of the 2024 state visit": (
        "events/yoon-state-visit-to-singapore-2024/",
        [
            ("Memoranda and agreements exchanged during the 2024 state visit (CNA)", "yoon-state-visit-outcomes-2024"),
            (
                "Agreements signed by the two governments during the 2024 state visit",
                "tan-see-leng-business-forum-speech-2024",
            ),
        ],
    ),
    "9 tariff coverage when the FTA started": (
        FTA,
        [
            ("Singapore's exports to Korea free of tariffs from the first day", "ksfta-takes-effect-cna-2006"),
            ("Korea's tariff lines freed under the FTA", "ksfta-to-take-effect-xinhua-2006"),
        ],
    ),
    "10 Singapore's rank among investors in Korea": (
        SINGAPORE,
        [
            ("Singapore's rank among investors in Korea (2020)", "vice-minister-choi-singapore-meetings-2022"),
            ("Singapore's rank among investors in South Korea", "seoul-summit-report-2025"),
        ],
    ),
    "11 Singapore's rank among Korea's trading partners": (
        SINGAPORE,
        [
            (
                "Singapore's rank among Korea's trade partners in Southeast Asia (2005)",
                "ksfta-signing-announcement-2005",
            ),
            ("Singapore's rank among Korea's ASEAN trading partners (2007)", "asean-korea-relations-foreword-2007"),
            ("Singapore's rank among ASEAN countries in Korea's trade", "ksfta-fifth-implementation-review-2022"),
            ("Singapore's rank among South Korea's trading partners (undated report)", "pm-lee-holiday-korea-ties"),
            ("Singapore's rank among South Korea's trading partners:", "digital-economy-dialogue-report-2023"),
        ],
    ),
    "12a which Korean regional policy: the New Northern Policy (a slip?)": (
        "events/choi-meetings-singapore-mfa-2022/",
        [("a key partner of Korea's New Northern Policy", "vice-minister-choi-singapore-meetings-2022")],
    ),
    "12b which Korean regional policy: the New Southern Policy": (
        "events/lee-moon-meeting-2018/",
        [("Moon's New Southern Policy", "pm-lee-moon-joint-press-conference-2018")],
    ),
    "13a Kim Dae-jung's visit: state or official": (
        "events/kim-dae-jung-visit-to-singapore-2000/",
        [("calls the trip state visits to Singapore and Indonesia", "kim-dae-jung-southeast-asia-trip-2000")],
    ),
    "13b twenty years, or more than twenty": (
        FTA,
        [("twenty years before in President Lee's quoted words", "five-mous-fta-upgrade-2026")],
    ),
    "13c the day relations began, or only the year": (
        "events/establishment-of-diplomatic-relations/",
        [
            ("gives the day: 8 August 1975", "mfa-50th-anniversary-letters-2025"),
            ("says only that relations were set up in 1975", "lee-kuan-yew-funeral-park-geun-hye-2015"),
            ("says only that ties date from 1975", "pm-lee-holiday-korea-ties"),
        ],
    ),
}

_CITE = re.compile(r"#source-([a-z0-9-]+)$")


def statements(html: str) -> list[tuple[str, set[str]]]:
    """The article as a reader meets it: each run of text with the sources of the citation
    marks that follow it (a list of marks ends a statement; text after it starts the next)."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    for hidden in article.select(".tk-sources, .tk-cite-page, pre, script"):
        hidden.decompose()
    out: list[tuple[str, set[str]]] = []
    text: list[str] = []
    cited: set[str] = set()
    for node in article.descendants:
        if isinstance(node, Tag) and node.name == "a" and "tk-cite" in (node.get("class") or []):
            found = _CITE.search(str(node.get("href", "")))
            if found:
                cited.add(found[1])
        elif isinstance(node, NavigableString) and not node.find_parent("a", class_="tk-cite"):
            words = str(node)
            if cited and words.strip(" .,;:()[]\n"):
                out.append((" ".join("".join(text).split()), cited))
                text, cited = [], set()
            text.append(words)
    if text:
        out.append((" ".join("".join(text).split()), cited))
    return out


def test_a_statement_keeps_the_sources_of_the_marks_after_it() -> None:
    html = (
        '<article><p>Four, says one. <a class="tk-cite" href="#source-a">[1]</a></p>'
        '<p>Eight, says another. <a class="tk-cite" href="#source-b">[2]</a>'
        '<a class="tk-cite" href="#source-c">[3]</a></p></article>'
    )
    assert statements(html) == [("Four, says one.", {"a"}), ("Eight, says another.", {"b", "c"})]


def test_the_check_fails_when_a_version_loses_its_source() -> None:
    html = '<article><p>Four, says one. Eight, says another. <a class="tk-cite" href="#source-a">[1]</a></p></article>'
    (text, cited), *_ = statements(html)
    assert "Eight" in text
    assert "b" not in cited


@pytest.mark.parametrize("point", VERSIONS)
def test_each_version_is_on_the_fact_s_page_with_its_source(real_site: Path, point: str) -> None:
    page, versions = VERSIONS[point]
    said = statements((real_site / page / "index.html").read_text(encoding="utf-8"))
    for words, source in versions:
        holding = [cited for text, cited in said if words in text]
        assert holding, f"{page}: no statement says {words!r}"
        assert any(source in cited for cited in holding), f"{page}: {words!r} is not cited to {source}"
    # Versions from different documents are separate statements, not one merged sentence.
    if len({source for _, source in versions}) > 1:
        texts = {next(text for text, _ in said if words in text) for words, _ in versions}
        assert len(texts) > 1, f"{page}: the versions of {point} are one statement"


def test_the_smr_memoranda_say_they_may_be_one_instrument(real_site: Path) -> None:
    # README 7: a memorandum signed on 1 March and one of the summit's on 2 March may be the
    # same document; each page says so and links the other.
    pairs = [
        ("agreements/ema-khnp-smr-mou-2026/", "mou-2026-small-modular-reactors"),
        ("agreements/mou-2026-small-modular-reactors/", "ema-khnp-smr-mou-2026"),
    ]
    for page, other in pairs:
        soup = BeautifulSoup((real_site / page / "index.html").read_text(encoding="utf-8"), "html.parser")
        article = soup.select_one("article")
        assert article is not None
        assert any(a["href"].rstrip("/").endswith(other) for a in article.select("a[href]")), page
        assert "one instrument or two" in article.get_text(" "), page
