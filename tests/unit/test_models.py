"""The record classes and the kinds that describe them: every enum value has a label, kinds
of record can be added, and every value has one stored form (text folded and bounded, numbers
finite, addresses public)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import typing
from pathlib import Path
from typing import Annotated, Literal, Union, get_args, get_origin

import pytest
from conftest import FIXTURE_DATA, ROOT
from pydantic import BaseModel, TypeAdapter, ValidationError

from tracker import models
from tracker.kinds import LABELS, Kind, KindError, LabelError, kinds, label, register
from tracker.views import kinds as builtin  # registers the kinds the tracker ships with

NEWKIND = ROOT / "tests" / "fixtures" / "newkind"


def literal_values(annotation: object) -> tuple[str, ...] | None:
    """The values of a Literal field, looking through Optional, lists and Annotated."""
    origin = get_origin(annotation)
    if origin is Literal:
        return get_args(annotation)
    if origin in (Annotated, list, Union, typing.Union) or str(origin) == "<class 'types.UnionType'>":
        for arg in get_args(annotation):
            found = literal_values(arg)
            if found:
                return found
    return None


def enums(cls: type[BaseModel], found: dict[str, tuple[str, ...]] | None = None) -> dict[str, tuple[str, ...]]:
    """Every Literal field of a record class and of the items it holds, as "<class>.<field>"."""
    found = {} if found is None else found
    for name, field in cls.model_fields.items():
        values = literal_values(field.annotation)
        if values:
            found[f"{cls.__name__.lower()}.{name}"] = values
        for inner in models_in(field.annotation):
            enums(inner, found)
    return found


def models_in(annotation: object) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in get_args(annotation) for m in models_in(arg)]


def test_every_value_of_every_enum_has_a_label() -> None:
    found: dict[str, tuple[str, ...]] = {}
    for kind in kinds():
        enums(kind.model, found)
    # The walk finds the enums it should: a change to it that finds none would pass vacuously.
    assert {"agreement.kind", "milestone.type", "status.value", "relation.type", "source.kind"} <= set(found)
    for enum, values in found.items():
        assert enum in LABELS, f"{enum} has no labels: give them in its kind's labels"
        assert set(LABELS[enum]) == set(values), enum
    assert set(LABELS["relation.type.inverse"]) == set(found["relation.type"])
    # And no labels for an enum that no longer exists.
    assert set(LABELS) - set(found) == {"relation.type.inverse"}
    # Each kind gives the labels of the enums its class alone holds.
    for kind in kinds():
        shared = {e for other in kinds() if other is not kind for e in enums(other.model)}
        assert set(enums(kind.model)) - shared <= set(kind.labels), kind.collection


def test_label_is_strict() -> None:
    assert label("signed", "milestone.type") == "Signed"
    assert label("in-force", "status.value") == "In force"
    with pytest.raises(LabelError, match="'moe' has no label in 'agreement.kind'"):
        label("moe", "agreement.kind")
    with pytest.raises(LabelError, match="no labels for 'agreement.kinds'"):
        label("mou", "agreement.kinds")
    # The same word reads differently in two enums; neither falls back on the other.
    with pytest.raises(LabelError):
        label("in-force", "milestone.type")


def test_a_kind_of_record_is_registered_from_the_module_named_in_tracker_kinds() -> None:
    # In a fresh interpreter: registering changes COLLECTIONS for the whole process.
    script = (
        "from tracker.models import COLLECTIONS\n"
        "from tracker.dataset import Dataset\n"
        "from tracker.kinds import kind\n"
        "print(list(COLLECTIONS)[-1], COLLECTIONS['programmes'].singular, Dataset.empty().collections[-1])\n"
        "print(kind('programmes').heading)\n"
    )
    env = {"TRACKER_KINDS": "programmes", "PYTHONPATH": str(NEWKIND)}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["programmes", "programme", "programmes", "Programmes"]


def test_the_loader_checks_a_registered_kind_as_its_class_says(tmp_path: Path) -> None:
    """Its references (models.Ref) and its dates (Record.spans: an end before its start)."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    shutil.copytree(NEWKIND / "data" / "programmes", data / "programmes")
    record = data / "programmes" / "harbour-pilot-exchange.yml"
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("end: 2023-06", "end: 2022-06").replace("quill-marlow", "quill-marlo"), "utf-8")
    script = (
        "from tracker.load import DataError, load\ntry:\n    load('data')\nexcept DataError as err:\n    print(err)\n"
    )
    env = {"TRACKER_KINDS": "programmes", "PYTHONPATH": str(NEWKIND)}
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "data/programmes/harbour-pilot-exchange.yml:5:6: 'end' (June 2022) is before the start (March 2023)",
        "data/programmes/harbour-pilot-exchange.yml:9:13: unknown person 'quill-marlo' (did you mean 'quill-marlow'?)",
    ]


