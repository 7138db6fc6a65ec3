"""条例第三十五条: asking for reasons, recording them, a reasonable later deadline."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.errors import GongkaiError
from gongkai_web.clocks import Clock, today

from .. import deadline, letters
from ..errors import refuse
from ..models import Application, EventKind
from .common import last_event, lock_step, record, require_in_order, require_not_future


def request_reasons(
    app: Application,
    *,
    volume: str,
    reasons_due: dt.date,
    sent_on: dt.date,
    actor,
    clock: Clock | None = None,
) -> Application:
    """条例第三十五条: the number or frequency of the applicant's applications clearly exceeds a reasonable
    range; the agency asks for reasons by ``reasons_due`` (说明理由告知书). The statute does not pause the
    reply period for this, so the clock runs on; the outcome is either a reasonable later deadline
    (``notify_reasonable_time``) or 不予处理 (``not_processed_mass_repeat``)."""
    if not volume.strip():
        raise refuse(
            "art35_without_volume",
            _(
                "Please state the number and frequency of the applicant's applications (art. 35 of the Regulations)."
            ),
        )
    with transaction.atomic():
        app = lock_step(app, "reasons")
        if app.events.filter(kind=EventKind.REASONS_REQUESTED).exists():
            raise refuse("art35_reasons_twice", _("The applicant has already been asked for reasons."))
        if app.events.filter(kind=EventKind.REASONABLE_TIME_NOTICE).exists():
            raise refuse(
                "art35_already_decided",
                _(
                    "A reasonable later reply deadline has already been set, so reasons can no longer be asked for."
                ),
            )
        require_not_future(sent_on, _("date of the notice"), clock)
        if reasons_due <= sent_on:
            raise refuse(
                "art35_reasons_due_too_early",
                _("The deadline for the reasons (%(day)s) must be later than the date of the notice.")
                % {"day": f"{reasons_due:%Y-%m-%d}"},
                reasons_due=reasons_due,
            )
        event = record(
            app,
            EventKind.REASONS_REQUESTED,
            sent_on,
            actor=actor,
            clock=clock,
            data={"volume": volume.strip(), "reasons_due": reasons_due.isoformat()},
        )
        letters.issue_reasons_request(app, event)
        return app


def record_reasons(
    app: Application, *, answered_on: dt.date, reasons: str = "", actor, clock: Clock | None = None
) -> Application:
    """条例第三十五条: what the applicant answered to the 说明理由告知书, kept with the application so that
    the decision that follows (a reasonable later deadline, or 不予处理 as 无正当理由大量反复申请) rests
    on the record. No answer (``reasons`` empty) can be recorded only once the period to answer has
    passed. Like the request, the answer does not touch the reply clock."""
    reasons = reasons.strip()
    with transaction.atomic():
        app = lock_step(app, "reasons_answer")
        requested = last_event(app, EventKind.REASONS_REQUESTED)
        if requested is None:
            raise refuse(
                "art35_not_requested",
                _("The applicant was not asked for reasons; there is nothing to record."),
            )
        if app.events.filter(kind=EventKind.REASONS_ANSWERED).exists():
            raise refuse("art35_answer_twice", _("The applicant's reasons have already been recorded."))
        require_not_future(answered_on, _("date the reasons were received"), clock)
        due = dt.date.fromisoformat(requested.data["reasons_due"])
        if not reasons and answered_on <= due:
            raise refuse(
                "art35_silence_too_early",
                _(
                    "The period for the reasons runs until %(day)s; until then silence cannot be recorded as "
                    "reasons not given in time. If the applicant has given reasons, enter them."
                )
                % {"day": f"{due:%Y-%m-%d}"},
                due=due,
            )
        record(
            app,
            EventKind.REASONS_ANSWERED,
            answered_on,
            actor=actor,
            clock=clock,
            data={"reasons": reasons, "answered": bool(reasons), "late": answered_on > due},
        )
        return app


def notify_reasonable_time(
    app: Application,
    *,
    actor,
    until: dt.date,
    reason: str,
    notified_on: dt.date | None = None,
    clock: Clock | None = None,
) -> Application:
    """条例第三十五条: the applicant's volume or frequency of applications is reasonable but cannot be
    answered within art. 33's period; the agency sets a reasonable later deadline and tells the
    applicant (延迟答复告知书, issued here). Whether the notice is allowed now (not during a 补正, consultation or
    fee period; later than the current deadline) is the core clock's rule (``ReasonableTimeNotice``):
    the event is replayed before it is stored, and the core's message is shown when it refuses."""
    if not reason.strip():
        raise refuse(
            "art35_without_reason",
            _("Please enter the reason for the later reply deadline (art. 35 of the Regulations)."),
        )
    on = notified_on or today(clock)
    with transaction.atomic():
        app = lock_step(app, "reasonable_time")
        require_not_future(on, _("date of the notice"), clock)
        require_in_order(app, EventKind.REASONABLE_TIME_NOTICE, on)  # before the clock replays it
        data = {"due_on": until.isoformat(), "reason": reason.strip()}
        events = [
            *deadline.core_events(app),
            *deadline.events_from_records([(EventKind.REASONABLE_TIME_NOTICE, on, data)]),
        ]
        try:
            deadline.replay(events)
        except GongkaiError as exc:
            raise refuse("art35_refused", exc.message, until=until) from None
        current = deadline.evaluate(app).due_on
        event = record(app, EventKind.REASONABLE_TIME_NOTICE, on, actor=actor, clock=clock, data=data)
        letters.issue_reasonable_time(app, event, original_due=current)  # 延迟答复告知书
        return app
