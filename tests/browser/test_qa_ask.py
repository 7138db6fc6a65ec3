"""The policy Q&A in the browser: on a 390 px phone a resident asks 渝中区财政局 a question (first with no
contact: refused in Chinese, what she typed kept), and gets the receipt with the query code and the due
date; 钱七, the bureau's approver, finds it in the queue, answers it and puts it into the library; back on
the phone, a search of the library finds the answer.

Screenshots go to $GONGKAI_SCREENSHOTS (a temporary folder by default)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from gongkai_web.accounts.models import Role
from gongkai_web.qa.models import PublicQuestion
from tests.web.fixtures import PASSWORD, make_agency, make_user

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tempfile.mkdtemp(prefix="gongkai-shots-"))
QUESTION = "我在外地工作，户口不在重庆，可以在渝中区参加城乡居民医保吗？"


@pytest.fixture
def finance(transactional_db):
    district = make_agency("渝中区人民政府")
    agency = make_agency("渝中区财政局", parent=district)
    make_user("qianqi", agency, Role.APPROVER)
    return agency


def log_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_a_question_asked_on_a_phone_is_answered_into_the_library_and_found_there(
    phone, desk, live_server, finance
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    phone.goto(f"{base}/qa/ask/")
    expect(phone.locator("h1")).to_have_text("向机关咨询政策")
    phone.locator("#id_agency").select_option(str(finance.pk))
    phone.locator("#id_question").fill(QUESTION)
    phone.locator("#id_name").fill("刘小红")
    phone.locator("main form button[type=submit]").click()
    summary = phone.locator(".error-summary")
    expect(summary).to_contain_text("请填写接收答复的电话或电子邮箱。")
    expect(phone.locator("#id_question")).to_have_value(QUESTION)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    phone.screenshot(path=str(SCREENSHOTS / "qa-ask-error-phone.png"), full_page=True)

    phone.locator("#id_contact").fill("13812345678")
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator("h1")).to_have_text("您的咨询已收到")
    asked = PublicQuestion.objects.get()
    expect(phone.locator("dd.code")).to_have_text(asked.query_code)
    expect(phone.locator("main")).to_contain_text(f"{asked.due_on:%Y-%m-%d}")
    expect(phone.locator("main")).not_to_contain_text("13812345678")
    phone.screenshot(path=str(SCREENSHOTS / "qa-receipt-phone.png"), full_page=True)

    log_in(desk, base, "qianqi")
    desk.goto(f"{base}/staff/qa/questions/")
    desk.get_by_role("link", name=QUESTION[:20], exact=False).click()
    expect(desk.locator("dd.code")).to_have_text("138****5678")
    desk.locator("#id_answer").fill(
        "可以。持重庆市居住证的，可在居住地以城乡居民身份参保，享受同等财政补助。"
    )
    desk.locator("#id_to_library").check()
    desk.locator("#id_library_question").fill("外地户籍人员能否在渝中区参加城乡居民医保？")
    desk.screenshot(path=str(SCREENSHOTS / "qa-answer-staff.png"), full_page=True)
    desk.locator("form[action$='/answer/'] button[type=submit]").click()
    expect(desk.locator("p.msg.success").first).to_contain_text("答复已发布到问答库")

    phone.goto(f"{base}/qa/")
    phone.locator("#qa-q").fill("居住证")
    phone.locator("form.search button[type=submit]").click()
    phone.get_by_role("link", name="外地户籍人员能否在渝中区参加城乡居民医保？").click()
    expect(phone.locator("h1")).to_have_text("外地户籍人员能否在渝中区参加城乡居民医保？")
    expect(phone.locator("main")).to_contain_text("享受同等财政补助")
    expect(phone.locator("main")).not_to_contain_text("刘小红")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path=str(SCREENSHOTS / "qa-entry-phone.png"), full_page=True)
