"""补正 (条例第三十条): the notice listing everything to correct, and the corrected application — recorded
by staff (it came by post, in person …) or answered by the applicant online on her tracking page."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.labels import AUDIT_APPLICANT
from gongkai_web.clocks import Clock, today

from .. import deadline, letters, notify
from ..errors import refuse
from ..models import Application, ApplicationEvent, EventKind, Status
from ..uploads import CheckedUpload
from .common import last_event, lock, lock_step, record, require_not_future


def request_correction(
    app: Application, *, items: list[str], sent_on: dt.date, actor, clock: Clock | None = None
) -> Application:
    items = [i.strip() for i in items if i and i.strip()]
    if not items:
        raise refuse(
            "correction_without_items",
            _(
                "A correction notice must list everything to be corrected at once (art. 30 of the Regulations)."
            ),
        )
    with transaction.atomic():
        app = lock_step(app, "correction")
        require_not_future(sent_on, _("date of the correction notice"), clock)
        notice_due = deadline.correction_notice_due(app)
        if sent_on > notice_due:
            raise refuse(
                "correction_too_late",
                _(
                    "A correction notice must be sent within 7 working days of receipt (before %(day)s; art. 30 "
                    "of the Regulations); that period is over, so correction can no longer be asked for."
                )
                % {"day": f"{notice_due:%Y-%m-%d}"},
                due=notice_due,
            )
        second = app.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists()
        correction_due = deadline.add_workdays(sent_on, app.agency.correction_period_days)
        app.status = Status.CORRECTION
        app.save(update_fields=["status"])
        event = record(
            app,
            EventKind.CORRECTION_REQUESTED,
            sent_on,
            actor=actor,
            clock=clock,
            data={"items": items, "correction_due": correction_due.isoformat(), "second_round": second},
        )
        letters.issue_correction(app, event)
        notify.correction(app, sent_on=sent_on, correction_due=correction_due, clock=clock)
        return app


def correction_due(notice: ApplicationEvent) -> dt.date:
    """The last day of the period the 补正 notice gave (the agency's period, in working days after it was sent)."""
    return dt.date.fromisoformat(notice.data["correction_due"])


def receive_correction(
    app: Application,
    *,
    received_on: dt.date | None = None,
    actor,
    text: str = "",
    attachments: list[CheckedUpload] | tuple[CheckedUpload, ...] = (),
    online: bool = False,
    clock: Clock | None = None,
) -> Application:
    """The corrected application restarts the 20-working-day clock (条例第三十条: the period counts from
    the day the correction is received). Staff record one that came on paper (``received_on`` as the
    day it arrived); the applicant answers online (``online``: received today, ``text`` and
    ``attachments`` — checked by ``uploads.check_upload`` — kept with the application), once, and only
    within the period the notice gave. The applicant is told the new deadline (``notify``)."""
    text = text.strip()
    if online and not text and not attachments:
        raise refuse(
            "correction_answer_empty",
            _("Please write what you correct, or attach the corrected material, before submitting."),
        )
    with transaction.atomic():
        if online:
            app = lock(app)
            received_on = today(clock)
            _require_answerable(app, received_on)
        if received_on is None:
            raise refuse(
                "correction_date_missing", _("Please enter the date the corrected application was received.")
            )
        app = lock_step(app, "correction_received")
        require_not_future(received_on, _("Corrected application received on"), clock)
        app.status = Status.IN_PROGRESS
        app.save(update_fields=["status"])
        data = {}
        if online:
            saved = [upload.save_for(app) for upload in attachments]
            data = {"online": True, "text": text, "attachments": [a.pk for a in saved]}
        record(
            app,
            EventKind.CORRECTION_RECEIVED,
            received_on,
            actor=actor,
            clock=clock,
            data=data,
            actor_label=""
            if getattr(actor, "is_authenticated", False)
            else (AUDIT_APPLICANT.format(query_code=app.query_code) if online else ""),
        )
        notify.correction_received(app, received_on=received_on, clock=clock)
        return app


def _require_answerable(app: Application, on: dt.date) -> None:
    """An online answer to the 补正 notice: once per notice, and within its period."""
    notice = last_event(app, EventKind.CORRECTION_REQUESTED)
    if notice is None:
        return  # no notice: lock_step refuses (the application does not await correction)
    answered = last_event(app, EventKind.CORRECTION_RECEIVED)
    if app.status != Status.CORRECTION and answered and (answered.on, answered.pk) > (notice.on, notice.pk):
        raise refuse(
            "correction_already_answered",
            _(
                "The corrected application was already received on %(day)s; the answer to the correction "
                "notice cannot be submitted again."
            )
            % {"day": f"{answered.on:%Y-%m-%d}"},
            received_on=answered.on,
        )
    if app.status == Status.CORRECTION and on > (due := correction_due(notice)):
        raise refuse(
            "correction_period_over",
            _(
                "The period for correcting the application ended on %(day)s (art. 30 of the Regulations); "
                "the answer can no longer be submitted online. Please contact %(agency)s."
            )
            % {"day": f"{due:%Y-%m-%d}", "agency": app.agency.name},
            due=due,
        )
