"""The statutory clock for one application: its recorded events replayed through the core
(``gongkai.deadlines``). Nothing here decides a rule; it only translates records into the core's
event vocabulary and caches the result on the application for sorting."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Max
from django.utils.translation import gettext as _

from gongkai import deadlines, workdays
from gongkai.letters.wording import determination_pause_reason

from . import workflow
from .models import NON_CLOCK_EVENTS, Application, ApplicationEvent, EventKind, Status


@dataclass(frozen=True)
class DeadlineView:
    due_on: dt.date | None
    provisional: bool = False
    paused: bool = False  # a consultation or a fee is open (the core's projection)
    explanation: list[str] = field(default_factory=list)
    #: A referral under 条例第十七条 awaits its determination: ``due_on`` counts the days not counted up to
    #: ``today`` only, and moves on by each working day until the determination arrives.
    referred: bool = False


def add_workdays(start: dt.date, n: int) -> dt.date:
    """The n-th working day strictly after ``start`` (legal-rules §4.2), from the core calendar."""
    return workdays.add_working_days(start, n)


def correction_notice_due(app: Application) -> dt.date:
    """条例第三十条: the 补正 notice is due within 7 working days of receipt (the core's rule)."""
    assert app.received_on is not None  # asked only of an application in progress: receipt confirmed
    return deadlines.correction_notice_due(app.received_on)


def core_events(app: Application, events=None, *, today: dt.date | None = None) -> list:
    """Translate the application's events (``events`` in date order if given — those of an application
    being created —, else the stored ones) into the core's event objects. A referral under 条例第十七条
    becomes the core's ``Paused`` (``referral_pauses``); one still open is counted up to ``today``."""
    records = app.events.order_by("on", "id") if events is None else events
    return deadlines.events_from_records(
        referral_pauses([(e.kind, e.on, e.data) for e in records if e.kind not in NON_CLOCK_EVENTS], today)
    )


REFERRAL_EVENTS = (EventKind.DETERMINATION_REQUESTED, EventKind.DETERMINATION_RECEIVED)


def referral_pauses(records: list, today: dt.date | None) -> list:
    """Each referral (``determination_requested``) and the determination that answers it become one
    record of the core's time not counted (``paused``): the working days in ``(referred, determined]``
    are skipped (legal-rules §4.3's pause semantics; §10.6: another agency's opinion, 条例第三十三条第三款).
    A referral not yet answered is counted up to ``today`` (none given: nothing skipped yet), so the
    deadline shown is the earliest it can be."""
    out: list = []
    for i, (kind, on, data) in enumerate(records):
        if kind == EventKind.DETERMINATION_RECEIVED:
            continue
        if kind != EventKind.DETERMINATION_REQUESTED:
            out.append((kind, on, data))
            continue
        answer = next(
            (r for r in records[i + 1 :] if r[0] in REFERRAL_EVENTS), None
        )  # referrals run one at a time
        answered = answer is not None and answer[0] == EventKind.DETERMINATION_RECEIVED
        until = answer[1] if answered and answer else max(today or on, on)
        reason = determination_pause_reason(
            data.get("body_kind", ""), data.get("body", ""), answered=answered
        )
        out.append(("paused", on, {"until": until, "reason": reason}))
    return out


def events_from_records(records) -> list:
    return deadlines.events_from_records(records)


def replay(events: list) -> deadlines.DeadlineResult:
    """Replay core events; raises the core's ``ClockError`` when the law does not allow one of them."""
    return deadlines.reply_deadline(events)


def evaluate(app: Application, *, today: dt.date | None = None, events=None) -> DeadlineView:
    if app.received_on is None:
        return DeadlineView(
            None,
            explanation=[
                _(
                    "Receipt is not yet confirmed; the reply period runs from the day receipt is confirmed "
                    "(art. 31 of the Regulations)."
                )
            ],
        )
    result = replay(core_events(app, events, today=today))
    referred = app.status == Status.REFERRED
    return DeadlineView(
        result.due_on, result.provisional, result.paused, list(result.explanation), referred=referred
    )


#: Statuses in which the reply clock does not run: 补正 restarts it (条例第三十条), consultation and a
#: fee notice suspend it (条例第三十二条、第三十四条; 办法第十一条) — those the clock-stopping steps of
#: ``workflow.ACTIONS`` lead to.
CLOCK_STOPPED = workflow.CLOCK_STOPPED


@dataclass(frozen=True)
class TimeLeft:
    """What a worklist row says about the clock: working days left, or overdue by, or stopped."""

    state: str  # "left" | "overdue" | "stopped" | "none"
    workdays: int = 0


def time_left(app: Application, today: dt.date, *, clock_start: dt.date | None = None) -> TimeLeft:
    """Working days from ``today`` to the stored deadline (the deadline day itself counts, the day of
    receipt does not: the core's ``working_days_left``). ``clock_start`` is the day the period last
    started (a corrected application's receipt, 条例第三十条), the receipt when not given."""
    if not app.is_open or app.due_on is None:
        return TimeLeft("none")
    if app.status in CLOCK_STOPPED:
        return TimeLeft("stopped")
    calendar = workdays.default_calendar()
    if app.due_on < today:
        return TimeLeft("overdue", calendar.working_days_between(app.due_on, today))
    assert app.received_on is not None  # a deadline is set only once receipt is confirmed
    start = max(app.received_on, clock_start or app.received_on)
    return TimeLeft("left", deadlines.working_days_left(start, app.due_on, today, calendar=calendar))


def clock_starts(apps) -> dict[int, dt.date]:
    """For each of ``apps`` whose corrected application came in (条例第三十条), the day it came in: its
    reply period runs anew from the day after (one query for a page of the worklist)."""
    return dict(
        ApplicationEvent.objects.filter(application__in=apps, kind=EventKind.CORRECTION_RECEIVED)
        .values("application_id")
        .annotate(last=Max("on"))
        .values_list("application_id", "last")
    )


def refresh(app: Application, *, today: dt.date | None = None) -> None:
    """Recompute and cache ``due_on`` after an event. A closed application keeps its last value — none
    for one withdrawn before it was ever received, whose clock never started."""
    if not app.is_open:
        return
    view = evaluate(app, today=today)
    if (app.due_on, app.due_provisional) != (view.due_on, view.provisional):
        app.due_on, app.due_provisional = view.due_on, view.provisional
        Application.objects.filter(pk=app.pk).update(due_on=view.due_on, due_provisional=view.provisional)


__all__ = [
    "DeadlineView",
    "EventKind",
    "TimeLeft",
    "add_workdays",
    "clock_starts",
    "correction_notice_due",
    "evaluate",
    "refresh",
    "time_left",
]
