"""What a 主动公开事项目录 item owes and by when. Every expected date is counted by hand on the 2023
calendar (国办发明电〔2022〕16号: 4月5日 清明; 4月29日–5月3日 劳动节 with Sunday 4月23日 a working day;
9月29日–10月6日 中秋/国庆 with Saturday 10月7日 and Sunday 10月8日 working days), the first day not counted."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.publications import catalogue as core
from gongkai.publications.catalogue import CatalogueError, Linked, TimeLimit

D = dt.date
STATUTE = TimeLimit()  # 20 working days, 条例第二十六条
NEW_YEAR = D(2023, 1, 1)


def status(periodicity="on_change", *, linked=(), today, horizon=None, since=NEW_YEAR, limit=STATUTE, **kw):
    return core.item_status(
        limit=limit,
        periodicity=periodicity,
        since=since,
        linked=linked,
        today=today,
        horizon=horizon or today,
        **kw,
    )


def test_the_default_time_limit_is_the_statute_s_twenty_working_days():
    assert (STATUTE.amount, STATUTE.unit) == (20, "workdays")
    # 1 March 2023 (Wednesday): 2, 3, 6–10, 13–17, 20–24, 27, 28, 29 March are the 20 working days.
    assert STATUTE.due(D(2023, 3, 1)) == D(2023, 3, 29)


def test_working_days_skip_the_national_day_holiday_and_count_its_weekend_working_days():
    # Formed Thursday 28 Sep: 29 Sep–6 Oct off; Sat 7 and Sun 8 Oct are days 1 and 2; 9–13 (7),
    # 16–20 (12), 23–27 (17), 30, 31 Oct (19), 1 Nov (20).
    assert STATUTE.due(D(2023, 9, 28)) == D(2023, 11, 1)


def test_a_limit_in_calendar_days_counts_every_day():
    # 条例第四十九条: the annual report by 31 January — 31 days after 31 December.
    assert TimeLimit(31, "days").due(D(2023, 12, 31)) == D(2024, 1, 31)


def test_a_time_limit_outside_one_to_366_or_in_an_unknown_unit_is_refused():
    for amount, unit in [(0, "workdays"), (400, "days"), (5, "hours")]:
        with pytest.raises(CatalogueError):
            TimeLimit(amount, unit)


def test_the_time_limit_reads_as_the_catalogue_writes_it():
    assert core.time_limit_text(STATUTE) == "信息形成或变更之日起20个工作日内"
    assert core.time_limit_text(TimeLimit(31, "days"), "yearly") == "年度结束之日起31日内"


def test_period_ends_are_the_last_days_of_years_quarters_and_months():
    assert core.period_end(D(2023, 5, 17), "quarterly") == D(2023, 6, 30)
    assert core.period_end(D(2024, 2, 3), "monthly") == D(2024, 2, 29)
    assert core.period_end(D(2023, 5, 17), "yearly") == D(2023, 12, 31)
    assert core.period_ends(D(2023, 2, 10), D(2023, 10, 1), "quarterly") == [
        D(2023, 3, 31),
        D(2023, 6, 30),
        D(2023, 9, 30),
    ]


def test_an_unpublished_document_is_due_on_its_last_day_and_overdue_the_day_after():
    draft = [Linked(1, D(2023, 3, 1), None)]
    on_the_day = status(linked=draft, today=D(2023, 3, 29))
    assert (on_the_day.state, on_the_day.due) == ("due_soon", D(2023, 3, 29))
    assert status(linked=draft, today=D(2023, 3, 30)).state == "overdue"
    # A week before, outside a horizon of 3 days it is only pending.
    assert status(linked=draft, today=D(2023, 3, 22), horizon=D(2023, 3, 27)).state == "pending"


def test_a_document_published_even_late_meets_its_item():
    late = [Linked(1, D(2023, 3, 1), D(2023, 4, 3))]
    assert status(linked=late, today=D(2023, 4, 10)).state == "met"


def test_the_earliest_overdue_document_decides_an_item_with_several():
    docs = [
        Linked(1, D(2023, 3, 1), None),
        Linked(2, D(2023, 9, 28), None),
        Linked(3, D(2023, 2, 1), D(2023, 2, 3)),
    ]
    found = status(linked=docs, today=D(2023, 10, 9))
    assert (found.state, found.due, found.obligation.document) == ("overdue", D(2023, 3, 29), 1)
    assert [o.document for o in found.open_obligations] == [1, 2]


def test_an_item_on_change_without_documents_owes_nothing_yet():
    assert status(today=D(2023, 6, 1)).state == "nothing_due"


def test_a_quarterly_item_is_due_twenty_working_days_after_the_quarter_and_overdue_after():
    # Q1 ends Friday 31 Mar: 3, 4 Apr (2), 5 Apr 清明 off, 6–7 (4), 10–14 (9), 17–21 (14),
    # Sunday 23 Apr (15), 24–28 (20): due 28 Apr.
    soon = status("quarterly", today=D(2023, 4, 24), horizon=D(2023, 5, 4))
    assert (soon.state, soon.due, soon.obligation.trigger) == ("due_soon", D(2023, 4, 28), D(2023, 3, 31))
    assert status("quarterly", today=D(2023, 5, 4)).state == "overdue"


def test_a_period_is_met_only_by_a_publication_on_or_after_its_end():
    before_end = [Linked(1, None, D(2023, 3, 15))]
    assert status("quarterly", linked=before_end, today=D(2023, 5, 4)).state == "overdue"
    after_end = [Linked(2, None, D(2023, 4, 20))]
    assert status("quarterly", linked=after_end, today=D(2023, 5, 4)).state == "met"


def test_periods_before_the_item_entered_the_catalogue_owe_nothing():
    limit = TimeLimit(31, "days")
    assert status("yearly", since=D(2023, 6, 1), today=D(2023, 6, 10), limit=limit).state == "nothing_due"
    on_time = status("yearly", since=D(2023, 6, 1), today=D(2024, 1, 31), limit=limit)
    assert (on_time.state, on_time.due) == ("due_soon", D(2024, 1, 31))
    assert status("yearly", since=D(2023, 6, 1), today=D(2024, 2, 1), limit=limit).state == "overdue"


def test_a_retired_item_owes_nothing():
    assert (
        status(linked=[Linked(1, D(2023, 3, 1), None)], today=D(2023, 6, 1), retired=True).state
        == "nothing_due"
    )
