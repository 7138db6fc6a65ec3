"""A 行政规范性文件's life in the browser: 李四 drafts it for 渝中区财政局 and puts it out for comment (a
period of 6 working days is refused in Chinese, with what he typed kept), 钱七 does 初审, 赵六 (the
district's disclosure office) 复审, it is deliberated, signed, numbered 渝中财规〔2023〕1号 and published;
later a newer notice repeals it. Its page then says 已废止 with the basis, and table 2 of the agency's
2023 report (built from the records) counts the repeal.

Screenshots go to $GONGKAI_SCREENSHOTS (a temporary folder by default)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from gongkai_web.accounts.models import Role
from gongkai_web.publications import services
from gongkai_web.publications.models import Document
from gongkai_web.reports.build import build_report
from tests.web.fixtures import PASSWORD, clock_at, make_agency, make_user

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tempfile.mkdtemp(prefix="gongkai-shots-"))
D = dt.date
TITLE = "渝中区财政局关于规范财政票据管理的通知"


@pytest.fixture
def finance(transactional_db):
    district = make_agency("渝中区人民政府")
    agency = make_agency("渝中区财政局", parent=district)
    make_user("lisi", agency, Role.HANDLER)
    make_user("qianqi", agency, Role.APPROVER)
    make_user("zhaoliu", district, Role.SUPERVISOR)
    return agency


def signed_off_interpretation(doc) -> None:
    """同步起草、同步审签 through the services (the interpretation's own pages: test_interpretation_flow)."""
    lisi, qianqi = (type(doc.events.first().actor).objects.get(username=n) for n in ("lisi", "qianqi"))
    interp = services.draft_interpretation(
        doc, title=f"《{doc.title}》政策解读", form="text", body="一、制定背景。二、主要内容。", actor=lisi
    )
    services.sign_interpretation(interp, actor=qianqi)


def log_in(page: Page, base: str, username: str) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("navigation", name="主导航")).to_contain_text("文件库")


def take(page: Page, base: str, pk: int, title: str, fill=None, check=(), shot: str | None = None) -> None:
    """Open the step ``title`` from the document page, fill it in and save."""
    page.goto(f"{base}/staff/library/{pk}/")
    page.locator("ul.steps").get_by_role("link", name=title, exact=True).click()
    expect(page.locator("h1")).to_have_text(title)
    for name, value in (fill or {}).items():
        page.locator(f"[name={name}]").fill(value)
    for selector in check:
        page.locator(selector).check()
    page.locator("main form button[type=submit]").click()
    expect(page.locator("p.msg.success")).to_contain_text("已保存")


