"""PostgreSQL full-text search over the segmented words with the 'simple' configuration (no stemming,
no stop words: the words are already cut). Migration 0002 adds the generated column ``search_vector``
(title words weight A, all words weight D) — its index split by migration 0004 into ``SHARDS`` partial
GIN indexes, one per ``id % SHARDS`` (RUM instead when ``GONGKAI_PG_SEARCH_INDEX=rum`` and the extension
is installed); migration 0003 the title's own vector ``title_vector`` (GIN). Being generated, the
vectors follow every upsert by themselves; ranking is ``ts_rank_cd`` (cover density, A counting 1.0
and D 0.1). A two-character query is the GIN lookup of that pair of characters, which the index holds
(segment.py).

Why shards (docs/search.md, "大库"): GIN is read by bitmap only, so any lookup reads the whole posting
list of its word, LIMIT or not. A match names every shard (``(id % 16 = 0 AND v @@ q) OR …``: a
BitmapOr of the sixteen indexes, the same rows as one index); the capped count and the first candidates
read the shards one after another (``UNION ALL`` under one LIMIT), so for a common word they stop in the
first shard instead of reading hundreds of thousands of postings; and an unfiltered word the planner's
statistics put far above the cap is not counted at all (``ESTIMATE_ABOVE``)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import connection, transaction
from django.db.models import QuerySet
from django.db.models.sql.where import AND, ExtraWhere
from django.utils.translation import gettext as _

from gongkai.search import query as q

from ..models import SearchEntry
from .base import BY_DATE, Answer, Backend
from .bulk import SHARDS

ENTRIES = SearchEntry._meta.db_table
VECTOR = f"{ENTRIES}.search_vector"
TITLE_VECTOR = f"{ENTRIES}.title_vector"
#: The vector's match in one shard (the condition of its partial index, then the word).
IN_SHARD = f"(({ENTRIES}.id %% {SHARDS}) = {{shard}} AND {VECTOR} @@ to_tsquery('simple', %s))"
#: The vector's match in any shard (one parameter, the tsquery, for each).
MATCH = " OR ".join(IN_SHARD.format(shard=shard) for shard in range(SHARDS))
#: Per search (local to its transaction): enough memory for the bitmap of a common word to stay exact (no recheck of every row's
#: vector); a plan made for this query's words — a generic plan of a prepared statement cannot tell a
#: word found in every document from one found in ten —; and no sequential scan: for a word in most
#: documents the planner would rather read the table and test each row's vector than the index, which
#: costs a detoasted vector per row (EXPLAIN ANALYZE at 10,000 documents: 919 ms against 18 ms for
#: the bitmap of the GIN index); no parallel workers (starting them costs more, on a busy server, than
#: a bounded search).
PLANNER = (
    "SELECT set_config('work_mem', '64MB', true), set_config('plan_cache_mode', 'force_custom_plan', true),"
    " set_config('enable_seqscan', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)"
)
#: A count is skipped — the answer is "more than the cap" — when, for one word and no filter, the
#: planner expects at least this many times the cap (``search_entry_estimate``, migration 0004: the rows
#: of the EXPLAIN of the word's match). Its estimate is the word's frequency in ANALYZE's sample (120,000
#: rows at the vector's statistics target of 400, which tracks the 4,000 most common lexemes): for a
#: word in 3% of the documents within about 2%, so 1.5 times the cap is some twenty standard errors
#: above it; a word not tracked gets a small estimate (then counted). Counting is what costs: PostgreSQL
#: 15 reads the heap page of every match to check its visibility (no index-only count for GIN), ten
#: thousand pages for a common word. With a filter, or two words, the estimate multiplies guesses made
#: as if independent (a place name in one agency's documents; two words that rarely meet), so those
#: answers are always counted.
ESTIMATE_ABOVE = 1.5
#: A tsquery of one quoted lexeme (``'公开'``): the only kind the estimate is trusted for.
ONE_LEXEME = re.compile(r"'(?:[^']|'')*'")
#: The head of the statement of ``values_list("id")``, up to its FROM.
SELECT_ID = re.compile(r'^SELECT "search_searchentry"\."id"(?: AS "id")? (?=FROM )')


class PostgresBackend(Backend):
    name = "postgres"

    def __init__(self) -> None:
        if connection.vendor != "postgresql":
            raise ImproperlyConfigured(_("The postgres search back end works only on a PostgreSQL database."))

    @contextmanager
    def reading(self) -> Iterator[None]:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute(PLANNER)  # one statement: each round trip counts on a busy server
            yield

    def match(self, rows: QuerySet[SearchEntry], query: q.Query) -> QuerySet[SearchEntry]:
        tsquery = q.tsquery(query)
        return _matching(rows, tsquery).extra(
            select={"score": f"ts_rank_cd({VECTOR}, to_tsquery('simple', %s))"}, select_params=[tsquery]
        )

    def title_match(self, rows: QuerySet[SearchEntry], query: q.Query) -> QuerySet[SearchEntry]:
        return rows.extra(where=[f"{TITLE_VECTOR} @@ to_tsquery('simple', %s)"], params=[q.tsquery(query)])

    def has_token(self, rows: QuerySet[SearchEntry], token: str) -> QuerySet[SearchEntry]:
        return _matching(rows, q.quoted_lexeme(token))

    def title_has_token(self, rows: QuerySet[SearchEntry], token: str) -> QuerySet[SearchEntry]:
        return rows.extra(
            where=[f"{TITLE_VECTOR} @@ to_tsquery('simple', %s)"], params=[q.quoted_lexeme(token)]
        )

    # The shards, read one after another ------------------------------------------------------------

    def count(self, rows: QuerySet[SearchEntry], cap: int) -> int:
        parts = shards(rows)
        if parts is None:
            return super().count(rows, cap)
        sql, params = _one_after_another(parts, cap + 1, columns="")
        counted = f"(SELECT count(*) FROM ({sql}) AS capped)"
        if (tsquery := _alone(rows)) is not None:
            # One statement: the subquery (an InitPlan) runs only when the estimate is below.
            counted = f"CASE WHEN search_entry_estimate(%s) >= %s THEN %s ELSE {counted} END"
            params = [tsquery, ESTIMATE_ABOVE * (cap + 1), cap + 1, *params]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {counted}", params)
            return int(cursor.fetchone()[0])

    def candidates(self, answer: Answer, window: int) -> list[int]:
        parts = shards(answer.rows)
        if parts is None:
            return super().candidates(answer, window)
        sql, params = _one_after_another(parts, window)
        sql = f"SELECT id FROM ({sql}) AS first"
        if answer.titles is not None:
            titles, title_params = _sql(
                answer.titles.order_by(*BY_DATE).values_list("id", flat=True)[:window]
            )
            sql = f"SELECT id FROM ({titles}) AS titles UNION {sql}"
            params = [*title_params, *params]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [row[0] for row in cursor.fetchall()]


def _matching(rows: QuerySet[SearchEntry], tsquery: str) -> QuerySet[SearchEntry]:
    return rows.extra(where=[MATCH], params=[tsquery] * SHARDS)


def shards(rows: QuerySet[SearchEntry]) -> list[QuerySet[SearchEntry]] | None:
    """``rows`` (a match of the vector, and filters) as ``SHARDS`` disjoint parts, each the match in one
    shard (its partial index); None when ``rows`` match no vector."""
    where = rows.query.where
    if where.connector != AND or where.negated:
        return None
    for at, child in enumerate(where.children):
        if (tsquery := _tsquery_of(child)) is not None:
            parts = []
            for shard in range(SHARDS):
                part = rows.all()
                part.query.where = where.clone()
                children: list[Any] = part.query.where.children
                children[at] = ExtraWhere([IN_SHARD.format(shard=shard)], [tsquery])
                parts.append(part)
            return parts
    return None


def _tsquery_of(condition: Any) -> str | None:
    """The tsquery of a condition written by ``_matching``, else None."""
    if isinstance(condition, ExtraWhere) and condition.sqls == [MATCH] and condition.params:
        return str(condition.params[0])
    return None


def _alone(rows: QuerySet[SearchEntry]) -> str | None:
    """The tsquery of ``rows`` when they are the match of one word (one lexeme) and nothing else: no
    filter, no second word (the planner would multiply the words' frequencies as if independent)."""
    children = rows.query.where.children
    tsquery = _tsquery_of(children[0]) if len(children) == 1 else None
    return tsquery if tsquery is not None and ONE_LEXEME.fullmatch(tsquery) else None


def _sql(rows: QuerySet[Any]) -> tuple[str, list[Any]]:
    sql, params = rows.query.sql_with_params()
    return sql, list(params)


def _one_after_another(
    parts: list[QuerySet[SearchEntry]], limit: int, columns: str = "id"
) -> tuple[str, list[Any]]:
    """The rows of ``parts`` in one statement, the parts read in order, stopping after ``limit``: their
    keys, or no column at all (``columns=""``, a count): then a bitmap scan need not read the rows of
    pages all visible (VACUUM)."""
    sqls, params = [], []
    for part in parts:
        sql, part_params = _sql(part.order_by().values_list("id", flat=True))
        head = SELECT_ID.match(sql)
        assert head is not None, sql
        sqls.append(f"(SELECT {columns} {sql[head.end() :]})")
        params += part_params
    return f"{' UNION ALL '.join(sqls)} LIMIT {int(limit)}", params
