"""What a 主动公开事项目录 item owes, and by when (issue 14, deliverable 5).

An item of the catalogue (基层政务公开标准目录 shape) has a 公开时限: a number of working days or of
calendar days, by default the statute's 20 working days (条例第二十六条: "自该政府信息形成或者变更之日起
20个工作日内"). What starts the clock — the **trigger** — is plain:

* an item published **on change** (``on_change``): each document linked to the item is one piece of
  its information; the clock starts on the document's 形成 date (``formed_on``). The document meets it
  when it is published, on time or late; an unpublished one whose time limit has passed is overdue.
* a **periodic** item (``yearly`` / ``quarterly`` / ``monthly``, e.g. 预决算, 统计数据): the information
  of a period is formed when the period ends; the clock starts on that last day. The period is met by
  a linked document published on or after that day. Only periods ending on or after the item's
  ``since`` date (the day it entered the catalogue, or a later start the agency gives) count.

Counting follows ``periods``: the trigger day is not counted (民法典第二百零一条), working days on the
platform's calendar. An item is **overdue** when some trigger's time limit ended before ``today``
without its publication; **due soon** when one ends within the horizon; the worst one is reported.
A retired item owes nothing. The core never reads the time: ``today`` is an argument.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gongkai import labels
from gongkai.errors import GongkaiError
from gongkai.publications.periods import PUBLICATION_WORKDAYS
from gongkai.workdays import WorkdayCalendar, default_calendar

WORKDAYS, DAYS = "workdays", "days"
ON_CHANGE, YEARLY, QUARTERLY, MONTHLY = "on_change", "yearly", "quarterly", "monthly"
PERIODIC = (YEARLY, QUARTERLY, MONTHLY)
#: The statute's time limit (条例第二十六条), in working days.
DEFAULT_LIMIT = PUBLICATION_WORKDAYS
#: A time limit longer than a year is no time limit.
MAX_LIMIT = 366

OVERDUE, DUE_SOON, PENDING, MET, NOTHING_DUE = "overdue", "due_soon", "pending", "met", "nothing_due"


class CatalogueError(GongkaiError):
    code = "publications.catalogue_error"


@dataclass(frozen=True)
class TimeLimit:
    amount: int = DEFAULT_LIMIT
    unit: str = WORKDAYS

    def __post_init__(self) -> None:
        if self.unit not in (WORKDAYS, DAYS):
            raise CatalogueError(
                f"公开时限的单位只能是工作日或日，不能是“{self.unit}”。",
                code="publications.catalogue_limit_unit",
                message_en=f"unknown unit {self.unit!r}",
            )
        if not 1 <= self.amount <= MAX_LIMIT:
            raise CatalogueError(
                f"公开时限应在1至{MAX_LIMIT}之间，不能是{self.amount}。",
                code="publications.catalogue_limit_range",
                message_en=f"time limit {self.amount} out of range",
            )

    def due(self, trigger: dt.date, *, calendar: WorkdayCalendar | None = None) -> dt.date:
        """The last day to publish information formed on ``trigger`` (the trigger day not counted)."""
        if self.unit == DAYS:
            return trigger + dt.timedelta(days=self.amount)
        return (calendar or default_calendar()).add_working_days(trigger, self.amount)


def time_limit_text(limit: TimeLimit, periodicity: str = ON_CHANGE) -> str:
    """The 时限 column: 信息形成或变更之日起20个工作日内 / 季度结束之日起20个工作日内."""
    unit = labels.TIME_LIMIT_UNITS[limit.unit]
    if periodicity == ON_CHANGE:
        return labels.CATALOGUE_TIME_LIMIT_ON_CHANGE.format(amount=limit.amount, unit=unit)
    return labels.CATALOGUE_TIME_LIMIT_PERIODIC.format(
        period=labels.CATALOGUE_PERIODICITY[periodicity], amount=limit.amount, unit=unit
    )


def period_end(day: dt.date, periodicity: str) -> dt.date:
    """The last day of the year, quarter or month that contains ``day``."""
    if periodicity == YEARLY:
        return dt.date(day.year, 12, 31)
    if periodicity == QUARTERLY:
        month = (day.month - 1) // 3 * 3 + 3
    elif periodicity == MONTHLY:
        month = day.month
    else:
        raise CatalogueError(
            f"“{periodicity}”不是公开周期。",
            code="publications.catalogue_periodicity",
            message_en=f"unknown periodicity {periodicity!r}",
        )
    return dt.date(day.year, month, month_calendar.monthrange(day.year, month)[1])


def period_ends(since: dt.date, until: dt.date, periodicity: str) -> list[dt.date]:
    """The period ends ``e`` with ``since <= e < until``, oldest first."""
    ends = []
    end = period_end(since, periodicity)
    while end < until:
        ends.append(end)
        end = period_end(end + dt.timedelta(days=1), periodicity)
    return ends


@dataclass(frozen=True)
class Linked:
    """A document linked to an item: its key, 形成 date and publication date (None: not published)."""

    key: object
    formed_on: dt.date | None
    published_on: dt.date | None


@dataclass(frozen=True)
class Obligation:
    """One trigger of an item: the clock started on ``trigger`` and ends on ``due``; ``met_on`` is the
    publication that met it (None: not yet); ``document`` the linked document it is about (on change)."""

    trigger: dt.date
    due: dt.date
    met_on: dt.date | None = None
    document: object = None

    def state(self, today: dt.date, horizon: dt.date) -> str:
        if self.met_on is not None:
            return MET
        if self.due < today:
            return OVERDUE
        return DUE_SOON if self.due <= horizon else PENDING


@dataclass(frozen=True)
class ItemStatus:
    state: str
    #: The obligation that decides the state (the earliest overdue, else the nearest due), if any.
    obligation: Obligation | None = None
    open_obligations: tuple[Obligation, ...] = ()

    @property
    def due(self) -> dt.date | None:
        return self.obligation.due if self.obligation else None


def obligations(
    *,
    limit: TimeLimit,
    periodicity: str,
    since: dt.date,
    linked: Iterable[Linked],
    today: dt.date,
    calendar: WorkdayCalendar | None = None,
) -> list[Obligation]:
    """Every trigger of the item up to ``today`` with its due date and the publication that met it."""
    docs = list(linked)
    if periodicity == ON_CHANGE:
        return [
            Obligation(d.formed_on, limit.due(d.formed_on, calendar=calendar), d.published_on, d.key)
            for d in sorted(docs, key=lambda d: (d.formed_on or dt.date.min, str(d.key)))
            if d.formed_on is not None and d.formed_on <= today
        ]
    published = sorted(d.published_on for d in docs if d.published_on is not None)
    result = []
    for end in period_ends(since, today, periodicity):
        met = next((p for p in published if p >= end), None)
        result.append(Obligation(end, limit.due(end, calendar=calendar), met))
    return result


def item_status(
    *,
    limit: TimeLimit,
    periodicity: str,
    since: dt.date,
    linked: Iterable[Linked],
    today: dt.date,
    horizon: dt.date,
    retired: bool = False,
    calendar: WorkdayCalendar | None = None,
) -> ItemStatus:
    """The item's state on ``today``: overdue, due soon (due by ``horizon``), pending, met, or nothing due."""
    if retired:
        return ItemStatus(NOTHING_DUE)
    found: Sequence[Obligation] = obligations(
        limit=limit, periodicity=periodicity, since=since, linked=linked, today=today, calendar=calendar
    )
    open_ = tuple(o for o in found if o.met_on is None)
    if not found:
        return ItemStatus(NOTHING_DUE)
    if not open_:
        return ItemStatus(MET, found[-1])
    # The earliest overdue one when any (the longest wait), otherwise the nearest due date.
    first = min(open_, key=lambda o: o.due)
    return ItemStatus(first.state(today, horizon), first, open_)
