"""What templates call ``q``: one method per page kind, each returning that page's view.

The views themselves live in :mod:`tracker.views`, one module per page kind; this class
only holds the dataset's :class:`~tracker.views.base.Index` (reverse links worked out once
per build) and hands it to them. ``agreement(id)`` feeds ``/agreements/<id>/`` through
``templates/agreement.md.j2``, and ``agreements()`` the index at ``/agreements/``.
"""

from __future__ import annotations

from datetime import date

from . import views
from .dataset import Dataset
from .kinds import Entry
from .marks import Marks
from .views.base import Fact, Index

__all__ = ["Entry", "Fact", "Queries"]


class Queries:
    def __init__(self, data: Dataset, index_rows: int = views.lists.INDEX_ROWS) -> None:
        self.data = data
        self.ix = Index(data)
        # An index of more rows than this, or a timeline of more entries, is split by year
        # (the plugin's `index_rows`).
        self.index_rows = index_rows
        self._tables: dict[str, views.table.Table] = {}
        # The register, worked out once per day it is asked for: its page and its files show it.
        self._treaties: dict[date, views.treaties.TreatiesView] = {}
        self._series: dict[str, views.series.SeriesView] = {}

    @property
    def entries(self) -> list[Entry]:
        """Every milestone and event, in date order."""
        return self.ix.entries

    @property
    def marks(self) -> Marks:
        """The derived and "accounts differ" marks of every value (tracker/marks.py)."""
        return self.ix.marks

    @property
    def year_numbers(self) -> list[int]:
        """The years with a dated milestone or event, or a figure that holds for them: each has a page."""
        return self.ix.page_years

    def cited_by(self, source_id: str) -> list[Fact]:
        return self.ix.cited_by(source_id)

    def home(self) -> views.home.HomeView:
        return views.home.home(self.ix)

    def timeline(self) -> views.timeline.TimelineView:
        """Whole, or split by year above ``index_rows`` entries, as the indexes are."""
        return views.timeline.timeline(self.ix, self.index_rows)

    def timeline_split(self) -> bool:
        """Whether ``/timeline/`` is split by year (the home page's link says so)."""
        return views.timeline.is_split(self.ix, self.index_rows)

    def disagreements(self) -> views.disagreements.DisagreementsView:
        """Every value the documents give differently (``/disagreements/``)."""
        return views.disagreements.disagreements(self.ix)

    def agreements(self) -> views.agreements.AgreementsView:
        return views.agreements.agreements(self.ix)

    def agreement(self, agreement_id: str) -> views.agreements.AgreementView:
        return views.agreements.agreement(self.ix, agreement_id)

    def treaties(self, on: date) -> views.treaties.TreatiesView:
        """The treaty register, with whether each treaty is in force on ``on`` (the build's date)."""
        if on not in self._treaties:
            self._treaties[on] = views.treaties.treaties(self.ix, on)
        return self._treaties[on]

    def events(self) -> views.events.EventsView:
        return views.events.events(self.ix)

    def event(self, event_id: str) -> views.events.EventView:
        return views.events.event(self.ix, event_id)

    def years(self) -> views.years.YearsView:
        return views.years.years(self.ix)

    def year(self, year: int) -> views.years.YearView:
        return views.years.year(self.ix, year)

    def sectors(self) -> views.sectors.SectorsView:
        return views.sectors.sectors(self.ix)

    def sector(self, sector_id: str) -> views.sectors.SectorView:
        return views.sectors.sector(self.ix, sector_id)

    def people(self) -> views.people.PeopleView:
        return views.people.people(self.ix)

    def person(self, person_id: str) -> views.people.PersonView:
        return views.people.person(self.ix, person_id)

    def organisations(self) -> views.organisations.OrganisationsView:
        return views.organisations.organisations(self.ix)

    def organisation(self, organisation_id: str) -> views.organisations.OrganisationView:
        # A party to more agreements than index_rows: counted by the index's years.
        return views.organisations.organisation(
            self.ix, organisation_id, self.index_rows, lambda: self.table("agreements")
        )

    def sources(self) -> views.sources.SourcesView:
        return views.sources.sources(self.ix)

    def source(self, source_id: str) -> views.sources.SourceView:
        return views.sources.source(self.ix, source_id)

    def figures(self) -> views.figures.FiguresView:
        return views.figures.figures(self.ix)

    def figure(self, figure_id: str) -> views.figures.FigureView:
        return views.figures.figure(self.ix, figure_id)

    # Series and their charts: a series' page, and its small chart on the home page, its
    # sectors' pages and its figures' pages (tracker/views/series.py).
    def series(self, series_id: str) -> views.series.SeriesView:
        """Worked out once per dataset: every page showing the series draws the same chart."""
        if series_id not in self._series:
            self._series[series_id] = views.series.series(self.ix, series_id)
        return self._series[series_id]

    def series_index(self) -> views.series.SeriesIndexView:
        return views.series.SeriesIndexView([self.series(i) for i in views.series.ordered(self.ix)])

    def featured_series(self) -> list[views.series.SeriesView]:
        """The series the home page shows as small charts."""
        return [self.series(i) for i in views.series.ordered(self.ix) if self.ix.data.series[i].featured]

    def sector_series(self, sector_id: str) -> list[views.series.SeriesView]:
        """The series a sector's page shows."""
        return [self.series(i) for i in views.series.ordered(self.ix) if sector_id in self.ix.data.series[i].sectors]

    # A collection's index as a table, whole or split by year (tracker/views/lists.py).
    def table(self, collection: str) -> views.table.Table:
        """Worked out once per dataset: the index, its year pages and its published list
        (export.list_files) all show it."""
        if collection not in self._tables:
            self._tables[collection] = views.lists.TABLES[collection](self.ix)
        return self._tables[collection]

    def listing(self, collection: str) -> views.lists.Listing:
        return views.lists.listing(self.table(collection), self.index_rows)

    def list_group(self, page: str) -> views.lists.Listing:
        """A year's page of a split index, named as its page names it: ``agreements/2024``."""
        collection, group = page.split("/")
        return views.lists.group_page(self.table(collection), group)

    def split_tables(self) -> list[views.table.Table]:
        """The tables whose index is split by year: each has year pages and a published list."""
        return [
            table
            for table in (self.table(c) for c in views.lists.TABLES)
            if views.lists.is_split(table, self.index_rows)
        ]

    # Any kind of record, for kinds with no view of their own (tracker/views/records.py).
    def record(self, collection: str, record_id: str) -> views.records.RecordView:
        return views.records.record(self.ix, collection, record_id)

    def index(self, collection: str) -> views.records.IndexView:
        return views.records.index(self.ix, collection)
