"""The record-measured indicators, each counted through the owning domain's queries: the on-time reply
rate (applications replied in the year, concluded by their deadline), the catalogue's on-time share on
the day of evaluation, the interpretation coverage of the year's 规章 and 规范性文件, and the previous year's annual report
published on time and passing its identities (through the reports app's queries)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai import evaluation as core
from gongkai_web.applications import queries as application_queries
from gongkai_web.publications import catalogue_queries, interpretation_queries
from gongkai_web.reports import queries as report_queries


def measure(source: str, agency, year: int, as_of: dt.date) -> tuple[int, int] | None:
    """(met, of) for ``source`` on ``agency``; None when there is nothing to measure."""
    if source == core.ON_TIME_REPLY:
        replied = application_queries.closed(application_queries.of_agencies([agency])).filter(
            concluded_on__year=year, concluded_on__isnull=False
        )
        return core.on_time_count(replied.values_list("concluded_on", "due_on"))  # type: ignore[arg-type]
    if source == core.CATALOGUE_COVERAGE:
        rows = catalogue_queries.item_rows(catalogue_queries.catalogue_items([agency]), as_of)
        return (sum(1 for r in rows if r.state != "overdue"), len(rows)) if rows else None
    if source == core.INTERPRETATION_COVERAGE:
        ratios = interpretation_queries.ratios_by_agency([agency], year, as_of=as_of).get(agency.pk)
        return (ratios.covered, ratios.needing) if ratios is not None and ratios.needing else None
    if source == core.REPORT_ON_TIME:
        return _report_on_time(agency, year, as_of)
    raise ValueError(f"unknown source {source!r}")


def _report_on_time(agency, year: int, as_of: dt.date) -> tuple[int, int] | None:
    """The report for the year before ``year`` (条例第五十条): its first version's day of publication
    and whether its latest version was published past failed identities (a bypass reason recorded).
    Versions published after the day of evaluation are not known yet."""
    versions = [
        v
        for v in report_queries.published_versions(agency).filter(record__year=year - 1)
        if timezone.localdate(v.published_at) <= as_of
    ]
    if not versions:
        return core.report_on_time(None, False, year=year, as_of=as_of)
    first = min(versions, key=lambda v: v.number)
    latest = max(versions, key=lambda v: v.number)
    return core.report_on_time(
        timezone.localdate(first.published_at), bool(latest.bypass_reason), year=year, as_of=as_of
    )
