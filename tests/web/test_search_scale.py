"""What makes a large library fast must not change what is found: on the hand-written library
(search_library.py), a two-character query answered by the index of pairs of characters finds exactly
what the naive substring scan finds, for every pair in the library; a one-character word is read
literally; a longer word stands for its pairs only when it alone finds too little; a large answer is
counted up to a cap and ranked over bounded candidates, yet its pages still hold every match once;
and the bulk path (``services.bulk_loading``) writes what ``index_entries`` writes.

Runs on the database's own engine (FTS5 on SQLite, PostgreSQL with GONGKAI_DB=postgres), against
``like`` on the same data."""

from __future__ import annotations

import re

import pytest

from gongkai.search import query as q
from gongkai.search.entry import DATE, DOCUMENT, QA, Entry, SearchRequest
from gongkai_web.search import services
from gongkai_web.search.models import SearchEntry
from gongkai_web.search.queries import search

from .search_library import LIBRARY, PATHS
from .test_search_engine import ENGINE

pytestmark = pytest.mark.django_db


@pytest.fixture
def library():
    services.index_entries(LIBRARY)


def found(text, using=ENGINE, **options):
    page = search(SearchRequest(text, per_page=100, **options), using=using)
    return [hit.key for hit in page.hits]


def pairs_of_the_library() -> list[str]:
    """Every distinct pair of adjacent Chinese characters in the library's titles, bodies and 文号."""
    pairs: dict[str, None] = {}
    for entry in LIBRARY:
        for run in re.findall(r"[\u4e00-\u9fff]+", f"{entry.title} {entry.number} {entry.body}"):
            for i in range(len(run) - 1):
                pairs.setdefault(run[i : i + 2], None)
    return list(pairs)


def test_every_two_character_query_finds_by_the_index_exactly_what_the_substring_scan_finds(library):
    pairs = pairs_of_the_library()
    assert len(pairs) > 300  # the whole library, not a sample
    for pair in pairs:
        assert q.parse_query(pair).token == pair  # answered by the index, not by LIKE
        by_index = search(SearchRequest(pair, sort=DATE, per_page=100), using=ENGINE)
        by_scan = search(SearchRequest(pair, sort=DATE, per_page=100), using="like")
        assert [h.key for h in by_index.hits] == [h.key for h in by_scan.hits], pair
        assert by_index.substring_fallback and by_index.total == by_scan.total


def test_a_pair_that_no_entry_has_finds_nothing_and_letters_still_go_by_substring(library):
    assert found("甲乙") == found("甲乙", using="like") == []
    assert q.parse_query("gd").token == ""  # letters: the LIKE scan answers, case-insensitively
    assert found("GD") == found("gd", using="like") == [118]


def test_a_one_character_word_of_a_longer_query_is_read_literally(library):
    # 费 is in 104 (收费, 择校费), 117, 203 and 302; 中小学 in 104 and 203 only.
    parsed = q.parse_query("中小学 费")
    assert parsed.literals == ("费",)
    assert "费" not in q.tsquery(parsed) and "费" not in q.fts5_match(parsed)
    assert set(found("中小学 费")) == {104, 203}
    # Only single characters: each one a substring (费 的 和 is three words, not one substring).
    alone = [set(found(char, using="like")) for char in "费的和"]
    assert set(found("费 的 和")) == alone[0] & alone[1] & alone[2]


def _numbered(key: int, title: str, body: str) -> Entry:
    return Entry(QA, key, 1, PATHS[1], title, body)


def test_a_longer_word_stands_for_its_pairs_only_when_it_alone_finds_too_little(settings):
    # 义务教育 itself in 10 answers; 11 more have 义务, 务教 and 教育 but never the word.
    whole = [_numbered(k, f"答复{k}", "关于义务教育的办理。") for k in range(1, 11)]
    parts = [_numbered(k, f"答复{k}", "义务，教育。务教。") for k in range(11, 22)]
    services.index_entries(whole + parts)
    assert q.EXPAND_BELOW == 10
    for using in (ENGINE, "like"):
        assert set(found("义务教育", using=using)) == set(range(1, 11))
    services.remove_entries(QA, [10])  # the word alone now finds 9: its pairs count too
    assert set(found("义务教育")) == set(range(1, 10)) | set(range(11, 22))


def test_a_large_total_is_counted_up_to_the_cap_and_said_to_be_more(library, monkeypatch):
    monkeypatch.setattr(q, "TOTAL_CAP", 5)
    for using in (ENGINE, "like"):
        page = search(SearchRequest("预算"), using=using)  # 12 matches
        assert (page.total, page.total_capped) == (5, True), using
        exact = search(SearchRequest("预算执行"), using=using)  # 4 (or 2 as one substring)
        assert not exact.total_capped and exact.total < 5


def test_a_large_answer_is_ranked_over_bounded_candidates_and_its_pages_hold_every_match_once(
    library, monkeypatch
):
    expected = set(found("预算"))
    monkeypatch.setattr(q, "RANK_ALL", 3)
    monkeypatch.setattr(q, "RERANK_WINDOW", 4)
    pages = [found_page("预算", n) for n in (1, 2, 3, 4)]
    keys = [k for page in pages for k in page]
    assert len(keys) == len(set(keys)) == 12 and set(keys) == expected
    # The candidates (the 4 newest title matches, then 4 more) come first; 113 (body only) is one of
    # the others or last of the candidates, never before a title match among them.
    assert keys[:4] == [111, 120, 106, 107]


def found_page(text: str, number: int) -> list[int]:
    page = search(SearchRequest(text, page=number, per_page=3), using=ENGINE)
    return [hit.key for hit in page.hits]


def test_the_bulk_path_writes_what_index_entries_writes_and_replaces_by_kind_and_key():
    services.index_entries(LIBRARY[:5])
    stale = SearchEntry.objects.get(kind=DOCUMENT, key=LIBRARY[0].key)
    with services.bulk_loading(workers=1) as loader:
        assert loader.write(LIBRARY) == 30
    assert SearchEntry.objects.count() == 30
    fresh = SearchEntry.objects.get(kind=DOCUMENT, key=LIBRARY[0].key)
    assert (fresh.words, fresh.title_words) == (stale.words, stale.title_words)
    services.index_entries(LIBRARY)  # the ordinary path afterwards: the same index
    assert found("预算公开") and set(found("预算公开")) == {102, 113, 115, 202, 301, 305}
    assert found("预算", sort=DATE) == found("预算", using="like", sort=DATE)


def test_the_bulk_path_segments_in_processes_the_same_words(monkeypatch):
    from gongkai_web.search.backends import bulk

    monkeypatch.setattr(bulk, "CHUNK", 5)
    loader = bulk.BulkLoader(workers=2)
    try:
        in_pool = loader.rows(LIBRARY)
    finally:
        loader.close()
    alone = [bulk.row_values(e) for e in LIBRARY]
    drop_time = bulk.COLUMNS.index("indexed_at")
    assert [r[:drop_time] for r in in_pool] == [r[:drop_time] for r in alone]
