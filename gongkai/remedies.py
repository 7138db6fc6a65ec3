"""The applicant's remedy periods against a decision letter, counted from its 送达 (legal-rules §2.5, §4.2).

* 行政复议: within **60 days** of knowing the act (行政复议法 (2023) 第二十条第一款), calendar days;
* 行政诉讼 directly: within **6 months** of knowing it (行政诉讼法第四十六条) — not open against a refusal to
  disclose, which must first go to 行政复议 (复议前置, 行政复议法第二十三条第一款第（四）项、第二款); a 部分公开
  reply is open to direct suit only for its disclosed part (legal-rules §7.3).

The applicant knows the act on the day the letter is served (送达): that date starts both periods.
Counting (行政复议法第八十八条 and 行政诉讼法第一百零一条 import the civil-procedure rules on periods):
the start day is not counted (民事诉讼法第八十五条第二款), so the 60th day after service is the last day;
a period in months ends on the same day of the last month, or on that month's last day where it has no
such day (民法典第二百零二条); and a last day that is a rest day (a weekend not declared a working day,
a statutory holiday) moves to the first working day after it (民事诉讼法第八十五条第三款) — from the
working-day calendar of ``gongkai.workdays``.

Framework-free; the caller passes the service date (the core never reads the time)."""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from dataclasses import dataclass

from gongkai.letters.remedy import LITIGATION_AFTER_REVIEW_DAYS, LITIGATION_MONTHS, REVIEW_DAYS
from gongkai.outcomes import outcome as _outcome
from gongkai.workdays import WorkdayCalendar, default_calendar

REVIEW = "review"
LITIGATION = "litigation"

#: The route's name and the provision fixing its period.
ROUTES: dict[str, tuple[str, str]] = {
    REVIEW: ("行政复议", "《中华人民共和国行政复议法》第二十条第一款"),
    LITIGATION: ("行政诉讼", "《中华人民共和国行政诉讼法》第四十六条"),
}
#: Why a last day on a rest day moves on.
ROLLOVER_BASIS = "《中华人民共和国民事诉讼法》第八十五条第三款"
#: What a 部分公开 reply's direct suit covers (its withheld part must go to 行政复议 first).
DISCLOSED_PART_ONLY = "仅限本答复中予以公开的部分；不予公开的部分应当先申请行政复议"
#: What follows a review of a refusal to disclose (复议前置; 行政诉讼法第四十五条).
REVIEW_FIRST = (
    "不予公开的决定应当先申请行政复议，不得直接提起行政诉讼；对行政复议决定不服的，"
    f"可以自收到行政复议决定书之日起{LITIGATION_AFTER_REVIEW_DAYS}日内提起行政诉讼"
)


@dataclass(frozen=True, slots=True)
class RemedyWindow:
    route: str  # REVIEW or LITIGATION
    name: str  # 行政复议 / 行政诉讼
    basis: str  # the provision fixing the period
    served_on: dt.date  # the day the letter was served: the applicant knows the act
    last_day: dt.date  # the last day as counted, before a rest day moves it
    ends_on: dt.date  # the last day to apply or sue
    scope: str = ""  # '' for the whole decision; what the route covers otherwise

    @property
    def moved(self) -> bool:
        """The counted last day was a rest day and the period ends on the next working day."""
        return self.ends_on != self.last_day


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the last day of that month where it has no such day
    (民法典第二百零二条): 8月31日 + 6个月 = 2月28日 (29日 in a leap year)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, _calendar.monthrange(year, month)[1]))


def _window(
    route: str, served_on: dt.date, last_day: dt.date, cal: WorkdayCalendar, scope: str = ""
) -> RemedyWindow:
    name, basis = ROUTES[route]
    return RemedyWindow(route, name, basis, served_on, last_day, cal.next_working_day(last_day), scope)


def remedy_windows(
    served_on: dt.date, outcome: str | None = None, *, calendar: WorkdayCalendar | None = None
) -> tuple[RemedyWindow, ...]:
    """The periods open to the applicant against a decision served on ``served_on``. ``outcome`` is the
    reply's outcome code (``gongkai.outcomes``); None for another decision (e.g. a 更正答复书), which
    carries remedy variant B."""
    cal = calendar or default_calendar()
    review_ends = served_on + dt.timedelta(days=REVIEW_DAYS)
    entry = _outcome(outcome) if outcome else None
    if entry is not None and entry.prior_review and entry.code != "partly_granted":
        # 复议前置: suit only after the 复议 decision (行政诉讼法第四十五条)
        return (_window(REVIEW, served_on, review_ends, cal, REVIEW_FIRST),)
    review = _window(REVIEW, served_on, review_ends, cal)
    scope = DISCLOSED_PART_ONLY if entry is not None and entry.code == "partly_granted" else ""
    suit = _window(LITIGATION, served_on, add_months(served_on, LITIGATION_MONTHS), cal, scope)
    return (review, suit)
