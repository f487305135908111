"""``python -m tracker.scaffold KIND ID``: start a record file with every field written out.

Written from the data files' JSON Schema (and so from tracker/models.py): required keys are
present and empty, so `make validate` names each one still to fill in; optional keys are
commented out, each with what it takes.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from .export import data_schema, nested_schemas, schema_type
from .models import COLLECTIONS, is_id, is_reserved

SINGULAR = {cls.singular: collection for collection, cls in COLLECTIONS.items()}


def _about(prop: dict[str, Any], required: bool) -> str:
    kind = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", schema_type(prop)).replace("`", "")
    text = f"{'Required' if required else 'Optional'}. {kind[0].upper()}{kind[1:]}{_text_limit(prop)}."
    return f"{text} {prop['description']}" if prop.get("description") else text


def _text_limit(prop: dict[str, Any]) -> str:
    """The longest a free text field (alone, optional or each in a list) may be, as models.py
    sets it and the schema states it; "" for other fields (ids, dates, addresses: their own rules)."""
    for option, each in [(prop, ""), *((o, "") for o in prop.get("anyOf", [])), (prop.get("items", {}), " each")]:
        if option.get("type") == "string" and "maxLength" in option and not {"pattern", "format"} & option.keys():
            return f", at most {option['maxLength']:,} characters{each}"
    return ""


def _object_name(prop: dict[str, Any]) -> str | None:
    """The nested object a field holds, alone or in a list: Status, Milestone …"""
    for option in [prop, *prop.get("anyOf", [])]:
        ref = option.get("$ref") or option.get("items", {}).get("$ref")
        if ref:
            return ref.rsplit("/", 1)[-1]
    return None


def _empty(prop: dict[str, Any]) -> str:
    kinds = [prop.get("type"), *(o.get("type") for o in prop.get("anyOf", []))]
    return "[]" if "array" in kinds else "false" if "boolean" in kinds else '""'


def _comment_out(line: str, indent: str) -> str:
    return f"{indent}# {line[len(indent) :]}"


def _block(schema: dict[str, Any], defs: dict[str, Any], indent: str) -> list[str]:
    """Every field of an object as YAML, each under a comment saying what it takes."""
    lines: list[str] = []
    required = set(schema.get("required", []))
    for name, prop in schema["properties"].items():
        inner = _object_name(prop)
        if inner and prop.get("type") == "array":
            item = _block(defs[inner], defs, indent + "    ")
            first = next(i for i, line in enumerate(item) if not line.lstrip().startswith("#"))
            item[first] = f"{indent}  - {item[first].lstrip()}"
            body = [f"{indent}{name}:", *item]
        elif inner:
            body = [f"{indent}{name}:", *_block(defs[inner], defs, indent + "  ")]
        else:
            body = [f"{indent}{name}: {_empty(prop)}"]
        if name not in required:
            body = [_comment_out(line, indent) for line in body]
        lines += [f"{indent}# {_about(prop, name in required)}", *body]
    return lines


def scaffold(collection: str, record_id: str) -> str:
    schema = data_schema(collection)
    singular = COLLECTIONS[collection].singular
    head = [
        f"# yaml-language-server: $schema=../schema/{collection}.json",
        f"# A new {singular}; its id is the file name, {record_id}. See CONTRIBUTING.md.",
        "# Fill in the required keys (`make validate` lists those still empty), uncomment the",
        "# optional ones you need and delete the rest. Every fact cites ids from data/sources/.",
        "",
    ]
    return "\n".join(head + _block(schema, nested_schemas(), "")) + "\n"


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: make new KIND=<kind> ID=<id>   kinds: " + ", ".join(SINGULAR), file=sys.stderr)
        return 2
    kind, record_id = argv
    collection = SINGULAR.get(kind) or (kind if kind in COLLECTIONS else None)
    if collection is None:
        print(f"'{kind}' is not a kind of record; kinds: {', '.join(SINGULAR)}", file=sys.stderr)
        return 2
    if not is_id(record_id):
        print(f"{record_id!r} is not a valid id: use lowercase letters, digits and single hyphens", file=sys.stderr)
        return 2
    if is_reserved(record_id):
        print(f"'{record_id}' is reserved for the site's own pages: choose another id", file=sys.stderr)
        return 2
    path = Path("data") / collection / f"{record_id}.yml"
    if path.exists():
        print(f"{path} already exists", file=sys.stderr)
        return 1
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(scaffold(collection, record_id), encoding="utf-8")
    print(f"wrote {path}: fill it in, then run make validate")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
