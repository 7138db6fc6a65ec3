"""备案 and 靠前指导 pages: the filing register (the office sets its rule, reads its agencies' filed
applications), the risky draft replies an agency may send for the office's opinion, and each request
with the opinion. An agency's handlers send; the office above answers; anyone else gets 404."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai import supervision as core
from gongkai.errors import GongkaiError
from gongkai_web.accounts.access import visible_agencies, working_agencies
from gongkai_web.applications import queries as application_queries
from gongkai_web.applications.access import staff_required

from . import access, services
from . import forms as f
from .models import Filing, FilingRule, GuidanceRequest
from .posting import run_form


@staff_required
@require_http_methods(["GET", "POST"])
def filings(request):
    offices = access.offices(request.user)
    form = f.FilingRuleForm(request.POST or None, offices=offices)
    if request.method == "POST":
        if not offices.exists():
            raise Http404
        if form.is_valid():
            try:
                services.set_filing_rule(
                    form.cleaned_data["office"], since=form.cleaned_data["since"], actor=request.user
                )
            except GongkaiError as exc:
                form.add_error(None, exc.message)
            else:
                services.file_applications()
                return redirect("supervision:filings")
    visible = visible_agencies(request.user)
    rows = Filing.objects.filter(agency__in=visible).select_related("agency", "rule__office")[:200]
    return render(
        request,
        "supervision/filings.html",
        {
            "rules": FilingRule.objects.filter(office__in=access.supervised(request.user)),
            "rows": rows,
            "form": form if offices.exists() else None,
        },
        status=400 if form.errors else 200,
    )


def _visible_requests(user):
    return GuidanceRequest.objects.filter(
        Q(office__in=access.supervised(user)) | Q(agency__in=visible_agencies(user))
    ).select_related("agency", "office")


@staff_required
@require_GET
def guidance_list(request):
    """Requests the user may read, and the risky open drafts of the user's own agencies not yet sent."""
    sent = set(GuidanceRequest.objects.values_list("draft_id", "draft_version"))
    drafts = [
        d
        for d in application_queries.open_reply_drafts(working_agencies(request.user))
        if core.risky_outcome(d.outcome) and (d.pk, d.version) not in sent
    ]
    return render(
        request,
        "supervision/guidance_list.html",
        {"requests": _visible_requests(request.user), "drafts": drafts},
    )


def _draft(request, pk: int):
    for draft in application_queries.open_reply_drafts(working_agencies(request.user)):
        if draft.pk == pk:
            return draft
    raise Http404


@staff_required
@require_http_methods(["GET", "POST"])
def guidance_new(request, draft: int):
    found = _draft(request, draft)
    form = f.GuidanceForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            asked = services.request_guidance(
                found, question=form.cleaned_data["question"], actor=request.user
            )
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("supervision:guidance", asked.pk)
    return render(
        request,
        "supervision/guidance_new.html",
        {"draft": found, "form": form},
        status=400 if form.errors else 200,
    )


def _page(request, asked, *, form=None, status=200):
    answers = access.may_supervise(request.user, asked.office) and asked.opinion_at is None
    return render(
        request,
        "supervision/guidance.html",
        {"asked": asked, "form": (form or f.OpinionForm()) if answers else None},
        status=status,
    )


@staff_required
@require_GET
def guidance(request, pk: int):
    return _page(request, get_object_or_404(_visible_requests(request.user), pk=pk))


@staff_required
@require_POST
def opinion(request, pk: int):
    asked = get_object_or_404(_visible_requests(request.user), pk=pk)
    if not access.may_supervise(request.user, asked.office):
        raise Http404
    return run_form(
        f.OpinionForm(request.POST),
        lambda d: services.give_opinion(
            asked, verdict=d["verdict"], opinion=d["opinion"], actor=request.user
        ),
        done=lambda _r: redirect("supervision:guidance", asked.pk),
        again=lambda form: _page(request, asked, form=form, status=400),
    )
