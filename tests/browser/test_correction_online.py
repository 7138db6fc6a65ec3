"""张三, on a 390 px phone, opens his application with the query code and password, answers the 补正
notice (text and a PDF), and sees the new reply deadline: 20 working days after the day he answered
(Monday 2025-11-10 → Monday 2025-12-08; no public holiday in between).

Screenshots go to $GONGKAI_SCREENSHOTS (a temporary folder by default)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from gongkai_web import clocks
from gongkai_web.accounts.models import Role
from gongkai_web.applications import services
from gongkai_web.applications.models import Application, EventKind, Status
from tests.web.fixtures import PASSWORD, clock_at, make_agency, make_application, make_user

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tempfile.mkdtemp(prefix="gongkai-shots-"))
SENT, ANSWERED = dt.date(2025, 11, 5), dt.date(2025, 11, 10)


@pytest.fixture
def awaiting_correction(transactional_db, monkeypatch):
    district = make_agency("渝中区人民政府")
    finance = make_agency("渝中区财政局", parent=district)
    lisi = make_user("lisi", finance, Role.HANDLER)
    app = make_application(finance)
    services.request_correction(
        app,
        items=["请写明所需信息的名称或文号", "请补充您的通讯地址"],
        sent_on=SENT,
        actor=lisi,
        clock=clock_at(SENT),
    )
    monkeypatch.setattr(clocks, "SystemClock", lambda: clock_at(ANSWERED, 10))
    return app


def test_zhang_san_answers_the_correction_notice_on_his_phone(
    phone, live_server, awaiting_correction, tmp_path
):
    app = awaiting_correction
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    phone.goto(f"{live_server.url}/track/")
    phone.locator("#id_query_code").fill(app.query_code)
    phone.locator("#id_secret").fill(app.secret)
    phone.locator("form button[type=submit]").last.click()

    section = phone.locator("section.correction-answer")
    expect(section).to_contain_text("请写明所需信息的名称或文号")
    expect(section).to_contain_text("2025-11-26")
    phone.screenshot(path=str(SCREENSHOTS / "correction-answer-form-phone.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone

    material = tmp_path / "补正材料.pdf"
    material.write_bytes(b"%PDF-1.7\n%%EOF\n")
    section.get_by_label("补正内容").fill(
        "所需信息为《2024年度渝中区财政预算执行情况报告》；通讯地址为重庆市渝中区人民路2号。"
    )
    section.locator("input[type=file]").set_input_files(str(material))
    section.get_by_role("button", name="提交补正").click()

    expect(phone.locator("[role=status]")).to_contain_text("补正已收到")
    expect(phone.locator("#deadline-h + p.code")).to_have_text("2025-12-08")
    expect(phone.locator("section.correction-answer")).to_have_count(0)
    phone.screenshot(path=str(SCREENSHOTS / "correction-answered-phone.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    app = Application.objects.get(pk=app.pk)
    assert app.status == Status.IN_PROGRESS and app.due_on == dt.date(2025, 12, 8)
    assert app.events.get(kind=EventKind.CORRECTION_RECEIVED).on == ANSWERED


def test_the_handler_reads_the_answer_and_the_messages_sent_on_the_record_page(
    phone, browser, live_server, awaiting_correction, tmp_path
):
    app = awaiting_correction
    services.receive_correction(
        app, text="通讯地址为重庆市渝中区人民路2号。", online=True, actor=None, clock=clock_at(ANSWERED)
    )
    desk = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN").new_page()
    desk.goto(f"{live_server.url}/accounts/login/")
    desk.locator("#id_username").fill("lisi")
    desk.locator("#id_password").fill(PASSWORD)
    desk.locator("main form button[type=submit]").click()
    desk.goto(f"{live_server.url}/staff/applications/{app.pk}/")

    expect(desk.locator("#answers-h + article")).to_contain_text("通讯地址为重庆市渝中区人民路2号。")
    sent = desk.locator("section.messages-sent li")
    expect(sent).to_have_count(3)  # the receipt, the 补正 notice, the acknowledgement of the answer
    expect(sent.nth(1)).to_contain_text("zh****@example.com")
    expect(sent.nth(1)).to_contain_text("补正申请告知书")
    expect(sent.nth(2)).to_contain_text("补正材料已收到")
    desk.screenshot(path=str(SCREENSHOTS / "staff-record-correction-and-messages.png"), full_page=True)
    desk.context.close()
