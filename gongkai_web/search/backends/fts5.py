"""SQLite FTS5 over the segmented words (migration 0002: ``search_fts``, an external-content table
whose content is ``search_searchentry``; columns ``title_words`` and ``words``).

FTS5 keeps no copy of the text: the back end tells it which rows change, explicitly, around each
upsert or deletion (no signal, no trigger) — before, the old words are taken out ('delete' with the
values the index was given), after, the new ones go in; each is one statement per batch of keys.
Ranking: ``bm25`` with a word in the title weighing four times one in the body. A two-character query
is the lookup of that pair of characters, which the index holds (segment.py).

A large answer without filters (docs/search.md, "大库") is worked out on the index alone, never by a
join that reads every match's row (a row of the entries is long: its date lies past the body):

- the capped total is a count over ``LIMIT 10001`` of the index, which stops early;
- the newest matches (the title tier, a page by date) come from the date index (migration 0005),
  never from the rows: for a common word, FTS5 asked about each row of the date order by its rowid
  until enough are found — a few hundred rows —; otherwise the matches are taken whole from FTS5 and
  the date index walked over them (``newest``);
- the candidates' ``bm25`` is worked out here from FTS5's own figures (the rows' column sizes, the
  library's averages) and the words of the candidates, as FTS5 computes it: FTS5 itself would walk the
  whole list of every word to count the documents that have it, for every statement. That count (the
  IDF) is exact up to ``TOTAL_CAP``; beyond, it is estimated from how far the capped count had to read.

With filters, the rows are joined as before (filters narrow the answer)."""

from __future__ import annotations

import datetime as dt
import math
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from gongkai.search import query as q

from ..models import SearchEntry
from .base import Answer, Backend

TABLE = "search_fts"
ENTRIES = SearchEntry._meta.db_table
TITLE_WEIGHT, BODY_WEIGHT = 4.0, 1.0
#: FTS5's bm25 constants (fts5_aux.c).
K1, B = 1.2, 0.75
#: The date order of the results (base.BY_DATE) and its index (migration 0005).
DATE_ORDER = "published_on DESC NULLS LAST, kind, key DESC"
DATE_INDEX = "search_entry_date_order"
#: How much of the database file a search maps into memory (SQLite lowers it to its own limit).
MMAP_SIZE = 1 << 40
#: The matches read in rowid order to judge how dense they are (``newest``).
SAMPLE = 500
#: At most this many rows of the date index are asked about one by one; beyond, the matches are
#: taken whole.
PROBES = 1500
#: Rowids asked about in one statement.
PROBE_CHUNK = 500


@dataclass
class Plain(Answer):
    """A large answer the index works out alone (no filter on the entries)."""

    #: The MATCH expression of the matches, and of those with the words in the title.
    expression: str = ""
    title_expression: str = ""
    #: The indexed tokens, one per phrase of ``expression`` in its order (bm25); none: scored by
    #: whether the title has the two characters (a two-character query).
    phrases: tuple[str, ...] = ()
    token: str = ""


