"""Working-day calendar coverage as staff see it: the core's ``coverage(today)``, the status page for
administrators and the supervising office, and the banner on the worklist while deadlines are
provisional. "Today" is pinned through ``calendar_status.today`` (the Django side's clock); the
years come from chinese_calendar 1.11.0, which carries 2004–2026 (legal-rules §5.1)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.contrib.auth.models import User

from gongkai import workdays
from gongkai_web.workcalendar import calendar_status

NOVEMBER_2026 = dt.date(
    2026, 11, 24
)  # 2027 not in chinese_calendar 1.11.0: deadlines crossing New Year guessed
JUNE_2026 = dt.date(2026, 6, 1)  # nothing computed today can reach 2027 yet


def data_file(tmp_path, years: dict) -> workdays.WorkdayCalendar:
    path = tmp_path / "workdays.json"
    path.write_text(json.dumps({"years": years, "regions": {}}), encoding="utf-8")
    return workdays.WorkdayCalendar(workdays.load_data(path))


SCHEDULE_2027 = {"2027": {"notice": "测试用通知", "rest": ["2027-01-01"], "work": []}}


@pytest.fixture
def on(monkeypatch):
    def pin(day: dt.date) -> None:
        monkeypatch.setattr(calendar_status, "today", lambda: day)

    return pin


@pytest.fixture
def calendar_with_2027(tmp_path, monkeypatch):
    monkeypatch.setitem(workdays._DEFAULT, None, data_file(tmp_path, SCHEDULE_2027))


# ── the core ─────────────────────────────────────────────────────────────────────────────────


def test_coverage_lists_the_librarys_years_and_the_data_files(tmp_path):
    plain = data_file(tmp_path, {}).coverage(NOVEMBER_2026)
    assert (plain.library, plain.library_version, plain.data_years) == ((2004, 2026), "1.11.0", ())
    assert (plain.this_year_known, plain.next_year_known, plain.last_known_year) == (True, False, 2026)
    assert plain.provisional and "2027" in plain.warning
    added = data_file(tmp_path, SCHEDULE_2027).coverage(NOVEMBER_2026)
    assert (added.data_years, added.next_year_known, added.last_known_year, added.warning) == (
        (2027,),
        True,
        2027,
        None,
    )


def test_coverage_warns_about_next_year_only_from_november_and_about_this_year_always(tmp_path):
    calendar = data_file(tmp_path, {})
    assert calendar.coverage(JUNE_2026).warning is None
    assert calendar.coverage(dt.date(2026, 10, 31)).warning is None
    assert calendar.coverage(dt.date(2026, 11, 1)).provisional
    january = calendar.coverage(dt.date(2027, 1, 4))
    assert not january.this_year_known and "今年（2027年）" in january.warning


# ── the status page ──────────────────────────────────────────────────────────────────────────


def test_the_supervisor_sees_which_deadlines_are_provisional_in_plain_words(client, world, on):
    on(NOVEMBER_2026)
    client.force_login(world.zhaoliu)
    page = client.get("/staff/status/calendar/").content.decode()
    assert "截至2026-11-24的状态" in page
    assert "答复期限为临时期限" in page and "尚未载入2027年的放假安排" in page
    assert "法定节日" in page and "您无需操作" in page
    for for_administrators in (
        "workdays.json",
        "GONGKAI_WORKDAYS_FILE",
        "chinese_calendar",
        "pyproject",
        "重新启动",
    ):
        assert for_administrators not in page


def test_the_administrator_sees_which_years_are_covered_and_where_to_add_the_next(client, world, on):
    on(NOVEMBER_2026)
    client.force_login(User.objects.create_superuser("root", "root@example.com", "x"))
    page = client.get("/staff/status/calendar/").content.decode()
    assert "chinese_calendar 1.11.0" in page and "2004—2026" in page
    assert "gongkai/data/workdays.json" in page and "GONGKAI_WORKDAYS_FILE" in page
    assert "国务院办公厅关于2027年部分节假日安排的通知" in page  # the example entry is for the missing year


def test_when_covered_the_page_says_so(client, world, on, calendar_with_2027):
    on(NOVEMBER_2026)
    client.force_login(world.zhaoliu)
    page = client.get("/staff/status/calendar/").content.decode()
    assert "工作日历覆盖今天计算的全部答复期限" in page and "答复期限为临时期限" not in page
    assert "已载入放假安排的最后一年：2027年" in page


def test_an_administrator_sees_the_page_and_a_handler_does_not(client, world, on):
    on(JUNE_2026)
    client.force_login(User.objects.create_superuser("root", "root@example.com", "x"))
    assert client.get("/staff/status/calendar/").status_code == 200
    client.force_login(world.qianqi)  # an approver is not the supervising office
    assert client.get("/staff/status/calendar/").status_code == 404


# ── the worklist banner ──────────────────────────────────────────────────────────────────────


def test_the_worklist_warns_every_staff_member_while_deadlines_are_provisional(client, world, on):
    on(NOVEMBER_2026)
    client.force_login(world.lisi)
    page = client.get("/staff/applications/").content.decode()
    assert "答复期限为临时期限" in page and "尚未载入2027年的放假安排" in page
    assert (
        "请告知系统管理员" in page and "/staff/status/calendar/" not in page
    )  # a handler has no status page
    assert "workdays.json" not in page and "chinese_calendar" not in page  # file paths are for administrators
    client.force_login(world.zhaoliu)
    page = client.get("/staff/applications/").content.decode()
    assert "/staff/status/calendar/" in page and "工作日历状态及处理办法" in page


@pytest.mark.parametrize("day", [JUNE_2026, NOVEMBER_2026])
def test_no_banner_when_the_calendar_covers_todays_deadlines(client, world, on, calendar_with_2027, day):
    on(day)
    client.force_login(world.lisi)
    page = client.get("/staff/applications/").content.decode()
    assert client.get("/staff/applications/").status_code == 200 and "答复期限为临时期限" not in page


def test_no_banner_in_june_even_though_next_year_is_not_yet_published(client, world, on):
    on(JUNE_2026)
    client.force_login(world.lisi)
    assert "答复期限为临时期限" not in client.get("/staff/applications/").content.decode()
