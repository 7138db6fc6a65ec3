"""Reads: the messages sent about a record."""

from __future__ import annotations

from .models import Message


def messages_for(target):
    return Message.objects.filter(target_type=target._meta.label_lower, target_id=str(target.pk))
