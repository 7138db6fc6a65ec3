"""Who sees which roll-up, comparison and imported report (404 outside a user's scope, like every
record): the supervising office its subtree; an agency's staff their own agency (and, in a
comparison, the peers' published figures only); administrators everything; the public nothing."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone

from gongkai.report.default_year import default_report_year
from gongkai_web.accounts.access import can_handle, visible_agencies
from gongkai_web.agencies.models import Agency
from gongkai_web.applications.models import Application

from .access import can_see_subtree, report_agencies

FIRST_YEAR = 2008  # the first 条例 took effect on 1 May 2008


def report_year(year: int) -> int:
    if not FIRST_YEAR <= year <= timezone.localdate().year:
        raise Http404
    return year


def default_year() -> int:
    """Reports are published in the following year (条例第四十九条): last year's is the latest."""
    return timezone.localdate().year - 1


def default_year_of(agencies) -> int:
    """The year a page of ``agencies``' reports opens on: last year, or the latest earlier year in which
    they received applications (``default_report_year``)."""
    today = timezone.localdate()
    latest = Application.objects.filter(
        agency__in=agencies, received_on__lte=dt.date(today.year - 1, 12, 31)
    ).aggregate(latest=Max("received_on"))["latest"]
    return default_report_year(today, latest.year if latest else None)


def visible_agency(user, code: str) -> Agency:
    return get_object_or_404(visible_agencies(user), code=code)


def rollup_scope(user, agency: Agency) -> bool:
    """True: the roll-up covers the agency's subtree (its supervisor); False: the agency alone."""
    return can_see_subtree(user, agency)


def may_import(user, agency: Agency) -> bool:
    """Handlers and approvers of the agency upload its report; the supervising office reads."""
    return can_handle(user, agency)


def visible_ids(user) -> set[int]:
    return set(visible_agencies(user).values_list("pk", flat=True))


def default_agency(user) -> Agency:
    choices = report_agencies(user)
    if not choices:
        raise Http404
    return choices[0][0]
