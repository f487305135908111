"""Every source page links its original where the document's header gives an address (issue 27).

`tests/unit/test_real_data.py` checks the records' ``url`` against the headers of the documents in
``../shared/sources/``; this reads the built source pages of the real data (conftest's
``real_site``): the page of a document whose header gives an address links exactly that
address and never says the address is not recorded.
"""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import header_address, shared

from tracker.load import load

ROOT = Path(__file__).resolve().parents[2]
NOT_RECORDED = "Not recorded here"


def links_and_gaps(html: str) -> tuple[list[str], bool]:
    """The addresses a source page links as its original, and whether it says it has none."""
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    return [str(a.get("href")) for a in article.select("a.tk-url")], NOT_RECORDED in article.get_text(" ")


def test_a_page_without_its_original_is_seen() -> None:
    linked = '<article><a class="tk-url" href="https://example.org/a?b=1&amp;c=2">x</a></article>'
    assert links_and_gaps(linked) == (["https://example.org/a?b=1&c=2"], False)
    assert links_and_gaps(f"<article><td>{NOT_RECORDED}</td></article>") == ([], True)


def test_a_source_page_links_the_address_its_document_header_gives(real_site: Path) -> None:
    headed = 0
    for source in load(ROOT / "data").sources.values():
        address = header_address(shared("sources") / source.file)
        if address is None:
            continue
        headed += 1
        page = real_site / "sources" / source.id / "index.html"
        linked, says_none = links_and_gaps(page.read_text(encoding="utf-8"))
        assert not says_none, f"{source.id}: the page says {NOT_RECORDED!r}, but {source.file} gives {address}"
        assert address in linked, f"{source.id}: the page links {linked}, not {address}"
    assert headed, "no document header gives an address: the check would check nothing"
