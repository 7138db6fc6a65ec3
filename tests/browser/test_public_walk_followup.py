"""On a phone, an empty login is sent to the server (no English browser bubble stops it) and comes back
with the Chinese error summary focused, its links reaching the fields."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_content_security_policy import violations, watched

pytestmark = pytest.mark.browser


def test_an_empty_login_comes_back_with_the_chinese_error_summary_focused(
    live_server, transactional_db, phone
):
    console = watched(phone)
    phone.goto(f"{live_server.url}/accounts/login/")
    phone.locator("main form button[type=submit]").click()
    summary = phone.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("提交未成功，请修改以下 2 处：")
    summary.get_by_role("link", name="请填写密码。").click()
    expect(phone.locator("#id_password")).to_be_in_viewport()
    assert violations(phone, console) == []
