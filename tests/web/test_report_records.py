"""The annual report as a record: drafted from the records, written by staff, validated, reviewed,
published by the approver only when the identities hold (or with a recorded bypass), corrected as a
new version with its reason and diff."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_web.accounts.models import Membership, Role
from gongkai_web.audit.models import AuditEntry
from gongkai_web.reports import services
from gongkai_web.reports.errors import ReportError
from gongkai_web.reports.models import ReportRecord, ReportState, ReportVersion
from gongkai_web.reports.queries import published_report

from .fixtures import make_application, make_user
from .report_world import CLOCK, YEAR, drafted, in_review, published, revise


def test_a_draft_counts_table_three_from_the_records_and_states_the_figures_in_its_narrative(world):
    record = drafted(world)
    requests = record.data["requests"]
    # One application (张三's, received 2025-11-03, still open): new 1, carried forward 1, concluded 0.
    assert requests["new"][-1] == 1 and requests["carried_forward"][-1] == 1 and requests["total"][-1] == 0
    general = record.data["narrative"]["general"]
    assert "2025年，本机关共收到政府信息公开申请1件。" in general
    assert "结转下年度继续办理1件。" in general
    assert record.data["narrative"]["other"] == "2025年，本机关未收取信息处理费。"
    assert record.state == ReportState.DRAFT
    assert AuditEntry.objects.filter(action="reports.drafted", object_id=str(record.pk)).count() == 1


def test_the_year_on_year_change_is_against_last_years_published_report(world):
    for day in (dt.date(2024, 3, 4), dt.date(2024, 5, 6), dt.date(2024, 9, 2), dt.date(2024, 10, 8)):
        make_application(world.a, received=day)
    previous = services.draft_report(world.a, 2024, actor=world.lisi, clock=CLOCK)
    previous = services.submit_for_review(
        services.validate_report(previous, actor=world.lisi, clock=CLOCK), actor=world.lisi, clock=CLOCK
    )
    services.approve_and_publish(previous, actor=world.qianqi, clock=CLOCK)
    record = drafted(world)
    # 2024: 4 received; 2025: 1 received (张三's): (1 − 4) / 4 = −75 %.
    assert record.figures["received_change_pct"] == "-75.00"
    assert "共收到政府信息公开申请1件，较上年下降75.00%。" in record.data["narrative"]["general"]
    # 2024's four are still open: carried over into 2025.
    assert record.data["requests"]["carried_over"][-1] == 4


def test_a_wrong_figure_in_the_narrative_blocks_publication_and_changes_nothing(world):
    record = revise(drafted(world), world.lisi, general="2025年，本机关共收到政府信息公开申请5件。")
    record = in_review(world, record)
    assert [f["code"] for f in record.findings] == ["I6"]
    with pytest.raises(ReportError) as refused:
        services.approve_and_publish(record, actor=world.qianqi, clock=CLOCK)
    assert refused.value.code == "reports.checks_failed"
    assert "I6" in str(refused.value)
    record.refresh_from_db()
    assert record.state == ReportState.IN_REVIEW and not ReportVersion.objects.exists()
    assert published_report(world.a, YEAR) is None


def test_after_the_fix_the_approver_publishes_version_one(world):
    record = revise(drafted(world), world.lisi, general="2025年，本机关共收到政府信息公开申请5件。")
    record = revise(record, world.lisi, general="2025年，本机关共收到政府信息公开申请1件。")
    assert record.state == ReportState.DRAFT  # revised: to be validated again
    record = in_review(world, record)
    version = services.approve_and_publish(record, actor=world.qianqi, clock=CLOCK)
    assert (version.number, version.approver_name, version.bypass_reason) == (1, "qianqi", "")
    report = published_report(world.a, YEAR)
    assert report is not None and report.get("requests.new.total") == 1
    assert report.narrative.general == "2025年，本机关共收到政府信息公开申请1件。"


def test_a_bypass_needs_a_reason_and_is_recorded_with_the_approver(world):
    record = in_review(world, revise(drafted(world), world.lisi, general="本机关共收到政府信息公开申请5件。"))
    with pytest.raises(ReportError):
        services.approve_and_publish(record, actor=world.qianqi, bypass_reason="   ", clock=CLOCK)
    version = services.approve_and_publish(
        record, actor=world.qianqi, bypass_reason="含纸质申请4件尚未录入系统", clock=CLOCK
    )
    assert version.bypass_reason == "含纸质申请4件尚未录入系统"
    assert [f["code"] for f in version.findings] == ["I6"]


def test_only_the_approver_publishes_and_only_the_agencys_staff_draft(world):
    record = in_review(world)
    with pytest.raises(ReportError) as refused:
        services.approve_and_publish(record, actor=world.lisi, clock=CLOCK)
    assert refused.value.code == "reports.not_approver"
    for outsider in (world.wangwu, world.zhaoliu, world.zhangsan):  # 赵六 supervises A: reads, does not write
        with pytest.raises(ReportError) as refused:
            services.draft_report(world.a, YEAR, actor=outsider, clock=CLOCK)
        assert refused.value.code == "reports.not_allowed"
    assert ReportRecord.objects.count() == 1


def test_the_governments_office_drafts_the_governments_report_over_its_whole_area(world):
    # 赵六 is the district's 政务公开办 (a supervisor membership on the district itself).
    record = services.draft_report(world.district, YEAR, actor=world.zhaoliu, clock=CLOCK)
    assert record.data["requests"]["new"][-1] == 1  # A's application, in the district's subtree
    assert record.data["narrative"]["general"].startswith("2025年，全区共收到")


def test_a_report_for_an_unfinished_year_is_refused(world):
    with pytest.raises(ReportError) as refused:
        services.draft_report(world.a, 2026, actor=world.lisi, clock=CLOCK)
    assert refused.value.code == "reports.bad_year"
    assert "2008" in str(refused.value) and not ReportRecord.objects.exists()


def test_steps_out_of_order_are_refused(world):
    record = drafted(world)
    with pytest.raises(ReportError) as refused:
        services.submit_for_review(record, actor=world.lisi, clock=CLOCK)  # not validated
    assert refused.value.code == "reports.wrong_state"
    with pytest.raises(ReportError):
        services.approve_and_publish(record, actor=world.qianqi, clock=CLOCK)  # not in review
    with pytest.raises(ReportError):
        services.correct_report(record, actor=world.qianqi, reason="x", clock=CLOCK)  # not published


def test_a_correction_is_version_two_with_its_reason_and_diff_and_version_one_stays(world):
    record, first = published(world)
    make_application(world.a, received=dt.date(2025, 12, 1))  # a paper application entered late
    record = services.draft_report(world.a, YEAR, actor=world.lisi, clock=CLOCK)
    assert record.state == ReportState.PUBLISHED  # the working copy waits for the correction
    record = revise(record, world.lisi, general="2025年，本机关共收到政府信息公开申请2件。")
    with pytest.raises(ReportError) as refused:
        services.correct_report(record, actor=world.qianqi, reason=" ", clock=CLOCK)
    assert refused.value.code == "reports.no_reason"
    second = services.correct_report(record, actor=world.qianqi, reason="补录纸质申请1件", clock=CLOCK)
    assert (second.number, second.correction_reason) == (2, "补录纸质申请1件")
    changed = {c["address"]: (c["old"], c["new"]) for c in second.diff["cells"]}
    assert changed["requests.new.total"] == ("1", "2")
    assert changed["requests.carried_forward.natural_person"] == ("1", "2")
    assert ["del", "1"] in second.diff["text"]["general"] and ["ins", "2"] in second.diff["text"]["general"]
    first.refresh_from_db()
    assert first.data["requests"]["new"][-1] == 1  # version 1 as published
    assert published_report(world.a, YEAR).get("requests.new.total") == 2
    record.refresh_from_db()
    assert record.state == ReportState.CORRECTED


def test_a_correction_that_changes_nothing_is_refused(world):
    record, _ = published(world)
    with pytest.raises(ReportError) as refused:
        services.correct_report(record, actor=world.qianqi, reason="复核", clock=CLOCK)
    assert refused.value.code == "reports.nothing_changed"
    assert ReportVersion.objects.count() == 1


def test_an_approver_of_another_agency_cannot_publish(world):
    other = make_user("head_b", world.b, Role.APPROVER)
    record = in_review(world)
    with pytest.raises(ReportError):
        services.approve_and_publish(record, actor=other, clock=CLOCK)
    Membership.objects.create(user=other, agency=world.a, role=Role.APPROVER)
    assert services.approve_and_publish(record, actor=other, clock=CLOCK).number == 1


def test_section_six_states_the_fees_paid_in_the_year_by_who_collected_them(world):
    from gongkai_web.applications.models import ApplicationEvent, EventKind

    def paid(app, amount, on):
        ApplicationEvent.objects.create(
            application=app, kind=EventKind.FEE_NOTICE_SENT, on=on, data={"amount_yuan": amount}
        )
        ApplicationEvent.objects.create(application=app, kind=EventKind.FEE_PAID, on=on)

    paid(world.app_a, 120, dt.date(2025, 11, 20))
    paid(make_application(world.a, received=dt.date(2025, 3, 3)), 300, dt.date(2025, 3, 20))
    paid(make_application(world.district, received=dt.date(2025, 4, 1)), 100, dt.date(2025, 4, 20))
    paid(make_application(world.a, received=dt.date(2024, 3, 3)), 999, dt.date(2024, 3, 20))  # paid in 2024
    paid(
        make_application(world.b, received=dt.date(2025, 3, 3)), 50, dt.date(2025, 3, 20)
    )  # not the district's
    record = services.draft_report(world.district, YEAR, actor=world.zhaoliu, clock=CLOCK)
    assert record.data["narrative"]["other"] == (
        "2025年，全区共收取信息处理费520元，其中渝中区财政局收取420元、渝中区人民政府收取100元。"
    )


def test_the_published_reports_of_many_agencies_are_read_at_once_the_latest_version_each(world):
    from gongkai_web.agencies.models import Agency
    from gongkai_web.reports.queries import published_reports

    record, _ = published(world)
    make_application(world.a, received=dt.date(2025, 12, 1))
    record = services.draft_report(world.a, YEAR, actor=world.lisi, clock=CLOCK)
    record = revise(record, world.lisi, general="2025年，本机关共收到政府信息公开申请2件。")
    services.correct_report(record, actor=world.qianqi, reason="补录", clock=CLOCK)
    drafted(world, agency=world.district, actor=world.zhaoliu)  # a draft: absent
    found = published_reports(Agency.objects.all(), YEAR)
    assert list(found) == [world.a.pk]
    assert found[world.a.pk].get("requests.new.total") == 2