def test_a_normative_document_is_drafted_reviewed_published_and_repealed_in_the_browser(
    desk, phone, live_server, finance
):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    base = live_server.url
    log_in(desk, base, "lisi")
    desk.goto(f"{base}/staff/library/")
    desk.get_by_role("link", name="起草文件").click()
    desk.locator("#id_kind").select_option("normative")
    desk.locator("#id_title").fill(TITLE)
    desk.locator("#id_issuer_code").fill("渝中财规")
    desk.locator("#id_formed_on").fill("2023-03-01")
    desk.locator("main form button[type=submit]").click()
    expect(desk.locator("h1")).to_have_text(TITLE)
    doc = Document.objects.get(title=TITLE)

    # Six working days (2–10 March) are too short for a 规范性文件: refused, the input kept.
    desk.locator("ul.steps").get_by_role("link", name="公开征求意见", exact=True).click()
    desk.locator("[name=opened_on]").fill("2023-03-02")
    desk.locator("[name=closes_on]").fill("2023-03-10")
    desk.locator("[name=where]").fill("渝中区人民政府网站")
    desk.locator("main form button[type=submit]").click()
    alert = desk.locator("[role=alert]").first
    expect(alert).to_contain_text("2023-03-13")
    expect(desk.locator("[name=where]")).to_have_value("渝中区人民政府网站")
    desk.screenshot(path=str(SCREENSHOTS / "library-step-error-desktop.png"), full_page=True)
    log_in(phone, base, "lisi")
    phone.goto(f"{base}/staff/library/{doc.pk}/open-comment/")
    phone.locator("[name=opened_on]").fill("2023-03-02")
    phone.locator("[name=closes_on]").fill("2023-03-10")
    phone.locator("main form button[type=submit]").click()
    expect(phone.locator("[role=alert]").first).to_contain_text("2023-03-13")
    phone.screenshot(path=str(SCREENSHOTS / "library-step-error-phone.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    desk.locator("[name=closes_on]").fill("2023-03-13")
    desk.locator("main form button[type=submit]").click()
    expect(desk.locator("p.msg.success")).to_contain_text("已保存")
    take(
        desk,
        base,
        doc.pk,
        "结束征求意见",
        {"on": "2023-03-13", "comments": "2", "response": "采纳1条，未采纳1条"},
    )
    take(desk, base, doc.pk, "拟定公开属性", {"on": "2023-03-14"}, ["input[name=publicity][value=proactive]"])

    log_in(desk, base, "qianqi")
    take(desk, base, doc.pk, "保密审查初审", {"on": "2023-03-14"}, ["input[name=agreed][value=True]"])
    log_in(desk, base, "zhaoliu")
    take(desk, base, doc.pk, "保密审查复审", {"on": "2023-03-14"}, ["input[name=agreed][value=True]"])

    log_in(desk, base, "lisi")
    take(desk, base, doc.pk, "登记合法性审核", {"on": "2023-03-15"}, ["input[name=passed][value=True]"])
    take(desk, base, doc.pk, "登记审议", {"on": "2023-03-16", "body": "局长办公会"})
    log_in(desk, base, "qianqi")
    desk.goto(f"{base}/staff/library/{doc.pk}/")  # 签发 waits for the interpretation, said before the click
    expect(desk.locator("ul.steps")).to_contain_text("待解读：同步起草、同步审签")
    signed_off_interpretation(doc)
    take(desk, base, doc.pk, "签发", {"on": "2023-03-17"})
    log_in(desk, base, "lisi")
    take(desk, base, doc.pk, "统一登记编号", {"on": "2023-03-17"})
    take(desk, base, doc.pk, "公布", {"on": "2023-03-20"})
    expect(desk.locator("table.meta")).to_contain_text("渝中财规〔2023〕1号")
    expect(desk.locator("section.panel")).to_contain_text("现行有效")
    before = build_report(finance, 2023)
    assert before.get("active.normative_documents.in_force") == 1

    # A newer notice (through the services: the same steps again) repeals it, picked by its 文号.
    clock, lisi = clock_at(D(2024, 6, 28)), doc.events.first().actor
    newer = services.draft_document(
        finance,
        kind="normative",
        title="渝中区财政局关于财政票据管理的新通知",
        issuer_code="渝中财规",
        formed_on=D(2023, 5, 4),
        actor=lisi,
        clock=clock,
    )
    qianqi, zhaoliu = (type(lisi).objects.get(username=n) for n in ("qianqi", "zhaoliu"))
    services.propose_publicity(newer, publicity="proactive", on=D(2023, 5, 5), actor=lisi, clock=clock)
    services.review_secrecy(newer, on=D(2023, 5, 5), agreed=True, actor=qianqi, clock=clock)
    services.review_secrecy(newer, on=D(2023, 5, 5), agreed=True, actor=zhaoliu, clock=clock)
    services.record_legality_review(newer, on=D(2023, 5, 8), passed=True, actor=lisi, clock=clock)
    services.record_deliberation(newer, on=D(2023, 5, 8), body="局长办公会", actor=lisi, clock=clock)
    signed_off_interpretation(newer)
    services.sign_document(newer, on=D(2023, 5, 9), actor=qianqi, clock=clock)
    services.register_document(newer, on=D(2023, 5, 9), actor=lisi, clock=clock)
    services.publish_document(newer, on=D(2023, 5, 10), actor=lisi, clock=clock)
    take(
        desk,
        base,
        newer.pk,
        "修改、废止、宣布失效或延续其他文件",
        {"target": "渝中财规[2023]1号", "on": "2023-06-01"},
        ["input[name=kind][value=repeals]"],
    )

    log_in(desk, base, "zhaoliu")
    desk.goto(f"{base}/staff/library/{doc.pk}/")
    expect(desk.locator("p.superseded")).to_have_text(
        "本文件已于2023年6月1日废止，依据：渝中财规〔2023〕2号。"
    )
    expect(desk.locator("section.panel")).to_contain_text("已废止")
    expect(desk.locator("section.panel")).to_contain_text("渝中财规〔2023〕2号")
    desk.screenshot(path=str(SCREENSHOTS / "library-repealed-desktop.png"), full_page=True)
    phone.goto(f"{base}/staff/library/{doc.pk}/")
    expect(phone.locator("p.superseded")).to_be_visible()
    phone.screenshot(path=str(SCREENSHOTS / "library-repealed-phone.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    desk.goto(f"{base}/staff/library/")
    expect(desk.locator("table.library")).to_contain_text("已废止")
    desk.screenshot(path=str(SCREENSHOTS / "library-list-desktop.png"), full_page=True)
    phone.goto(f"{base}/staff/library/")
    phone.screenshot(path=str(SCREENSHOTS / "library-list-phone.png"), full_page=True)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    after = build_report(finance, 2023)
    assert after.get("active.normative_documents.issued") == 2
    assert after.get("active.normative_documents.repealed") == 1
    assert after.get("active.normative_documents.in_force") == 1
