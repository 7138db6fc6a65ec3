"""Reads of the 复议 and 诉讼 cases: the staff's cases and worklist (what is due, overdue or due soon), table 4
and the rates of an agency subtree and year (counted by the core, ``gongkai.appeals.table4``), and the mapping
table as an office sees it.

For the annual report: ``table4_cells(agencies, year)`` gives the 15 cells (report addresses
``appeals.<group>.<column>``); ``rates_for(agencies, year)`` the two rates and ``rate_changes(agencies, year)``
their change from the year before, in percentage points."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db.models import Case as SqlCase
from django.db.models import CharField, Count, Max, Min, Q, QuerySet, Value, When

from gongkai.appeals import dispositions
from gongkai.appeals.table4 import (
    CO_DEFENDANT,
    GROUP_OF,
    LITIGATION,
    CaseRecord,
    Rates,
    change_pp,
    rates,
    table4_counts,
)
from gongkai.identifiers import mask_name
from gongkai.report.default_year import default_report_year
from gongkai.report.model import APPEAL_COLUMN_KEYS, APPEAL_GROUP_KEYS, appeal_address
from gongkai_web.accounts.access import can_unmask, visible_agencies
from gongkai_web.agencies.models import Agency

from .models import AppealCase, FollowUp, Status

#: A due date this many calendar days ahead or fewer is "due soon" on the worklist.
DUE_SOON_DAYS = 5


def staff_cases(user) -> QuerySet[AppealCase]:
    return AppealCase.objects.filter(agency__in=visible_agencies(user)).select_related(
        "agency", "contested_letter"
    )


def shown_appellant(user, case: AppealCase) -> str:
    """The applicant's or plaintiff's name, masked for a supervising office (it reads, it does not act)."""
    return case.appellant if can_unmask(user, case.agency) else mask_name(case.appellant)


@dataclass(frozen=True, slots=True)
class Due:
    what: str  # "reply" or a follow-up kind
    on: dt.date
    state: str  # overdue / soon / later


def due_state(on: dt.date, today: dt.date) -> str:
    if on < today:
        return "overdue"
    return "soon" if (on - today).days <= DUE_SOON_DAYS else "later"


def next_due(case: AppealCase, today: dt.date, follow_ups: list[FollowUp]) -> Due | None:
    """The nearest open due date of the case: its reply, or an open follow-up."""
    dates = [("reply", case.reply_due)] if case.status == Status.AWAITING_REPLY else []
    dates += [(f.kind, f.due_on) for f in follow_ups if f.done_on is None]
    if not dates:
        return None
    what, on = min(dates, key=lambda item: item[1])
    return Due(what, on, due_state(on, today))


def worklist(
    user, today: dt.date, *, only_open: bool = False, limit: int | None = 500, cases=None
) -> list[tuple[AppealCase, Due | None]]:
    """The user's cases (or ``cases``, e.g. a cell's) with their nearest due date: open ones first."""
    chosen = staff_cases(user) if cases is None else cases
    cases = list(chosen.prefetch_related("follow_ups")[:limit])
    rows = [(case, next_due(case, today, list(case.follow_ups.all()))) for case in cases]
    if only_open:
        rows = [row for row in rows if row[1] is not None]
    return sorted(rows, key=lambda row: (row[1] is None, row[1].on if row[1] else dt.date.max, -row[0].pk))


def due_for_reminder(today: dt.date) -> list[tuple[AppealCase, Due]]:
    """Every open due date of every case that is overdue or due soon on ``today`` (the reply or defence
    while awaited, each open follow-up), with its case: for ``send_appeal_reminders``. By agency, date."""
    soon = today + dt.timedelta(days=DUE_SOON_DAYS)
    awaited = Q(status=Status.AWAITING_REPLY, reply_due__lte=soon)
    follow_up = Q(follow_ups__done_on__isnull=True, follow_ups__due_on__lte=soon)
    cases = AppealCase.objects.filter(awaited | follow_up).distinct().select_related("agency")
    rows = []
    for case in cases.prefetch_related("follow_ups"):
        dates = [("reply", case.reply_due)] if case.status == Status.AWAITING_REPLY else []
        dates += [(f.kind, f.due_on) for f in case.follow_ups.all() if f.done_on is None]
        rows += [(case, Due(what, on, due_state(on, today))) for what, on in dates if on <= soon]
    return sorted(rows, key=lambda row: (row[0].agency.path, row[1].on, row[0].pk))


def subtree(agency: Agency | None) -> QuerySet[Agency]:
    if agency is None:
        return Agency.objects.all()
    return Agency.objects.filter(path__startswith=agency.path)


def cell_cases(user, agency: Agency | None, year: int, group: str, column: str) -> QuerySet[AppealCase]:
    """The cases of the user's that table 4 counts in the cell ``group`` × ``column`` of ``agency``'s subtree
    and ``year``: received in the year, not a co-defendant's record, in the column of its disposition as of
    31 December (``gongkai.appeals.table4``)."""
    kind, route = next(key for key, found in GROUP_OF.items() if found == group)
    cases = staff_cases(user).filter(agency__in=subtree(agency), received_on__year=year, kind=kind)
    cases = cases.exclude(role=CO_DEFENDANT)
    if kind == LITIGATION:
        cases = cases.filter(route=route)
    if column == "total":
        return cases
    year_end = dt.date(year, 12, 31)
    rows = cases.order_by().values_list("pk", "kind", "disposition", "decided_on")
    pks = [
        pk for pk, k, d, dec in rows if dispositions.column_for(k, d or None, dec, as_of=year_end) == column
    ]
    return cases.filter(pk__in=pks)


def case_records(agencies: QuerySet[Agency], year: int) -> list[CaseRecord]:
    # No ordering: the model's (-received_on, -id) sorted every row for a count (bench/report_build.py).
    rows = (
        AppealCase.objects.filter(agency__in=agencies, received_on__year=year)
        .order_by()
        .values_list("kind", "route", "received_on", "disposition", "decided_on", "role")
    )
    return [CaseRecord(k, r, rec, d or None, dec, role) for k, r, rec, d, dec, role in rows]


def table4_cells_by_agency(agencies: list[Agency], year: int) -> dict[int, dict[str, int]]:
    """Table 4 of each of ``agencies`` on its own (not its subtree) for ``year``: one grouped query with the
    agency in the GROUP BY (``_grouped_rows``); with ``GONGKAI_FAST_PATHS=0`` every record counted by the
    core (``plain_table4_cells_by_agency``)."""
    if not settings.GONGKAI_FAST_PATHS:
        return plain_table4_cells_by_agency(agencies, year)
    cells = {agency.pk: _empty_cells() for agency in agencies}
    year_end = dt.date(year, 12, 31)
    for row in _grouped_rows(AppealCase.objects.filter(agency__in=agencies), year, "agency_id"):
        _count_row(cells[row["agency_id"]], row, year_end)
    return cells


def plain_table4_cells_by_agency(agencies: list[Agency], year: int) -> dict[int, dict[str, int]]:
    """``table4_cells_by_agency`` through the records: every case of the year loaded, each agency's counted
    by the core (``table4_counts``)."""
    rows = (
        AppealCase.objects.filter(agency__in=agencies, received_on__year=year)
        .order_by()
        .values_list("agency_id", "kind", "route", "received_on", "disposition", "decided_on", "role")
    )
    records: dict[int, list[CaseRecord]] = {agency.pk: [] for agency in agencies}
    for agency_id, k, r, rec, d, dec, role in rows:
        records[agency_id].append(CaseRecord(k, r, rec, d or None, dec, role))
    return {pk: table4_counts(found, year) for pk, found in records.items()}


def table4_cells(agencies: QuerySet[Agency], year: int) -> dict[str, int]:
    """Table 4 of ``agencies`` (e.g. a subtree) for ``year``, from the case records: one grouped query
    (``grouped_table4_cells``); with ``GONGKAI_FAST_PATHS=0`` every record counted by the core."""
    if settings.GONGKAI_FAST_PATHS:
        return grouped_table4_cells(agencies, year)
    return table4_counts(case_records(agencies, year), year)


#: The key of the cases that had no decision by 31 December (尚未审结) in ``grouped_table4_cells``.
_UNDECIDED = "-"


def grouped_table4_cells(agencies: QuerySet[Agency], year: int) -> dict[str, int]:
    """Table 4 counted in the database: the year's counted cases grouped by kind, route, disposition and
    the version of the mapping in force on the decision day (the core's versions, as a CASE), and each
    group's column read from the core's table (``column_for`` on the group's earliest decision day:
    a decision before the first version is refused as the plain path refuses it). The co-defendant
    rule and 尚未审结 as the core states them (``gongkai.appeals.table4``). 50,000 cases: 1.0 s through
    the records on a loaded machine, a few groups this way (bench/report_build.py)."""
    cells = _empty_cells()
    year_end = dt.date(year, 12, 31)
    for row in _grouped_rows(AppealCase.objects.filter(agency__in=agencies), year):
        _count_row(cells, row, year_end)
    return cells


def _empty_cells() -> dict[str, int]:
    return {appeal_address(g, c): 0 for g in APPEAL_GROUP_KEYS for c in APPEAL_COLUMN_KEYS}


def _grouped_rows(cases: QuerySet[AppealCase], year: int, *by: str):
    """The counted cases of ``year`` among ``cases`` grouped by ``by`` (e.g. the agency), kind, route,
    disposition and mapping version (``_UNDECIDED`` when there was no decision by 31 December): each
    row with its count ``n`` and earliest decision day ``first``."""
    year_end = dt.date(year, 12, 31)
    undecided = Q(decided_on__isnull=True) | Q(decided_on__gt=year_end) | Q(disposition="")
    newest_first = sorted(dispositions.versions(), key=lambda v: v.effective_from, reverse=True)
    version = SqlCase(
        When(undecided, then=Value(_UNDECIDED)),
        *(When(decided_on__gte=v.effective_from, then=Value(v.version)) for v in newest_first),
        default=Value(""),
        output_field=CharField(),
    )
    return (
        cases.filter(received_on__year=year)
        .exclude(role=CO_DEFENDANT)
        .order_by()
        .annotate(version_key=version)
        .values(*by, "kind", "route", "disposition", "version_key")
        .annotate(n=Count("id"), first=Min("decided_on"))
    )


def _count_row(cells: dict[str, int], row: dict, year_end: dt.date) -> None:
    group = GROUP_OF[(row["kind"], row["route"] if row["kind"] == "litigation" else "")]
    if row["version_key"] == _UNDECIDED:
        column = dispositions.PENDING
    else:
        column = dispositions.column_for(row["kind"], row["disposition"], row["first"], as_of=year_end)
    cells[appeal_address(group, column)] += row["n"]
    cells[appeal_address(group, "total")] += row["n"]


def rates_for(agencies: QuerySet[Agency], year: int) -> Rates:
    return rates(table4_cells(agencies, year))


def rate_changes(agencies: QuerySet[Agency], year: int) -> dict[str, Decimal | None]:
    """Each rate's change from ``year - 1`` in percentage points (None where a year has no rate)."""
    now, before = rates_for(agencies, year), rates_for(agencies, year - 1)
    return {
        "review_correction": change_pp(now.review_correction, before.review_correction),
        "litigation_loss": change_pp(now.litigation_loss, before.litigation_loss),
    }


def default_year(agencies: QuerySet[Agency], today: dt.date) -> int:
    """The year table 4 opens on: last year, or the latest earlier year with cases (``default_report_year``)."""
    last_year_end = dt.date(today.year - 1, 12, 31)
    latest = AppealCase.objects.filter(agency__in=agencies, received_on__lte=last_year_end).aggregate(
        latest=Max("received_on")
    )["latest"]
    return default_report_year(today, latest.year if latest else None)


def has_cases(agencies: QuerySet[Agency], year: int) -> bool:
    return AppealCase.objects.filter(agency__in=agencies, received_on__year=year).exists()


def mapping_versions() -> tuple[dispositions.MappingVersion, ...]:
    """The versions of the disposition table, newest first."""
    return tuple(reversed(dispositions.versions()))
