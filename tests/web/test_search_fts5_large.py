"""FTS5 works out a large answer without filters on its index alone (backends/fts5.py): the capped
count, the newest matches by the date index, and bm25 of the candidates computed from FTS5's own
figures instead of FTS5 walking every word's list. None of it may change what is found or its order:
on the hand-written library the pages equal those of the joined rows (the same search with a filter
that keeps everything, which takes the general way), in each of the three ways of finding the newest
matches, and the computed bm25 equals FTS5's ``bm25()`` for every match. SQLite only."""

from __future__ import annotations

import pytest
from django.db import connection

from gongkai.search import query as q
from gongkai.search.entry import DATE, DOCUMENT, INTERPRETATION, QA, SearchRequest
from gongkai_web.search import services
from gongkai_web.search.backends import fts5
from gongkai_web.search.queries import search

from .search_library import LIBRARY

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="FTS5 is SQLite's"),
]

#: A filter every entry of the library passes: the same search, the general (joined) way.
EVERY_KIND = (DOCUMENT, INTERPRETATION, QA)
#: Words found in more entries than RANK_ALL is set to below (3): two-character pairs and words.
TEXTS = ("预算", "公开", "财政", "政府 预算", "预算 公开", "财政局")


@pytest.fixture
def library():
    services.index_entries(LIBRARY)


def pages(text: str, *, kinds=(), sort="relevance", using="fts5") -> list[list[int]]:
    found, number = [], 1
    while True:
        page = search(SearchRequest(text, kinds=kinds, sort=sort, page=number, per_page=3), using=using)
        if not page.hits:
            return found
        found.append([hit.key for hit in page.hits])
        number += 1


@pytest.mark.parametrize(
    "sample, probes",
    [(500, 1500), (1, 1500), (1, 0)],
    ids=["every-match-ordered-by-date", "date-index-probed-by-rowid", "matches-taken-whole"],
)
def test_a_large_answer_without_filters_is_paged_exactly_as_the_joined_rows_page_it(
    library, monkeypatch, sample, probes
):
    monkeypatch.setattr(q, "RANK_ALL", 3)
    monkeypatch.setattr(q, "RERANK_WINDOW", 4)
    monkeypatch.setattr(fts5, "SAMPLE", sample)
    monkeypatch.setattr(fts5, "PROBES", probes)
    for text in TEXTS:
        joined = pages(text, kinds=EVERY_KIND)
        keys = [k for page in joined for k in page]
        assert len(keys) > 3 and len(keys) == len(set(keys)), text  # a large answer, each match once
        assert pages(text) == joined, text
        by_date = pages(text, sort=DATE)
        assert by_date == pages(text, kinds=EVERY_KIND, sort=DATE), text
        if len(text) == 2:  # a pair of characters: the substring scan finds the same, in the same order
            assert by_date == pages(text, sort=DATE, using="like"), text


def test_the_capped_total_without_filters_is_the_joined_rows_capped_total(library, monkeypatch):
    monkeypatch.setattr(q, "TOTAL_CAP", 3)  # each text finds more than 3 (the test above)
    for text in TEXTS:
        plain = search(SearchRequest(text))
        joined = search(SearchRequest(text, kinds=EVERY_KIND))
        assert (plain.total, plain.total_capped) == (joined.total, joined.total_capped) == (3, True), text


@pytest.mark.parametrize("text", ["预算执行", "财政局", "信息公开", "政府 预算", "公开 预算"])
def test_the_computed_bm25_is_fts5_s_own_bm25_for_every_match(library, text):
    query = q.parse_query(text)
    expression = q.fts5_match(query)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid, -bm25(search_fts, 4.0, 1.0) FROM search_fts WHERE search_fts MATCH %s",
            [expression],
        )
        by_fts5 = dict(cursor.fetchall())
    assert by_fts5, text
    phrases = tuple(p for term in query.indexed for p in fts5._phrases(term))
    computed = fts5.bm25(phrases, list(by_fts5))
    assert computed.keys() == by_fts5.keys()
    for pk, score in by_fts5.items():
        assert computed[pk] == pytest.approx(score, rel=1e-9, abs=1e-12), (text, pk)