class Fts5Backend(Backend):
    name = "fts5"

    def __init__(self) -> None:
        if connection.vendor != "sqlite":
            raise ImproperlyConfigured(_("The fts5 search back end works only on a SQLite database."))

    def reading(self) -> AbstractContextManager[None]:
        """Before a search, the database file mapped into memory (as far as SQLite allows: 2 GB on
        Debian's build): the rows and FTS5's pages are then read without a system call each — reading
        the words of the candidates of a large answer measured 24–50 ms read and 1.5–10 ms mapped
        (200,000 documents, load 15). Cheap when already set."""
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")
        return nullcontext()

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
        """Build the FTS5 index anew from every row (after rows were written behind its back), merged
        into one segment (a lookup by rowid then reads one b-tree, not one per segment)."""
        with connection.cursor() as cursor:
            cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")
            cursor.execute(f"INSERT INTO {TABLE}({TABLE}) VALUES ('optimize')")

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

    # A large answer on the index alone ----------------------------------------------------------------

    def answer(self, rows: QuerySet[SearchEntry], query: q.Query) -> Answer:
        # Filters: the rows are joined. GONGKAI_FAST_PATHS=0: FTS5's own bm25 over the join, the path
        # this one is tested against (tests/web/test_search_fts5_large.py).
        if rows.query.where or not settings.GONGKAI_FAST_PATHS:
            return super().answer(rows, query)
        if query.mode == q.SUBSTRING and (token := query.token):
            general = super().answer(rows, query)
            expression = q.fts5_quoted(token)
            return Plain(
                general.rows,
                titles=general.titles,
                total=capped(expression)[0],
                expression=expression,
                title_expression=f"title_words : {expression}",
                token=token,
            )
        if query.mode != q.WORDS or query.matches_nothing or query.literals or not query.indexed:
            return super().answer(rows, query)
        chosen, total = query, None
        if query.expands:
            strict = query.strict()
            counted = capped(q.fts5_match(strict))[0]
            if counted >= q.EXPAND_BELOW:
                chosen, total = strict, counted
        expression = q.fts5_match(chosen)
        return Plain(
            self.match(rows, chosen),
            titles=self.title_match(rows, chosen),
            total=total if total is not None else capped(expression)[0],
            expression=expression,
            title_expression=f"title_words : ({expression})",
            phrases=tuple(p for term in chosen.indexed for p in _phrases(term)),
        )

    def by_date(self, answer: Answer, start: int, size: int) -> list[SearchEntry]:
        if not isinstance(answer, Plain):
            return super().by_date(answer, start, size)
        wanted = newest(answer.expression, start + size)[start:]
        return _in_order(wanted)

    def top(self, answer: Answer, start: int, size: int) -> list[SearchEntry]:
        """As ``Backend.top`` — the same candidates, ranked by the same score, the other matches by
        date after them — worked out on the index."""
        if not isinstance(answer, Plain):
            return super().top(answer, start, size)
        window = q.RERANK_WINDOW
        chosen = set(
            _rowids(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s LIMIT %s", answer.expression, window)
        )
        chosen |= set(newest(answer.title_expression, window))
        facts = {
            pk: (title, published_on, kind, key)
            for pk, title, published_on, kind, key in SearchEntry.objects.filter(pk__in=chosen).values_list(
                "pk", "title", "published_on", "kind", "key"
            )
        }
        if answer.token:
            scores = {pk: 2.0 if answer.token in facts[pk][0] else 1.0 for pk in facts}
        else:
            scores = bm25(answer.phrases, list(facts))
        ranked = sorted(facts, key=lambda pk: (-scores[pk], *_date_key(*facts[pk][1:])))
        wanted = ranked[start : start + size]
        page = _in_order(wanted, scores)
        if len(page) < size:
            skip = max(0, start - len(ranked))
            taken = set(ranked)
            rest = [pk for pk in newest(answer.expression, len(ranked) + skip + size) if pk not in taken]
            page += _in_order(rest[skip : skip + size - len(page)])
        return page


def _phrases(term: q.Term) -> tuple[str, ...]:
    """The phrases ``fts5_match`` writes for one term, in its order."""
    return (term.word,) if term.parts == (term.word,) else (term.word, *term.parts)


def _date_key(published_on: dt.date | None, kind: str, key: int) -> tuple[int, int, str, int]:
    """``base.BY_DATE`` as a sort key: newest first, undated last, then kind, then key descending."""
    return (0, -published_on.toordinal(), kind, -key) if published_on else (1, 0, kind, -key)


def _in_order(pks: list[int], scores: dict[int, float] | None = None) -> list[SearchEntry]:
    rows = SearchEntry.objects.in_bulk(pks)
    page = [rows[pk] for pk in pks]
    for row in page:
        row.score = (scores or {}).get(row.pk, 0.0)  # type: ignore[attr-defined]
    return page


def _rowids(sql: str, *params: str | int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def capped(expression: str, cap: int | None = None) -> tuple[int, int | None]:
    """How many rows match ``expression``, counting no further than ``cap`` + 1 (``TOTAL_CAP``), and
    the last rowid the count read."""
    limit = (q.TOTAL_CAP if cap is None else cap) + 1
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*), max(rowid) FROM (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s LIMIT %s)",
            [expression, limit],
        )
        count, last = cursor.fetchone()
    return count, last


def newest(expression: str, limit: int) -> list[int]:
    """The rowids of the ``limit`` newest rows (``base.BY_DATE``) that match ``expression``, by the
    cheapest of three ways. The first ``SAMPLE`` matches in rowid order tell how dense the matches are
    (rowids are dense): all of them, when there are no more — ordered by date —; for a one-word
    expression found in many rows, the date index walked and FTS5 asked about each row by its rowid,
    which for a common word stops after a few hundred rows; otherwise every match taken from the index
    and the date index walked over them."""
    if limit <= 0:
        return []
    first = _rowids(
        f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s LIMIT %s", expression, max(SAMPLE, limit)
    )
    if len(first) < max(SAMPLE, limit):  # every match
        marks = ", ".join(["%s"] * len(first))
        return (
            _rowids(
                f"SELECT id FROM {ENTRIES} WHERE id IN ({marks}) ORDER BY {DATE_ORDER} LIMIT %s",
                *first,
                limit,
            )
            if first
            else []
        )
    expected = limit * first[-1] / len(first)  # rows of the date order to ask about
    if expression.count('"') == 2 and expected <= PROBES:
        found = _probed(expression, limit, int(expected * 1.5) + 50)
        if found is not None:
            return found
    return _rowids(
        f"SELECT id FROM {ENTRIES} INDEXED BY {DATE_INDEX} WHERE id IN"
        f" (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s) ORDER BY {DATE_ORDER} LIMIT %s",
        expression,
        limit,
    )


