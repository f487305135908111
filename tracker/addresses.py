"""Web addresses parsed, not matched: whether an address leads to a public web host.

A source's ``url`` (a link on its page) and the public ``site_url`` of `make publish` (in every
citation, the feed, the calendar and the CSV) must be addresses a reader can follow as they
read them: ``http(s)://`` and a public host name, nothing that could end an attribute or a
Markdown link, no user name before the host, no IP address, local or private name, and no host
that passes for another.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from urllib.parse import urlsplit

from .markup import quoted


def problem(value: str, *, schemes: tuple[str, ...] = ("http", "https")) -> str:
    """Why ``value`` is not an address of a public web site a page may link, or ``""``.

    Parsed, not matched: refused if any character of it could end an attribute, a tag or a
    Markdown link, or is white space; if it names a user before its host (``www.gov.sg@evil.
    example`` leads to evil.example); and unless its host is a public name (:func:`host_problem`).
    """
    shown = quoted(value)
    bad = unsafe(value)
    if bad is not None:
        return f"{shown} is not a web address: it may not contain {quoted(bad)}"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises on a port that is not a number)
    except ValueError as err:
        return f"{shown} is not a web address: {err}"
    if parts.scheme not in schemes or not parts.hostname:
        starts = " or ".join(f"{s}://" for s in schemes)
        return f"{shown} is not a web address: it should start with {starts} and a host name"
    if "@" in parts.netloc:
        host = parts.netloc.rpartition("@")[2]
        return (
            f"{shown} is not a web address to link: it names a user or password before '@',"
            f" and leads to {quoted(host)}; give the address without it"
        )
    problem = host_problem(parts.hostname)
    return f"{shown} is not a public web address: {problem}" if problem else ""


def unsafe(value: str) -> str | None:
    """The first character of ``value`` that could end an attribute, a tag or a Markdown
    link, or is white space or unprintable; None if there is none."""
    return next((ch for ch in value if ch.isspace() or ch in _URL_UNSAFE or not ch.isprintable()), None)


_URL_UNSAFE = frozenset("\"'<>`\\{}|^")
# Names that only the machine itself or a local network resolves (RFC 6761, 6762, 8375).
_LOCAL_DOMAINS = ("localhost", "local", "internal", "home.arpa", "localdomain")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
# A host whose last label browsers read as a number is an IPv4 address to them (the WHATWG URL
# standard): decimal, octal or 0x hexadecimal; 127.1, 2130706433 and 0x7f000001 are 127.0.0.1.
_NUMERIC = re.compile(r"[0-9]+|0x[0-9a-f]*")
# Scripts a host label may mix with Latin letters (Unicode's "highly restrictive" profile, UTS #39):
# Chinese characters with Japanese kana, with Bopomofo, or with Hangul. Any other mix, Latin
# with Cyrillic or Greek above all, is how a host is made to look like another.
_SCRIPT_MIXES = (
    frozenset({"LATIN", "CJK", "HIRAGANA", "KATAKANA"}),
    frozenset({"LATIN", "CJK", "BOPOMOFO"}),
    frozenset({"LATIN", "CJK", "HANGUL"}),
)


def host_problem(host: str) -> str:
    """Why a URL's host (as urlsplit gives it: in lower case, an IPv6 address without its
    brackets) is not a public host name, or ""."""
    if not host.isascii():
        return (
            f"its host {quoted(host)} is written in Unicode: write it as the browser sends it,"
            f" {quoted(_punycode(host))}, so that readers see which site it leads to"
        )
    return _ip_problem(host) or _name_problem(host) or next(filter(None, map(_label_problem, host.split("."))), "")


def _ip_problem(host: str) -> str:
    """Why ``host`` is an IP address, or a number browsers read as one; "" when it is not."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        if _NUMERIC.fullmatch(host.split(".")[-1]):
            return (
                f"its host {quoted(host)} is a number that browsers read as an IP address:"
                " give the address with the site's host name"
            )
        return ""
    mapped = getattr(ip, "ipv4_mapped", None) or ip  # ::ffff:127.0.0.1 is 127.0.0.1
    kinds = (
        ("loopback", mapped.is_loopback),
        ("link-local", mapped.is_link_local),
        ("private", mapped.is_private),
        ("reserved", mapped.is_reserved or mapped.is_multicast or mapped.is_unspecified),
    )
    kind = next((f" ({k})" for k, is_kind in kinds if is_kind), "")
    return f"its host {host} is an IP address{kind}: give the address with the site's host name"


def _name_problem(host: str) -> str:
    """Why ``host`` as a whole is no public name (a final dot, a local name, no dot); or ""."""
    if host.endswith("."):
        return f"its host {quoted(host)} ends in a dot: write it without"
    if any(host == d or host.endswith("." + d) for d in _LOCAL_DOMAINS):
        return f"its host {quoted(host)} is a name only this machine or a local network knows"
    if "." not in host:
        return f"its host {quoted(host)} has no dot: a public host name has one (example.org)"
    return ""


def _label_problem(label: str) -> str:
    """Why one part of a host name is not a valid one, or passes for another; or ""."""
    if not _LABEL.fullmatch(label):
        return (
            f"its host part {quoted(label)} is not a host name's: each part between dots is letters a-z,"
            " digits and inner hyphens, at most 63 characters"
        )
    if not label.startswith("xn--"):
        return ""
    try:
        decoded = label[4:].encode("ascii").decode("punycode")
    except UnicodeError:
        return f"its host has a part, {label}, that is not valid punycode"
    scripts = _scripts(decoded)
    if len(scripts) > 1 and not any(scripts <= mix for mix in _SCRIPT_MIXES):
        return (
            f"its host part {quoted(label)} reads {quoted(decoded)} in Unicode, mixing the"
            f" {' and '.join(sorted(s.title() for s in scripts))} scripts: such a host passes for another"
        )
    return ""


def _scripts(label: str) -> set[str]:
    """The scripts of the letters of a host label, as the first word of their Unicode names
    (LATIN, CYRILLIC, GREEK, HANGUL, CJK …)."""
    return {unicodedata.name(ch, "?").split()[0] for ch in label if ch.isalpha()}


def _punycode(host: str) -> str:
    """A Unicode host name as browsers send it: each label with a letter beyond ASCII in
    punycode (xn--…)."""
    labels = unicodedata.normalize("NFC", host).split(".")
    return ".".join(label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii") for label in labels)
