"""Task lists (清单制 + 责任制 + 销号制): the office issues, the agency submits evidence, the office accepts
(销号) or returns it; overdue and at-risk up the tree; the daily reminder. Personas: supervision_world."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from gongkai_web.applications.uploads import check_upload
from gongkai_web.audit.models import AuditEntry
from gongkai_web.supervision import queries, services
from gongkai_web.supervision.errors import SupervisionError
from gongkai_web.supervision.models import Plan, Task

from .fixtures import clock_at, make_agency
from .supervision_world import CLOCK, TODAY, D, plan, task

pytestmark = pytest.mark.django_db


def login(client, user):
    client.force_login(user)


def pdf(name="截图.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 evidence", content_type="application/pdf")


def test_a_task_is_closed_only_after_evidence_and_the_office_s_acceptance(world):
    t = task(world)
    with pytest.raises(SupervisionError) as refused:
        services.accept_task(t, actor=world.zhaoliu, clock=CLOCK)
    assert refused.value.code == "supervision.wrong_state"
    assert "不能" in refused.value.message or "无法" in refused.value.message
    services.submit_evidence(
        t, text="已更新指南", files=[check_upload(pdf(), "evidence")], actor=world.lisi, clock=CLOCK
    )
    services.accept_task(t, actor=world.zhaoliu, clock=clock_at(D(2023, 5, 8)))
    t.refresh_from_db()
    assert (t.status, t.closed_on) == ("closed", D(2023, 5, 8))
    actions = list(
        AuditEntry.objects.filter(object_type="supervision.task")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == ["supervision.task_issued", "supervision.evidence_submitted", "supervision.task_closed"]


def test_returned_evidence_needs_a_reason_and_can_be_submitted_again(world):
    t = task(world)
    services.submit_evidence(t, text="已更新", actor=world.lisi, clock=CLOCK)
    with pytest.raises(SupervisionError) as refused:
        services.return_task(t, reason="  ", actor=world.zhaoliu, clock=CLOCK)
    assert refused.value.code == "supervision.return_reason_missing"
    t.refresh_from_db()
    assert t.status == "submitted"
    services.return_task(t, reason="缺少截图", actor=world.zhaoliu, clock=CLOCK)
    services.submit_evidence(t, text="补充截图", actor=world.lisi, clock=CLOCK)
    assert Task.objects.get(pk=t.pk).status == "submitted"


def test_the_office_gives_no_task_to_an_agency_outside_its_tree(world):
    with pytest.raises(SupervisionError) as refused:
        task(world, agency=world.b)
    assert refused.value.code == "supervision.agency_outside_office"
    assert "江北区教育委员会" in refused.value.message
    assert not Task.objects.exists()


def test_overdue_and_at_risk_by_working_days_and_up_the_tree(world):
    """4 May 2023: due 3 May is overdue; due 10 May (5 working days: 5, 6 Sat, 8, 9, 10) at risk unless
    evidence is in; due 11 May on track."""
    the_plan = plan(world)
    township = make_agency("渝中区解放碑街道办事处", parent=world.a)  # below A: counted under A
    late = task(world, the_plan, due_on=D(2023, 5, 3))
    risky = task(world, the_plan, due_on=D(2023, 5, 10))
    fine = task(world, the_plan, due_on=D(2023, 5, 11))
    in_ = task(world, the_plan, due_on=D(2023, 5, 10), agency=township)
    services.submit_evidence(in_, text="已完成", actor=None, clock=CLOCK)
    states = {r.task.pk: r.state for r in queries.task_rows(Task.objects.all(), TODAY)}
    assert states == {late.pk: "overdue", risky.pk: "at_risk", fine.pk: "on_track", in_.pk: "on_track"}
    tallies = queries.tree_tallies(world.district, Task.objects.all(), TODAY)
    assert [(t.agency.name, t.counts["overdue"], t.counts["at_risk"], t.total) for t in tallies] == [
        ("渝中区财政局", 1, 1, 4)
    ]


def test_the_office_issues_the_agency_submits_with_a_file_and_the_office_closes_through_the_pages(
    client, world
):
    the_plan = plan(world)
    login(client, world.zhaoliu)
    r = client.post(
        f"/staff/supervision/plans/{the_plan.pk}/",
        {
            "agency": world.a.pk,
            "title": "公开部门预算",
            "owner": "预算科科长",
            "due_on": "2023-06-30",
            "measure": "",
            "evidence_required": "公开页面链接",
        },
    )
    assert r.status_code == 302
    t = Task.objects.get()
    login(client, world.lisi)
    page = client.get(f"/staff/supervision/tasks/{t.pk}/")
    assert "提交佐证材料" in page.content.decode()
    r = client.post(f"/staff/supervision/tasks/{t.pk}/evidence/", {"text": "已公开", "files": [pdf()]})
    assert r.status_code == 302
    file_pk = t.evidence.get().files.get().pk
    assert client.get(f"/staff/supervision/evidence/{file_pk}/").status_code == 200
    assert (
        client.post(f"/staff/supervision/tasks/{t.pk}/accept/").status_code == 404
    )  # the agency does not close
    login(client, world.zhaoliu)
    assert client.post(f"/staff/supervision/tasks/{t.pk}/accept/").status_code == 302
    t.refresh_from_db()
    assert t.status == "closed"
    client.force_login(world.wangwu)
    assert client.get(f"/staff/supervision/tasks/{t.pk}/").status_code == 404


def test_evidence_of_the_wrong_type_is_refused_in_chinese_and_nothing_is_stored(client, world):
    t = task(world)
    login(client, world.lisi)
    fake = SimpleUploadedFile("截图.pdf", b"MZ not a pdf", content_type="application/pdf")
    r = client.post(f"/staff/supervision/tasks/{t.pk}/evidence/", {"text": "已公开", "files": [fake]})
    assert r.status_code == 400
    assert "不符" in r.content.decode()
    assert not t.evidence.exists()
    assert Task.objects.get(pk=t.pk).status == "issued"


def test_the_daily_reminder_goes_once_a_day_to_the_agency_s_staff_and_the_office(world):
    for user, email in ((world.lisi, "lisi@example.com"), (world.zhaoliu, "zhaoliu@example.com")):
        user.email = email
        user.save()
    task(world, due_on=D(2023, 5, 3), title="公开部门决算")
    out = io.StringIO()
    call_command("send_supervision_reminders", "--on", "2023-05-04", stdout=out)
    call_command("send_supervision_reminders", "--on", "2023-05-04", stdout=out)
    recipients = sorted(m.to[0] for m in mail.outbox)
    assert recipients == ["lisi@example.com", "zhaoliu@example.com"]
    assert all("公开部门决算" in m.body for m in mail.outbox)
    call_command("send_supervision_reminders", "--on", "2023-05-05", stdout=out)
    assert len(mail.outbox) == 4


def test_an_agency_s_staff_cannot_create_plans(client, world):
    login(client, world.lisi)
    r = client.post("/staff/supervision/plans/", {"office": world.a.pk, "name": "x", "year": 2023})
    assert r.status_code == 404
    assert not Plan.objects.exists()


def test_a_closed_tasks_page_says_closed_once_with_the_day(client, world):
    t = task(world)
    services.submit_evidence(t, text="已更新指南", actor=world.lisi, clock=CLOCK)
    services.accept_task(t, actor=world.zhaoliu, clock=clock_at(D(2023, 5, 8)))
    login(client, world.zhaoliu)
    html = client.get(f"/staff/supervision/tasks/{t.pk}/").content.decode()
    status_line = html[
        html.index('<span class="badge">') : html.index("</p>", html.index('<span class="badge">'))
    ]
    # The badge says 已销号; the line used to repeat it as the status ("已销号 已销号 · 2023-05-08销号").
    assert status_line.count("已销号") == 1
    assert "2023-05-08销号" in status_line
