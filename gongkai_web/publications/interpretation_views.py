"""Staff pages of 政策解读, under the document's page: add or change a draft (the agency's handlers and
approvers), sign it off (the approver, the document's 签发人), publish it (handlers and approvers, once the
document is published), and download its file (whoever may see the document). Anyone else: 404; the
supervising office reads the document page but does not act here."""

from __future__ import annotations

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.errors import GongkaiError
from gongkai_web.accounts.access import WORKING_ROLES, has_role
from gongkai_web.accounts.models import Role
from gongkai_web.applications.access import staff_required

from . import services
from .interpretation_forms import InterpretationDraftForm, InterpretationPublishForm
from .interpretation_models import Interpretation
from .models import Document
from .staff_queries import staff_documents


def _document(request, pk: int, *roles: str) -> Document:
    doc = get_object_or_404(staff_documents(request.user), pk=pk)
    if roles and not has_role(request.user, doc.agency, *roles):
        raise Http404
    return doc


def _interpretation(doc: Document, pk: int) -> Interpretation:
    return get_object_or_404(doc.interpretations, pk=pk)


def _back(doc: Document):
    return redirect(reverse("publications:detail", args=[doc.pk]) + "#interpretations")


@staff_required
@require_http_methods(["GET", "POST"])
def edit(request, pk: int, interp_pk: int | None = None):
    doc = _document(request, pk, *WORKING_ROLES)
    interp = _interpretation(doc, interp_pk) if interp_pk is not None else None
    posted = request.method == "POST"
    initial = {"title": interp.title, "form": interp.form, "body": interp.body} if interp else {}
    form = InterpretationDraftForm(
        request.POST if posted else None, request.FILES if posted else None, initial=initial
    )
    status = 200
    if posted:
        if form.is_valid():
            data = form.cleaned_data
            fields = {"title": data["title"], "form": data["form"], "body": data["body"]}
            try:
                if interp is None:
                    services.draft_interpretation(doc, upload=data["file"], actor=request.user, **fields)
                else:
                    services.revise_interpretation(interp, upload=data["file"], actor=request.user, **fields)
            except GongkaiError as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The policy interpretation is saved."))
                return _back(doc)
        status = 400
    return render(
        request,
        "publications/interpretations/edit.html",
        {"doc": doc, "interp": interp, "form": form},
        status=status,
    )


def _act(request, doc: Document, done: str, action, **kwargs):
    try:
        action(actor=request.user, **kwargs)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return _back(doc)


@staff_required
@require_POST
def sign(request, pk: int, interp_pk: int):
    doc = _document(request, pk, Role.APPROVER)
    interp = _interpretation(doc, interp_pk)
    return _act(
        request,
        doc,
        _("The policy interpretation is signed off."),
        services.sign_interpretation,
        interpretation=interp,
    )


@staff_required
@require_POST
def publish(request, pk: int, interp_pk: int):
    doc = _document(request, pk, *WORKING_ROLES)
    interp = _interpretation(doc, interp_pk)
    form = InterpretationPublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the date the interpretation is published (YYYY-MM-DD)."))
        return _back(doc)
    return _act(
        request,
        doc,
        _("The policy interpretation is published."),
        services.publish_interpretation,
        interpretation=interp,
        on=form.cleaned_data["on"],
    )


@staff_required
@require_GET
def file(request, pk: int, interp_pk: int):
    interp = _interpretation(_document(request, pk), interp_pk)
    if not interp.file:
        raise Http404
    return FileResponse(
        interp.file.open("rb"),
        as_attachment=True,
        filename=interp.file_name or interp.file.name.rsplit("/", 1)[-1],
        content_type=interp.file_type or "application/octet-stream",
    )
