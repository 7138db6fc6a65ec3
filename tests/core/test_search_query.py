"""Query analysis (gongkai/search/query.py): the same decision for every back end."""

from __future__ import annotations

from gongkai.search.query import (
    EMPTY,
    NUMBER,
    SUBSTRING,
    WORDS,
    Term,
    fts5_match,
    parse_query,
    tsquery,
)


def test_an_empty_query_browses():
    assert parse_query("   ").mode == EMPTY


def test_a_document_number_in_any_brackets_is_one_exact_number():
    for text in (
        "渝府发[2023]1号",
        "渝府发（2023）1号",
        "渝府发〔2023〕01号",
        "渝府发【2023】1号",
        "渝府发 2023 1",
    ):
        query = parse_query(text)
        assert query.mode == NUMBER, text
        assert query.needle == "渝府发〔2023〕1号"
        assert query.words == ("渝府发〔2023〕1号",)


def test_one_or_two_characters_fall_back_to_a_substring():
    assert parse_query("预算").mode == SUBSTRING
    assert parse_query(" 税 ").needle == "税"
    assert parse_query("税 费").needle == "税费"
    assert parse_query("预算表").mode == WORDS


def test_a_longer_word_counts_as_its_pairs_of_characters_too():
    query = parse_query("信息公开年度报告")
    assert query.mode == WORDS
    assert query.terms == (
        Term("信息", ("信息",)),
        Term("公开", ("公开",)),
        Term("年度报告", ("年度", "度报", "报告")),
    )
    assert query.words == ("信息", "公开", "年度报告")
    assert query.part_marks == ("年度", "度报", "报告")


def test_the_words_are_written_alike_for_fts5_and_postgresql():
    query = parse_query("信息公开年度报告")
    assert fts5_match(query) == '"信息" AND "公开" AND ("年度报告" OR ("年度" AND "度报" AND "报告"))'
    assert tsquery(query) == "'信息' & '公开' & ('年度报告' | ('年度' & '度报' & '报告'))"


def test_letters_are_lower_cased_and_a_repeated_word_counts_once():
    query = parse_query("GDP 增长 gdp")
    assert query.words == ("gdp", "增长")
    assert fts5_match(query) == '"gdp" AND "增长"'


def test_a_query_of_punctuation_only_matches_nothing():
    query = parse_query("？？？")
    assert query.mode == WORDS
    assert query.matches_nothing
    assert not parse_query("预算表").matches_nothing
