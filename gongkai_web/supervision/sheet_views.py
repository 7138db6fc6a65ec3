"""A plan's tasks out as XLSX and in from a file (all or nothing), and the standing rules' page."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gongkai.errors import GongkaiError
from gongkai_web.applications.access import staff_required

from . import access, rules, services
from . import forms as f
from .models import Finding
from .services.importing import TaskImportError
from .sheets import task_workbook
from .views import _plan_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@staff_required
@require_GET
def export(request, pk: int):
    plan = access.get_plan(request, pk)
    tasks = access.visible_tasks(request.user).filter(plan=plan).order_by("agency__path", "due_on", "id")
    response = HttpResponse(task_workbook(tasks, title=str(plan.year)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="plan-{plan.pk}-{plan.year}.xlsx"'
    return response


@staff_required
@require_POST
def import_tasks(request, pk: int):
    plan = access.get_plan(request, pk, to_change=True)
    form = f.ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _plan_page(request, plan, import_form=form, status=400)
    upload = form.cleaned_data["file"]
    suffix = Path(upload.name).suffix.lower()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{suffix}"
        with path.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
        try:
            tasks = services.import_tasks(plan, path, actor=request.user)
        except TaskImportError as exc:
            form.add_error(None, exc.message)
            return _plan_page(request, plan, import_form=form, import_errors=exc.errors, status=400)
        except GongkaiError as exc:
            form.add_error(None, exc.message)
            return _plan_page(request, plan, import_form=form, status=400)
    messages.success(request, _("%(count)s tasks imported.") % {"count": len(tasks)})
    return redirect("supervision:plan", plan.pk)


@staff_required
@require_GET
def rule_list(request):
    """The standing rules, each with the open findings on the agencies the user may read."""
    if not access.is_office(request.user) and not request.user.is_superuser:
        raise Http404
    agencies = access.supervised(request.user)
    findings = Finding.objects.filter(agency__in=agencies, resolved_on__isnull=True).select_related(
        "agency", "task"
    )
    by_rule: dict[str, list[Finding]] = {}
    for finding in findings:
        by_rule.setdefault(finding.rule, []).append(finding)
    return render(
        request,
        "supervision/rules.html",
        {"rules": [(rule, by_rule.get(rule.code, [])) for rule in rules.RULES]},
    )


@staff_required
@require_POST
def run_rules(request):
    """Run the standing rules now over the office's subtree (the cron command does it daily)."""
    if not access.is_office(request.user):
        raise Http404
    result = rules.run_rules(access.supervised(request.user), timezone.localdate())
    messages.success(request, _("The rules ran: %(count)s new findings.") % {"count": result.total_raised})
    return redirect("supervision:rules")
