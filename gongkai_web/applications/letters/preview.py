"""The preview (样稿) of a reply draft: the letter composed by the same code that issues it
(``steps.issue_reply`` → ``issuing.issue`` → ``gongkai.letters.compose``), dated the day it would be issued,
with no 文号 taken from the sequence and nothing stored. Every page is marked as a preview."""

from __future__ import annotations

import dataclasses
import datetime as dt

from gongkai import letters as core
from gongkai.letters.wording import PREVIEW_NOTE, PREVIEW_NUMBER

from ..models import Application, ApplicationEvent, EventKind, ReplyDraft
from .frozen import thaw
from .issuing import unnumbered
from .steps import issue_reply

__all__ = ["PREVIEW_NOTE", "PREVIEW_NUMBER", "preview_docx", "preview_letter", "preview_pdf"]


def reply_data(draft: ReplyDraft) -> dict:
    """What the reply's event would record (as ``reply_application`` records it)."""
    data: dict = {"outcome": draft.outcome, "reasons": draft.reasons.strip()}
    if draft.withheld:
        data["withheld"] = draft.withheld
    return data


def preview_letter(app: Application, draft: ReplyDraft, *, on: dt.date) -> core.Letter:
    """The reply ``draft`` as it would be issued on ``on``, numbered "（文号于签发时编定）" and marked as a
    preview at the head of every page. A letter the core cannot compose raises the same refusal as issuing."""
    event = ApplicationEvent(application=app, kind=EventKind.REPLIED, on=on, data=reply_data(draft))
    with unnumbered(PREVIEW_NUMBER):
        unsaved = issue_reply(app, event, text=draft.reasons.strip())
    return dataclasses.replace(thaw(unsaved.composed), copy_note=PREVIEW_NOTE)


def preview_pdf(letter: core.Letter) -> bytes:
    return core.render_pdf(letter)


def preview_docx(letter: core.Letter) -> bytes:
    return core.render_docx(letter)
