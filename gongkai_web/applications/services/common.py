"""The case-work kit (``gongkai_web.casework``) bound to applications: refusals are
``ApplicationError`` (``applications.<code>``), a step is allowed where ``workflow.ACTIONS`` says, and
every event goes through ``record``, which checks its date, replays the clock and writes the audit entry."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext as _

from gongkai.errors import GongkaiError
from gongkai_web import casework
from gongkai_web.clocks import Clock, today

from .. import deadline
from ..errors import refuse
from ..models import Application, ApplicationEvent, RequestKind
from ..workflow import ACTIONS, EVENT_DATE_NAMES, STATE_EVENTS

lock = casework.lock


def require_status(app: Application, *allowed: str, action: str | Promise) -> None:
    casework.require_status(app, *allowed, action=action, refuse=refuse)


def require_not_future(on: dt.date, what: str, clock: Clock | None) -> None:
    casework.require_not_future(on, what, clock, refuse=refuse)


def require_not_before(on: dt.date, earlier: dt.date | None, what: str, earlier_what: str) -> None:
    casework.require_not_before(on, earlier, what, earlier_what, refuse=refuse)


def require_disclosure(app: Application, *, action: str | Promise) -> None:
    """The steps of a disclosure application (补正, 延期, 征求意见, 收费, 第三十五条, 拆分, the outcomes of
    legal-rules §9) do not apply to a request to correct a record (条例第四十一条), which is answered
    with ``reply_correction``."""
    if app.kind == RequestKind.CORRECTION:
        raise refuse(
            "not_a_disclosure_request",
            _(
                "This is a request to correct a record about the requester (art. 41 of the Regulations), "
                "not a disclosure application: it is not possible to %(action)s; reply to the correction "
                "request instead."
            )
            % {"action": action},
            action=action,
        )


def require_correction_request(app: Application) -> None:
    """The 更正答复 answers only a request to correct a record (条例第四十一条)."""
    if app.kind != RequestKind.CORRECTION:
        raise refuse(
            "not_a_correction_request",
            _(
                "This is a disclosure application, not a request to correct a record (art. 41 of the "
                "Regulations): no correction reply can be made; reply with an outcome of a disclosure "
                "application instead."
            ),
        )


def require_kind(app: Application, key: str) -> None:
    """``app``'s request kind allows the step ``key`` of ``workflow.ACTIONS``."""
    step = ACTIONS[key]
    if app.kind in step.kinds:
        return
    if app.kind == RequestKind.CORRECTION:
        require_disclosure(app, action=step.verb)
    require_correction_request(app)


def lock_step(app: Application, key: str) -> Application:
    """Lock ``app`` for the step ``key`` of ``workflow.ACTIONS``: refused for a request kind and in a
    state the registry does not allow it in."""
    step = ACTIONS[key]
    app = lock(app)
    require_kind(app, key)
    require_status(app, *step.statuses, action=step.verb)
    return app


def last_event(app: Application, kind: str) -> ApplicationEvent | None:
    return app.events.filter(kind=kind).order_by("-on", "-id").first()


def require_in_order(app: Application, kind: str, on: dt.date) -> None:
    """The one rule on event dates (every transition records through ``record``): no event is dated
    before the application's receipt date, and no change of state (``workflow.STATE_EVENTS``) before
    the change that led to the current state (a consultation's answer not before it was sent, a reply
    not before the corrected application arrived, a withdrawal not before receipt). Table 3 counts an
    application from its receipt date and the clock replays the events in date order, so an earlier
    date would rewrite history; a step entered late (the answer to a consultation recorded after an
    extension that was notified later) keeps its true date. The others — an extension, 第三十五条's
    request and answer and its notice, a split — change no state and may be dated anywhere after receipt."""
    what = EVENT_DATE_NAMES.get(kind, (_("date"), ""))[0]
    if app.received_on and on < app.received_on:
        raise refuse(
            "date_before_receipt",
            _(
                "%(what)s (%(day)s) cannot be earlier than the date the application was received (%(received)s)."
            )
            % {"what": what, "day": f"{on:%Y-%m-%d}", "received": f"{app.received_on:%Y-%m-%d}"},
            date=on,
            received_on=app.received_on,
            kind=kind,
        )
    if kind not in STATE_EVENTS:
        return
    latest = app.events.filter(kind__in=STATE_EVENTS).order_by("-on", "-id").first()
    if latest and on < latest.on:
        earlier = EVENT_DATE_NAMES.get(latest.kind, ("", latest.get_kind_display()))[1]
        raise refuse(
            "date_before_last_event",
            _(
                "%(what)s (%(day)s) cannot be earlier than the date of the previous step “%(earlier)s” (%(earlier_day)s)."
            )
            % {
                "what": what,
                "day": f"{on:%Y-%m-%d}",
                "earlier": earlier,
                "earlier_day": f"{latest.on:%Y-%m-%d}",
            },
            date=on,
            earlier=latest.on,
            kind=kind,
            earlier_kind=latest.kind,
        )


def record(
    app: Application,
    kind: str,
    on: dt.date,
    *,
    actor,
    data: dict[str, Any] | None = None,
    action: str | None = None,
    clock: Clock | None = None,
    actor_label: str = "",
) -> ApplicationEvent:
    """Record an event of ``app`` dated ``on`` (checked by ``require_in_order``), recompute its
    deadline, and audit it as ``action`` (default ``applications.<kind>``)."""
    require_in_order(app, kind, on)

    def refresh(event: ApplicationEvent) -> None:
        try:
            deadline.refresh(app, today=today(clock))
        except GongkaiError as exc:
            # The core clock refuses the event (e.g. an extension after an art. 35 deadline): every caller
            # is inside transaction.atomic, so raising here also removes the event just written.
            raise refuse("clock_refused", exc.message, kind=kind) from None

    return casework.record_event(
        app,
        ApplicationEvent,
        case_field="application",
        kind=kind,
        on=on,
        actor=actor,
        action=action or f"applications.{kind}",
        data=data,
        clock=clock,
        then=refresh,
        actor_label=actor_label,
    )
