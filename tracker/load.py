"""Read every file under ``data/`` into one :class:`~tracker.dataset.Dataset`, or fail with
every problem at once, each as ``file:line:column: what is wrong``.

YAML is composed into nodes first (with libyaml when present) so that each value keeps the
line and column it was written at; the record classes in :mod:`tracker.models` then check
shapes and types, and the checks here follow references between records.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import stat
import types
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from .dataset import Dataset
from .markup import escaped, quoted
from .models import (
    COLLECTIONS,
    ID_MAX,
    ID_PATTERN,
    RESERVED,
    Record,
    ReferencePlan,
    describe,
    is_id,
    is_reserved,
    reference_plan,
)

# libyaml's loader where PyYAML was built with it (it is, from PyPI's wheels), else PyYAML's own.
_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class Loader(_BaseLoader):  # type: ignore[valid-type,misc]  # chosen at import time, as above
    """libyaml's safe loader, remembering how each plain scalar resolves: keys and ids recur
    across thousands of files, and PyYAML resolves every one with a run of regexes."""

    @functools.lru_cache(maxsize=1 << 16)  # noqa: B019 (the cache is meant to outlive loaders)
    def _resolved(kind, value, implicit):
        return _BaseLoader.resolve(_RESOLVER, kind, value, implicit)

    def resolve(self, kind, value, implicit):
        return Loader._resolved(kind, value, implicit)


_RESOLVER = _BaseLoader("")
_scalar = yaml.constructor.SafeConstructor()
EXTENSIONS = (".yml", ".yaml")
Path_ = tuple  # a key path inside one file: ("milestones", 0, "date")


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in the data, where it is. The file name and the message are kept with
    every character that would not show as itself escaped (``\n``, ``\u202e``): each problem
    is one line, and a value echoed in it cannot reverse or hide the rest of the line."""

    file: str
    line: int
    column: int
    message: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "file", escaped(self.file))
        object.__setattr__(self, "message", escaped(self.message))

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


class DataError(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        noun = "problem" if len(self.problems) == 1 else "problems"
        lines = [str(p) for p in self.problems]
        super().__init__(f"{len(self.problems)} {noun} in the data:\n" + "\n".join(lines))


@dataclass
class _File:
    """One data file as read, with its composed YAML nodes, so that a problem can be placed at
    the line and column of the key or value it concerns without parsing the file again. It
    lives only while its record is checked: keeping every file's nodes would cost memory."""

    shown: str
    root: yaml.Node | None = None

    def at(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        node, key_node = self.root, None
        for part in path:
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if k.value == part), None)
                if pair is None:
                    break
                key_node, node = pair
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                key_node, node = None, node.value[part]
            else:
                break
        else:
            if key and key_node is not None:
                return _mark(key_node)
        return _mark(node) if node is not None else (1, 1)


def _shown(path: Path) -> str:
    try:
        return os.path.relpath(path)
    except ValueError:
        return str(path)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


_STR, _INT, _FLOAT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "float", "bool", "null"))


# Deeper than any record needs; far below Python's own recursion limit.
MAX_DEPTH = 32


def _check_text(node: yaml.Node, value: str, file: _File, problems: list[Problem]) -> str:
    bad = _UNPRINTABLE.search(value)  # one pass in C over every string of every file
    if bad is not None:
        problems.append(Problem(file.shown, *_mark(node), _control(bad.group(), f"at character {bad.start() + 1}")))
    return value


def _control(ch: str, where: str) -> str:
    name = unicodedata.name(ch, "")  # the C0 and C1 controls have none
    named = f" ({name.lower()})" if name else ""
    return f"remove the control character U+{ord(ch):04X}{named} {where}: text may not hold it"


