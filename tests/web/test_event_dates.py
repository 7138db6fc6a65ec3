"""Event dates and the per-item fee position, from the records.

李四 of 渝中区财政局 (agency A) handles 张三's application received on Monday 2025-11-03; its plain
deadline is Monday 2025-12-01 (legal-rules §4.5 example C). Steps are often entered after the fact:
each keeps its true date, only a change of state may not precede the one before it."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_web.applications import services
from gongkai_web.applications.errors import ApplicationError

from .fixtures import clock_at, make_application

D = dt.date


def test_a_consultation_answer_entered_after_a_later_extension_keeps_its_true_date(world):
    app = world.app_a
    services.start_consultation(
        app,
        consultee_kind="third_party",
        consultee="某公司",
        sent_on=D(2025, 11, 4),
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 4)),
    )
    services.approve_extension(
        app,
        workdays=10,
        reason="需要调取档案",
        notified_on=D(2025, 11, 13),
        actor=world.qianqi,
        clock=clock_at(D(2025, 11, 14)),
    )
    services.answer_consultation(
        app,
        answered_on=D(2025, 11, 11),
        position="consent",
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 14)),
    )
    app.refresh_from_db()
    # Paused from the day after the letter (11-04) to its answer (11-11): 5 working days not counted,
    # then 10 more on extension: 2025-12-01 + 5 WD = 12-08, + 10 WD = 12-22 (counted by hand).
    assert app.events.get(kind="consultation_answered").on == D(2025, 11, 11)
    assert app.due_on == D(2025, 12, 22)


def test_a_consultation_cannot_be_answered_before_it_was_sent(world):
    app = world.app_a
    services.start_consultation(
        app,
        consultee_kind="third_party",
        consultee="某公司",
        sent_on=D(2025, 11, 6),
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 6)),
    )
    with pytest.raises(ApplicationError) as exc:
        services.answer_consultation(
            app,
            answered_on=D(2025, 11, 5),
            position="consent",
            actor=world.lisi,
            clock=clock_at(D(2025, 11, 7)),
        )
    assert exc.value.code == "applications.date_before_last_event"
    assert "征求意见" in exc.value.message and "2025-11-06" in exc.value.message
    assert not app.events.filter(kind="consultation_answered").exists()


def test_no_step_is_dated_before_the_application_was_received(world):
    with pytest.raises(ApplicationError) as exc:
        services.reply_application(
            world.app_a,
            outcome="granted",
            decided_on=D(2025, 11, 2),
            reasons="见附件",
            actor=world.lisi,
            clock=clock_at(D(2025, 11, 10)),
        )
    assert exc.value.code == "applications.date_before_receipt"
    world.app_a.refresh_from_db()
    assert world.app_a.status == "in_progress" and world.app_a.concluded_on is None


def test_a_reply_may_be_dated_before_a_split_recorded_later(world):
    app = world.app_a
    services.split_application(
        app, items=["2024年预算执行情况", "2024年决算"], actor=world.lisi, clock=clock_at(D(2025, 11, 6))
    )
    services.reply_application(
        app,
        outcome="granted",
        decided_on=D(2025, 11, 5),
        reasons="见附件",
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 7)),
    )
    app.refresh_from_db()
    assert app.concluded_on == D(2025, 11, 5)


# ── 按件计收: the item's position among the applicant's applications to the agency in the month ─────


@pytest.fixture
def per_item(world):
    world.a.fee_mode = "per_item"
    world.a.save()
    return world.a


def test_the_eleventh_application_in_a_month_is_the_first_one_charged(world, per_item):
    apps = [world.app_a] + [
        make_application(per_item, received=D(2025, 11, 3 + n % 20), description=f"信息{n}")
        for n in range(1, 11)
    ]
    assert [services.fee_item_number(a) for a in apps] == list(range(1, 12))
    assert services.fee_for(apps[9]) == (0, "按件计收，本申请为申请人2025年11月向本机关提出的第10件申请")
    assert services.fee_for(apps[10])[0] == 100  # legal-rules §6.2: items 11–30 at 100 元


def test_another_month_another_agency_and_correction_requests_do_not_count(world, per_item):
    for n in range(10):
        make_application(per_item, received=D(2025, 10, 6 + n), description=f"十月{n}")  # October
        make_application(world.b, received=D(2025, 11, 4), description=f"他机关{n}")  # another agency
        make_application(
            per_item, received=D(2025, 11, 4), kind="correction", description=f"更正{n}"
        )  # art. 41
    late = make_application(per_item, received=D(2025, 11, 20), description="本月第二件")
    assert services.fee_item_number(world.app_a) == 1
    assert services.fee_item_number(late) == 2
