"""The life cycle of legal-rules §3: each transition allowed when the law allows it, refused with a
Chinese message (and nothing changed) otherwise. Expected dates are the spec's worked examples
(legal-rules §4.5, November 2025: no holidays)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_web.applications import services
from gongkai_web.applications.errors import ApplicationError
from gongkai_web.audit.models import AuditEntry

from .fixtures import clock_at

D = dt.date


def test_it_sets_the_plain_deadline_20_working_days_after_receipt(world):
    assert world.app_a.received_on == D(2025, 11, 3)
    world.app_a.refresh_from_db()
    assert world.app_a.due_on == D(2025, 12, 1)  # legal-rules §4.5 C


def test_a_consultation_pauses_the_clock_as_in_example_c(world):
    app = world.app_a
    services.start_consultation(
        app,
        consultee_kind="third_party",
        consultee="某公司",
        sent_on=D(2025, 11, 5),
        consultee_received_on=D(2025, 11, 7),
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 5)),
    )
    services.answer_consultation(
        app, answered_on=D(2025, 11, 21), position="object", actor=world.lisi, clock=clock_at(D(2025, 11, 21))
    )
    app.refresh_from_db()
    assert app.due_on == D(2025, 12, 17)
    assert app.events.get(kind="consultation_started").data["answer_due"] == "2025-11-28"


def test_a_correction_restarts_the_clock_from_the_corrected_application(world):
    app = world.app_a
    services.request_correction(
        app,
        items=["请写明文件名称或文号"],
        sent_on=D(2025, 11, 5),
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 5)),
    )
    services.receive_correction(
        app, received_on=D(2025, 11, 10), actor=world.lisi, clock=clock_at(D(2025, 11, 10))
    )
    app.refresh_from_db()
    assert app.status == "in_progress"
    assert app.due_on == D(2025, 12, 8)  # 20 working days after Monday 10 Nov
    assert app.received_on == D(2025, 11, 3)  # the first receipt stays for the annual report


def test_it_refuses_a_correction_notice_after_seven_working_days(world):
    with pytest.raises(ApplicationError) as exc:
        services.request_correction(
            world.app_a,
            items=["x"],
            sent_on=D(2025, 11, 13),
            actor=world.lisi,
            clock=clock_at(D(2025, 11, 13)),
        )
    assert exc.value.code == "applications.correction_too_late"
    assert "7个工作日" in exc.value.message
    assert world.app_a.events.filter(kind="correction_requested").count() == 0


def test_only_the_office_head_may_extend_and_only_once(world):
    with pytest.raises(ApplicationError) as exc:
        services.approve_extension(
            world.app_a,
            workdays=20,
            reason="数量大",
            notified_on=D(2025, 11, 20),
            actor=world.lisi,
            clock=clock_at(D(2025, 11, 20)),
        )
    assert exc.value.code == "applications.extension_needs_office_head"
    services.approve_extension(
        world.app_a,
        workdays=20,
        reason="数量大",
        notified_on=D(2025, 11, 20),
        actor=world.qianqi,
        clock=clock_at(D(2025, 11, 20)),
    )
    world.app_a.refresh_from_db()
    assert world.app_a.due_on == D(2025, 12, 29)
    with pytest.raises(ApplicationError) as exc:
        services.approve_extension(
            world.app_a,
            workdays=5,
            reason="再延",
            notified_on=D(2025, 11, 21),
            actor=world.qianqi,
            clock=clock_at(D(2025, 11, 21)),
        )
    assert exc.value.code == "applications.extension_twice"


def test_it_refuses_an_extension_of_more_than_twenty_working_days(world):
    with pytest.raises(ApplicationError) as exc:
        services.approve_extension(
            world.app_a,
            workdays=21,
            reason="r",
            notified_on=D(2025, 11, 20),
            actor=world.qianqi,
            clock=clock_at(D(2025, 11, 20)),
        )
    assert exc.value.code == "applications.extension_too_long"


def test_it_refuses_an_extension_notified_after_the_deadline(world):
    with pytest.raises(ApplicationError) as exc:
        services.approve_extension(
            world.app_a,
            workdays=10,
            reason="r",
            notified_on=D(2025, 12, 2),
            actor=world.qianqi,
            clock=clock_at(D(2025, 12, 2)),
        )
    assert exc.value.code == "applications.extension_after_deadline"


def test_fee_notice_and_payment_pause_the_clock_as_in_example_d(world):
    app = world.app_a
    services.send_fee_notice(
        app,
        pages=91,
        sent_on=D(2025, 11, 10),
        applicant_received_on=D(2025, 11, 12),
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 10)),
    )
    assert app.events.get(kind="fee_notice_sent").data["payment_due"] == "2025-12-10"
    services.record_fee_payment(
        app, paid_on=D(2025, 11, 28), actor=world.lisi, clock=clock_at(D(2025, 11, 28))
    )
    app.refresh_from_db()
    assert app.due_on == D(2025, 12, 19)


def test_it_refuses_to_close_for_non_payment_before_the_payment_window_ends(world):
    services.send_fee_notice(
        world.app_a, pages=91, sent_on=D(2025, 11, 10), actor=world.lisi, clock=clock_at(D(2025, 11, 10))
    )
    with pytest.raises(ApplicationError) as exc:
        services.reply_application(
            world.app_a,
            outcome="abandoned_no_fee",
            decided_on=D(2025, 11, 20),
            actor=world.lisi,
            clock=clock_at(D(2025, 11, 20)),
        )
    assert exc.value.code == "applications.fee_period_running"


def test_a_reply_with_partial_disclosure_concludes_the_application(world):
    services.reply_application(
        world.app_a,
        outcome="partly_granted",
        decided_on=D(2025, 11, 20),
        withheld=[
            {
                "description": "供应商报价明细",
                "ground": "withheld_third_party",
                "reason": "涉及第三方商业秘密，第三方不同意公开",
            }
        ],
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 20)),
    )
    world.app_a.refresh_from_db()
    assert (world.app_a.status, world.app_a.outcome, world.app_a.concluded_on) == (
        "closed",
        "partly_granted",
        D(2025, 11, 20),
    )
    with pytest.raises(ApplicationError) as exc:
        services.withdraw_application(
            world.app_a, on=D(2025, 11, 21), actor=world.lisi, clock=clock_at(D(2025, 11, 21))
        )
    assert exc.value.code == "applications.wrong_state"


def test_it_refuses_unclear_after_correction_when_no_correction_was_received(world):
    with pytest.raises(ApplicationError) as exc:
        services.reply_application(
            world.app_a,
            outcome="unclear_after_correction",
            decided_on=D(2025, 11, 20),
            actor=world.lisi,
            clock=clock_at(D(2025, 11, 20)),
        )
    assert exc.value.code == "applications.no_correction_received"


def test_it_refuses_an_unknown_outcome(world):
    with pytest.raises(ApplicationError):
        services.reply_application(
            world.app_a,
            outcome="ignored",
            decided_on=D(2025, 11, 20),
            actor=world.lisi,
            clock=clock_at(D(2025, 11, 20)),
        )


def test_it_refuses_a_date_in_the_future(world):
    with pytest.raises(ApplicationError) as exc:
        services.reply_application(
            world.app_a,
            outcome="granted",
            decided_on=D(2025, 11, 21),
            actor=world.lisi,
            clock=clock_at(D(2025, 11, 20)),
        )
    assert exc.value.code == "applications.date_in_future"


def test_a_split_creates_one_application_per_further_item_with_the_same_receipt(world):
    children = services.split_application(
        world.app_a,
        items=["预算报告", "决算报告", "审计报告"],
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 4)),
    )
    assert [c.description for c in children] == ["决算报告", "审计报告"]
    assert {c.received_on for c in children} == {D(2025, 11, 3)}
    assert {c.due_on for c in children} == {D(2025, 12, 1)}
    world.app_a.refresh_from_db()
    assert world.app_a.description == "预算报告"


def test_every_transition_writes_an_audit_entry(world):
    before = AuditEntry.objects.count()
    services.withdraw_application(
        world.app_a, on=D(2025, 11, 4), reason="不需要了", actor=world.lisi, clock=clock_at(D(2025, 11, 4))
    )
    entry = AuditEntry.objects.order_by("-id").first()
    assert AuditEntry.objects.count() == before + 1
    assert (entry.action, entry.actor, entry.object_id) == (
        "applications.withdrawn",
        world.lisi,
        str(world.app_a.pk),
    )


def test_a_refused_transition_changes_nothing_and_writes_no_audit_entry(world):
    before = AuditEntry.objects.count()
    with pytest.raises(ApplicationError):
        services.receive_correction(
            world.app_a, received_on=D(2025, 11, 4), actor=world.lisi, clock=clock_at(D(2025, 11, 4))
        )
    assert AuditEntry.objects.count() == before
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress"


def test_audit_entries_cannot_be_changed_or_deleted(world):
    from gongkai_web.audit.models import AppendOnlyError

    entry = AuditEntry.objects.first()
    entry.action = "forged"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()


def test_an_application_withdrawn_before_its_receipt_was_confirmed_is_closed_without_a_deadline(world):
    from gongkai_web.applications import services
    from gongkai_web.applications.models import Application, Status

    from .fixtures import MONDAY_DATE, clock_at

    app = Application.objects.get(pk=world.app_b.pk)
    Application.objects.filter(pk=app.pk).update(received_on=None, due_on=None, status=Status.SUBMITTED)
    app.refresh_from_db()
    app.events.exclude(kind="submitted").delete()
    done = services.withdraw_application(app, on=MONDAY_DATE, actor=world.wangwu, clock=clock_at(MONDAY_DATE))
    assert done.status == Status.WITHDRAWN and done.due_on is None


def test_a_forbidden_transition_via_the_web_shows_a_message_and_changes_nothing(client, world):
    client.force_login(world.lisi)
    response = client.post(
        f"/staff/applications/{world.app_a.pk}/answer/",
        {"position": "consent", "answered_on": "2025-11-04"},
        follow=True,
    )
    assert "不能登记征求意见结果" in response.content.decode()
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress"
