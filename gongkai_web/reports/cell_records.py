"""The records behind a figure: for a table-3 cell the applications it counts (by the same rules as
``table3``: received in the year, open on 1 January, concluded in the year with an outcome of the row,
open on 31 December; the column fixed at filing), for a table-2 cell the library list it comes from."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.db.models import Q, QuerySet
from django.urls import reverse

from gongkai import outcomes
from gongkai.report.model import REQUEST_COLUMN_KEYS, AnnualReport
from gongkai_web.agencies.models import Agency
from gongkai_web.applications.models import Application, RequestKind

from .build import scope_agencies

TOTAL = REQUEST_COLUMN_KEYS[-1]
STOCK_ROWS = ("new", "carried_over", "carried_forward")


def cell_applications(agency: Agency, year: int, address: str) -> QuerySet[Application] | None:
    """The applications counted in ``address`` (``requests.<row>.<column>``); None for another address."""
    table, _, rest = address.partition(".")
    row, _, column = rest.rpartition(".")
    if table != "requests" or column not in REQUEST_COLUMN_KEYS or not row:
        return None
    apps = Application.objects.filter(
        agency__in=scope_agencies(agency).values("id"), kind=RequestKind.DISCLOSURE, received_on__isnull=False
    )
    if column != TOTAL:
        apps = apps.filter(report_column=column)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    if row == "new":
        return apps.filter(received_on__gte=start, received_on__lte=end)
    if row == "carried_over":
        return apps.filter(received_on__lt=start).filter(
            Q(concluded_on__isnull=True) | Q(concluded_on__gte=start)
        )
    if row == "carried_forward":
        return apps.filter(received_on__lte=end).filter(
            Q(concluded_on__isnull=True) | Q(concluded_on__gt=end)
        )
    concluded = apps.filter(concluded_on__year=year)
    if row == "total":
        return concluded
    codes = [o.code for o in outcomes.outcomes_for_row(row)]
    return concluded.filter(outcome__in=codes) if codes else None


def library_link(address: str, year: int) -> str | None:
    """The staff library list behind a table-2 cell (documents by kind and year, or in force today; the
    entered figures for 许可、处罚、强制 and 收费)."""
    parts = address.split(".")
    if parts[0] != "active":
        return None
    kinds = {"rules": "rule", "normative_documents": "normative"}
    if len(parts) == 3 and parts[1] in kinds:
        query = {"kind": kinds[parts[1]]}
        if parts[2] == "in_force":
            query["validity"] = "in_force"
        elif parts[2] == "issued":
            query["year"] = str(year)
        else:
            query.update(validity="repealed", year=str(year))
        return f"{reverse('publications:library')}?{urlencode(query)}"
    return reverse("publications:statistics")


def appeals_link(address: str, agency: Agency, year: int) -> str | None:
    """The appeals worklist filtered to the cases a table-4 cell counts (``appeals.<group>.<column>``)."""
    table, _, rest = address.partition(".")
    group, _, column = rest.partition(".")
    if table != "appeals" or not column:
        return None
    query = {"agency": agency.code, "year": str(year), "group": group, "column": column}
    return f"{reverse('appeals:worklist')}?{urlencode(query)}"


def cell_links(report: AnnualReport, record_pk: int, year: int, agency: Agency) -> dict[str, str]:
    """Address → the staff page of the records behind it, for every figure of tables 2, 3 and 4."""
    links: dict[str, str] = {}
    for address in report.cells:
        if (found := appeals_link(address, agency, year)) is not None:
            links[address] = found
        elif address.startswith("requests."):
            links[address] = reverse("report_records:cell", args=[record_pk, address])
        elif (link := library_link(address, year)) is not None:
            links[address] = link
    return links
