"""Reads: the messages sent about a record."""

from __future__ import annotations

from .models import Message, Status


def messages_for(target):
    return Message.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))


def was_sent(target, *, topic: str, recipient: str) -> bool:
    """Whether a message of ``topic`` about ``target`` reached ``recipient`` (a daily reminder's topic
    carries its day, so a second run the same day sends nothing; a failed send is tried again)."""
    return messages_for(target).filter(topic=topic, recipient=recipient, status=Status.SENT).exists()
