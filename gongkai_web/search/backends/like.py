"""The naive back end: a substring scan (``LIKE '%…%'``) of title, body and 文号 for the whole query
text, ranked by whether the title has it. Correct and slow: the baseline every benchmark of search
compares against. Empty queries, 文号 and one- or two-character queries go the shared way (see
``base.Backend``), so there it answers exactly as the full-text back ends do.

It has no structure of its own: writing goes to the database's own full-text back end, so that its
index stays in step whichever back end answers."""

from __future__ import annotations

from django.db.models import QuerySet

from gongkai.search import query as q
from gongkai.search.entry import Entry

from ..models import SearchEntry
from .base import Answer, Backend, substring


class LikeBackend(Backend):
    name = "like"

    def index(self, entries: list[Entry]) -> int:
        from . import native

        return native().index(entries)

    def remove(self, kind: str, keys: list[int]) -> int:
        from . import native

        return native().remove(kind, keys)

    def answer(self, rows: QuerySet[SearchEntry], query: q.Query) -> Answer:
        if query.mode == q.WORDS and not query.matches_nothing:
            return Answer(substring(rows, query.text))
        if query.mode == q.SUBSTRING:
            return Answer(substring(rows, query.needle))
        return super().answer(rows, query)

    def match(self, rows: QuerySet[SearchEntry], query: q.Query) -> QuerySet[SearchEntry]:
        return substring(rows, query.text)
