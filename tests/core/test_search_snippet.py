"""Snippets (gongkai/search/snippet.py): escaped text around the first match, matches in <mark>."""

from __future__ import annotations

from gongkai.search.snippet import snippet


def test_the_matched_words_are_marked_and_the_rest_escaped():
    text = "一、<总体>情况：本级预算公开，部门预算公开。"
    assert (
        snippet(text, ["预算"])
        == "一、&lt;总体&gt;情况：本级<mark>预算</mark>公开，部门<mark>预算</mark>公开。"
    )


def test_the_snippet_is_a_window_around_the_first_match():
    text = "甲" * 100 + "预算" + "乙" * 100
    assert snippet(text, ["预算"], width=3) == "…甲甲甲<mark>预算</mark>乙乙乙…"


def test_the_longest_mark_wins_where_two_overlap():
    assert snippet("年度报告", ["年度", "年度报告"]) == "<mark>年度报告</mark>"


def test_the_pairs_are_marked_when_the_text_has_no_whole_word():
    text = "信息的公开"
    assert (
        snippet(text, ["信息公开"], fallback=["信息", "息公", "公开"])
        == "<mark>信息</mark>的<mark>公开</mark>"
    )


def test_letters_match_whatever_their_case_or_width():
    assert snippet("全市ＧＤＰ增长", ["gdp"]) == "全市<mark>ＧＤＰ</mark>增长"


def test_without_a_match_the_start_of_the_text_is_shown():
    assert snippet("甲" * 130, ["预算"], width=5) == "甲" * 10 + "…"
    assert snippet("a<b", []) == "a&lt;b"


def test_words_side_by_side_are_one_marked_stretch():
    assert snippet("调整住房公积金缴存基数", ["住房", "公积金"]) == "调整<mark>住房公积金</mark>缴存基数"