# Characters no published format can carry (XML 1.0 refuses them; they show as nothing): the
# C0 and C1 controls but tab and line breaks, DEL, lone surrogates, U+FFFE and U+FFFF.
_UNPRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def _python(node: yaml.Node, file: _File, problems: list[Problem], seen: dict[int, bool], depth: int = 0) -> Any:
    """Turn a YAML node into plain values; dates stay as written ("2022-11-21").

    Anchors and aliases are refused: a record never needs them, and an alias lets a few lines
    of YAML stand for billions of values (or for a value that contains itself). An alias, or
    a value nested too deep, is reported once and read as empty, so that the rest of the file
    is still checked: every problem of a file is reported in one run.
    """
    if id(node) in seen:
        if not seen[id(node)]:
            seen[id(node)] = True
            problems.append(
                Problem(
                    file.shown,
                    *_mark(node),
                    "anchors and aliases (&name, *name) are not allowed in data files: write the value out",
                )
            )
        return None
    seen[id(node)] = False
    if depth > MAX_DEPTH:
        problems.append(
            Problem(file.shown, *_mark(node), f"nested more than {MAX_DEPTH} levels deep: records are never this deep")
        )
        return None
    if type(node) is yaml.ScalarNode:
        tag = node.tag
        if tag == _STR:
            return _check_text(node, node.value, file, problems)
        if tag == _INT:
            return _scalar.construct_yaml_int(node)
        if tag == _NULL:
            return None
        if tag == _BOOL:
            return _scalar.construct_yaml_bool(node)
        if tag == _FLOAT:
            return _scalar.construct_yaml_float(node)
        return _check_text(node, node.value, file, problems)
    if type(node) is yaml.SequenceNode:
        return [_python(item, file, problems, seen, depth + 1) for item in node.value]
    out: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value if type(key_node) is yaml.ScalarNode else None
        if not isinstance(key, str):
            problems.append(Problem(file.shown, *_mark(key_node), "a key must be a plain word"))
            continue
        _check_text(key_node, key, file, problems)
        if key in out:
            problems.append(Problem(file.shown, *_mark(key_node), f"duplicate key '{key}'"))
        out[key] = _python(value_node, file, problems, seen, depth + 1)
    return out


def _compose(text: str) -> yaml.Node | None:
    # The loader directly, not yaml.compose(), which is several times slower with libyaml.
    loader = Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


# A record file is a few kilobytes; anything this large is not one.
MAX_FILE_SIZE = 256 * 1024
# libyaml counts a reader error's position in bytes of UTF-8; PyYAML's own reader in characters.
_BYTE_POSITIONS = issubclass(Loader, getattr(yaml, "CSafeLoader", ()))


def _place(raw: bytes, offset: int) -> tuple[int, int]:
    """The line and column (in characters) of the byte at ``offset`` of a file."""
    start = raw.rfind(b"\n", 0, offset) + 1
    return raw.count(b"\n", 0, offset) + 1, len(raw[start:offset].decode("utf-8", "replace")) + 1


