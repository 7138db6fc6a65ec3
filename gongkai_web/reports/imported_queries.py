"""Reads of the imported reports: the current import of an agency and year, its history, in bulk."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import QuerySet

from gongkai.report.model import AnnualReport
from gongkai.report.render.json import report_from_dict
from gongkai_web.agencies.models import Agency

from .imported_models import ImportedReport


def current_import(agency: Agency, year: int) -> ImportedReport | None:
    return ImportedReport.objects.filter(agency=agency, year=year, replaced_at=None).first()


def import_history(agency: Agency, year: int) -> QuerySet[ImportedReport]:
    """Every upload for the agency and year, the current one first."""
    return ImportedReport.objects.filter(agency=agency, year=year).select_related("uploaded_by")


def current_imports(agency_ids: Iterable[int], years: Iterable[int]) -> dict[tuple[int, int], ImportedReport]:
    """(agency id, year) → the current import, for many agencies and years in one query."""
    found = ImportedReport.objects.filter(
        agency_id__in=list(agency_ids), year__in=list(years), replaced_at=None
    ).defer("findings", "unreadable")
    return {(i.agency_id, i.year): i for i in found}


def as_report(imported: ImportedReport) -> AnnualReport:
    """The stored reading as the core's report."""
    return report_from_dict(imported.report)
