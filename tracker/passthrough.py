"""A Markdown extension: blocks of HTML that a template wrote whole go through Markdown unread.

Long lists (a year's or a sector's entries, a source's facts, an index table, a page's
sources) are written by the templates as the very HTML Markdown made of them when they were
Markdown. Python-Markdown passes raw HTML through, but reads it first, tag by tag, twice: its
own block parser and MkDocs' search for anchor ids each run an ``HTMLParser`` over the page.
At 10,000 records that reading was most of the time the preview spent converting the pages
an edit changed (about 100,000 tags after a new record).

A block of lines between ``<!-- tk:html -->`` and ``<!-- /tk:html -->`` is put in Markdown's
own stash of raw HTML before either reads it, as Python-Markdown's fenced code blocks are,
and is written out unchanged where it stood (as a raw HTML block: its first tag is a block
tag). Data text cannot open such a block: the templates write every ``<`` of the data as a
character reference (markup.text). The ids inside such a block are not among the anchors
MkDocs checks links against; only the page's own HTML links point at them.

Listed in ``mkdocs.yml`` under ``markdown_extensions`` as ``tracker.passthrough``.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

START = "<!-- tk:html -->"
END = "<!-- /tk:html -->"


class PassThrough(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        for line in lines:
            if block is None:
                if line == START:
                    block = []
                else:
                    out.append(line)
            elif line == END:
                # A paragraph of its own holding the placeholder, which Markdown replaces by
                # the block itself.
                out += ["", self.md.htmlStash.store("\n".join(block)), ""]
                block = None
            else:
                block.append(line)
        if block is not None:  # never closed: left to Markdown as it was written
            out += [START, *block]
        return out


class PassThroughExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        # After whitespace is normalised (30), before MkDocs reads raw HTML for anchors (21)
        # and Markdown stashes raw HTML blocks (20).
        md.preprocessors.register(PassThrough(md), "tk_passthrough", 25)


def makeExtension(**kwargs: object) -> PassThroughExtension:  # noqa: N802 (Python-Markdown's entry point)
    return PassThroughExtension(**kwargs)
