"""The fixed holidays of 《全国年节及纪念日放假办法》 (国务院令第795号), known before each year's schedule."""

from __future__ import annotations

import datetime as dt

import chinese_calendar
import pytest

from gongkai.statutory_holidays import fixed_holiday, fixed_holidays

D = dt.date


def test_2027_fixed_holidays_are_the_eleven_days_the_measures_name():
    # Read off a 2027 calendar: 除夕 5 Feb, 正月初一 6 Feb, 清明 5 Apr, 端午 9 Jun, 中秋 15 Sep.
    assert list(fixed_holidays(2027)) == [
        D(2027, 1, 1),
        D(2027, 2, 5),
        D(2027, 2, 6),
        D(2027, 2, 7),
        D(2027, 2, 8),
        D(2027, 4, 5),
        D(2027, 5, 1),
        D(2027, 5, 2),
        D(2027, 6, 9),
        D(2027, 9, 15),
        D(2027, 10, 1),
        D(2027, 10, 2),
        D(2027, 10, 3),
    ]
    assert fixed_holiday(D(2027, 2, 5)) == "春节"
    assert fixed_holiday(D(2027, 6, 9)) == "端午节"
    assert fixed_holiday(D(2027, 2, 9)) is None


def test_before_the_2025_revision_spring_festival_had_three_days_and_labour_day_one():
    days = fixed_holidays(2024)
    assert [d for d, name in days.items() if name == "春节"] == [
        D(2024, 2, 10),
        D(2024, 2, 11),
        D(2024, 2, 12),
    ]
    assert [d for d, name in days.items() if name == "劳动节"] == [D(2024, 5, 1)]


@pytest.mark.parametrize("year", range(2014, 2027))
def test_every_fixed_holiday_is_a_day_off_in_the_published_schedule(year):
    # chinese_calendar carries the State Council's published schedules: each fixed day must be off there.
    for day, name in fixed_holidays(year).items():
        assert chinese_calendar.is_holiday(day), (day, name)


def test_years_beyond_the_lunar_table_keep_the_civil_date_holidays():
    days = fixed_holidays(2150)
    assert D(2150, 1, 1) in days and D(2150, 10, 3) in days
    assert "春节" not in days.values()


def test_years_before_the_2014_rules_are_refused_rather_than_guessed():
    with pytest.raises(ValueError):
        fixed_holidays(2013)