def _read(path: Path, shown: str, problems: list[Problem]) -> tuple[Any, _File] | None:
    file = _File(shown)
    try:
        with path.open("rb") as handle:  # a regular file: _entries has checked
            raw = handle.read(MAX_FILE_SIZE + 1)
    except OSError as err:
        problems.append(Problem(file.shown, 1, 1, f"cannot be read: {err.strerror or err}"))
        return None
    if len(raw) > MAX_FILE_SIZE:
        problems.append(
            Problem(file.shown, 1, 1, f"larger than {MAX_FILE_SIZE // 1024} KiB: a record is never this big")
        )
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        bad = raw[err.start : err.end]
        problems.append(
            Problem(
                file.shown,
                *_place(raw, err.start),
                f"not UTF-8 text at byte {err.start + 1} ({bad.hex(' ', 1).upper()}: {err.reason}):"
                " save the file as UTF-8",
            )
        )
        return None
    try:
        root = _compose(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = err.problem or err.context or "unreadable"
        problems.append(Problem(file.shown, line, column, f"YAML syntax error: {what}"))
        return None
    except yaml.reader.ReaderError as err:
        # A character YAML refuses to read (a NUL, a control): placed where it is.
        at = err.position if _BYTE_POSITIONS else len(text[: err.position].encode("utf-8"))
        where = f"at byte {at + 1}"
        problems.append(Problem(file.shown, *_place(raw, at), _control(chr(err.character), where)))
        return None
    except yaml.YAMLError as err:
        problems.append(Problem(file.shown, 1, 1, f"YAML syntax error: {err}"))
        return None
    if root is None:
        problems.append(Problem(file.shown, 1, 1, "the file is empty"))
        return None
    file.root = root
    data = _python(root, file, problems, {})
    if not isinstance(data, dict):
        problems.append(
            Problem(file.shown, 1, 1, f"a record must be a mapping of keys to values, not {describe(data)}")
        )
        return None
    return data, file


# -- messages for what the record classes reject ---------------------------------------------


def _unwrap(annotation: Any) -> Any:
    """The record class or Literal inside Optional[...], list[...] and Annotated[...]."""
    while True:
        origin = get_origin(annotation)
        if origin is Annotated or origin is list:
            annotation = get_args(annotation)[0]
        elif origin in (Union, types.UnionType):
            annotation = next(a for a in get_args(annotation) if a is not type(None))
        else:
            return annotation


def _field(cls: type[BaseModel], loc: tuple) -> tuple[type[BaseModel], Any]:
    """Follow an error location through the classes: (class holding the last key, its annotation)."""
    owner, annotation = cls, None
    for part in loc:
        if isinstance(part, int):
            continue
        if annotation is not None:
            owner = _unwrap(annotation)
        field = owner.model_fields.get(str(part))
        if field is None:
            return owner, None
        annotation = field.annotation
    return owner, annotation


def _model_at(cls: type[BaseModel], loc: tuple) -> type[BaseModel]:
    owner, annotation = _field(cls, loc)
    inner = _unwrap(annotation) if annotation is not None else owner
    return inner if isinstance(inner, type) and issubclass(inner, BaseModel) else owner


def _suggest(word: object, options: list[str]) -> str:
    close = difflib.get_close_matches(str(word), options, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


# pydantic's error types whose message needs only the key's name and what the value is.
_PLAIN = {
    "missing": "missing required key '{name}'",
    "string_too_short": "'{name}' is empty",
    "finite_number": "'{name}' should be a finite number, not {what}: the published data (JSON) has no other",
    "list_type": "'{name}' should be a list, not {what}",
    "model_type": "'{name}' should be a mapping of keys to values, not {what}",
    "dict_type": "'{name}' should be a mapping of keys to values, not {what}",
    "model_attributes_type": "'{name}' should be a mapping of keys to values, not {what}",
    "too_short": "'{name}' needs at least one entry",
    "bool_type": "'{name}' should be true or false, not {what}",
}


def _message(cls: type[BaseModel], error: ErrorDetails) -> str:
    loc, kind, value = error["loc"], error["type"], error.get("input")
    name = next((str(p) for p in reversed(loc) if isinstance(p, str)), "value")
    if kind in _PLAIN:
        return _PLAIN[kind].format(name=name, what=describe(value))
    explain = _EXPLAIN.get(kind)
    if explain is not None:
        return explain(cls, error, name, value)
    return f"'{name}': {error['msg']}"


def _unknown_key(cls: type[BaseModel], error: ErrorDetails, name: str, value: Any) -> str:
    known = [k for k in _model_at(cls, error["loc"][:-1]).model_fields if k != "id"]
    return f"unknown key '{name}'{_suggest(name, known)}"


def _not_a_choice(cls: type[BaseModel], error: ErrorDetails, name: str, value: Any) -> str:
    _, annotation = _field(cls, error["loc"])
    options = list(get_args(_unwrap(annotation))) if annotation is not None else []
    listed = ", ".join(options)
    return f"{quoted(value)} is not a known {name}{_suggest(value, options)}; expected one of: {listed}"


def _not_text(cls: type[BaseModel], error: ErrorDetails, name: str, value: Any) -> str:
    return f"'{name}' is empty" if value is None else f"'{name}' should be text, not {describe(value)}"


def _too_long(cls: type[BaseModel], error: ErrorDetails, name: str, value: Any) -> str:
    limit = error.get("ctx", {}).get("max_length", 0)
    return f"'{name}' is {len(value):,} characters long: at most {limit:,} are allowed"


def _not_a_number(cls: type[BaseModel], error: ErrorDetails, name: str, value: Any) -> str:
    if isinstance(value, int) and not isinstance(value, bool):
        return f"'{name}' is too large a number ({len(str(value))} digits)"
    return f"'{name}' should be a number, not {describe(value)}"


def _not_in_form(cls: type[BaseModel], error: ErrorDetails, name: str, value: Any) -> str:
    # Say what form this field takes: only an id field's pattern is the id pattern.
    pattern = error.get("ctx", {}).get("pattern")
    if pattern == ID_PATTERN:
        return f"{quoted(value)} is not a valid id: use lowercase letters, digits and single hyphens"
    if name == "file":
        return f"{quoted(value)} is not a file name: use letters, digits, dots, hyphens and underscores"
    return f"{quoted(value)} is not in the form '{name}' takes (the pattern {pattern})"


def _refused_value(cls: type[BaseModel], error: ErrorDetails, name: str, value: Any) -> str:
    return str(error["ctx"]["error"])


# pydantic's error types whose message says more: what was expected, what is close.
_EXPLAIN = {
    "extra_forbidden": _unknown_key,
    "literal_error": _not_a_choice,
    "string_type": _not_text,
    "string_too_long": _too_long,
    "float_type": _not_a_number,
    "float_parsing": _not_a_number,
    "string_pattern_mismatch": _not_in_form,
    "value_error": _refused_value,
}


# -- references between records ---------------------------------------------------------------


def _references(value: Any, plan: ReferencePlan, path: Path_) -> Iterator[tuple[Path_, str, str]]:
    """Yield (path, collection, id) for each reference in a record's data, as read from YAML.

    It walks the plain data, not the validated record, so that a file with other problems
    still has its references checked: every problem is reported in one run.
    """
    if isinstance(plan, str):
        if isinstance(value, str) and is_id(value):
            yield path, plan, value
    elif isinstance(plan, tuple):
        if isinstance(value, list):
            for i, item in enumerate(value):
                yield from _references(item, plan[1], (*path, i))
    elif isinstance(plan, dict) and isinstance(value, dict):
        for name, inner in plan.items():
            if name in value:
                yield from _references(value[name], inner, (*path, name))


def _check_references(
    collection: str, record_id: str, data: dict, file: _File, known: dict[str, set[str]], problems: list[Problem]
) -> None:
    for path, target, ref in _references(data, reference_plan(COLLECTIONS[collection]), ()):
        if ref in known[target]:
            if target == collection and ref == record_id:
                problems.append(Problem(file.shown, *file.at(path), f"'{ref}' refers to this record itself"))
            continue
        hint = _suggest(ref, sorted(known[target]))
        problems.append(Problem(file.shown, *file.at(path), f"unknown {COLLECTIONS[target].singular} '{ref}'{hint}"))


def _check_dates(record: Record, file: _File, problems: list[Problem]) -> None:
    """Dates out of order, and values disagreeing with others of the record, as the record's
    class finds them (models.Record.misdated, Record.mismatched)."""
    for where, message in [*record.misdated(), *record.mismatched()]:
        problems.append(Problem(file.shown, *file.at(where), message))


# -- the whole folder -------------------------------------------------------------------------


def _hidden(name: str) -> bool:
    """Hidden files and folders, among them what editors keep beside a file while it is open
    (Emacs' .#lock, Vim's .swp): never records, never reported."""
    return name.startswith(".")


# A name that says YAML, in any case, maybe followed by more: x.yml, x.YAML, x.yml.txt, x.yaml~.
_YAML_NAME = re.compile(r"\.ya?ml(?![a-z0-9])", re.IGNORECASE)
# What editors leave beside a file: Emacs' autosave (#x.yml#), backups (x.yml~, x.yml.~1~).
_EDITOR_COPY = re.compile(r"#(?P<autosave>.+)#|(?P<backup>.+?)(?:\.~\d+)?~")


def _editor_copy(name: str, names: set[str]) -> bool:
    """An editor's autosave or backup of a record file that is there beside it: nothing is
    missing, so it is passed over (one whose record is not there is reported)."""
    match = _EDITOR_COPY.fullmatch(name)
    return match is not None and (match["autosave"] or match["backup"]) in names


def _not_a_record_name(name: str, collection: bool) -> str:
    """Why a file under data/ is not read as a record though it may be meant as one, or ""
    when it is not meant as one (a file outside the collections that does not say YAML)."""
    said = _YAML_NAME.search(name)
    if said is None:
        if not collection:
            return ""
        return (
            f"{quoted(name)} is not read: a collection folder holds only records, each named"
            " <id>.yml; rename it, or move it out of data/"
        )
    stem, rest = name[: said.start()], name[said.start() :]
    if rest.lower() in EXTENSIONS:
        return (
            f"{quoted(name)} is not read: a record's file name ends in .yml or .yaml, in lower case;"
            f" rename it {stem}.yml"
        )
    return (
        f"{quoted(name)} is not read: a record's file name ends in .yml or .yaml, not {quoted(rest)};"
        f" rename it {stem}.yml, or move it out of data/ if it is a copy"
    )


def data_files(data_dir: Path, problems: list[Problem] | None = None) -> list[Path]:
    """Every YAML file under ``data_dir``, at any depth (misplaced ones are reported).

    Only regular files inside ``data_dir`` are read: a link to a file elsewhere, a link to a
    folder (which could lead in a circle), a FIFO or a device is a problem, never read. A
    file that may be meant as a record but is not named as one (x.YML, x.yml.txt, a stray
    file in a collection folder) is a problem too, never passed over in silence.
    """
    problems = [] if problems is None else problems
    root = data_dir.resolve()
    shown_dir = _shown(data_dir)
    found = []
    # os.walk does not enter linked folders (followlinks=False); it lists them, as it lists
    # links to files and broken links among the files.
    for folder, folders, names in os.walk(data_dir):
        relative = Path(folder).relative_to(data_dir).parts
        in_collection = bool(relative) and relative[0] in COLLECTIONS
        for name in sorted(folders):
            if _hidden(name):
                folders.remove(name)
            elif Path(folder, name).is_symlink():
                shown = "/".join((shown_dir, *relative, name))
                problems.append(Problem(shown, 1, 1, "is a link to a folder: records are read from real folders only"))
        listed = set(names)
        for name in names:
            if _hidden(name):
                continue
            shown = "/".join((shown_dir, *relative, name))
            if not name.endswith(EXTENSIONS):
                why = "" if _editor_copy(name, listed) else _not_a_record_name(name, in_collection)
                if why:
                    problems.append(Problem(shown, 1, 1, why))
                continue
            path = Path(folder, name)
            refused = _refused(path, root)
            if refused:
                problems.append(Problem(shown, 1, 1, refused))
            else:
                found.append(path)
    return sorted(found)


def _refused(path: Path, root: Path) -> str:
    """Why a file is not read, or "" when it is a regular file inside the data folder."""
    if path.is_symlink():
        try:
            target = path.resolve(strict=True)
        except (OSError, RuntimeError):
            return "is a link to nothing (a broken or circular link)"
        if not target.is_relative_to(root):
            return "is a link to a file outside the data folder: only files inside it are read"
    try:
        mode = path.stat().st_mode
    except OSError as err:
        return f"cannot be read: {err.strerror or err}"
    if not stat.S_ISREG(mode):
        return "is not a regular file (a FIFO, a device or a folder): only regular files are read"
    return ""


@dataclass(frozen=True)
class _Entry:
    """A data file in its right place with a valid, unique id: one record to read."""

    path: Path
    shown: str
    collection: str
    record_id: str


def _entries(data_dir: Path, problems: list[Problem]) -> list[_Entry]:
    """The record files under ``data_dir``; misplaced, misnamed and duplicate ones are problems."""
    if not data_dir.is_dir():
        raise DataError([Problem(_shown(data_dir), 1, 1, "the data folder does not exist")])
    shown_dir = _shown(data_dir)
    entries: list[_Entry] = []
    seen: dict[tuple[str, str], str] = {}
    for path in data_files(data_dir, problems):
        parts = path.relative_to(data_dir).parts
        shown = "/".join((shown_dir, *parts))
        collection = parts[0]
        if len(parts) != 2 or collection not in COLLECTIONS:
            hint = _suggest(collection, list(COLLECTIONS)) if len(parts) > 1 else ""
            where = f"'{collection}/'" if len(parts) > 1 else "the top of data/"
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    f"records go in data/<collection>/, and {where} is not one{hint}; "
                    f"collections: {', '.join(COLLECTIONS)}",
                )
            )
            continue
        record_id = path.name.removesuffix(path.suffix)
        if not is_id(record_id):
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    f"{quoted(record_id)} is not a valid id for a file name: "
                    "use lowercase letters, digits and single hyphens",
                )
            )
            continue
        if len(record_id) > ID_MAX:
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    f"the id (the file name without {path.suffix}) is {len(record_id)} characters long:"
                    f" an id may have at most {ID_MAX}",
                )
            )
            continue
        if is_reserved(record_id):
            problems.append(
                Problem(
                    shown,
                    1,
                    1,
                    f"'{record_id}' is reserved for the site's own pages and files: "
                    f"choose another file name (reserved: {RESERVED})",
                )
            )
            continue
        if (collection, record_id) in seen:
            problems.append(
                Problem(shown, 1, 1, f"duplicate id '{record_id}': {seen[collection, record_id]} has it too")
            )
            continue
        seen[collection, record_id] = shown
        entries.append(_Entry(path, shown, collection, record_id))
    return entries


