"""信息处理费 against the worked examples of legal-rules §6.6 (figures computed by hand there,
two of them matching published fee notices), the scale formulas of §6.2/§6.3 and bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.fees import (
    FeeError,
    format_yuan,
    monthly_item_fees,
    per_item_fee,
    per_item_fee_for_item,
    per_page_fee,
)


@pytest.mark.parametrize(("pages", "yuan"), [(2219, 83460), (91, 610), (150, 1700), (30, 0), (0, 0), (31, 10),
                                             (100, 700), (101, 720), (200, 2700), (201, 2740)])
def test_per_page_fees_match_the_worked_examples(pages, yuan):
    assert per_page_fee(pages) == Decimal(yuan)


def test_per_item_fees_follow_one_applicants_month_and_reset_next_month():
    charges = monthly_item_fees([(dt.date(2025, 3, 3), 8), (dt.date(2025, 3, 20), 6), (dt.date(2025, 3, 25), 20),
                                 (dt.date(2025, 4, 2), 5)])
    assert [c.yuan for c in charges] == [Decimal(0), Decimal(400), Decimal(2400), Decimal(0)]
    assert [c.first_item for c in charges] == [1, 9, 15, 1]


def test_forty_five_items_in_one_month_cost_5500_yuan():
    assert per_item_fee(45) == Decimal(5500)


def test_the_31_to_40_band_is_read_as_200_yuan():
    assert [per_item_fee_for_item(n) for n in (10, 11, 30, 31, 40, 41, 50, 51)] == \
        [Decimal(v) for v in (0, 100, 100, 200, 200, 300, 300, 400)]


@settings(max_examples=100, deadline=None)
@given(pages=st.integers(0, 5000))
def test_per_page_fee_equals_the_spec_formula(pages):
    p = pages
    expected = 10 * max(0, min(p, 100) - 30) + 20 * max(0, min(p, 200) - 100) + 40 * max(0, p - 200)
    assert per_page_fee(pages) == Decimal(expected)


@settings(max_examples=100, deadline=None)
@given(already=st.integers(0, 300), items=st.integers(0, 300))
def test_per_item_fee_is_the_sum_of_the_spec_formula_per_item(already, items):
    def rate(n: int) -> int:  # legal-rules §6.2
        return 0 if n <= 10 else 100 if n <= 30 else 100 * (2 + (n - 31) // 10)
    expected = sum(rate(n) for n in range(already + 1, already + items + 1))
    assert per_item_fee(items, already_this_month=already) == Decimal(expected)


@pytest.mark.parametrize("bad", [-1, "3", 2.5, True])
def test_it_refuses_a_negative_or_non_integer_count(bad):
    with pytest.raises(FeeError) as err:
        per_page_fee(bad)
    assert err.value.code == "fees.bad_count"


def test_amounts_print_in_yuan():
    assert format_yuan(Decimal(83460)) == "83460元"
