"""The periods of a document's life. Days are counted as the civil code counts periods (民法典第二百零一条:
the first day is not counted; 第二百零二条: a period in months ends on the corresponding day of the
last month, or its last day when it has none); working days on the platform's calendar, the start
day excluded (legal-rules §4.2).

| period | rule | source |
| --- | --- | --- |
| 公开征求意见, 规章 | at least 30 days | 规章制定程序条例 第十六条 |
| 公开征求意见, 行政规范性文件 | at least 7 working days | 国办发〔2018〕37号 |
| 主动公开 | within 20 working days of being formed or changed | 条例第二十六条 |
| 政策解读 | within 3 working days of the document's publication | 国办发〔2016〕80号 |
| 备案 | within 30 days of publication | 法规规章备案条例 第三条 |
| 评估 | in the 6 months before 有效期 ends | 国办发〔2018〕37号 (periodic evaluation) |
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt

from gongkai.errors import GongkaiError
from gongkai.workdays import WorkdayCalendar, default_calendar

RULE_COMMENT_DAYS = 30
NORMATIVE_COMMENT_WORKDAYS = 7
PUBLICATION_WORKDAYS = 20
INTERPRETATION_WORKDAYS = 3
FILING_DAYS = 30
EVALUATION_MONTHS = 6


class PeriodError(GongkaiError):
    code = "publications.period_error"


def add_months(day: dt.date, months: int) -> dt.date:
    """民法典第二百零二条: the corresponding day ``months`` later (or earlier), else the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = month_calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def _cal(calendar: WorkdayCalendar | None) -> WorkdayCalendar:
    return calendar or default_calendar()


def earliest_comment_close(
    kind: str, opened_on: dt.date, *, calendar: WorkdayCalendar | None = None
) -> dt.date:
    """The first day a call for comments may close: 规章 30 days, 行政规范性文件 7 working days."""
    if kind == "rule":
        return opened_on + dt.timedelta(days=RULE_COMMENT_DAYS)
    return _cal(calendar).add_working_days(opened_on, NORMATIVE_COMMENT_WORKDAYS)


def check_comment_period(
    kind: str, opened_on: dt.date, closes_on: dt.date, *, calendar: WorkdayCalendar | None = None
) -> None:
    """Refuse a comment period shorter than the rule (kind ``rule`` or ``normative``)."""
    earliest = earliest_comment_close(kind, opened_on, calendar=calendar)
    if closes_on < earliest:
        length = f"{RULE_COMMENT_DAYS}日" if kind == "rule" else f"{NORMATIVE_COMMENT_WORKDAYS}个工作日"
        raise PeriodError(
            f"公开征求意见期限不足：自 {opened_on:%Y-%m-%d} 起应不少于{length}，最早可于 {earliest:%Y-%m-%d} 截止。",
            code="publications.comment_period_short",
            message_en=f"comment period too short: it may close on {earliest} at the earliest",
            earliest=earliest,
        )


def publication_due(formed_on: dt.date, *, calendar: WorkdayCalendar | None = None) -> dt.date:
    """条例第二十六条: published within 20 working days of being formed or changed."""
    return _cal(calendar).add_working_days(formed_on, PUBLICATION_WORKDAYS)


def interpretation_due(published_on: dt.date, *, calendar: WorkdayCalendar | None = None) -> dt.date:
    """国办发〔2016〕80号: the interpretation follows within 3 working days of the document."""
    return _cal(calendar).add_working_days(published_on, INTERPRETATION_WORKDAYS)


def filing_due(published_on: dt.date) -> dt.date:
    """法规规章备案条例 第三条: filed (备案) within 30 days of publication."""
    return published_on + dt.timedelta(days=FILING_DAYS)


def evaluation_window(valid_until: dt.date) -> tuple[dt.date, dt.date]:
    """The evaluation before 有效期 ends: from 6 months before the last day in force, to that day."""
    return add_months(valid_until, -EVALUATION_MONTHS), valid_until
