"""Every series page as built, from the fixture and from the real data: the chart's points link
to their figures, its labels give the data's values and dates, one currency per series, and
the derived and differing points are marked in the chart and in the table; the small charts
where readers look (the home page, a sector's page, a figure's page) and the series files."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import FIXTURE_DATA, ROOT

from tracker import chart
from tracker.load import load
from tracker.models import Figure, Series
from tracker.queries import Queries

SITES = {"fixture": ("fixture_site", FIXTURE_DATA), "real": ("real_site", ROOT / "data")}


@pytest.fixture(params=list(SITES), scope="module")
def built(request: pytest.FixtureRequest) -> tuple[Path, Queries]:
    site_fixture, data = SITES[request.param]
    return request.getfixturevalue(site_fixture), Queries(load(data))


def html(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def target(site: Path, page_url: str, href: str) -> Path:
    path = urlsplit(urljoin("http://x/" + page_url, href)).path.lstrip("/")
    return site / path / "index.html" if path.endswith("/") or not path else site / path


def check_chart(site: Path, page_url: str, figure: Tag, q: Queries, series: Series) -> dict[str, Tag]:
    """Every point of ``series`` drawn once on the chart ``figure`` of the page at ``page_url``:
    a link to its figure's page named by its date, value and sources, its value label, its
    marks. Returns the points' links by figure id."""
    view = q.series(series.id)
    svg = figure.find("svg")
    assert svg["role"] == "group"
    assert svg.find("title").get_text() == series.name
    assert svg.find("desc").get_text() == view.description
    links = {a["data-figure"]: a for a in svg.select("a.tk-chart__point")}
    assert sorted(links) == sorted(p.figure.id for p in view.points)
    labels = [t.get_text() for t in svg.select("text.tk-chart__value")]
    if view.chart.labelled:
        assert sorted(labels) == sorted(chart.amount(p.amount) for p in view.points)
    for p in view.points:
        f = q.data.of(Figure)[p.figure.id]
        a = links[f.id]
        assert target(site, page_url, a["xlink:href"]) == site / "figures" / f.id / "index.html"
        assert target(site, page_url, a["xlink:href"]).exists()
        assert a["tabindex"] == "0"
        # The label gives the figure's own date and amount, in the series' unit and currency.
        date = getattr(f, series.dated_by)
        assert (a["data-date"], float(a["data-amount"])) == (date.iso, f.amount)
        name = a["aria-label"]
        assert name.startswith(f"{date}: {chart.amount(f.amount)}")
        assert a.find("title").get_text() == name
        for source in f.cite:
            assert q.data.sources[source].title in name
        assert (f.currency or "") == (series.currency or "")
        if series.currency:
            assert f"({series.currency})" in name
        # Marks by shape (and said in words): hollow and dashed where derived, a diamond where
        # the documents differ.
        shape = a.select_one(".tk-chart__dot")
        assert ("tk-chart__dot--derived" in shape["class"]) == bool(p.derived)
        assert ("derived" in name) == bool(p.derived)
        assert (shape.name == "path") == p.disputed
        assert ("documents differ" in name) == p.disputed
    return links


def test_every_series_page_draws_every_point_linked_and_labelled(built: tuple[Path, Queries]) -> None:
    site, q = built
    assert q.data.of(Series)
    for series in q.data.of(Series).values():
        url = f"series/{series.id}/"
        page = html(site, url)
        figure = page.select_one("article figure.tk-chart")
        check_chart(site, url, figure, q, series)
        # No two currencies on one series' page.
        currencies = {q.data.figures[a["data-figure"]].currency for a in figure.select("a.tk-chart__point")}
        assert currencies == {series.currency}
        # Its milestones, keyed on the chart and named under it.
        view = q.series(series.id)
        keys = [t.get_text() for t in figure.select("svg text.tk-chart__key")]
        assert keys == [m.key for m in view.markers]
        legend = figure.select_one("figcaption.tk-chart__legend").get_text(" ", strip=True)
        for m in view.markers:
            assert f"{m.key} {m.agreement.name}" in " ".join(legend.split())


