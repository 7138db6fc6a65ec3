"""Reads of the report records: the published versions (for the public column and for roll-ups), the
records a user may see, and a record's versions. No writes here (services.py)."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.report.model import AnnualReport
from gongkai.report.render.json import report_from_dict
from gongkai_web.agencies.models import Agency

from .models import ReportState, ReportVersion

PUBLISHED_STATES = (ReportState.PUBLISHED, ReportState.CORRECTED)


def latest_version(agency: Agency, year: int) -> ReportVersion | None:
    """The latest published version of ``agency``'s report for ``year`` (a correction if there is one)."""
    return (
        ReportVersion.objects.filter(record__agency=agency, record__year=year)
        .select_related("record", "record__agency")
        .order_by("-number")
        .first()
    )


def published_report(agency: Agency, year: int) -> AnnualReport | None:
    """The core's report of the latest published version of ``agency``'s report for ``year``; ``None``
    when none has been published (a draft is never returned)."""
    version = latest_version(agency, year)
    return version_report(version) if version is not None else None


def version_report(version: ReportVersion) -> AnnualReport:
    return report_from_dict(version.data)


def published_versions(agency: Agency) -> QuerySet[ReportVersion]:
    """Every published version of the agency's reports, newest year first, versions in order."""
    return (
        ReportVersion.objects.filter(record__agency=agency)
        .select_related("record")
        .order_by("-record__year", "-number")
    )


def public_version(agency: Agency, year: int, number: int) -> ReportVersion | None:
    return published_versions(agency).filter(record__year=year, number=number).first()


def published_reports(agencies, year: int) -> dict[int, AnnualReport]:
    """Agency id → the core report of its latest published version for ``year``, for many agencies in
    one query (a roll-up over a subtree); agencies without a published report are absent."""
    latest: dict[int, ReportVersion] = {}
    for version in (
        ReportVersion.objects.filter(record__agency__in=agencies, record__year=year)
        .select_related("record")
        .order_by("record__agency_id", "number")
    ):
        latest[version.record.agency_id] = version  # the highest number wins
    return {agency_id: version_report(v) for agency_id, v in latest.items()}
