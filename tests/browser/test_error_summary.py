"""On a phone, a form sent back with errors opens on its error summary: the summary has the focus (so a
screen reader reads it first), and following an entry's link lands on the field to correct."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_content_security_policy import violations, watched
from tests.web.fixtures import make_agency

pytestmark = pytest.mark.browser


def test_the_error_summary_takes_the_focus_and_its_links_reach_the_fields(
    live_server, transactional_db, phone
):
    make_agency("渝中区财政局", parent=make_agency("渝中区人民政府"))
    console = watched(phone)
    phone.goto(f"{live_server.url}/apply/")
    phone.locator("#id_agency").select_option(label="渝中区财政局")
    phone.locator("#id_name").fill("张三")
    phone.locator("#id_phone").fill("6300")
    phone.locator("form button[type=submit]").last.click()
    summary = phone.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("提交未成功，请修改以下")
    expect(phone.locator("#id_name")).to_have_value("张三")
    summary.locator('a[href="#id_phone"]').click()
    expect(phone.locator("#id_phone")).to_be_in_viewport()
    expect(phone.locator("#id_phone")).to_have_attribute("aria-invalid", "true")
    assert violations(phone, console) == []
