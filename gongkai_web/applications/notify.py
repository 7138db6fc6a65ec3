"""Telling the applicant about a step of her application: the wording is the core's
(``gongkai.notices``), the channel the one she chose (``Application.notify_by``; blank: e-mail if she
gave an address, else SMS), the sending the notifications app's (``send_message``, which records every
message on the application). Each service calls one of the functions below inside its transaction, which
puts the message in the outbox (``queue_message``): a step rolled back leaves nothing to send, and the
request does not wait for the channel. The ``send_messages`` worker sends it; with
``GONGKAI_MESSAGE_DELIVERY = "on_commit"`` (a single-process installation) it is sent once the step is
committed. A failing channel is recorded as failed without undoing or breaking the step."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse

from gongkai import notices
from gongkai_web.clocks import Clock
from gongkai_web.notifications.models import Channel
from gongkai_web.notifications.services import deliver_message, queue_message

from .models import Application, NotifyBy


def channel_for(app: Application) -> tuple[str, str] | None:
    """``(channel, recipient)`` for the applicant's choice, or None: no messages, or no contact for it."""
    choice = app.notify_by or (NotifyBy.EMAIL if app.email else NotifyBy.SMS)
    if choice == NotifyBy.EMAIL and app.email:
        return Channel.EMAIL, app.email
    if choice == NotifyBy.SMS and app.phone:
        return Channel.SMS, app.phone
    return None


def track_url() -> str:
    """The tracking page, where the query code and password open the application."""
    return settings.GONGKAI_PUBLIC_URL.rstrip("/") + reverse("portal:track")


def _facts(app: Application) -> dict:
    return {
        "agency": app.agency.name,
        "kind": app.kind,
        "query_code": app.query_code,
        "track_url": track_url(),
    }


def tell_applicant(app: Application, notice: notices.Notice, *, clock: Clock | None = None) -> None:
    target = channel_for(app)
    if target is None:
        return
    channel, recipient = target

    message = queue_message(
        app,
        channel=channel,
        recipient=recipient,
        subject=notice.subject,
        body=notice.body,
        topic=notice.step,
        clock=clock,
    )
    if settings.GONGKAI_MESSAGE_DELIVERY == "on_commit":
        transaction.on_commit(lambda: deliver_message(message.pk, clock=clock), robust=True)


def receipt(app: Application, *, clock: Clock | None = None) -> None:
    assert app.received_on is not None
    tell_applicant(
        app, notices.receipt(**_facts(app), received_on=app.received_on, due_on=app.due_on), clock=clock
    )


def correction(
    app: Application, *, sent_on: dt.date, correction_due: dt.date, clock: Clock | None = None
) -> None:
    tell_applicant(
        app, notices.correction(**_facts(app), sent_on=sent_on, correction_due=correction_due), clock=clock
    )


def correction_received(app: Application, *, received_on: dt.date, clock: Clock | None = None) -> None:
    tell_applicant(
        app,
        notices.correction_received(**_facts(app), received_on=received_on, due_on=app.due_on),
        clock=clock,
    )


def extension(app: Application, *, clock: Clock | None = None) -> None:
    assert app.due_on is not None
    tell_applicant(app, notices.extension(**_facts(app), due_on=app.due_on), clock=clock)


def fee(app: Application, *, amount_yuan, payment_due: dt.date, clock: Clock | None = None) -> None:
    tell_applicant(
        app, notices.fee(**_facts(app), amount_yuan=amount_yuan, payment_due=payment_due), clock=clock
    )


def reply(app: Application, *, replied_on: dt.date, clock: Clock | None = None) -> None:
    tell_applicant(app, notices.reply(**_facts(app), replied_on=replied_on), clock=clock)