def test_the_table_under_the_chart_lists_the_same_points(built: tuple[Path, Queries]) -> None:
    site, q = built
    for series in q.data.of(Series).values():
        page = html(site, f"series/{series.id}/")
        view = q.series(series.id)
        rows = page.select_one("article h2#points").find_next("table").select("tbody tr")
        assert len(rows) == len(view.points)
        for row, p in zip(rows, view.points, strict=True):
            cells = row.find_all("td")
            assert cells[0].get_text(" ", strip=True).startswith(str(p.date))
            assert cells[1].get_text(" ", strip=True).startswith(chart.amount(p.amount))
            assert (cells[0].select_one("button.tk-derived") is not None) == bool(p.derived_date)
            assert (cells[1].select_one("button.tk-derived") is not None) == bool(p.derived_value)
            value = cells[1].get_text()
            assert ("documents differ" in value or "accounts differ" in value) == p.disputed
            assert cells[3].find("a")["href"] == f"../../figures/{p.figure.id}/"
            assert len(cells[4].select("a.tk-cite")) == len(set(p.figure.cite))


def test_the_fixture_marks_a_derived_point_and_two_accounts_of_one_year(fixture_site: Path) -> None:
    q = Queries(load(FIXTURE_DATA))
    figure = html(fixture_site, "series/harbour-tonnage/").select_one("article figure.tk-chart")
    links = check_chart(fixture_site, "series/harbour-tonnage/", figure, q, q.data.series["harbour-tonnage"])
    assert links["tonnage-2020"].get("data-derived") == "true"
    assert links["tonnage-2021-alpha"].get("data-disputed") == "true"
    assert links["tonnage-2021-beta"].get("data-disputed") == "true"
    assert "tonnage-2020" not in [k for k, a in links.items() if a.get("data-disputed")]
    legend = figure.select_one("figcaption").get_text()
    assert "derived" in legend
    assert "documents differ" in legend


def test_readers_find_the_series_where_they_look(built: tuple[Path, Queries]) -> None:
    site, q = built
    home = html(site, "")
    featured = [s for s in q.data.of(Series).values() if s.featured]
    charts = home.select("article figure.tk-chart--small")
    assert [c["data-series"] for c in charts] == [v.record.id for v in q.featured_series()]
    assert featured
    for c in charts:
        check_chart(site, "", c, q, q.data.series[c["data-series"]])
        assert c.select_one("figcaption.tk-chart__title a")["href"] == f"series/{c['data-series']}/"
    for series in q.data.of(Series).values():
        for sector in series.sectors:
            page = html(site, f"sectors/{sector}/")
            shown = [c["data-series"] for c in page.select("article figure.tk-chart--small")]
            assert series.id in shown
        for p in q.series(series.id).points:
            page = html(site, f"figures/{p.figure.id}/")
            small = page.select_one("article figure.tk-chart--small")
            assert small["data-series"] == series.id
            links = check_chart(site, f"figures/{p.figure.id}/", small, q, series)
            ringed = [k for k, a in links.items() if a.select_one(".tk-chart__here")]
            assert ringed == [p.figure.id]
            assert page.select_one("h2#series").find_next("p").find("a")["href"] == f"../../series/{series.id}/"


def test_each_series_file_holds_its_points(built: tuple[Path, Queries]) -> None:
    site, q = built
    for series in q.data.of(Series).values():
        view = q.series(series.id)
        data = json.loads((site / "api" / "v1" / "series" / f"{series.id}.json").read_text(encoding="utf-8"))
        text = (site / "api" / "v1" / "series" / f"{series.id}.csv").read_text(encoding="utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert (
            [r["figure"] for r in rows] == [p["figure"] for p in data["points"]] == [p.figure.id for p in view.points]
        )
        assert {r["currency"] for r in rows} <= {series.currency or ""}
        page = html(site, f"series/{series.id}/")
        hrefs = [a["href"] for a in page.select("article p.tk-data a")]
        assert f"../../api/v1/series/{series.id}.csv" in hrefs
        assert f"../../api/v1/series/{series.id}.json" in hrefs


def test_the_data_page_and_the_index_lead_to_every_series(built: tuple[Path, Queries]) -> None:
    site, q = built
    index = html(site, "series/")
    listed = [a["href"] for a in index.select("article table a")]
    assert listed == [f"{v.record.id}/" for v in q.series_index().series]
    data = html(site, "data/")
    section = data.select_one("h2#series-files")
    assert section is not None
    links = [a["href"] for a in section.find_all_next("a") if "api/v1/series/" in a.get("href", "")]
    for series in q.data.of(Series).values():
        assert f"../api/v1/series/{series.id}.csv" in links
