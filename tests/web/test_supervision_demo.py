"""The demo's supervision (``load_demo``): the city office's task list in every state, complaints, and
the standing rules run over the demo's records."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

from gongkai_web.supervision import queries
from gongkai_web.supervision.models import Complaint, Finding, Task

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