def test_registering_a_second_kind_under_a_taken_name_is_refused() -> None:
    class Clash(models.Record):
        collection = "agreements"
        singular = "clash"

    with pytest.raises(KindError, match="'agreements' is already registered"):
        register(Kind(Clash, "Clashes"))
    assert models.COLLECTIONS["agreements"] is models.Agreement
    assert kinds()[0] is builtin.AGREEMENTS


def test_a_kind_may_not_give_labels_another_kind_gives() -> None:
    class Visit(models.Record):
        collection = "visits"
        singular = "visit"

    with pytest.raises(KindError, match="labels for event.kind are given by events already"):
        register(Kind(Visit, "Visits", labels={"event.kind": {"summit": "Summit"}}))
    assert "visits" not in models.COLLECTIONS


# -- one stored form per value ------------------------------------------------------------------

TEXT = TypeAdapter(models.Text)
SHORT = TypeAdapter(models.ShortText)


def refusal(adapter: TypeAdapter, value: object) -> str:
    with pytest.raises(ValidationError) as caught:
        adapter.validate_python(value)
    (error,) = caught.value.errors()
    return str(error["ctx"]["error"]) if error["type"] == "value_error" else error["type"]


def test_text_is_stored_folded_stripped_and_composed() -> None:
    assert TEXT.validate_python("  A  summary\n wrapped\tover\u00a0lines \u3000") == "A summary wrapped over lines"
    # A decomposed é (e and a combining accent) is stored as the one character é.
    assert TEXT.validate_python("Cafe\u0301 talks") == "Caf\u00e9 talks"
    # Scripts other than Latin, and right-to-left ones, are text like any other.
    for written in ("한국–싱가포르 자유무역협정", "Ελληνικά", "кириллица", "עברית", "العربية", "日本語"):
        assert SHORT.validate_python(written) == written


def test_text_of_white_space_only_is_empty() -> None:
    for blank in ("", " ", "   ", "\n\t", "\u3000\u00a0"):
        assert refusal(SHORT, blank) == "string_too_short"
        assert refusal(TEXT, blank) == "string_too_short"


