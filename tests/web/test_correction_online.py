"""张三 answers the 补正申请告知书 on his tracking page (条例第三十条): the corrected application restarts
the 20-working-day reply period from the day it is received; only he (by account, or in a browser that
gave the query code and password) may answer, once, within the period the notice gave; staff read the
answer and its files on the record page.

The days: received Monday 2025-11-03; the notice sent Wednesday 2025-11-05 with agency A's 15 working
days (the last day Wednesday 2025-11-26: Nov 6, 7, 10–14, 17–21, 24, 25, 26); the answer on Monday
2025-11-10, so the reply is due on the 20th working day after it: Nov 11–14 (4), 17–21 (9), 24–28 (14),
Dec 1–5 (19), Monday 2025-12-08 (20). No public holiday falls in between."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from gongkai import workdays
from gongkai_web import clocks
from gongkai_web.applications import services
from gongkai_web.applications.models import Attachment, EventKind, Status

from .fixtures import clock_at, log_in, make_user

D = dt.date
SENT = D(2025, 11, 5)
ANSWERED = D(2025, 11, 10)
NEW_DUE = D(2025, 12, 8)
LAST_DAY = D(2025, 11, 26)
ITEMS = ["请写明所需信息的名称或文号", "请补充您的通讯地址"]
TEXT = "所需信息为《2024年度渝中区财政预算执行情况报告》（渝中财发〔2025〕3号）；通讯地址为重庆市渝中区人民路2号。"


@pytest.fixture
def notice(world):
    """Agency A's 补正 notice on 张三's application (his account)."""
    services.request_correction(
        world.app_a, items=ITEMS, sent_on=SENT, actor=world.lisi, clock=clock_at(SENT)
    )
    world.app_a.refresh_from_db()
    return world.app_a


def on(monkeypatch, day: dt.date) -> None:
    """The platform's clock (the services' and views' default) reads ``day``, 10:00 in Shanghai."""
    monkeypatch.setattr(clocks, "SystemClock", lambda: clock_at(day, 10))


def pdf(name="补正材料.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.7\n%%EOF\n", content_type="application/pdf")


def answer(client, app, **fields):
    data = {"text": TEXT, "material": [pdf()], **fields}
    return client.post(f"/track/{app.query_code}/correction/", data)


def test_zhang_san_answers_the_correction_notice_online_and_the_reply_period_restarts(
    client, world, notice, monkeypatch
):
    on(monkeypatch, ANSWERED)
    client.force_login(world.zhangsan)
    page = client.get(f"/track/{notice.query_code}/").content.decode()
    assert "请写明所需信息的名称或文号" in page and "2025-11-26" in page and 'name="text"' in page

    response = answer(client, notice)

    assert response.status_code == 302 and response["Location"] == f"/track/{notice.query_code}/"
    notice.refresh_from_db()
    assert notice.status == Status.IN_PROGRESS
    assert notice.due_on == NEW_DUE
    # Cross-check with the core calendar: 20 working days after the day the correction was received.
    assert workdays.add_working_days(ANSWERED, 20) == NEW_DUE
    received = notice.events.get(kind=EventKind.CORRECTION_RECEIVED)
    assert received.on == ANSWERED and received.data["online"] is True and received.data["text"] == TEXT
    assert received.actor == world.zhangsan
    [material] = Attachment.objects.filter(application=notice, purpose="correction")
    assert material.original_name == "补正材料.pdf" and received.data["attachments"] == [material.pk]
    page = client.get(f"/track/{notice.query_code}/").content.decode()
    assert "2025-12-08" in page and 'name="text"' not in page


def test_the_corrected_application_is_received_the_day_it_is_answered_whatever_the_date_sent(world, notice):
    services.receive_correction(
        notice,
        received_on=D(2025, 11, 6),
        text=TEXT,
        online=True,
        actor=world.zhangsan,
        clock=clock_at(ANSWERED),
    )
    assert notice.events.get(kind=EventKind.CORRECTION_RECEIVED).on == ANSWERED


def test_a_browser_that_gave_the_query_code_and_password_may_answer(world, monkeypatch):
    services.request_correction(
        world.app_b, items=ITEMS, sent_on=SENT, actor=world.wangwu, clock=clock_at(SENT)
    )
    on(monkeypatch, ANSWERED)
    browser = Client()
    browser.post("/track/", {"query_code": world.app_b.query_code, "secret": world.app_b.secret})

    assert answer(browser, world.app_b).status_code == 302

    world.app_b.refresh_from_db()
    assert world.app_b.status == Status.IN_PROGRESS and world.app_b.due_on == NEW_DUE
    received = world.app_b.events.get(kind=EventKind.CORRECTION_RECEIVED)
    assert received.actor is None
    from gongkai_web.audit.models import AuditEntry

    entry = AuditEntry.objects.get(action="applications.correction_received", object_id=str(world.app_b.pk))
    assert world.app_b.query_code in entry.actor_label  # the applicant, named by the query code


