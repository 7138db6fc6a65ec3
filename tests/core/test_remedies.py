"""The applicant's remedy periods counted from 送达 (legal-rules §2.5, §4.2 rule 3). Every expected date
is counted by hand from the calendar and the statute, not from the code:

* 行政复议: 60 calendar days, the day of service not counted (行政复议法第二十条、第八十八条; 民事诉讼法
  第八十五条第二款);
* 行政诉讼: 6 months, ending on the same day of the month (民法典第二百零二条; 行政诉讼法第四十六条);
* a last day on a rest day moves to the next working day (民事诉讼法第八十五条第三款)."""

from __future__ import annotations

import datetime as dt

from gongkai.remedies import LITIGATION, REVIEW, add_months, remedy_windows

D = dt.date


def by_route(windows):
    return {w.route: w for w in windows}


def test_a_reply_served_on_a_monday_in_november():
    # Served Mon 2025-11-24. 复议: 6 days left in November (25–30), 31 in December → 37, 23 more in
    # January: the 60th day is Fri 2026-01-23, a working day.
    # 诉讼: 2026-05-24 is a Sunday → Mon 2026-05-25.
    w = by_route(remedy_windows(D(2025, 11, 24), "granted"))
    assert (w[REVIEW].last_day, w[REVIEW].ends_on, w[REVIEW].moved) == (D(2026, 1, 23), D(2026, 1, 23), False)
    assert (w[LITIGATION].last_day, w[LITIGATION].ends_on) == (D(2026, 5, 24), D(2026, 5, 25))
    assert w[LITIGATION].moved and w[LITIGATION].scope == ""
    assert w[REVIEW].basis == "《中华人民共和国行政复议法》第二十条第一款"
    assert w[LITIGATION].basis == "《中华人民共和国行政诉讼法》第四十六条"


def test_a_review_period_ending_in_the_national_day_holiday_runs_to_the_day_after_it():
    # Served Sat 2025-08-02: 29 days left in August, 30 in September → 59; the 60th day is 2025-10-01,
    # inside the 2025 National Day and Mid-Autumn holiday (1–8 October): the period ends Thu 10-09.
    w = by_route(remedy_windows(D(2025, 8, 2), "not_held"))
    assert (w[REVIEW].last_day, w[REVIEW].ends_on) == (D(2025, 10, 1), D(2025, 10, 9))
    assert w[LITIGATION].ends_on == D(2026, 2, 2)  # a Monday


def test_a_review_period_ending_on_a_saturday_ends_the_next_monday():
    # Served 2025-12-02: 29 days left in December, 31 in January → the 60th day is Sat 2026-01-31.
    w = by_route(remedy_windows(D(2025, 12, 2), "granted"))
    assert (w[REVIEW].last_day, w[REVIEW].ends_on) == (D(2026, 1, 31), D(2026, 2, 2))


def test_six_months_from_the_last_day_of_august_end_on_the_last_day_of_february():
    # 2025-08-31 + 6 months: February 2026 has no 31st → its last day, Sat 2026-02-28, which the 2026
    # holiday notice made a working day (调休 after the Spring Festival): no move.
    w = by_route(remedy_windows(D(2025, 8, 31), "granted"))
    assert (w[LITIGATION].last_day, w[LITIGATION].ends_on) == (D(2026, 2, 28), D(2026, 2, 28))
    assert w[REVIEW].ends_on == D(2025, 10, 30)  # 30 days of September + 30 of October


def test_months_keep_the_day_or_take_the_month_end():
    assert add_months(D(2024, 8, 31), 6) == D(2025, 2, 28)
    assert add_months(D(2023, 8, 29), 6) == D(2024, 2, 29)  # a leap year
    assert add_months(D(2025, 11, 20), 6) == D(2026, 5, 20)
    assert add_months(D(2025, 7, 15), 6) == D(2026, 1, 15)  # across the year


def test_a_refusal_to_disclose_opens_only_review_first():
    # 复议前置 (行政复议法第二十三条第一款第（四）项): no direct suit against 不予公开.
    windows = remedy_windows(D(2025, 11, 24), "withheld_state_secret")
    assert [w.route for w in windows] == [REVIEW]
    assert windows[0].ends_on == D(2026, 1, 23)
    assert "先申请行政复议" in windows[0].scope and "15日内" in windows[0].scope  # 行政诉讼法第四十五条


def test_a_partial_disclosure_may_be_sued_directly_only_for_its_disclosed_part():
    w = by_route(remedy_windows(D(2025, 11, 24), "partly_granted"))
    assert w[REVIEW].scope == ""
    assert "予以公开的部分" in w[LITIGATION].scope and "先申请行政复议" in w[LITIGATION].scope


def test_another_decision_has_both_routes():
    assert [w.route for w in remedy_windows(D(2025, 11, 24))] == [REVIEW, LITIGATION]
