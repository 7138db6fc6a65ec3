"""What the standing rules found (``rules``): one finding per rule and record, a task for those past
due. Raising is idempotent: a finding already open is left as it is, so running the rules twice raises
nothing new; a finding the rule no longer sees is marked resolved (its task stays, for the office to
close on evidence)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai import workdays
from gongkai_web.accounts.models import Role
from gongkai_web.agencies.models import Agency
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now, today

from ..models import Finding, Plan
from .tasks import issue_task

TASK, REMINDER = "task", "reminder"


def supervising_office(agency: Agency) -> Agency:
    """The nearest agency at or above ``agency`` with a supervising office (a supervisor membership);
    the root of its tree when none has one."""
    ids = [int(p) for p in agency.path.strip("/").split("/") if p]
    with_office = set(
        Agency.objects.filter(pk__in=ids, memberships__role=Role.SUPERVISOR).values_list("pk", flat=True)
    )
    for pk in reversed(ids):
        if pk in with_office:
            return Agency.objects.get(pk=pk)
    return Agency.objects.get(pk=ids[0])


def standing_plan(office: Agency, year: int, clock: Clock | None = None) -> Plan:
    plan = Plan.objects.filter(office=office, year=year, standing=True).first()
    if plan is None:
        plan = Plan.objects.create(
            office=office,
            year=year,
            standing=True,
            name=_("Supervision from records, %(year)s") % {"year": year},
            created_at=now(clock),
        )
    return plan


def raise_finding(
    rule,
    target,
    *,
    agency: Agency,
    summary: str,
    link: str,
    due_on: dt.date | None,
    severity: str,
    clock: Clock | None = None,
) -> Finding | None:
    """Record what ``rule`` (a ``rules.Rule``) found on ``target``; a task too when ``severity`` is
    ``task``. None when the same finding is already open (nothing new raised)."""
    key = {"rule": rule.code, "target_type": target._meta.label_lower, "target_id": str(target.pk)}
    day = today(clock)
    try:
        with transaction.atomic():
            existing = Finding.objects.select_for_update().filter(**key, severity=severity).first()
            if existing is not None:
                if existing.resolved_on is None:
                    return None
                existing.resolved_on = None  # found again after it was resolved
                existing.save(update_fields=["resolved_on"])
                return existing
            finding = Finding.objects.create(
                **key,
                agency=agency,
                summary=summary[:300],
                link=link,
                due_on=due_on,
                severity=severity,
                raised_on=day,
            )
            if severity == TASK:
                finding.task = _task_for(rule, target, agency, summary, day, clock)
                finding.save(update_fields=["task"])
            log(
                finding,
                "supervision.finding_raised",
                actor_label=_("platform (standing rule)"),
                data={
                    "rule": rule.code,
                    "severity": severity,
                    "target": f"{key['target_type']}:{key['target_id']}",
                },
                clock=clock,
            )
            return finding
    except IntegrityError:  # a concurrent run raised it first
        return None


def _task_for(rule, target, agency: Agency, summary: str, day: dt.date, clock: Clock | None):
    due = workdays.add_working_days(day, settings.GONGKAI_DUE_SOON_WORKDAYS)
    plan = standing_plan(supervising_office(agency), due.year, clock)
    existing = plan.tasks.filter(
        rule=rule.code, target_type=target._meta.label_lower, target_id=str(target.pk)
    )
    if found := existing.first():
        return found
    return issue_task(
        plan,
        agency,
        title=summary[:300],
        owner=agency.office_name or _("the agency's disclosure office"),
        due_on=due,
        measure=str(rule.measure),
        evidence_required=str(rule.evidence),
        actor=None,
        rule=rule.code,
        target=target,
        clock=clock,
    )


@transaction.atomic
def resolve_findings(
    rule, still_found: set[tuple[str, str, str]], *, agencies, clock: Clock | None = None
) -> int:
    """Mark resolved the open findings of ``rule`` on ``agencies`` not in ``still_found`` ((type, id,
    severity) keys)."""
    resolved = 0
    open_ = Finding.objects.select_for_update().filter(
        rule=rule.code, resolved_on__isnull=True, agency__in=agencies
    )
    for finding in open_:
        if (finding.target_type, finding.target_id, finding.severity) not in still_found:
            finding.resolved_on = today(clock)
            finding.save(update_fields=["resolved_on"])
            resolved += 1
    return resolved
