"""The staff side of the library: the list of an agency's documents, a document's page (metadata,
validity today with its basis, effects, its life, the steps the user may take), one page per step
(the registry ``workflow.STEPS``) and the draft. Every view checks access first: staff of the agency,
supervisors read their subtree, everyone else gets 404 (applicants and visitors included)."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Page, Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from gongkai import labels
from gongkai.errors import GongkaiError
from gongkai.publications.docnumber import parse_search_number
from gongkai_web.accounts.access import WORKING_ROLES, has_role, visible_agencies, working_agencies
from gongkai_web.accounts.models import Role
from gongkai_web.applications.access import staff_required
from gongkai_web.audit.services import entries_for

from . import forms, interpretation_queries, services, workflow
from .models import Document, Publicity, Stage
from .staff_queries import staff_documents, validities, validities_in_order

PAGE_SIZE = 50


def _document(request, pk: int) -> Document:
    return get_object_or_404(staff_documents(request.user), pk=pk)


def _filtered(request):
    form = forms.LibraryFilterForm(request.GET or None)
    docs = staff_documents(request.user)
    data = form.cleaned_data if form.is_valid() else {}
    if q := (data.get("q") or "").strip():
        number = parse_search_number(q)
        docs = docs.filter(Q(title__icontains=q) | Q(number=str(number) if number else q))
    if data.get("kind"):
        docs = docs.filter(kind=data["kind"])
    if data.get("stage"):
        docs = docs.filter(stage=data["stage"])
    if data.get("year"):
        year = data["year"]
        docs = docs.filter(Q(published_on__year=year) | Q(published_on__isnull=True, formed_on__year=year))
    return form, data.get("validity") or "", docs.order_by("-published_on", "-formed_on", "-id")


def _status(validity) -> str:
    return validity.status.value if validity is not None else "unpublished"


@staff_required
@require_GET
def library(request):
    form, wanted, docs = _filtered(request)
    today = timezone.localdate()
    if wanted:
        # Validity is computed, not stored: filter on the computed status (one query for the effects),
        # then read the page's documents by their ids, in the list's order.
        keep = [pk for pk, v in validities_in_order(docs.select_related(None), today) if _status(v) == wanted]
        ids: Page = Paginator(keep, PAGE_SIZE).get_page(request.GET.get("page"))
        by_pk = docs.in_bulk(list(ids.object_list))
        page: Page = Page([by_pk[pk] for pk in ids.object_list], ids.number, ids.paginator)
    else:
        page = Paginator(docs, PAGE_SIZE).get_page(request.GET.get("page"))
    rows: list[Document] = list(page.object_list)
    shown = validities(rows, today)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "publications/library.html",
        {
            "form": form,
            "page": page,
            "rows": [(d, shown[d.pk]) for d in rows],
            "query": query.urlencode(),
            "can_draft": working_agencies(request.user).exists(),
            "today": today,
        },
    )


@staff_required
@require_GET
def detail(request, pk: int):
    doc = _document(request, pk)
    today = timezone.localdate()
    validity = validities([doc], today)[doc.pk]
    visible = visible_agencies(request.user)
    return render(
        request,
        "publications/detail.html",
        {
            "doc": doc,
            "today": today,
            "validity": validity,
            "banner": validity.banner() if validity else "",
            "events": _events(doc),
            "effects_received": doc.effects.select_related("source", "source__agency"),
            "effects_given": doc.effects_given.select_related("target", "target__agency"),
            "visible": set(visible.values_list("pk", flat=True)),
            "steps": workflow.offered(doc, request.user),
            "co_issuers": list(doc.co_issuers.all()),
            "attachments": list(doc.files.all()),
            "audit": list(entries_for(doc)[:50]),
            "interpretations": interpretation_queries.for_document(doc, today),
            "can_draft_interpretation": has_role(request.user, doc.agency, *WORKING_ROLES),
            "can_sign_interpretation": has_role(request.user, doc.agency, Role.APPROVER),
        },
    )


def _events(doc: Document) -> list:
    """The recorded life, each event with the label of the publicity it names (a proposal)."""
    events = list(doc.events.select_related("actor"))
    for e in events:
        publicity = e.data.get("publicity")
        e.publicity_label = Publicity(publicity).label if publicity in Publicity.values else ""  # type: ignore[attr-defined]
    return events


def _form(step: workflow.Step, doc: Document, user, data=None, files=None):
    if step.form is forms.EffectForm:
        candidates = Document.objects.filter(
            stage=Stage.PUBLISHED, agency__in=visible_agencies(user)
        ).exclude(pk=doc.pk)
        return step.form(data, candidates=candidates)
    if step.form in (forms.TextForm, forms.AttachmentForm):
        return step.form(data, files)
    return step.form(data)


@staff_required
@require_http_methods(["GET", "POST"])
def step(request, pk: int, key: str):
    doc = _document(request, pk)
    found = workflow.STEPS.get(key)
    if found is None or not found.may_take(request.user, doc):  # supervisors read, they do not act
        raise Http404
    posted = request.method == "POST"  # an empty POST is bound too: its errors show
    form = _form(
        found, doc, request.user, request.POST if posted else None, request.FILES if posted else None
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                found.perform(doc, form.cleaned_data, request.user)
            except GongkaiError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Saved: %(step)s.") % {"step": found.title})
                return redirect("publications:detail", pk=doc.pk)
        status = 400
    candidates = form.candidates.order_by("-published_on")[:200] if isinstance(form, forms.EffectForm) else []
    return render(
        request,
        "publications/step.html",
        {
            "doc": doc,
            "step": found,
            "form": form,
            "candidates": candidates,
            "allowed": found.allows(doc),
            "signing_waits": interpretation_queries.signing_waits(doc) if found.key == "sign" else "",
        },
        status=status,
    )


@staff_required
@require_http_methods(["GET", "POST"])
def new(request):
    agencies = working_agencies(request.user)
    if not agencies.exists():  # a supervising office reads; it does not draft
        raise Http404
    form = forms.DraftForm(
        agencies, request.POST if request.method == "POST" else None, initial={"agency": agencies.first()}
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = dict(form.cleaned_data)
            try:
                doc = services.draft_document(data.pop("agency"), actor=request.user, **data)
            except GongkaiError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("Saved: %(step)s.") % {"step": labels.DOCUMENT_STEPS["drafted"]})
                return redirect("publications:detail", pk=doc.pk)
        status = 400
    return render(request, "publications/new.html", {"form": form}, status=status)


@staff_required
@require_GET
def attachment(request, pk: int, file_pk: int):
    """A 附件, for those who may see the document."""
    doc = _document(request, pk)
    found = get_object_or_404(doc.files, pk=file_pk)
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )


@staff_required
@require_GET
def text_file(request, pk: int):
    doc = _document(request, pk)
    if not doc.text_file:
        raise Http404
    return FileResponse(
        doc.text_file.open("rb"),
        as_attachment=True,
        filename=doc.text_file_name or doc.text_file.name.rsplit("/", 1)[-1],
        content_type=doc.text_file_type or "application/octet-stream",
    )
