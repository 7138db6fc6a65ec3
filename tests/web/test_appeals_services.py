"""The services of 复议 and 诉讼 cases: each computes its due date with the core, records an event and an audit
entry, and refuses bad input with a code and a Chinese message, changing nothing then. Personas: 李四 (A's
handler) acts; 赵六 (the district's supervising office) and 王五 (agency B) may not."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.appeals import clocks
from gongkai.appeals.letters import AppealFacts, appeal_letter
from gongkai_web.appeals import services
from gongkai_web.appeals.errors import AppealError
from gongkai_web.appeals.models import AppealCase, AppealEvent, FollowUp, Status
from gongkai_web.audit.models import AuditEntry
from gongkai_web.audit.services import entries_for

from .appeals_world import RECEIVED, make_case
from .fixtures import clock_at

D = dt.date
pytestmark = pytest.mark.django_db


def _nothing_changed(before: tuple[int, int, int, int]) -> bool:
    return before == _counts()


def _counts() -> tuple[int, int, int, int]:
    return (
        AppealCase.objects.count(),
        AppealEvent.objects.count(),
        FollowUp.objects.count(),
        AuditEntry.objects.count(),
    )


def test_a_review_case_is_due_ten_working_days_after_the_copy_arrived_and_is_audited(world):
    case = make_case(world)
    assert case.reply_due == D(2025, 10, 16)  # legal-rules §4.5 A: WD 10 after Fri 2025-09-26
    assert case.reply_due_basis == "《中华人民共和国行政复议法》第四十八条"
    assert list(case.applications.all()) == [world.app_a]
    assert entries_for(case).get().action == "appeals.registered"
    assert case.events.get().kind == "registered"


def test_a_lawsuit_is_due_fifteen_days_after_the_complaint_arrived(world):
    case = make_case(world, kind="litigation", route="direct", received=D(2025, 9, 20))
    assert case.reply_due == D(2025, 10, 9)  # 10-05 falls in the National Day holiday


def test_the_simplified_procedure_gives_five_working_days(world):
    assert make_case(world, simplified=True).reply_due == D(2025, 10, 10)


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"kind": "review", "route": "direct"}, "appeals.bad_route"),
        ({"kind": "litigation", "route": ""}, "appeals.bad_route"),
        ({"kind": "litigation", "route": "direct", "role": "co_defendant"}, "appeals.bad_role"),
        ({"kind": "litigation", "route": "direct", "simplified": True}, "appeals.bad_simplified"),
        ({"body": "  "}, "appeals.missing"),
        ({"appellant": "张" * 101}, "appeals.too_long"),
        ({"received": D(2025, 9, 27), "clock": clock_at(D(2025, 9, 26))}, "appeals.date_in_future"),
    ],
)
def test_registering_refuses_bad_input_in_chinese_and_changes_nothing(world, overrides, code):
    before = _counts()
    with pytest.raises(AppealError) as refused:
        make_case(world, **overrides)
    assert refused.value.code == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in refused.value.message)
    assert _nothing_changed(before)


def test_an_application_of_another_agency_cannot_be_linked(world):
    before = _counts()
    with pytest.raises(AppealError) as refused:
        make_case(world, applications=[world.app_b])
    assert refused.value.code == "appeals.application_of_other_agency"
    assert _nothing_changed(before)


@pytest.mark.parametrize("persona", ["zhaoliu", "wangwu", "zhangsan"])
def test_only_the_agencys_own_staff_register_its_cases(world, persona):
    before = _counts()
    with pytest.raises(AppealError) as refused:
        make_case(world, actor=getattr(world, persona))
    assert refused.value.code == "appeals.not_your_agency"
    assert _nothing_changed(before)


def test_the_reply_is_recorded_once_and_a_late_one_is_marked(world):
    case = make_case(world)
    late_day = D(2025, 10, 17)
    case = services.record_reply_submitted(case, on=late_day, actor=world.lisi, clock=clock_at(late_day))
    assert (case.status, case.replied_on) == (Status.REPLIED, late_day)
    assert case.events.get(kind="replied").data == {"late": True}
    before = _counts()
    with pytest.raises(AppealError) as refused:
        services.record_reply_submitted(case, on=late_day, actor=world.lisi, clock=clock_at(late_day))
    assert refused.value.code == "appeals.wrong_state"
    assert _nothing_changed(before)


def test_a_reply_before_the_copy_arrived_is_refused(world):
    case = make_case(world)
    before = _counts()
    with pytest.raises(AppealError) as refused:
        services.record_reply_submitted(
            case, on=D(2025, 9, 25), actor=world.lisi, clock=clock_at(D(2025, 10, 1))
        )
    assert refused.value.code == "appeals.date_out_of_order"
    assert _nothing_changed(before)
    assert AppealCase.objects.get(pk=case.pk).status == Status.AWAITING_REPLY


def test_a_decision_is_mapped_with_the_version_in_force_on_its_day(world):
    old = make_case(world, received=D(2023, 11, 1))
    old = services.record_decision(old, disposition="revoked", decided_on=D(2023, 12, 20), actor=world.lisi)
    new = services.record_decision(
        make_case(world), disposition="upheld", decided_on=D(2025, 11, 20), actor=world.lisi
    )
    assert (old.mapping_version, new.mapping_version) == ("2021.1", "2024.1")
    assert new.events.get(kind="decided").data == {
        "disposition": "upheld",
        "column": "upheld",
        "version": "2024.1",
    }


def test_a_court_cannot_be_recorded_as_upholding_and_nothing_changes(world):
    case = make_case(world, kind="litigation", route="direct")
    before = _counts()
    with pytest.raises(AppealError) as refused:
        services.record_decision(case, disposition="upheld", decided_on=D(2025, 11, 20), actor=world.lisi)
    assert refused.value.code == "appeals.bad_disposition"
    assert "维持" in refused.value.message
    assert _nothing_changed(before)
    assert AppealCase.objects.get(pk=case.pk).disposition == ""


def test_an_opinion_letter_asks_for_the_correction_report_sixty_days_later(world):
    case = make_case(world)
    follow_up = services.order_follow_up(
        case,
        kind="correction_report",
        ordered_on=D(2025, 10, 9),
        actor=world.lisi,
        clock=clock_at(D(2025, 10, 9)),
    )
    assert follow_up.due_on == D(2025, 12, 8)  # 10-09 + 60 = Sun 12-07 → Mon 12-08
    assert follow_up.basis == "《中华人民共和国行政复议法》第七十六条"


def test_a_re_reply_ordered_without_a_period_is_proposed_at_twenty_working_days(world):
    case = services.record_decision(
        make_case(world), disposition="revoked", decided_on=D(2025, 11, 20), actor=world.lisi
    )
    follow_up = services.order_follow_up(case, kind="redo", ordered_on=D(2025, 11, 3 + 21), actor=world.lisi)
    assert follow_up.assumed
    assert follow_up.due_on == D(2025, 12, 22)  # 20 WD after Mon 11-24: 11-25 … 12-22
    done = services.record_follow_up_done(follow_up, on=D(2025, 12, 1), note="已重新答复", actor=world.lisi)
    assert done.done_on == D(2025, 12, 1)
    before = _counts()
    with pytest.raises(AppealError) as refused:
        services.record_follow_up_done(done, on=D(2025, 12, 2), actor=world.lisi)
    assert refused.value.code == "appeals.follow_up_done"
    assert _nothing_changed(before)


def test_a_re_reply_cannot_be_ordered_before_the_decision(world):
    case = make_case(world)
    before = _counts()
    with pytest.raises(AppealError) as refused:
        services.order_follow_up(case, kind="redo", ordered_on=D(2025, 10, 9), actor=world.lisi)
    assert refused.value.code == "appeals.wrong_state"
    assert _nothing_changed(before)


def test_the_supervisor_cannot_record_a_decision(world):
    case = make_case(world)
    with pytest.raises(AppealError) as refused:
        services.record_decision(case, disposition="upheld", decided_on=D(2025, 11, 20), actor=world.zhaoliu)
    assert refused.value.code == "appeals.not_your_agency"
    assert AppealCase.objects.get(pk=case.pk).received_on == RECEIVED


# ── a copy received before 2024: the 行政复议法 of 2017 (the 2023 revision applies from 2024-01-01) ─────


def test_a_review_copy_received_before_2024_is_due_ten_calendar_days_later_under_the_2017_law(world):
    case = make_case(world, received=D(2023, 3, 6))
    assert case.reply_due == D(2023, 3, 16)  # Mon + 10 days = Thu; 10 working days would be Mon 03-20
    assert case.reply_due_basis == "《中华人民共和国行政复议法》（2017年修正）第二十三条第一款"


def test_a_2017_law_reply_ending_in_the_national_day_holiday_moves_to_the_next_working_day(world):
    # Fri 2023-09-22 + 10 days = Mon 10-02, inside 9-29 … 10-06 off; Sat 10-07 was a 调休 working day.
    assert make_case(world, received=D(2023, 9, 22)).reply_due == D(2023, 10, 7)


def test_the_2017_law_had_no_simplified_procedure(world):
    case = make_case(world, received=D(2023, 3, 6), simplified=True)
    assert case.reply_due == D(2023, 3, 16) and "第二十三条" in case.reply_due_basis


def test_the_day_the_copy_arrived_decides_which_law_times_the_reply(world):
    assert make_case(world, received=D(2023, 12, 29)).reply_due == D(2024, 1, 8)  # 2017: 10 days
    late = make_case(world, received=D(2024, 1, 2))  # 2023: WD 1 = Wed 01-03 … WD 10 = Tue 01-16
    assert late.reply_due == D(2024, 1, 16)
    assert late.reply_due_basis == "《中华人民共和国行政复议法》第四十八条"


def test_an_opinion_letter_received_before_2024_cites_the_implementing_regulation(world):
    case = make_case(world, received=D(2023, 3, 6))
    follow_up = services.order_follow_up(
        case,
        kind="correction_report",
        ordered_on=D(2023, 4, 3),
        actor=world.lisi,
        clock=clock_at(D(2023, 4, 3)),
    )
    assert follow_up.due_on == D(2023, 6, 2)  # 04-03 + 60 days = Fri 06-02
    assert follow_up.basis == "《中华人民共和国行政复议法实施条例》第五十七条"


def test_the_reply_letter_cites_the_article_that_timed_it():
    def text(received: dt.date, simplified: bool = False) -> str:
        due = clocks.response_due("review", received, simplified=simplified)
        facts = AppealFacts(
            kind="review", agency="渝中区财政局", body="渝中区人民政府", appellant="张三", act="答复书",
            case_number="", copy_received_on=received, due=due, simplified=simplified,
        )  # fmt: skip
        return appeal_letter(facts).text()

    assert "现依照《中华人民共和国行政复议法》（2017年修正）第二十三条第一款的规定" in text(D(2023, 3, 6))
    assert "提交期限：2023年3月16日前" in text(D(2023, 3, 6))
    assert "现依照《中华人民共和国行政复议法》第四十八条的规定" in text(D(2025, 9, 26))
    assert "现依照《中华人民共和国行政复议法》第五十四条的规定" in text(D(2025, 9, 26), simplified=True)
