"""Once next year's holiday schedule is loaded, provisional deadlines are recomputed by a command:
audited, and never silently moving a deadline that has already passed (docs/statute.md decision 9).

An application received on Monday 2026-12-14 while 2027 is unknown: counting weekends and the fixed
holidays of 《全国年节及纪念日放假办法》, the 20th working day is Tuesday 2027-01-12 (Dec 15–18, 21–25,
28–31 are 13 days; Fri 1 Jan, 元旦, is off; Jan 4–8 the 14th–18th; Jan 11–12 the 19th–20th). With a
2027 schedule that also rests on Monday 4 January (a 补假 the notice alone can say) it is Wednesday
2027-01-13."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
from django.core.management import call_command

from gongkai import workdays
from gongkai_web.audit.models import AuditEntry
from tests.web.fixtures import make_application

RECEIVED = dt.date(2026, 12, 14)


@pytest.fixture
def provisional(world):
    app = make_application(world.a, received=RECEIVED)
    app.refresh_from_db()
    assert (app.due_on, app.due_provisional) == (dt.date(2027, 1, 12), True)
    return app


@pytest.fixture
def schedule_2027_loaded(tmp_path, monkeypatch):
    path = tmp_path / "workdays.json"
    path.write_text(
        json.dumps(
            {
                "years": {"2027": {"notice": "测试用通知", "rest": ["2027-01-01", "2027-01-04"], "work": []}},
                "regions": {},
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setitem(workdays._DEFAULT, None, workdays.WorkdayCalendar(workdays.load_data(path)))


def run(monkeypatch, today: dt.date, *args: str) -> str:
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: today)
    out = io.StringIO()
    call_command("refresh_deadlines", *args, stdout=out)
    return out.getvalue()


def test_a_provisional_deadline_moves_to_the_published_schedule_with_an_audit_entry(
    provisional, schedule_2027_loaded, monkeypatch
):
    output = run(monkeypatch, dt.date(2026, 12, 15))
    provisional.refresh_from_db()
    assert (provisional.due_on, provisional.due_provisional) == (dt.date(2027, 1, 13), False)
    assert "2027-01-12 → 2027-01-13" in output
    entry = AuditEntry.objects.get(action="applications.deadline_recomputed", object_id=str(provisional.pk))
    assert entry.data["old"] == "2027-01-12" and entry.data["new"] == "2027-01-13"


def test_a_dry_run_says_what_would_change_and_changes_nothing(provisional, schedule_2027_loaded, monkeypatch):
    output = run(monkeypatch, dt.date(2026, 12, 15), "--dry-run")
    provisional.refresh_from_db()
    assert (provisional.due_on, provisional.due_provisional) == (dt.date(2027, 1, 12), True)
    assert "试运行" in output and "2027-01-12 → 2027-01-13" in output
    assert not AuditEntry.objects.filter(action="applications.deadline_recomputed").exists()


def test_a_provisional_deadline_already_passed_is_only_listed_unless_asked(
    provisional, schedule_2027_loaded, monkeypatch
):
    output = run(monkeypatch, dt.date(2027, 1, 20))
    provisional.refresh_from_db()
    assert provisional.due_on == dt.date(2027, 1, 12) and "已过，未改动" in output
    run(monkeypatch, dt.date(2027, 1, 20), "--include-past")
    provisional.refresh_from_db()
    assert (provisional.due_on, provisional.due_provisional) == (dt.date(2027, 1, 13), False)


def test_without_the_schedule_nothing_changes_and_the_deadline_stays_provisional(provisional, monkeypatch):
    output = run(monkeypatch, dt.date(2026, 12, 15))
    provisional.refresh_from_db()
    assert (provisional.due_on, provisional.due_provisional) == (dt.date(2027, 1, 12), True)
    assert "仍为临时期限 1 件" in output
