"""规范性文件清理 pages: staff who work for an agency open a clean-up of its documents in force, enter a
decision on each, close it with the published decision document, and download the published lists.
A clean-up of an agency the user does not work for is a 404. The documents not reviewed for N years
are listed on the first page."""

from __future__ import annotations

from urllib.parse import quote

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from gongkai.publications.docnumber import DocumentNumberError, normalise_document_number
from gongkai.publications.files import CLEANUP_LISTS
from gongkai_web.accounts.access import working_agencies
from gongkai_web.agencies.models import Agency
from gongkai_web.clocks import today
from gongkai_web.form_messages import Form

from .cleanup_models import Cleanup, CleanupDecision, CleanupItem
from .errors import PublicationError
from .models import Document, Stage
from .services import cleanup as service

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STALE_YEARS = 5


class OpenForm(Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=200)
    agency = forms.ModelChoiceField(label=gettext_lazy("Agency"), queryset=Agency.objects.none())
    include_subtree = forms.BooleanField(label=gettext_lazy("With the agencies under it"), required=False)
    as_of = forms.DateField(
        label=gettext_lazy("Documents in force on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["agency"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = working_agencies(user).order_by("name")


class CloseForm(Form):
    decision_number = forms.CharField(
        label=gettext_lazy("Document number of the decision (published in the library)"), max_length=60
    )
    effective_on = forms.DateField(
        label=gettext_lazy("Decisions apply from"), widget=forms.DateInput(attrs={"type": "date"})
    )


def _own_cleanups(user):
    return Cleanup.objects.filter(agency__in=working_agencies(user)).select_related("agency")


def _cleanup(request, pk: int) -> Cleanup:
    return get_object_or_404(_own_cleanups(request.user), pk=pk)


def _working(request) -> None:
    if not working_agencies(request.user).exists():
        raise Http404


@login_required
def cleanups(request):
    _working(request)
    form = OpenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            cleanup = service.open_cleanup(
                form.cleaned_data["agency"],
                title=form.cleaned_data["title"],
                as_of=form.cleaned_data["as_of"],
                include_subtree=form.cleaned_data["include_subtree"],
                actor=request.user,
            )
        except PublicationError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("publications_cleanup:detail", cleanup.pk)
    stale = service.stale_documents(working_agencies(request.user), years=STALE_YEARS)
    return render(
        request,
        "publications_cleanup/list.html",
        {"form": form, "cleanups": _own_cleanups(request.user), "stale": stale[:200], "years": STALE_YEARS},
    )


@login_required
@require_GET
def detail(request, pk: int):
    cleanup = _cleanup(request, pk)
    items = cleanup.items.select_related("document__agency").order_by("document__published_on", "id")
    return render(
        request,
        "publications_cleanup/detail.html",
        {
            "cleanup": cleanup,
            "items": items,
            "decisions": CleanupDecision.choices,
            "undecided": items.filter(decision="").count(),
            "close_form": CloseForm(initial={"effective_on": today()}),
            "lists": CLEANUP_LISTS,
        },
    )


@login_required
@require_POST
def decide(request, pk: int, item: int):
    cleanup = _cleanup(request, pk)
    entry = get_object_or_404(CleanupItem, cleanup=cleanup, pk=item)
    try:
        service.decide_item(
            entry,
            decision=request.POST.get("decision", ""),
            note=request.POST.get("note", "")[:300],
            on=today(),
            actor=request.user,
        )
    except PublicationError as exc:
        messages.error(request, exc.message)
    return redirect(f"{cleanup_url(cleanup)}#item-{entry.pk}")


def cleanup_url(cleanup: Cleanup) -> str:
    return reverse("publications_cleanup:detail", args=[cleanup.pk])


@login_required
@require_POST
def close(request, pk: int):
    cleanup = _cleanup(request, pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the decision document's number and the date the decisions apply."))
        return redirect(cleanup_url(cleanup))
    try:
        number = normalise_document_number(form.cleaned_data["decision_number"])
    except DocumentNumberError as exc:
        messages.error(request, exc.message)
        return redirect(cleanup_url(cleanup))
    decision = Document.objects.filter(number=number, stage=Stage.PUBLISHED).first()
    if decision is None:
        messages.error(
            request, _("No published document of the library has the number %(number)s.") % {"number": number}
        )
        return redirect(cleanup_url(cleanup))
    try:
        service.close_cleanup(
            cleanup,
            decision_document=decision,
            effective_on=form.cleaned_data["effective_on"],
            on=today(),
            actor=request.user,
        )
    except PublicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The clean-up is closed and its effects are recorded."))
    return redirect(cleanup_url(cleanup))


@login_required
@require_GET
def download(request, pk: int, which: str, fmt: str):
    cleanup = _cleanup(request, pk)
    if which not in CLEANUP_LISTS or fmt not in ("csv", "xlsx") or cleanup.closed_on is None:
        raise Http404
    name, data = service.cleanup_list_file(cleanup, which, fmt)
    response = HttpResponse(data, content_type=XLSX if fmt == "xlsx" else "text/csv; charset=utf-8")
    ascii_name = f"cleanup-{cleanup.pk}-{which}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name)}"
    return response
