"""The handler's worklist: every open application with the working days left on its statutory clock,
the due-soon and overdue counts on the tabs, and pages of 50 for an office with many records.

李四's application was received on Monday 2025-11-03; its reply is due on Monday 2025-12-01
(legal-rules §4.5 example C)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from tests.web.fixtures import make_application


@pytest.fixture
def on(monkeypatch):
    def pin(day: dt.date) -> None:
        monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: day)

    return pin


def row_of(page: str, query_code: str) -> str:
    return next(row for row in re.findall(r"<tr.*?</tr>", page, flags=re.S) if query_code in row)


def test_a_week_before_the_deadline_the_handler_sees_six_working_days_left(client, world, on):
    on(dt.date(2025, 11, 24))  # Mon 24th–Fri 28th and Mon 1 December: six working days
    client.force_login(world.lisi)
    row = row_of(client.get("/staff/applications/").content.decode(), world.app_a.query_code)
    assert "2025-12-01" in row and "剩余 6 个工作日" in row and "2025-11-03" in row
    assert "2024年度区财政预算执行情况报告" in row  # what was asked for, so the row can be recognised


def test_on_the_deadline_day_one_working_day_is_left(client, world, on):
    on(dt.date(2025, 12, 1))
    client.force_login(world.lisi)
    row = row_of(client.get("/staff/applications/").content.decode(), world.app_a.query_code)
    assert "剩余 1 个工作日" in row and "已超期" not in row


def test_two_working_days_after_the_deadline_the_row_and_the_tab_say_overdue(client, world, on):
    on(dt.date(2025, 12, 3))  # Tue 2nd and Wed 3rd December have passed since the deadline
    client.force_login(world.lisi)
    page = client.get("/staff/applications/").content.decode()
    assert "已超期 2 个工作日" in row_of(page, world.app_a.query_code)
    overdue_tab = re.search(r'<a href="\?view=overdue"[^>]*>(.*?)</a>', page).group(1)
    assert re.search(r'class="badge err">1<', overdue_tab)


def test_another_agencys_application_is_neither_listed_nor_counted(client, world, on):
    on(dt.date(2025, 12, 3))
    client.force_login(world.lisi)
    page = client.get("/staff/applications/?view=all").content.decode()
    assert world.app_b.query_code not in page
    assert "共 1 件" in page


def test_an_office_with_many_applications_gets_them_fifty_to_a_page_in_deadline_order(client, world, on):
    on(dt.date(2025, 11, 4))
    later = [
        make_application(world.a, received=dt.date(2025, 11, 3) + dt.timedelta(days=1 + i % 20))
        for i in range(55)
    ]
    client.force_login(world.lisi)
    first = client.get("/staff/applications/").content.decode()
    assert "共 56 件" in first and "第 1 / 2 页" in first
    assert len(re.findall(r'href="/staff/applications/\d+/"', first)) == 50
    second = client.get("/staff/applications/?view=open&page=2").content.decode()
    assert len(re.findall(r'href="/staff/applications/\d+/"', second)) == 6
    assert "上一页" in second and "下一页" not in second
    listed = re.findall(r"<td[^>]*>(\d{4}-\d{2}-\d{2})", first + second)
    due_dates = [d for d in listed if d >= "2025-12-01"]  # the deadline column, not the receipt dates
    assert due_dates == sorted(due_dates) and len(due_dates) == 56
    assert {a.query_code for a in later} <= set(re.findall(r">(GK\w+)</a>", first + second))


def test_the_handler_finds_an_application_by_the_applicants_name_and_the_supervisor_does_not(
    client, world, on
):
    on(dt.date(2025, 11, 24))
    client.force_login(world.lisi)
    assert world.app_a.query_code in client.get("/staff/applications/?view=all&q=张三").content.decode()
    client.force_login(world.zhaoliu)  # sees the subtree, names masked: a name search would unmask them
    page = client.get("/staff/applications/?view=all&q=张三").content.decode()
    assert world.app_a.query_code not in page and "共 0 件" in page
    by_code = client.get(f"/staff/applications/?view=all&q={world.app_a.query_code}").content.decode()
    assert world.app_a.query_code in by_code


def test_the_worklist_searches_and_shows_overdue(client, world):
    client.force_login(world.lisi)
    assert world.app_a.query_code in client.get("/staff/applications/?q=预算").content.decode()
    assert world.app_a.query_code not in client.get("/staff/applications/?q=不存在的内容").content.decode()
    # today (the real date) is after 2025-12-01, so the demo application is overdue
    assert world.app_a.query_code in client.get("/staff/applications/?view=overdue").content.decode()


def test_on_the_day_of_receipt_all_twenty_working_days_are_left(client, world, on):
    # 条例第三十三条: 20 working days from receipt; the day of receipt itself is not counted.
    on(dt.date(2025, 11, 3))
    client.force_login(world.lisi)
    row = row_of(client.get("/staff/applications/").content.decode(), world.app_a.query_code)
    assert "剩余 20 个工作日" in row


def test_on_the_first_day_of_the_period_twenty_working_days_are_left_today_included(client, world, on):
    on(dt.date(2025, 11, 4))  # Tue 4 November … Mon 1 December: 20 working days
    client.force_login(world.lisi)
    row = row_of(client.get("/staff/applications/").content.decode(), world.app_a.query_code)
    assert "剩余 20 个工作日" in row


def test_after_a_corrected_application_the_period_left_counts_from_its_receipt(client, world, on):
    from gongkai_web.applications import services

    from .fixtures import clock_at

    services.request_correction(
        world.app_a,
        items=["请补充文号"],
        sent_on=dt.date(2025, 11, 4),
        actor=world.lisi,
        clock=clock_at(dt.date(2025, 11, 4)),
    )
    world.app_a.refresh_from_db()
    services.receive_correction(
        world.app_a,
        received_on=dt.date(2025, 11, 10),
        actor=world.lisi,
        clock=clock_at(dt.date(2025, 11, 10)),
    )
    on(dt.date(2025, 11, 10))  # the day the corrected application came in: 20 working days ahead
    client.force_login(world.lisi)
    row = row_of(client.get("/staff/applications/").content.decode(), world.app_a.query_code)
    assert "2025-12-08" in row and "剩余 20 个工作日" in row
