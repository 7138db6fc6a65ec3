"""Plans and tasks: issue (the office, to an agency of its subtree), submit evidence (the agency),
accept — 销号 — or return with a reason (the office)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai_web import casework
from gongkai_web.agencies.models import Agency
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now, today

from ..errors import refuse
from ..models import Evidence, EvidenceFile, Plan, Task, TaskEvent, TaskStatus

YEAR_RANGE = range(2000, 2101)


def _require_text(value: str, what: str, code: str) -> str:
    value = (value or "").strip()
    if not value:
        raise refuse(code, _("Please fill in %(what)s.") % {"what": what})
    return value


@transaction.atomic
def create_plan(office: Agency, *, name: str, year: int, actor, clock: Clock | None = None) -> Plan:
    name = _require_text(name, _("the name of the plan"), "plan_name_missing")
    if year not in YEAR_RANGE:
        raise refuse("plan_year", _("The year %(year)s is not a plan year.") % {"year": year}, year=year)
    plan = Plan.objects.create(name=name[:200], year=year, office=office, created_at=now(clock))
    log(plan, "supervision.plan_created", actor=actor, data={"year": year, "office": office.pk}, clock=clock)
    return plan


def check_task(
    plan: Plan, agency: Agency, *, title: str, owner: str, due_on: dt.date, evidence_required: str
):
    """The checks of a new task (also run on every row of an import before anything is stored)."""
    if not agency.path.startswith(plan.office.path):
        raise refuse(
            "agency_outside_office",
            _("%(agency)s is not under %(office)s: the office can give it no task.")
            % {"agency": agency.name, "office": plan.office.name},
        )
    _require_text(title, _("the task"), "task_missing")
    _require_text(owner, _("the owner (a person or a post)"), "owner_missing")
    _require_text(evidence_required, _("the evidence required"), "evidence_required_missing")
    if due_on.year != plan.year:
        raise refuse(
            "due_outside_year",
            _("The due date %(day)s is not in the plan's year %(year)s.")
            % {"day": f"{due_on:%Y-%m-%d}", "year": plan.year},
        )


def issue_task(
    plan: Plan,
    agency: Agency,
    *,
    title: str,
    owner: str,
    due_on: dt.date,
    evidence_required: str,
    measure: str = "",
    actor,
    rule: str = "",
    target=None,
    clock: Clock | None = None,
) -> Task:
    with transaction.atomic():
        check_task(plan, agency, title=title, owner=owner, due_on=due_on, evidence_required=evidence_required)
        task = Task.objects.create(
            plan=plan,
            agency=agency,
            title=title.strip()[:300],
            owner=owner.strip()[:100],
            due_on=due_on,
            measure=measure.strip(),
            evidence_required=evidence_required.strip(),
            rule=rule,
            target_type=target._meta.label_lower if target is not None else "",
            target_id=str(target.pk) if target is not None else "",
            created_at=now(clock),
        )
        casework.record_event(
            task,
            TaskEvent,
            case_field="task",
            kind="issued",
            on=today(clock),
            actor=actor,
            action="supervision.task_issued",
            data={"agency": agency.pk, "due_on": due_on.isoformat(), **({"rule": rule} if rule else {})},
            clock=clock,
            actor_label=_("platform (standing rule)") if rule else "",
        )
        return task


def _require_task_status(task: Task, *allowed: str, action: str) -> None:
    if task.status not in allowed:
        raise refuse(
            "wrong_state",
            _("The task is %(status)s: cannot %(action)s.")
            % {"status": task.get_status_display(), "action": action},
            status=task.status,
        )


def submit_evidence(
    task: Task, *, text: str, files: Sequence = (), actor, clock: Clock | None = None
) -> Evidence:
    """The responsible agency reports what it did, with the files that show it (``files``: checked
    uploads, ``applications.uploads.check_upload``)."""
    with transaction.atomic():
        task = casework.lock(task)
        _require_task_status(task, TaskStatus.ISSUED, TaskStatus.RETURNED, action=_("submit evidence"))
        text = _require_text(text, _("what was done"), "evidence_missing")
        evidence = Evidence.objects.create(task=task, text=text, submitted_at=now(clock), submitted_by=actor)
        for checked in files:
            checked.upload.seek(0)
            EvidenceFile.objects.create(
                evidence=evidence,
                file=checked.upload,
                original_name=checked.upload.name[:200],
                content_type=checked.content_type,
                size=checked.upload.size,
                sha256=checked.sha256,
            )
        task.status = TaskStatus.SUBMITTED
        task.save(update_fields=["status"])
        _task_event(
            task,
            "submitted",
            "supervision.evidence_submitted",
            actor=actor,
            clock=clock,
            data={"evidence": evidence.pk, "files": len(files)},
        )
        return evidence


def _task_event(task: Task, kind: str, action: str, *, actor, clock: Clock | None, data=None) -> None:
    """The task's event of the day and its audit entry (the case-work kit's)."""
    casework.record_event(
        task,
        TaskEvent,
        case_field="task",
        kind=kind,
        on=today(clock),
        actor=actor,
        action=action,
        data=data,
        clock=clock,
    )


def accept_task(task: Task, *, actor, clock: Clock | None = None) -> Task:
    """销号: the office accepts the evidence and the task is closed. Only submitted evidence is accepted."""
    with transaction.atomic():
        task = casework.lock(task)
        _require_task_status(task, TaskStatus.SUBMITTED, action=_("close the task"))
        if not task.evidence.exists():
            raise refuse("no_evidence", _("No evidence was submitted: the task cannot be closed."))
        task.status, task.closed_on = TaskStatus.CLOSED, today(clock)
        task.save(update_fields=["status", "closed_on"])
        _task_event(task, "accepted", "supervision.task_closed", actor=actor, clock=clock)
        return task


def return_task(task: Task, *, reason: str, actor, clock: Clock | None = None) -> Task:
    """The office sends the evidence back with its reason; the agency submits again."""
    with transaction.atomic():
        task = casework.lock(task)
        _require_task_status(task, TaskStatus.SUBMITTED, action=_("return the evidence"))
        reason = _require_text(reason, _("the reason for returning"), "return_reason_missing")
        task.status = TaskStatus.RETURNED
        task.save(update_fields=["status"])
        _task_event(
            task, "returned", "supervision.task_returned", actor=actor, clock=clock, data={"reason": reason}
        )
        return task
