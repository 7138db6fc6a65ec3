"""PostgreSQL's vector index in shards (migration 0004, backends/postgres.py): sixteen partial GIN
indexes, one per ``id % 16``; a match names them all, the capped count and the first candidates read
them one after another under one LIMIT. What must hold: the count over the shards is the exact count
up to the cap, for every word and pair of the hand-written library and with filters; a count that
reaches the cap leaves the last shards unread; and the index is the shards (no single index beside).
PostgreSQL only (SQLite's FTS5 has no shards)."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gongkai.search import query as q
from gongkai.search.entry import SearchRequest
from gongkai_web.search import services
from gongkai_web.search.backends import backend
from gongkai_web.search.backends import postgres as postgres_backend
from gongkai_web.search.backends.base import filtered, found_anywhere
from gongkai_web.search.models import SearchEntry
from gongkai_web.search.queries import search

from .search_library import LIBRARY

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the shards are PostgreSQL's"),
]


@pytest.fixture
def library():
    services.index_entries(LIBRARY)


@pytest.fixture
def counted(monkeypatch):
    """Every count read (the planner's estimate never taken for the answer)."""
    monkeypatch.setattr(postgres_backend, "ESTIMATE_ABOVE", float("inf"))


def pairs_of_the_library() -> list[str]:
    pairs: dict[str, None] = {}
    for entry in LIBRARY:
        for run in re.findall(r"[\u4e00-\u9fff]+", f"{entry.title} {entry.number} {entry.body}"):
            for i in range(len(run) - 1):
                pairs.setdefault(run[i : i + 2], None)
    return list(pairs)


def test_the_vector_index_is_sixteen_partial_indexes_one_for_each_remainder_of_the_id():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'search_searchentry'"
            " AND indexdef LIKE '%%(search_vector)%%' ORDER BY indexname"
        )
        found = dict(cursor.fetchall())
        cursor.execute("SELECT stxname FROM pg_statistic_ext WHERE stxname = 'search_entry_shard'")
        assert cursor.fetchone() is not None  # the planner knows a shard is a sixteenth of the rows
        cursor.execute(
            "SELECT attstattarget FROM pg_attribute"
            " WHERE attrelid = 'search_searchentry'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone()[0] == 400  # the 4,000 most common lexemes tracked
    assert sorted(found) == sorted(f"search_entry_vector_{i}" for i in range(16))
    for i in range(16):
        assert found[f"search_entry_vector_{i}"].endswith(f"WHERE ((id % (16)::bigint) = {i})")


def test_the_count_over_the_shards_is_the_exact_count_up_to_the_cap_for_every_pair_of_the_library(
    library, counted
):
    postgres = backend("postgres")
    rows = SearchEntry.objects.all()
    ids = list(rows.values_list("id", flat=True))
    assert len({i % 16 for i in ids}) > 8  # the library's 30 entries spread over the shards
    pairs = pairs_of_the_library()
    assert len(pairs) > 300
    for pair in pairs:
        # The substring scan: the same set as the index of pairs (test_search_scale).
        exact = rows.filter(found_anywhere(pair)).count()
        for cap in (0, 1, 4, 100):
            assert postgres.count(postgres.has_token(rows, pair), cap) == min(exact, cap + 1), (pair, cap)


def test_the_count_over_the_shards_keeps_the_filters_and_the_words(library, counted):
    postgres = backend("postgres")
    # 预算 in 12 entries (test_search_engine.ALL_12), 8 of them under 市政府 /1/ … as counted below by
    # the scan; 预算公开 in 102, 113, 115, 202, 301, 305.
    under_city = filtered(SearchRequest("", agency_path="/1/"))
    exact = under_city.filter(found_anywhere("预算")).count()
    assert postgres.count(postgres.has_token(under_city, "预算"), 100) == exact
    words = postgres.match(SearchEntry.objects.all(), q.parse_query("预算公开"))
    assert postgres.count(words, 100) == 6
    assert postgres.count(words, 3) == 4


def counting_plan(captured) -> str:
    """EXPLAIN ANALYZE of the one counting statement among ``captured`` (the one over the shards)."""
    (statement,) = [
        c["sql"] for c in captured.captured_queries if "UNION ALL" in c["sql"] and "count(*)" in c["sql"]
    ]
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {statement}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    return plan


def test_a_count_that_reaches_the_cap_leaves_the_last_shards_unread(library, counted):
    postgres = backend("postgres")
    matches = postgres.has_token(SearchEntry.objects.all(), "预算")  # 12 entries
    with CaptureQueriesContext(connection) as captured:
        assert postgres.count(matches, 0) == 1
    plan = counting_plan(captured)
    assert plan.count("search_entry_vector_") == 16  # one branch for each shard …
    assert plan.count("(never executed)") >= 8  # … but the first match ends the reading


def test_a_word_the_statistics_put_far_above_the_cap_is_said_to_be_more_without_a_count(library, monkeypatch):
    monkeypatch.setattr(q, "TOTAL_CAP", 1)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_searchentry")  # 预算 in 12 of the 30 entries: 12 ≥ 1.5 × (1 + 1)
        cursor.execute("SELECT search_entry_estimate(%s)", ["'预算'"])
        assert cursor.fetchone()[0] >= 3
    with CaptureQueriesContext(connection) as captured:
        page = search(SearchRequest("预算"), using="postgres")
    assert (page.total, page.total_capped) == (1, True)
    plan = counting_plan(captured)
    assert "Aggregate (never executed)" in plan  # the count not run: not one shard read
    # 预算执行 (预算 and 执行): two words, whose frequencies the planner would multiply: counted.
    with CaptureQueriesContext(connection) as captured:
        page = search(SearchRequest("预算执行"), using="postgres")
    assert not any("search_entry_estimate" in c["sql"] for c in captured.captured_queries)
    assert "Aggregate (actual rows=1 loops=1)" in counting_plan(captured)
    # A filter: always counted, no estimate (it would multiply independent guesses).
    with CaptureQueriesContext(connection) as captured:
        page = search(SearchRequest("预算", agency_path="/1/"), using="postgres")
    assert page.total_capped
    assert not any("search_entry_estimate" in c["sql"] for c in captured.captured_queries)
    assert "Aggregate (actual rows=1 loops=1)" in counting_plan(captured)
