"""张三 is told of each step of his application by the channel he chose (e-mail through Django's mail
framework, SMS through the gateway, or none): a short message naming the step, the date that matters to
him and where to see the details — the tracking page and the query code, never the query password nor
his ID number. Every message is recorded on the case; a failing channel is recorded as failed and the
step is done all the same; staff see the recipients masked until an audited unmasking."""

from __future__ import annotations

import datetime as dt
import logging

import pytest
from django.core import mail

from gongkai_web.applications import services
from gongkai_web.applications.models import Application, Status
from gongkai_web.audit.models import AuditEntry
from gongkai_web.notifications.models import Message

from .fixtures import VALID_ID, clock_at, form_data, log_in, make_application
from .masked_applicant import EMAIL, MASKED_STAFF, MAY_UNMASK, PERSONAS, PHONE, as_persona, her_application

D = dt.date
TRACK_URL = "https://gongkai.example.gov.cn/track/"


class BrokenGateway:
    """An SMS gateway that is down."""

    def send(self, recipient: str, body: str) -> None:
        raise ConnectionError("gateway unreachable")


class BrokenMail:
    """A mail backend whose server refuses the recipient."""

    def __init__(self, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError(f"550 recipient {messages[0].to[0]} rejected")


@pytest.fixture(autouse=True)
def _site(settings):
    settings.GONGKAI_PUBLIC_URL = "https://gongkai.example.gov.cn"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.GONGKAI_SMS_BACKEND = "gongkai_web.notifications.sms.LoggingSmsBackend"


def messages_of(app):
    """The messages sent (or failed) about the application. The test world's applications are
    registered outside a captured commit: their receipts stay queued, never sent, and are not counted."""
    rows = Message.objects.filter(target_type="applications.application", target_id=str(app.pk))
    return list(rows.exclude(status="queued"))


def assert_tells_the_way_to_the_details_only(app, text: str) -> None:
    assert app.query_code in text and TRACK_URL in text
    assert VALID_ID not in text and VALID_ID[-4:] not in text  # no ID number, not even in part
    assert "张三" not in text  # nor the applicant's name


# ── e-mail, for each step ──────────────────────────────────────────────────────────────────────────


def test_an_online_application_received_at_once_is_acknowledged_by_e_mail(
    client, world, django_capture_on_commit_callbacks
):
    world.a.online_receipt = "automatic"
    world.a.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/apply/", form_data(world, email="zs@example.com"))
    app = Application.objects.get(submission_token="tok-123")
    [sent] = mail.outbox
    assert sent.to == ["zs@example.com"]
    assert sent.subject == f"政府信息公开申请已收到（查询码 {app.query_code}）"
    assert f"已于{app.received_on.year}年{app.received_on.month}月{app.received_on.day}日收到" in sent.body
    assert_tells_the_way_to_the_details_only(app, sent.body)
    [message] = messages_of(app)
    assert (message.channel, message.recipient, message.status, message.topic) == (
        "email",
        "zs@example.com",
        "sent",
        "receipt",
    )


def test_the_query_password_is_never_in_a_message(client, world, django_capture_on_commit_callbacks):
    import re

    world.a.online_receipt = "automatic"
    world.a.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/apply/", form_data(world), follow=True)
    secret = re.search(r'<dd class="code">([A-Z0-9]{10})</dd>', response.content.decode()).group(1)
    assert secret not in mail.outbox[0].body and secret not in mail.outbox[0].subject


def test_receipt_confirmed_by_staff_is_acknowledged_with_the_deadline(
    world, django_capture_on_commit_callbacks
):
    world.a.online_receipt = "staff"
    world.a.save()
    app, _secret = services.submit_application(
        world.a, {**form_data(world), "applicant_user": None}, token="t-1", clock=clock_at(D(2025, 11, 3))
    )
    assert not mail.outbox  # awaiting confirmation (条例第三十一条): nothing said yet
    with django_capture_on_commit_callbacks(execute=True):
        services.confirm_receipt(
            app, received_on=D(2025, 11, 3), actor=world.lisi, clock=clock_at(D(2025, 11, 3))
        )
    [sent] = mail.outbox
    assert sent.to == ["z@example.com"]
    # Received Monday 2025-11-03: due 20 working days later, 2025-12-01 (legal-rules §4.5 example C).
    assert "已于2025年11月3日收到。答复期限为2025年12月1日。" in sent.body


def test_the_correction_notice_is_sent_with_its_last_day(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.request_correction(
            world.app_a,
            items=["请写明文号"],
            sent_on=D(2025, 11, 5),
            actor=world.lisi,
            clock=clock_at(D(2025, 11, 5)),
        )
    [sent] = mail.outbox
    assert sent.to == ["zhangsan@example.com"]
    assert sent.subject == f"补正申请告知书（查询码 {world.app_a.query_code}）"
    # Agency A gives 15 working days after Wednesday 2025-11-05: Wednesday 2025-11-26.
    assert "请在2025年11月26日前" in sent.body and "在线补正" in sent.body
    assert_tells_the_way_to_the_details_only(world.app_a, sent.body)


def test_the_corrected_application_is_acknowledged_with_the_new_deadline(
    world, django_capture_on_commit_callbacks
):
    services.request_correction(
        world.app_a,
        items=["请写明文号"],
        sent_on=D(2025, 11, 5),
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 5)),
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.receive_correction(
            world.app_a,
            text="文号为渝中财发〔2025〕3号",
            online=True,
            actor=world.zhangsan,
            clock=clock_at(D(2025, 11, 10)),
        )
    [sent] = mail.outbox
    # 20 working days after Monday 2025-11-10: Monday 2025-12-08.
    assert "答复期限自收到补正之日起重新计算，为2025年12月8日。" in sent.body


def test_an_extension_is_announced_with_the_extended_deadline(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_extension(
            world.app_a,
            workdays=20,
            reason="需要调取档案",
            notified_on=D(2025, 11, 20),
            actor=world.qianqi,
            clock=clock_at(D(2025, 11, 20)),
        )
    [sent] = mail.outbox
    assert sent.to == ["zhangsan@example.com"]
    # Due 2025-12-01, extended by 20 working days: Dec 2–5 (4), 8–12 (9), 15–19 (14), 22–26 (19), Monday
    # 2025-12-29 (20).
    assert "延长后的答复期限为2025年12月29日。" in sent.body


def test_a_fee_notice_names_the_amount_and_the_last_day_to_pay(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.send_fee_notice(
            world.app_a,
            pages=91,
            sent_on=D(2025, 11, 10),
            applicant_received_on=D(2025, 11, 12),
            actor=world.lisi,
            clock=clock_at(D(2025, 11, 10)),
        )
    [sent] = mail.outbox
    # 办法第五条: 30 pages free, pages 31–100 at 10 yuan: 61 × 10 = 610 yuan; payment within 20 working
    # days of receipt of the notice (Wednesday 2025-11-12): 2025-12-10 (legal-rules §4.5 example D).
    assert "信息处理费610元" in sent.body and "请在2025年12月10日前缴纳" in sent.body


def test_the_reply_is_announced(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.reply_application(
            world.app_a,
            outcome="granted",
            decided_on=D(2025, 11, 20),
            actor=world.lisi,
            clock=clock_at(D(2025, 11, 20)),
        )
    [sent] = mail.outbox
    assert sent.subject == f"申请已答复（查询码 {world.app_a.query_code}）"
    assert "已于2025年11月20日对您的政府信息公开申请作出答复" in sent.body


def test_a_refused_step_sends_nothing(world, django_capture_on_commit_callbacks):
    from gongkai_web.applications.errors import ApplicationError

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ApplicationError):
        services.approve_extension(  # a handler cannot approve an extension
            world.app_a,
            workdays=5,
            reason="r",
            notified_on=D(2025, 11, 20),
            actor=world.lisi,
            clock=clock_at(D(2025, 11, 20)),
        )
    assert not mail.outbox and not messages_of(world.app_a)
    assert not Message.objects.filter(topic="extension").exists()  # not even queued: rolled back


# ── the channel chosen ─────────────────────────────────────────────────────────────────────────────


def correction_on(app, world, capture):
    with capture(execute=True):
        services.request_correction(
            app,
            items=["请写明文号"],
            sent_on=D(2025, 11, 5),
            actor=world.lisi,
            clock=clock_at(D(2025, 11, 5)),
        )


def test_by_sms_the_gateway_gets_the_message_and_the_log_masks_the_number(
    world, django_capture_on_commit_callbacks, caplog
):
    app = make_application(world.a, notify_by="sms")
    with caplog.at_level(logging.INFO, logger="gongkai.sms"):
        correction_on(app, world, django_capture_on_commit_callbacks)
    assert not mail.outbox
    [message] = messages_of(app)
    assert (message.channel, message.recipient, message.status) == ("sms", "13800138000", "sent")
    [logged] = [r.getMessage() for r in caplog.records if r.name == "gongkai.sms"]
    assert logged.startswith("SMS to 138****8000: 渝中区财政局于2025年11月5日向您发出补正申请告知书")
    assert "13800138000" not in logged


def test_a_failing_sms_gateway_is_recorded_as_failed_and_the_step_is_done(
    world, settings, django_capture_on_commit_callbacks
):
    settings.GONGKAI_SMS_BACKEND = "tests.web.test_notifications.BrokenGateway"
    app = make_application(world.a, notify_by="sms")
    correction_on(app, world, django_capture_on_commit_callbacks)
    app.refresh_from_db()
    assert app.status == Status.CORRECTION and app.letters.filter(kind="correction").exists()
    [message] = messages_of(app)
    assert message.status == "failed" and message.sent_at is None
    assert message.error == "ConnectionError: gateway unreachable"
    assert AuditEntry.objects.filter(action="notifications.message_failed", object_id=str(app.pk)).exists()


def test_a_failing_mail_server_is_recorded_as_failed_and_the_web_step_succeeds(
    client, world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.web.test_notifications.BrokenMail"
    assert log_in(client, "lisi")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/staff/applications/{world.app_a.pk}/correction/",
            {"items": "请写明文号", "sent_on": "2025-11-05"},
        )
    assert response.status_code == 302
    world.app_a.refresh_from_db()
    assert world.app_a.status == Status.CORRECTION
    [message] = messages_of(world.app_a)
    assert message.status == "failed" and "rejected" in message.error


def test_no_messages_chosen_sends_nothing(world, django_capture_on_commit_callbacks):
    app = make_application(world.a, notify_by="none")
    correction_on(app, world, django_capture_on_commit_callbacks)
    assert not mail.outbox and not messages_of(app)


def test_without_a_choice_an_applicant_without_e_mail_gets_sms(world, django_capture_on_commit_callbacks):
    app = make_application(world.a, email="", delivery_methods=["collect"])
    correction_on(app, world, django_capture_on_commit_callbacks)
    [message] = messages_of(app)
    assert message.channel == "sms" and not mail.outbox


# ── the apply form ─────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("posted", "email", "stored"),
    [
        ({}, "z@example.com", "email"),  # not chosen: the contact given
        ({}, "", "sms"),
        ({"notify_by": "sms"}, "z@example.com", "sms"),
        ({"notify_by": "none"}, "z@example.com", "none"),
    ],
)
def test_the_apply_form_stores_the_channel_chosen_or_the_one_matching_the_contact(
    client, world, posted, email, stored
):
    delivery = ["email"] if email else ["collect"]
    response = client.post("/apply/", form_data(world, email=email, delivery_methods=delivery, **posted))
    assert response.status_code == 302
    assert Application.objects.get(submission_token="tok-123").notify_by == stored


def test_the_apply_form_offers_the_choice_and_refuses_e_mail_without_an_address(client, world):
    page = client.get("/apply/").content.decode()
    assert "办理进展通知方式" in page and 'value="sms"' in page and 'value="none"' in page
    response = client.post(
        "/apply/", form_data(world, email="", delivery_methods=["collect"], notify_by="email")
    )
    assert response.status_code == 200 and "选择电子邮件通知的，请填写电子邮箱。" in response.content.decode()
    assert not Application.objects.filter(submission_token="tok-123").exists()


# ── the staff page ─────────────────────────────────────────────────────────────────────────────────


@pytest.fixture
def told(world, people, django_capture_on_commit_callbacks):
    """慕容雪霁 is told of a 补正 by e-mail."""
    by_mail = her_application(world, people)
    correction_on(by_mail, world, django_capture_on_commit_callbacks)
    return by_mail


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_record_page_lists_the_messages_with_the_recipient_masked(client, people, told, persona):
    response = as_persona(client, people, persona).get(f"/staff/applications/{told.pk}/")
    page = response.content.decode()
    assert EMAIL not in page
    if persona in MAY_UNMASK + MASKED_STAFF:
        assert "发给申请人的通知" in page and "mu****@example.org" in page and "已发送" in page
        assert f"补正申请告知书（查询码 {told.query_code}）" in page


def test_after_an_audited_unmasking_the_handler_sees_the_full_recipient(client, world, told):
    assert log_in(client, "lisi")
    page = client.post(f"/staff/applications/{told.pk}/unmask/").content.decode()
    assert EMAIL in page


def test_a_failed_message_quoting_the_address_shows_it_masked(
    client, world, people, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.web.test_notifications.BrokenMail"
    app = her_application(world, people)
    correction_on(app, world, django_capture_on_commit_callbacks)
    assert log_in(client, "zhaoliu")
    page = client.get(f"/staff/applications/{app.pk}/").content.decode()
    assert "发送失败" in page and "550 recipient mu****@example.org rejected" in page and EMAIL not in page
    assert PHONE not in page
