"""The record classes and the kinds that describe them: every enum value has a label, and
kinds of record can be added."""

from __future__ import annotations

import shutil
import subprocess
import sys
import typing
from pathlib import Path
from typing import Annotated, Literal, Union, get_args, get_origin

import pytest
from conftest import FIXTURE_DATA, ROOT
from pydantic import BaseModel

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
