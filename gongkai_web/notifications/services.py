"""Sending a message (``send_message``): through Django's mail framework (``settings.EMAIL_BACKEND``)
or the SMS gateway (``sms.get_backend``), recorded as a ``Message`` with an audit entry on its target.
A failure of the channel (a mail server down, a gateway refusing) is recorded as ``failed`` with its
error and never raised: the step that asked for the message is done whatever happens to it."""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
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
    (any saved model instance) and record it. Never raises for a failing channel."""
    message = Message(
        target_type=target._meta.label_lower,
        target_id=str(target.pk),
        topic=topic,
        channel=channel,
        recipient=recipient,
        subject=subject[:200],
        body=body,
        created_at=now(clock),
    )
    try:
        _deliver(channel, recipient, subject, body)
    except Exception as exc:  # noqa: BLE001  any failure of a channel is recorded, never raised
        message.status, message.error = Status.FAILED, f"{type(exc).__name__}: {exc}"[:ERROR_LENGTH]
        logger.warning("message %s by %s failed: %s", topic, channel, type(exc).__name__)
    else:
        message.status, message.sent_at = Status.SENT, now(clock)
    with transaction.atomic():
        message.save()
        log(
            target,
            "notifications.message_sent" if message.status == Status.SENT else "notifications.message_failed",
            actor_label=_("platform (automatic message)"),
            data={"message": message.pk, "channel": channel, "topic": topic, "status": message.status},
            clock=clock,
        )
    return message
