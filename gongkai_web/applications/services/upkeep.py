"""Upkeep outside the statutory steps: a provisional deadline recomputed, an audited unmasking."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, today

from .. import deadline
from ..errors import refuse
from ..models import Application
from .common import lock


def refresh_provisional_deadline(
    app: Application, *, actor=None, include_past: bool = False, clock: Clock | None = None
) -> tuple[dt.date | None, dt.date | None] | None:
    """Recompute a deadline that was counted with weekends only, once the year's holiday schedule has
    been loaded (decision 9 of docs/statute.md: recomputed when published, never silently).

    Returns ``(old, new)`` when the stored deadline changed (audited), None when nothing changed.
    A provisional deadline that has already passed is left alone unless ``include_past``: moving it
    would change whether the agency replied in time after the fact."""
    with transaction.atomic():
        app = lock(app)
        if not app.is_open or not app.due_provisional:
            return None
        if app.due_on is not None and app.due_on < today(clock) and not include_past:
            return None
        view = deadline.evaluate(app, today=today(clock))
        old = app.due_on
        if (old, app.due_provisional) == (view.due_on, view.provisional):
            return None
        Application.objects.filter(pk=app.pk).update(due_on=view.due_on, due_provisional=view.provisional)
        log(
            app,
            "applications.deadline_recomputed",
            actor=actor,
            data={"old": old, "new": view.due_on, "provisional": view.provisional},
            clock=clock,
        )
        return old, view.due_on


def unmask_applicant(app: Application, *, actor, clock: Clock | None = None) -> None:
    """Record that ``actor`` looked at the full personal identifiers (ecosystem §6.3)."""
    from gongkai_web.accounts.access import can_unmask

    if not can_unmask(actor, app.agency):
        raise refuse("unmask_forbidden", _("Your role may not see the applicant's full personal data."))
    log(app, "applications.identifiers_unmasked", actor=actor, clock=clock)


def open_attachment(app: Application, attachment_pk: int, *, actor, clock: Clock | None = None):
    """An applicant's attachment, for staff who may unmask (identity proofs show the whole ID number),
    each opening logged like an unmasking. Raises ``Attachment.DoesNotExist`` for another
    application's attachment."""
    from gongkai_web.accounts.access import can_unmask

    if not can_unmask(actor, app.agency):
        raise refuse("unmask_forbidden", _("Your role may not see the applicant's full personal data."))
    found = app.attachments.get(pk=attachment_pk)
    log(
        app,
        "applications.attachment_opened",
        actor=actor,
        clock=clock,
        data={"attachment": found.pk, "name": found.original_name, "purpose": found.purpose},
    )
    return found


def record_worklist_export(actor, *, rows: int, clock: Clock | None = None) -> None:
    """The worklist left the platform as a file: who exported how many rows (masked as on screen)."""
    log(actor, "applications.worklist_exported", actor=actor, clock=clock, data={"rows": rows})
