"""Issue 13's journey in one piece: the handler lisi attaches two files to a case and drafts a 部分公开
reply, previews the letter (both files listed, no 文号), the approver qianqi signs it off, lisi issues it;
the applicant, on a 390-pixel phone with her query code and password, sees the letter and downloads both
files. At no point does one click issue a reply."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from gongkai_web.accounts.models import Role
from tests.web.fixtures import PASSWORD, make_agency, make_application, make_user

pytestmark = pytest.mark.browser

BUDGET = b"%PDF-1.7\n1 0 obj<<>>endobj\n% budget\n%%EOF\n"
ACCOUNTS = b"%PDF-1.7\n1 0 obj<<>>endobj\n% final accounts\n%%EOF\n"


@pytest.fixture
def office(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    finance = make_agency(
        "渝中区财政局", parent=make_agency("渝中区人民政府"), short_name="渝中财", reply_needs_approval=True
    )
    make_user("lisi", finance, Role.HANDLER)
    make_user("qianqi", finance, Role.APPROVER)
    return finance


def _log_in(page: Page, url: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("navigation", name="主导航")).to_be_visible()


def _attach(page: Page, description: str, name: str, body: bytes) -> None:
    section = page.locator("#disclosed")
    section.locator("[name=disclosed-description]").fill(description)
    section.locator("[name=disclosed-file]").set_input_files(
        {"name": name, "mimeType": "application/pdf", "buffer": body}
    )
    section.get_by_role("button", name="添加").click()
    expect(page.locator("#disclosed ul.disclosed")).to_contain_text(name)


def test_a_partial_reply_with_two_files_is_signed_off_issued_and_downloaded_on_a_phone(
    live_server, office, desk, phone, tmp_path
):
    app = make_application(office)
    base = live_server.url
    _log_in(desk, base, "lisi")
    desk.goto(f"{base}/staff/applications/{app.pk}/")
    _attach(desk, "2024年度区级预算执行情况", "预算执行情况.pdf", BUDGET)
    _attach(desk, "2024年度区级决算", "决算报告.pdf", ACCOUNTS)

    desk.locator("#action-reply summary").click()
    expect(desk.locator("#action-reply select[name=outcome]")).to_have_value("")
    desk.locator("#action-reply select[name=outcome]").select_option("partly_granted")
    desk.locator("[name=withheld-0-description]").fill("供应商报价明细")
    desk.locator("[name=withheld-0-ground]").select_option("withheld_third_party")
    desk.locator("[name=withheld-0-reason]").fill("第三方书面不同意公开，理由成立")
    desk.get_by_role("button", name="保存答复稿").click()

    letter = desk.get_by_role("article", name="将签发的文书")
    expect(letter).to_contain_text("（文号于签发时编定）")
    expect(letter).to_contain_text("预算执行情况.pdf")
    expect(letter).to_contain_text("决算报告.pdf")
    expect(letter).to_contain_text("供应商报价明细")
    expect(desk.get_by_role("button", name="签发答复")).to_have_count(0)  # not before sign-off
    desk.get_by_role("button", name="提交审签").click()
    assert not app.letters.filter(kind="reply").exists()

    _log_in(desk, base, "qianqi")
    desk.goto(f"{base}/staff/applications/?view=signoff")
    desk.get_by_role("link", name=app.query_code).click()
    desk.get_by_role("link", name="审阅并审签").click()
    desk.get_by_role("button", name="审签通过").click()
    expect(desk.get_by_role("status").first).to_contain_text("已审签")

    _log_in(desk, base, "lisi")
    desk.goto(f"{base}/staff/applications/{app.pk}/")
    desk.locator("#reply-draft").get_by_role("link").first.click()
    desk.get_by_label("我已核对样稿，现在签发本答复。").check()
    desk.get_by_role("button", name="签发答复").click()
    expect(desk.get_by_role("status").first).to_contain_text("答复已签发")
    assert app.letters.filter(kind="reply").count() == 1

    phone.goto(f"{base}/track/")
    phone.locator("input[name=query_code]").fill(app.query_code)
    phone.locator("input[name=secret]").fill(app.secret)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(f"**/track/{app.query_code}/")
    expect(phone.locator("main")).to_contain_text("部分公开答复书")
    files = phone.locator("section.disclosed a.button")
    expect(files).to_have_count(2)
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the tracking page is {overflow}px wider than the phone"
    got = {}
    for i in range(2):
        with phone.expect_download() as download:
            files.nth(i).click()
        got[download.value.suggested_filename] = Path(download.value.path()).read_bytes()
    assert got == {"预算执行情况.pdf": BUDGET, "决算报告.pdf": ACCOUNTS}
    phone.screenshot(
        path=str(Path(os.environ.get("GONGKAI_SHOTS", tmp_path)) / "track-two-files-390.png"), full_page=True
    )
