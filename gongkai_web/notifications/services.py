"""Sending a message (``send_message``): through Django's mail framework (``settings.EMAIL_BACKEND``)
or the SMS gateway (``sms.get_backend``), recorded as a ``Message`` with an audit entry on its target.
A failure of the channel (a mail server down, a gateway refusing) is recorded as ``failed`` with its
error and never raised: the step that asked for the message is done whatever happens to it."""

from __future__ import annotations

import logging

from django.apps import apps
from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.identifiers import mask_email, mask_phone
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now

from . import sms
from .models import Channel, Message, Status

logger = logging.getLogger("gongkai.notifications")

ACTION_LABELS = {
    "notifications.message_sent": gettext_lazy("message sent to the applicant"),
    "notifications.message_failed": gettext_lazy("message to the applicant could not be sent"),
}
ERROR_LENGTH = 500


def masked_recipient(message: Message) -> str:
    """The recipient as a role that may not see personal data in full sees it."""
    if message.channel == Channel.EMAIL:
        return mask_email(message.recipient)
    return mask_phone(message.recipient)


def shown_error(message: Message, *, masked: bool = True) -> str:
    """The error, with the recipient masked in it (a mail server's refusal often quotes the address)."""
    if not masked or not message.recipient:
        return message.error
    return message.error.replace(message.recipient, masked_recipient(message))


def _deliver(channel: str, recipient: str, subject: str, body: str) -> None:
    if channel == Channel.EMAIL:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=False)
    elif channel == Channel.SMS:
        sms.get_backend().send(recipient, body)
    else:
        raise ValueError(f"unknown channel {channel!r}")


def _new_message(target, channel, recipient, subject, body, topic, clock) -> Message:
    return Message(
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        topic=topic,
        channel=channel,
        recipient=recipient,
        subject=subject[:200],
        body=body,
        created_at=now(clock),
    )


def _attempt(message: Message, clock: Clock | None) -> None:
    """Hand the message to its channel and note the outcome on it (not saved)."""
    try:
        _deliver(message.channel, message.recipient, message.subject, message.body)
    except Exception as exc:  # noqa: BLE001  any failure of a channel is recorded, never raised
        message.status, message.error = Status.FAILED, f"{type(exc).__name__}: {exc}"[:ERROR_LENGTH]
        logger.warning("message %s by %s failed: %s", message.topic, message.channel, type(exc).__name__)
    else:
        message.status, message.sent_at = Status.SENT, now(clock)


def _record(message: Message, target, clock: Clock | None) -> None:
    log(
        target,
        "notifications.message_sent" if message.status == Status.SENT else "notifications.message_failed",
        actor_label=_("platform (automatic message)"),
        data={
            "message": message.pk,
            "channel": message.channel,
            "topic": message.topic,
            "status": message.status,
        },
        clock=clock,
    )


def send_message(
    target,
    *,
    channel: str,
    recipient: str,
    subject: str,
    body: str,
    topic: str = "",
    clock: Clock | None = None,
) -> Message:
    """Send ``body`` (and ``subject``, for an e-mail) to ``recipient`` by ``channel`` about ``target``
    (any saved model instance) now, and record it. Never raises for a failing channel. For a step of
    a request, ``queue_message`` instead: the request does not wait for the channel."""
    message = _new_message(target, channel, recipient, subject, body, topic, clock)
    _attempt(message, clock)
    with transaction.atomic():
        message.save()
        _record(message, target, clock)
    return message


def queue_message(
    target,
    *,
    channel: str,
    recipient: str,
    subject: str,
    body: str,
    topic: str = "",
    clock: Clock | None = None,
) -> Message:
    """Put a message in the outbox, in the caller's transaction: a step rolled back leaves no message,
    a committed one leaves it for ``send_queued_messages`` (the ``send_messages`` worker). One insert:
    the request neither waits for the mail server nor opens a second transaction."""
    message = _new_message(target, channel, recipient, subject, body, topic, clock)
    message.status = Status.QUEUED
    message.save()
    return message


def _target_of(message: Message):
    model = apps.get_model(message.target_type)
    return model._default_manager.get(pk=message.target_id)


def deliver_message(pk: int, *, clock: Clock | None = None) -> Message | None:
    """Send one queued message and record the outcome; None when it is no longer queued (another
    worker took it: the row is locked while it is sent, so a message never goes out twice)."""
    with transaction.atomic():
        rows = Message.objects.filter(pk=pk, status=Status.QUEUED)
        if connection.features.has_select_for_update_skip_locked:
            rows = rows.select_for_update(skip_locked=True)
        message = rows.first()
        if message is None:
            return None
        _attempt(message, clock)
        message.save(update_fields=["status", "error", "sent_at"])
        _record(message, _target_of(message), clock)
    return message


def send_queued_messages(*, limit: int = 200, clock: Clock | None = None) -> int:
    """Send the oldest queued messages, at most ``limit``; returns how many were handled."""
    pks = list(
        Message.objects.filter(status=Status.QUEUED).order_by("id").values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in pks if deliver_message(pk, clock=clock) is not None)
