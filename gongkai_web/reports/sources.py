"""Where an agency's annual report for a year comes from, in one order (issue 16, roll-up):

1. its **published** version on the platform (the report workflow: ``queries.published_report``),
2. else the report it **imported** (published elsewhere, uploaded here),
3. else the report **built from its records** (applications, documents, entered figures).

Only the first two are the agency's published figures; the third is what the platform counts.
The built report is the agency's own (not its subtree's): a roll-up adds the subtree up itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from enum import StrEnum

from django.db.models import QuerySet

from gongkai.labels import REPORT_TITLE
from gongkai.report.model import AnnualReport, format_for_year
from gongkai_web.agencies.models import Agency
from gongkai_web.appeals.queries import table4_cells_by_agency

from .build import table2_cells_by_agency
from .imported_models import ImportedReport
from .imported_queries import as_report, current_imports
from .queries import published_reports
from .table3 import build_table3_by_agency


class Source(StrEnum):
    PUBLISHED = "published"
    IMPORTED = "imported"
    RECORDS = "records"


#: Sources whose figures the agency itself published (open to anyone; 条例第四十九条).
PUBLISHED_SOURCES = (Source.PUBLISHED, Source.IMPORTED)


@dataclass(frozen=True, slots=True)
class SourcedReport:
    agency: Agency
    year: int
    source: Source
    report: AnnualReport
    imported: ImportedReport | None = None

    @property
    def is_published(self) -> bool:
        return self.source in PUBLISHED_SOURCES


def own_records_report(agency: Agency, year: int, *, table2: bool = True) -> AnnualReport:
    """The report built from the agency's own records only (``build.build_report`` takes the subtree);
    ``table2=False`` leaves table 2 missing (the cross-year check needs table 3 alone)."""
    return _records_reports([agency], year, table2=table2)[agency.pk]


def _records_reports(agencies: list[Agency], year: int, *, table2: bool) -> dict[int, AnnualReport]:
    tables3 = build_table3_by_agency(agencies, year) if agencies else {}
    tables4 = table4_cells_by_agency(agencies, year) if agencies else {}
    # The 2019 trial table 2 counted other things (§8.1): only the 2021 format's is built.
    tables2 = (
        table2_cells_by_agency(agencies, year)
        if table2 and agencies and format_for_year(year) == "2021"
        else {}
    )
    reports = {}
    for agency in agencies:
        report = replace(tables3[agency.pk], title=REPORT_TITLE.format(agency=agency.name, year=year))
        report = report.with_cells(tables4[agency.pk])
        if agency.pk in tables2:
            report = report.with_cells(tables2[agency.pk])
        reports[agency.pk] = report
    return reports


def sourced_reports(
    agencies: Sequence[Agency] | QuerySet[Agency],
    years: Sequence[int],
    *,
    published_only: bool = False,
    table2: bool = True,
    as_parts: bool = False,
) -> dict[tuple[int, int], SourcedReport]:
    """(agency id, year) → the agency's report by the source order; with ``published_only`` an agency
    that has published nothing for a year is left out instead of being built from records (and with
    ``table2=False`` a report built from records has table 3 only).

    ``as_parts``: the reports are parts of a sum (a roll-up). A report published on the platform covers
    the agency's whole subtree (``build.build_report``: a government's report is its area's summary,
    as the seed's 全市 report), so for an agency with agencies under it that report is not a part —
    its own records are, and its children are summed beside it."""
    agencies = list(agencies)
    imports = current_imports((a.pk for a in agencies), years)
    with_children = _with_children(agencies) if as_parts else set()
    found: dict[tuple[int, int], SourcedReport] = {}
    for year in years:
        published = {
            pk: report for pk, report in published_reports(agencies, year).items() if pk not in with_children
        }
        unpublished = []
        for agency in agencies:
            sourced = _published_or_imported(
                agency, year, published.get(agency.pk), imports.get((agency.pk, year))
            )
            if sourced is not None:
                found[(agency.pk, year)] = sourced
            else:
                unpublished.append(agency)
        if published_only:
            continue
        built = _records_reports(unpublished, year, table2=table2)
        for agency in unpublished:
            found[(agency.pk, year)] = SourcedReport(agency, year, Source.RECORDS, built[agency.pk])
    return found


def _with_children(agencies: list[Agency]) -> set[int]:
    ids = [a.pk for a in agencies]
    return set(Agency.objects.filter(parent_id__in=ids).values_list("parent_id", flat=True).distinct())


def sourced_report(agency: Agency, year: int, *, published_only: bool = False) -> SourcedReport | None:
    return sourced_reports([agency], [year], published_only=published_only).get((agency.pk, year))


def _published_or_imported(
    agency: Agency,
    year: int,
    report: AnnualReport | None,
    imported: ImportedReport | None,
) -> SourcedReport | None:
    if report is not None:
        return SourcedReport(agency, year, Source.PUBLISHED, _named(report, agency, year))
    if imported is not None:
        return SourcedReport(
            agency, year, Source.IMPORTED, _named(as_report(imported), agency, year), imported
        )
    return None


def _named(report: AnnualReport, agency: Agency, year: int) -> AnnualReport:
    # The platform's agency and year: a file may name the agency differently (简称, old name).
    return replace(report, agency=agency.name, year=year)


def has_figures(sourced: SourcedReport) -> bool:
    """A published or imported report always; one built from records only when some application was
    open or received in the year (years before the platform held records build zeros, not a report)."""
    if sourced.source != Source.RECORDS:
        return True
    report = sourced.report
    return any(any(report.request_row(row)) for row in ("new", "carried_over", "carried_forward"))
