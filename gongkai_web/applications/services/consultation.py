"""征求意见 (条例第三十二条 third parties, 第三十四条 other agencies)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai import deadlines as core_deadlines
from gongkai_web.clocks import Clock

from .. import letters
from ..errors import refuse
from ..models import Application, ApplicationEvent, EventKind, Status
from .common import last_event, lock_step, record, require_not_before, require_not_future

#: The consultees the core knows (``gongkai.deadlines.CONSULTEES``), by their Chinese names.
CONSULTEE_KINDS = {kind: names[0] for kind, names in core_deadlines.CONSULTEES.items()}


def start_consultation(
    app: Application,
    *,
    consultee_kind: str,
    consultee: str,
    sent_on: dt.date,
    consultee_received_on: dt.date | None = None,
    actor,
    clock: Clock | None = None,
) -> Application:
    if consultee_kind not in CONSULTEE_KINDS:
        raise refuse("bad_consultee_kind", _("The consultee must be a third party or another agency."))
    if not consultee.strip():
        raise refuse("consultee_missing", _("Please enter the name of the consultee."))
    with transaction.atomic():
        app = lock_step(app, "consult")
        require_not_future(sent_on, _("date the consultation letter was sent"), clock)
        received = consultee_received_on or sent_on
        require_not_before(received, sent_on, _("Consultee received it on"), _("date sent"))
        app.status = Status.CONSULTING
        app.save(update_fields=["status"])
        event = record(
            app,
            EventKind.CONSULTATION_STARTED,
            sent_on,
            actor=actor,
            clock=clock,
            data={
                "consultee_kind": consultee_kind,
                "consultee": consultee.strip(),
                "consultee_received_on": received.isoformat(),
                "answer_due": core_deadlines.consultation_due(received).isoformat(),
            },
        )
        letters.issue_consultation(app, event)  # 征求意见函 / 征求第三方意见书, to the consultee
        letters.issue_consultation_notice(app, event)  # 征求意见告知书, to the applicant (第三十三条第三款)
        return app


POSITIONS = core_deadlines.CONSULTATION_POSITIONS


def answer_consultation(
    app: Application,
    *,
    answered_on: dt.date,
    position: str,
    reasons: str = "",
    actor,
    clock: Clock | None = None,
) -> Application:
    if position not in POSITIONS:
        raise refuse("bad_position", _("The answer must be consent, objection or no answer in time."))
    with transaction.atomic():
        app = lock_step(app, "answer")
        require_not_future(answered_on, _("Answer received on"), clock)
        started = last_event(app, EventKind.CONSULTATION_STARTED)
        assert started is not None  # the step is allowed only while consulting
        due = dt.date.fromisoformat(started.data["answer_due"])
        if position == "silent" and answered_on < due:
            raise refuse(
                "silence_too_early",
                _(
                    "The consultee's period to answer runs until %(day)s; until then it cannot be taken as no answer in time."
                )
                % {"day": f"{due:%Y-%m-%d}"},
                due=due,
            )
        app.status = Status.IN_PROGRESS
        app.save(update_fields=["status"])
        # 条例第三十四条: another agency's silence is deemed consent; a third party's is not (第三十二条).
        deemed = (
            "consent" if position == "silent" and started.data["consultee_kind"] == "agency" else position
        )
        record(
            app,
            EventKind.CONSULTATION_ANSWERED,
            answered_on,
            actor=actor,
            clock=clock,
            data={"position": position, "deemed": deemed, "reasons": reasons.strip()},
        )
        return app


def third_party_objections(app: Application) -> list[tuple[ApplicationEvent, ApplicationEvent]]:
    """(consultation, answer) pairs where a consulted third party objected in writing (条例第三十二条).
    Consultations run one at a time (the status is 征求意见中 until answered), so each answer belongs
    to the consultation started before it."""
    pairs, started = [], None
    for event in app.events.filter(
        kind__in=[EventKind.CONSULTATION_STARTED, EventKind.CONSULTATION_ANSWERED]
    ).order_by("on", "id"):
        if event.kind == EventKind.CONSULTATION_STARTED:
            started = event
        elif started is not None:
            if started.data.get("consultee_kind") == "third_party" and event.data.get("position") == "object":
                pairs.append((started, event))
            started = None
    return pairs
