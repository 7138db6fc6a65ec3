"""A 行政复议 case in the browser: 李四 registers it on his phone for 渝中区财政局 (a suit without a route is
refused in Chinese), sees the reply due on 2025-10-16 (10 working days across National Day), records the reply
and the decision (撤销) and what it ordered, downloads the 答复书; 赵六 (the district's disclosure office) reads
table 4 of the district and the mapping table on a desktop.

Screenshots go to $GONGKAI_SCREENSHOTS (a temporary folder by default)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from gongkai_web.accounts.models import Role
from gongkai_web.appeals.models import AppealCase
from tests.web.fixtures import PASSWORD, make_agency, make_user

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tempfile.mkdtemp(prefix="gongkai-shots-"))


@pytest.fixture
def finance(transactional_db):
    district = make_agency("渝中区人民政府")
    agency = make_agency("渝中区财政局", parent=district)
    make_user("lisi", agency, Role.HANDLER)
    make_user("zhaoliu", district, Role.SUPERVISOR)
    return agency


def log_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("navigation", name="主导航")).to_contain_text("复议诉讼")


def _shot(page: Page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / name), full_page=True)


def test_a_review_case_is_registered_replied_decided_and_counted_in_table_4(
    desk, phone, live_server, finance
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    log_in(phone, base, "lisi")
    phone.goto(f"{base}/staff/appeals/")
    phone.get_by_role("link", name="登记案件").click()
    phone.locator("#id_kind").select_option("litigation")
    phone.locator("#id_body").fill("渝中区人民政府")
    phone.locator("#id_appellant").fill("张三")
    phone.locator("#id_act").fill("《政府信息公开申请答复书》（渝中财依复〔2025〕12号）")
    phone.locator("#id_received_on").fill("2025-09-26")
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator("[role=alert]").first).to_contain_text("未经复议直接起诉或复议后起诉")
    expect(phone.locator("#id_appellant")).to_have_value("张三")
    _shot(phone, "appeals-new-error-phone.png")

    phone.locator("#id_kind").select_option("review")
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator("h1")).to_contain_text("行政复议")
    expect(phone.locator("dl.facts")).to_contain_text("2025-10-16")
    _shot(phone, "appeals-detail-phone.png")
    case = AppealCase.objects.get()

    phone.locator("form[action$='/reply/'] [name=on]").fill("2025-10-15")
    phone.locator("form[action$='/reply/'] button[type=submit]").click()
    expect(phone.locator("p.msg.success")).to_contain_text("已记录答复")
    phone.locator("form[action$='/decision/'] [name=disposition]").select_option("revoked")
    phone.locator("form[action$='/decision/'] [name=decided_on]").fill("2025-11-20")
    phone.locator("form[action$='/decision/'] button[type=submit]").click()
    expect(phone.locator("dl.facts")).to_contain_text("撤销")
    phone.locator("form[action$='/follow-ups/'] [name=kind]").select_option("redo")
    phone.locator("form[action$='/follow-ups/'] [name=ordered_on]").fill("2025-11-24")
    phone.locator("form[action$='/follow-ups/'] button[type=submit]").click()
    expect(phone.locator("main")).to_contain_text("2025-12-22")
    _shot(phone, "appeals-decided-phone.png")
    with phone.expect_download() as download:
        phone.get_by_role("link", name="行政复议答复书（Word）").click()
    assert download.value.suggested_filename == f"appeal-{case.pk}-review.docx"

    log_in(desk, base, "lisi")
    desk.goto(f"{base}/staff/appeals/")
    expect(desk.locator("table")).to_contain_text("渝中区财政局")
    _shot(desk, "appeals-worklist-desktop.png")
    phone.goto(f"{base}/staff/appeals/")
    _shot(phone, "appeals-worklist-phone.png")

    log_in(desk, base, "zhaoliu")
    desk.goto(f"{base}/staff/appeals/table4/?year=2025")
    expect(desk.locator("table")).to_contain_text("结果纠正")
    expect(desk.locator("main")).to_contain_text("行政复议直接纠错率: 100.00%")
    _shot(desk, "appeals-table4-desktop.png")
    desk.goto(f"{base}/staff/appeals/mapping/")
    expect(desk.locator("main")).to_contain_text("判决驳回诉讼请求")
    _shot(desk, "appeals-mapping-desktop.png")
    desk.goto(f"{base}/staff/appeals/{case.pk}/")
    expect(desk.locator("dl.facts")).to_contain_text("张*")
    _shot(desk, "appeals-detail-supervisor-desktop.png")
