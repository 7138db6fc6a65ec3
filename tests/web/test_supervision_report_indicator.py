"""The indicator A4 of the standard set's version 2: the previous year's annual report published by the
statutory day (条例第五十条: 每年1月31日前) and passing its identities, counted from the report records.
Agency A's 2025 report is evaluated in the 2026 evaluation (deadline 31 January 2026). Personas:
supervision_world (赵六 evaluates, 钱七 publishes)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai import evaluation as core
from gongkai_web.reports import services as report_services
from gongkai_web.supervision.models import IndicatorSet
from gongkai_web.supervision.services import evaluations as services

from .fixtures import clock_at
from .report_world import drafted, in_review, published, revise

pytestmark = pytest.mark.django_db
D = dt.date


def version_two(world):
    services.create_indicator_set(
        world.district,
        name=core.STANDARD_SET_NAME,
        year=2026,
        indicators=core.STANDARD_INDICATORS,
        actor=world.zhaoliu,
    )
    return services.create_indicator_set(
        world.district,
        name=core.STANDARD_SET_NAME,
        year=2026,
        indicators=core.CURRENT_STANDARD_INDICATORS,
        actor=world.zhaoliu,
    )


MARCH = D(2026, 3, 1)


def a4(world, as_of=MARCH):
    evaluation = services.evaluate_agency(version_two(world), world.a, as_of=as_of, actor=world.zhaoliu)
    score = evaluation.scores.get(indicator__code="A4")
    return score.met, score.of


def test_the_new_version_adds_the_report_indicator_and_the_first_keeps_its_weights(world):
    two = version_two(world)
    one = IndicatorSet.objects.get(version=1)
    assert two.version == 2
    assert {i.code: i.weight for i in one.indicators.all()} == {
        "A1": 30,
        "A2": 25,
        "A3": 20,
        "B1": 15,
        "B2": 10,
    }
    assert {i.code: i.weight for i in two.indicators.all()} == {
        "A1": 25,
        "A2": 20,
        "A3": 15,
        "A4": 15,
        "B1": 15,
        "B2": 10,
    }
    assert two.indicators.get(code="A4").name == "年度报告按时公开且通过勾稽校验"


def test_a_report_published_by_31_january_passing_its_identities_meets_the_indicator(world):
    _record, version = published(world)  # published on 20 January 2026, identities pass
    assert version.bypass_reason == ""
    assert a4(world) == (1, 1)


def test_a_report_published_after_31_january_does_not(world):
    record = in_review(world)
    report_services.approve_and_publish(record, actor=world.qianqi, clock=clock_at(D(2026, 2, 3)))
    assert a4(world) == (0, 1)


def test_a_report_published_on_time_past_failed_identities_does_not(world):
    record = in_review(world, revise(drafted(world), world.lisi, general="本机关共收到政府信息公开申请5件。"))
    version = report_services.approve_and_publish(
        record, actor=world.qianqi, bypass_reason="含纸质申请4件尚未录入系统", clock=clock_at(D(2026, 1, 20))
    )
    assert version.bypass_reason
    assert a4(world) == (0, 1)


def test_no_report_by_the_day_after_the_deadline_fails(world):
    assert a4(world, as_of=D(2026, 2, 1)) == (0, 1)


def test_before_the_deadline_a_missing_report_is_not_measured(world):
    assert a4(world, as_of=D(2026, 1, 15)) == (None, None)


def test_a_report_published_after_the_day_of_evaluation_is_not_known_yet(world):
    published(world)  # 20 January 2026
    assert a4(world, as_of=D(2026, 1, 15)) == (None, None)
