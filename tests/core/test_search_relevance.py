"""The relevance measures against figures worked out by hand (gongkai.search.relevance)."""

from __future__ import annotations

import math

import pytest

from gongkai.search.relevance import (
    JudgedQuery,
    JudgmentError,
    dcg,
    evaluate,
    ndcg,
    precision,
    read_judgments,
    reciprocal_rank,
)

# A query's judgments and an engine's ranking of five results, X unjudged (counts as 0).
JUDGED = {"A": 3, "B": 2, "C": 0, "D": 1}
RANKED = ["C", "A", "D", "X", "B"]


def test_dcg_sums_graded_gains_discounted_by_the_log_of_the_rank():
    # grades 0, 3, 1, 0, 2 at ranks 1..5; gain 2^rel − 1, discount log2(rank + 1):
    #   0/1 + 7/log2(3) + 1/log2(4) + 0/log2(5) + 3/log2(6)
    #   = 0 + 7/1.5849625 + 1/2 + 0 + 3/2.5849625 = 4.4165083 + 0.5 + 1.1605584 = 6.0770667
    assert dcg([0, 3, 1, 0, 2], 10) == pytest.approx(6.0770667, abs=1e-6)


def test_ndcg_divides_by_the_ideal_order_of_every_judged_grade():
    # ideal order 3, 2, 1, 0: 7/1 + 3/log2(3) + 1/log2(4) = 7 + 1.8927893 + 0.5 = 9.3927893
    # nDCG@10 = 6.0770667 / 9.3927893 = 0.646993
    assert ndcg(RANKED, JUDGED, 10) == pytest.approx(0.646993, abs=1e-5)


def test_ndcg_at_two_cuts_both_the_ranking_and_the_ideal():
    # DCG@2 = 0 + 7/log2(3) = 4.4165083; IDCG@2 = 7 + 3/log2(3) = 8.8927893; 4.4165083/8.8927893 = 0.496639
    assert ndcg(RANKED, JUDGED, 2) == pytest.approx(0.496639, abs=1e-5)


def test_the_ideal_ranking_scores_one_and_nothing_found_scores_zero():
    assert ndcg(["A", "B", "D", "C"], JUDGED, 10) == pytest.approx(1.0)
    assert ndcg([], JUDGED, 10) == 0.0
    assert ndcg(["A"], {"A": 0}, 10) == 0.0  # nothing relevant to find: no ideal to divide by


def test_a_single_result_graded_one_at_the_top_of_an_only_marginal_query_is_ideal():
    # judgments {Z: 1}: DCG = (2^1 − 1)/log2(2) = 1, IDCG = 1
    assert ndcg(["Z", "Y"], {"Z": 1}, 10) == pytest.approx(1.0)
    # at rank 3 instead: 1/log2(4) = 0.5
    assert ndcg(["Y", "W", "Z"], {"Z": 1}, 10) == pytest.approx(0.5)


def test_the_reciprocal_rank_waits_for_a_result_graded_two_or_more():
    # C (0) at rank 1, A (3) at rank 2: 1/2; D (1) would not count even if it came first
    assert reciprocal_rank(RANKED, JUDGED, 10) == pytest.approx(0.5)
    assert reciprocal_rank(["D", "X", "B"], JUDGED, 10) == pytest.approx(1 / 3)
    assert reciprocal_rank(RANKED, JUDGED, 1) == 0.0  # A is past the cut
    assert reciprocal_rank(["D", "C"], JUDGED, 10) == 0.0


def test_precision_counts_results_graded_one_or_more_and_empty_positions_as_misses():
    # first five: C 0, A 3, D 1, X –, B 2 → A, D, B relevant: 3/5
    assert precision(RANKED, JUDGED, 5) == pytest.approx(0.6)
    # one result, relevant, four empty positions: 1/5
    assert precision(["A"], JUDGED, 5) == pytest.approx(0.2)
    assert precision([], JUDGED, 5) == 0.0


def test_evaluate_averages_over_the_queries_and_per_class():
    first = JudgedQuery("渝府发〔2023〕12号", "number", {"N": 3})
    second = JudgedQuery("住房公积金", "word", {"A": 3, "B": 2, "C": 0, "D": 1})
    third = JudgedQuery("社保", "two-char", {"S": 2})
    run = evaluate([first, second, third], {"渝府发〔2023〕12号": ["N"], "住房公积金": RANKED})
    # number: nDCG 1, RR 1, P@5 1/5 = 0.2; word: 0.646993, 0.5, 0.6; two-char: nothing ranked, 0, 0, 0
    assert run.by_class["number"].ndcg == pytest.approx(1.0)
    assert run.by_class["number"].precision == pytest.approx(0.2)
    assert run.by_class["two-char"].mrr == 0.0
    assert "issuer+subject" not in run.by_class
    # overall: nDCG (1 + 0.646993 + 0)/3 = 0.548998; MRR (1 + 0.5 + 0)/3 = 0.5; P@5 (0.2 + 0.6 + 0)/3 = 0.266667
    assert run.overall.ndcg == pytest.approx(0.548998, abs=1e-5)
    assert run.overall.mrr == pytest.approx(0.5)
    assert run.overall.precision == pytest.approx(0.266667, abs=1e-5)
    assert math.isclose(sum(s.ndcg for _, s in run.per_query), 1.646993, abs_tol=1e-5)


def test_the_judged_set_reads_from_json_and_refuses_what_it_cannot_score():
    queries = read_judgments(
        '{"queries": [{"query": "医保", "class": "two-char", "judgments": {"a": 2, "b": 0}}]}'
    )
    assert queries == [JudgedQuery("医保", "two-char", {"a": 2, "b": 0})]
    with pytest.raises(JudgmentError, match="没有评分为 1 以上"):
        read_judgments('{"queries": [{"query": "医保", "class": "two-char", "judgments": {"a": 0}}]}')
    with pytest.raises(JudgmentError, match="评分应为 0、1、2 或 3"):
        read_judgments('{"queries": [{"query": "医保", "class": "two-char", "judgments": {"a": 4}}]}')
    with pytest.raises(JudgmentError, match="类别"):
        read_judgments('{"queries": [{"query": "医保", "class": "phrase", "judgments": {"a": 1}}]}')
    with pytest.raises(JudgmentError, match="出现了两次"):
        read_judgments(
            '{"queries": [{"query": "医保", "class": "two-char", "judgments": {"a": 1}},'
            ' {"query": "医保", "class": "two-char", "judgments": {"b": 1}}]}'
        )
    with pytest.raises(JudgmentError, match="不是有效的 JSON"):
        read_judgments("[1, 2")
