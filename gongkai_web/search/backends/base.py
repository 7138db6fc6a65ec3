from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When

from gongkai.publications.docnumber import parse_search_number
from gongkai.search import query as q
from gongkai.search import segment
from gongkai.search.entry import DATE, Entry, Hit, SearchPage, SearchRequest
from gongkai.search.snippet import snippet

from ..models import SearchEntry

#: How many keys go into one ``IN (…)`` (SQLite allows 32 766 parameters; PostgreSQL 65 535).
CHUNK = 500

#: The fields an upsert writes (all but the identity and the primary key).
WRITTEN = [f.name for f in SearchEntry._meta.concrete_fields if f.name not in ("id", "kind", "key")]


class Backend:
    """Stores entries in ``SearchEntry`` and answers ``SearchRequest``s; subclasses add their index.

    What every back end shares, so that they answer alike: the filters (``filtered``), the query's
    analysis (``gongkai.search.query``: an empty query browses, a 文号 is matched exactly on
    ``number_key``, one or two characters by substring), the order (relevance, then date, then kind and
    key; or date) and the snippet. A subclass only says how words match and score (``match``)."""

    name = "base"

    # Writing -----------------------------------------------------------------------------------------

    def index(self, entries: list[Entry]) -> int:
        """Add or replace ``entries`` in one upsert per batch (not one query per entry)."""
        unique = list({(e.kind, e.key): e for e in entries}.values())
        for kind, keys in _by_kind(unique):
            self.before_write(kind, keys)
        SearchEntry.objects.bulk_create(
            [SearchEntry(kind=e.kind, key=e.key, **row_of(e)) for e in unique],
            batch_size=CHUNK,
            update_conflicts=True,
            unique_fields=["kind", "key"],
            update_fields=WRITTEN,
        )
        for kind, keys in _by_kind(unique):
            self.after_write(kind, keys)
        return len(unique)

    def remove(self, kind: str, keys: list[int]) -> int:
        deleted = 0
        for chunk in _chunks(keys):
            self.before_write(kind, chunk)
            deleted += SearchEntry.objects.filter(kind=kind, key__in=chunk).delete()[0]
        return deleted

    def before_write(self, kind: str, keys: list[int]) -> None:
        """Called before the rows of ``keys`` are replaced or deleted (an index drops them)."""

    def after_write(self, kind: str, keys: list[int]) -> None:
        """Called once the rows of ``keys`` are written (an index adds them)."""

    # Searching ---------------------------------------------------------------------------------------

    def match(self, rows: QuerySet[SearchEntry], query: q.Query) -> QuerySet[SearchEntry]:
        """``rows`` narrowed to those having the query's indexed words (``query.indexed``), annotated
        (or extra-selected) with a ``score``, higher better."""
        raise NotImplementedError

    def title_match(self, rows: QuerySet[SearchEntry], query: q.Query) -> QuerySet[SearchEntry]:
        """``rows`` narrowed to those whose title has the query's indexed words (the title tier of the
        candidates of a large answer); by default, titles read literally."""
        for term in query.indexed:
            rows = rows.filter(title__icontains=term.word)
        return rows

    def has_token(self, rows: QuerySet[SearchEntry], token: str) -> QuerySet[SearchEntry]:
        """``rows`` that have the indexed pair of characters ``token`` (a two-character query); by
        default a substring scan."""
        return rows.filter(found_anywhere(token))

    def title_has_token(self, rows: QuerySet[SearchEntry], token: str) -> QuerySet[SearchEntry]:
        return rows.filter(title__icontains=token)

    def reading(self) -> AbstractContextManager[Any]:
        """Around the statements of one search (PostgreSQL sets its planner for them)."""
        return nullcontext()

    def search(self, request: SearchRequest) -> SearchPage:
        query = q.parse_query(request.text)
        start = (max(request.page, 1) - 1) * request.per_page
        with self.reading():
            answer = self.answer(filtered(request), query)
            total = answer.total if answer.total is not None else self.count(answer.rows, q.TOTAL_CAP)
            if request.sort == DATE or not answer.scored:
                page = self.by_date(answer, start, request.per_page)
            elif total <= q.RANK_ALL:
                page = list(answer.rows.order_by("-score", *BY_DATE)[start : start + request.per_page])
            else:
                page = self.top(answer, start, request.per_page)
            hits = [hit_of(row, query) for row in page]
        return SearchPage(
            request,
            hits,
            min(total, q.TOTAL_CAP),
            self.name,
            substring_fallback=query.mode == q.SUBSTRING,
            terms=query.words if query.mode != q.EMPTY else (),
            total_capped=total > q.TOTAL_CAP,
        )

    def answer(self, rows: QuerySet[SearchEntry], query: q.Query) -> Answer:
        """The matching rows, whether they have a ``score`` (else they are ordered by date), and the
        title tier of their candidates (``top``)."""
        if query.mode == q.EMPTY:
            return Answer(rows, scored=False)
        if query.mode == q.NUMBER:
            return Answer(rows.filter(number_key=query.needle), scored=False)
        if query.mode == q.SUBSTRING:
            if token := query.token:
                found = self.has_token(rows, token)
                return Answer(scored_by_title(found, token), titles=self.title_has_token(rows, token))
            return Answer(substring(rows, query.needle))
        if query.matches_nothing:
            return Answer(rows.none(), scored=False)
        for word in query.literals:
            rows = rows.filter(found_anywhere(word))
        if not query.indexed:
            return Answer(scored_by_title(rows, *query.literals))
        if query.expands:
            # The words alone first, counted as the total would be: if they find enough, that count
            # is the total (one statement fewer).
            strict = query.strict()
            counted = self.count(self.match(rows, strict), q.TOTAL_CAP)
            if counted >= q.EXPAND_BELOW:
                return Answer(self.match(rows, strict), titles=self.title_match(rows, strict), total=counted)
        return Answer(self.match(rows, query), titles=self.title_match(rows, query))

    def by_date(self, answer: Answer, start: int, size: int) -> list[SearchEntry]:
        """A page of the answer newest first (FTS5 walks its date index for a large answer)."""
        return list(answer.rows.order_by(*BY_DATE)[start : start + size])

    def count(self, rows: QuerySet[SearchEntry], cap: int) -> int:
        """How many ``rows``, counting no further than ``cap`` + 1 (PostgreSQL reads its shards)."""
        return capped_count(rows, cap)

    def candidates(self, answer: Answer, window: int) -> list[int]:
        """The keys of the candidates of a large answer (``candidates``)."""
        return candidates(answer, window)

    def top(self, answer: Answer, start: int, size: int) -> list[SearchEntry]:
        """A page of a large answer by relevance: the candidates — the newest ``RERANK_WINDOW`` title
        matches and the first ``RERANK_WINDOW`` matches the index gives — ranked by score, then the
        other matches by date. The candidates do not depend on the page asked for, so that the pages
        follow one another: each match on exactly one page."""
        chosen = self.candidates(answer, q.RERANK_WINDOW)
        # The keys of the candidates in their order (not their texts), then the page's rows.
        ranked = list(
            answer.rows.filter(pk__in=chosen).order_by("-score", *BY_DATE).values_list("pk", flat=True)
        )
        wanted = ranked[start : start + size]
        rows = SearchEntry.objects.in_bulk(wanted)
        page = [rows[pk] for pk in wanted]
        if len(page) < size:
            rest = answer.rows.exclude(pk__in=ranked).order_by(*BY_DATE)
            skip = max(0, start - len(ranked))
            page += list(rest[skip : skip + size - len(page)])
        return page


