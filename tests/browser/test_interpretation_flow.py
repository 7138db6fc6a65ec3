"""A 政策解读 in the browser: 李四 adds a 图解 interpretation (with its image) to a 规范性文件 ready to sign
and sees the 同步 gate say what is missing; 钱七, the 签发人, signs the interpretation off and then the
document; 李四 registers and publishes the document, and its signed interpretation is published the same
day (同步发布). The steps are dated today, as staff doing them now would.

Screenshots go to $GONGKAI_SCREENSHOTS (a temporary folder by default)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai_web.accounts.models import Role
from gongkai_web.publications.models import Document, Interpretation
from tests.web.fixtures import clock_at, make_agency, make_user

from .test_library_flow import log_in, take

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tempfile.mkdtemp(prefix="gongkai-shots-"))
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def finance(transactional_db):
    district = make_agency("渝中区人民政府")
    agency = make_agency("渝中区财政局", parent=district)
    make_user("lisi", agency, Role.HANDLER)
    make_user("qianqi", agency, Role.APPROVER)
    make_user("zhaoliu", district, Role.SUPERVISOR)
    return agency


def ready_to_sign(agency):
    """A 规范性文件 of ``agency`` through comment, reviews, legality review and deliberation."""
    import datetime as dt

    from django.contrib.auth.models import User

    from gongkai_web.publications import services

    D = dt.date
    lisi, qianqi, zhaoliu = (User.objects.get(username=n) for n in ("lisi", "qianqi", "zhaoliu"))
    clock = clock_at(timezone.localdate())
    doc = services.draft_document(
        agency,
        kind="normative",
        title="渝中区财政局关于规范财政票据管理的通知",
        issuer_code="渝中财规",
        formed_on=D(2023, 3, 1),
        actor=lisi,
        clock=clock,
    )
    services.propose_publicity(doc, publicity="proactive", on=D(2023, 3, 14), actor=lisi, clock=clock)
    services.review_secrecy(doc, on=D(2023, 3, 14), agreed=True, actor=qianqi, clock=clock)
    services.review_secrecy(doc, on=D(2023, 3, 14), agreed=True, actor=zhaoliu, clock=clock)
    services.record_legality_review(doc, on=D(2023, 3, 15), passed=True, actor=lisi, clock=clock)
    services.record_deliberation(doc, on=D(2023, 3, 16), body="局长办公会", actor=lisi, clock=clock)
    return doc


def test_a_graphic_interpretation_is_drafted_signed_off_and_published_with_its_document(
    desk, phone, live_server, finance, tmp_path
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base, today = live_server.url, f"{timezone.localdate():%Y-%m-%d}"
    doc = ready_to_sign(finance)
    image = tmp_path / "图解.png"
    image.write_bytes(PNG)

    log_in(desk, base, "lisi")
    desk.goto(f"{base}/staff/library/{doc.pk}/")
    gate = desk.locator("#interpretations ul.gate")
    expect(gate).to_contain_text("请在文件签发前起草解读。")
    expect(desk.locator("#signing-gate")).to_contain_text(
        "本文件暂不能签发：其政策解读尚缺同步起草、同步审签"
    )
    desk.get_by_role("link", name="添加解读").click()
    desk.locator("#id_title").fill("一图读懂财政票据管理")
    desk.locator("input[name=form][value=graphic]").check()
    desk.locator("#id_body").fill("一图读懂：票据的领用、使用和核销。")
    desk.locator("#id_file").set_input_files(str(image))
    desk.locator("main form button[type=submit]").click()
    expect(desk.locator("p.msg.success")).to_contain_text("政策解读已保存")
    expect(desk.locator("#interpretations")).to_contain_text("一图读懂财政票据管理")
    expect(gate).to_contain_text("请在文件签发前由审批人审签解读。")
    desk.screenshot(path=str(SCREENSHOTS / "interpretation-gate-desktop.png"), full_page=True)
    log_in(phone, base, "lisi")
    phone.goto(f"{base}/staff/library/{doc.pk}/#interpretations")
    expect(phone.locator("#interpretations")).to_contain_text("同步审签")
    phone.screenshot(path=str(SCREENSHOTS / "interpretation-gate-phone.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    log_in(desk, base, "qianqi")
    desk.goto(f"{base}/staff/library/{doc.pk}/")
    desk.get_by_role("button", name="审签解读").click()
    expect(desk.locator("p.msg.success")).to_contain_text("政策解读已审签")
    take(desk, base, doc.pk, "签发", {"on": today})
    log_in(desk, base, "lisi")
    take(desk, base, doc.pk, "统一登记编号", {"on": today})
    take(desk, base, doc.pk, "公布", {"on": today})
    interp = Interpretation.objects.get()
    assert interp.published_on == timezone.localdate() == Document.objects.get(pk=doc.pk).published_on
    expect(desk.locator("#interpretations")).to_contain_text("按时发布")
    expect(desk.locator("#interpretations ul.gate li.gate-done")).to_have_count(3)
    desk.screenshot(path=str(SCREENSHOTS / "interpretation-published-desktop.png"), full_page=True)
