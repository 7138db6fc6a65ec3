"""The staff pages of 复议 and 诉讼 cases (``/staff/appeals/``): the worklist with due dates, a new case, a
case's page (its dates, its timeline, the forms of its next steps) and the steps. Table 4 and the mapping
table are ``report_views``, the filings ``letters``. Access: ``access``."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.appeals import clocks
from gongkai.errors import GongkaiError
from gongkai.labels import APPEAL_COLUMNS, APPEAL_GROUPS, DISPOSITIONS
from gongkai_web.accounts.access import can_handle, working_agencies
from gongkai_web.applications.access import staff_required
from gongkai_web.applications.services.delivery import served_decision
from gongkai_web.audit.services import entries_for

from . import forms, queries, services
from .access import case_for_staff, case_to_handle
from .models import FollowUp, Kind, Status


@staff_required
@require_GET
def worklist(request):
    only_open = request.GET.get("open") == "1"
    cell_form, cell, cases, cell_query = None, None, None, ""
    if any(key in request.GET for key in forms.CellForm.KEYS):
        cell_form = forms.CellForm(request.GET)
        if not cell_form.is_valid():
            return render(request, "appeals/worklist.html", {"cell_form": cell_form}, status=400)
        data = cell_form.cleaned_data
        cases = queries.cell_cases(request.user, data["agency"], data["year"], data["group"], data["column"])
        cell = _cell_heading(data, cases.count())
        # The filter kept by the page's own links (due only / all): dropped only by the link that says so.
        cell_query = urlencode({key: request.GET[key] for key in forms.CellForm.KEYS if key in request.GET})
    rows = queries.worklist(
        request.user, timezone.localdate(), only_open=only_open, cases=cases, limit=None if cell else 500
    )
    return render(
        request,
        "appeals/worklist.html",
        {
            "rows": [(case, due, queries.shown_appellant(request.user, case)) for case, due in rows],
            "only_open": only_open,
            "cell": cell,
            "cell_query": cell_query,
            "can_create": working_agencies(request.user).exists(),
        },
    )


def _cell_heading(data, count: int) -> str:
    """As staff read the figure: “2023年 · 行政复议 · 结果纠正：94件” (with the agency when one is named)."""
    heading = _("%(year)s · %(group)s · %(column)s: %(count)s") % {
        "year": data["year"],
        "group": APPEAL_GROUPS[data["group"]],
        "column": APPEAL_COLUMNS[data["column"]],
        "count": count,
    }
    return f"{data['agency'].name} · {heading}" if data["agency"] else heading


@staff_required
@require_http_methods(["GET", "POST"])
def new(request):
    agencies = working_agencies(request.user)
    if not agencies.exists():  # a supervising office reads; it does not register cases
        raise Http404
    posted = request.method == "POST"
    form = forms.RegisterForm(
        request.POST if posted else None, agencies=agencies, initial={"agency": agencies.first()}
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            case = services.register_appeal(
                data["agency"],
                kind=data["kind"],
                route=data["route"] if data["kind"] == Kind.LITIGATION else "",
                role=data["role"],
                simplified=data["simplified"],
                body=data["body"],
                case_number=data["case_number"],
                appellant=data["appellant"],
                act=data["act"],
                received_on=data["received_on"],
                applications=data["applications"],
                contested_letter=_decision_letter(data["applications"]),
                actor=request.user,
            )
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(
                request, _("The case was registered; its reply is due on %(due)s.") % {"due": case.reply_due}
            )
            return redirect("appeals:detail", pk=case.pk)
    return render(request, "appeals/new.html", {"form": form}, status=400 if posted else 200)


def _decision_letter(applications):
    """The decision letter served on the first linked application: the act the case most likely contests."""
    served = served_decision(applications[0]) if applications else None
    return served.letter if served is not None else None


def _windows(case):
    """The applicant's windows against each linked reply that was served (for the timeline)."""
    found = []
    for app in case.applications.all():
        served = served_decision(app)
        if served is not None:
            outcome = served.letter.outcome if served.letter.kind == "reply" else None
            found.append(
                (app, served.delivered_on, clocks.applicant_windows(served.delivered_on, outcome or None))
            )
    return found


