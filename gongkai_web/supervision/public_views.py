"""The public's complaint form (phone first; its one-time token makes a second POST of the same form
store nothing new), the confirmation with the query code, and the look-up by code: who decided, the
reply, and where to go next. The page shows nothing the complainant typed about themselves."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.errors import GongkaiError

from . import forms as f
from . import services
from .models import Complaint


@require_http_methods(["GET", "POST"])
def complain(request):
    posted = request.method == "POST"
    form = f.ComplaintForm(request.POST if posted else None)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            found, _created = services.submit_complaint(
                data["agency"],
                kind=data["kind"],
                text=data["text"],
                contact=data["contact"],
                name=data["name"],
                token=data.get("token") or "",
                actor=request.user,
            )
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("supervision_public:status", code=found.code)
    response = render(
        request, "supervision_public/complain.html", {"form": form}, status=400 if posted else 200
    )
    add_never_cache_headers(response)  # what was typed stays out of the browser's history
    return response


@require_GET
def status(request, code: str):
    found = get_object_or_404(Complaint.objects.select_related("agency", "office"), code=code.strip().upper())
    return render(request, "supervision_public/status.html", {"c": found})


@require_GET
def lookup(request):
    form = f.LookupForm(request.GET or None)
    if request.GET and form.is_valid():
        code = form.cleaned_data["code"].strip().upper()
        if Complaint.objects.filter(code=code).exists():
            return redirect("supervision_public:status", code=code)
        form.add_error("code", f.NO_SUCH_CODE)
    return render(
        request, "supervision_public/lookup.html", {"form": form}, status=400 if form.errors else 200
    )
