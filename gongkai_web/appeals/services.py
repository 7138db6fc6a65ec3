"""Every change of a 复议 or 诉讼 case: one function each (verb_noun, atomic, audited through the case-work
kit, an ``AppealError`` with a code and a Chinese message when refused, nothing changed then).

``register_appeal`` (the copy received: the agency's due date from the core), ``record_reply_submitted``
(the 答复书 or 答辩状 filed), ``record_decision`` (the decision or judgment, its disposition checked against
the table in force), ``order_follow_up`` (a re-reply or performance ordered, or a 行政复议意见书 received)
and ``record_follow_up_done``. Only the agency's own staff act (``can_handle``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.appeals import clocks
from gongkai.appeals.dispositions import DispositionError, check_disposition, version_on
from gongkai.errors import GongkaiError
from gongkai_web import casework
from gongkai_web.accounts.access import can_handle
from gongkai_web.clocks import Clock

from .errors import refuse
from .models import AppealCase, AppealEvent, EventKind, FollowUp, FollowUpKind, Kind, Role, Route, Status

TEXT_LIMITS = {"body": 100, "appellant": 100, "act": 200, "case_number": 60}


def _require_working(actor, agency) -> None:
    if not can_handle(actor, agency):
        raise refuse("not_your_agency", _("Only the agency's own staff may change its cases."))


def _require_status(case: AppealCase, *allowed: str, action: str) -> None:
    if case.status not in allowed:
        raise refuse(
            "wrong_state",
            _("The case is %(status)s: cannot %(action)s.")
            % {"status": case.get_status_display(), "action": action},
            status=case.status,
        )


def _dates(on: dt.date, earlier: dt.date | None, what: str, earlier_what: str, clock: Clock | None) -> None:
    casework.require_not_future(on, what, clock, refuse=refuse)
    casework.require_not_before(on, earlier, what, earlier_what, refuse=refuse)


def _text(value: str, field: str, what: str, *, required: bool = True) -> str:
    value = " ".join((value or "").split())
    if required and not value:
        raise refuse("missing", _("Please enter %(what)s.") % {"what": what}, field=field)
    if len(value) > TEXT_LIMITS[field]:
        raise refuse(
            "too_long",
            _("%(what)s is too long (at most %(limit)s characters).")
            % {"what": what, "limit": TEXT_LIMITS[field]},
            field=field,
        )
    return value


def _check_route(kind: str, route: str, role: str) -> None:
    if kind not in Kind.values:
        raise refuse("bad_kind", _("Choose reconsideration or litigation."))
    if (kind == Kind.REVIEW) != (route == Route.NONE) or route not in Route.values:
        raise refuse(
            "bad_route",
            _("A lawsuit is either sued directly or after reconsideration; a reconsideration has no route."),
        )
    if role == Role.CO_DEFENDANT and route != Route.AFTER_REVIEW:
        raise refuse(
            "bad_role",
            _("The reconsideration body is a co-defendant only in a suit after reconsideration."),
        )
    if role not in Role.values:
        raise refuse("bad_role", _("Choose the agency's part in the case."))


def _check_applications(agency, role: str, applications: Sequence) -> None:
    # The 复议机关 defending jointly did not handle the application: it may link the other agency's.
    if role != Role.CO_DEFENDANT and any(app.agency_id != agency.pk for app in applications):
        raise refuse("application_of_other_agency", _("A linked application belongs to another agency."))


def _due(case: AppealCase) -> clocks.Due:
    try:
        return clocks.response_due(case.kind, case.received_on, simplified=case.simplified)
    except GongkaiError as exc:  # a date outside the calendar
        raise refuse("no_due_date", exc.message) from exc


def _event(case, kind, on, actor, action, clock, data=None):
    return casework.record_event(
        case,
        AppealEvent,
        case_field="case",
        kind=kind,
        on=on,
        actor=actor,
        action=action,
        data=data,
        clock=clock,
    )


@transaction.atomic
def register_appeal(
    agency,
    *,
    kind: str,
    route: str = "",
    role: str = Role.RESPONDENT,
    body: str,
    appellant: str,
    act: str,
    received_on: dt.date,
    case_number: str = "",
    simplified: bool = False,
    applications: Sequence = (),
    contested_letter=None,
    actor,
    clock: Clock | None = None,
) -> AppealCase:
    """A case whose copy the agency received on ``received_on``; its reply (复议) or defence (诉讼) due date
    is the core's."""
    _require_working(actor, agency)
    _check_route(kind, route, role)
    if simplified and kind != Kind.REVIEW:
        raise refuse("bad_simplified", _("Only a reconsideration has a simplified procedure."))
    casework.require_not_future(received_on, _("The day the copy was received"), clock, refuse=refuse)
    _check_applications(agency, role, applications)
    if contested_letter is not None and contested_letter.agency_id != agency.pk and role != Role.CO_DEFENDANT:
        raise refuse("letter_of_other_agency", _("The letter contested was issued by another agency."))
    case = AppealCase(
        agency=agency,
        kind=kind,
        route=route,
        role=role,
        simplified=simplified,
        body=_text(body, "body", _("the reconsideration body or court")),
        appellant=_text(appellant, "appellant", _("the applicant or plaintiff")),
        act=_text(act, "act", _("the act contested")),
        case_number=_text(case_number, "case_number", _("the case number"), required=False),
        received_on=received_on,
        contested_letter=contested_letter,
    )
    due = _due(case)
    case.reply_due, case.reply_due_basis = due.due_on, due.basis
    case.save()
    case.applications.set(applications)
    data = {"due": due.due_on.isoformat(), "basis": due.basis, "applications": [a.pk for a in applications]}
    _event(case, EventKind.REGISTERED, received_on, actor, "appeals.registered", clock, data)
    return case


