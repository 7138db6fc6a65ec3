"""The public 政府信息公开 column of every agency (国办公开办函〔2019〕61号: 指南 · 制度 · 法定主动公开内容 ·
年报, with the 目录 and the 依申请公开 entry), the site-wide search, and the 适老化 switch. Public pages:
no login, the same for every visitor; only published public documents ever show
(``column_queries``)."""

from __future__ import annotations

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from gongkai import labels
from gongkai_web.agencies.directory import grouped_choices
from gongkai_web.publications.catalogue_queries import catalogue_items, item_rows
from gongkai_web.publications.interpretation_queries import public_interpretations

from . import column_cache
from . import column_queries as q
from . import guide as guide_facts
from .column_cache import cached_page
from .column_forms import VALIDITY_CHOICES, Choices, read_filters
from .column_meta import column_meta, document_meta

#: The 适老化 switch's cookie (larger text and high contrast); read by base.html, set here or by care.js.
CARE_COOKIE = column_cache.CARE_COOKIE
CARE_SECONDS = 365 * 24 * 3600


def _column(request, code: str, template: str, column: str, context: dict, *, status: int = 200):
    agency = context.get("agency") or q.column_agency(code)
    context = {
        "agency": agency,
        "column": column,
        "L": labels,
        "nav": _nav(agency),
        "meta": context.pop("meta", None) or column_meta(request, agency, column),
        **context,
    }
    return render(request, f"portal/column/{template}", context, status=status)


def _nav(agency) -> list[tuple[str, str]]:
    code = agency.code
    return [
        (reverse("portal:column_guide", args=[code]), labels.COLUMN_GUIDE),
        (reverse("portal:column_rules", args=[code]), labels.COLUMN_RULES),
        (reverse("portal:column_catalogue", args=[code]), labels.COLUMN_STATUTORY),
        (reverse("portal:column_reports", args=[code]), labels.COLUMN_REPORTS),
        (reverse("portal:column_documents", args=[code]), labels.COLUMN_DIRECTORY),
        (reverse("portal:column_apply", args=[code]), labels.COLUMN_ON_REQUEST),
    ]


@require_GET
def home(request, code: str):
    agency = q.column_agency(code)
    return _column(
        request,
        code,
        "home.html",
        labels.COLUMN_ROOT,
        {"agency": agency, "latest": [(d, q.document_url(d)) for d in q.latest(agency)]},
    )


@require_GET
def guide(request, code: str):
    agency = q.column_agency(code)
    items = item_rows(catalogue_items([agency]), timezone.localdate())
    return _column(
        request,
        code,
        "guide.html",
        labels.COLUMN_GUIDE,
        {
            "agency": agency,
            "categories": sorted({row.item.category for row in items}),
            "receipt_rules": guide_facts.receipt_rules(agency),
            "remedies": guide_facts.remedies(agency),
        },
    )


@require_GET
def rules(request, code: str):
    agency = q.column_agency(code)
    rows = [(doc, q.document_url(doc)) for doc in q.disclosure_rules(agency)]
    return _column(
        request,
        code,
        "rules.html",
        labels.COLUMN_RULES,
        {"agency": agency, "national": labels.NATIONAL_DISCLOSURE_RULES, "local": rows},
    )


@require_GET
def catalogue(request, code: str):
    """法定主动公开内容 by the agency's 主动公开事项目录: each current item with its public documents."""
    agency = q.column_agency(code)
    rows = item_rows(catalogue_items([agency]), timezone.localdate())
    public = q.scoped(None).filter(pk__in=[d.pk for r in rows for d in r.documents])
    shown = set(public.values_list("pk", flat=True))
    items = [
        (row.item, [(d, q.document_url(d)) for d in row.documents if d.pk in shown])
        for row in rows
        if row.item.mode == "proactive"
    ]
    return _column(
        request, code, "catalogue.html", labels.COLUMN_STATUTORY, {"agency": agency, "items": items}
    )


@require_GET
def apply(request, code: str):
    return _column(request, code, "apply.html", labels.COLUMN_ON_REQUEST, {})


def _choices(scope) -> Choices:
    issuers = list(q.issuers(scope))
    return Choices(
        issuers=[(a.pk, a.name) for a in issuers],
        years=q.years(scope),
        topics=q.distinct_values(scope, "topic"),
        genres=q.distinct_values(scope, "genre"),
        # The whole site's issuers, hundreds of them, grouped as the directory lists them.
        issuer_groups=grouped_choices(issuers) if scope is None else [],
    )


