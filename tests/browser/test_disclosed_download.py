"""The applicant's list of disclosed information on a phone (issue 13, deliverable 2): after the reply is
issued and served, the tracking page lists the file (a download button) and the link, with the remedy
periods counted from service; the page fits the 390-pixel screen and the file downloads."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai_web.accounts.models import Role
from gongkai_web.applications import services
from tests.web.fixtures import clock_at, make_agency, make_application, make_user

pytestmark = pytest.mark.browser


@pytest.fixture
def shots(tmp_path) -> Path:
    """Where the screenshots go: ``$GONGKAI_SHOTS`` to keep them, else the test's temporary folder."""
    folder = Path(os.environ["GONGKAI_SHOTS"]) if os.environ.get("GONGKAI_SHOTS") else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\n%%EOF\n"
LINK = "https://www.cqyz.gov.cn/zwgk/czyjs/2024/bmys.html"


@pytest.fixture
def served_case(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    district = make_agency("渝中区人民政府")
    finance = make_agency("渝中区财政局", parent=district, short_name="渝中财")
    lisi = make_user("lisi", finance, Role.HANDLER)
    app = make_application(finance, received=dt.date(2025, 11, 3))
    services.add_disclosed_item(
        app,
        description="2024年度渝中区财政预算执行情况和2025年预算草案的报告",
        upload=SimpleUploadedFile("2024年预算执行情况报告.pdf", PDF, content_type="application/pdf"),
        actor=lisi,
    )
    services.add_disclosed_item(app, description="2024年度区级部门预算公开专栏", url=LINK, actor=lisi)
    day = dt.date(2025, 11, 20)
    services.reply_application(app, outcome="granted", decided_on=day, actor=lisi, clock=clock_at(day))
    reply = app.letters.get(kind="reply")
    services.record_delivery(
        reply,
        method="electronic",
        delivered_on=dt.date(2025, 11, 24),
        proof_note="电子邮件送达，系统记录 2025-11-24 09:12",
        actor=lisi,
        clock=clock_at(dt.date(2025, 11, 24)),
    )
    return app


def test_the_applicant_downloads_the_disclosed_file_on_a_phone(live_server, served_case, phone, shots):
    phone.goto(f"{live_server.url}/track/")
    phone.locator("input[name=query_code]").fill(served_case.query_code)
    phone.locator("input[name=secret]").fill(served_case.secret)
    phone.locator("main form button[type=submit]").click()
    phone.wait_for_url(f"**/track/{served_case.query_code}/")
    section = phone.locator("section.disclosed")
    assert section.locator("a.button").count() == 1 and LINK in section.inner_text()
    assert "2026-01-23" in phone.content() and "2026-05-25" in phone.content()
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the tracking page is {overflow}px wider than the phone"
    section.scroll_into_view_if_needed()
    phone.screenshot(path=str(shots / "track-disclosed-390.png"), full_page=True)
    with phone.expect_download() as download:
        section.locator("a.button").click()
    assert download.value.suggested_filename == "2024年预算执行情况报告.pdf"
    assert Path(download.value.path()).read_bytes() == PDF


def test_the_handler_sees_the_disclosed_items_and_the_service_on_the_case_page(
    live_server, served_case, phone, shots
):
    from tests.browser.test_phone_layout import log_in

    log_in(phone, live_server.url, "lisi")
    phone.goto(f"{live_server.url}/staff/applications/{served_case.pk}/")
    assert phone.locator("#disclosed li").count() == 2
    assert "电子送达" in phone.locator("#deliveries").inner_text()
    overflow = phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the case page is {overflow}px wider than the phone"
    phone.locator("#disclosed").screenshot(path=str(shots / "case-disclosed-390.png"))
    phone.locator("#deliveries").screenshot(path=str(shots / "case-deliveries-390.png"))
