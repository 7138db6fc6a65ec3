"""The naive back end: a substring scan (``LIKE '%…%'``) over title, body and 文号, ranked by where the
text occurs. Correct and slow: the baseline every benchmark of search compares against."""

from __future__ import annotations

from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.html import escape

from gongkai.search.entry import DATE, Hit, SearchPage, SearchRequest

from .base import Backend, filtered


class LikeBackend(Backend):
    name = "like"

    def search(self, request: SearchRequest) -> SearchPage:
        text = request.text.strip()
        rows = filtered(request)
        if text:
            rows = rows.filter(Q(title__contains=text) | Q(body__contains=text) | Q(number__contains=text))
        total = rows.count()
        if request.sort == DATE or not text:
            rows = rows.order_by("-published_on", "-key")
        else:
            rank = Case(
                When(title__contains=text, then=Value(2)), default=Value(1), output_field=IntegerField()
            )
            rows = rows.annotate(rank=rank).order_by("-rank", "-published_on", "-key")
        start = (request.page - 1) * request.per_page
        hits = [
            Hit(
                kind=row.kind,
                key=row.key,
                title=row.title,
                snippet=_snippet(row.body, text),
                score=float(getattr(row, "rank", 0)),
                agency_id=row.agency_id,
                number=row.number,
                published_on=row.published_on,
            )
            for row in rows[start : start + request.per_page]
        ]
        return SearchPage(
            request, hits, total, self.name, substring_fallback=True, terms=(text,) if text else ()
        )


def _snippet(body: str, text: str, width: int = 60) -> str:
    at = body.find(text) if text else -1
    if at < 0:
        return escape(body[: width * 2])
    start = max(0, at - width)
    piece = body[start : at + len(text) + width]
    return escape(piece).replace(escape(text), f"<mark>{escape(text)}</mark>")