def _known(entries: list[_Entry]) -> dict[str, set[str]]:
    """Every record id by collection, from the file names: a reference to a record whose file
    has problems of its own is not reported a second time."""
    known: dict[str, set[str]] = {collection: set() for collection in COLLECTIONS}
    for entry in entries:
        known[entry.collection].add(entry.record_id)
    return known


# -- references that order records ------------------------------------------------------------


@dataclass(frozen=True)
class _Link:
    """A reference that puts one record under or after another: followed from record to
    record, such references must never lead back to where they started. (An old id in
    renamed_from is kept in the same form, its target the old id: see _check_renames.)"""

    collection: str
    source: str
    target: str
    shown: str
    line: int
    column: int


def _ordering(record: Record) -> list[tuple[Path_, str]]:
    """The references that put the record under or after another of its collection, as its
    class names them (models.Record.ordering)."""
    return record.ordering()


def _check_circles(links: list[_Link], problems: list[Problem]) -> None:
    """Report every reference that is part of a circle (A upgrades B, B upgrades A)."""
    graph: dict[tuple[str, str], list[_Link]] = {}
    for link in links:
        graph.setdefault((link.collection, link.source), []).append(link)
    for link in links:
        if link.target == link.source:  # reported already: a record may not refer to itself
            continue
        way_back = _path(graph, (link.collection, link.target), (link.collection, link.source))
        if way_back is not None:
            circle = " → ".join([link.source, *way_back])
            problems.append(
                Problem(
                    link.shown,
                    link.line,
                    link.column,
                    f"'{link.target}' leads back to this record ({circle}): "
                    "these references may not go round in a circle",
                )
            )


