"""What each page shows: one module per page kind, one frozen dataclass per view.

A page's URL section, its template and its view share one name: ``/agreements/<id>/`` is
``templates/agreement.md.j2`` showing ``views.agreements.agreement(ix, id)``, an
:class:`~tracker.views.agreements.AgreementView`; the index ``/agreements/`` is
``agreements.md.j2`` showing ``agreements(ix)``. Templates reach them through
:class:`tracker.queries.Queries` (``q.agreement(id)``). The reverse links every view needs
are worked out once per build in :class:`~tracker.views.base.Index`.
"""

from . import (
    agreements,
    base,
    disagreements,
    events,
    figures,
    home,
    kinds,
    lists,
    organisations,
    people,
    records,
    sectors,
    series,
    sources,
    table,
    timeline,
    treaties,
    years,
)

__all__ = [
    "agreements",
    "base",
    "disagreements",
    "events",
    "figures",
    "home",
    "kinds",
    "lists",
    "organisations",
    "people",
    "records",
    "sectors",
    "series",
    "sources",
    "table",
    "timeline",
    "treaties",
    "years",
]
