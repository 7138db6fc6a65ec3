"""Who may see table 3 of which scope: an agency's staff (handler, approver) their own agency; a
supervising office (and every agency in its subtree, read-only) the subtree; administrators all.
Anything else is a 404, like every record outside a user's scope."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from gongkai_web.accounts.access import visible_agencies
from gongkai_web.accounts.models import Role
from gongkai_web.agencies.models import Agency

SCOPES = ("agency", "subtree")


def agency_for_report(user, scope: str, **lookup) -> Agency:
    """The agency by ``pk=`` or ``code=``, if the user may see its table 3 in ``scope``; else 404."""
    if scope not in SCOPES:
        raise Http404
    agency = get_object_or_404(visible_agencies(user), **lookup)
    if scope == "subtree" and not can_see_subtree(user, agency):
        raise Http404
    return agency


def can_see_subtree(user, agency: Agency) -> bool:
    if user.is_superuser:
        return True
    return any(agency.path.startswith(path) for path in _supervised_paths(user))


def _supervised_paths(user) -> list[str]:
    supervised = Agency.objects.filter(memberships__user=user, memberships__role=Role.SUPERVISOR)
    return list(supervised.values_list("path", flat=True))


def report_agencies(user):
    """Agencies the user may pick on the table-3 page, with whether their subtree is open to them (the
    supervised paths read once, not once per agency: a city's office picks among hundreds)."""
    paths = None if user.is_superuser else _supervised_paths(user)
    return [
        (a, paths is None or any(a.path.startswith(p) for p in paths))
        for a in visible_agencies(user).order_by("path")[:500]
    ]
