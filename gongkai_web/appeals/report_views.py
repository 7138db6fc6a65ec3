"""Table 4 of an agency subtree and year, with the two rates and their change from the year before, and the
mapping table (disposition → column, each version with its effective date) that the counts use."""

from __future__ import annotations

from decimal import Decimal

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from gongkai import labels
from gongkai.appeals.table4 import RATE_NAMES, describe_change, percent
from gongkai.report.model import APPEAL_COLUMN_KEYS, APPEAL_GROUP_KEYS, appeal_address
from gongkai_web.accounts.access import visible_agencies
from gongkai_web.applications.access import staff_required

from . import forms, queries


def _rows(cells: dict[str, int]) -> list[tuple[str, list[int]]]:
    return [
        (labels.APPEAL_GROUPS[g], [cells[appeal_address(g, c)] for c in APPEAL_COLUMN_KEYS])
        for g in APPEAL_GROUP_KEYS
    ]


def _change(name: str, pp: Decimal | None) -> str:
    return describe_change(name, pp) if pp is not None else ""


@staff_required
@require_GET
def table4(request):
    agencies = visible_agencies(request.user).order_by("path")
    default = queries.default_year(agencies, timezone.localdate())
    data = dict(request.GET.items()) if request.GET else {"year": str(default)}
    form = forms.Table4Form(data, agencies=agencies)
    context: dict = {"form": form, "columns": list(labels.APPEAL_COLUMNS.values())}
    if form.is_valid():
        chosen, year = form.cleaned_data["agency"], form.cleaned_data["year"]
        # Only what the user may read is counted: the chosen agency's subtree within the visible agencies.
        scope = queries.subtree(chosen).filter(pk__in=agencies.values("pk"))
        cells = queries.table4_cells(scope, year)
        found, changes = queries.rates_for(scope, year), queries.rate_changes(scope, year)
        context.update(
            chosen=chosen,
            year=year,
            rows=_rows(cells),
            rates=[
                (RATE_NAMES[key], percent(getattr(found, key)), _change(RATE_NAMES[key], changes[key]))
                for key in RATE_NAMES
            ],
        )
    return render(request, "appeals/table4.html", context, status=200 if form.is_valid() else 400)


@staff_required
@require_GET
def mapping(request):
    return render(
        request,
        "appeals/mapping.html",
        {"versions": queries.mapping_versions(), "kinds": labels.APPEAL_KINDS, "today": timezone.localdate()},
    )