def _search_context(request, scope) -> dict:
    choices = _choices(scope)
    filters = read_filters(request.GET, choices)
    results = q.find_documents(filters, scope=scope, today=timezone.localdate())
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filters": filters,
        "choices": choices,
        "validity_choices": VALIDITY_CHOICES,
        "results": results,
        "query": query.urlencode(),
        "searched": bool(filters.text),
    }


@require_GET
def documents(request, code: str):
    return cached_page(request, lambda: _documents(request, code))


def _documents(request, code: str):
    agency = q.column_agency(code)
    return _column(
        request,
        code,
        "documents.html",
        labels.COLUMN_DIRECTORY,
        {"agency": agency, **_search_context(request, agency)},
    )


@require_GET
def site_search(request):
    return cached_page(request, lambda: _site_search(request))


def _site_search(request):
    context = _search_context(request, None)
    return render(
        request,
        "portal/column/search.html",
        {**context, "L": labels, "meta": column_meta(request, None, _("Search"))},
    )


@require_GET
def document(request, code: str, ref: str):
    return cached_page(request, lambda: _document(request, code, ref))


def _document(request, code: str, ref: str):
    agency = q.column_agency(code)
    withdrawn = q.withdrawn_document(agency, ref)
    if withdrawn is not None:
        return _withdrawn(request, code, agency, withdrawn)
    doc = q.public_document(agency, ref)
    today = timezone.localdate()
    validity = q.validities([doc], today)[doc.pk]
    received = q.effects_received(doc)
    offered = q.files_offered(doc)
    return _column(
        request,
        code,
        "document.html",
        labels.COLUMN_DIRECTORY,
        {
            "agency": agency,
            "doc": doc,
            "ref": ref,
            "today": today,
            "validity": validity,
            "banner": validity.banner() if validity else "",
            "basis_url": q.basis_url(validity, received),
            "effects_received": received,
            # Only those whose target is public: a withdrawn or unpublished one is not named.
            "effects_given": [row for row in q.effects_given(doc) if row.url],
            "co_issuers": list(doc.co_issuers.all()),
            "text": q.shown_text(doc),
            "attachments": list(doc.files.all()) if offered else [],
            "text_file": offered and bool(doc.text_file),
            "interpretations": public_interpretations(doc),
            "meta": document_meta(request, doc),
        },
    )


def _withdrawn(request, code: str, agency, doc):
    """410 Gone, not 404: the address was public and is withdrawn on purpose (停止公开), so a visitor
    with an old link learns it is not a typo, and search engines and caches drop it rather than retry.
    Neither the title nor the reason is shown: either may be what had to be withdrawn."""
    return _column(
        request,
        code,
        "withdrawn.html",
        labels.COLUMN_DIRECTORY,
        {"agency": agency, "withdrawn_on": doc.withdrawn_on},
        status=410,
    )


@require_GET
def attachment(request, code: str, ref: str, file_pk: int):
    """A 附件 of a public (主动公开) document: anyone may download it."""
    doc = q.public_document(q.column_agency(code), ref)
    if not q.files_offered(doc):
        raise Http404
    found = get_object_or_404(doc.files, pk=file_pk)
    return FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )


@require_GET
def interpretation_file(request, code: str, ref: str, interpretation_pk: int):
    """The file of a published 解读 (a 图解, an audio or video file) of a public document."""
    doc = q.public_document(q.column_agency(code), ref)
    found = get_object_or_404(doc.interpretations, pk=interpretation_pk, published_on__isnull=False)
    if not found.file:
        raise Http404
    return FileResponse(
        found.file.open("rb"),
        as_attachment=False,
        filename=found.file_name or found.file.name.rsplit("/", 1)[-1],
        content_type=found.file_type or "application/octet-stream",
    )


@require_GET
def text_file(request, code: str, ref: str):
    """The file the text of a public (主动公开) document was published in."""
    doc = q.public_document(q.column_agency(code), ref)
    if not q.files_offered(doc) or not doc.text_file:
        raise Http404
    return FileResponse(
        doc.text_file.open("rb"),
        as_attachment=True,
        filename=doc.text_file_name or doc.text_file.name.rsplit("/", 1)[-1],
        content_type=doc.text_file_type or "application/octet-stream",
    )


@require_GET
def care(request) -> HttpResponse:
    """The 适老化 switch without JavaScript: ``?on=1`` larger text and high contrast, ``?on=0`` off; back
    to the page the visitor came from."""
    back = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=False):
        back = "/"
    response = redirect(back or "/")
    if request.GET.get("on") == "1":
        response.set_cookie(
            CARE_COOKIE,
            "1",
            max_age=CARE_SECONDS,
            samesite="Lax",
            secure=not settings.DEBUG and request.is_secure(),
        )
    else:
        response.delete_cookie(CARE_COOKIE, samesite="Lax")
    return response
