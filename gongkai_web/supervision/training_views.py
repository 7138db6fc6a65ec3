"""The training page: a year's sessions the user may read, with the attendees and the sessions each
agency attended; the supervising office records a session through the form. Public: nothing."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.errors import GongkaiError
from gongkai_web.applications.access import staff_required

from . import access
from . import forms as f
from .services.training import record_training
from .training_queries import of_year, totals_by_agency


def _year(request) -> int:
    try:
        return int(request.GET.get("year", ""))
    except ValueError:
        return timezone.localdate().year


@staff_required
@require_http_methods(["GET", "POST"])
def training(request):
    offices = access.offices(request.user)
    bound = request.POST if request.method == "POST" else None  # an empty POST is a form with errors
    form = f.TrainingForm(bound, offices=offices, agencies=access.supervised(request.user))
    if request.method == "POST":
        if not offices.exists():
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                session = record_training(**data, actor=request.user)
            except GongkaiError as exc:
                form.add_error(None, exc.message)
            else:
                return redirect(f"{reverse('supervision:training')}?year={session.held_on.year}")
    year = _year(request)
    sessions = list(of_year(request.user, year))
    return render(
        request,
        "supervision/training.html",
        {
            "year": year,
            "sessions": sessions,
            "attendees": sum(s.attendee_count for s in sessions),
            "totals": totals_by_agency(request.user, year),
            "form": form if offices.exists() else None,
        },
        status=400 if form.errors else 200,
    )
