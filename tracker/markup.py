"""Data text made safe for the places a page puts it.

Data text never reaches a page as markup: every character that Markdown, HTML or Jinja could
read as syntax becomes a numeric character reference, which Markdown and Jinja leave alone
and a browser shows as the character itself, in text and in attribute values alike.
"""

from __future__ import annotations

import html

# Characters that start or end Markdown or HTML syntax, or Jinja's in a re-rendered title.
_MARKUP = frozenset("\\`*_{}[]()<>#+-.!|~^=:&\"'$%@")


_ENTITIES = str.maketrans({c: f"&#{ord(c)};" for c in _MARKUP})


def text(value: object) -> str:
    """Data text for a Markdown page: white space folded, markup shown as typed."""
    return " ".join(str(value).split()).translate(_ENTITIES)


def attr(value: object) -> str:
    """Data text for an HTML attribute (a title, an aria-label, a link's address) or the page
    title, which themes print unescaped.

    The same references as :func:`text`: an attribute inside a block marked ``markdown`` is
    read by Python-Markdown before it is taken as HTML, so escaping quotes and angle brackets
    alone would still let ``[x](y)`` become a link that breaks out of the attribute.
    """
    return text(value)


def meta(value: object) -> str:
    """Data text for the front matter (a page's title and description). MkDocs and the theme
    print these into the page unescaped but never read them as Markdown: HTML escaping is what
    they need, and search shows the title as written."""
    return html.escape(" ".join(str(value).split()), quote=True).replace("{", "&#123;").replace("}", "&#125;")


def escaped(value: str) -> str:
    """Text for a message read in a terminal or a log, kept on one line and shown as it is:
    each character that would not show as itself (a line break, a tab, a control, a
    bidirectional or zero-width character, a blank Hangul filler) written as its escape,
    ``\\n``, ``\\u202e``."""
    if value.isprintable() and not _BLANK & set(value):
        return value
    return "".join(c.encode("unicode_escape").decode("ascii") if _unshown(c) else c for c in value)


_BLANK = frozenset("\u115f\u1160\u3164\uffa0")


def _unshown(ch: str) -> bool:
    return not ch.isprintable() or ch in _BLANK


def quoted(value: object, limit: int = 80) -> str:
    """A value echoed in a problem message: in quotes, escaped (:func:`escaped`), and cut short
    after ``limit`` characters, so that a message stays one readable line whatever was written."""
    text = str(value)
    if len(text) > limit:
        text = text[:limit] + "…"
    return f"'{escaped(text)}'"
