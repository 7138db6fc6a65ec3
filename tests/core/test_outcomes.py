"""The outcome table against legal-rules §9 (rows) and §7.3 (remedy variants)."""

from __future__ import annotations

import pytest

from gongkai import labels
from gongkai.outcomes import OUTCOME_TABLE, OUTCOMES, OutcomeError, label, outcome, outcomes_for_row, row_key
from gongkai.report.model import outcome_row_keys

# legal-rules §9, transcribed by hand: outcome → (条例 article it cites, 2021 row key).
SPEC_9 = {
    "granted": ("第三十六条第（二）项", "granted"),
    "partly_granted": ("第三十七条", "partly_granted"),
    "withheld_state_secret": ("第十四条", "withheld.state_secret"),
    "withheld_law_prohibited": ("第十四条", "withheld.law_prohibited"),
    "withheld_three_safeties": ("第十四条", "withheld.three_safeties"),
    "withheld_third_party": ("第十五条", "withheld.third_party"),
    "withheld_internal_affairs": ("第十六条第一款", "withheld.internal_affairs"),
    "withheld_process_info": ("第十六条第二款", "withheld.process_info"),
    "withheld_enforcement_file": ("第十六条第二款", "withheld.enforcement_file"),
    "withheld_admin_query": ("第三十六条第（七）项", "withheld.admin_query"),
    "not_held": ("第三十六条第（四）项", "unable.not_held"),
    "not_this_agency": ("第三十六条第（五）项", "unable.not_held"),
    "needs_creation": ("第三十八条", "unable.needs_creation"),
    "unclear_after_correction": ("第三十条", "unable.unclear_after_correction"),
    "not_processed_petition": ("第三十九条第一款", "not_processed.petition"),
    "not_processed_repeat": ("第三十六条第（六）项", "not_processed.repeat"),
    "not_processed_publication": ("第三十九条第二款", "not_processed.publication"),
    "not_processed_mass_repeat": ("第三十五条", "not_processed.mass_repeat"),
    "not_processed_confirm_reissue": (None, "not_processed.confirm_reissue"),
    "abandoned_no_correction": ("第三十条", "other.no_correction"),
    "abandoned_no_fee": (None, "other.no_fee"),
    "other": (None, "other.other"),
}


@pytest.mark.parametrize("code", sorted(SPEC_9))
def test_each_spec_outcome_cites_its_article_and_counts_in_its_row(code):
    article, row = SPEC_9[code]
    entry = outcome(code)
    assert entry.row_key == row
    if article:
        assert article in entry.articles
        assert entry.basis.startswith("《中华人民共和国政府信息公开条例》")
    else:
        assert not entry.articles


def test_every_2021_outcome_row_is_reachable():
    reached = {row_key(code) for code in OUTCOMES}
    assert set(outcome_row_keys("2021")) <= reached


def test_every_2019_outcome_row_is_reachable():
    assert set(outcome_row_keys("2019")) <= {row_key(code, "2019") for code in OUTCOMES}
    assert row_key("abandoned_no_fee", "2019") == "other"


def test_every_outcome_maps_to_an_existing_row_label():
    for entry in OUTCOME_TABLE.values():
        assert entry.row_label == labels.REQUEST_ROWS[entry.row_key]


def test_only_refusals_to_disclose_need_administrative_review_first():
    # 行政复议法第二十三条: 不予公开 (incl. the withheld part of 部分公开) → variant A.
    prior = {code for code, entry in OUTCOME_TABLE.items() if entry.prior_review}
    withheld_on_articles_14_to_16 = {
        c for c in SPEC_9 if c.startswith("withheld_") and c != "withheld_admin_query"
    }
    assert prior == withheld_on_articles_14_to_16 | {"partly_granted"}


def test_letters_name_the_reply_kind():
    assert outcome("granted").letter == "予以公开答复书"
    assert outcome("partly_granted").letter == "部分公开答复书"
    assert outcome("withheld_process_info").letter == "不予公开答复书"
    assert outcome("not_held").letter == "无法提供告知书"
    assert outcome("not_processed_repeat").letter == "不予处理告知书"


def test_the_fee_outcome_cites_the_fee_measures():
    assert outcome("abandoned_no_fee").basis == "《政府信息公开信息处理费管理办法》"


def test_rows_list_their_outcomes():
    assert {o.code for o in outcomes_for_row("unable.not_held")} == {"not_held", "not_this_agency"}


def test_an_unknown_code_is_a_typed_error():
    with pytest.raises(OutcomeError) as err:
        label("granted_maybe")
    assert err.value.code == "outcomes.unknown"
