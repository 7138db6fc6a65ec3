"""The worklist's read queries, each written once: open, closed, due soon, overdue, receipt not
confirmed in time. The worklist, its tab counts, the CSV export and the reminder command
(``send_deadline_reminders``) all filter through these; "due soon" is ``GONGKAI_DUE_SOON_WORKDAYS``
working days, counted by the core calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone

from gongkai import workdays

from .models import OPEN_STATUSES, Application, Channel, DraftState, Status


def open_(apps: QuerySet[Application]) -> QuerySet[Application]:
    return apps.filter(status__in=OPEN_STATUSES)


def closed(apps: QuerySet[Application]) -> QuerySet[Application]:
    return apps.exclude(status__in=OPEN_STATUSES)


def due_soon_horizon(today: dt.date) -> dt.date:
    """The last day that counts as "due soon": ``GONGKAI_DUE_SOON_WORKDAYS`` working days after today."""
    return workdays.add_working_days(today, settings.GONGKAI_DUE_SOON_WORKDAYS)


def due_soon(apps: QuerySet[Application], today: dt.date) -> QuerySet[Application]:
    """Open, due today or within the next ``GONGKAI_DUE_SOON_WORKDAYS`` working days."""
    return open_(apps).filter(due_on__gte=today, due_on__lte=due_soon_horizon(today))


def overdue(apps: QuerySet[Application], today: dt.date) -> QuerySet[Application]:
    """Open, the stored deadline passed."""
    return open_(apps).filter(due_on__lt=today)


def due_soon_or_overdue(apps: QuerySet[Application], today: dt.date) -> QuerySet[Application]:
    """What a deadline reminder is about: open, due by the "due soon" horizon (overdue included)."""
    return open_(apps).filter(due_on__lte=due_soon_horizon(today))


def late_confirmation_q(today: dt.date) -> Q:
    """Online applications whose receipt is still unconfirmed more than one working day after they
    arrived (legal-rules §4.1: alert after 1 working day): a working day has passed strictly between
    the arrival day and today, i.e. the arrival is before the last working day before today."""
    start = timezone.make_aware(dt.datetime.combine(workdays.previous_working_day(today), dt.time.min))
    return Q(status=Status.SUBMITTED, channel=Channel.online, arrived_at__lt=start)


def late_confirmation(apps: QuerySet[Application], today: dt.date) -> QuerySet[Application]:
    return apps.filter(late_confirmation_q(today))


def awaiting_signoff(apps: QuerySet[Application], today: dt.date | None = None) -> QuerySet[Application]:
    """Open, with a reply draft submitted for sign-off (``services.reply_draft``)."""
    return open_(apps).filter(reply_drafts__state=DraftState.SUBMITTED).distinct()


#: The worklist's views (``WorklistFilterForm.view``) other than "all".
VIEWS: dict[str, Callable[[QuerySet[Application], dt.date], QuerySet[Application]]] = {
    "open": lambda apps, today: open_(apps),
    "closed": lambda apps, today: closed(apps),
    "due_soon": due_soon,
    "overdue": overdue,
    "unconfirmed": late_confirmation,
    "signoff": awaiting_signoff,
}


def worklist_view(apps: QuerySet[Application], view: str, today: dt.date) -> QuerySet[Application]:
    """``apps`` narrowed to the worklist view ``view`` ("all": all of them; another: the open ones)."""
    return apps if view == "all" else VIEWS.get(view, VIEWS["open"])(apps, today)


def attention_counts(apps: QuerySet[Application], today: dt.date) -> dict[str, int]:
    """How many of ``apps`` are due soon, overdue, still unconfirmed, or have a reply awaiting sign-off,
    for the worklist's tabs."""
    return {
        "due_soon": due_soon(apps, today).count(),
        "overdue": overdue(apps, today).count(),
        "unconfirmed": late_confirmation(open_(apps), today).count(),
        "signoff": awaiting_signoff(apps).count(),
    }


def of_agencies(agencies) -> QuerySet[Application]:
    """The applications of ``agencies`` (for a reader in another app: supervision's standing rules)."""
    return Application.objects.filter(agency__in=agencies).select_related("agency")


def replies_since(agencies, since: dt.date) -> list[tuple[Application, dict]]:
    """Each application of ``agencies`` replied to on or after ``since``, with its reply's recorded
    facts (``outcome``, ``reasons``, ``withheld``: ``services.reply_application``'s event data)."""
    from .models import ApplicationEvent, EventKind

    events = (
        ApplicationEvent.objects.filter(
            kind=EventKind.REPLIED, on__gte=since, application__agency__in=agencies
        )
        .select_related("application__agency")
        .order_by("application_id", "id")
    )
    return [(e.application, e.data) for e in events]


def open_reply_drafts(agencies):
    """The reply drafts not yet issued or dropped of the open applications of ``agencies`` (for the
    supervising office's 靠前指导 on risky outcomes)."""
    from .draft_models import OPEN_DRAFT_STATES, ReplyDraft

    return (
        ReplyDraft.objects.filter(
            state__in=OPEN_DRAFT_STATES,
            application__agency__in=agencies,
            application__status__in=OPEN_STATUSES,
        )
        .select_related("application__agency")
        .order_by("application__due_on", "id")
    )
