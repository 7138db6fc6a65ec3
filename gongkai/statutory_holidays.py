"""The fixed public holidays of 《全国年节及纪念日放假办法》, known years ahead of each year's schedule.

The State Council General Office publishes each year's 放假安排 around November; until then the
calendar knows only the holidays the 办法 fixes by date (公历) or by the lunar calendar (农历). The
办法 as revised by 国务院令第795号 (in force 2025-01-01, docs/spec/legal-rules.md §5) gives:

- 元旦 1 day: 1 January;
- 春节 4 days: 除夕 and 正月初一 to 初三 (3 days, 初一 to 初三, before 2025);
- 清明节 1 day: the day of the 清明 solar term;
- 劳动节 2 days: 1 and 2 May (1 day, 1 May, before 2025);
- 端午节 1 day: 五月初五; 中秋节 1 day: 八月十五;
- 国庆节 3 days: 1 to 3 October.

What the yearly notice adds — the 补假 for a holiday on a weekend and the 调休 that join days into a
week off and move work onto weekends — is not known ahead, so a deadline counted with these days
alone stays *provisional* (flagged, recomputed once the schedule is loaded)."""

from __future__ import annotations

import datetime as dt
from functools import cache

import chinese_calendar
from lunardate import LunarDate

#: The years the lunar conversion covers (lunardate's table); outside them no lunar holiday is known.
LUNAR_YEARS = range(1900, 2100)
#: The revision that made 春节 four days and 劳动节 two (国务院令第795号).
REVISED_2025 = 2025
#: The first year of the rules modelled here (国务院令第644号, 2014: 春节 from 初一, no 除夕); the
#: calendar needs them only for years after the library's published schedules.
FIRST_MODELLED_YEAR = 2014

NEW_YEAR = "元旦"
SPRING_FESTIVAL = "春节"
QINGMING = "清明节"
LABOUR_DAY = "劳动节"
DRAGON_BOAT = "端午节"
MID_AUTUMN = "中秋节"
NATIONAL_DAY = "国庆节"


def _lunar(year: int, month: int, day: int) -> dt.date:
    return LunarDate(year, month, day).to_solar_date()


def _qingming(year: int) -> dt.date:
    start, end = dt.date(year, 4, 1), dt.date(year, 4, 10)
    qingming: dt.date = next(
        day for day, name in chinese_calendar.get_solar_terms(start, end) if name == "清明"
    )
    return qingming


@cache
def fixed_holidays(year: int) -> dict[dt.date, str]:
    """The days off the 办法 fixes in ``year`` (civil dates), each with its holiday's name. Years
    outside ``LUNAR_YEARS`` get only the holidays fixed by civil date; years before
    ``FIRST_MODELLED_YEAR`` followed other rules and are refused."""
    if year < FIRST_MODELLED_YEAR:
        raise ValueError(f"{year} 年适用更早的放假办法，此处只按 {FIRST_MODELLED_YEAR} 年起的规定推算。")
    days: dict[dt.date, str] = {dt.date(year, 1, 1): NEW_YEAR}
    days.update({dt.date(year, 5, d): LABOUR_DAY for d in (1, 2)[: 2 if year >= REVISED_2025 else 1]})
    days.update({dt.date(year, 10, d): NATIONAL_DAY for d in (1, 2, 3)})
    if year in LUNAR_YEARS:
        first = _lunar(year, 1, 1)
        spring = [first + dt.timedelta(days=i) for i in range(3)]
        if year >= REVISED_2025:
            spring.insert(0, first - dt.timedelta(days=1))  # 除夕, the eve (the last day of the lunar year)
        days.update(dict.fromkeys(spring, SPRING_FESTIVAL))
        days[_lunar(year, 5, 5)] = DRAGON_BOAT
        days[_lunar(year, 8, 15)] = MID_AUTUMN
    if 1901 <= year <= 2099:  # chinese_calendar's solar-term table
        days[_qingming(year)] = QINGMING
    return dict(sorted(days.items()))


def fixed_holiday(day: dt.date) -> str | None:
    """The name of the fixed holiday ``day`` is, or None."""
    return fixed_holidays(day.year).get(day)
