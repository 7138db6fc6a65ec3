"""条例第三十五条 (legal-rules §3): a reasonable later reply deadline, set through the core clock's
``ReasonableTimeNotice``, audited, refused when the law or the state does not allow it. Dates:
agency A's application arrived Monday 2025-11-03, plain deadline 2025-12-01 (legal-rules §4.5 C)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_web.applications import services
from gongkai_web.applications.errors import ApplicationError
from gongkai_web.audit.models import AuditEntry

from .documents import docx_text
from .fixtures import clock_at

D = dt.date
NOTIFIED = D(2025, 11, 20)


def _notify(world, until, *, on=NOTIFIED, reason="同一申请人一个月内提出120件申请"):
    return services.notify_reasonable_time(
        world.app_a, actor=world.lisi, until=until, reason=reason, notified_on=on, clock=clock_at(on)
    )


def test_it_sets_the_reasonable_deadline_and_audits_it(world):
    _notify(world, D(2025, 12, 31))  # a Wednesday, a working day
    world.app_a.refresh_from_db()
    assert world.app_a.due_on == D(2025, 12, 31)
    event = world.app_a.events.get(kind="reasonable_time_notice")
    assert event.data == {"due_on": "2025-12-31", "reason": "同一申请人一个月内提出120件申请"}
    assert AuditEntry.objects.filter(action="applications.reasonable_time_notice", actor=world.lisi).exists()


def test_a_deadline_on_a_weekend_moves_to_the_next_working_day(world):
    _notify(world, D(2025, 12, 20))  # Saturday → Monday 22 December
    world.app_a.refresh_from_db()
    assert world.app_a.due_on == D(2025, 12, 22)


def test_it_refuses_a_deadline_not_later_than_the_current_one_and_changes_nothing(world):
    with pytest.raises(ApplicationError) as exc:
        _notify(world, D(2025, 12, 1))
    assert "2025-12-01" in exc.value.message and "第三十五条" in exc.value.message
    world.app_a.refresh_from_db()
    assert world.app_a.due_on == D(2025, 12, 1)
    assert not world.app_a.events.filter(kind="reasonable_time_notice").exists()
    assert not AuditEntry.objects.filter(action="applications.reasonable_time_notice").exists()


def test_it_refuses_during_a_consultation(world):
    services.start_consultation(
        world.app_a,
        consultee_kind="agency",
        consultee="市规划局",
        sent_on=D(2025, 11, 5),
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 5)),
    )
    with pytest.raises(ApplicationError) as exc:
        _notify(world, D(2025, 12, 31))
    assert exc.value.code == "applications.wrong_state"


def test_it_refuses_without_a_reason(world):
    with pytest.raises(ApplicationError) as exc:
        _notify(world, D(2025, 12, 31), reason="  ")
    assert exc.value.code == "applications.art35_without_reason"


def test_an_extension_after_the_art35_deadline_is_refused_by_the_core(world):
    _notify(world, D(2025, 12, 31))
    with pytest.raises(ApplicationError) as exc:
        services.approve_extension(
            world.app_a,
            workdays=10,
            reason="数量大",
            notified_on=D(2025, 11, 21),
            actor=world.qianqi,
            clock=clock_at(D(2025, 11, 21)),
        )
    assert "第三十五条" in exc.value.message
    assert not world.app_a.events.filter(kind="extension_approved").exists()


def test_the_staff_action_sets_it_and_another_agency_gets_404(client, world):
    client.force_login(world.wangwu)
    form = {"until": "2025-12-31", "reason": "大量申请", "notified_on": "2025-11-20"}
    assert client.post(f"/staff/applications/{world.app_a.pk}/reasonable_time/", form).status_code == 404
    client.force_login(world.lisi)
    response = client.post(f"/staff/applications/{world.app_a.pk}/reasonable_time/", form, follow=True)
    assert response.status_code == 200
    world.app_a.refresh_from_db()
    assert world.app_a.due_on == D(2025, 12, 31)


# ── the letters of 条例第三十五条 (legal-rules §7.2): 说明理由告知书, 延迟答复告知书, 不予处理告知书 ────────


ASKED, REASONS_DUE = D(2025, 11, 10), D(2025, 11, 17)


def _ask(world, *, on=ASKED, due=REASONS_DUE, volume="您自2025年10月1日至11月3日共向本机关提出申请58件"):
    return services.request_reasons(
        world.app_a, volume=volume, reasons_due=due, sent_on=on, actor=world.lisi, clock=clock_at(on)
    )


def test_the_delayed_reply_notice_states_both_deadlines_and_the_reason(world):
    _notify(world, D(2025, 12, 31))
    letter = world.app_a.letters.get(kind="reasonable_time")
    assert letter.title == "延迟答复告知书" and letter.to_applicant and letter.issued_on == NOTIFIED
    assert letter.number == "渝中财公开〔2025〕2号"
    text = docx_text(letter.docx)
    assert "第三十三条规定的期限（2025年12月1日）内答复" in text  # the plain deadline, legal-rules §4.5 C
    assert "同一申请人一个月内提出120件申请" in text
    assert (
        "《中华人民共和国政府信息公开条例》第三十五条的规定，本机关确定延迟答复的合理期限为2025年12月31日"
        in text
    )
    assert "行政复议" not in text


def test_the_notice_states_the_working_day_the_deadline_moved_to(world):
    _notify(world, D(2025, 12, 20))  # Saturday → Monday 22 December, as the clock counts it
    assert "合理期限为2025年12月22日" in docx_text(world.app_a.letters.get(kind="reasonable_time").docx)


def test_a_refused_notice_issues_no_letter(world):
    with pytest.raises(ApplicationError):
        _notify(world, D(2025, 12, 1))
    assert not world.app_a.letters.filter(kind="reasonable_time").exists()


def test_asking_for_reasons_issues_the_notice_audits_it_and_leaves_the_clock_running(world):
    _ask(world)
    world.app_a.refresh_from_db()
    assert world.app_a.due_on == D(2025, 12, 1)  # art. 35 does not pause the period (only consultations do)
    assert world.app_a.events.get(kind="reasons_requested").data["reasons_due"] == "2025-11-17"
    assert AuditEntry.objects.filter(action="applications.reasons_requested", actor=world.lisi).exists()
    letter = world.app_a.letters.get(kind="reasons_request")
    assert letter.title == "说明理由告知书" and letter.to_applicant
    text = docx_text(letter.docx)
    assert "共向本机关提出申请58件" in text and "明显超过合理范围" in text
    assert "第三十五条的规定，请您于2025年11月17日前以书面形式向本机关说明申请理由" in text


@pytest.mark.parametrize(
    ("kw", "code"),
    [
        ({"volume": " "}, "art35_without_volume"),
        ({"due": D(2025, 11, 10)}, "art35_reasons_due_too_early"),
    ],
)
def test_asking_for_reasons_is_refused_without_its_content(world, kw, code):
    with pytest.raises(ApplicationError) as exc:
        _ask(world, **kw)
    assert exc.value.code == f"applications.{code}"
    assert not world.app_a.events.filter(kind="reasons_requested").exists()
    assert not world.app_a.letters.filter(kind="reasons_request").exists()


def test_reasons_are_asked_once_and_not_after_the_deadline_was_set(world):
    _ask(world)
    with pytest.raises(ApplicationError) as exc:
        _ask(world, on=D(2025, 11, 11), due=D(2025, 11, 18))
    assert exc.value.code == "applications.art35_reasons_twice"
    _notify(world, D(2025, 12, 31))
    text = docx_text(world.app_a.letters.get(kind="reasonable_time").docx)
    assert "本机关已于2025年11月10日要求您说明理由" in text


def test_not_processing_a_mass_application_needs_a_request_for_reasons_first(world):
    reply = {
        "outcome": "not_processed_mass_repeat",
        "decided_on": D(2025, 11, 20),
        "reasons": "申请人未说明合理理由",
        "actor": world.lisi,
        "clock": clock_at(D(2025, 11, 20)),
    }
    with pytest.raises(ApplicationError) as exc:
        services.reply_application(world.app_a, **reply)
    assert exc.value.code == "applications.mass_repeat_without_reasons_request"
    _ask(world)
    services.reply_application(world.app_a, **reply)
    text = docx_text(world.app_a.letters.get(kind="reply").docx)
    assert "本机关已于2025年11月10日要求您说明理由" in text and "第三十五条" in text


def test_the_staff_action_asks_for_reasons(client, world):
    form = {"volume": "一个月内申请58件", "reasons_due": "2025-11-28", "sent_on": "2025-11-10"}
    client.force_login(world.wangwu)
    assert client.post(f"/staff/applications/{world.app_a.pk}/reasons/", form).status_code == 404
    client.force_login(world.lisi)
    page = client.get(f"/staff/applications/{world.app_a.pk}/").content.decode()
    assert "要求申请人说明理由（第三十五条）" in page
    client.post(f"/staff/applications/{world.app_a.pk}/reasons/", form, follow=True)
    letter = world.app_a.letters.get(kind="reasons_request")
    assert "2025年11月28日前" in docx_text(letter.docx)


def _answer(world, on, reasons=""):
    return services.record_reasons(
        world.app_a, answered_on=on, reasons=reasons, actor=world.lisi, clock=clock_at(on)
    )


def test_the_applicants_reasons_are_recorded_once_and_leave_the_clock_running(world):
    _ask(world)
    _answer(world, D(2025, 11, 14), "所申请信息用于本人参与的多起诉讼，需逐项核对")
    event = world.app_a.events.get(kind="reasons_answered")
    assert event.data == {
        "reasons": "所申请信息用于本人参与的多起诉讼，需逐项核对",
        "answered": True,
        "late": False,
    }
    world.app_a.refresh_from_db()
    assert world.app_a.due_on == D(2025, 12, 1)  # as before the request (legal-rules §4.5 C)
    assert AuditEntry.objects.filter(action="applications.reasons_answered", actor=world.lisi).exists()
    with pytest.raises(ApplicationError) as exc:
        _answer(world, D(2025, 11, 17), "补充说明")
    assert exc.value.code == "applications.art35_answer_twice"


def test_no_answer_is_recorded_only_after_the_period_to_answer(world):
    _ask(world)  # reasons due by 17 November
    with pytest.raises(ApplicationError) as exc:
        _answer(world, D(2025, 11, 17))
    assert exc.value.code == "applications.art35_silence_too_early" and "2025-11-17" in exc.value.message
    assert not world.app_a.events.filter(kind="reasons_answered").exists()
    _answer(world, D(2025, 11, 18))
    assert world.app_a.events.get(kind="reasons_answered").data == {
        "reasons": "",
        "answered": False,
        "late": True,
    }


def test_reasons_cannot_be_recorded_when_none_were_asked_for(world):
    with pytest.raises(ApplicationError) as exc:
        _answer(world, D(2025, 11, 14), "理由")
    assert exc.value.code == "applications.art35_not_requested"


def test_the_staff_page_offers_recording_the_reasons_only_while_they_are_awaited(client, world):
    client.force_login(world.lisi)
    url = f"/staff/applications/{world.app_a.pk}/"
    assert "reasons_answer/" not in client.get(url).content.decode()
    _ask(world)
    assert "登记申请人说明的理由（第三十五条）" in client.get(url).content.decode()
    client.force_login(world.wangwu)  # agency B: not theirs
    assert (
        client.post(f"{url}reasons_answer/", {"reasons": "x", "answered_on": "2025-11-14"}).status_code == 404
    )
    client.force_login(world.lisi)
    client.post(f"{url}reasons_answer/", {"reasons": "用于诉讼", "answered_on": "2025-11-14"}, follow=True)
    assert world.app_a.events.get(kind="reasons_answered").data["reasons"] == "用于诉讼"
    assert "reasons_answer/" not in client.get(url).content.decode()  # no form left once it is recorded
