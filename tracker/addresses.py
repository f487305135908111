"""Web addresses parsed, not matched: whether an address leads to a public web host.

A source's ``url`` (a link on its page) and the public ``site_url`` of `make publish` (in every
citation, the feed, the calendar and the CSV) must be addresses a reader can follow as they
read them: ``http(s)://`` and a public host name, nothing a URL parser would have to escape,
no user name or password before the host (``https://www.gov.sg@evil.example/`` leads to
evil.example), no numeric, local or private host, and no host whose letters mix Latin with
Cyrillic or Greek (a look-alike of a real name).
"""

from __future__ import annotations

import ipaddress
import re
import socket
import unicodedata
from urllib.parse import urlsplit

# Characters a URL parser would escape or drop, and that would end an HTML attribute or a
# Markdown link: never in an address the site writes out.
UNSAFE = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>`\\{}|^\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\ufeff]")
# Names that never lead to a public host (RFC 6761, RFC 8375, common private suffixes).
LOCAL_NAMES = ("localhost", "local", "internal", "invalid", "test", "lan", "home.arpa", "localdomain")
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
_CONFUSABLE = {"LATIN", "CYRILLIC", "GREEK"}


def problem(url: str, *, schemes: tuple[str, ...] = ("https", "http")) -> str:
    """Why ``url`` is not a public web address, or ``""`` when it is one."""
    bad = UNSAFE.search(url)
    if bad:
        return f"holds {bad.group()!r}, which a web address cannot hold as it is (escape it: %{ord(bad.group()):02X})"
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (raises ValueError on a port that is not a number)
    except ValueError as err:
        return f"is not a web address ({err})"
    scheme = parts.scheme.lower()
    if scheme not in schemes:
        return f"must start with {' or '.join(s + '://' for s in schemes)}"
    if "@" in parts.netloc:
        return "names a user or password before the host ('…@'): the host is what follows the '@'"
    host = parts.hostname or ""
    if not host:
        return "has no host name"
    return host_problem(host)


def host_problem(host: str) -> str:
    """Why ``host`` (as urlsplit gives it: lowercase, without brackets) is not a public host name."""
    if _numeric(host):
        return f"has a numeric host ({host}): use the site's name"
    if not host.isascii():
        try:
            puny = host.encode("idna").decode("ascii")
        except UnicodeError:
            return f"has a host name that is not a valid internationalised name ({host!r})"
        return host_problem(puny) or f"has a host with letters outside ASCII: write it as its ASCII form, {puny}"
    if host.endswith(".") or "." not in host:
        return f"has a host name that is not a full public name ({host})"
    if any(host == name or host.endswith("." + name) for name in LOCAL_NAMES):
        return f"has a local host name ({host}), which no reader can reach"
    for label in host.split("."):
        if not _LABEL.match(label):
            return f"has a host name with an invalid part ({label!r})"
        if label.startswith("xn--"):
            try:
                shown = label.encode("ascii").decode("idna")
            except UnicodeError:
                return f"has a host name with an invalid internationalised part ({label})"
            scripts = _scripts(shown)
            if len(scripts & _CONFUSABLE) > 1:
                mixed = " and ".join(sorted(s.title() for s in scripts))
                return f"has a host name mixing {mixed} letters ({label}, shown as {shown!r}): a look-alike"
    return ""


def _numeric(host: str) -> bool:
    """An IP address in any of the forms browsers accept (127.1, 0x7f000001, 2130706433, ::1)."""
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    try:
        socket.inet_aton(host)
        return True
    except OSError:
        return False


def _scripts(label: str) -> set[str]:
    return {unicodedata.name(ch, "?").split(" ")[0] for ch in label if ch.isalpha()}
