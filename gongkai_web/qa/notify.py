"""Telling an asker that the agency answered (the wording is the core's, ``gongkai.notices``): by e-mail
to an e-mail contact, by SMS to a mobile number; a fixed line gets no message (the agency calls it).
Queued in the answering transaction (``notifications.queue_message``), as the applicant's messages are
(``applications.notify``): a rolled-back answer sends nothing, and the request does not wait for the
channel. The message points to the receipt page, whose address the asker was given at submission."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from gongkai import notices
from gongkai_web.clocks import Clock
from gongkai_web.notifications.models import Channel
from gongkai_web.notifications.services import deliver_message, queue_message

from .models import ContactKind, PublicQuestion


def receipt_url(asked: PublicQuestion) -> str:
    return settings.GONGKAI_PUBLIC_URL.rstrip("/") + reverse("qa_public:receipt", args=[asked.query_code])


def channel_for(asked: PublicQuestion) -> str | None:
    if asked.contact_kind == ContactKind.EMAIL:
        return Channel.EMAIL
    if asked.contact_kind == ContactKind.PHONE and asked.contact.startswith("1"):  # a mobile number
        return Channel.SMS
    return None


def answered(asked: PublicQuestion, *, clock: Clock | None = None) -> None:
    channel = channel_for(asked)
    if channel is None:
        return
    notice = notices.question_answered(
        agency=asked.agency.name,
        query_code=asked.query_code,
        asked_on=timezone.localdate(asked.asked_at),
        answer_url=receipt_url(asked),
    )
    message = queue_message(
        asked,
        channel=channel,
        recipient=asked.contact,
        subject=notice.subject,
        body=notice.body,
        topic=notice.step,
        clock=clock,
    )
    if settings.GONGKAI_MESSAGE_DELIVERY == "on_commit":
        transaction.on_commit(lambda: deliver_message(message.pk, clock=clock), robust=True)
