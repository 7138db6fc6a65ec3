"""Table 3 from records: the staff page and downloads in the core's formats."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongkai.report.render import FORMATS
from gongkai.report.render.html import html_table
from gongkai.report.render.layout import requests_table
from gongkai.report.render.table3 import render_table3
from gongkai.report.validate import validate
from gongkai_web.applications.access import staff_required

from .access import SCOPES, agency_for_report, report_agencies
from .table3 import build_table3, correction_counts, subtree_applications

CONTENT_TYPES = {
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
FIRST_YEAR = 2008  # the first 条例 took effect on 1 May 2008
TABLE3_IDENTITIES = ("I1", "I2", "I3", "I4")  # format §3.4; the others concern tables 2 and 4 or the prose


def _year(value: str | None) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(value) if value else this_year - 1
    except ValueError:
        raise Http404 from None
    if not FIRST_YEAR <= year <= this_year:
        raise Http404
    return year


def _report(request, scope: str, year: int, **lookup):
    agency = agency_for_report(request.user, scope, **lookup)
    if scope == "subtree":
        return agency, build_table3(
            subtree_applications(agency),
            year,
            agency_name=_("%(agency)s (with its subordinate agencies)") % {"agency": agency.name},
        )
    return agency, build_table3(agency, year)


def _corrections(agency, scope: str, year: int) -> dict[str, int]:
    return correction_counts(subtree_applications(agency) if scope == "subtree" else agency, year)


@staff_required
@require_GET
def table3(request):
    choices = report_agencies(request.user)
    if not choices:
        raise Http404
    pk = int(request.GET["agency"]) if request.GET.get("agency", "").isdigit() else choices[0][0].pk
    scope = request.GET.get("scope") or ("subtree" if choices[0][1] and pk == choices[0][0].pk else "agency")
    year = _year(request.GET.get("year"))
    agency, report = _report(request, scope, year, pk=pk)
    findings = [f for f in validate(report) if f.code in TABLE3_IDENTITIES]
    return render(
        request,
        "reports/table3.html",
        {
            "agency": agency,
            "scope": scope,
            "year": year,
            "report": report,
            "choices": choices,
            # Column widths from site.css: the page's CSP allows no style= attributes.
            "table": mark_safe(html_table(requests_table(report), inline_widths=False)),
            "findings": findings,
            "formats": list(FORMATS),
            "scopes": SCOPES,
            "corrections": _corrections(agency, scope, year),
            "years": range(timezone.localdate().year, FIRST_YEAR - 1, -1),
        },
    )


@staff_required
@require_GET
def table3_download(request, code: str, scope: str, year: int, fmt: str):
    if fmt not in FORMATS:
        raise Http404
    agency, report = _report(request, scope, _year(str(year)), code=code)
    # Table 3 alone (the report's other sections are not built from records): its title, the agency and
    # year, the table and the checks that concern it, as on the page.
    findings = [f for f in validate(report) if f.code in TABLE3_IDENTITIES]
    body = render_table3(report, fmt, findings=findings)
    response = HttpResponse(body, content_type=CONTENT_TYPES.get(fmt, "application/octet-stream"))
    response["Content-Disposition"] = f'attachment; filename="table3-{agency.code}-{scope}-{year}.{fmt}"'
    return response
