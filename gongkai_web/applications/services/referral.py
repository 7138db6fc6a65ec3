"""条例第十七条: information the agency cannot itself judge fit for disclosure is referred to the competent
department or the secrecy administration for a determination (报有关主管部门或者保密行政管理部门确定).

The time it takes is another agency's opinion and is not counted in the reply period (条例第三十三条第三款,
legal-rules §10.6: a deliberate choice of staff): the referral and its determination become the core's
``Paused`` (``deadline.referral_pauses``), and the applicant is told by a 报请确定告知书 that the period is
paused and why. One referral at a time; while it is open the application is 待确定 and cannot be replied."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai.letters import DETERMINING_BODIES
from gongkai_web.clocks import Clock

from .. import letters
from ..errors import refuse
from ..models import Application, EventKind, Status
from .common import last_event, lock_step, record, require_not_before, require_not_future

#: What the determining department decided (stable storage codes; labels for the staff screens).
DETERMINATIONS = {
    "disclosable": gettext_lazy("may be disclosed"),
    "partly_disclosable": gettext_lazy("may be disclosed in part"),
    "not_disclosable": gettext_lazy("may not be disclosed"),
}


def _require_handler(app: Application, actor) -> None:
    """The agency's handlers and approvers refer and record; a supervising office only reads."""
    from gongkai_web.accounts.access import can_handle

    if not can_handle(actor, app.agency):
        raise refuse(
            "referral_not_allowed",
            _("Only this agency's handlers and approvers can refer an application for a determination."),
        )


def refer_for_determination(
    app: Application,
    *,
    body_kind: str,
    body: str,
    subject: str,
    referred_on: dt.date,
    actor,
    clock: Clock | None = None,
) -> Application:
    """Refer the information ``subject`` to ``body`` (a ``DETERMINING_BODIES`` kind) on ``referred_on``:
    the reply period stops counting after that day, and the applicant gets the 报请确定告知书."""
    _require_handler(app, actor)
    if body_kind not in DETERMINING_BODIES:
        raise refuse(
            "bad_determining_body",
            _("The information is referred to the competent department or to the secrecy administration."),
        )
    if not body.strip():
        raise refuse("determining_body_missing", _("Please enter the name of the department."))
    if not subject.strip():
        raise refuse(
            "referral_subject_missing",
            _("Please state which information could not be judged fit for disclosure."),
        )
    with transaction.atomic():
        app = lock_step(app, "refer")
        require_not_future(referred_on, _("date of the referral"), clock)
        app.status = Status.REFERRED
        app.save(update_fields=["status"])
        event = record(
            app,
            EventKind.DETERMINATION_REQUESTED,
            referred_on,
            actor=actor,
            clock=clock,
            data={"body_kind": body_kind, "body": body.strip(), "subject": subject.strip()},
        )
        letters.issue_determination_notice(app, event)  # 报请确定告知书, to the applicant
        return app


def record_determination(
    app: Application,
    *,
    determined_on: dt.date,
    result: str,
    details: str = "",
    actor,
    clock: Clock | None = None,
) -> Application:
    """The determination arrived on ``determined_on``: the working days after the referral up to that
    day are not counted, and the period runs on from the next working day."""
    _require_handler(app, actor)
    if result not in DETERMINATIONS:
        raise refuse(
            "bad_determination",
            _("The determination is that the information may, may in part, or may not be disclosed."),
        )
    with transaction.atomic():
        app = lock_step(app, "determination")
        require_not_future(determined_on, _("Determination received on"), clock)
        referral = last_event(app, EventKind.DETERMINATION_REQUESTED)
        assert referral is not None  # the step is allowed only while a referral is open
        require_not_before(
            determined_on, referral.on, _("Determination received on"), _("date of the referral")
        )
        app.status = Status.IN_PROGRESS
        app.save(update_fields=["status"])
        record(
            app,
            EventKind.DETERMINATION_RECEIVED,
            determined_on,
            actor=actor,
            clock=clock,
            data={"result": result, "details": details.strip(), "referral": referral.pk},
        )
        return app
