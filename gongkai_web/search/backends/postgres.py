"""PostgreSQL full-text search over the segmented words with the 'simple' configuration (no stemming,
no stop words: the words are already cut). Migration 0002 adds the generated column ``search_vector``
(title words weight A, all words weight D) and a GIN index on it — a RUM index instead when
``GONGKAI_PG_SEARCH_INDEX=rum`` and the extension is installed. Being generated, the vector follows
every upsert by itself; ranking is ``ts_rank_cd`` (cover density, A counting 1.0 and D 0.1)."""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from gongkai.search import query as q

from ..models import SearchEntry
from .base import Backend

ENTRIES = SearchEntry._meta.db_table
VECTOR = f"{ENTRIES}.search_vector"


class PostgresBackend(Backend):
    name = "postgres"

    def __init__(self) -> None:
        if connection.vendor != "postgresql":
            raise ImproperlyConfigured(_("The postgres search back end works only on a PostgreSQL database."))

    def match(self, rows: QuerySet[SearchEntry], query: q.Query) -> QuerySet[SearchEntry]:
        tsquery = q.tsquery(query)
        return rows.extra(
            where=[f"{VECTOR} @@ to_tsquery('simple', %s)"],
            params=[tsquery],
            select={"score": f"ts_rank_cd({VECTOR}, to_tsquery('simple', %s))"},
            select_params=[tsquery],
        )