@dataclass
class Answer:
    rows: QuerySet[SearchEntry]
    scored: bool = True
    #: The matches with the words in the title (the first candidates of a large answer).
    titles: QuerySet[SearchEntry] | None = None
    #: The capped count, when working out the answer already counted it.
    total: int | None = None


def candidates(answer: Answer, window: int) -> list[int]:
    """The keys of the newest ``window`` title matches and of the first ``window`` matches the index
    gives: one statement (a UNION) where the database can limit each part (PostgreSQL), else two.
    (Not subqueries: the back ends' conditions name the table, which a subquery would rename.)"""
    first = answer.rows.order_by().values_list("pk", flat=True)[:window]
    if answer.titles is None:
        return list(first)
    titles = answer.titles.order_by(*BY_DATE).values_list("pk", flat=True)[:window]
    if connection.features.supports_slicing_ordering_in_compound:
        return list(set(first.union(titles)))
    return list(set(first) | set(titles))


def capped_count(rows: QuerySet[SearchEntry], cap: int) -> int:
    """How many rows, counting no further than ``cap`` + 1 (a count over a limited subquery)."""
    return rows.order_by().values("pk")[: cap + 1].count()


BY_DATE = (F("published_on").desc(nulls_last=True), "kind", "-key")


def found_anywhere(text: str) -> Q:
    """Title, body or 文号 contain ``text`` (case-insensitively alike on SQLite and PostgreSQL)."""
    return Q(title__icontains=text) | Q(body__icontains=text) | Q(number__icontains=text)


