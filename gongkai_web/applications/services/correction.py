"""补正 (条例第三十条): the notice listing everything to correct, and the corrected application."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai_web.clocks import Clock

from .. import deadline, letters
from ..errors import refuse
from ..models import Application, EventKind, Status
from .common import lock_step, record, require_not_future


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
        return app


def receive_correction(
    app: Application, *, received_on: dt.date, actor, clock: Clock | None = None
) -> Application:
    """The corrected application restarts the 20-working-day clock (条例第三十条)."""
    with transaction.atomic():
        app = lock_step(app, "correction_received")
        require_not_future(received_on, _("Corrected application received on"), clock)
        app.status = Status.IN_PROGRESS
        app.save(update_fields=["status"])
        record(app, EventKind.CORRECTION_RECEIVED, received_on, actor=actor, clock=clock)
        return app
