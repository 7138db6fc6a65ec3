"""The working days left on a reply period: the period counts from the day after receipt (条例第三十三条;
民法典第二百零一条), so on the day of receipt all 20 remain; the due day itself is still usable."""

from __future__ import annotations

import datetime as dt

from gongkai.deadlines import working_days_left

RECEIVED = dt.date(2025, 11, 3)  # Monday; the reply is due Monday 2025-12-01 (legal-rules §4.5 example C)
DUE = dt.date(2025, 12, 1)


def test_on_the_day_of_receipt_twenty_working_days_are_left():
    assert working_days_left(RECEIVED, DUE, RECEIVED) == 20


def test_on_the_first_day_of_the_period_twenty_are_left_with_that_day():
    assert working_days_left(RECEIVED, DUE, dt.date(2025, 11, 4)) == 20


def test_on_the_second_day_nineteen_are_left():
    assert working_days_left(RECEIVED, DUE, dt.date(2025, 11, 5)) == 19


def test_over_a_weekend_the_count_does_not_move():
    saturday, monday = dt.date(2025, 11, 29), DUE
    assert working_days_left(RECEIVED, DUE, saturday) == working_days_left(RECEIVED, DUE, monday) == 1


def test_after_the_due_day_none_are_left():
    assert working_days_left(RECEIVED, DUE, dt.date(2025, 12, 2)) == 0