def _path(graph: dict[tuple[str, str], list[_Link]], start: tuple[str, str], goal: tuple[str, str]) -> list[str] | None:
    """The ids from ``start`` to ``goal`` following links, or None (breadth first, no repeats)."""
    previous: dict[tuple[str, str], tuple[str, str] | None] = {start: None}
    queue = [start]
    for node in queue:
        if node == goal:
            ids: list[str] = []
            at: tuple[str, str] | None = node
            while at is not None:
                ids.append(at[1])
                at = previous[at]
            return ids[::-1]
        for link in graph.get(node, ()):
            nxt = (link.collection, link.target)
            if nxt not in previous:
                previous[nxt] = node
                queue.append(nxt)
    return None


def _record(
    entry: _Entry,
    known: dict[str, set[str]],
    problems: list[Problem],
    links: list[_Link],
    renames: list[_Link],
) -> Record | None:
    """Read and check one record file: its YAML, its keys and values, its references."""
    result = _read(entry.path, entry.shown, problems)
    if result is None:
        return None
    data, file = result
    _check_references(entry.collection, entry.record_id, data, file, known, problems)
    _check_old_ids(entry, data, file, known, problems, renames)
    cls = COLLECTIONS[entry.collection]
    if "id" in data:
        problems.append(
            Problem(entry.shown, *file.at(("id",), key=True), "remove 'id': a record's id is its file name")
        )
    try:
        record = cls.model_validate({**data, "id": entry.record_id})
    except ValidationError as err:
        for error in err.errors(include_url=False):
            key = error["type"] == "extra_forbidden"
            problems.append(Problem(entry.shown, *file.at(tuple(error["loc"]), key=key), _message(cls, error)))
        return None
    _check_dates(record, file, problems)
    for path, target in _ordering(record):
        links.append(_Link(entry.collection, entry.record_id, target, entry.shown, *file.at(path)))
    return record


