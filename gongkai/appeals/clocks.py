"""The agency's clocks in a 行政复议 or 行政诉讼 case, and the applicant's windows after a reply.

* 书面答复 with the evidence and the basis of the act: within **10 days** of receiving the copy of the
  application (行政复议法 (2023) 第四十八条), **5 days** in the simplified procedure (第五十四条; a 政府信息公开
  case may use it, 第五十三条第一款第（四）项, legal-rules §2.5). The law's 3/5/7/10-day periods are **working
  days** (第八十八条第二款): counted with ``gongkai.workdays``, the receipt day excluded (民事诉讼法第八十五条第二款,
  which 第八十八条 imports: legal-rules §4.2 rule 1).
* 答辩状 with the evidence and the normative documents: within **15 days** of receiving the copy of the
  complaint (行政诉讼法第六十七条第一款). Calendar days (行政诉讼法第一百零一条 imports the civil-procedure
  rules on periods): the start day is not counted and a last day on a rest day moves to the next working day
  (民事诉讼法第八十五条第二款、第三款; legal-rules §4.2 rules 1 and 3).
* A 行政复议意见书: the agency reports how it corrected the act within **60 days** of receiving it
  (行政复议法 (2023) 第七十六条); calendar days (not one of 第八十八条's working-day periods), moved like the above.
* Before the 2023 revision (in force 2024-01-01, its 第九十条, legal-rules §1): a copy or an opinion letter
  received before that day is timed by the law of 2017 — the reply within **10 days** (行政复议法 (2017)
  第二十三条第一款), **calendar days**, since its 第四十条 made only the 5- and 7-day periods working days, and no
  simplified procedure (``simplified`` is ignored); the opinion letter's 60 days in 行政复议法实施条例第五十七条.
  The receipt day decides (a copy received on 2023-12-29 is due 2024-01-08).
* An ordered re-reply or performance: within the period the decision or judgment sets (行政复议法第六十四条、
  第六十六条; 行政诉讼法第七十条、第七十二条); when it sets none the platform proposes the 条例's
  20 working days (条例第三十三条第二款), marked as its assumption.
* The applicant's windows against a reply — 60 days for 复议 (行政复议法第二十条第一款), 6 months for 诉讼
  (行政诉讼法第四十六条) from 送达, a refusal to disclose to 复议 first (复议前置, 行政复议法第二十三条第一款
  第（四）项、第二款), then 15 days to sue (行政诉讼法第四十五条) — are ``gongkai.remedies.remedy_windows``
  (legal-rules §2.5).

Which of these the specification notes hold, and which are cited from the statutes without a copy in the
repository, is the table in docs/appeals.md (checked by tests/web/test_appeals_law_citations.py).

Framework-free; every function takes the dates (the core never reads the time)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongkai.remedies import RemedyWindow, remedy_windows
from gongkai.workdays import WorkdayCalendar, default_calendar

REVIEW_REPLY_WORKDAYS = 10  # 行政复议法第四十八条
SIMPLIFIED_REPLY_WORKDAYS = 5  # 行政复议法第五十四条
DEFENCE_DAYS = 15  # 行政诉讼法第六十七条第一款
CORRECTION_REPORT_DAYS = 60  # 行政复议法第七十六条
DEFAULT_REDO_WORKDAYS = 20  # 条例第三十三条第二款 (the platform's proposal when the decision sets no period)

REVIEW_LAW = "《中华人民共和国行政复议法》"
REVIEW_LAW_2017 = f"{REVIEW_LAW}（2017年修正）"
REVIEW_REGULATION = "《中华人民共和国行政复议法实施条例》"
#: The 2023 revision applies to a copy (or an opinion letter) received on or after this day (第九十条).
REVISION_IN_FORCE = dt.date(2024, 1, 1)
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"
WORKDAY_BASIS = f"{REVIEW_LAW}第八十八条第二款（期间为工作日，不含法定休假日）"
CALENDAR_BASIS = (
    "《中华人民共和国民事诉讼法》第八十五条第二款、第三款（期间开始的日不计算在期间内；期间届满的最后一日是"
    "法定休假日的，以法定休假日后的第一日为期间届满的日期）"
)


@dataclass(frozen=True, slots=True)
class Due:
    """A due date and where it comes from: ``basis`` the article fixing the period, ``counting`` how it
    is counted, ``assumed`` when the platform proposes the period because the decision set none."""

    due_on: dt.date
    start: dt.date
    period: str  # “10个工作日”, “15日”
    basis: str
    counting: str
    provisional: bool = False
    assumed: bool = False


def _calendar(calendar: WorkdayCalendar | None) -> WorkdayCalendar:
    return calendar or default_calendar()


def _in_workdays(start: dt.date, n: int, basis: str, cal: WorkdayCalendar, *, assumed: bool = False) -> Due:
    due = cal.add_working_days(start, n)
    return Due(due, start, f"{n}个工作日", basis, WORKDAY_BASIS, cal.is_provisional(start, due), assumed)


def _in_days(start: dt.date, n: int, basis: str, cal: WorkdayCalendar) -> Due:
    due = cal.next_working_day(start + dt.timedelta(days=n))
    return Due(due, start, f"{n}日", basis, CALENDAR_BASIS, cal.is_provisional(start, due))


def review_reply_due(
    copy_received_on: dt.date, *, simplified: bool = False, calendar: WorkdayCalendar | None = None
) -> Due:
    """The last day to file the 书面答复 and the evidence with the 复议机关."""
    if copy_received_on < REVISION_IN_FORCE:  # the 2017 law: calendar days, no simplified procedure
        basis = f"{REVIEW_LAW_2017}第二十三条第一款"
        return _in_days(copy_received_on, REVIEW_REPLY_WORKDAYS, basis, _calendar(calendar))
    if simplified:
        basis = f"{REVIEW_LAW}第五十四条（简易程序）"
        return _in_workdays(copy_received_on, SIMPLIFIED_REPLY_WORKDAYS, basis, _calendar(calendar))
    return _in_workdays(
        copy_received_on, REVIEW_REPLY_WORKDAYS, f"{REVIEW_LAW}第四十八条", _calendar(calendar)
    )


def defence_due(copy_received_on: dt.date, *, calendar: WorkdayCalendar | None = None) -> Due:
    """The last day to file the 答辩状 and the evidence with the court."""
    return _in_days(copy_received_on, DEFENCE_DAYS, f"{LITIGATION_LAW}第六十七条第一款", _calendar(calendar))


def response_due(
    kind: str, copy_received_on: dt.date, *, simplified: bool = False, calendar: WorkdayCalendar | None = None
) -> Due:
    """The agency's first due date in a case of ``kind`` (review / litigation)."""
    if kind == "review":
        return review_reply_due(copy_received_on, simplified=simplified, calendar=calendar)
    return defence_due(copy_received_on, calendar=calendar)


