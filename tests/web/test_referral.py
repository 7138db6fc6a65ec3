"""条例第十七条: information the agency cannot judge fit for disclosure is referred to the competent
department or the secrecy administration for a determination. legal-rules §10.6 treats the time as another
agency's opinion, not counted in the reply period (条例第三十三条第三款), with §4.3's pause semantics: the
working days in (referred, determined] are skipped. The applicant is told so in a 报请确定告知书.

Expected dates are counted by hand on the 2025 calendar (no holidays in November and December 2025):
received Monday 2025-11-03, the plain deadline is Monday 2025-12-01 (legal-rules §4.5 C)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_web.applications import deadline, services
from gongkai_web.applications.errors import ApplicationError
from gongkai_web.applications.letters import docx_of, pdf_of
from gongkai_web.applications.models import Application, EventKind, Status
from gongkai_web.audit.models import AuditEntry

from .documents import docx_text, pdf_text
from .fixtures import clock_at, log_in

D = dt.date
REFERRED = D(2025, 11, 5)  # Wednesday: 11-04 and 11-05 have counted (2 working days)
DETERMINED = D(2025, 11, 21)  # Friday: 11-06 … 11-21 (12 working days) are not counted


def _refer(world, app=None, *, actor=None, on=REFERRED):
    return services.refer_for_determination(
        app or world.app_a,
        body_kind="secrecy",
        body="重庆市国家保密局",
        subject="项目选址论证报告中的军事设施位置",
        referred_on=on,
        actor=actor or world.lisi,
        clock=clock_at(on),
    )


def _determine(world, *, actor=None, on=DETERMINED, result="disclosable"):
    return services.record_determination(
        Application.objects.get(pk=world.app_a.pk),
        determined_on=on,
        result=result,
        details="经确定，不涉及国家秘密",
        actor=actor or world.lisi,
        clock=clock_at(on),
    )


def test_before_any_referral_the_reply_is_due_twenty_working_days_after_receipt(world):
    assert world.app_a.due_on == D(2025, 12, 1)


def test_a_referral_pauses_the_clock_and_the_deadline_grows_by_each_working_day_it_stays_open(world):
    app = _refer(world)
    assert app.status == Status.REFERRED and app.due_on == D(2025, 12, 1)  # nothing skipped on the day itself
    # Open on Wednesday 11-12: 11-06, 11-07, 11-10, 11-11, 11-12 are not counted (5 working days);
    # 18 working days remain from Thursday 11-13: 11-13, 14, 17–21, 24–28, 12-01–05, 12-08.
    view = deadline.evaluate(app, today=D(2025, 11, 12))
    assert view.due_on == D(2025, 12, 8) and view.referred
    assert any("第十七条" in line and "尚未收到确定意见" in line for line in view.explanation)
    assert deadline.time_left(app, D(2025, 11, 12)).state == "stopped"


def test_the_determination_resumes_the_clock_after_the_days_not_counted(world):
    _refer(world)
    app = _determine(world)
    # 12 working days (11-06 … 11-21) not counted; 18 remain from Monday 11-24: 11-24–28 (5),
    # 12-01–05 (10), 12-08–12 (15), 12-15, 16, 17 (18).
    assert app.status == Status.IN_PROGRESS and app.due_on == D(2025, 12, 17)
    view = deadline.evaluate(app, today=D(2025, 11, 24))
    assert view.due_on == D(2025, 12, 17) and not view.referred
    assert not any("尚未收到确定意见" in line for line in view.explanation)
    assert any("12 个工作日不计入" in line for line in view.explanation)


def test_a_determination_the_same_day_as_the_referral_skips_nothing(world):
    _refer(world)
    assert _determine(world, on=REFERRED).due_on == D(2025, 12, 1)


def test_the_determination_cannot_predate_the_referral_and_nothing_changes(world):
    _refer(world, on=D(2025, 11, 10))
    with pytest.raises(ApplicationError) as refused:
        _determine(world, on=D(2025, 11, 7))
    assert refused.value.code == "applications.date_out_of_order"
    app = Application.objects.get(pk=world.app_a.pk)
    assert app.status == Status.REFERRED
    assert not app.events.filter(kind=EventKind.DETERMINATION_RECEIVED).exists()


def test_no_reply_while_the_determination_is_awaited(world):
    _refer(world)
    with pytest.raises(ApplicationError) as refused:
        services.reply_application(
            Application.objects.get(pk=world.app_a.pk),
            outcome="granted",
            decided_on=D(2025, 11, 10),
            actor=world.lisi,
            clock=clock_at(D(2025, 11, 10)),
        )
    assert refused.value.code == "applications.wrong_state"


def test_the_applicant_is_told_the_period_is_paused_and_why(world):
    _refer(world)
    letter = world.app_a.letters.get(kind="determination_notice")
    assert letter.title == "报请确定告知书" and letter.to_applicant and letter.issued_on == REFERRED
    assert letter.number == "渝中财公开〔2025〕2号"  # after the receipt
    for text in (docx_text(docx_of(letter)), pdf_text(pdf_of(letter))):
        flat = text.replace("\n", "")
        assert "张三" in flat
        # 条例第十七条: 不能确定政府信息是否可以公开的 … 报有关主管部门或者保密行政管理部门确定
        assert "不能确定" in flat and "是否可以公开" in flat
        assert "第十七条" in flat and "重庆市国家保密局（保密行政管理部门）确定" in flat
        assert "2025年11月5日" in flat
        # 条例第三十三条第三款: 征求第三方和其他机关意见所需时间不计算在前款规定的期限内
        assert "第三十三条第三款" in flat and "不计算在答复期限内" in flat
        assert "行政复议" not in flat  # a procedural notice: no remedy clause (legal-rules §7.3)
        assert "军事设施" not in flat  # what was referred stays internal


def test_the_referral_and_the_determination_are_audited(world):
    _refer(world)
    _determine(world)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"applications.determination_requested", "applications.determination_received"} <= actions


def test_a_supervisor_may_not_refer_nor_record_a_determination(world):
    with pytest.raises(ApplicationError) as refused:
        _refer(world, actor=world.zhaoliu)
    assert refused.value.code == "applications.referral_not_allowed"
    _refer(world)
    with pytest.raises(ApplicationError) as refused:
        _determine(world, actor=world.zhaoliu)
    assert refused.value.code == "applications.referral_not_allowed"
    assert Application.objects.get(pk=world.app_a.pk).status == Status.REFERRED


def test_another_agencys_handler_may_not_refer(world):
    with pytest.raises(ApplicationError) as refused:
        _refer(world, actor=world.wangwu)
    assert refused.value.code == "applications.referral_not_allowed"
    assert not world.app_a.events.filter(kind=EventKind.DETERMINATION_REQUESTED).exists()


FORM = {
    "body_kind": "competent",
    "body": "重庆市规划和自然资源局",
    "subject": "规划图",
    "referred_on": "2025-11-05",
}


@pytest.mark.parametrize("persona", ["zhaoliu", "wangwu", "zhangsan"])
def test_through_the_record_page_only_the_agencys_staff_may_refer(client, world, persona):
    assert log_in(client, persona)
    response = client.post(f"/staff/applications/{world.app_a.pk}/refer/", FORM)
    assert response.status_code in (302, 403, 404)
    assert not world.app_a.events.filter(kind=EventKind.DETERMINATION_REQUESTED).exists()
    assert Application.objects.get(pk=world.app_a.pk).status == Status.IN_PROGRESS


@pytest.mark.parametrize("persona", ["lisi", "qianqi"])
def test_the_agencys_handler_and_approver_refer_through_the_record_page(client, world, persona):
    assert log_in(client, persona)
    page = client.get(f"/staff/applications/{world.app_a.pk}/")
    assert "refer" in [key for key, _title, _form in page.context["actions"]]
    response = client.post(f"/staff/applications/{world.app_a.pk}/refer/", FORM)
    assert response.status_code == 302
    app = Application.objects.get(pk=world.app_a.pk)
    assert app.status == Status.REFERRED
    assert app.letters.filter(kind="determination_notice").exists()
    page = client.get(f"/staff/applications/{app.pk}/")
    # An extension is the approver's (条例第三十三条): the handler sees it listed as unavailable.
    expected = (
        ["determination", "extension", "withdraw"] if persona == "qianqi" else ["determination", "withdraw"]
    )
    assert [key for key, _title, _form in page.context["actions"]] == expected


def test_the_record_page_and_the_applicants_tracking_page_show_the_pause_and_why(client, world):
    _refer(world)
    pause = "依条例第十七条报请重庆市国家保密局确定是否可以公开"
    assert log_in(client, "lisi")
    staff_page = client.get(f"/staff/applications/{world.app_a.pk}/").content.decode()
    assert pause in staff_page and "尚未收到确定意见" in staff_page
    client.logout()
    assert log_in(client, "zhangsan")  # the applicant, by her account
    own_page = client.get(f"/track/{world.app_a.query_code}/").content.decode()
    assert pause in own_page and "报请确定告知书" in own_page
    assert "期限暂停计算：本机关已就该信息能否公开报请有关主管部门确定（条例第十七条）" in own_page
