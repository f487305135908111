"""Every year from the first to the last is accounted for (views/years.py, timeline.py): a year
with something recorded has its page; the years between with nothing are named as such, a run
of them at a time, on the years index, the timeline and the year pages beside them, without a
page each."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import FIXTURE_DATA, ROOT

from tracker.load import load
from tracker.queries import Queries
from tracker.views.years import Gap, YearCount, gaps


def test_gaps_are_the_runs_of_missing_years() -> None:
    assert gaps([1950, 1964, 1967, 1968, 1975]) == [Gap(1951, 1963), Gap(1965, 1966), Gap(1969, 1974)]
    assert gaps([2020, 2021]) == []
    assert (Gap(1951, 1963).label, Gap(1951, 1963).count) == ("1951 to 1963", 13)
    assert (Gap(1968, 1968).label, Gap(1968, 1968).count) == ("1968", 1)


def covered(rows: list[YearCount | Gap]) -> list[int]:
    return [y for r in rows for y in (range(r.first, r.last + 1) if isinstance(r, Gap) else [r.year])]


@pytest.mark.parametrize("data", [FIXTURE_DATA, ROOT / "data"], ids=["fixture", "real"])
def test_the_years_index_covers_every_year_once(data: Path) -> None:
    q = Queries(load(data))
    view = q.years()
    years = q.year_numbers
    assert covered(view.rows) == list(range(years[0], years[-1] + 1))
    assert [r.year for r in view.rows if isinstance(r, YearCount)] == years  # a page each, no more
    for gap in view.gaps:
        assert not any(gap.first <= y <= gap.last for y in years)


def test_a_gap_is_named_on_the_timeline_and_the_pages_beside_it(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    figure = data / "figures" / "harbour-count.yml"
    figure.write_text(figure.read_text(encoding="utf-8").replace("as_of: 2021-06-14", "as_of: 2016"))
    q = Queries(load(data))
    assert q.years().gaps == [Gap(2017, 2019)]
    whole = {y.year: y for y in q.timeline().years}
    assert whole[2020].gap_years == Gap(2017, 2019)
    assert whole[2016].gap_years is None
    assert (q.year(2016).gap_after, q.year(2020).gap_before) == (Gap(2017, 2019), Gap(2017, 2019))
    assert (q.year(2016).gap_before, q.year(2021).gap_before) == (None, None)
    # Split by year, the table of years names the gap too, in its place.
    split = Queries(q.data, index_rows=1).timeline()
    assert [r.label if isinstance(r, Gap) else r.year for r in split.rows] == [2022, 2021, 2020, "2017 to 2019", 2016]


def test_the_built_years_say_what_has_nothing_recorded(real_site: Path) -> None:
    q = Queries(load(ROOT / "data"))
    gaps_ = q.years().gaps
    assert gaps_, "the real data has years with nothing recorded"

    def article(url: str) -> BeautifulSoup:
        return BeautifulSoup((real_site / url / "index.html").read_text(encoding="utf-8"), "html.parser").article

    index = article("years")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in index.select("tbody tr")]
    assert [r[0] for r in rows if r[1] == "nothing recorded"] == [g.label for g in gaps_]
    linked = [int(a.get_text()) for a in index.select("tbody a")]
    assert linked == q.year_numbers
    # Every year from the first to the last is in the table, once.
    shown = []
    for first, *_ in rows:
        bounds = [int(y) for y in re.findall(r"\d{4}", first)]
        shown += range(bounds[0], bounds[-1] + 1)
    assert shown == list(range(q.year_numbers[0], q.year_numbers[-1] + 1))
    assert not (real_site / "years" / str(gaps_[0].first) / "index.html").exists()
    # The timeline says each gap where it falls; the year after a gap names it.
    timeline = [p.get_text(" ", strip=True) for p in article("timeline").select(".tk-timeline__gap")]
    assert timeline == [
        f"{g.label}: nothing recorded" + (f" in these {g.count} years" if g.count > 1 else "") for g in gaps_
    ]
    after = gaps_[0].last + 1
    assert f"Nothing is recorded for {gaps_[0].label}" in article(f"years/{after}").get_text(" ", strip=True)