@pytest.mark.parametrize("who", ["public", "another applicant", "a handler of the agency"])
def test_nobody_else_may_see_or_answer_the_notice(client, world, notice, monkeypatch, who):
    on(monkeypatch, ANSWERED)
    if who == "another applicant":
        client.force_login(make_user("lisiguang"))
    elif who == "a handler of the agency":
        assert log_in(client, "lisi")
    assert client.get(f"/track/{notice.query_code}/").status_code == 404
    assert answer(client, notice).status_code == 404
    notice.refresh_from_db()
    assert notice.status == Status.CORRECTION
    assert not notice.events.filter(kind=EventKind.CORRECTION_RECEIVED).exists()
    assert not Attachment.objects.filter(application=notice, purpose="correction").exists()


def test_an_answer_without_the_csrf_token_is_refused(world, notice, monkeypatch):
    on(monkeypatch, ANSWERED)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(world.zhangsan)
    assert answer(browser, notice).status_code == 403
    notice.refresh_from_db()
    assert notice.status == Status.CORRECTION


def test_a_second_answer_is_refused_with_a_message_that_says_it_was_received(
    client, world, notice, monkeypatch
):
    on(monkeypatch, ANSWERED)
    client.force_login(world.zhangsan)
    answer(client, notice)

    again = answer(client, notice, text="再补充一点")

    assert again.status_code == 200
    assert "补正后的申请已于2025-11-10收到，不能再次提交补正。" in again.content.decode()
    assert notice.events.filter(kind=EventKind.CORRECTION_RECEIVED).count() == 1
    assert Attachment.objects.filter(application=notice, purpose="correction").count() == 1


def test_a_second_answer_through_the_service_is_refused_with_its_own_code(world, notice):
    services.receive_correction(
        notice, text=TEXT, online=True, actor=world.zhangsan, clock=clock_at(ANSWERED)
    )
    from gongkai_web.applications.errors import ApplicationError

    with pytest.raises(ApplicationError) as exc:
        services.receive_correction(
            notice, text=TEXT, online=True, actor=world.zhangsan, clock=clock_at(ANSWERED)
        )
    assert exc.value.code == "applications.correction_already_answered"


def test_a_file_that_is_not_what_its_name_says_is_refused_and_the_text_stays(
    client, world, notice, monkeypatch
):
    on(monkeypatch, ANSWERED)
    client.force_login(world.zhangsan)
    fake = SimpleUploadedFile("补正材料.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")

    response = answer(client, notice, material=[fake])

    page = response.content.decode()
    assert response.status_code == 200 and 'role="alert"' in page
    assert "附件“补正材料.pdf”的内容与其扩展名（.pdf）不符" in page
    assert TEXT in page  # what was typed is shown again
    notice.refresh_from_db()
    assert notice.status == Status.CORRECTION


def test_an_empty_answer_is_refused(client, world, notice, monkeypatch):
    on(monkeypatch, ANSWERED)
    client.force_login(world.zhangsan)
    response = client.post(f"/track/{notice.query_code}/correction/", {"text": "  "})
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    notice.refresh_from_db()
    assert notice.status == Status.CORRECTION


def test_after_the_correction_period_the_page_says_so_and_offers_no_form(client, world, notice, monkeypatch):
    on(monkeypatch, LAST_DAY + dt.timedelta(days=1))
    client.force_login(world.zhangsan)
    page = client.get(f"/track/{notice.query_code}/").content.decode()
    assert "2025-11-26" in page and 'name="text"' not in page

    response = answer(client, notice)

    assert response.status_code == 200
    assert "补正申请的期限已于2025-11-26届满" in response.content.decode()
    notice.refresh_from_db()
    assert notice.status == Status.CORRECTION


def test_on_the_last_day_of_the_period_the_answer_is_still_taken(client, world, notice, monkeypatch):
    on(monkeypatch, LAST_DAY)
    client.force_login(world.zhangsan)
    assert answer(client, notice).status_code == 302
    notice.refresh_from_db()
    # 20 working days after Wednesday 2025-11-26: Nov 27, 28 (2), Dec 1–5 (7), 8–12 (12), 15–19 (17),
    # 22, 23, 24 (20).
    assert notice.due_on == D(2025, 12, 24)


def test_staff_see_the_answer_and_its_files_on_the_record_page_masked(client, world, notice, monkeypatch):
    on(monkeypatch, ANSWERED)
    client.force_login(world.zhangsan)
    answer(client, notice, text="本人张三，补充通讯地址。", material=[pdf("张三补正材料.pdf")])
    client.logout()

    assert log_in(client, "lisi")
    from django.urls import reverse

    page = client.get(reverse("applications:detail", args=[notice.pk])).content.decode()
    assert "补充通讯地址" in page and "补正材料.pdf" in page
    assert "本人张*，" in page and "张*补正材料.pdf" in page  # the applicant's name masked until unmasked
    assert "本人张三" not in page


def test_several_files_may_be_attached_up_to_the_limit(client, world, notice, monkeypatch, settings):
    settings.GONGKAI_ATTACHMENT_MAX_COUNT = 2
    on(monkeypatch, ANSWERED)
    client.force_login(world.zhangsan)
    too_many = answer(client, notice, material=[pdf("一.pdf"), pdf("二.pdf"), pdf("三.pdf")])
    assert too_many.status_code == 200 and "最多可上传2个文件。" in too_many.content.decode()
    assert answer(client, notice, material=[pdf("一.pdf"), pdf("二.pdf")]).status_code == 302
    names = set(
        Attachment.objects.filter(application=notice, purpose="correction").values_list(
            "original_name", flat=True
        )
    )
    assert names == {"一.pdf", "二.pdf"}
