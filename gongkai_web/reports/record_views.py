"""Staff pages of the annual report records: the list by year (and drafting a new one), a record's page
(state, figures linked to their records, findings, narrative editor, versions and their diffs), its
steps, and the applications behind a table-3 figure."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gongkai import outcomes
from gongkai.errors import GongkaiError
from gongkai.report.identities import cell_label
from gongkai_web.accounts.access import visible_agencies
from gongkai_web.applications.access import staff_required

from . import services
from .cell_records import cell_applications
from .draft_files import DRAFT_FILES, draft_file
from .models import ReportRecord
from .record_access import (
    DRAFTING_ROLES,
    may_approve,
    may_draft,
    record_for,
    record_to_draft,
    visible_records,
)
from .record_forms import CorrectForm, DraftForm, NarrativeForm, PublishForm
from .record_page import record_context
from .rollup_access import default_year_of


def _drafting_agencies(user):
    agencies = visible_agencies(user).order_by("path")
    if user.is_superuser:
        return agencies
    return agencies.filter(memberships__user=user, memberships__role__in=DRAFTING_ROLES).distinct()


@staff_required
@require_GET
def record_list(request):
    records = visible_records(request.user).order_by("-year", "agency__path")
    years: dict[int, list[ReportRecord]] = {}
    for record in records[:1000]:
        years.setdefault(record.year, []).append(record)
    agencies = _drafting_agencies(request.user)
    form = (
        DraftForm(agencies=agencies, initial={"year": default_year_of(agencies)})
        if agencies.exists()
        else None
    )
    return render(
        request, "reports/records.html", {"years": sorted(years.items(), reverse=True), "form": form}
    )


@staff_required
@require_POST
def draft(request):
    agencies = _drafting_agencies(request.user)
    if not agencies.exists():
        raise Http404
    form = DraftForm(request.POST, agencies=agencies)
    if not form.is_valid():
        return HttpResponseBadRequest(_("Choose an agency and a year."))
    try:
        record = services.draft_report(
            form.cleaned_data["agency"], form.cleaned_data["year"], actor=request.user
        )
    except GongkaiError as exc:
        messages.error(request, exc.message)
        return redirect("report_records:list")
    messages.success(request, _("The report was drafted from the records."))
    return redirect("report_records:detail", record.pk)


@staff_required
@require_GET
def detail(request, pk: int):
    record = record_for(request.user, pk)
    return render(request, "reports/record.html", record_context(request, record))


@staff_required
@require_POST
def narrative(request, pk: int):
    record = record_to_draft(request.user, pk)
    form = NarrativeForm(request.POST)
    if form.is_valid():
        try:
            services.revise_narrative(record, actor=request.user, **form.cleaned_data)
        except GongkaiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The narrative was saved; validate the report again."))
    return redirect("report_records:detail", record.pk)


STEPS = {
    "redraft": lambda r, u, d: services.draft_report(r.agency, r.year, actor=u),
    "validate": lambda r, u, d: services.validate_report(r, actor=u),
    "submit": lambda r, u, d: services.submit_for_review(r, actor=u),
    "return": lambda r, u, d: services.return_for_revision(r, actor=u),
    "publish": lambda r, u, d: services.approve_and_publish(
        r, actor=u, bypass_reason=d.get("bypass_reason", "")
    ),
    "correct": lambda r, u, d: services.correct_report(
        r, actor=u, reason=d.get("reason", ""), bypass_reason=d.get("bypass_reason", "")
    ),
}
APPROVER_STEPS = ("return", "publish", "correct")


@staff_required
@require_POST
def step(request, pk: int, name: str):
    record = record_for(request.user, pk)
    allowed = may_approve if name in APPROVER_STEPS else may_draft
    if name not in STEPS or not allowed(request.user, record.agency):
        raise Http404
    form = (CorrectForm if name == "correct" else PublishForm)(request.POST)
    form.is_valid()  # free text only: the service judges what is missing
    try:
        STEPS[name](record, request.user, {**form.cleaned_data, "reason": request.POST.get("reason", "")})
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("Done."))
    return redirect("report_records:detail", record.pk)


@staff_required
@require_GET
def draft_download(request, pk: int, fmt: str):
    """The working copy as PDF or DOCX, marked as a draft: for whoever may read the record."""
    record = record_for(request.user, pk)
    if fmt not in DRAFT_FILES:
        raise Http404
    response = HttpResponse(draft_file(record, fmt), content_type=DRAFT_FILES[fmt])
    name = f"report-{record.agency.code}-{record.year}-draft.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "private, no-store"  # a working copy changes; never kept by a proxy
    return response


@staff_required
@require_GET
def cell(request, pk: int, address: str):
    """The applications counted in one figure of table 3, each linked to its record page."""
    record = record_for(request.user, pk)
    apps = cell_applications(record.agency, record.year, address)
    if apps is None:
        raise Http404
    # Only the records the user may open are listed; the count is the figure's.
    shown = apps.filter(agency__in=visible_agencies(request.user))
    page = Paginator(shown.select_related("agency").order_by("received_on", "id"), 100).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "reports/cell.html",
        {
            "record": record,
            "label": cell_label(address),
            "page": page,
            "rows": [(a, outcomes.label(a.outcome) if a.outcome else "") for a in page],
            "count": apps.count(),
        },
    )


__all__ = ["CorrectForm", "NarrativeForm", "PublishForm"]
