"""Who may see and do what. Views call these helpers first; anything outside a user's scope is a
404 (not a 403), so record ids of other agencies reveal nothing."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from gongkai_web.agencies.models import Agency

from .models import Role

WORKING_ROLES = (Role.HANDLER, Role.APPROVER)


def is_staff_member(user) -> bool:
    """Agency staff (and administrators). An evaluator's membership does not count: a third party reads
    only the evaluations it is engaged for (``is_evaluator``), never the agencies' staff pages."""
    return user.is_authenticated and (
        user.is_superuser or user.memberships.exclude(role=Role.EVALUATOR).exists()
    )


def is_evaluator(user) -> bool:
    return user.is_authenticated and user.memberships.filter(role=Role.EVALUATOR).exists()


def visible_agencies(user) -> QuerySet[Agency]:
    """Agencies whose records the user may read: own agencies, plus the subtree of supervised ones."""
    if not user.is_authenticated:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    q = Q(pk__in=user.memberships.filter(role__in=WORKING_ROLES).values("agency"))
    for path in Agency.objects.filter(memberships__user=user, memberships__role=Role.SUPERVISOR).values_list(
        "path", flat=True
    ):
        q |= Q(path__startswith=path)
    return Agency.objects.filter(q)


def working_agencies(user) -> QuerySet[Agency]:
    """Agencies where the user handles applications (changes state)."""
    if not user.is_authenticated:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    return Agency.objects.filter(memberships__user=user, memberships__role__in=WORKING_ROLES).distinct()


def has_role(user, agency: Agency, *roles: str) -> bool:
    if user.is_superuser:
        return True
    return user.is_authenticated and user.memberships.filter(agency=agency, role__in=roles).exists()


def can_handle(user, agency: Agency) -> bool:
    return has_role(user, agency, *WORKING_ROLES)


def can_approve(user, agency: Agency) -> bool:
    return has_role(user, agency, Role.APPROVER)


def can_unmask(user, agency: Agency) -> bool:
    # The people who must contact the applicant need the full identifiers; supervisors do not.
    return can_handle(user, agency)
