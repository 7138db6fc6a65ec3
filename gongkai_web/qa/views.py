"""The staff side of the Q&A library (``/staff/qa/``): the library of the user's agencies, an entry's page
(its text, the documents that ground it, its versions, the steps the user may take), new entries,
revisions, publishing and withdrawing, topics. The queue of public questions is ``question_views``.
Staff of the agency change it (handlers draft, the approver publishes), a supervising office reads its
subtree, anyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.errors import GongkaiError
from gongkai_web.accounts.access import can_approve, can_handle, visible_agencies, working_agencies
from gongkai_web.applications.access import staff_required
from gongkai_web.audit.services import entries_for
from gongkai_web.publications.models import Document

from . import diff, forms, queries, services
from .errors import refuse
from .models import EntryState, QAEntry


def _entry(request, pk: int, *, to_change: bool = False) -> QAEntry:
    agencies = working_agencies(request.user) if to_change else visible_agencies(request.user)
    return get_object_or_404(QAEntry.objects.select_related("agency", "topic"), pk=pk, agency__in=agencies)


@staff_required
@require_GET
def library(request):
    agencies = visible_agencies(request.user).order_by("path")
    form = forms.LibraryFilterForm(request.GET or None, agencies=agencies)
    entries = queries.staff_entries(request.user)
    data = form.cleaned_data if form.is_valid() else {}
    if data.get("agency"):
        entries = entries.filter(agency=data["agency"])
    if data.get("topic"):
        entries = entries.filter(topic=data["topic"])
    if data.get("state"):
        entries = entries.filter(state=data["state"])
    return render(
        request,
        "qa/library.html",
        {
            "form": form,
            "entries": list(entries.order_by("agency__path", "topic__name", "-updated_at")[:500]),
            "can_create": working_agencies(request.user).exists(),
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def new(request):
    agencies = working_agencies(request.user)
    if not agencies.exists():  # a supervising office reads; it does not write
        raise Http404
    posted = request.method == "POST"
    form = forms.EntryForm(
        request.POST if posted else None, agencies=agencies, initial={"agency": agencies.first()}
    )
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.create_entry(
                data["agency"],
                question=data["question"],
                answer=data["answer"],
                topic=data["topic"],
                actor=request.user,
            )
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The entry was saved as a draft (version 1)."))
            return redirect("qa:entry", pk=entry.pk)
    return render(request, "qa/entry_form.html", {"form": form, "entry": None}, status=400 if posted else 200)


def _entry_page(
    request, entry: QAEntry, *, link_form=None, withdraw_form=None, link_query: str = "", status=200
):
    can_change = can_handle(request.user, entry.agency)
    approver = can_approve(request.user, entry.agency)
    link_query = (link_query or request.GET.get("q", ""))[:100]
    candidates = queries.link_candidates(entry, link_query) if can_change else []
    if can_change:
        link_form = link_form or forms.LinkDocumentForm(entry=entry, initial={"q": link_query})
        link_form.show_only(candidates)
    published = entry.state == EntryState.PUBLISHED
    return render(
        request,
        "qa/entry.html",
        {
            "entry": entry,
            "documents": list(entry.documents.select_related("agency").order_by("-published_on")),
            "versions": list(entry.versions.select_related("actor").order_by("-number")),
            "can_change": can_change,
            "can_revise": can_change and (approver or not published),
            "can_publish": approver and entry.state in (EntryState.DRAFT, EntryState.WITHDRAWN),
            "can_withdraw": approver and published,
            "link_form": link_form,
            "link_query": link_query,
            "candidates": candidates,
            "withdraw_form": withdraw_form or (forms.ReasonForm() if approver and published else None),
            "from_questions": list(entry.from_questions.all()),
            "audit": list(entries_for(entry).order_by("-created_at", "-id")[:30]),
        },
        status=status,
    )


@staff_required
@require_GET
def entry(request, pk: int):
    return _entry_page(request, _entry(request, pk))


@staff_required
@require_GET
def versions(request, pk: int):
    """Every version, newest first, each with what changed from the one before."""
    found = _entry(request, pk)
    rows, previous = [], None
    for version in found.versions.select_related("actor").order_by("number"):
        rows.append(
            {
                "version": version,
                "question": diff.pieces(previous.question if previous else None, version.question),
                "answer": diff.pieces(previous.answer if previous else None, version.answer),
            }
        )
        previous = version
    return render(request, "qa/versions.html", {"entry": found, "rows": rows[::-1]})


@staff_required
@require_http_methods(["GET", "POST"])
def revise(request, pk: int):
    found = _entry(request, pk, to_change=True)
    if found.state == EntryState.PUBLISHED and not can_approve(request.user, found.agency):
        raise Http404  # the approver revises a published entry
    posted = request.method == "POST"
    initial = {"question": found.question, "answer": found.answer, "topic": found.topic}
    form = forms.ReviseForm(request.POST if posted else None, entry=found, initial=initial)
    if posted and form.is_valid():
        data = form.cleaned_data
        try:
            services.revise_entry(found, actor=request.user, **data)
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Saved as a new version."))
            return redirect("qa:entry", pk=found.pk)
    return render(
        request, "qa/entry_form.html", {"form": form, "entry": found}, status=400 if posted else 200
    )


@staff_required
@require_POST
def publish(request, pk: int):
    found = _entry(request, pk, to_change=True)
    try:
        services.publish_entry(found, actor=request.user)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The entry is published in the public Q&A library."))
    return redirect("qa:entry", pk=found.pk)


@staff_required
@require_POST
def withdraw(request, pk: int):
    found = _entry(request, pk, to_change=True)
    form = forms.ReasonForm(request.POST)
    if form.is_valid():
        try:
            services.withdraw_entry(found, reason=form.cleaned_data["reason"], actor=request.user)
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The entry was withdrawn from the public Q&A library."))
            return redirect("qa:entry", pk=found.pk)
    return _entry_page(request, found, withdraw_form=form, status=400)


@staff_required
@require_POST
def link(request, pk: int):
    found = _entry(request, pk, to_change=True)
    form = forms.LinkDocumentForm(request.POST, entry=found)
    if form.is_valid():
        try:
            services.link_document(found, form.cleaned_data["document"], actor=request.user)
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The document was linked to the entry."))
            return redirect("qa:entry", pk=found.pk)
    return _entry_page(request, found, link_form=form, link_query=request.POST.get("q", ""), status=400)


@staff_required
@require_POST
def unlink(request, pk: int):
    found = _entry(request, pk, to_change=True)
    form = forms.UnlinkDocumentForm(request.POST)
    document = Document.objects.filter(pk=form.cleaned_data["document"]).first() if form.is_valid() else None
    try:
        if document is None:
            raise refuse("not_linked", _("The document is not linked to this entry."))
        services.unlink_document(found, document, actor=request.user)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The document was unlinked from the entry."))
    return redirect("qa:entry", pk=found.pk)


@staff_required
@require_http_methods(["GET", "POST"])
def topics(request):
    """The topics of the user's agencies; the agencies' own staff add new ones."""
    working = working_agencies(request.user)
    posted = request.method == "POST"
    if posted and not working.exists():
        raise Http404
    form = forms.TopicForm(
        request.POST if posted else None, agencies=working, initial={"agency": working.first()}
    )
    if posted and form.is_valid():
        try:
            services.create_topic(
                form.cleaned_data["agency"], name=form.cleaned_data["name"], actor=request.user
            )
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The topic was added."))
            return redirect("qa:topics")
    return render(
        request,
        "qa/topics.html",
        {
            "topics": list(
                queries.topics_of(visible_agencies(request.user)).order_by("agency__path", "name")
            ),
            "form": form if working.exists() else None,
        },
        status=400 if posted else 200,
    )
