"""信息处理费 against the worked examples of legal-rules §6.6 (figures computed by hand there,
two of them matching published fee notices), the scale formulas of §6.2/§6.3 and bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.fees import (
    Band,
    FeeError,
    FeeScale,
    format_yuan,
    monthly_item_fees,
    per_item_fee,
    per_item_fee_for_item,
    per_page_fee,
)


@pytest.mark.parametrize(
    ("pages", "yuan"),
    [
        (2219, 83460),
        (91, 610),
        (150, 1700),
        (30, 0),
        (0, 0),
        (31, 10),
        (100, 700),
        (101, 720),
        (200, 2700),
        (201, 2740),
    ],
)
def test_per_page_fees_match_the_worked_examples(pages, yuan):
    assert per_page_fee(pages) == Decimal(yuan)


def test_per_item_fees_follow_one_applicants_month_and_reset_next_month():
    charges = monthly_item_fees(
        [
            (dt.date(2025, 3, 3), 8),
            (dt.date(2025, 3, 20), 6),
            (dt.date(2025, 3, 25), 20),
            (dt.date(2025, 4, 2), 5),
        ]
    )
    assert [c.yuan for c in charges] == [Decimal(0), Decimal(400), Decimal(2400), Decimal(0)]
    assert [c.first_item for c in charges] == [1, 9, 15, 1]


def test_forty_five_items_in_one_month_cost_5500_yuan():
    assert per_item_fee(45) == Decimal(5500)


def test_the_31_to_40_band_is_read_as_200_yuan():
    assert [per_item_fee_for_item(n) for n in (10, 11, 30, 31, 40, 41, 50, 51)] == [
        Decimal(v) for v in (0, 100, 100, 200, 200, 300, 300, 400)
    ]


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


# ── the closed form against a unit-by-unit reference ─────────────────────────────────────────


def _item_rate(n: int) -> int:  # legal-rules §6.2, the formula for the n-th item
    return 0 if n <= 10 else 100 if n <= 30 else 100 * (2 + (n - 31) // 10)


def _page_rate(n: int) -> int:  # legal-rules §6.3, the price of the n-th page
    return 0 if n <= 30 else 10 if n <= 100 else 20 if n <= 200 else 40


def _running_sums(rate, upto: int) -> list[int]:
    """sums[c] = price of units 1 … c, adding one unit at a time (the straightforward reference)."""
    sums = [0]
    for n in range(1, upto + 1):
        sums.append(sums[-1] + rate(n))
    return sums


ITEM_SUMS = _running_sums(_item_rate, 10_001)
PAGE_SUMS = _running_sums(_page_rate, 5_000)


def test_every_count_from_0_to_5000_costs_what_the_unit_by_unit_sum_says():
    assert [per_item_fee(c) for c in range(5001)] == [Decimal(v) for v in ITEM_SUMS[:5001]]
    assert [per_page_fee(c) for c in range(5001)] == [Decimal(v) for v in PAGE_SUMS]


@settings(max_examples=300, deadline=None)
@given(already=st.integers(0, 5000), items=st.integers(0, 5000))
def test_any_start_in_the_month_costs_what_the_unit_by_unit_sum_says(already, items):
    assert per_item_fee(items, already_this_month=already) == Decimal(
        ITEM_SUMS[already + items] - ITEM_SUMS[already]
    )


@settings(max_examples=200, deadline=None)
@given(first=st.integers(1, 400), count=st.integers(0, 400), size=st.integers(1, 9))
def test_a_scale_with_odd_bands_and_cents_sums_like_its_own_rates(first, count, size):
    # Not the shipped scale: an uneven beyond-band and fractional prices, so the series is exercised
    # off the 10-item grid. Reference: the scale's per-unit ``rate``, added one unit at a time.
    scale = FeeScale(
        (Band(1, 3, Decimal("0")), Band(4, 11, Decimal("0.35")), Band(12, 12, Decimal("2"))),
        beyond_size=size,
        beyond_step=Decimal("0.5"),
    )
    assert scale.total(first, count) == sum((scale.rate(n) for n in range(first, first + count)), Decimal(0))


def test_a_million_items_cost_the_band_by_band_integer_sum():
    expected, n = 2000, 31  # items 11–30 at 100; then bands of 10 from 31, dearer by 100 each
    while n <= 1_000_000:
        expected += 10 * 100 * (2 + (n - 31) // 10)
        n += 10
    assert per_item_fee(1_000_000) == Decimal(expected)


def test_huge_counts_are_computed_at_once_and_exactly():
    # Hand-derived: 20×100 for items 11–30, then M = N − 30 items at 100·(2 + m//10), m = 0 … M−1,
    # Σ m//10 = 10·q(q−1)/2 + r·q with q, r = divmod(M, 10).
    items = 99_999_999_999
    q, r = divmod(items - 30, 10)
    expected = 2000 + 100 * (2 * (items - 30) + 10 * q * (q - 1) // 2 + r * q)
    assert expected == 49_999_999_984_000_000_002_200
    assert per_item_fee(items) == Decimal(expected)
    assert format_yuan(per_item_fee(items)) == "49999999984000000002200元"
    # Past Decimal's default 28 digits nothing is rounded off.
    big = per_item_fee(10**40)
    assert format_yuan(big) == f"{int(big)}元" and int(big) % 100 == 0 and len(str(int(big))) == 81
    assert per_page_fee(10**30) == Decimal(40 * 10**30 - 5300)  # 40/page less what pages 1–200 save
