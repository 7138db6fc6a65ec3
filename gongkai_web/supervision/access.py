"""Who supervises what. A supervising office (a ``supervisor`` membership, 政务公开办) issues tasks to
the agencies of its subtree, accepts or returns their evidence, and handles complaints routed to it;
the responsible agency's handlers and approvers submit the evidence. A third-party evaluator (an
``evaluator`` membership at an office, 第三方评估机构) reads and scores only the evaluations under that
office's own indicator sets: no task, complaint, filing, guidance or training page, no application.
Anything outside a user's scope is 404, as everywhere."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q, QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from gongkai_web.accounts.access import can_handle, is_staff_member, visible_agencies
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


def get_task(request, pk: int, *, may=None) -> Task:
    """A task the user may read; with ``may`` (``can_submit``, ``can_accept``) one the user may act on."""
    found = get_object_or_404(visible_tasks(request.user).select_related("plan__office"), pk=pk)
    if may is not None and not may(request.user, found):
        raise Http404
    return found


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


def get_complaint(request, pk: int, *, to_handle: bool = False) -> Complaint:
    """A complaint the user may read; ``to_handle``: one the user's office handles."""
    found = get_object_or_404(visible_complaints(request.user), pk=pk)
    if to_handle and not handles_complaint(request.user, found):
        raise Http404
    return found


def handles_complaint(user, complaint: Complaint) -> bool:
    """The office the complaint is routed to (or one above it) handles it and sees the contact."""
    return may_supervise(user, complaint.office)


def engaging_offices(user) -> QuerySet[Agency]:
    """The offices that engaged the user as their third-party evaluator."""
    if not user.is_authenticated:
        return Agency.objects.none()
    return Agency.objects.filter(memberships__user=user, memberships__role=Role.EVALUATOR).distinct()


def evaluates_for(user, office: Agency) -> bool:
    """The user is the evaluator engaged by ``office`` itself (not by an office above or below it)."""
    return engaging_offices(user).filter(pk=office.pk).exists()


def may_review(user, office: Agency) -> bool:
    """Who scores the indicators judged by a reviewer: the office (or one above it), or its evaluator."""
    return may_supervise(user, office) or evaluates_for(user, office)


def staff_or_evaluator_required(view):
    """Agency staff, or a third-party evaluator (the evaluation pages only)."""

    @login_required
    def wrapper(request, *args, **kwargs):
        if not (is_staff_member(request.user) or engaging_offices(request.user).exists()):
            raise Http404
        return view(request, *args, **kwargs)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper
