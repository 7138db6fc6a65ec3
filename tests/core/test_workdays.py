"""The working-day calendar: spec test vectors, 调休 days from the State Council notices,
the data file and its checks, and the fast path against the day-by-day loop of legal-rules §4.4."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import chinese_calendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.workdays import (
    CalendarError,
    WorkdayCalendar,
    add_working_days,
    add_working_days_slow,
    default_calendar,
    load_data,
)

D = dt.date.fromisoformat

# legal-rules §4.6: received, then the 7th, 15th, 20th and 40th working day after it.
VECTORS = [
    ("2024-09-13", "2024-09-25", "2024-10-11", "2024-10-17", "2024-11-14"),
    ("2024-09-27", "2024-10-12", "2024-10-23", "2024-10-30", "2024-11-27"),
    ("2025-01-24", "2025-02-10", "2025-02-20", "2025-02-27", "2025-03-27"),
    ("2025-04-30", "2025-05-14", "2025-05-26", "2025-06-03", "2025-07-01"),
    ("2025-09-26", "2025-10-13", "2025-10-23", "2025-10-30", "2025-11-27"),
    ("2025-12-31", "2026-01-12", "2026-01-22", "2026-01-29", "2026-03-04"),
    ("2026-02-13", "2026-03-02", "2026-03-12", "2026-03-19", "2026-04-17"),
    ("2026-04-30", "2026-05-13", "2026-05-25", "2026-06-01", "2026-06-30"),
    ("2026-09-24", "2026-10-12", "2026-10-22", "2026-10-29", "2026-11-26"),
    ("2026-09-30", "2026-10-15", "2026-10-27", "2026-11-03", "2026-12-01"),
]


@pytest.mark.parametrize("row", VECTORS, ids=[r[0] for r in VECTORS])
def test_it_matches_every_spec_test_vector(row):
    received, *expected = row
    got = [add_working_days(D(received), n).isoformat() for n in (7, 15, 20, 40)]
    assert got == expected


# Dates as the State Council notices state them (legal-rules §4.5 and the task brief):
# weekend days worked (调休上班) and the holiday runs.
NOTICE_WORK_WEEKENDS = [
    "2024-09-29",
    "2024-10-12",
    "2025-09-28",
    "2025-10-11",
    "2026-02-14",
    "2026-02-28",
    "2026-01-04",
]
NOTICE_HOLIDAYS = [
    ("2024-10-01", "2024-10-07"),
    ("2025-10-01", "2025-10-08"),
    ("2026-02-15", "2026-02-23"),
    ("2026-01-01", "2026-01-03"),
]


@pytest.mark.parametrize("day", NOTICE_WORK_WEEKENDS)
def test_it_counts_the_notices_weekend_working_days(day):
    assert D(day).weekday() >= 5
    assert default_calendar().is_working_day(D(day))


@pytest.mark.parametrize(("first", "last"), NOTICE_HOLIDAYS)
def test_it_rests_on_every_day_of_the_notices_holidays(first, last):
    cal, day = default_calendar(), D(first)
    while day <= D(last):
        assert not cal.is_working_day(day), day
        day += dt.timedelta(days=1)


def test_it_counts_a_weekend_receipt_from_the_next_working_day():
    # legal-rules §4.5 E: confirmed Saturday 2025-11-08 → day 1 is Monday 11-10.
    assert add_working_days(D("2025-11-08"), 1) == D("2025-11-10")
    assert add_working_days(D("2025-11-08"), 20) == D("2025-12-05")


def test_it_does_not_repeat_chinese_calendars_find_workday_pitfall():
    # legal-rules §5.3: find_workday(1, Sat 2025-09-27) skips the 调休 Sunday 09-28.
    assert chinese_calendar.find_workday(1, D("2025-09-27")) == D("2025-09-29")
    assert add_working_days(D("2025-09-27"), 1) == D("2025-09-28")


def test_it_counts_proactive_publication_across_new_year():
    # legal-rules §4.5 H.
    assert add_working_days(D("2025-12-19"), 20) == D("2026-01-19")


def test_it_flags_years_without_a_schedule_as_provisional():
    cal = default_calendar()
    due = cal.add_working_days(D("2026-12-15"), 20)
    # legal-rules §4.5 G counts weekends only (2027-01-12); the fixed holiday 元旦 is known ahead
    # (《全国年节及纪念日放假办法》), so the 20th working day is one later.
    assert due == D("2027-01-13")
    assert cal.is_provisional(D("2026-12-15"), due)
    assert not cal.is_provisional(D("2026-01-01"), D("2026-12-31"))


def test_it_skips_working_days_inside_a_pause_but_counts_the_pause_start():
    # (start, end]: letter out Wed 2025-11-05, answer in Fri 11-21 (legal-rules §4.5 C).
    assert add_working_days(D("2025-11-03"), 20, [(D("2025-11-05"), D("2025-11-21"))]) == D("2025-12-17")


def _write(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "workdays.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def test_an_administrator_adds_a_year_without_a_code_change(tmp_path):
    # A made-up 2027 schedule (the real one is not published yet): Fri 2027-01-01 off, Sat 01-09 worked.
    path = _write(
        tmp_path,
        {"years": {"2027": {"notice": "测试用通知", "rest": ["2027-01-01"], "work": ["2027-01-09"]}}},
    )
    cal = WorkdayCalendar(load_data(path))
    assert not cal.is_working_day(D("2027-01-01"))
    assert cal.is_working_day(D("2027-01-09"))
    assert cal.is_working_day(D("2027-01-04"))
    assert not cal.is_provisional(D("2026-12-15"), D("2027-01-12"))
    # Dec 31 → 1st working day is Mon 01-04 (01-01 off), the 5th is the 调休 Saturday 01-09.
    assert cal.add_working_days(D("2026-12-31"), 5) == D("2027-01-08")
    assert cal.add_working_days(D("2026-12-31"), 6) == D("2027-01-09")


def test_the_data_file_path_can_come_from_the_environment(tmp_path, monkeypatch):
    path = _write(tmp_path, {"years": {"2030": {"notice": "环境变量", "rest": ["2030-01-02"]}}})
    monkeypatch.setenv("GONGKAI_WORKDAYS_FILE", str(path))
    assert not WorkdayCalendar().is_working_day(D("2030-01-02"))


def test_a_regional_overlay_applies_only_to_its_region(tmp_path):
    path = _write(
        tmp_path, {"regions": {"540000": {"2025": {"notice": "测试：自治区节日", "rest": ["2025-03-03"]}}}}
    )
    data = load_data(path)
    assert not WorkdayCalendar(data, region="540102").is_working_day(D("2025-03-03"))
    assert WorkdayCalendar(data, region="500000").is_working_day(D("2025-03-03"))
    assert WorkdayCalendar(data).is_working_day(D("2025-03-03"))


@pytest.mark.parametrize(
    ("entry", "code"),
    [
        ({"notice": "x", "rest": ["2027-01-02"], "work": ["2027-01-02"]}, "workdays.conflict"),
        ({"notice": "x", "work": ["2027-01-04"]}, "workdays.work_not_weekend"),
        ({"notice": "x", "rest": ["2028-01-03"]}, "workdays.wrong_year"),
        ({"rest": ["2027-01-04"]}, "workdays.notice_missing"),
        ({"notice": "x", "rest": ["2027-02-30"]}, "workdays.bad_date"),
    ],
)
def test_it_refuses_an_inconsistent_data_file(tmp_path, entry, code):
    with pytest.raises(CalendarError) as err:
        load_data(_write(tmp_path, {"years": {"2027": entry}}))
    assert err.value.code == code


def test_it_names_the_line_of_broken_json(tmp_path):
    path = tmp_path / "bad.json"
    path.write_text('{"years": {\n  "2027": }', encoding="utf-8")
    with pytest.raises(CalendarError, match="第 2 行"):
        load_data(path)


def test_the_shipped_data_file_loads():
    assert load_data().source.endswith("workdays.json")


def test_it_refuses_dates_outside_the_calendar():
    with pytest.raises(CalendarError):
        add_working_days(D("1999-06-01"), 5)


def test_the_fast_path_agrees_with_the_day_by_day_loop_on_every_date_2004_to_2026():
    """Exhaustive: every start date, for the periods the statute uses, against a day-by-day
    count over ``chinese_calendar.is_workday`` itself (independent of the bisect arrays). The
    walk is memoised as "the next working day after day i", stepped n times."""
    cal = default_calendar()
    first, last = D("2004-01-01"), D("2026-12-31")
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    working = [chinese_calendar.is_workday(d) for d in days]
    after = [0] * len(days)  # after[i]: index of the first working day strictly after days[i]
    nxt = len(days)
    for i in range(len(days) - 1, -1, -1):
        after[i] = nxt
        if working[i]:
            nxt = i
    mismatches = []
    for i, day in enumerate(days[:-80]):
        j = i
        for n in range(1, 41):
            j = after[j]
            if n in (1, 7, 15, 20, 40) and cal.add_working_days(day, n) != days[j]:
                mismatches.append((day, n))
    assert mismatches == []


dates = st.dates(min_value=D("2004-01-01"), max_value=D("2026-10-31"))


@settings(max_examples=200, deadline=None)
@given(start=dates, n=st.integers(1, 60), a=st.integers(0, 40), length=st.integers(0, 40))
def test_the_fast_path_agrees_with_the_loop_when_paused(start, n, a, length):
    pause = (start + dt.timedelta(days=a), start + dt.timedelta(days=a + length))
    assert add_working_days(start, n, [pause]) == add_working_days_slow(start, n, [pause])


@settings(max_examples=200, deadline=None)
@given(start=st.dates(min_value=D("2004-01-01"), max_value=D("2040-12-31")), n=st.integers(1, 60))
def test_a_deadline_is_a_working_day_and_one_more_day_is_later(start, n):
    cal = default_calendar()
    due = cal.add_working_days(start, n)
    assert cal.is_working_day(due)
    assert cal.add_working_days(start, n + 1) > due
    assert cal.working_days_between(start, due) == n


def test_coverage_is_fine_before_november_and_when_next_year_is_in_the_library():
    cal = default_calendar()
    assert cal.coverage_warning(D("2026-10-31")) is None  # 2027 unknown, but it is not November yet
    assert cal.coverage_warning(D("2025-11-15")) is None  # chinese_calendar 1.11.0 has 2026


def test_coverage_warns_from_1_november_when_next_year_is_missing():
    cal = default_calendar()
    for today in (D("2026-11-01"), D("2026-12-31")):
        message = cal.coverage_warning(today)
        assert message is not None
        assert "尚未载入2027年的放假安排" in message and "临时" in message


def test_coverage_is_fine_once_the_data_file_has_next_year(tmp_path):
    path = _write(tmp_path, {"years": {"2027": {"notice": "测试用通知", "rest": ["2027-01-01"]}}})
    cal = WorkdayCalendar(load_data(path))
    assert cal.coverage_warning(D("2026-11-20")) is None
    assert cal.coverage_warning(D("2027-10-31")) is None
    assert "2028年" in (cal.coverage_warning(D("2027-11-01")) or "")


def test_coverage_warns_all_year_when_the_current_year_is_missing(tmp_path):
    cal = WorkdayCalendar(load_data(_write(tmp_path, {"years": {}})))
    message = cal.coverage_warning(D("2028-03-01"))
    assert message is not None and "今年（2028年）" in message


@pytest.mark.parametrize("n", [5000, 20000])
def test_a_period_of_many_years_agrees_with_the_day_by_day_count(n):
    # Holidays add up over the years: a long period must not outrun the days built ahead of it.
    start = dt.date(2004, 1, 2)
    calendar = WorkdayCalendar()
    assert calendar.add_working_days(start, n) == add_working_days_slow(start, n, calendar=calendar)


def test_a_provisional_year_rests_on_the_fixed_holidays_but_not_on_unknown_adjustments():
    cal = default_calendar()
    assert not cal.is_working_day(D("2027-01-01"))  # 元旦, a Friday
    assert not cal.is_working_day(D("2027-02-05"))  # 除夕
    assert not cal.is_working_day(D("2027-06-09"))  # 端午
    assert cal.is_working_day(D("2027-02-09"))  # the 调休 around 春节 are not known yet
    assert add_working_days(D("2026-12-20"), 20) == D("2027-01-18")  # issue: `gongkai deadline 2026-12-20`
