"""The public Q&A library (``/qa/``): search with the site's engine (kind QA) and filter by agency and
topic, an entry with the documents that ground it, and the ask form, whose question reaches the
agency's queue with a due date; the receipt names the query code and the due date only (the asker's
details are never shown back). Asking is limited per client address (``GONGKAI_QA_QUESTIONS_PER_ADDRESS``)."""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.errors import GongkaiError
from gongkai_web.accounts import throttle

from . import forms, queries, services
from .models import PublicQuestion

ASK_REASON = gettext_lazy("Too many questions were sent from this network address.")


def _page_number(request) -> int:
    value = request.GET.get("page", "1")
    return max(1, min(int(value), 1000)) if value.isascii() and value.isdigit() and len(value) < 5 else 1


def _agency_id(request) -> int | None:
    value = request.GET.get("agency", "")
    return int(value) if value.isascii() and value.isdigit() and len(value) < 10 else None


@require_GET
def library(request):
    text = request.GET.get("q", "").strip()[:100]
    topic = request.GET.get("topic", "").strip()[:60]
    agency_id = _agency_id(request)
    page = _page_number(request)
    found, rows = queries.public_search(text, agency_id=agency_id, topic=topic, page=page)
    query = request.GET.copy()
    query.pop("page", None)
    pages = max(1, -(-found.total // queries.PUBLIC_PAGE_SIZE))
    if page > pages and found.total:  # a page past the end (an old link): the last page, as the column's
        found, rows = queries.public_search(text, agency_id=agency_id, topic=topic, page=pages)
    return render(
        request,
        "qa_public/library.html",
        {
            "text": text,
            "topic": topic,
            "agency_id": agency_id,
            "found": found,
            "rows": rows,
            "topics": queries.public_topics(),
            "agencies": queries.agencies_with_entries(),
            "query": query.urlencode(),
            "page": found.request.page,
            "pages": pages,
        },
    )


@require_GET
def entry(request, pk: int):
    found = get_object_or_404(queries.published_entries(), pk=pk)
    return render(
        request, "qa_public/entry.html", {"entry": found, "documents": queries.public_documents(found)}
    )


@require_http_methods(["GET", "POST"])
def ask(request):
    posted = request.method == "POST"
    initial = {"agency": _agency_id(request)} if not posted and _agency_id(request) else None
    form = forms.AskForm(request.POST if posted else None, initial=initial)
    if posted and form.is_valid():
        if wait := throttle.throttled(request, "qa.ask", settings.GONGKAI_QA_QUESTIONS_PER_ADDRESS):
            throttle.record_refusal(request, "qa.ask_throttled", actor_label=_("the public"))
            return throttle.refusal(request, reason=ASK_REASON, wait_minutes=wait)
        data = form.cleaned_data
        try:
            asked = services.ask_question(
                data["agency"],
                question=data["question"],
                contact=data["contact"],
                name=data["name"],
                token=data["token"],
                actor=request.user,
            )
        except GongkaiError as exc:
            form.add_error(None, exc.message)
        else:
            return redirect("qa_public:receipt", code=asked.query_code)
    response = render(
        request,
        "qa_public/ask.html",
        {"form": form, "workdays": settings.GONGKAI_QA_ANSWER_WORKDAYS},
        status=400 if posted else 200,
    )
    add_never_cache_headers(response)  # what was typed stays out of the browser's history
    return response


@require_GET
def receipt(request, code: str):
    """The confirmation: query code, agency, day asked, day the answer is due, and where it stands —
    nothing the asker typed (the code is random: it opens no personal data)."""
    asked = get_object_or_404(PublicQuestion.objects.select_related("agency", "entry"), query_code=code)
    return render(request, "qa_public/receipt.html", {"asked": asked})
