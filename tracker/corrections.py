"""Where a reader's correction goes: "Suggest a correction" on every record page opens a message
or a new issue that already names the record (its title, id and address), and "Edit the data"
opens the record's file in the repository, where its address is known.

The target is the tracker plugin's ``corrections`` option (mkdocs.yml, from
``TRACKER_CORRECTIONS``): an e-mail address (``mailto:``), which gets a subject and a body
(RFC 6068), or an issue tracker's new-issue address (``https://…/issues/new``), which gets
``title`` and ``body`` parameters, as GitHub, Gitea and Forgejo read them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote, urljoin

from .history import History
from .models import Record

# What the message asks for, in the order the Method page's "Reporting an error" gives it.
_ASK = (
    "What does the page say that its document does not (or what does it miss)?\n"
    "Which document says otherwise, and where (quote the passage)?\n"
)


def title(record: Record) -> str:
    return f"Correction: {record.label} ({record.collection}/{record.id})"


def body(record: Record, page_url: str, data_file: str) -> str:
    return f"Page: {page_url}\nRecord: {record.collection}/{record.id}\nData file: {data_file}\n\n{_ASK}"


def href(target: str, record: Record, page_url: str, data_file: str = "") -> str:
    """The address "Suggest a correction" leads to for ``record``: ``target`` with the message
    already written, every character of it percent-encoded."""
    words = body(record, page_url, data_file or f"data/{record.collection}/{record.id}.yml")
    if target.startswith("mailto:"):
        fields = {"subject": title(record), "body": words}
    else:
        fields = {"title": title(record), "body": words}
    query = "&".join(f"{key}={quote(value, safe='')}" for key, value in fields.items())
    return f"{target}{'&' if '?' in target else '?'}{query}"


def edit_base(repo_url: str | None, edit_uri: str | None, docs_depth: int) -> str:
    """The edit address of the repository's root, from MkDocs' ``repo_url`` and ``edit_uri``
    (which lead to the documentation folder, ``docs_depth`` folders below the root), or ""."""
    if not repo_url or not edit_uri:
        return ""
    docs = urljoin(repo_url.rstrip("/") + "/", edit_uri)
    if not docs.endswith("/"):
        docs += "/"
    return urljoin(docs, "../" * docs_depth)


@dataclass(frozen=True)
class Corrections:
    """What a record page's last line offers: templates reach it as ``corrections``."""

    target: str = ""  # the plugin's `corrections`: mailto:… or https://… ("" unset)
    edit: str = ""  # the edit address of the data folder, ending in "/" ("" unknown)
    data_path: str = "data"  # the data folder, from the repository's root
    history: History = field(default_factory=History)

    def data_file(self, record: Record) -> str:
        """The record's file, from the repository's root: data/agreements/fta.yml."""
        return f"{self.data_path}/{self.history.file(record)}" if self.data_path else self.history.file(record)

    def suggest(self, record: Record, page_url: str) -> str:
        return href(self.target, record, page_url, self.data_file(record))

    def edit_link(self, record: Record) -> str:
        """The address at which the repository offers to edit the record's file, or ""."""
        return f"{self.edit}{self.history.file(record)}" if self.edit else ""
