"""补正 (条例第三十条): the notice listing everything to correct, and the corrected application."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

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
        raise refuse("correction_without_items", "补正通知必须一次性列明需要补正的全部事项（条例第三十条）。")
    with transaction.atomic():
        app = lock_step(app, "correction")
        require_not_future(sent_on, "补正通知日期", clock)
        notice_due = deadline.correction_notice_due(app)
        if sent_on > notice_due:
            raise refuse(
                "correction_too_late",
                f"补正通知应在收到申请之日起7个工作日内（{notice_due:%Y-%m-%d}前）发出"
                "（条例第三十条），现已超过期限，不能再要求补正。",
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
        require_not_future(received_on, "补正材料收到日期", clock)
        app.status = Status.IN_PROGRESS
        app.save(update_fields=["status"])
        record(app, EventKind.CORRECTION_RECEIVED, received_on, actor=actor, clock=clock)
        return app
