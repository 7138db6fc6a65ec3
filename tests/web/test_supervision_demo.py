"""The demo's supervision (``load_demo``): the city office's task list in every state, 江北区's office
and its own list, complaints routed to the nearest office, and the standing rules run over the demo's
records."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from gongkai_web.agencies.models import Agency
from gongkai_web.supervision import queries
from gongkai_web.supervision.models import Complaint, Finding, Plan, Task

pytestmark = pytest.mark.django_db


def test_the_demo_has_tasks_in_every_state_complaints_and_findings_of_the_rules(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    plan_tasks = Task.objects.filter(plan__standing=False)
    states = {r.task.title: r.state for r in queries.task_rows(plan_tasks, timezone.localdate())}
    assert states["公开保障性住房分配结果"] == "overdue"
    assert states["政策文件与解读同步发布"] == "closed"
    assert Task.objects.get(title="公开上年度部门决算").status == "submitted"
    assert sorted(Complaint.objects.values_list("status", flat=True)) == ["received", "replied"]
    assert Finding.objects.exists()
    client.force_login(User.objects.get(username="zhaoliu"))
    page = client.get("/staff/supervision/").content.decode()
    assert "公开保障性住房分配结果" in page
    assert "江北区人民政府" in page  # the tree under the city office


def test_the_demo_has_the_city_offices_training_of_the_year_on_the_training_page(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    client.force_login(User.objects.get(username="zhaoliu"))
    page = client.get("/staff/supervision/training/").content.decode()
    for title in (
        "政府信息公开条例及依申请公开答复规范专题培训",
        "基层政务公开标准化规范化工作推进会",
        "政策解读与主动公开事项目录编制培训",
        "政府信息公开工作年度报告编制与勾稽校验培训",
    ):
        assert title in page
    # 86 + 54 + 41 + 37 attendees in four sessions.
    assert f"{timezone.localdate().year} 年：共举办培训 4 次，参训 218 人次" in page
    client.force_login(User.objects.get(username="lisi"))
    bureau = client.get("/staff/supervision/training/").content.decode()  # 市财政局 attended three
    assert "基层政务公开标准化规范化工作推进会" not in bureau
    assert "共举办培训 3 次" in bureau


def test_the_demo_evaluator_lands_on_the_evaluations_and_is_refused_the_staff_pages(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    response = client.post("/accounts/login/", {"username": "zhoujiu", "password": "gongkai-demo"})
    assert response.status_code == 302 and response["Location"] == "/staff/supervision/evaluations/"
    assert client.get("/staff/supervision/evaluations/").status_code == 200
    assert client.get("/staff/applications/").status_code == 404
    assert client.get("/staff/supervision/complaints/").status_code == 404


def test_the_demo_district_office_supervises_its_district_and_the_city_office_still_sees_everything(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    jiangbei = Agency.objects.get(code="jb")
    # 吴十 logs in like every demo account and works in 江北区's 政务公开办.
    response = client.post("/accounts/login/", {"username": "wushi", "password": "gongkai-demo"})
    assert response.status_code == 302
    assert User.objects.get(username="wushi").first_name == "吴十"
    # The complaint about 王五's 住建委 goes to the district office; the one about a 渝中区 street office
    # (渝中区 has no office of its own in the demo) to the city office.
    offices = dict(Complaint.objects.values_list("agency__code", "office__code"))
    assert offices == {"jb-zjw": "jb", "yz-jfb": "cq"}
    complaints = client.get("/staff/supervision/complaints/").content.decode()
    assert "江北区住房和城乡建设委员会" in complaints
    assert "渝中区解放碑街道办事处" not in complaints
    # Overdue and at risk: the city's overdue task to 住建委, not the 渝中区 教委's task due in 3 days.
    index = client.get("/staff/supervision/").content.decode()
    assert "公开保障性住房分配结果" in index
    assert "完善教育领域基层政务公开标准目录" not in index
    # Its own list: one task to 住建委, evidence in, waiting for its acceptance.
    plan = Plan.objects.get(office=jiangbei, standing=False)
    assert plan.name == f"{timezone.localdate().year}年江北区政务公开重点工作任务清单"
    task = plan.tasks.get()
    assert (task.agency.code, task.title, task.status) == ("jb-zjw", "老旧小区改造项目信息公开", "submitted")
    assert "老旧小区改造" in client.get(f"/staff/supervision/plans/{plan.pk}/").content.decode()
    assert "验收通过并销号" in client.get(f"/staff/supervision/tasks/{task.pk}/").content.decode()
    # The list of plans counts, in the city's plan, only the two tasks of its district (one overdue,
    # one closed), not the 渝中区 教委's task at risk nor the 财政局's.
    city_plan = Plan.objects.get(office__code="cq", standing=False)
    counted = dict(client.get("/staff/supervision/plans/").context["rows"])
    assert (counted[city_plan]["overdue"], counted[city_plan]["at_risk"], counted[city_plan]["closed"]) == (
        1,
        0,
        1,
    )
    assert sum(counted[city_plan].values()) == 2
    # Another district's task and the complaint about it are not found.
    other = Task.objects.get(title="完善教育领域基层政务公开标准目录")
    assert client.get(f"/staff/supervision/tasks/{other.pk}/").status_code == 404
    elsewhere = Complaint.objects.get(agency__code="yz-jfb")
    assert client.get(f"/staff/supervision/complaints/{elsewhere.pk}/").status_code == 404
    # The city office reads all of it: both complaints, both districts' tasks, and the district's plan.
    client.force_login(User.objects.get(username="zhaoliu"))
    complaints = client.get("/staff/supervision/complaints/").content.decode()
    assert "江北区住房和城乡建设委员会" in complaints and "渝中区解放碑街道办事处" in complaints
    index = client.get("/staff/supervision/").content.decode()
    assert "公开保障性住房分配结果" in index and "完善教育领域基层政务公开标准目录" in index
    assert client.get(f"/staff/supervision/tasks/{task.pk}/").status_code == 200
    assert "老旧小区改造" in client.get(f"/staff/supervision/plans/{plan.pk}/").content.decode()
    assert sum(dict(client.get("/staff/supervision/plans/").context["rows"])[city_plan].values()) == 5
