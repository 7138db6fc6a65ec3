"""一事一申请 (国办函〔2020〕109号): one application per item."""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, today

from .. import codes, deadline, letters
from ..errors import refuse
from ..models import Application, ApplicationEvent, EventKind, Status
from .common import lock_step, record, require_in_order
from .intake import APPLICANT_FIELDS


def split_application(
    app: Application, *, items: Iterable[str], actor, clock: Clock | None = None
) -> list[Application]:
    """一事一申请 (国办函〔2020〕109号, legal-rules §6.2): split a multi-item application into one application
    per item.

    The first item stays on the original; each further item becomes an application with the same
    applicant, channel and receipt date, so deadlines, the annual count and the per-item fee count
    follow each item. The new applications keep the applicant's query password (same digest): the
    applicant tracks them with the password already given, from the original's tracking page. The
    split event records the original description and the new query codes, and a 拆分申请告知书 tells
    the applicant which query code asks for what."""
    from gongkai.letters import SplitPart

    items = [i.strip() for i in items if i and i.strip()]
    if len(items) < 2:
        raise refuse("split_needs_two", _("A split needs at least two items, one per line."))
    with transaction.atomic():
        app = lock_step(app, "split")
        on = today(clock)
        require_in_order(app, EventKind.SPLIT, on)
        children = [_clone(app, description, actor) for description in items[1:]]
        event = record(
            app,
            EventKind.SPLIT,
            on,
            actor=actor,
            clock=clock,
            data={
                "children": [c.query_code for c in children],
                "items": items,
                "original_description": app.description,
            },
        )
        parts = [
            SplitPart(app.query_code, items[0], app.due_on),
            *(SplitPart(c.query_code, c.description, c.due_on) for c in children),
        ]
        letters.issue(
            app, "split", issued_on=on, event=event, split_parts=tuple(parts)
        )  # quotes the original request
        app.description = items[0]
        app.save(update_fields=["description"])
        for child in children:
            log(child, "applications.split_created", actor=actor, data={"from": app.query_code}, clock=clock)
        return children


def _clone(app: Application, description: str, actor) -> Application:
    fields = {f: getattr(app, f) for f in APPLICANT_FIELDS}
    child = Application.objects.create(
        **{**fields, "description": description},
        agency=app.agency,
        query_code=codes.new_query_code(),
        secret_digest=app.secret_digest,
        applicant_user=app.applicant_user,
        parent=app,
        channel=app.channel,
        arrived_at=app.arrived_at,
        received_on=app.received_on,
        receipt_rule=app.receipt_rule,
        entered_by=actor,
        status=Status.IN_PROGRESS,
    )
    for event in app.events.filter(
        kind__in=[
            EventKind.SUBMITTED,
            EventKind.RECEIPT_CONFIRMED,
            EventKind.CORRECTION_REQUESTED,
            EventKind.CORRECTION_RECEIVED,
        ]
    ):
        ApplicationEvent.objects.create(
            application=child, kind=event.kind, on=event.on, data=event.data, actor=event.actor
        )
    deadline.refresh(child)
    return child
