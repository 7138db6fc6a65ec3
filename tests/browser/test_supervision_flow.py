"""Supervision in the browser: 赵六, the city's 政务公开办, issues a task to a district department; 李四 of the
department submits evidence with a file; 赵六 accepts it and the task is closed (销号). Then a catalogue
item of the department past its 时限 raises a task by itself when the standing rules run. The public
complains on a phone and looks the complaint up by its code.

Screenshots go to $GONGKAI_SCREENSHOTS (a temporary folder by default)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from gongkai_web.accounts.models import Role
from gongkai_web.supervision.models import Complaint, Task
from tests.web.fixtures import make_agency, make_user

from .test_library_flow import log_in

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(os.environ.get("GONGKAI_SCREENSHOTS") or tempfile.mkdtemp(prefix="gongkai-shots-"))


@pytest.fixture
def city(transactional_db):
    city = make_agency("重庆市人民政府", level="city", kind="city_government")
    district = make_agency("渝中区人民政府", parent=city, kind="county_government")
    department = make_agency("渝中区财政局", parent=district)
    make_user("zhaoliu", city, Role.SUPERVISOR)
    make_user("lisi", department, Role.HANDLER)
    return city, department


def shot(page, name: str) -> None:
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_the_city_office_issues_the_department_submits_and_the_office_closes_the_task(
    desk, phone, live_server, city, tmp_path
):
    office, department = city
    base = live_server.url
    year = timezone.localdate().year
    log_in(desk, base, "zhaoliu")
    desk.goto(f"{base}/staff/supervision/plans/")
    desk.get_by_label("清单名称").fill(f"{year}年政务公开工作要点任务清单")
    desk.get_by_label("年度").fill(str(year))
    desk.get_by_label("下达单位").select_option(label="重庆市人民政府")
    desk.get_by_role("button", name="创建").click()
    expect(desk.locator("h1")).to_have_text(f"{year}年政务公开工作要点任务清单")
    desk.get_by_label("责任单位").select_option(label="渝中区财政局")
    desk.locator("#id_title").fill("更新政府信息公开指南")
    desk.get_by_label("责任人").fill("办公室主任")
    desk.get_by_label("完成时限").fill(f"{year}-12-31")
    desk.get_by_label("佐证材料要求").fill("更新后的指南页面截图")
    desk.get_by_role("button", name="下达", exact=True).click()
    expect(desk.locator("p.msg.success")).to_contain_text("已向渝中区财政局下达任务")
    shot(desk, "supervision-plan-desktop")
    task = Task.objects.get()

    log_in(phone, base, "lisi")
    phone.goto(f"{base}/staff/supervision/tasks/{task.pk}/")
    evidence = tmp_path / "指南截图.pdf"
    evidence.write_bytes(b"%PDF-1.4 screenshot of the guide")
    phone.get_by_label("完成情况").fill("已按条例第十二条更新指南并发布")
    phone.get_by_label("佐证文件（可不上传）").set_input_files(str(evidence))
    shot(phone, "supervision-evidence-phone")
    phone.get_by_role("button", name="提交", exact=True).click()
    expect(phone.locator("p.msg.success")).to_contain_text("佐证材料已提交")

    log_in(desk, base, "zhaoliu")
    desk.goto(f"{base}/staff/supervision/tasks/{task.pk}/")
    expect(desk.get_by_role("link", name="指南截图.pdf")).to_be_visible()
    desk.get_by_role("button", name="验收通过并销号").click()
    expect(desk.locator("p.msg.success")).to_contain_text("任务已销号")
    shot(desk, "supervision-task-closed-desktop")
    task.refresh_from_db()
    assert task.status == "closed"


def test_an_overdue_catalogue_item_raises_a_task_by_itself(desk, phone, live_server, city):
    import datetime as dt

    from django.contrib.auth.models import User

    from gongkai_web.publications.services import catalogue

    office, department = city
    base = live_server.url
    lisi = User.objects.get(username="lisi")
    catalogue.add_catalogue_item(
        department,
        category="财政信息",
        subcategory="预算执行情况",
        elements="预算执行情况",
        basis="《中华人民共和国预算法》第十四条",
        responsible_unit="预算科",
        owner=lisi,
        channels=["website"],
        periodicity="quarterly",
        since=dt.date(timezone.localdate().year - 1, 1, 1),
        actor=lisi,
    )
    log_in(desk, base, "zhaoliu")
    desk.goto(f"{base}/staff/supervision/rules/")
    desk.get_by_role("button", name="立即运行规则").click()
    expect(desk.locator("p.msg.success")).to_contain_text("新发现")
    section = desk.locator("#rule-catalogue_overdue + p + table")
    expect(section).to_contain_text("渝中区财政局")
    shot(desk, "supervision-rules-desktop")
    task = Task.objects.get(rule="catalogue_overdue")
    assert (task.agency, task.plan.office) == (department, office)
    desk.goto(f"{base}/staff/supervision/")
    expect(desk.locator("main")).to_contain_text("渝中区人民政府")
    shot(desk, "supervision-index-desktop")
    log_in(phone, base, "zhaoliu")
    phone.goto(f"{base}/staff/supervision/")
    shot(phone, "supervision-index-phone")


def test_the_public_complains_on_a_phone_and_looks_it_up_by_code(phone, live_server, city):
    office, department = city
    base = live_server.url
    phone.goto(f"{base}/supervision/complain/")
    phone.get_by_label("被投诉、举报的机关").select_option(label="渝中区财政局")
    phone.get_by_label("投诉、举报的事项").fill("该局主动公开栏目半年未更新预算执行情况")
    phone.get_by_label("接收答复的电话或电子邮箱").fill("13812345678")
    shot(phone, "supervision-complain-phone")
    phone.get_by_role("button", name="提交", exact=True).click()
    found = Complaint.objects.get()
    expect(phone.locator("main")).to_contain_text(found.code)
    expect(phone.locator("main")).to_contain_text("重庆市人民政府")
    shot(phone, "supervision-complaint-status-phone")


def test_the_office_evaluates_and_the_department_contests_a_score(desk, phone, live_server, city):
    office, department = city
    base = live_server.url
    log_in(desk, base, "zhaoliu")
    desk.goto(f"{base}/staff/supervision/evaluations/")
    desk.get_by_label("政务公开主管部门").select_option(label="重庆市人民政府")
    desk.get_by_role("button", name="创建").click()
    desk.get_by_role("button", name="评估下级机关").click()
    desk.get_by_role("link", name="渝中区财政局").click()
    section = desk.locator("section", has_text="B1 政府信息公开专栏规范性")
    section.get_by_label("得分率（占权重的百分比）").fill("60")
    section.get_by_label("佐证").fill("专栏缺少政策解读栏目（截图）")
    section.get_by_role("button", name="记录评分").click()
    expect(desk.locator("main")).to_contain_text("60.0%")
    shot(desk, "supervision-evaluation-desktop")
    url = desk.url
    log_in(phone, base, "lisi")
    phone.goto(url)
    b1 = phone.locator("section", has_text="B1 政府信息公开专栏规范性")
    b1.locator("summary").click()
    b1.locator("textarea[name=reason]").fill("栏目已于12月补齐")
    b1.get_by_role("button", name="提出申辩").click()
    expect(phone.locator("main")).to_contain_text("申辩：栏目已于12月补齐")
    shot(phone, "supervision-evaluation-phone")
