"""延期答复 (条例第三十三条第二款): approved by the office head, notified before the deadline."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.deadlines import MAX_EXTENSION_WORKDAYS
from gongkai_web.clocks import Clock, today

from .. import deadline, letters, notify
from ..errors import refuse
from ..models import Application, EventKind
from .common import lock_step, record, require_not_future


def approve_extension(
    app: Application, *, workdays: int, reason: str, notified_on: dt.date, actor, clock: Clock | None = None
) -> Application:
    from gongkai_web.accounts.access import can_approve

    if not can_approve(actor, app.agency):
        raise refuse(
            "extension_needs_office_head",
            _(
                "An extension needs the consent of the head of the government information disclosure office "
                "(art. 33 of the Regulations); only this agency's approvers can approve it."
            ),
        )
    if not 1 <= workdays <= MAX_EXTENSION_WORKDAYS:
        raise refuse(
            "extension_too_long",
            _("The reply period can be extended by 20 working days at most (art. 33 of the Regulations)."),
            workdays=workdays,
        )
    if not reason.strip():
        raise refuse("extension_without_reason", _("Please enter the reason for the extension."))
    with transaction.atomic():
        app = lock_step(app, "extension")
        if app.events.filter(kind=EventKind.EXTENSION_APPROVED).exists():
            raise refuse(
                "extension_twice",
                _(
                    "The reply period can be extended only once (art. 33 of the Regulations); this application "
                    "has already been extended."
                ),
            )
        require_not_future(notified_on, _("date the extension was notified"), clock)
        current = deadline.evaluate(app).due_on
        # 条例第三十三条第二款: approved by the office head and notified before the deadline. The approval
        # is given here, today: once the deadline has passed no typed earlier date can bring it back
        # (and ``notified_on`` is not after today, so it is not after the deadline either).
        recorded = today(clock)
        if current and recorded > current:
            raise refuse(
                "extension_after_deadline",
                _(
                    "An extension must be approved by the head of the office and notified to the applicant before "
                    "the reply period ends (before %(due)s); today (%(today)s) the period is over, so it can no "
                    "longer be extended, and an earlier notification date cannot approve it after the fact."
                )
                % {"due": f"{current:%Y-%m-%d}", "today": f"{recorded:%Y-%m-%d}"},
                due=current,
                recorded_on=recorded,
            )
        event = record(
            app,
            EventKind.EXTENSION_APPROVED,
            notified_on,
            actor=actor,
            clock=clock,
            data={"workdays": workdays, "reason": reason.strip(), "approver": actor.get_username()},
        )
        assert current is not None  # receipt confirmed and no 补正 outstanding in the states allowed
        letters.issue_extension(app, event, original_due=current)
        notify.extension(app, clock=clock)
        return app
