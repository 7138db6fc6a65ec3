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
