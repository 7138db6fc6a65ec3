"""Receipt (条例第三十一条): the legal receipt date of an application that arrived without one."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai_web.clocks import Clock

from .. import letters, notify
from ..models import Application, Channel, EventKind, ReceiptRule, Status
from .common import lock_step, record, require_not_future

#: Receipt rule per channel (条例第三十一条; legal-rules §4.1).
CHANNEL_RULES = {
    Channel.in_person: ReceiptRule.HANDED_IN,
    Channel.oral: ReceiptRule.HANDED_IN,
    Channel.post_signed: ReceiptRule.SIGNED_FOR,
    Channel.post_unsigned: ReceiptRule.CONFIRMED_WITH_APPLICANT,
    Channel.fax: ReceiptRule.MUTUAL_CONFIRMATION,
    Channel.email: ReceiptRule.MUTUAL_CONFIRMATION,
    Channel.online: ReceiptRule.MUTUAL_CONFIRMATION,
}


def confirm_receipt(
    app: Application, *, received_on: dt.date, actor, clock: Clock | None = None
) -> Application:
    """条例第三十一条: fix the legal receipt date of an online/fax/e-mail/plain-letter application."""
    with transaction.atomic():
        app = lock_step(app, "confirm")
        require_not_future(received_on, _("Received on"), clock)
        app.received_on, app.receipt_rule = received_on, CHANNEL_RULES[Channel(app.channel)]
        app.confirmed_by, app.status = actor, Status.IN_PROGRESS
        app.save(update_fields=["received_on", "receipt_rule", "confirmed_by", "status"])
        event = record(
            app,
            EventKind.RECEIPT_CONFIRMED,
            received_on,
            actor=actor,
            data={"rule": app.receipt_rule},
            clock=clock,
        )
        letters.issue_receipt(app, event)
        notify.receipt(app, clock=clock)
        return app