def _page(request, case, *, forms_by_step=None, status=200):
    acting = can_handle(request.user, case.agency)
    forms_by_step = forms_by_step or {}
    step_forms = {}
    if acting:
        if case.status == Status.AWAITING_REPLY:
            step_forms["reply"] = forms_by_step.get("reply") or forms.ReplyForm()
        if case.status != Status.DECIDED:
            step_forms["decide"] = forms_by_step.get("decide") or forms.DecisionForm(kind=case.kind)
        step_forms["follow_up"] = forms_by_step.get("follow_up") or forms.FollowUpForm()
    return render(
        request,
        "appeals/detail.html",
        {
            "case": case,
            "appellant": queries.shown_appellant(request.user, case),
            "disposition_label": DISPOSITIONS.get(case.disposition, ""),
            "acting": acting,
            "step_forms": step_forms,
            "done_form": forms.DoneForm(),
            "events": list(case.events.select_related("actor")),
            "follow_ups": list(case.follow_ups.all()),
            "applications": list(case.applications.all()) if acting else [],
            "windows": _windows(case) if acting else [],
            "audit": list(entries_for(case).order_by("-created_at", "-id")[:30]),
            "today": timezone.localdate(),
        },
        status=status,
    )


@staff_required
@require_GET
def detail(request, pk: int):
    return _page(request, case_for_staff(request, pk))


def _step(request, pk: int, name: str, form_class, run, done_message: str):
    """A step's POST: validate the form, run the service, back to the case page (or the page with the errors)."""
    case = case_to_handle(request, pk)
    form = form_class(request.POST)
    if form.is_valid():
        try:
            run(case, form.cleaned_data)
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, done_message)
            return redirect("appeals:detail", pk=case.pk)
    return _page(request, case, forms_by_step={name: form}, status=400)


@staff_required
@require_POST
def reply(request, pk: int):
    def run(case, data):
        services.record_reply_submitted(case, on=data["on"], actor=request.user)

    return _step(request, pk, "reply", forms.ReplyForm, run, _("The reply was recorded."))


@staff_required
@require_POST
def decide(request, pk: int):
    case = case_to_handle(request, pk)
    form = forms.DecisionForm(request.POST, kind=case.kind)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_decision(
                case,
                disposition=data["disposition"],
                decided_on=data["decided_on"],
                number=data["number"],
                actor=request.user,
            )
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The decision was recorded."))
            return redirect("appeals:detail", pk=case.pk)
    return _page(request, case, forms_by_step={"decide": form}, status=400)


@staff_required
@require_POST
def follow_up(request, pk: int):
    def run(case, data):
        services.order_follow_up(
            case,
            kind=data["kind"],
            ordered_on=data["ordered_on"],
            days=data["days"],
            working_days=data["working_days"],
            actor=request.user,
        )

    return _step(request, pk, "follow_up", forms.FollowUpForm, run, _("The follow-up was recorded."))


@staff_required
@require_POST
def follow_up_done(request, pk: int, follow_up_pk: int):
    case = case_to_handle(request, pk)
    found = get_object_or_404(FollowUp, pk=follow_up_pk, case=case)
    form = forms.DoneForm(request.POST)
    if form.is_valid():
        try:
            services.record_follow_up_done(
                found, on=form.cleaned_data["on"], note=form.cleaned_data["note"], actor=request.user
            )
        except GongkaiError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, _("The follow-up was recorded as done."))
            return redirect("appeals:detail", pk=case.pk)
    else:
        messages.error(request, _("Please enter the day it was done."))
    return _page(request, case, status=400)
