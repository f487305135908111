"""The page templates' shared pieces, rendered without a build: a Jinja environment like
mkdocs-macros' (the same filters, strict undefined) over tracker/templates/."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

import pytest
from conftest import FIXTURE_DATA, ROOT
from jinja2 import Environment, FileSystemLoader, StrictUndefined, UndefinedError

from tracker.filters import FILTERS, Citations
from tracker.kinds import LabelError
from tracker.load import load
from tracker.marks import DERIVED_WORDS
from tracker.queries import Queries


@pytest.fixture(scope="module")
def q() -> Queries:
    return Queries(load(FIXTURE_DATA))


@pytest.fixture(scope="module")
def env(q: Queries) -> Environment:
    environment = Environment(loader=FileSystemLoader(ROOT / "tracker" / "templates"), undefined=StrictUndefined)
    environment.filters.update(FILTERS)
    # The globals the plugin gives the shared macros (tracker/site/plugin.py, on_files).
    environment.globals.update(marks_of=q.marks, derived_words=DERIVED_WORDS)
    return environment


def fact_lines(env: Environment, q: Queries, source_id: str) -> list[str]:
    fact = env.get_template("fact.md.j2").module.fact  # type: ignore[attr-defined]
    c = Citations(q.data)
    return [str(fact(f, c, f"sources/{source_id}/")) for f in q.cited_by(source_id)]


def test_every_kind_of_fact_reads_as_a_line(env: Environment, q: Queries) -> None:
    lines = fact_lines(env, q, "alpha-report")
    # The signing's date is one of two accounts: the line marks it, then gives the place.
    signed = next(line for line in lines if line.startswith("Milestone: Signed, 14 June 2021"))
    assert 'class="tk-accounts"' in signed
    assert signed.endswith("</span>, Port Alpha")
    assert "Signed by Quill Marlow, Harbour Minister" in lines
    assert "Role: Harbour Minister, since May 2020" in lines
    derived = next(line for line in lines if line.startswith("Milestone: Negotiations concluded, 2020"))
    assert 'class="tk-derived"' in derived
    assert "Counted back" in derived
    assert "Participant: Quill Marlow, host" in lines
    beta = fact_lines(env, q, "beta-release")
    assert "Status: In force, known to hold in February 2022" in beta
    assert "Implements Harbour Accord" in beta
    assert "Name written as “Port Accord”" in beta
    kinds = {f.kind for s in q.data.sources for f in q.cited_by(s)}
    assert kinds == {
        "record",
        "milestone",
        "statement",
        "signatory",
        "status",
        "relation",
        "name",
        "role",
        "participant",
    }


def test_fact_lines_escape_data(env: Environment, q: Queries) -> None:
    hostile = next(
        line for line in fact_lines(env, q, "alpha-report") if "alert" in line and "Summary of the record" in line
    )
    assert "<script>" not in hostile
    assert "&#60;script&#62;" in hostile


def test_a_fact_of_a_kind_the_template_does_not_know_stops_the_render(env: Environment, q: Queries) -> None:
    @dataclass(frozen=True)
    class Hearsay:
        kind: ClassVar[str] = "hearsay"

    fact = env.get_template("fact.md.j2").module.fact  # type: ignore[attr-defined]
    with pytest.raises(UndefinedError, match="hearsay"):
        fact(Hearsay(), Citations(q.data), "sources/alpha-report/")


def test_a_value_without_a_label_stops_the_render(env: Environment) -> None:
    template = env.from_string('{{ "moe"|label("agreement.kind") }}')
    with pytest.raises(LabelError, match="'moe' has no label in 'agreement.kind'"):
        template.render()


def test_templates_write_year_and_index_links_through_the_url_helpers() -> None:
    """Every link to a year's page or a collection's index comes from tracker/urls.py (through
    the year_src, year_path and index_src filters), so that moving those pages is one edit."""
    assert FILTERS["year_src"](2024) == "/years/2024.md"
    assert FILTERS["year_path"](2024) == "years/2024/"
    assert FILTERS["index_src"]("agreements") == "/agreements/index.md"
    written = re.compile(r"years/(\{\{|\d)|[a-z}]+ ?/index\.md")
    for template in sorted((ROOT / "tracker" / "templates").glob("*.j2")):
        for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), 1):
            assert not written.search(line), f"{template.name}:{number}: a year or index address written out"
