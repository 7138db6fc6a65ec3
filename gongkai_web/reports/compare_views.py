"""Staff pages comparing an agency with its past years and its peers, with SVG charts and XLSX."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongkai_web.applications.access import staff_required

from .charts import Bar, bar_chart
from .compare import METRICS, Comparison, build_comparison, metric
from .compare_export import comparison_xlsx, source_label
from .rollup_access import report_year, visible_agency, visible_ids
from .rollup_views import picked_redirect, picker_context

#: Bars in the peers' chart: the largest, and the agency itself wherever it ranks (the table has all).
PEER_BARS = 25
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _comparison(request, code: str, year: int) -> Comparison:
    agency = visible_agency(request.user, code)
    return build_comparison(agency, report_year(year), visible=visible_ids(request.user))


@staff_required
@require_GET
def index(request):
    return picked_redirect(request, "compare:page")


def _charts(comparison: Comparison, chosen) -> tuple[str, str]:
    flagged_years = {o.year for o in comparison.outliers if o.metric.key == chosen.key and o.kind == "jump"}
    years = bar_chart(
        _("%(figure)s of %(agency)s, by year") % {"figure": chosen.label, "agency": comparison.agency.name},
        _("One bar per report year; a year without a report has no bar."),
        [
            Bar(line.label, line.values[chosen.key], flagged=line.year in flagged_years)
            for line in comparison.years
        ],
        missing=_("no figure"),
    )
    shown = sorted(
        (p for p in comparison.shown_peers if p.values[chosen.key] is not None),
        key=lambda p: (-(p.values[chosen.key] or 0), p.label),
    )
    top = shown[:PEER_BARS]
    top += [p for p in shown[PEER_BARS:] if p.is_self]
    peers = bar_chart(
        _("%(figure)s: %(agency)s and its peers, %(year)s")
        % {"figure": chosen.label, "agency": comparison.agency.name, "year": comparison.year},
        _("The %(n)s largest figures among agencies of the same level and kind; the agency itself is marked.")
        % {"n": len(top)},
        [Bar(p.label, p.values[chosen.key], highlighted=p.is_self) for p in top],
        missing=_("no figure"),
    )
    return years, peers


@staff_required
@require_GET
def page(request, code: str, year: int):
    comparison = _comparison(request, code, year)
    chosen = metric(request.GET.get("metric", ""))
    years_chart, peers_chart = _charts(comparison, chosen)
    flagged = {(o.metric.key, o.year) for o in comparison.outliers}
    return render(
        request,
        "reports/compare/page.html",
        {
            **picker_context(request, comparison.agency, comparison.year),
            "comparison": comparison,
            "metrics": METRICS,
            "chosen": chosen,
            "years_chart": years_chart,
            "peers_chart": peers_chart,
            "year_rows": [
                (m, [(line.values[m.key], (m.key, line.year) in flagged) for line in comparison.years])
                for m in METRICS
            ],
            "year_sources": [(line.label, source_label(line.sourced)) for line in comparison.years],
            "median": comparison.medians[chosen.key],
            "peer_rows": [(p, source_label(p.sourced), p.values[chosen.key]) for p in comparison.peers],
        },
    )


@staff_required
@require_GET
def export(request, code: str, year: int):
    comparison = _comparison(request, code, year)
    response = HttpResponse(comparison_xlsx(comparison), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="compare-{comparison.agency.code}-{year}.xlsx"'
    return response
