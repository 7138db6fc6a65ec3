"""Replying as an office does it, in the browser: the handler lisi drafts a 部分公开 on her phone and
previews it (no 文号 yet, no way to issue it), the approver qianqi signs it off at her desk, and lisi issues
it, confirming that it cannot be undone. Screenshots go to ``$GONGKAI_SHOTS`` when it is set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from gongkai_web.accounts.models import Role
from tests.web.fixtures import PASSWORD, make_agency, make_application, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def office(transactional_db):
    finance = make_agency(
        "渝中区财政局", parent=make_agency("渝中区人民政府"), short_name="渝中财", reply_needs_approval=True
    )
    make_user("lisi", finance, Role.HANDLER)
    make_user("qianqi", finance, Role.APPROVER)
    return finance


def _shot(page: Page, name: str, selector: str = "main") -> None:
    """A screenshot of the part of the page a person looks at (``selector``), when ``$GONGKAI_SHOTS`` is set."""
    if folder := os.environ.get("GONGKAI_SHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.locator(selector).first.screenshot(path=str(Path(folder) / f"{name}.png"))


def _log_in(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def test_lisi_drafts_qianqi_signs_off_lisi_issues(live_server, office, phone, desk):
    app = make_application(office)
    _log_in(phone, live_server.url, "lisi")
    phone.goto(f"{live_server.url}/staff/applications/{app.pk}/")
    phone.locator("#action-reply summary").click()
    outcome = phone.locator("#action-reply select[name=outcome]")
    expect(outcome).to_have_value("")  # nothing preselected
    outcome.select_option("partly_granted")
    phone.locator("[name=withheld-0-description]").fill("供应商报价明细")
    phone.locator("[name=withheld-0-ground]").select_option("withheld_third_party")
    phone.locator("[name=withheld-0-reason]").fill("第三方书面不同意公开，理由成立")
    _shot(phone, "1-draft-form-phone", "#action-reply")
    phone.get_by_role("button", name="保存答复稿").click()

    # the preview: the letter's words, no number, no way to issue before sign-off
    letter = phone.get_by_role("article", name="将签发的文书")
    expect(letter).to_contain_text("（文号于签发时编定）")
    expect(letter).to_contain_text("1. 供应商报价明细：第三方书面不同意公开，理由成立。")
    expect(letter).to_contain_text("样稿")
    expect(phone.get_by_role("button", name="签发答复")).to_have_count(0)
    _shot(phone, "2-preview-phone")
    phone.get_by_role("button", name="提交审签").click()
    expect(phone.get_by_role("status").first).to_contain_text("已提交审签")
    _shot(phone, "2b-submitted-phone", "main > p:last-of-type")
    phone.goto(f"{live_server.url}/staff/applications/{app.pk}/")
    expect(phone.locator("#reply-draft")).to_contain_text("待审签")
    _shot(phone, "2c-case-page-draft-phone", "#reply-draft")
    phone.go_back()

    _log_in(desk, live_server.url, "qianqi")
    desk.goto(f"{live_server.url}/staff/applications/?view=signoff")
    desk.get_by_role("link", name=app.query_code).click()
    desk.get_by_role("link", name="审阅并审签").click()
    expect(desk.get_by_role("article", name="将签发的文书")).to_contain_text("供应商报价明细")
    _shot(desk, "3-signoff-desk")
    desk.get_by_role("button", name="审签通过").click()
    expect(desk.get_by_role("status").first).to_contain_text("已审签")

    phone.reload()
    issue = phone.get_by_role("button", name="签发答复")
    expect(phone.locator("section.issue")).to_contain_text("签发后将编号并送达申请人，不能撤回")
    _shot(phone, "4-issue-phone", "section.issue")
    issue.click()  # without ticking the confirmation the browser does not send the form
    expect(phone.locator("section.issue")).to_be_visible()
    assert not app.letters.filter(kind="reply").exists()
    phone.get_by_label("我已核对样稿，现在签发本答复。").check()
    issue.click()
    expect(phone.get_by_role("status").first).to_contain_text("答复已签发，文号为渝中财公开〔")
    expect(phone.locator("ul.letters").first).to_contain_text("渝中财公开〔")
    _shot(phone, "5-issued-phone", "main > div[role=status]")
    app.refresh_from_db()
    assert app.status == "closed" and app.letters.filter(kind="reply").count() == 1

    # the browser's back button and the form sent again: not issued twice
    phone.go_back()
    phone.go_back()
    assert app.letters.filter(kind="reply").count() == 1
