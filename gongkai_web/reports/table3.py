"""Table 3 of the annual report (收到和处理政府信息公开申请情况) counted from the application records.

Counting rules (annual-report format §3.3), for report year Y:

* ``new`` — legal receipt date (条例第三十一条, ``received_on``) in Y;
* ``carried_over`` — received before 1 January Y and not concluded before it;
* outcome rows and ``total`` — concluded in Y, one row per application from its outcome through the
  core's outcome table (``gongkai.outcomes``; withdrawals are stored as ``other`` → （六）3.其他);
* ``carried_forward`` — received by 31 December Y and not concluded by then.

The column is the applicant's report column fixed at filing; 总计 is the sum of the six columns.
An application never received (an online submission awaiting confirmation) is not yet counted.
Requests to correct a record (条例第四十一条, ``RequestKind.CORRECTION``) are not disclosure applications
and are not counted (legal-rules decision 14; docs/letters.md).

Two aggregate queries (conditional counts per column; counts per column and outcome), so the cost
does not grow with Python work per application and the result is the same on SQLite and PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext as _

from gongkai.labels import REPORT_TITLE
from gongkai.report.model import (  # noqa: F401  (FIRST_YEAR_OF_2021_FORMAT: kept importable from here)
    FIRST_YEAR_OF_2021_FORMAT,
    REQUEST_COLUMN_KEYS,
    AnnualReport,
    format_for_year,
    request_address,
    request_row_keys,
)
from gongkai_web.agencies.models import Agency
from gongkai_web.applications.models import Application, RequestKind

if TYPE_CHECKING:
    from typing_extensions import TypeIs  # typing.TypeIs is Python 3.13

APPLICANT_COLUMNS: tuple[str, ...] = REQUEST_COLUMN_KEYS[:-1]
TOTAL_COLUMN = REQUEST_COLUMN_KEYS[-1]


class Table3Error(ValueError):
    """A record that cannot be counted (an outcome the core does not know)."""


def report_row_of(outcome: str, fmt: str) -> str:
    """The table-3 row key of a platform outcome code, from the core's one outcome table."""
    from gongkai import outcomes

    try:
        return outcomes.row_key(outcome, fmt)
    except ValueError as exc:  # OutcomeError: a code the core does not know
        raise Table3Error(
            _("The outcome %(outcome)s fits no row of table 3 of the annual report.") % {"outcome": outcome}
        ) from exc


def applications_in(scope: Agency | QuerySet[Agency]) -> QuerySet[Application]:
    """An agency's own applications, or those of every agency in a queryset (e.g. a subtree)."""
    if isinstance(scope, Agency):
        return Application.objects.filter(agency=scope)
    return Application.objects.filter(agency__in=scope)


def _of_applications(
    scope: Agency | QuerySet[Agency] | QuerySet[Application],
) -> TypeIs[QuerySet[Application]]:
    return isinstance(scope, QuerySet) and scope.model is Application


def subtree_applications(agency: Agency) -> QuerySet[Application]:
    # The subtree's agency ids as a subquery, not a join on ``path LIKE``: SQLite cannot use an index
    # for LIKE and scanned every application joined to its agency (0.6 s for a district of 1,000,000
    # records, 0.03 s this way; PostgreSQL unchanged; bench/table3.py).
    return Application.objects.filter(
        agency__in=Agency.objects.filter(path__startswith=agency.path).values("id")
    )


def build_table3(
    scope: Agency | QuerySet[Agency] | QuerySet[Application], year: int, *, agency_name: str | None = None
) -> AnnualReport:
    """Table 3 for ``year`` over an agency, a queryset of agencies, or a queryset of applications."""
    apps = scope if _of_applications(scope) else applications_in(scope)
    apps = apps.filter(kind=RequestKind.DISCLOSURE)  # not 条例第四十一条 correction requests (decision 14)
    fmt = format_for_year(year)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for row in _stock_and_flow(apps, year):
        _add_stock(counts, row)
    for row in _concluded(apps, year):
        _add_concluded(counts, row, fmt)
    name = agency_name or (scope.name if isinstance(scope, Agency) else None)
    return _table3_report(counts, fmt, year, name)


def build_table3_by_agency(agencies: list[Agency], year: int) -> dict[int, AnnualReport]:
    """Table 3 of each agency alone (agency id → report), by the same counting rules in two grouped
    queries for all of them (the roll-up of a city builds hundreds)."""
    apps = applications_in(Agency.objects.filter(pk__in=[a.pk for a in agencies])).filter(
        kind=RequestKind.DISCLOSURE
    )
    fmt = format_for_year(year)
    counts: dict[int, dict[tuple[str, str], int]] = {a.pk: defaultdict(int) for a in agencies}
    for row in _stock_and_flow(apps, year, "agency_id"):
        _add_stock(counts[row["agency_id"]], row)
    for row in _concluded(apps, year, "agency_id"):
        _add_concluded(counts[row["agency_id"]], row, fmt)
    return {a.pk: _table3_report(counts[a.pk], fmt, year, a.name) for a in agencies}


def _add_stock(counts: dict[tuple[str, str], int], row) -> None:
    for key in ("new", "carried_over", "carried_forward"):
        counts[key, row["report_column"]] += row[key]


def _add_concluded(counts: dict[tuple[str, str], int], row, fmt: str) -> None:
    counts[report_row_of(row["outcome"], fmt), row["report_column"]] += row["n"]
    counts["total", row["report_column"]] += row["n"]


def _table3_report(counts: dict[tuple[str, str], int], fmt, year: int, name: str | None) -> AnnualReport:
    cells = {}
    for row_key in request_row_keys(fmt):
        values = [counts[row_key, column] for column in APPLICANT_COLUMNS]
        cells.update({request_address(row_key, c): v for c, v in zip(APPLICANT_COLUMNS, values, strict=True)})
        cells[request_address(row_key, TOTAL_COLUMN)] = sum(values)
    return AnnualReport(
        format=fmt,
        agency=name,
        year=year,
        cells=cells,
        title=_("%(title)s (table 3, counted from the case records)")
        % {"title": REPORT_TITLE.format(agency=name or "", year=year)},
    )


def _stock_and_flow(apps: QuerySet[Application], year: int, *by: str):
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    open_on_start = Q(concluded_on__isnull=True) | Q(concluded_on__gte=start)
    open_after_end = Q(concluded_on__isnull=True) | Q(concluded_on__gt=end)
    return (
        apps.filter(received_on__lte=end)
        .filter(Q(received_on__gte=start) | open_on_start)
        .order_by()
        .values("report_column", *by)
        .annotate(
            new=Count("received_on", filter=Q(received_on__gte=start)),
            carried_over=Count("received_on", filter=Q(received_on__lt=start) & open_on_start),
            carried_forward=Count("received_on", filter=open_after_end),
        )
    )


def _concluded(apps: QuerySet[Application], year: int, *by: str):
    return (
        apps.filter(concluded_on__year=year, received_on__isnull=False)
        .order_by()
        .values("report_column", "outcome", *by)
        .annotate(n=Count("*"))
    )


def correction_counts(scope: Agency | QuerySet[Agency] | QuerySet[Application], year: int) -> dict[str, int]:
    """条例第四十一条 correction requests, reported beside table 3 and not in it (legal-rules decision 14):
    how many were received and how many concluded in ``year``."""
    apps = scope if _of_applications(scope) else applications_in(scope)
    corrections = apps.filter(kind=RequestKind.CORRECTION)
    return {
        "received": corrections.filter(received_on__year=year).count(),
        "concluded": corrections.filter(concluded_on__year=year, received_on__isnull=False).count(),
    }
