"""Web addresses are parsed, not matched (tracker/addresses.py): what leads a reader to a host
other than the one shown, or to the reader's own machine or network, is refused."""

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
    "https://www.gov.sg@evil.example/": "user or password",
    "http://127.0.0.1:8000/": "numeric host",
    "http://[::1]/": "numeric host",
    "https://0x7f000001/": "numeric host",
    "https://2130706433/": "numeric host",
    "https://127.1/": "numeric host",
    "https://[::ffff:127.0.0.1]/": "numeric host",
    "https://192.168.1.1/": "numeric host",
    "https://localhost/": "not a full public name",
    "https://localhost./": "not a full public name",
    "https://printer.local/": "local host name",
    "https://intranet/": "not a full public name",
    "https://xn--pple-43d.com/": "mixing Cyrillic and Latin",  # аpple.com, Cyrillic а
    "https://аpple.com/": "mixing Cyrillic and Latin",
    "https://한국.kr/": "xn--3e0b707e.kr",
    "ftp://example.org/": "must start with",
    "javascript:alert(1)": "must start with",
    'https://example.org/"><script>': "cannot hold",
    "https://example.org/a b": "cannot hold",
    "https://example.org/\u202e": "cannot hold",
    "https://exa_mple.org/": "invalid part",
    "https://example.org:99999/": "not a web address",
}


@pytest.mark.parametrize("url", PUBLIC)
def test_a_public_address_is_accepted(url: str) -> None:
    assert problem(url) == ""


@pytest.mark.parametrize(("url", "why"), REFUSED.items())
def test_an_address_that_misleads_or_stays_local_is_refused(url: str, why: str) -> None:
    assert why in problem(url)


def test_publishing_takes_https_only() -> None:
    assert "must start with https://" in problem("http://tracker.example.org/", schemes=("https",))