def load(data_dir: str | Path) -> Dataset:
    """Load and check every record under ``data_dir``; raise :class:`DataError` listing all problems."""
    problems: list[Problem] = []
    entries = _entries(Path(data_dir), problems)
    known = _known(entries)
    records: dict[str, dict[str, Record]] = {name: {} for name in COLLECTIONS}
    links: list[_Link] = []
    renames: list[_Link] = []
    for entry in entries:
        record = _record(entry, known, problems, links, renames)
        if record is not None:
            records[entry.collection][entry.record_id] = record
    _check_circles(links, problems)
    _check_renames(renames, problems)
    _check_conflicts(entries, records, problems)
    if problems:
        raise DataError(problems)
    return Dataset(**records)


def _check_conflicts(entries: list[_Entry], records: dict[str, dict[str, Record]], problems: list[Problem]) -> None:
    """What each record's class finds wrong with it given the other records (a figure whose
    currency is not its series', models.Record.conflicts), placed in its file: the file is
    read again for that, which only a record with such a problem costs."""
    for entry in entries:
        record = records[entry.collection].get(entry.record_id)
        found = record.conflicts(records) if record is not None else []
        if not found:
            continue
        read = _read(entry.path, entry.shown, [])
        file = read[1] if read else _File(entry.shown)
        for where, message in found:
            problems.append(Problem(entry.shown, *file.at(where), message))


