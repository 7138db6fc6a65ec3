"""System status for administrators and the supervising office: the working-day calendar's coverage."""

from __future__ import annotations

import os

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_GET

from gongkai import workdays

from . import calendar_status


@login_required
@require_GET
def calendar(request):
    if not calendar_status.can_see_status(request.user):
        raise Http404  # like every staff page: nothing is revealed to those outside the scope
    cov = calendar_status.coverage()
    return render(
        request,
        "workcalendar/calendar_status.html",
        {
            "coverage": cov,
            # Files, environment variables and libraries are the administrator's business, not the
            # supervising office's (an official is never told to edit JSON and restart).
            "for_administrator": request.user.is_superuser,
            "this_year": cov.today.year,
            "next_year": cov.today.year + 1,
            "data_file": calendar_status.DATA_FILE_IN_REPO,
            "env_var": workdays.ENV_VAR,
            "env_file": os.environ.get(workdays.ENV_VAR, ""),
        },
    )
