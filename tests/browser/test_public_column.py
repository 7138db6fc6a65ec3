"""The public 政府信息公开 column in the browser, on a 390-pixel phone and a 1280-pixel desktop: a visitor
finds a policy by a two-character word, by its 文号 typed with [], and by issuer + year; opens it; sees
its validity (a repealed one carries the banner linking to the repealing decision) and downloads its
attachment; moves through the column with the keyboard only (Tab to the skip link, the column's
navigation, the search box, a result); switches on the 适老化 view, which stays on the next page.

Screenshots go to $GONGKAI_SCREENSHOTS (a temporary folder by default)."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import Page, expect

from gongkai_web.publications.models import Document, Effect
from gongkai_web.publications.search_entries import index_documents
from tests.web.fixtures import make_agency

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tempfile.mkdtemp(prefix="gongkai-shots-"))
D = dt.date
BUDGET = "渝中区财政局关于做好部门预算公开工作的通知"
BILLS = "渝中区财政局关于规范财政票据管理的通知"
DECISION = "渝中区人民政府关于废止部分规范性文件的决定"


def _doc(agency, title, number, on, serial, **kw) -> Document:
    return Document.objects.create(
        agency=agency,
        kind=kw.pop("kind", "normative"),
        title=title,
        number=number,
        stage="published",
        publicity="proactive",
        published_on=on,
        formed_on=on - dt.timedelta(days=7),
        index_number=f"{agency.code}/{on.year}-{serial:05d}",
        **kw,
    )


@pytest.fixture
def column(transactional_db):
    district = make_agency("渝中区人民政府")
    finance = make_agency("渝中区财政局", parent=district, office_name="渝中区财政局办公室")
    budget = _doc(
        finance, BUDGET, "渝中财规〔2023〕1号", D(2023, 3, 20), 1,
        topic="财政、金融、审计", genre="通知", text="各部门应当在预算批复后20日内公开部门预算及相关报表。",
    )  # fmt: skip
    budget.files.create(
        file=ContentFile(b"%PDF-1.4 annex", "annex.pdf"), original_name="附件1 部门预算公开表.pdf",
        content_type="application/pdf", size=14, sha256="0" * 64,
    )  # fmt: skip
    bills = _doc(finance, BILLS, "渝中财规〔2022〕4号", D(2022, 6, 1), 1, genre="通知", text="票据管理办法。")
    decision = _doc(district, DECISION, "渝中府发〔2024〕3号", D(2024, 3, 1), 1, kind="other", genre="决定")
    for n in range(2, 8):
        _doc(finance, f"渝中区财政局关于第{n}批政府采购意向的公告", "", D(2024, n, 10), n, kind="other")
    Effect.objects.create(source=decision, target=bills, kind="repeals", on=D(2024, 3, 1))
    index_documents(Document.objects.all())
    return finance


def _shot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"column-{name}.png"), full_page=True)


def _fits(page: Page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} is {overflow}px wider than the screen"


def _search(page: Page, **fields) -> None:
    page.locator("#f-q").fill(fields.pop("q", ""))
    filters = page.locator("details.filter-more")
    if fields and not filters.evaluate("d => d.open"):  # closed on a phone: open them as a visitor does
        filters.locator("summary").click()
    for name, value in fields.items():
        page.locator(f"#f-{name}").select_option(value)
    # With filters chosen, the button under them; with words only, the one beside the search box.
    button = "details.filter-more .field-submit" if fields else ".search-row"
    page.locator(f"form.column-filters {button} button[type=submit]").click()


def _journey(page: Page, base: str, finance, size: str) -> None:
    page.goto(f"{base}/gk/{finance.code}/")
    expect(page.locator("h1")).to_have_text("渝中区财政局政府信息公开")
    _fits(page)
    _shot(page, f"{size}-home")
    page.get_by_role("navigation", name="政府信息公开").get_by_role("link", name="政府信息公开目录").click()

    # A two-character word
    _search(page, q="预算")
    results = page.locator("ol.results a.result-title")
    expect(results).to_have_text([BUDGET])
    expect(page.locator("ol.results mark").first).to_have_text("预算")
    _fits(page)
    _shot(page, f"{size}-found-by-word")

    # The 文号 typed with square brackets
    _search(page, q="渝中财规[2023]1号")
    expect(results).to_have_text([BUDGET])

    # Issuer + year: the repealed one of 2022
    _search(page, q="", issuer=str(finance.pk), year="2022")
    expect(results).to_have_text([BILLS])
    expect(page.locator("ol.results .badge")).to_have_text(["已废止"])
    results.first.click()
    banner = page.locator(".banner")
    expect(banner).to_contain_text("本文件已于2024年3月1日废止，依据：渝中府发〔2024〕3号。")
    _fits(page)
    _shot(page, f"{size}-repealed")
    banner.get_by_role("link").click()
    expect(page.locator("h1")).to_have_text(DECISION)

    # The policy in force, its attachment downloaded
    page.goto(f"{base}/gk/{finance.code}/documents/2023-00001/")
    expect(page.locator("table.doc-meta")).to_contain_text("渝中财规〔2023〕1号")
    expect(page.locator(".validity-panel")).to_contain_text("现行有效")
    _fits(page)
    _shot(page, f"{size}-document")
    with page.expect_download() as caught:
        page.get_by_role("link", name="附件1 部门预算公开表.pdf").click()
    assert Path(caught.value.path()).read_bytes() == b"%PDF-1.4 annex"


def test_a_visitor_finds_opens_and_downloads_a_policy_on_a_phone(live_server, column, phone):
    _journey(phone, live_server.url, column, "phone")


def test_a_visitor_finds_opens_and_downloads_a_policy_on_a_desktop(live_server, column, desk):
    _journey(desk, live_server.url, column, "desktop")


def _focused(page: Page) -> str:
    return page.evaluate("(document.activeElement.innerText || document.activeElement.id || '').trim()")


def _tab_to(page: Page, text: str, limit: int = 40) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if _focused(page) == text:
            outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
            assert outline != "none", f"{text} has no visible focus"
            return
    raise AssertionError(f"{text} is not reachable with Tab")


def test_the_column_can_be_used_with_the_keyboard_only(live_server, column, desk):
    page = desk
    page.goto(f"{live_server.url}/gk/{column.code}/")
    page.keyboard.press("Tab")
    assert _focused(page) == "跳到正文"
    expect(page.locator("a.skip")).to_be_in_viewport()
    _shot(page, "keyboard-skip-link")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    _tab_to(page, "政府信息公开目录")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("渝中区财政局政府信息公开目录")
    _tab_to(page, "f-q")
    page.keyboard.type("票据")
    page.keyboard.press("Enter")
    expect(page.locator("ol.results a.result-title")).to_have_text([BILLS])
    _tab_to(page, BILLS)
    _shot(page, "keyboard-result-focused")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text(BILLS)


def test_the_elder_friendly_view_enlarges_the_text_and_stays_on_the_next_page(live_server, column, phone):
    page = phone
    page.goto(f"{live_server.url}/gk/{column.code}/documents/2023-00001/")
    before = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.locator("[data-care-switch]").click()
    expect(page.locator("html")).to_have_class("care")
    after = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert before == 18 and after == 22
    _fits(page)
    _shot(page, "phone-elder-view")
    page.goto(f"{live_server.url}/gk/{column.code}/")
    expect(page.locator("html")).to_have_class("care")  # the server read the cookie
    expect(page.locator("[data-care-switch]")).to_have_text("标准模式")


def test_a_page_at_200_percent_zoom_of_a_desktop_still_fits(live_server, column, desk):
    """Zoomed to 200 %, a 1280-pixel window lays the page out in 640 CSS pixels."""
    desk.set_viewport_size({"width": 640, "height": 450})
    for path in ("", "documents/", "documents/2023-00001/", "guide/"):
        desk.goto(f"{live_server.url}/gk/{column.code}/{path}")
        _fits(desk)
        _shot(desk, f"zoom-200-{path.strip('/').replace('/', '-') or 'home'}")


def test_the_column_pages_and_the_switch_break_no_content_security_rule(live_server, column, phone):
    from tests.browser.test_content_security_policy import violations, watched

    console = watched(phone)
    for path in (
        "",
        "documents/?q=预算",
        "documents/2023-00001/",
        "guide/",
        "rules/",
        "catalogue/",
        "reports/",
        "apply/",
    ):
        phone.goto(f"{live_server.url}/gk/{column.code}/{path}")
        assert violations(phone, console) == [], path
    phone.locator("[data-care-switch]").click()
    expect(phone.locator("html")).to_have_class("care")
    assert violations(phone, console) == []