def correction_report_due(opinion_received_on: dt.date, *, calendar: WorkdayCalendar | None = None) -> Due:
    """The last day to report to the 复议机关 how the act named in its 行政复议意见书 was corrected."""
    basis = f"{REVIEW_LAW}第七十六条"
    if opinion_received_on < REVISION_IN_FORCE:
        basis = f"{REVIEW_REGULATION}第五十七条"
    return _in_days(opinion_received_on, CORRECTION_REPORT_DAYS, basis, _calendar(calendar))


def ordered_action_due(
    served_on: dt.date,
    *,
    days: int | None = None,
    working_days: bool = False,
    basis: str,
    calendar: WorkdayCalendar | None = None,
) -> Due:
    """The last day to redo the reply or perform as ordered: ``days`` as the decision sets them (working
    or calendar days), else the 条例's 20 working days, proposed by the platform."""
    cal = _calendar(calendar)
    if days is None:
        proposed = f"{basis}未定期限，按《中华人民共和国政府信息公开条例》第三十三条第二款"
        return _in_workdays(served_on, DEFAULT_REDO_WORKDAYS, proposed, cal, assumed=True)
    if working_days:
        return _in_workdays(served_on, days, basis, cal)
    return _in_days(served_on, days, basis, cal)


def applicant_windows(
    reply_served_on: dt.date, outcome: str | None = None, *, calendar: WorkdayCalendar | None = None
) -> tuple[RemedyWindow, ...]:
    """The applicant's windows against a reply served on ``reply_served_on`` (行政复议法第二十条第一款: 60
    days; 行政诉讼法第四十六条: 6 months; a refusal to disclose goes to 复议 first, 行政复议法第二十三条)."""
    return remedy_windows(reply_served_on, outcome, calendar=calendar)
