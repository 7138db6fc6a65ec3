"""SQLite FTS5 over the segmented words (migration 0002: ``search_fts``, an external-content table
whose content is ``search_searchentry``; columns ``title_words`` and ``words``).

FTS5 keeps no copy of the text: the back end tells it which rows change, explicitly, around each
upsert or deletion (no signal, no trigger) — before, the old words are taken out ('delete' with the
values the index was given), after, the new ones go in; each is one statement per batch of keys.
Ranking: ``bm25`` with a word in the title weighing four times one in the body. A two-character query
is the lookup of that pair of characters, which the index holds (segment.py)."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from gongkai.search import query as q

from ..models import SearchEntry
from .base import Backend

TABLE = "search_fts"
ENTRIES = SearchEntry._meta.db_table
TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0


class Fts5Backend(Backend):
    name = "fts5"

    def __init__(self) -> None:
        if connection.vendor != "sqlite":
            raise ImproperlyConfigured(_("The fts5 search back end works only on a SQLite database."))

    def before_write(self, kind: str, keys: list[int]) -> None:
        self._copy(f"INSERT INTO {TABLE}({TABLE}, rowid, title_words, words) SELECT 'delete',", kind, keys)

    def after_write(self, kind: str, keys: list[int]) -> None:
        self._copy(f"INSERT INTO {TABLE}(rowid, title_words, words) SELECT", kind, keys)

    def _copy(self, head: str, kind: str, keys: list[int]) -> None:
        marks = ", ".join(["%s"] * len(keys))
        with connection.cursor() as cursor:
            cursor.execute(
                f"{head} id, title_words, words FROM {ENTRIES} WHERE kind = %s AND key IN ({marks})",
                [kind, *keys],
            )

    def rebuild(self) -> None:
        """Build the FTS5 index anew from every row (after rows were written behind its back)."""
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")

    def match(self, rows: QuerySet[SearchEntry], query: q.Query) -> QuerySet[SearchEntry]:
        return self._matching(rows, q.fts5_match(query)).extra(
            select={"score": f"-bm25({TABLE}, {TITLE_WEIGHT}, {BODY_WEIGHT})"}
        )

    def title_match(self, rows: QuerySet[SearchEntry], query: q.Query) -> QuerySet[SearchEntry]:
        return self._matching(rows, f"title_words : ({q.fts5_match(query)})")

    def has_token(self, rows: QuerySet[SearchEntry], token: str) -> QuerySet[SearchEntry]:
        return self._matching(rows, q.fts5_quoted(token))

    def title_has_token(self, rows: QuerySet[SearchEntry], token: str) -> QuerySet[SearchEntry]:
        return self._matching(rows, f"title_words : {q.fts5_quoted(token)}")

    def _matching(self, rows: QuerySet[SearchEntry], expression: str) -> QuerySet[SearchEntry]:
        return rows.extra(
            tables=[TABLE],
            where=[f"{TABLE}.rowid = {ENTRIES}.id", f"{TABLE} MATCH %s"],
            params=[expression],
        )
