"""One application's journey through the browser: the applicant applies on a phone and follows it
with the query code; a handler takes it through 补正, the corrected application, a consultation and
the reply; the applicant sees the outcome and downloads the reply letter.

Screenshots of the applicant's form and of the staff worklist are written to $GONGKAI_SCREENSHOTS
(docs/screenshots/ holds the committed ones)."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

import docx
import pytest
from playwright.sync_api import Page, expect

from gongkai_web.accounts.models import Role
from gongkai_web.applications.models import Application, EventKind, Status
from tests.web.fixtures import PASSWORD, VALID_ID, make_agency, make_user

pytestmark = pytest.mark.browser
# Screenshots go to a temporary folder so that a test run never dirties the checkout; set
# GONGKAI_SCREENSHOTS=docs/screenshots to refresh the committed ones.
SCREENSHOTS = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tempfile.mkdtemp(prefix="gongkai-shots-"))
#: How long the receipt may take to come back after the form is sent (Playwright waits, never sleeps).
RECEIPT_TIMEOUT_MS = 30_000


@pytest.fixture
def agencies(transactional_db):
    district = make_agency("渝中区人民政府", online_receipt="automatic")
    finance = make_agency(
        "渝中区财政局",
        parent=district,
        online_receipt="automatic",
        office_name="渝中区财政局办公室",
        address="重庆市渝中区人民路1号",
        phone="023-63000000",
    )
    make_user("lisi", finance, Role.HANDLER)
    return finance


def apply_on_phone(page: Page, base: str) -> tuple[str, str]:
    page.goto(f"{base}/apply/")
    show_only_the_chosen_applicant_types_fields(page)
    page.locator("#id_agency").select_option(label="渝中区财政局")
    page.locator("#id_name").fill("张三")
    page.locator("#id_id_type").select_option("resident_id")
    page.locator("#id_id_number").fill(VALID_ID)
    page.locator("#id_phone").fill("13800138000")
    page.locator("#id_email").fill("zhangsan@example.com")
    page.locator("#id_description").fill("2024年度渝中区财政预算执行情况报告")
    page.locator("input[name=delivery_methods][value=email]").check()
    page.locator("#id_declaration").check()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "applicant-form-phone.png"), full_page=True)
    page.locator("form button[type=submit]").last.click()
    # The one slow step (the application registered, its deadlines worked out, the receipt drawn up):
    # under a loaded machine it has taken more than the default 5 s.
    expect(page.locator("h1")).to_contain_text("接收回执", timeout=RECEIPT_TIMEOUT_MS)
    code, secret = (t.strip() for t in page.locator("dd.code").all_inner_texts())
    return code, secret


def show_only_the_chosen_applicant_types_fields(page: Page) -> None:
    """公民 see the ID fields; 法人或者其他组织 see 组织类别, 统一社会信用代码, 法定代表人 (applicant.js)."""
    citizen_only = [page.locator(f"#field-{name}") for name in ("id_type", "id_number")]
    organisation_only = [
        page.locator(f"#field-{name}") for name in ("org_kind", "credit_code", "legal_representative")
    ]
    for field in organisation_only:
        expect(field).to_be_hidden()
    page.get_by_label("法人或者其他组织").check()
    for field in organisation_only:
        expect(field).to_be_visible()
    for field in citizen_only:
        expect(field).to_be_hidden()
    page.get_by_label("公民", exact=True).check()
    for field in citizen_only:
        expect(field).to_be_visible()
    for field in organisation_only:
        expect(field).to_be_hidden()


def act(
    page: Page, summary: str, fill: dict[str, str] | None = None, select: dict[str, str] | None = None
) -> None:
    """Open one action panel on the staff detail page, fill it and save."""
    panel = page.locator("details", has=page.locator("summary", has_text=re.compile(f"^{summary}$")))
    panel.locator("summary").click()
    for name, value in (fill or {}).items():
        panel.locator(f"[name={name}]").fill(value)
    for name, value in (select or {}).items():
        panel.locator(f"select[name={name}]").select_option(value)
    panel.locator("button[type=submit]").click()
    expect(page.locator(".msg").first).to_contain_text("已保存")


def draft_and_issue(page: Page, outcome: str) -> None:
    """Draft the reply, check its preview and issue it (confirming that it cannot be undone)."""
    panel = page.locator("details#action-reply")
    panel.locator("summary").click()
    panel.locator("select[name=outcome]").select_option(outcome)
    panel.get_by_role("button", name="保存答复稿").click()
    expect(page.get_by_role("article", name="将签发的文书")).to_contain_text("（文号于签发时编定）")
    page.get_by_label("我已核对样稿，现在签发本答复。").check()
    page.get_by_role("button", name="签发答复").click()
    expect(page.locator(".msg").first).to_contain_text("答复已签发")


def test_an_application_goes_from_a_phone_to_a_reply_and_back_to_the_applicant(
    live_server, agencies, phone, desk
):
    base = live_server.url
    code, secret = apply_on_phone(phone, base)

    # The applicant follows it by query code and password.
    phone.goto(f"{base}/track/")
    phone.locator("#id_query_code").fill(code)
    phone.locator("#id_secret").fill(secret)
    phone.locator("form button[type=submit]").last.click()
    expect(phone.locator("h1")).to_contain_text(code)

    # The handler logs in, finds it on the worklist and handles it.
    desk.goto(f"{base}/accounts/login/")
    desk.locator("#id_username").fill("lisi")
    desk.locator("#id_password").fill(PASSWORD)
    desk.locator("main form button[type=submit]").click()
    expect(desk).to_have_url(re.compile(r"/staff/applications/$"))  # logged in: on the worklist
    expect(desk.get_by_role("link", name=code)).to_be_visible()
    desk.screenshot(path=str(SCREENSHOTS / "staff-worklist.png"), full_page=True)
    desk.get_by_role("link", name=code).click()
    act(desk, "补正通知", fill={"items": "请写明预算执行情况报告的年度和文号"})
    act(desk, "登记补正材料")
    act(desk, "征求意见", fill={"consultee": "重庆市财政局"}, select={"consultee_kind": "agency"})
    act(desk, "登记征求意见结果", select={"position": "consent"})
    draft_and_issue(desk, "granted")

    app = Application.objects.get(query_code=code)
    assert app.status == Status.CLOSED and app.outcome == "granted"
    kinds = list(app.events.values_list("kind", flat=True))
    for kind in (
        EventKind.CORRECTION_REQUESTED,
        EventKind.CORRECTION_RECEIVED,
        EventKind.CONSULTATION_STARTED,
        EventKind.CONSULTATION_ANSWERED,
        EventKind.REPLIED,
    ):
        assert kind in kinds

    # Back on the phone, the applicant sees the reply and downloads the reply letter.
    phone.goto(f"{base}/track/{code}/")
    expect(phone.locator("main")).to_contain_text(app.get_status_display())
    reply = phone.locator("ul.letters li", has_text="予以公开答复书")
    with phone.expect_download() as download_info:
        reply.get_by_role(
            "link", name="下载予以公开答复书（Word）"
        ).click()  # the accessible name, as a screen reader says it
    path = download_info.value.path()
    text = "\n".join(p.text for p in docx.Document(str(path)).paragraphs)
    assert "张三" in text and "《中华人民共和国政府信息公开条例》第三十六条第（二）项" in text