@transaction.atomic
def record_reply_submitted(case: AppealCase, *, on: dt.date, actor, clock: Clock | None = None) -> AppealCase:
    """The 书面答复 (复议) or 答辩状 (诉讼) filed on ``on``, with whether that was in time."""
    case = casework.lock(case)
    _require_working(actor, case.agency)
    _require_status(case, Status.AWAITING_REPLY, action=_("record the reply"))
    _dates(on, case.received_on, _("The day the reply was filed"), _("the day the copy was received"), clock)
    case.replied_on, case.status = on, Status.REPLIED
    case.save(update_fields=["replied_on", "status"])
    _event(case, EventKind.REPLIED, on, actor, "appeals.replied", clock, {"late": on > case.reply_due})
    return case


@transaction.atomic
def record_decision(
    case: AppealCase,
    *,
    disposition: str,
    decided_on: dt.date,
    number: str = "",
    actor,
    clock: Clock | None = None,
) -> AppealCase:
    """The decision (复议) or judgment or ruling (诉讼) made on ``decided_on``; the disposition must be one
    the mapping table in force that day knows for this kind of case."""
    case = casework.lock(case)
    _require_working(actor, case.agency)
    _require_status(case, Status.AWAITING_REPLY, Status.REPLIED, action=_("record the decision"))
    _dates(decided_on, case.received_on, _("The decision date"), _("the day the copy was received"), clock)
    try:
        row = check_disposition(case.kind, disposition, decided_on)
        version = version_on(decided_on).version
    except DispositionError as exc:
        raise refuse("bad_disposition", exc.message, disposition=disposition) from exc
    case.disposition, case.decided_on, case.mapping_version = disposition, decided_on, version
    case.decision_number = _text(number, "case_number", _("the decision number"), required=False)
    case.status = Status.DECIDED
    case.save(update_fields=["disposition", "decided_on", "mapping_version", "decision_number", "status"])
    data = {"disposition": disposition, "column": row.column, "version": version}
    _event(case, EventKind.DECIDED, decided_on, actor, "appeals.decided", clock, data)
    return case


@transaction.atomic
def order_follow_up(
    case: AppealCase,
    *,
    kind: str,
    ordered_on: dt.date,
    days: int | None = None,
    working_days: bool = False,
    actor,
    clock: Clock | None = None,
) -> FollowUp:
    """What the decision ordered (``redo``, ``perform``: after the decision, within the period it sets) or
    what a 行政复议意见书 received on ``ordered_on`` asks (``correction_report``: 60 days, 第七十六条)."""
    case = casework.lock(case)
    _require_working(actor, case.agency)
    if kind not in FollowUpKind.values:
        raise refuse("bad_follow_up", _("Choose what was ordered."))
    if days is not None and not 1 <= days <= 365:
        raise refuse("bad_period", _("The period must be between 1 and 365 days."))
    if kind == FollowUpKind.CORRECTION_REPORT:
        if case.kind != Kind.REVIEW:
            raise refuse(
                "opinion_letter_in_review", _("An opinion letter comes from a reconsideration body.")
            )
        _dates(
            ordered_on,
            case.received_on,
            _("The day the order was received"),
            _("the day the copy was received"),
            clock,
        )
        due = clocks.correction_report_due(ordered_on)
    else:
        _require_status(case, Status.DECIDED, action=_("record what the decision ordered"))
        _dates(
            ordered_on, case.decided_on, _("The day the order was received"), _("the decision date"), clock
        )
        basis = _("the decision") if case.kind == Kind.REVIEW else _("the judgment")
        due = clocks.ordered_action_due(ordered_on, days=days, working_days=working_days, basis=basis)
    follow_up = FollowUp.objects.create(
        case=case,
        kind=kind,
        ordered_on=ordered_on,
        due_on=due.due_on,
        basis=due.basis[:160],
        assumed=due.assumed,
    )
    data = {"follow_up": follow_up.pk, "what": kind, "due": due.due_on.isoformat()}
    _event(case, EventKind.FOLLOW_UP, ordered_on, actor, "appeals.follow_up_ordered", clock, data)
    return follow_up


@transaction.atomic
def record_follow_up_done(
    follow_up: FollowUp, *, on: dt.date, note: str = "", actor, clock: Clock | None = None
) -> FollowUp:
    follow_up = casework.lock(follow_up)
    case = follow_up.case
    _require_working(actor, case.agency)
    if follow_up.done_on is not None:
        raise refuse("follow_up_done", _("This follow-up was recorded as done already."))
    _dates(on, follow_up.ordered_on, _("The day it was done"), _("the day the order was received"), clock)
    note = " ".join((note or "").split())
    if len(note) > 200:
        raise refuse("too_long", _("The note is too long (at most 200 characters)."))
    follow_up.done_on, follow_up.note = on, note
    follow_up.save(update_fields=["done_on", "note"])
    data = {"follow_up": follow_up.pk, "late": on > follow_up.due_on}
    _event(case, EventKind.FOLLOW_UP_DONE, on, actor, "appeals.follow_up_done", clock, data)
    return follow_up
