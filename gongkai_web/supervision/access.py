"""Who supervises what. A supervising office (a ``supervisor`` membership, 政务公开办) issues tasks to
the agencies of its subtree, accepts or returns their evidence, and handles complaints routed to it;
the responsible agency's handlers and approvers submit the evidence. Anything outside a user's scope
is 404, as everywhere."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from gongkai_web.accounts.access import can_handle, visible_agencies
from gongkai_web.accounts.models import Role
from gongkai_web.agencies.models import Agency

from .models import Complaint, Plan, Task


def offices(user) -> QuerySet[Agency]:
    """The agencies whose supervising office the user works in (all roots for an administrator)."""
    if not user.is_authenticated:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.filter(parent__isnull=True)
    return Agency.objects.filter(memberships__user=user, memberships__role=Role.SUPERVISOR).distinct()


def supervised(user) -> QuerySet[Agency]:
    """The agencies in the subtree of the user's offices."""
    q = Q(pk__in=[])
    for path in offices(user).values_list("path", flat=True):
        q |= Q(path__startswith=path)
    return Agency.objects.filter(q)


def may_supervise(user, agency: Agency) -> bool:
    return any(agency.path.startswith(path) for path in offices(user).values_list("path", flat=True))


def is_office(user) -> bool:
    return offices(user).exists()


def visible_plans(user) -> QuerySet[Plan]:
    """Plans the user's office issued, or that hold a task of an agency the user may read."""
    return Plan.objects.filter(
        Q(office__in=supervised(user)) | Q(tasks__agency__in=visible_agencies(user))
    ).distinct()


def visible_tasks(user) -> QuerySet[Task]:
    return Task.objects.filter(agency__in=visible_agencies(user)).select_related("agency", "plan")


def get_plan(request, pk: int, *, to_change: bool = False) -> Plan:
    plan = get_object_or_404(visible_plans(request.user).select_related("office"), pk=pk)
    if to_change and not may_supervise(request.user, plan.office):
        raise Http404
    return plan


def get_task(request, pk: int) -> Task:
    return get_object_or_404(visible_tasks(request.user).select_related("plan__office"), pk=pk)


def can_submit(user, task: Task) -> bool:
    """The responsible agency's own staff submit evidence (the office reads and accepts)."""
    return can_handle(user, task.agency) and not user.is_superuser


def can_accept(user, task: Task) -> bool:
    return may_supervise(user, task.plan.office)


def visible_complaints(user) -> QuerySet[Complaint]:
    """Complaints routed to the user's office (or an office below it), and those about the user's own
    agencies (the agency complained about answers to the office; it sees the complainant masked)."""
    return Complaint.objects.filter(
        Q(office__in=supervised(user)) | Q(agency__in=visible_agencies(user))
    ).select_related("agency", "office")


def get_complaint(request, pk: int) -> Complaint:
    return get_object_or_404(visible_complaints(request.user), pk=pk)


def handles_complaint(user, complaint: Complaint) -> bool:
    """The office the complaint is routed to (or one above it) handles it and sees the contact."""
    return may_supervise(user, complaint.office)
