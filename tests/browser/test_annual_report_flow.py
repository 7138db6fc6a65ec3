"""The annual report as an office does it, in the browser: 赵六 of the city's 政务公开办 drafts the city's
2023 report from the records, a wrong figure typed into 一、总体情况 makes validation block publication,
the approver 孙八 is refused, sends it back, and publishes once it is fixed; a correction makes version 2
with its reason and diff; the public sees both in the city's 年报 column. Screenshots (desktop and
390 px) go to ``$GONGKAI_SHOTS`` when it is set."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from django.db import connection
from playwright.sync_api import Page, expect

from gongkai_web.accounts.models import Role
from gongkai_web.reports.models import ReportVersion
from tests.web.fixtures import PASSWORD, make_agency, make_user
from tests.web.test_table3 import record

pytestmark = pytest.mark.browser
D = dt.date


def _trigger_sql():
    import importlib

    return importlib.import_module("gongkai_web.reports.migrations.0002_published_versions_immutable")


@pytest.fixture
def city(transactional_db):
    government = make_agency("重庆市人民政府", level="city", kind="city_government")
    finance = make_agency("重庆市财政局", parent=government, level="city", kind="city_department")
    make_user("zhaoliu", government, Role.SUPERVISOR)
    approver = make_user("sunba", government, Role.APPROVER)
    approver.first_name = "孙八"
    approver.save()
    record(finance, received=D(2022, 12, 20), concluded=D(2023, 1, 10), outcome="granted")  # carried over
    record(finance, received=D(2023, 3, 1), concluded=D(2023, 3, 20), outcome="granted")
    record(finance, received=D(2023, 4, 3), concluded=D(2023, 4, 25), outcome="partly_granted")
    record(government, received=D(2023, 12, 28))  # open on 31 December
    yield government
    # The published versions cannot be deleted (the trigger): lift it to let the test database be flushed.
    module = _trigger_sql()
    with connection.cursor() as cursor:
        for sql in module.SQLITE_REVERSE if connection.vendor == "sqlite" else module.POSTGRESQL_REVERSE:
            cursor.execute(sql)
        cursor.execute("DELETE FROM reports_reportversion")
        for sql in module.SQLITE if connection.vendor == "sqlite" else module.POSTGRESQL:
            cursor.execute(sql)


def _shot(page: Page, name: str, selector: str = "main") -> None:
    if folder := os.environ.get("GONGKAI_SHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.locator(selector).first.screenshot(path=str(Path(folder) / f"{name}.png"))


def _log_in(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()


def _general(page: Page) -> str:
    return page.locator("#id_general").input_value()


def test_the_office_drafts_the_approver_publishes_after_the_fix_and_a_correction_is_version_two(
    live_server, city, desk, phone
):
    url, code = live_server.url, city.code
    _log_in(desk, url, "zhaoliu")
    desk.goto(f"{url}/staff/reports/records/")
    desk.locator("#id_agency").select_option(label="重庆市人民政府")
    desk.locator("#id_year").fill("2023")
    desk.get_by_role("button", name="起草").click()
    expect(desk.locator("h1")).to_have_text("重庆市人民政府2023年政府信息公开工作年度报告")
    expect(desk.locator("#state")).to_have_text("草稿")
    # Drafted from the records: 3 received in 2023, 3 concluded including 1 carried over, 1 carried forward.
    drafted = _general(desk)
    assert "2023年，全市共收到政府信息公开申请3件。" in drafted
    assert "全市共办结政府信息公开申请3件（含上年度结转1件），其中予以公开及部分公开3件。" in drafted
    # Each figure of table 3 links to its records.
    expect(desk.locator('td[data-address="requests.new.total"] a')).to_have_text("3")
    _shot(desk, "report-1-draft-desk")

    # An error typed into the narrative: 30 instead of 3.
    desk.locator("#id_general").fill(drafted.replace("申请3件。", "申请30件。", 1))
    desk.get_by_role("button", name="保存文字部分").click()
    desk.get_by_role("button", name="校验", exact=True).click()
    expect(desk.locator(".findings")).to_contain_text("〔I6〕正文称「收到申请」30 件")
    expect(desk.locator("#checks")).to_be_visible()
    desk.get_by_role("button", name="提交审核").click()
    expect(desk.locator("#state")).to_have_text("审核中")
    _shot(desk, "report-2-blocked-desk")

    _log_in(phone, url, "sunba")
    phone.goto(desk.url)
    phone.get_by_role("button", name="审核通过并发布").click()
    expect(phone.get_by_role("status").first).to_contain_text("报告有1项核查未通过（I6）")
    expect(phone.locator("#state")).to_have_text("审核中")
    assert not ReportVersion.objects.exists()
    _shot(phone, "report-3-refused-phone")
    phone.get_by_role("button", name="退回修改").click()
    expect(phone.locator("#state")).to_have_text("草稿")

    desk.reload()
    desk.locator("#id_general").fill(_general(desk).replace("申请30件。", "申请3件。", 1))
    desk.get_by_role("button", name="保存文字部分").click()
    desk.get_by_role("button", name="校验", exact=True).click()
    expect(desk.get_by_text("年度报告格式的全部勾稽关系均成立。")).to_be_visible()
    desk.get_by_role("button", name="提交审核").click()

    phone.reload()
    phone.get_by_role("button", name="审核通过并发布").click()
    expect(phone.locator("#state")).to_have_text("已发布")
    _shot(phone, "report-4-published-phone")

    # The correction: section 五 was left empty; the office writes it, the approver publishes version 2.
    desk.reload()
    desk.locator("#id_problems").fill("依申请公开答复的规范性有待提高。下一步将加强培训。")
    desk.get_by_role("button", name="保存文字部分").click()
    expect(desk.get_by_text("工作稿与已发布版本不同")).to_be_visible()
    phone.reload()
    phone.locator("#id_reason").fill("补充第五部分存在的主要问题及改进情况")
    phone.get_by_role("button", name="发布更正").click()
    expect(phone.locator("#state")).to_have_text("已更正")
    expect(phone.locator("#v2")).to_contain_text("补充第五部分存在的主要问题及改进情况")
    expect(phone.locator("#v2 ins")).to_have_text("依申请公开答复的规范性有待提高。下一步将加强培训。")
    _shot(phone, "report-5-versions-phone", "section:has(#versions)")
    _shot(desk, "report-5-record-desk")

    # The public: both versions in the 年报 column, version 2 marked latest with its reason and diff.
    public = desk.context.browser.new_context(
        viewport={"width": 390, "height": 844}, locale="zh-CN"
    ).new_page()
    public.goto(f"{url}/gk/{code}/reports/")
    items = public.locator("ul.versions li")
    expect(items).to_have_count(2)
    expect(items.first).to_contain_text("第2版，已更正")
    expect(items.first).to_contain_text("最新")
    expect(items.first).to_contain_text("补充第五部分存在的主要问题及改进情况")
    _shot(public, "report-6-column-phone")
    items.first.get_by_role("link").click()
    expect(public.locator("#changes")).to_contain_text("与第1版相比的更改")
    expect(public.locator(".diff ins")).to_have_text("依申请公开答复的规范性有待提高。下一步将加强培训。")
    expect(public.locator('td[data-address="requests.new.total"]')).to_have_text("3")
    _shot(public, "report-7-version2-phone")
    public.get_by_role("link", name="第 1 版").click()
    expect(public.get_by_role("link", name="查看最新版本")).to_be_visible()
    expect(public.locator("#changes")).to_have_count(0)
    with public.expect_download() as download:
        public.get_by_role("link", name="PDF").click()
    assert download.value.suggested_filename.endswith("2023年政府信息公开工作年度报告（第1版）.pdf")
    desk.goto(f"{url}/gk/{code}/reports/2023/")
    _shot(desk, "report-8-public-desk")
    public.context.close()
