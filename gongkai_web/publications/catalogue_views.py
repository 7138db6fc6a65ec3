"""Pages of the 主动公开事项目录 and the 待公开 worklist. Staff of an agency read and change its
catalogue; the supervising office reads its subtree; anyone else gets 404."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from gongkai.errors import GongkaiError
from gongkai_web.accounts.access import can_handle, visible_agencies, working_agencies
from gongkai_web.agencies.models import Agency
from gongkai_web.applications.access import staff_required
from gongkai_web.audit.services import entries_for

from . import catalogue_forms as forms
from . import catalogue_queries as queries
from . import interpretation_queries
from .catalogue_models import CatalogueItem
from .errors import refuse
from .models import Document
from .queries import evaluations_due
from .services import catalogue as services


def _visible_agency(request, code: str) -> Agency:
    return get_object_or_404(visible_agencies(request.user), code=code)


def _working_agency(request, code: str) -> Agency:
    return get_object_or_404(working_agencies(request.user), code=code)


def _item(request, pk: int, *, to_change: bool = False) -> CatalogueItem:
    agencies = working_agencies(request.user) if to_change else visible_agencies(request.user)
    return get_object_or_404(
        CatalogueItem.objects.select_related("agency", "owner"), pk=pk, agency__in=agencies
    )


@staff_required
@require_GET
def index(request):
    """Every agency the user may read, with its catalogue's overdue and due-soon counts."""
    today = timezone.localdate()
    agencies = list(visible_agencies(request.user).order_by("path"))
    counts = {a.pk: {"items": 0, "overdue": 0, "due_soon": 0} for a in agencies}
    for row in queries.item_rows(queries.catalogue_items(agencies), today):
        c = counts[row.item.agency_id]
        c["items"] += 1
        if row.state in c:
            c[row.state] += 1
    return render(
        request, "catalogue/index.html", {"rows": [(a, counts[a.pk]) for a in agencies], "today": today}
    )


@staff_required
@require_GET
def agency_catalogue(request, code: str):
    agency = _visible_agency(request, code)
    today = timezone.localdate()
    retired = request.GET.get("retired") == "1"
    rows = queries.item_rows(queries.catalogue_items([agency], retired=retired), today)
    return render(
        request,
        "catalogue/agency.html",
        {
            "agency": agency,
            "rows": rows,
            "retired": retired,
            "can_change": can_handle(request.user, agency),
            "overdue": sum(r.state == "overdue" for r in rows),
            "today": today,
        },
    )


@staff_required
@require_http_methods(["GET", "POST"])
def add_item(request, code: str):
    agency = _working_agency(request, code)
    form = forms.CatalogueItemForm(
        request.POST or None, agency=agency, initial={"since": timezone.localdate(), "owner": request.user}
    )
    if request.method == "POST" and form.is_valid():
        try:
            item = services.add_catalogue_item(agency, actor=request.user, **form.cleaned_data)
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The item was added to the catalogue."))
            return redirect("catalogue:item", pk=item.pk)
    return render(request, "catalogue/item_form.html", {"agency": agency, "form": form, "item": None})


