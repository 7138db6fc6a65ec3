"""Reads of training sessions: those a user may read (the office's subtree records; an agency's staff
the sessions their agency attended), a year of them, and the sessions attended per agency."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from gongkai_web.accounts.access import visible_agencies
from gongkai_web.agencies.models import Agency

from . import access
from .models import TrainingSession


def visible_sessions(user) -> QuerySet[TrainingSession]:
    return (
        TrainingSession.objects.filter(
            Q(office__in=access.supervised(user)) | Q(agencies__in=visible_agencies(user))
        )
        .distinct()
        .select_related("office")
    )


def of_year(user, year: int) -> QuerySet[TrainingSession]:
    return visible_sessions(user).filter(held_on__year=year).prefetch_related("agencies")


@dataclass(frozen=True, slots=True)
class AgencyTotal:
    agency: Agency
    sessions: int


def totals_by_agency(user, year: int) -> list[AgencyTotal]:
    """Every agency the user may read (the office's whole subtree, so an agency that sent no one shows
    0) with the number of the year's sessions it attended, most first."""
    agencies = (
        Agency.objects.filter(Q(pk__in=access.supervised(user)) | Q(pk__in=visible_agencies(user)))
        .annotate(n=Count("training_sessions", filter=Q(training_sessions__held_on__year=year)))
        .order_by("-n", "path")
    )
    return [AgencyTotal(a, a.n) for a in agencies]