def test_each_kind_of_text_has_its_limit_counted_on_the_stored_form() -> None:
    assert SHORT.validate_python("<&" * (models.SHORT_MAX // 2)) == "<&" * (models.SHORT_MAX // 2)
    assert refusal(SHORT, "<" * (models.SHORT_MAX + 1)) == "string_too_long"
    assert TEXT.validate_python("<" * models.TEXT_MAX) == "<" * models.TEXT_MAX
    assert refusal(TEXT, "<" * (models.TEXT_MAX + 1)) == "string_too_long"
    # White space folded away does not count.
    assert TEXT.validate_python(" " * 10_000 + "x" + " " * 10_000) == "x"
    assert refusal(TypeAdapter(models.SearchTerm), "x" * (models.SEARCH_TERM_MAX + 1)) == "string_too_long"


# The characters the review named: bidirectional controls and zero-width characters.
BIDI = [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F, 0x061C]
ZERO_WIDTH = [0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]


@pytest.mark.parametrize("code", BIDI + ZERO_WIDTH, ids=[f"U+{c:04X}" for c in BIDI + ZERO_WIDTH])
def test_bidirectional_and_zero_width_characters_are_refused_by_name_and_place(code: int) -> None:
    ch = chr(code)
    message = refusal(SHORT, f"Harb{ch}ours")
    escape = f"\\u{code:04x}"
    assert message.startswith(f"remove the invisible character '{escape}' (")
    assert "at character 5:" in message
    assert ch not in message  # named, never echoed raw
    assert refusal(TEXT, f"{ch}").startswith(f"remove the invisible character '{escape}'")


def test_every_invisible_format_character_is_refused() -> None:
    """The list written out in models.py is every format character (Unicode's Cf) Python knows,
    and the Hangul fillers, which are drawn blank."""
    import unicodedata

    invisible = {chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"}
    invisible |= set("\u115f\u1160\u3164\uffa0")
    listed = {chr(c) for c in range(sys.maxunicode + 1) if models._INVISIBLE.fullmatch(chr(c))}
    assert invisible <= listed
    # Beyond them, only code points this Python's Unicode does not assign yet (later ones: Cf).
    assert {unicodedata.category(c) for c in listed - invisible} <= {"Cn"}


def test_a_number_is_finite_and_written_as_one() -> None:
    number = TypeAdapter(models.Number)
    assert number.validate_python(12) == 12.0
    assert number.validate_python(1.5e9) == 1.5e9
    for bad, kind in (
        (float("inf"), "finite_number"),
        (float("-inf"), "finite_number"),
        (float("nan"), "finite_number"),
    ):
        assert refusal(number, bad) == kind
    assert refusal(number, True) == "float_type"
    assert refusal(number, "12") == "float_type"


# -- source addresses ---------------------------------------------------------------------------

URL = TypeAdapter(models.WebAddress)

ACCEPTED = [
    "https://www.straitstimes.com/asia/east-asia/a-story",
    "http://example.org",
    "https://example.org:8443/a?b=c&d=e#f",
    "https://medium.com/@someone/a-post",
    "https://xn--3e0b707e.kr/",  # 한국.kr, as browsers send it
    "https://xn--bcher-kva.example/",  # bücher.example: one script
    "https://evil.example/a_(b)*c*[d]!e~f#g&h=i",
]


@pytest.mark.parametrize("url", ACCEPTED)
def test_public_addresses_are_accepted(url: str) -> None:
    assert URL.validate_python(url) == url


REFUSED_URLS = [
    ("https://www.gov.sg@evil.example/", "names a user or password before '@', and leads to 'evil.example'"),
    ("https://user:secret@example.org/", "names a user or password"),
    ("https://www.g\u043ev.sg/", "is written in Unicode: write it as the browser sends it, 'www.xn--gv-fmc.sg'"),
    ("https://b\u00fccher.example/", "write it as the browser sends it, 'xn--bcher-kva.example'"),
    ("https://www.xn--gv-fmc.sg/", "reads 'g\u043ev' in Unicode, mixing the Cyrillic and Latin scripts"),
    ("https://xn--pple-43d.com/", "mixing the Cyrillic and Latin scripts"),
    ("https://xn--zz.com/", "that is not valid punycode"),
    ("http://127.0.0.1:8000/", "its host 127.0.0.1 is an IP address (loopback)"),
    ("https://127.0.0.2/", "(loopback)"),
    ("http://[::1]/", "its host ::1 is an IP address (loopback)"),
    ("https://[::ffff:127.0.0.1]/", "(loopback)"),
    ("https://10.1.2.3/", "(private)"),
    ("https://192.168.0.1/", "(private)"),
    ("https://169.254.169.254/latest/meta-data", "(link-local)"),
    ("https://[fe80::1]/", "(link-local)"),
    ("https://0.0.0.0/", "IP address"),
    ("https://8.8.8.8/", "its host 8.8.8.8 is an IP address: give the address with the site's host name"),
    ("https://0x7f000001/", "is a number that browsers read as an IP address"),
    ("https://2130706433/", "is a number that browsers read as an IP address"),
    ("https://017700000001/", "is a number that browsers read as an IP address"),
    ("https://127.1/", "is a number that browsers read as an IP address"),
    ("https://0177.0.0.1/", "is a number that browsers read as an IP address"),
    ("https://localhost/", "a name only this machine or a local network knows"),
    ("https://localhost./", "ends in a dot"),
    ("https://admin.localhost/", "a name only this machine or a local network knows"),
    ("https://printer.local/", "a name only this machine or a local network knows"),
    ("https://intranet/", "has no dot"),
    ("https://ex_ample.org/", "is not a host name"),
    ("https://exa%6dple.org/", "is not a host name"),
    ("ftp://example.org/", "should start with http:// or https://"),
    ("https://example.org/a b", "may not contain ' '"),
    ("https://example.org/\u202e", "may not contain '\\u202e'"),
    ("https://example.org/" + "a" * 2000, "is 2,020 characters long: a web address may have at most 2,000"),
]


@pytest.mark.parametrize(("url", "message"), REFUSED_URLS, ids=[u[:40] for u, _ in REFUSED_URLS])
def test_local_deceptive_and_numeric_addresses_are_refused(url: str, message: str) -> None:
    found = refusal(URL, url)
    assert message in found
    assert "\n" not in found
    assert len(found) < 400  # the address is echoed cut short
