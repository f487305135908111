"""Data text made safe for the places a page puts it.

Data text never reaches a page as markup: :func:`text` turns every character that Markdown
or HTML could read as syntax into a numeric character reference, which both leave alone and
a browser shows as the character itself.
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
    """Data text for an HTML attribute or the page title (which themes print unescaped)."""
    return html.escape(" ".join(str(value).split()), quote=True).replace("{", "&#123;").replace("}", "&#125;")
