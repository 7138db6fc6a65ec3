"""The queue of questions the public asked (``/staff/qa/questions/``), earliest due first, the overdue
marked; a question's page with the answer form ("also into the library"), closing, and the audited
showing of the asker's contact. The asker's name and contact are masked until then."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from gongkai.errors import GongkaiError
from gongkai_web.accounts.access import can_approve, can_handle, can_unmask, working_agencies
from gongkai_web.applications.access import staff_required
from gongkai_web.audit.services import entries_for

from . import forms, queries, services
from .errors import refuse
from .models import PublicQuestion, QuestionState


def _question(request, pk: int, *, to_change: bool = False) -> PublicQuestion:
    if to_change:
        found = PublicQuestion.objects.filter(agency__in=working_agencies(request.user))
    else:
        found = queries.staff_questions(request.user)
    return get_object_or_404(found.select_related("agency", "entry", "answered_by"), pk=pk)


@staff_required
@require_GET
def questions(request):
    today = timezone.localdate()
    everything = request.GET.get("all") == "1"
    rows = queries.queue(queries.staff_questions(request.user), today, open_only=not everything)
    return render(
        request,
        "qa/questions.html",
        {
            "rows": rows,
            "everything": everything,
            "overdue": sum(r.state == "overdue" for r in rows),
            "today": today,
        },
    )


def _question_page(
    request,
    asked: PublicQuestion,
    *,
    unmasked=False,
    answer_form=None,
    close_form=None,
    library_form=None,
    status=200,
):
    handle = can_handle(request.user, asked.agency)
    open_ = asked.state == QuestionState.RECEIVED
    if handle and open_:
        answer_form = answer_form or forms.AnswerForm(
            asked=asked, initial={"library_question": queries.masked_text(asked, asked.question)}
        )
        close_form = close_form or forms.ReasonForm()
    if handle and asked.state == QuestionState.ANSWERED and asked.entry_id is None:
        library_form = library_form or forms.LibraryForm(
            asked=asked,
            initial={"library_question": queries.masked_text(asked, asked.question), "to_library": True},
        )
    return render(
        request,
        "qa/question.html",
        {
            "asked": asked,
            "asker": queries.full_asker(asked) if unmasked else queries.masked_asker(asked),
            "question_text": asked.question if unmasked else queries.masked_text(asked, asked.question),
            "unmasked": unmasked,
            "can_unmask": can_unmask(request.user, asked.agency),
            "can_approve": can_approve(request.user, asked.agency),
            "state": queries.row_state(asked, timezone.localdate()),
            "answer_form": answer_form if open_ else None,
            "close_form": close_form if open_ else None,
            "library_form": library_form,
            "audit": list(entries_for(asked).order_by("-created_at", "-id")[:30]),
        },
        status=status,
    )


@staff_required
@require_GET
def question(request, pk: int):
    return _question_page(request, _question(request, pk))


@staff_required
@require_POST
def unmask(request, pk: int):
    asked = _question(request, pk)
    try:
        services.unmask_asker(asked, actor=request.user)
    except GongkaiError as exc:
        messages.error(request, exc.message)
        return redirect("qa:question", pk=asked.pk)
    return _question_page(request, asked, unmasked=True)


def _to_library(request, asked: PublicQuestion, data: dict) -> None:
    entry = services.publish_answer(
        asked, question=data["library_question"], topic=data["topic"], actor=request.user
    )
    if entry.state == "published":
        messages.success(request, _("The answer is published in the Q&A library."))
    else:
        messages.success(request, _("The answer was put into the Q&A library as a draft for the approver."))


@staff_required
@require_POST
def answer(request, pk: int):
    """The answer (an open question), and with it or later the question into the library: one
    transaction, so a refusal of the second leaves the question unanswered too."""
    asked = _question(request, pk, to_change=True)
    answering = asked.state == QuestionState.RECEIVED
    form = (forms.AnswerForm if answering else forms.LibraryForm)(request.POST, asked=asked)
    if form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                if answering:
                    asked = services.answer_question(asked, answer=data["answer"], actor=request.user)
                if data["to_library"]:
                    _to_library(request, asked, data)
                elif not answering:
                    raise refuse("nothing_to_do", _("Tick the box to put the answer into the library."))
        except GongkaiError as exc:
            form.add_error(None, exc.message)
            asked.refresh_from_db()
        else:
            if answering:
                messages.success(request, _("The answer was saved."))
            return redirect("qa:question", pk=asked.pk)
    if answering:
        return _question_page(request, asked, answer_form=form, status=400)
    return _question_page(request, asked, library_form=form, status=400)


@staff_required
@require_POST
def close(request, pk: int):
    asked = _question(request, pk, to_change=True)
    form = forms.ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.close_question(asked, reason=form.cleaned_data["reason"], actor=request.user)
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The question was closed."))
            return redirect("qa:question", pk=asked.pk)
    return _question_page(request, asked, close_form=form, status=400)
