"""tracker/passthrough.py: blocks of HTML a template wrote whole go through Markdown unread."""

from __future__ import annotations

import markdown

from tracker.markup import text
from tracker.passthrough import END, START

EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "tracker.passthrough"]


def convert(source: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(source)


def test_a_block_comes_out_as_it_went_in() -> None:
    block = '<ul class="x">\n<li><a href="a/">*not* [Markdown](b)</a></li>\n</ul>'
    out = convert(f"Before\n\n{START}\n{block}\n{END}\n\nAfter *this*")
    assert out == f"<p>Before</p>\n{block}\n<p>After <em>this</em></p>"


def test_a_block_is_what_markdown_makes_of_the_same_html_left_to_it() -> None:
    """The HTML passes through as it would as a raw block, only without being read (and
    without the empty line Markdown leaves after a raw block)."""
    block = '<table>\n<tbody>\n<tr>\n<td><span data-sort="2024">2024</span></td>\n</tr>\n</tbody>\n</table>'
    for around in ("## Heading\n\n{}\n\ntext", '<section class="s" markdown>\n{}\n</section>'):
        plain = markdown.Markdown(extensions=EXTENSIONS[:-1]).convert(around.format(block))
        assert convert(around.format(f"{START}\n{block}\n{END}")) == plain.replace("\n\n", "\n")


def test_a_block_never_closed_is_left_to_markdown() -> None:
    assert convert(f"{START}\n*a*") == "<!-- tk:html -->\n<p><em>a</em></p>"


def test_data_text_cannot_open_or_close_a_block() -> None:
    """Every < of the data is a character reference: a record cannot smuggle raw HTML in."""
    assert START not in text(START)
    assert END not in text(END)
    out = convert(f"{text(START)}\n\n<b>x</b>\n\n{text(END)}")
    assert "<!--" not in out
