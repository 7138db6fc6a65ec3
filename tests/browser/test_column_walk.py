"""A citizen walks the public column on a 390-pixel phone: the portal's home page → the agency's
政府信息公开 column → 法定主动公开内容 → a document listed under its matter → its 相关解读 → back to the
matter; the search page with filters chosen keeps the results in view (the filters folded into one line
saying how many are chosen), while a 1280-pixel desktop shows them open; the 适老化 switch.

Screenshots go to $GONGKAI_SCREENSHOTS (a temporary folder by default); docs/screenshots/ keeps copies."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from gongkai_web.accounts.models import Role
from gongkai_web.publications.catalogue_models import CatalogueItem, CatalogueLink
from gongkai_web.publications.models import Document, Interpretation
from tests.browser.test_public_column import BUDGET, _fits, _shot, column  # noqa: F401 (the fixture)
from tests.web.fixtures import make_user

pytestmark = pytest.mark.browser
INTERPRETATION = "一图读懂：部门预算公开"


@pytest.fixture
def walk(column):  # noqa: F811 (the fixture imported above)
    budget = Document.objects.get(title=BUDGET)
    owner = make_user("lisi", column, Role.HANDLER)
    item = CatalogueItem.objects.create(
        agency=column,
        category="财政预决算",
        subcategory="部门预算",
        elements="部门预算报表及说明",
        basis="《中华人民共和国预算法》第十四条",
        responsible_unit="预算科",
        owner=owner,
        channels=["website"],
        level="county",
        since=dt.date(2023, 1, 1),
    )
    CatalogueLink.objects.create(item=item, document=budget, linked_by=owner, linked_at=timezone.now())
    moment = dt.datetime(2023, 3, 17, 10, tzinfo=dt.UTC)
    Interpretation.objects.create(
        document=budget,
        title=INTERPRETATION,
        form="graphic",
        body="一、公开什么：部门预算收支总表等九张表。二、何时公开：批复后20日内。",
        drafted_at=moment,
        signed_at=moment,
        published_on=budget.published_on,
    )
    return column


def test_on_a_phone_the_filters_fold_into_one_line_and_the_results_stay_in_view(live_server, walk, phone):
    page = phone
    page.goto(f"{live_server.url}/gk/{walk.code}/documents/?topic=财政、金融、审计&year=2023")
    filters = page.locator("details.filter-more")
    expect(filters.locator("summary")).to_have_text("筛选条件（已选2项）")
    assert not filters.evaluate("d => d.open")
    expect(page.locator("#f-topic")).to_be_hidden()
    _shot(page, "phone-search-filters-folded")
    expect(page.locator("ol.results a.result-title").first).to_be_in_viewport()
    _fits(page)
    filters.locator("summary").click()  # one tap shows them, with what was chosen
    expect(page.locator("#f-topic")).to_have_value("财政、金融、审计")
    _shot(page, "phone-search-filters-open")
    page.goto(f"{live_server.url}/gk/{walk.code}/documents/")
    expect(page.locator("details.filter-more summary")).to_have_text("筛选条件（未选）")


def test_on_a_desktop_the_filters_are_open_beside_each_other(live_server, walk, desk):
    page = desk
    page.goto(f"{live_server.url}/gk/{walk.code}/documents/?topic=财政、金融、审计&year=2023")
    filters = page.locator("details.filter-more")
    assert filters.evaluate("d => d.open")
    expect(page.locator("#f-topic")).to_be_visible()
    topic, year = (page.locator(f"#f-{n}").bounding_box() for n in ("year", "topic"))
    assert topic and year and abs(topic["y"] - year["y"]) < 2  # in one row
    expect(page.locator("ol.results a.result-title").first).to_be_in_viewport()
    _shot(page, "desktop-search-filters-open")


def test_a_citizen_walks_from_the_home_page_to_a_document_s_interpretation_and_back(live_server, walk, phone):
    page = phone
    page.goto(f"{live_server.url}/")
    _shot(page, "phone-walk-home")
    page.get_by_role("link", name=f"{walk.name} 政府信息公开", exact=True).click()
    expect(page.locator("h1")).to_have_text("渝中区财政局政府信息公开")
    _fits(page)
    page.locator(".column-tiles").get_by_role("link", name="法定主动公开内容").click()
    expect(page.locator("h1")).to_have_text("法定主动公开内容")
    item = page.locator("section.catalogue-item")
    expect(item.locator("h2")).to_have_text("财政预决算 · 部门预算")
    _fits(page)
    _shot(page, "phone-walk-statutory")
    item.get_by_role("link", name=BUDGET).click()
    expect(page.locator("h1")).to_have_text(BUDGET)
    interpretations = page.locator("section[aria-labelledby=interpretations-title]")
    expect(interpretations.locator("h2")).to_have_text("相关解读")
    expect(interpretations.locator("h3")).to_have_text(INTERPRETATION)
    expect(interpretations).to_contain_text("批复后20日内")
    interpretations.scroll_into_view_if_needed()
    _fits(page)
    _shot(page, "phone-walk-document")
    page.go_back()
    expect(page.locator("h1")).to_have_text("法定主动公开内容")
    page.locator("[data-care-switch]").click()
    expect(page.locator("html")).to_have_class("care")
    _fits(page)
    _shot(page, "phone-walk-statutory-elder")


def _tab_until(page: Page, selector: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def test_the_filters_open_and_close_from_the_keyboard(live_server, walk, desk):
    page = desk
    page.set_viewport_size({"width": 640, "height": 900})  # a desktop at 200 %: folded, as on a phone
    page.goto(f"{live_server.url}/gk/{walk.code}/documents/")
    _tab_until(page, "details.filter-more summary")
    page.keyboard.press("Enter")
    assert page.locator("details.filter-more").evaluate("d => d.open")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "f-issuer"
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    assert not page.locator("details.filter-more").evaluate("d => d.open")


def test_a_withdrawn_document_s_old_address_says_so_in_plain_chinese(live_server, walk, phone):
    Document.objects.filter(title=BUDGET).update(withdrawn_on=dt.date(2024, 1, 5), withdrawal_reason="保密")
    response = phone.goto(f"{live_server.url}/gk/{walk.code}/documents/2023-00001/")
    assert response is not None and response.status == 410
    expect(phone.locator("h1")).to_have_text("本文件已停止公开")
    expect(phone.locator("main")).to_contain_text("渝中区财政局已于2024-01-05停止公开本文件")
    expect(phone.locator("main")).not_to_contain_text(BUDGET)
    _fits(phone)
    _shot(phone, "phone-withdrawn-410")
    phone.get_by_role("link", name="依申请公开").last.click()
    expect(phone.locator("h1")).to_contain_text("依申请公开")
