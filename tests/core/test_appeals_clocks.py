"""The agency's clocks in 行政复议 and 行政诉讼 cases. Every expected date is counted by hand from the
State Council's holiday notices (legal-rules §4.5) and the statute, not from the code:

* 书面答复: 10 working days after receiving the copy (行政复议法第四十八条), 5 in the simplified procedure
  (第五十四条), working days by 第八十八条第二款, the receipt day not counted;
* 答辩状: 15 calendar days (行政诉讼法第六十七条), a last day on a rest day moving to the next working day;
* report after a 行政复议意见书: 60 calendar days (行政复议法第七十六条)."""

from __future__ import annotations

import datetime as dt

from gongkai.appeals import clocks

D = dt.date


def test_a_review_reply_on_a_copy_received_before_national_day_2025_is_due_on_the_tenth_working_day():
    # Fri 2025-09-26: WD 1 Sun 09-28 (调休), 2 09-29, 3 09-30, 1–8 Oct off, 4 10-09, 5 10-10, 6 Sat 10-11
    # (调休), 7 10-13, 8 10-14, 9 10-15, 10 Thu 10-16.
    due = clocks.review_reply_due(D(2025, 9, 26))
    assert due.due_on == D(2025, 10, 16)
    assert due.period == "10个工作日"
    assert due.basis == "《中华人民共和国行政复议法》第四十八条"
    assert "第八十八条" in due.counting


def test_the_simplified_procedure_gives_five_working_days():
    due = clocks.review_reply_due(D(2025, 9, 26), simplified=True)
    assert due.due_on == D(2025, 10, 10)  # WD 5 as counted above
    assert due.basis == "《中华人民共和国行政复议法》第五十四条（简易程序）"


def test_a_review_reply_across_the_2026_spring_festival():
    # Fri 2026-02-13: WD 1 Sat 02-14 (调休), 15–23 Feb off, 2 02-24 … 5 02-27, 6 Sat 02-28 (调休),
    # 7 03-02, 8 03-03, 9 03-04, 10 Thu 03-05.
    assert clocks.review_reply_due(D(2026, 2, 13)).due_on == D(2026, 3, 5)


def test_a_defence_whose_fifteenth_day_falls_in_the_national_day_holiday_is_due_the_day_after_it():
    # Sat 2025-09-20 + 15 days = Sun 2025-10-05, inside 1–8 October: due Thu 10-09.
    due = clocks.defence_due(D(2025, 9, 20))
    assert due.due_on == D(2025, 10, 9)
    assert due.basis == "《中华人民共和国行政诉讼法》第六十七条第一款"
    assert due.period == "15日"


def test_a_defence_counts_calendar_days_not_working_days():
    # Mon 2025-11-03 + 15 = Tue 11-18, a working day (15 working days would be 11-24).
    assert clocks.defence_due(D(2025, 11, 3)).due_on == D(2025, 11, 18)
    assert clocks.response_due("litigation", D(2025, 11, 3)).due_on == D(2025, 11, 18)
    assert clocks.response_due("review", D(2025, 11, 3)).due_on == D(2025, 11, 17)  # 10 WD: 11-04 … 11-17


def test_the_correction_report_after_an_opinion_letter_is_due_sixty_days_later():
    # Sat 2025-08-02 + 60 days = 2025-10-01 (holiday) → Thu 10-09.
    due = clocks.correction_report_due(D(2025, 8, 2))
    assert due.due_on == D(2025, 10, 9)
    assert due.basis == "《中华人民共和国行政复议法》第七十六条"


def test_an_ordered_re_reply_without_a_period_is_proposed_at_twenty_working_days_and_says_so():
    due = clocks.ordered_action_due(D(2025, 9, 26), basis="行政复议决定")
    assert due.due_on == D(2025, 10, 30)  # legal-rules §4.5 example A
    assert due.assumed and "第三十三条第二款" in due.basis


def test_an_ordered_re_reply_takes_the_period_the_decision_sets():
    assert clocks.ordered_action_due(D(2025, 11, 3), days=15, basis="判决").due_on == D(2025, 11, 18)
    assert not clocks.ordered_action_due(D(2025, 11, 3), days=15, working_days=True, basis="决定").assumed


def test_the_applicants_windows_run_from_the_service_of_the_reply():
    review, suit = clocks.applicant_windows(D(2025, 11, 24), "granted")
    assert review.ends_on == D(2026, 1, 23)  # 60 days
    assert suit.ends_on == D(2026, 5, 25)  # 6 months: Sun 05-24 → Mon


def test_a_refusal_to_disclose_leaves_the_applicant_only_the_review_window():
    (only,) = clocks.applicant_windows(D(2025, 11, 24), "withheld_state_secret")
    assert only.name == "行政复议"