@staff_required
@require_http_methods(["GET", "POST"])
def edit_item(request, pk: int):
    item = _item(request, pk, to_change=True)
    if item.retired_on is not None:
        raise Http404
    form = forms.CatalogueItemForm(
        request.POST or None, agency=item.agency, initial=forms.CatalogueItemForm.initial_for(item)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.change_catalogue_item(item, actor=request.user, **form.cleaned_data)
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The item was saved."))
            return redirect("catalogue:item", pk=item.pk)
    return render(request, "catalogue/item_form.html", {"agency": item.agency, "form": form, "item": item})


def _item_page(
    request, item: CatalogueItem, *, link_form=None, retire_form=None, link_query: str = "", status=200
):
    today = timezone.localdate()
    can_change = can_handle(request.user, item.agency) and item.retired_on is None
    link_query = (link_query or request.GET.get("q", ""))[:100]
    candidates = queries.link_candidates(item, link_query) if can_change else []
    if can_change:
        link_form = link_form or forms.LinkDocumentForm(item=item, initial={"q": link_query})
        link_form.show_only(candidates)
    (row,) = queries.item_rows([item], today)
    horizon = queries.due_soon_horizon(today)
    due_by_document = {
        o.document: {"state": o.state(today, horizon), "due": o.due}
        for o in row.status.open_obligations
        if o.document is not None
    }
    return render(
        request,
        "catalogue/item.html",
        {
            "item": item,
            "row": row,
            "documents": [(d, due_by_document.get(d.pk)) for d in row.documents],
            "can_change": can_change,
            "link_form": link_form,
            "link_query": link_query,
            "candidates": candidates,
            "retire_form": retire_form
            or (forms.RetireItemForm(initial={"on": today}) if can_change else None),
            "history": entries_for(item).order_by("-created_at", "-id")[:20],
            "today": today,
        },
        status=status,
    )


@staff_required
@require_GET
def item_detail(request, pk: int):
    return _item_page(request, _item(request, pk))


@staff_required
@require_POST
def link_document(request, pk: int):
    item = _item(request, pk, to_change=True)
    form = forms.LinkDocumentForm(request.POST, item=item)
    if form.is_valid():
        try:
            services.link_catalogue_document(item, form.cleaned_data["document"], actor=request.user)
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The document was linked to the item."))
            return redirect("catalogue:item", pk=item.pk)
    return _item_page(request, item, link_form=form, link_query=request.POST.get("q", ""), status=400)


@staff_required
@require_POST
def unlink_document(request, pk: int):
    item = _item(request, pk, to_change=True)
    form = forms.UnlinkDocumentForm(request.POST)
    document = (
        Document.objects.filter(pk=form.cleaned_data["document"], catalogue_links__item=item).first()
        if form.is_valid()
        else None
    )
    try:
        if document is None:
            raise refuse("catalogue_not_linked", _("The document is not linked to this item."))
        services.unlink_catalogue_document(item, document, actor=request.user)
    except GongkaiError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The document was unlinked from the item."))
    return redirect("catalogue:item", pk=item.pk)


@staff_required
@require_POST
def retire_item(request, pk: int):
    item = _item(request, pk, to_change=True)
    form = forms.RetireItemForm(request.POST)
    if form.is_valid():
        try:
            services.retire_catalogue_item(
                item, on=form.cleaned_data["on"], reason=form.cleaned_data["reason"], actor=request.user
            )
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The item was retired from the catalogue."))
            return redirect("catalogue:agency", code=item.agency.code)
    return _item_page(request, item, retire_form=form, status=400)


@staff_required
@require_GET
def due(request):
    """待公开: documents formed but not published and catalogue items, overdue or due soon, in the
    user's agencies (the supervising office: its subtree, or one agency's subtree with ``?agency=``)."""
    today = timezone.localdate()
    agencies = visible_agencies(request.user)
    chosen = None
    if code := request.GET.get("agency"):
        chosen = get_object_or_404(agencies, code=code)
        agencies = agencies.filter(path__startswith=chosen.path)
    documents = queries.due_documents(agencies, today)
    items = queries.due_items(agencies, today)
    evaluations = evaluations_due(agencies, today)
    interpretations = interpretation_queries.due_interpretations(agencies, today)
    return render(
        request,
        "catalogue/due.html",
        {
            "documents": documents,
            "items": items,
            "evaluations": evaluations,
            "interpretations": interpretations,
            **interpretation_queries.ratio_rows(agencies, today),
            "chosen": chosen,
            "choices": visible_agencies(request.user).order_by("path"),
            "today": today,
            "overdue": sum(r.state == "overdue" for r in documents)
            + sum(r.state == "overdue" for r in items)
            + sum(r.state == "overdue" for r in interpretations),
        },
    )
