"""Web addresses are parsed, not matched (tracker/addresses.py, which both a source's `url` and
`make publish`'s site_url go through): what leads a reader to a host other than the one shown,
or to the reader's own machine or network, is refused."""

from __future__ import annotations

import pytest

from tracker.addresses import problem

PUBLIC = [
    "https://www.mfa.gov.sg/Newsroom/Press-Statements-Transcripts-and-Photos",
    "http://www.koreaherald.com/view.php?ud=20250101",
    "https://tracker.example.org:8443/a_(b)*c*[d]!e~f#g&h=i",
    "https://xn--3e0b707e.kr/",  # an internationalised name written as browsers show it
]
REFUSED = {
    "https://www.gov.sg@evil.example/": "leads to 'evil.example'",
    "http://127.0.0.1:8000/": "IP address (loopback)",
    "http://[::1]/": "IP address (loopback)",
    "https://0x7f000001/": "browsers read as an IP address",
    "https://2130706433/": "browsers read as an IP address",
    "https://127.1/": "browsers read as an IP address",
    "https://[::ffff:127.0.0.1]/": "IP address (loopback)",
    "https://192.168.1.1/": "IP address (private)",
    "https://localhost/": "only this machine or a local network knows",
    "https://localhost./": "ends in a dot",
    "https://printer.local/": "only this machine or a local network knows",
    "https://intranet/": "has no dot",
    "https://xn--pple-43d.com/": "mixing the Cyrillic and Latin scripts",  # аpple.com, Cyrillic а
    "https://аpple.com/": "'xn--pple-43d.com'",
    "https://한국.kr/": "'xn--3e0b707e.kr'",
    "ftp://example.org/": "should start with http:// or https://",
    "javascript:alert(1)": "should start with http:// or https://",
    'https://example.org/"><script>': "may not contain '\"'",
    "https://example.org/a b": "may not contain ' '",
    "https://example.org/\u202e": "may not contain '\\u202e'",
    "https://exa_mple.org/": "is not a host name",
    "https://example.org:99999/": "Port out of range",
}


@pytest.mark.parametrize("url", PUBLIC)
def test_a_public_address_is_accepted(url: str) -> None:
    assert problem(url) == ""


@pytest.mark.parametrize(("url", "why"), REFUSED.items())
def test_an_address_that_misleads_or_stays_local_is_refused(url: str, why: str) -> None:
    assert why in problem(url)


def test_publishing_takes_https_only() -> None:
    assert "should start with https://" in problem("http://tracker.example.org/", schemes=("https",))