def _probed(expression: str, limit: int, budget: int) -> list[int] | None:
    """The ``limit`` newest matches among the first ``budget`` rows of the date order, FTS5 asked about
    them by rowid; None when they hold fewer."""
    order = _rowids(
        f"SELECT id FROM {ENTRIES} INDEXED BY {DATE_INDEX} ORDER BY {DATE_ORDER} LIMIT %s", budget
    )
    found: list[int] = []
    for at in range(0, len(order), PROBE_CHUNK):
        chunk = order[at : at + PROBE_CHUNK]
        marks = ", ".join(["%s"] * len(chunk))
        hits = set(
            _rowids(
                f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH %s AND rowid IN ({marks})", expression, *chunk
            )
        )
        found += [pk for pk in chunk if pk in hits]
        if len(found) >= limit:
            return found[:limit]
    return found if len(order) < budget else None


def bm25(phrases: tuple[str, ...], pks: list[int]) -> dict[int, float]:
    """``-bm25(search_fts, 4, 1)`` of the rows ``pks`` for a MATCH of one-token ``phrases`` (fts5_aux.c:
    each phrase's hits weighted by column, the row's size in tokens against the library's average, and
    each phrase's IDF from the number of rows that have it)."""
    if not pks:
        return {}
    rows, sizes = _averages()
    average = sum(sizes) / rows
    idf = [_idf(phrase, rows) for phrase in phrases]
    marks = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id, title_words, words FROM {ENTRIES} WHERE id IN ({marks})", pks)
        found = cursor.fetchall()
    scores = {}
    for pk, title_words, words in found:
        # The columns are words separated by one space (segment.index_text), as FTS5 counts them.
        columns = (f" {title_words} ", f" {words} ")
        length = sum(column.count(" ") - 1 for column in columns if len(column) > 2)
        score = 0.0
        for phrase, weight in zip(phrases, idf, strict=True):
            freq = TITLE_WEIGHT * _hits(columns[0], phrase) + BODY_WEIGHT * _hits(columns[1], phrase)
            score += weight * (freq * (K1 + 1.0)) / (freq + K1 * (1 - B + B * length / average))
        scores[pk] = score
    return scores


def _hits(column: str, word: str) -> int:
    """How many of the words of ``column`` (space-separated, a space at each end) are ``word``."""
    hit = f" {word} "
    found = column.count(hit)
    if found and f" {word} {word} " in column:  # str.count does not overlap: give each its spaces
        found = column.replace(" ", "  ").count(hit)
    return found


def _idf(phrase: str, rows: int) -> float:
    """FTS5's IDF of a phrase: log((N - n + 0.5) / (n + 0.5)), at least 1e-6. ``n`` exact up to the cap;
    beyond, the cap scaled by the share of the rowids the capped count had to read."""
    count, last = capped(q.fts5_quoted(phrase))
    if count > q.TOTAL_CAP and last:
        # The count read the rowids up to ``last``: that share of the library (rowids are dense).
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT max(rowid) FROM {TABLE}_docsize")
            highest = cursor.fetchone()[0] or last
        count = min(rows, round(count * highest / last))
    idf = math.log((rows - count + 0.5) / (count + 0.5))
    return idf if idf > 0 else 1e-6


def _averages() -> tuple[int, list[int]]:
    """FTS5's averages record: the number of rows and the tokens of each column over all rows."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT block FROM {TABLE}_data WHERE id = 1")
        row = cursor.fetchone()
    values = _varints(row[0]) if row else [0, 0, 0]
    return max(values[0], 1), values[1:]


def _varints(blob: bytes) -> list[int]:
    """The SQLite varints of an FTS5 record (7 bits a byte, big-endian; a ninth byte of 8 bits)."""
    values, at = [], 0
    while at < len(blob):
        value = 0
        for index in range(9):
            byte = blob[at]
            at += 1
            if index == 8:
                value = (value << 8) | byte
                break
            value = (value << 7) | (byte & 0x7F)
            if not byte & 0x80:
                break
        values.append(value)
    return values
