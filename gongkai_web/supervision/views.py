"""The office's and the agencies' pages of the task lists: the overdue and at-risk views up the tree,
plans, tasks with their evidence, 销号 and return. Offices act on their subtree; an agency's staff
submit evidence for its tasks; anyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.errors import GongkaiError
from gongkai_web.accounts.access import visible_agencies
from gongkai_web.applications.access import staff_required
from gongkai_web.audit.services import entries_for

from . import access, queries, services
from . import forms as f
from .models import EvidenceFile, Finding
from .posting import run_form


@staff_required
@require_GET
def index(request):
    """Overdue and at-risk tasks the user may read, and, for an office, where they sit in its tree."""
    today = timezone.localdate()
    tasks = access.visible_tasks(request.user)
    state = request.GET.get("state", "")
    rows = queries.task_rows(queries.open_tasks(tasks), today)
    shown = (
        [r for r in rows if r.state == state]
        if state in queries.STATES
        else [r for r in rows if r.state in queries.STATES[:2]]
    )
    offices = list(access.offices(request.user))
    trees = [(office, queries.tree_tallies(office, tasks, today)) for office in offices]
    return render(
        request,
        "supervision/index.html",
        {
            "rows": shown,
            "state": state,
            "trees": trees,
            "is_office": bool(offices),
            "today": today,
            "reminders": Finding.objects.filter(
                agency__in=visible_agencies(request.user), severity="reminder", resolved_on__isnull=True
            )[:50],
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def plans(request):
    offices = access.offices(request.user)
    form = f.PlanForm(request.POST or None, offices=offices, initial={"year": timezone.localdate().year})
    if request.method == "POST":
        if not offices.exists():
            raise Http404
        if form.is_valid():
            try:
                plan = services.create_plan(
                    form.cleaned_data["office"],
                    name=form.cleaned_data["name"],
                    year=form.cleaned_data["year"],
                    actor=request.user,
                )
            except GongkaiError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect("supervision:plan", plan.pk)
    today = timezone.localdate()
    tasks = access.visible_tasks(request.user)  # a plan's counts are of the tasks the user may read
    rows = [
        (p, queries.plan_tallies(tasks.filter(plan=p), today))
        for p in access.visible_plans(request.user).select_related("office")
    ]
    return render(
        request,
        "supervision/plans.html",
        {"rows": rows, "form": form if offices.exists() else None},
        status=400 if form.errors else 200,
    )


def _plan_page(request, plan, *, task_form=None, import_form=None, import_errors=(), status=200):
    today = timezone.localdate()
    may_change = access.may_supervise(request.user, plan.office)
    tasks = access.visible_tasks(request.user).filter(plan=plan)
    if may_change and task_form is None:
        task_form = f.TaskForm(agencies=plan.office.subtree())
    return render(
        request,
        "supervision/plan.html",
        {
            "plan": plan,
            "rows": queries.task_rows(tasks, today),
            "counts": queries.plan_tallies(tasks, today),
            "may_change": may_change,
            "task_form": task_form if may_change else None,
            "import_form": (import_form or f.ImportForm()) if may_change else None,
            "import_errors": import_errors,
        },
        status=status,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def plan(request, pk: int):
    found = access.get_plan(request, pk, to_change=request.method == "POST")
    if request.method == "GET":
        return _plan_page(request, found)

    def done(task):
        messages.success(request, _("Task issued to %(agency)s.") % {"agency": task.agency.name})
        return redirect("supervision:plan", found.pk)

    return run_form(
        f.TaskForm(request.POST, agencies=found.office.subtree()),
        lambda d: services.issue_task(found, actor=request.user, **d),
        done=done,
        again=lambda form: _plan_page(request, found, task_form=form, status=400),
    )


@staff_required
@require_GET
def task(request, pk: int):
    found = access.get_task(request, pk)
    return _task_page(request, found)


def _task_page(request, found, *, evidence_form=None, return_form=None, status=200):
    submit = access.can_submit(request.user, found) and found.status in ("issued", "returned")
    accept = access.can_accept(request.user, found) and found.status == "submitted"
    return render(
        request,
        "supervision/task.html",
        {
            "task": found,
            "state": queries.state_of(found, timezone.localdate()),
            "evidence": found.evidence.prefetch_related("files").select_related("submitted_by"),
            "events": found.events.select_related("actor"),
            "history": entries_for(found),
            "findings": found.findings.all(),
            "evidence_form": (evidence_form or f.EvidenceForm()) if submit else None,
            "return_form": (return_form or f.ReturnForm()) if accept else None,
            "accept": accept,
        },
        status=status,
    )


@staff_required
@require_POST
def submit_evidence(request, pk: int):
    found = access.get_task(request, pk, may=access.can_submit)
    return run_form(
        f.EvidenceForm(request.POST, request.FILES),
        lambda d: services.submit_evidence(found, text=d["text"], files=d["files"], actor=request.user),
        done=lambda _r: _back(
            request, found, _("Evidence submitted: the office will accept it or return it.")
        ),
        again=lambda form: _task_page(request, found, evidence_form=form, status=400),
    )


@staff_required
@require_POST
def accept(request, pk: int):
    found = access.get_task(request, pk, may=access.can_accept)
    try:
        services.accept_task(found, actor=request.user)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The task is closed."))
    return redirect("supervision:task", found.pk)


@staff_required
@require_POST
def return_task(request, pk: int):
    found = access.get_task(request, pk, may=access.can_accept)
    form = f.ReturnForm(request.POST)
    if not form.is_valid():
        return _task_page(request, found, return_form=form, status=400)
    try:  # a refusal (the evidence was accepted meanwhile) answers on the task's page
        services.return_task(found, reason=form.cleaned_data["reason"], actor=request.user)
    except GongkaiError as exc:
        messages.error(request, exc.message)
        return redirect("supervision:task", found.pk)
    return _back(request, found, _("The evidence was returned to the agency."))


def _back(request, found, message: str):
    messages.success(request, message)
    return redirect("supervision:task", found.pk)


@staff_required
@require_GET
def evidence_file(request, pk: int):
    found = get_object_or_404(
        EvidenceFile.objects.select_related("evidence__task"),
        pk=pk,
        evidence__task__in=access.visible_tasks(request.user),
    )
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )
