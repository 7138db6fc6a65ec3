"""条例第三十五条 (legal-rules §3): a reasonable later reply deadline, set through the core clock's
``ReasonableTimeNotice``, audited, refused when the law or the state does not allow it. Dates:
agency A's application arrived Monday 2025-11-03, plain deadline 2025-12-01 (legal-rules §4.5 C)."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_web.applications import services
from gongkai_web.applications.errors import ApplicationError
from gongkai_web.audit.models import AuditEntry

from .fixtures import clock_at

D = dt.date
NOTIFIED = D(2025, 11, 20)


def _notify(world, until, *, on=NOTIFIED, reason="同一申请人一个月内提出120件申请"):
    return services.notify_reasonable_time(world.app_a, actor=world.lisi, until=until, reason=reason, notified_on=on,
                                           clock=clock_at(on))


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
    services.start_consultation(world.app_a, consultee_kind="agency", consultee="市规划局", sent_on=D(2025, 11, 5),
                                actor=world.lisi, clock=clock_at(D(2025, 11, 5)))
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
        services.approve_extension(world.app_a, workdays=10, reason="数量大", notified_on=D(2025, 11, 21),
                                   actor=world.qianqi, clock=clock_at(D(2025, 11, 21)))
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
