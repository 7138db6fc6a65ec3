"""The full-text back ends answer alike: on the hand-written library of ``search_library.py`` the
database's own engine (FTS5 on SQLite, PostgreSQL full text with GONGKAI_DB=postgres) returns exactly
the keys worked out by hand below, and so returns the same as the other engine on the other database;
where the naive ``like`` scan is meant to agree (browsing, 文号, one or two characters, filters) it
returns the identical page, order included.

Worked out by hand from the library:
- 预算 (two characters: substring of title, body or 文号): 101 102 106 107 111 113 115 120 201 202 301
  305 — all in the title but 113 (body only).
- 预算公开 (words 预算 and 公开 anywhere): 102 113 115 202 301 305; as one substring (like): 102 115
  202 305.
- 预算执行 (words): 101 (执行 in 贯彻执行) 106 120 201 (编制、执行); as one substring: 106 120."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from gongkai.search.entry import DATE, DOCUMENT, INTERPRETATION, QA, Entry, SearchRequest
from gongkai_web.search import services
from gongkai_web.search.backends import backend, native_name
from gongkai_web.search.models import SearchEntry
from gongkai_web.search.queries import search

from .search_library import LIBRARY, PATHS

pytestmark = pytest.mark.django_db

ENGINE = "postgres" if connection.vendor == "postgresql" else "fts5"
ALL_12 = {101, 102, 106, 107, 111, 113, 115, 120, 201, 202, 301, 305}
#: 预算 by date, newest first (111 2024-01-05 … 115 2022-09-09).
BUDGET_BY_DATE = [111, 120, 113, 106, 107, 301, 202, 102, 201, 101, 305, 115]
BUDGET_PUBLIC = {102, 113, 115, 202, 301, 305}


@pytest.fixture
def library():
    services.index_entries(LIBRARY)


def keys(text="", using=ENGINE, **filters):
    return [hit.key for hit in search(SearchRequest(text, per_page=50, **filters), using=using).hits]


def test_the_database_s_own_engine_answers_when_no_back_end_is_configured(library, settings):
    settings.GONGKAI_SEARCH_BACKEND = ""
    assert native_name() == ENGINE
    assert search(SearchRequest("预算公开")).backend == ENGINE
    settings.GONGKAI_SEARCH_BACKEND = "like"
    assert search(SearchRequest("预算公开")).backend == "like"


def test_an_unknown_or_foreign_back_end_is_refused(settings):
    with pytest.raises(ImproperlyConfigured, match="GONGKAI_SEARCH_BACKEND"):
        backend("solr")
    with pytest.raises(ImproperlyConfigured):
        backend("fts5" if ENGINE == "postgres" else "postgres")


def test_indexing_thirty_entries_is_a_few_statements_not_one_per_entry(django_assert_max_num_queries):
    with django_assert_max_num_queries(10):
        assert services.index_entries(LIBRARY) == 30
    assert SearchEntry.objects.count() == 30


def test_a_two_character_word_is_found_as_a_substring_by_every_back_end(library):
    for using in (ENGINE, "like"):
        page = search(SearchRequest("预算", sort=DATE, per_page=50), using=using)
        assert [hit.key for hit in page.hits] == BUDGET_BY_DATE, using
        assert page.total == 12
        assert page.substring_fallback
        assert page.terms == ("预算",)


def test_by_relevance_a_title_match_comes_before_a_body_match(library):
    # Titles first (by date), then 113, whose body alone has 预算.
    expected = [111, 120, 106, 107, 301, 202, 102, 201, 101, 305, 115, 113]
    assert keys("预算") == keys("预算", using="like") == expected


def test_a_one_character_query_is_a_substring_too(library):
    # 税 is nowhere; 费 is in 104 (收费, 择校费), 117, 203, 302.
    assert keys("税") == []
    assert set(keys("费")) == set(keys("费", using="like")) == {104, 117, 203, 302}


def test_words_match_wherever_they_stand(library):
    page = search(SearchRequest("预算公开", per_page=50), using=ENGINE)
    assert {hit.key for hit in page.hits} == BUDGET_PUBLIC
    assert not page.substring_fallback
    assert page.terms == ("预算", "公开")
    assert set(keys("预算执行")) == {101, 106, 120, 201}
    assert set(keys("政府信息公开")) == {103, 108, 304}
    assert set(keys("住房公积金")) == {109, 114, 205}


def test_the_naive_scan_looks_for_the_whole_text(library):
    assert set(keys("预算公开", using="like")) == {102, 115, 202, 305}
    assert set(keys("预算执行", using="like")) == {106, 120}


def test_a_word_in_the_title_ranks_above_the_same_word_in_the_body(library):
    assert keys("养老服务") == [119, 105]
    # 114 only cites the notice on 住房公积金 in its body.
    assert keys("住房公积金")[-1] == 114


def test_letters_are_found_whatever_their_case(library):
    for text in ("GDP", "gdp", "ＧＤＰ"):
        assert keys(text) == [118], text
    assert keys("GDP", using="like") == keys("gdp", using="like") == [118]


def test_a_document_number_written_with_square_brackets_finds_the_one_stored_with_hexagonal_ones(library):
    for using in (ENGINE, "like"):
        page = search(SearchRequest("渝府发[2023]1号"), using=using)
        # Not 201, whose body cites the number: the number is matched exactly, not searched for.
        assert [hit.key for hit in page.hits] == [101], using
        assert page.terms == ("渝府发〔2023〕1号",)
        assert not page.substring_fallback
        assert keys("渝教发〔2022〕9号", using=using) == [117]  # stored as 渝教发[2022]9号
        assert keys("渝财发 2023 5", using=using) == [102]
        assert keys("渝府发（2099）1号", using=using) == []


def test_an_agency_and_its_subtree_narrow_the_words(library):
    assert set(keys("预算公开", agency_path=PATHS[1])) == {102, 113, 202, 301}
    assert keys("预算公开", agency_path=PATHS[4]) == [113]  # 渝中区财政局 is under 渝中区政府
    assert set(keys("预算公开", agency_id=2)) == {102, 202, 301}
    for using in (ENGINE, "like"):
        assert keys("预算", using=using, agency_path=PATHS[6], sort=DATE) == [107, 305, 115]


def test_a_year_narrows_the_words(library):
    assert set(keys("预算公开", year=2022)) == {115, 305}
    assert set(keys("预算公开", year=2023, agency_path=PATHS[1])) == {102, 113, 202, 301}


def test_in_force_on_a_day_leaves_out_what_had_not_begun_or_had_ended(library):
    # 111 takes effect on 2024-02-01; 102 ends on 2024-02-15; the rest have no dates (in force).
    day_before, day_after = dt.date(2024, 1, 20), dt.date(2024, 3, 1)
    for using in (ENGINE, "like"):
        assert set(keys("预算", using=using, in_force_on=day_before)) == ALL_12 - {111}
        assert set(keys("预算", using=using, in_force_on=day_after)) == ALL_12 - {102}
    assert set(keys("预算公开", in_force_on=day_after)) == BUDGET_PUBLIC - {102}


def test_kinds_narrow_to_answers_or_interpretations(library):
    assert keys("预算公开", kinds=(QA,), sort=DATE) == [301, 305]
    assert set(keys("预算公开", kinds=(INTERPRETATION, QA))) == {202, 301, 305}
    for using in (ENGINE, "like"):
        assert keys("预算", using=using, kinds=(DOCUMENT,), sort=DATE) == [
            111,
            120,
            113,
            106,
            107,
            102,
            101,
            115,
        ]


def test_pages_follow_one_another_in_date_order(library):
    for using in (ENGINE, "like"):
        pages = [search(SearchRequest("预算", sort=DATE, page=n, per_page=5), using=using) for n in (1, 2, 3)]
        assert [[hit.key for hit in page.hits] for page in pages] == [
            BUDGET_BY_DATE[:5],
            BUDGET_BY_DATE[5:10],
            BUDGET_BY_DATE[10:],
        ]
        assert {page.total for page in pages} == {12}


def test_browsing_lists_everything_newest_first_undated_last(library):
    for using in (ENGINE, "like"):
        page = search(SearchRequest("", sort=DATE, per_page=50), using=using)
        assert page.total == 30
        assert page.hits[0].key == 119  # 2024-04-01
        assert page.hits[-1].key == 116  # no date
        assert page.terms == ()


def test_punctuation_alone_finds_nothing(library):
    assert keys("？？？") == []


def test_the_snippet_marks_the_matched_words(library):
    [hit] = [h for h in search(SearchRequest("住房公积金"), using=ENGINE).hits if h.key == 109]
    assert hit.snippet == (
        "<mark>住房公积金</mark>缴存基数每年调整一次，职工和单位<mark>住房公积金</mark>缴存比例均不得低于5%。"
    )
    [budget] = search(SearchRequest("预算", agency_path=PATHS[5]), using=ENGINE).hits[:1]
    assert budget.key == 106
    assert (
        budget.snippet
        == "2023年上半年，全区一般公共<mark>预算</mark>收入完成年度<mark>预算</mark>的52%，支出进度符合预期。"
    )


def test_the_snippet_escapes_the_stored_text(library):
    services.index_entries(
        [
            Entry(
                QA,
                306,
                1,
                PATHS[1],
                "页面显示<script>怎么办？",
                "答：<script>alert(1)</script> 不是预算内容。",
            )
        ]
    )
    [hit] = search(SearchRequest("怎么办", kinds=(QA,)), using=ENGINE).hits
    assert hit.snippet == "答：&lt;script&gt;alert(1)&lt;/script&gt; 不是预算内容。"


def test_indexing_again_replaces_the_entry(library):
    assert set(keys("中小学收费")) == {104, 203}
    assert keys("幼儿园") == []
    services.index_entries(
        [
            Entry(
                DOCUMENT,
                104,
                3,
                PATHS[3],
                "重庆市教育委员会关于规范幼儿园收费管理的通知",
                "各区县教委：规范幼儿园收费行为。",
                number="渝教发〔2023〕3号",
                published_on=dt.date(2023, 3, 20),
            )
        ]
    )
    assert keys("中小学收费") == [203]
    assert keys("幼儿园") == keys("幼儿园", using="like") == [104]
    assert SearchEntry.objects.count() == 30


def test_removing_takes_the_entry_out_of_every_back_end(library):
    assert set(keys("择校费")) == {104, 302}
    assert services.remove_entries(QA, [302, 999]) == 1
    assert keys("择校费") == keys("择校费", using="like") == [104]
    assert SearchEntry.objects.count() == 29