def _check_old_ids(
    entry: _Entry, data: dict, file: _File, known: dict[str, set[str]], problems: list[Problem], renames: list[_Link]
) -> None:
    """Each old id of a record (renamed_from) that is a live id of its collection is a problem;
    every old id is kept, with where it is written, for :func:`_check_renames`. Read from the
    file's data, not the record, so that these are reported with the file's other problems."""
    old_ids = data.get("renamed_from")
    if not isinstance(old_ids, list):
        return
    for i, old in enumerate(old_ids):
        if not (isinstance(old, str) and is_id(old)):
            continue  # the record class says what is wrong with it
        at = file.at(("renamed_from", i))
        if old in known[entry.collection]:
            problems.append(
                Problem(
                    entry.shown,
                    *at,
                    f"'{old}' is the id of a record in {entry.collection}: an old address cannot be a live one",
                )
            )
        renames.append(_Link(entry.collection, entry.record_id, old, entry.shown, *at))


def _check_renames(renames: list[_Link], problems: list[Problem]) -> None:
    """An old id leads to one record only (its redirect page): where two records, or one
    record twice, give the same old id, each place is reported, naming the other."""
    claims: dict[tuple[str, str], list[_Link]] = {}
    for link in renames:
        claims.setdefault((link.collection, link.target), []).append(link)
    for (_, old), places in claims.items():
        for link in places if len(places) > 1 else ():
            others = sorted({o.shown for o in places if o.shown != link.shown})
            said = (
                f"{' and '.join(others)} {'was' if len(others) == 1 else 'were'} renamed from it too"
                if others
                else "it is listed twice"
            )
            problems.append(Problem(link.shown, link.line, link.column, f"'{old}' in renamed_from: {said}"))


def stamp(data_dir: Path) -> tuple:
    """Each file under ``data_dir`` that ``load`` reads or reports (data_files) with its
    modification time and size, from one pass over the folders: the plugin reads the data
    again only when this changes."""
    top = os.path.join(data_dir, "")  # with one separator at its end

    def _in_collection(path: str) -> bool:
        return path.startswith(top) and path[len(top) :].partition(os.sep)[0] in COLLECTIONS

    found = []
    folders = [str(data_dir)] if data_dir.is_dir() else []
    while folders:
        with os.scandir(folders.pop()) as entries:
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif entry.name.endswith(EXTENSIONS) or _YAML_NAME.search(entry.name) or _in_collection(entry.path):
                    try:
                        info = entry.stat()
                    except OSError:  # a broken link: load() reports it
                        info = entry.stat(follow_symlinks=False)
                    found.append((entry.path, info.st_mtime_ns, info.st_size))
    return tuple(sorted(found))
