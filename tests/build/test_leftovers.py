"""No page shows the reader Markdown, Jinja or HTML as text.

A template edit once broke a whole index table (a stray tag inside a table row) and no test
saw it: the page built, every link worked, and the reader saw pipes and tags. This reads the
text of every page of the real site, as a browser shows it, for syntax that should have been
turned into markup. The real data holds no markup of its own (the fixture's hostile records
do, on purpose, and are checked by test_hostile.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from bs4 import BeautifulSoup

LEFTOVERS = {
    "Jinja": re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}"),
    "a Markdown link": re.compile(r"\]\(|!\["),
    "a Markdown table": re.compile(r"\|\s*:?-{3,}|^\s*\|.*\|\s*$", re.M),
    "an HTML tag": re.compile(r"</?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?/?>"),
    "an attribute list": re.compile(r"\{:?\s*[.#][\w-]+"),
    "emphasis markers": re.compile(r"\*\*|__\w"),
    "an escaped entity": re.compile(r"&(#\d+|#x[0-9a-f]+|amp|lt|gt|quot|apos|nbsp);", re.I),
    "Markdown's markdown attribute": re.compile(r"\bmarkdown(=\"1\")?>"),
}


def shown_text(html: str) -> list[str]:
    """The text of the page's article, one string per block, without code and preformatted
    blocks (the citation's BibTeX is meant to show braces). Only the article is parsed where
    there is one: the rest of a page (head, navigation, footer) is as large again."""
    start, end = html.find("<article"), html.rfind("</article>")
    if 0 <= start < end:
        html = html[start : end + len("</article>")]
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    for hidden in article.select("pre, code, script, style, svg title"):
        hidden.decompose()
    return [block.get_text(" ") for block in article.find_all(["p", "li", "td", "th", "h1", "h2", "h3", "dd", "dt"])]


def test_the_scan_sees_a_broken_table() -> None:
    broken = "<article><p>| Person | Names |</p><td>Kim</div> |</td><p>[x](y)</p></article>"
    found = {name for text in shown_text(broken) for name, pattern in LEFTOVERS.items() if pattern.search(text)}
    assert found == {"a Markdown table", "a Markdown link"}


def test_no_page_shows_markup_as_text(real_site: Path) -> None:
    pages = sorted(real_site.rglob("*.html"))
    assert len(pages) > 50
    found = []
    for path in pages:
        for text in shown_text(path.read_text(encoding="utf-8")):
            for name, pattern in LEFTOVERS.items():
                match = pattern.search(text)
                if match:
                    around = text[max(0, match.start() - 30) : match.end() + 30]
                    found.append(f"{path.relative_to(real_site)}: {name}: …{around}…")
    assert found == [], "\n".join(found[:40])
