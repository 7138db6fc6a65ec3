"""The standing rules raise reminders and tasks by themselves, each linked to the record behind it, once:
a catalogue item past its 时限, an interpretation missing, an application near or past its deadline, a
refusal without reasons. Personas: supervision_world (赵六's office supervises A's district)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command

from gongkai_web.applications import services as application_services
from gongkai_web.applications.models import ApplicationEvent
from gongkai_web.publications.models import Document
from gongkai_web.publications.services import catalogue
from gongkai_web.supervision.models import Finding, Task
from gongkai_web.supervision.rules import run_rules

from .fixtures import clock_at
from .supervision_world import CLOCK, TODAY

pytestmark = pytest.mark.django_db
D = dt.date


def quarterly_item(world, agency=None, owner=None):
    """Quarterly since 1 Jan 2023, nothing linked: Q1 ended Fri 31 Mar, due Fri 28 Apr (20 working days,
    清明 5 Apr off, Sun 23 Apr worked), overdue on 4 May."""
    return catalogue.add_catalogue_item(
        agency or world.a,
        category="财政信息",
        subcategory="预算执行情况",
        elements="预算执行情况",
        basis="《中华人民共和国预算法》第十四条",
        responsible_unit="预算科",
        owner=owner or world.lisi,
        channels=["website"],
        periodicity="quarterly",
        since=D(2023, 1, 1),
        actor=owner or world.lisi,
        clock=CLOCK,
    )


def test_an_overdue_catalogue_item_raises_one_task_for_the_district_office_linked_to_the_item(world):
    item = quarterly_item(world)
    first = run_rules([world.a, world.b], TODAY, clock=CLOCK)
    again = run_rules([world.a, world.b], TODAY, clock=CLOCK)
    assert first.raised["catalogue_overdue"] == 1
    assert again.total_raised == 0
    task = Task.objects.get()
    assert (task.agency, task.plan.office, task.plan.standing) == (world.a, world.district, True)
    assert (task.rule, task.target_type, task.target_id) == (
        "catalogue_overdue",
        "publications.catalogueitem",
        str(item.pk),
    )
    assert "2023-04-28" in task.title
    # 5 working days after Thu 4 May: 5, 6 (Sat, worked), 8, 9, 10 May.
    assert task.due_on == D(2023, 5, 10)


def test_an_item_due_soon_gets_a_reminder_and_no_task(world):
    quarterly_item(world)
    run_rules([world.a], D(2023, 4, 24), clock=clock_at(D(2023, 4, 24)))
    assert not Task.objects.exists()
    assert list(Finding.objects.values_list("rule", "severity")) == [("catalogue_overdue", "reminder")]


def test_a_published_rule_document_without_interpretation_raises_a_task(world):
    doc = Document.objects.create(
        agency=world.a,
        kind="normative",
        title="渝中区财政局关于规范票据管理的通知",
        stage="published",
        publicity="proactive",
        published_on=D(2023, 3, 20),
    )
    run_rules([world.a], TODAY, clock=CLOCK)
    found = Finding.objects.get(rule="interpretation_due")
    assert (found.severity, found.target_id, found.link) == ("task", str(doc.pk), f"/staff/library/{doc.pk}/")


def test_an_application_is_reminded_before_its_deadline_and_tasked_after(world):
    """Received Mon 3 Nov 2025: due Mon 1 Dec (legal-rules §4.5 example C)."""
    run_rules([world.a], D(2025, 11, 26), clock=clock_at(D(2025, 11, 26)))
    assert list(Finding.objects.values_list("severity", "target_id")) == [("reminder", str(world.app_a.pk))]
    run_rules([world.a], D(2025, 12, 2), clock=clock_at(D(2025, 12, 2)))
    open_ = Finding.objects.filter(resolved_on__isnull=True)
    assert list(open_.values_list("severity", "target_id")) == [("task", str(world.app_a.pk))]
    assert Task.objects.get().target_id == str(world.app_a.pk)


def test_a_refusal_without_reasons_raises_a_task_and_one_with_reasons_does_not(world):
    """The reply step refuses a 不予公开 without reasons; a record made outside it (history brought in, the
    demo's simulated year) can still lack them, and the rule finds it."""
    application_services.reply_application(
        world.app_b,
        outcome="withheld_state_secret",
        decided_on=D(2025, 11, 20),
        reasons="属于国家秘密，经保密审查确认",
        actor=None,
        clock=clock_at(D(2025, 11, 20)),
    )
    ApplicationEvent.objects.create(
        application=world.app_a,
        kind="replied",
        on=D(2025, 11, 20),
        data={"outcome": "withheld_state_secret", "reasons": ""},
    )
    run_rules([world.a, world.b], D(2025, 11, 21), clock=clock_at(D(2025, 11, 21)))
    found = Finding.objects.filter(rule="reply_basis_missing")
    assert list(found.values_list("target_id", "severity")) == [(str(world.app_a.pk), "task")]


def test_a_reply_to_a_correction_request_has_no_disclosure_outcome_and_raises_nothing(world):
    """The demo's 更正答复 to 张三 was flagged as a reply of an unknown outcome lacking its basis."""
    world.app_a.kind = "correction"
    world.app_a.save(update_fields=["kind"])
    ApplicationEvent.objects.create(
        application=world.app_a,
        kind="replied",
        on=D(2025, 11, 20),
        data={"correction_result": "corrected", "details": "已将姓名更正", "forwarded_to": ""},
    )
    run_rules([world.a, world.b], D(2025, 11, 21), clock=clock_at(D(2025, 11, 21)))
    assert not Finding.objects.filter(rule="reply_basis_missing").exists()


def test_the_command_runs_the_rules_and_the_office_sees_them_listed(client, world):
    quarterly_item(world)
    out = io.StringIO()
    call_command("supervise_records", "--on", "2023-05-04", stdout=out)
    call_command("supervise_records", "--on", "2023-05-04", stdout=out)
    assert "主动公开事项超过公开时限：新发现1项" in out.getvalue()
    assert "主动公开事项超过公开时限：新发现0项" in out.getvalue()
    client.force_login(world.zhaoliu)
    page = client.get("/staff/supervision/rules/").content.decode()
    for name in (
        "主动公开事项超过公开时限",
        "政策解读缺失或滞后",
        "依申请公开临近或超过答复期限",
        "答复缺少法律依据或理由",
    ):
        assert name in page
    assert "2023-04-28" in page
    client.force_login(world.lisi)
    assert client.get("/staff/supervision/rules/").status_code == 404


def test_a_reminder_shows_on_the_supervision_page_of_the_agency_and_its_office_only(client, world):
    quarterly_item(world)
    run_rules([world.a], D(2023, 4, 24), clock=clock_at(D(2023, 4, 24)))
    for user, shown in ((world.lisi, True), (world.zhaoliu, True), (world.wangwu, False)):
        client.force_login(user)
        page = client.get("/staff/supervision/").content.decode()
        assert ("应于2023-04-28前公开" in page) is shown, user
