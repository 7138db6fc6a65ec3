"""Reads about the 补正 (条例第三十条) on both sides: the notice the applicant may answer on her tracking
page (``pending_notice``) and the answers she gave online, for the staff record page (``online_answers``).
The answer itself is recorded by ``services.receive_correction``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from .models import Application, Attachment, EventKind, Status


@dataclass(frozen=True)
class PendingNotice:
    sent_on: dt.date
    items: list[str]
    due: dt.date
    #: The period the notice gave is over: the answer is no longer taken online.
    over: bool


def pending_notice(app: Application, today: dt.date) -> PendingNotice | None:
    """The 补正 notice the application awaits an answer to, or None when it awaits none."""
    if app.status != Status.CORRECTION:
        return None
    notice = app.events.filter(kind=EventKind.CORRECTION_REQUESTED).order_by("-on", "-id").first()
    if notice is None:
        return None
    due = dt.date.fromisoformat(notice.data["correction_due"])
    return PendingNotice(notice.on, list(notice.data.get("items", [])), due, today > due)


@dataclass(frozen=True)
class OnlineAnswer:
    received_on: dt.date
    text: str
    files: list[tuple[Attachment, str]]


def online_answers(app: Application, shown: Callable[[str], str] = str) -> list[OnlineAnswer]:
    """The answers given on the tracking page, text and file names through ``shown`` (a masking scrubber)."""
    answers = app.events.filter(kind=EventKind.CORRECTION_RECEIVED).order_by("on", "id")
    found = []
    for event in answers:
        if not event.data.get("online"):
            continue
        files = Attachment.objects.filter(application=app, pk__in=event.data.get("attachments", []))
        found.append(
            OnlineAnswer(
                event.on, shown(event.data.get("text", "")), [(f, shown(f.original_name)) for f in files]
            )
        )
    return found