def scored_by_title(rows: QuerySet[SearchEntry], *texts: str) -> QuerySet[SearchEntry]:
    """``rows`` scored 2 when the title contains every one of ``texts``, else 1."""
    in_title = Q()
    for text in texts:
        in_title &= Q(title__icontains=text)
    score = Case(When(in_title, then=Value(2)), default=Value(1), output_field=IntegerField())
    return rows.annotate(score=score)


def substring(rows: QuerySet[SearchEntry], text: str) -> QuerySet[SearchEntry]:
    """Rows whose title, body or 文号 contain ``text``, scored 2 when the title does, else 1."""
    return scored_by_title(rows.filter(found_anywhere(text)), text)


def hit_of(row: SearchEntry, query: q.Query) -> Hit:
    return Hit(
        kind=row.kind,
        key=row.key,
        title=row.title,
        snippet=snippet(row.body or row.title, query.words, fallback=query.part_marks),
        score=float(getattr(row, "score", 0) or 0),
        agency_id=row.agency_id,
        number=row.number,
        published_on=row.published_on,
    )


def row_of(entry: Entry) -> dict[str, Any]:
    parsed = parse_search_number(entry.number) if entry.number else None
    number_key = str(parsed) if parsed else entry.number
    return {
        "agency_id": entry.agency_id,
        "agency_path": entry.agency_path,
        "title": entry.title,
        "body": entry.body,
        "number": entry.number,
        "number_key": number_key,
        "published_on": entry.published_on,
        "year": entry.year,
        "topic": entry.topic,
        "genre": entry.genre,
        "doc_kind": entry.doc_kind,
        "effective_on": entry.effective_on,
        "in_force_until": entry.in_force_until,
        "title_words": segment.index_text(entry.title),
        "words": segment.index_text(f"{entry.title}\n{entry.number}\n{entry.body}"),
    }


def filtered(request: SearchRequest) -> QuerySet[SearchEntry]:
    """The request's filters, the same for every back end."""
    rows = SearchEntry.objects.all()
    if request.kinds:
        rows = rows.filter(kind__in=request.kinds)
    if request.agency_id is not None:
        rows = rows.filter(agency_id=request.agency_id)
    if request.agency_path:
        rows = rows.filter(agency_path__startswith=request.agency_path)
    if request.year is not None:
        rows = rows.filter(year=request.year)
    for name in ("topic", "genre", "doc_kind"):
        if value := getattr(request, name):
            rows = rows.filter(**{name: value})
    if request.in_force_on is not None:
        rows = rows.filter(in_force_on(request.in_force_on))
    return rows


def in_force_on(day: dt.date) -> Q:
    return (Q(effective_on__isnull=True) | Q(effective_on__lte=day)) & (
        Q(in_force_until__isnull=True) | Q(in_force_until__gt=day)
    )


def _chunks(keys: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(keys), CHUNK):
        yield keys[start : start + CHUNK]


def _by_kind(entries: Iterable[Entry]) -> Iterator[tuple[str, list[int]]]:
    keys: dict[str, list[int]] = {}
    for entry in entries:
        keys.setdefault(entry.kind, []).append(entry.key)
    for kind, all_keys in keys.items():
        for chunk in _chunks(all_keys):
            yield kind, chunk
