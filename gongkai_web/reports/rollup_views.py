"""Staff pages of the roll-up up the agency tree and of imported reports."""

from __future__ import annotations

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.errors import GongkaiError
from gongkai.report.render.html import html_table
from gongkai.report.render.layout import active_table, appeals_table, requests_table
from gongkai_web.agencies.models import Agency
from gongkai_web.applications.access import staff_required

from .access import report_agencies
from .build import scope_agencies
from .imported_models import ImportedReport
from .imported_queries import as_report, current_import, import_history
from .imported_services import import_report
from .rollup import build_rollup
from .rollup_access import (
    default_agency,
    default_year,
    default_year_of,
    may_import,
    report_year,
    rollup_scope,
    visible_agency,
)
from .sources import Source

YEARS_OFFERED = 8


def _tables(report) -> dict[str, str]:
    # Column widths from the stylesheet: the CSP allows no style= attributes.
    return {
        "active": mark_safe(html_table(active_table(report), inline_widths=False)),
        "requests": mark_safe(html_table(requests_table(report), inline_widths=False)),
        "appeals": mark_safe(html_table(appeals_table(report), inline_widths=False)),
    }


def picked_redirect(request, url_name: str):
    code = request.GET.get("agency") or default_agency(request.user).code
    year = request.GET.get("year", "")
    agency = visible_agency(request.user, code)
    scope = (
        scope_agencies(agency) if rollup_scope(request.user, agency) else Agency.objects.filter(pk=agency.pk)
    )
    chosen = report_year(int(year)) if year.isdigit() else default_year_of(scope)
    return redirect(url_name, agency.code, chosen)


def picker_context(request, agency, year: int) -> dict:
    return {
        "choices": [a for a, _subtree in report_agencies(request.user)],
        "years": range(default_year() + 1, default_year() - YEARS_OFFERED, -1),
        "agency": agency,
        "year": year,
    }


@staff_required
@require_GET
def index(request):
    return picked_redirect(request, "rollup:page")


@staff_required
@require_GET
def page(request, code: str, year: int):
    agency = visible_agency(request.user, code)
    rollup = build_rollup(agency, report_year(year), subtree=rollup_scope(request.user, agency))
    return render(
        request,
        "reports/rollup/page.html",
        {
            **picker_context(request, agency, year),
            "rollup": rollup,
            "tables": _tables(rollup.aggregation.report),
            "published": rollup.count(Source.PUBLISHED),
            "imported": rollup.count(Source.IMPORTED),
            "records": rollup.count(Source.RECORDS),
            "missing": rollup.missing_cells(),
            "sum_findings": [f for f in rollup.aggregation.findings if f.severity == "error"],
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def imported(request, code: str, year: int):
    agency = visible_agency(request.user, code)
    year = report_year(year)
    error, status = None, 200
    if request.method == "POST":
        if not may_import(request.user, agency):
            raise Http404
        upload = request.FILES.get("file")
        if upload is None:
            error, status = _("Choose the report file to upload."), 400
        else:
            try:
                import_report(agency, year, upload, actor=request.user)
            except GongkaiError as exc:
                error, status = str(exc), 400
            else:
                return redirect("rollup:imported", agency.code, year)
    current = current_import(agency, year)
    context = {
        **picker_context(request, agency, year),
        "current": current,
        "tables": _tables(as_report(current)) if current else None,
        "history": list(import_history(agency, year)),
        "may_import": may_import(request.user, agency),
        "error": error,
    }
    return render(request, "reports/rollup/imported.html", context, status=status)


@staff_required
@require_GET
def imported_file(request, code: str, year: int, pk: int):
    agency = visible_agency(request.user, code)
    found = get_object_or_404(ImportedReport, pk=pk, agency=agency, year=year)
    return FileResponse(found.file.open("rb"), as_attachment=True, filename=found.file_name)
