"""The registry of handling steps (``workflow.ACTIONS``) agrees with the services and the views: for
every action and every state an application can be in, the record page offers the action iff the
registry allows it there, and the service refuses with a state error (wrong state, wrong request kind)
exactly where the registry says no. Where it succeeds, it records the registry's event and leads to
the registry's state."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from gongkai_web.applications import deadline, services, workflow
from gongkai_web.applications.errors import ApplicationError
from gongkai_web.applications.models import Application, EventKind, Status

from .fixtures import MONDAY_DATE, SHANGHAI, citizen_data, clock_at, make_application

DAY = MONDAY_DATE + dt.timedelta(days=2)  # Wednesday: every step below is dated then
STATE_REFUSALS = {
    "applications.wrong_state",
    "applications.not_a_disclosure_request",
    "applications.not_a_correction_request",
}

#: What the record page offered before the registry (views' by_status lists), kept as the behaviour.
OFFERED_BEFORE = {
    ("disclosure", Status.SUBMITTED): ["confirm", "withdraw"],
    ("disclosure", Status.IN_PROGRESS): [
        "correction",
        "extension",
        "reasons",
        "reasonable_time",
        "consult",
        "refer",
        "fee",
        "reply",
        "split",
        "withdraw",
    ],
    ("disclosure", "in_progress_reasons_requested"): [
        "correction",
        "extension",
        "reasons",
        "reasons_answer",
        "reasonable_time",
        "consult",
        "refer",
        "fee",
        "reply",
        "split",
        "withdraw",
    ],
    ("disclosure", Status.CORRECTION): ["correction_received", "reply", "withdraw"],
    ("disclosure", Status.CONSULTING): ["answer", "extension", "withdraw"],
    ("disclosure", Status.FEE_PENDING): ["payment", "extension", "reply", "withdraw"],
    ("disclosure", Status.REFERRED): ["determination", "extension", "withdraw"],
    ("disclosure", Status.CLOSED): [],
    ("disclosure", Status.WITHDRAWN): [],
    ("correction", Status.SUBMITTED): ["confirm", "withdraw"],
    ("correction", Status.IN_PROGRESS): ["correction_reply", "withdraw"],
    ("correction", Status.CLOSED): [],
}


class _Rollback(Exception):
    pass


def _in_state(world, kind: str, state: str) -> Application:
    clock, actor = clock_at(MONDAY_DATE), world.qianqi
    if state == Status.SUBMITTED:
        app, _ = services.register_application(
            world.a,
            citizen_data(kind=kind),
            channel="email",
            received_on=None,
            actor=actor,
            clock=clock,
            arrived_at=dt.datetime(2025, 11, 3, 9, tzinfo=SHANGHAI),
        )
        return app
    app = make_application(world.a, kind=kind)
    if state == Status.CORRECTION:
        services.request_correction(app, items=["请写明文号"], sent_on=MONDAY_DATE, actor=actor, clock=clock)
    elif state == Status.CONSULTING:
        services.start_consultation(
            app,
            consultee_kind="third_party",
            consultee="某公司",
            sent_on=MONDAY_DATE,
            actor=actor,
            clock=clock,
        )
    elif state == Status.FEE_PENDING:
        services.send_fee_notice(app, sent_on=MONDAY_DATE, pages=1000, actor=actor, clock=clock)
    elif state == Status.REFERRED:
        services.refer_for_determination(
            app,
            body_kind="secrecy",
            body="重庆市国家保密局",
            subject="项目选址论证报告",
            referred_on=MONDAY_DATE,
            actor=actor,
            clock=clock,
        )
    elif state == "in_progress_reasons_requested":
        services.request_reasons(
            app,
            volume="一个月内申请200件",
            reasons_due=MONDAY_DATE + dt.timedelta(days=10),
            sent_on=MONDAY_DATE,
            actor=actor,
            clock=clock,
        )
    elif state == Status.CLOSED and kind == "correction":
        services.reply_correction(
            app, result="corrected", details="已更正", decided_on=MONDAY_DATE, actor=actor, clock=clock
        )
    elif state == Status.CLOSED:
        services.reply_application(app, outcome="granted", decided_on=MONDAY_DATE, actor=actor, clock=clock)
    elif state == Status.WITHDRAWN:
        services.withdraw_application(app, on=MONDAY_DATE, actor=actor, clock=clock)
    return Application.objects.get(pk=app.pk)


def _arguments(key: str, app: Application) -> dict:
    """Plausible input for each step (a reply's outcome is the one its state calls for)."""
    outcome = next((o for o, (status, _) in workflow.REPLY_STATES.items() if status == app.status), "granted")
    return {
        "confirm": {"received_on": DAY},
        "correction": {"items": ["请写明文号"], "sent_on": DAY},
        "correction_received": {"received_on": DAY},
        "answer": {"answered_on": DAY, "position": "consent"},
        "payment": {"paid_on": DAY},
        "extension": {"workdays": 5, "reason": "需调取档案", "notified_on": DAY},
        "reasons": {
            "volume": "一个月内申请200件",
            "reasons_due": DAY + dt.timedelta(days=10),
            "sent_on": DAY,
        },
        "reasons_answer": {"answered_on": DAY, "reasons": "用于研究"},
        "reasonable_time": {"until": DAY + dt.timedelta(days=90), "reason": "申请数量大", "notified_on": DAY},
        "consult": {"consultee_kind": "agency", "consultee": "某局", "sent_on": DAY},
        "refer": {
            "body_kind": "competent",
            "body": "重庆市规划和自然资源局",
            "subject": "规划图",
            "referred_on": DAY,
        },
        "determination": {"determined_on": DAY, "result": "disclosable"},
        "fee": {"sent_on": DAY, "pages": 1000, "applicant_received_on": None},
        "reply": {"outcome": outcome, "decided_on": DAY},
        "correction_reply": {"result": "corrected", "details": "已更正", "decided_on": DAY},
        "split": {"items": ["第一项", "第二项"]},
        "withdraw": {"on": DAY},
    }[key]


def _drive(
    action: workflow.Action, app: Application, actor
) -> tuple[str | None, Application | None, str | None]:
    """Run the step and undo it: (refusal code or None, the application after it, its last event kind)."""
    result: tuple[str | None, Application | None, str | None] = (None, None, None)
    try:
        with transaction.atomic():
            try:
                action.function(
                    Application.objects.get(pk=app.pk),
                    actor=actor,
                    clock=clock_at(DAY),
                    **_arguments(action.key, app),
                )
            except ApplicationError as exc:
                result = (exc.code, None, None)
            else:
                after = Application.objects.get(pk=app.pk)
                last = after.events.order_by("-id").first()
                result = (None, after, last.kind if last else None)
            raise _Rollback
    except _Rollback:
        pass
    return result


@pytest.mark.parametrize(("kind", "state"), list(OFFERED_BEFORE))
def test_the_view_the_registry_and_the_services_agree(client, world, kind, state):
    app = _in_state(world, kind, state)
    offered = [a.key for a in workflow.ACTIONS.values() if a.offers(app)]
    assert offered == OFFERED_BEFORE[kind, state]

    # The approver is offered every step; the handler the same but the extension (条例第三十三条: the
    # office head consents), which her page names as the approver's, with the reason.
    client.force_login(world.qianqi)
    page = client.get(f"/staff/applications/{app.pk}/")
    assert page.status_code == 200
    assert [key for key, _title, _form in page.context["actions"]] == offered
    client.force_login(world.lisi)
    page = client.get(f"/staff/applications/{app.pk}/")
    assert page.status_code == 200
    assert [key for key, _title, _form in page.context["actions"]] == [k for k in offered if k != "extension"]
    unavailable = [(key, str(why)) for key, _title, why in page.context["unavailable_actions"]]
    assert unavailable == (
        [("extension", "需由审批人（办公室负责人）批准")] if "extension" in offered else []
    )

    succeeded = set()
    for action in workflow.ACTIONS.values():
        code, after, event = _drive(action, app, world.qianqi)
        refused_for_state = code in STATE_REFUSALS
        assert refused_for_state == (not action.allows(app)), (action.key, app.kind, app.status, code)
        if code is None:
            assert event == action.event, action.key
            assert after.status == (action.enters or app.status), action.key
            succeeded.add(action.key)
    # The steps are really driven: every step offered goes through with the input above, but those
    # whose time or precondition has not come (逾期不补正/未缴费 before the period ends; a second art. 35
    # request).
    not_yet = {
        Status.CORRECTION: {"reply"},
        Status.FEE_PENDING: {"reply"},
        "in_progress_reasons_requested": {"reasons"},
    }.get(state, set())
    assert succeeded == set(offered) - not_yet


def test_the_clock_stops_in_the_states_the_clock_stopping_steps_lead_to():
    assert {
        Status.CORRECTION,
        Status.CONSULTING,
        Status.FEE_PENDING,
        Status.REFERRED,
    } == deadline.CLOCK_STOPPED
    assert {
        EventKind.SUBMITTED,
        EventKind.RECEIPT_CONFIRMED,
        EventKind.CORRECTION_REQUESTED,
        EventKind.CORRECTION_RECEIVED,
        EventKind.CONSULTATION_STARTED,
        EventKind.CONSULTATION_ANSWERED,
        EventKind.FEE_NOTICE_SENT,
        EventKind.FEE_PAID,
        EventKind.DETERMINATION_REQUESTED,
        EventKind.DETERMINATION_RECEIVED,
        EventKind.REPLIED,
        EventKind.WITHDRAWN,
    } == workflow.STATE_EVENTS


def test_every_action_names_an_existing_service_and_a_form():
    for action in workflow.ACTIONS.values():
        assert callable(action.function), action.key
        assert action.form.__module__.endswith("handling_forms"), action.key


def test_every_event_a_step_records_has_a_date_name_for_refusal_messages():
    recorded = {a.event for a in workflow.ACTIONS.values() if a.event} | set(workflow.STATE_EVENTS)
    assert recorded <= set(workflow.EVENT_DATE_NAMES)
    assert set(workflow.EVENT_DATE_NAMES) <= set(EventKind.values)
    assert all(date_name and step_name for date_name, step_name in workflow.EVENT_DATE_NAMES.values())
