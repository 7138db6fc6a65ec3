"""Evaluation pages: indicator sets (versioned), the ranking under a version, one agency's scores with
the reviewer's and the contest forms, and its report as DOCX or PDF. The office evaluates the agencies
below it; its third-party evaluator reads them and scores the reviewed indicators; an agency's staff
read and contest their own; anyone else gets 404."""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai import evaluation as core
from gongkai_web.accounts.access import can_handle, visible_agencies
from gongkai_web.agencies.models import Agency

from . import access
from . import forms as f
from .evaluation_queries import ranking, report_of, total
from .models import Contest, Evaluation, IndicatorSet, Score
from .posting import run_form
from .services import evaluations as services


def _sets(user):
    return IndicatorSet.objects.filter(
        Q(office__in=access.supervised(user))
        | Q(office__in=access.engaging_offices(user))
        | Q(evaluations__agency__in=visible_agencies(user))
    ).distinct()


def _evaluations(user):
    return Evaluation.objects.filter(
        Q(agency__in=visible_agencies(user)) | Q(set__office__in=access.engaging_offices(user))
    ).select_related("agency", "set__office")


@access.staff_or_evaluator_required
@require_http_methods(["GET", "POST"])
def evaluations(request):
    offices = access.offices(request.user)
    form = f.IndicatorSetForm(
        request.POST or None, offices=offices, initial={"year": timezone.localdate().year}
    )
    if request.method == "POST":
        if not offices.exists():
            raise Http404
        if form.is_valid():
            found = services.create_indicator_set(
                form.cleaned_data["office"],
                name=core.STANDARD_SET_NAME,
                year=form.cleaned_data["year"],
                indicators=core.CURRENT_STANDARD_INDICATORS,
                actor=request.user,
            )
            return redirect("supervision:indicator_set", found.pk)
    return render(
        request,
        "supervision/evaluations.html",
        {"sets": _sets(request.user).select_related("office"), "form": form if offices.exists() else None},
        status=400 if form.errors else 200,
    )


@access.staff_or_evaluator_required
@require_GET
def indicator_set(request, pk: int):
    found = get_object_or_404(_sets(request.user).select_related("office"), pk=pk)
    evaluator = access.evaluates_for(request.user, found.office)
    rows = ranking(found, found.office.subtree() if evaluator else visible_agencies(request.user))
    best = max((float(t) for _e, t in rows if t is not None), default=0) or 1
    return render(
        request,
        "supervision/indicator_set.html",
        {
            "set": found,
            "indicators": found.indicators.all(),
            "may_evaluate": access.may_supervise(request.user, found.office),
            "rows": [(e, core.points(t), int(float(t or 0) * 100 / best)) for e, t in rows],
        },
    )


@access.staff_or_evaluator_required
@require_POST
def evaluate(request, pk: int):
    found = get_object_or_404(_sets(request.user), pk=pk)
    if not access.may_supervise(request.user, found.office):
        raise Http404
    done = set(found.evaluations.values_list("agency_id", flat=True))
    for agency in Agency.objects.filter(path__startswith=found.office.path).exclude(pk=found.office_id):
        if agency.pk not in done:
            services.evaluate_agency(found, agency, as_of=timezone.localdate(), actor=request.user)
    return redirect("supervision:indicator_set", found.pk)


def _page(request, evaluation, *, forms_by_score=None, status=200):
    office = access.may_supervise(request.user, evaluation.set.office)
    reviewer = access.may_review(request.user, evaluation.set.office)
    own = can_handle(request.user, evaluation.agency) and not request.user.is_superuser
    rows = []
    for score in evaluation.scores.select_related("indicator", "scored_by").prefetch_related("contests"):
        bound = (forms_by_score or {}).get(score.pk, {})
        pending = next((c for c in score.contests.all() if not c.outcome), None)
        rows.append(
            {
                "score": score,
                "percent": core.percent(score.ratio),
                "contests": score.contests.all(),
                "review": bound.get("review") or f.ReviewForm()
                if reviewer and not score.indicator.from_records
                else None,
                "contest": bound.get("contest") or f.ContestForm()
                if own and pending is None and score.scored_at
                else None,
                "decide": (bound.get("decide") or f.DecideForm(), pending) if office and pending else None,
            }
        )
    return render(
        request,
        "supervision/evaluation.html",
        {"e": evaluation, "rows": rows, "total": core.points(total(evaluation))},
        status=status,
    )


@access.staff_or_evaluator_required
@require_GET
def evaluation(request, pk: int):
    return _page(request, get_object_or_404(_evaluations(request.user), pk=pk))


def _score(request, pk: int) -> Score:
    return get_object_or_404(
        Score.objects.select_related("evaluation__set__office", "evaluation__agency", "indicator"),
        pk=pk,
        evaluation__in=_evaluations(request.user),
    )


def _act(request, score, key, form, act):
    return run_form(
        form,
        act,
        done=lambda _r: redirect("supervision:evaluation", score.evaluation_id),
        again=lambda bound: _page(
            request, score.evaluation, forms_by_score={score.pk: {key: bound}}, status=400
        ),
    )


@access.staff_or_evaluator_required
@require_POST
def review_score(request, pk: int):
    score = _score(request, pk)
    if not access.may_review(request.user, score.evaluation.set.office):
        raise Http404
    return _act(
        request,
        score,
        "review",
        f.ReviewForm(request.POST),
        lambda d: services.score_by_review(
            score, percent=d["percent"], evidence=d["evidence"], actor=request.user
        ),
    )


@access.staff_or_evaluator_required
@require_POST
def contest(request, pk: int):
    score = _score(request, pk)
    if not can_handle(request.user, score.evaluation.agency) or request.user.is_superuser:
        raise Http404
    return _act(
        request,
        score,
        "contest",
        f.ContestForm(request.POST),
        lambda d: services.contest_score(score, reason=d["reason"], actor=request.user),
    )


@access.staff_or_evaluator_required
@require_POST
def decide(request, pk: int):
    found = get_object_or_404(Contest.objects.select_related("score"), pk=pk)
    score = _score(request, found.score_id)
    if not access.may_supervise(request.user, score.evaluation.set.office):
        raise Http404
    return _act(
        request,
        score,
        "decide",
        f.DecideForm(request.POST),
        lambda d: services.decide_contest(
            found,
            upheld=d["outcome"] == "upheld",
            decision=d["decision"],
            percent=d["percent"],
            actor=request.user,
        ),
    )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@access.staff_or_evaluator_required
@require_GET
def report(request, pk: int, fmt: str):
    if fmt not in ("docx", "pdf"):
        raise Http404
    found = get_object_or_404(_evaluations(request.user), pk=pk)
    data = report_of(found)
    body, kind = (
        (core.render_docx(data), DOCX) if fmt == "docx" else (core.render_pdf(data), "application/pdf")
    )
    response = HttpResponse(body, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="evaluation-{found.pk}.{fmt}"'
    return response
