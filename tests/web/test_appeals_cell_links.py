"""Every figure of table 4 on a report record's page links to the appeals worklist filtered to the cases it
counts (issue 16): the agency's subtree, the year the copy was received, kind and route, the column as of
31 December; a co-defendant's record is not listed. The expected figures are counted by hand below."""

from __future__ import annotations

import datetime as dt
import re
from html import unescape

import pytest

from gongkai_web.appeals import services
from gongkai_web.reports import services as report_services
from gongkai_web.reports.build import build_report
from gongkai_web.reports.cell_records import cell_links

from .appeals_world import make_case
from .fixtures import clock_at, make_user

D = dt.date
pytestmark = pytest.mark.django_db

#: By hand, for the cases of ``_world``: agency A's (and so the district's) table 4 of 2023.
EXPECTED_2023 = {
    "reconsideration": {"upheld": 1, "corrected": 1, "other": 0, "pending": 1, "total": 3},
    "litigation_direct": {"upheld": 0, "corrected": 1, "other": 0, "pending": 0, "total": 1},
    "litigation_after_reconsideration": {"upheld": 0, "corrected": 0, "other": 0, "pending": 1, "total": 1},
}


def _decided(case, disposition, on, world):
    services.record_decision(case, disposition=disposition, decided_on=on, actor=world.lisi)


def _world(world):
    """A in 2023: a 复议 upheld, one revoked, one revoked only in January 2024 (尚未审结 on 31 December); a
    direct suit lost; a suit after 复议 pending, which the district also records as co-defendant. A 复议 of
    2022 (another year) and one of agency B (another district)."""
    _decided(make_case(world, received=D(2023, 3, 1)), "upheld", D(2023, 5, 1), world)
    _decided(make_case(world, received=D(2023, 4, 1)), "revoked", D(2023, 8, 1), world)
    _decided(make_case(world, received=D(2023, 12, 1)), "revoked", D(2024, 1, 20), world)
    direct = make_case(world, kind="litigation", route="direct", received=D(2023, 4, 1))
    _decided(direct, "confirmed_unlawful", D(2023, 9, 1), world)
    make_case(world, kind="litigation", route="after_review", received=D(2023, 6, 1))
    government = make_user("gov-handler", world.district, "handler")
    make_case(
        world,
        agency=world.district,
        actor=government,
        kind="litigation",
        route="after_review",
        role="co_defendant",
        received=D(2023, 6, 1),
        applications=[],
    )
    make_case(world, received=D(2022, 11, 1))
    make_case(world, agency=world.b, actor=world.wangwu, received=D(2023, 5, 1), applications=[world.app_b])


def _listed(client, href: str) -> int:
    response = client.get(href)
    assert response.status_code == 200
    return len(response.context["rows"])


def _appeal_links(links: dict[str, str]) -> dict[str, str]:
    return {address: href for address, href in links.items() if address.startswith("appeals.")}


def test_each_table_4_figure_of_the_record_page_links_to_exactly_the_cases_it_counts(world, client):
    _world(world)
    record = report_services.draft_report(world.a, 2023, actor=world.lisi, clock=clock_at(D(2024, 1, 20)))
    client.force_login(world.lisi)
    page = client.get(f"/staff/reports/records/{record.pk}/").content.decode()
    found = dict(re.findall(r'data-address="(appeals\.[a-z_]+\.[a-z_]+)"><a href="([^"]+)">', page))
    assert len(found) == 15
    for group, columns in EXPECTED_2023.items():
        for column, expected in columns.items():
            assert _listed(client, unescape(found[f"appeals.{group}.{column}"])) == expected, (group, column)


def test_the_supervising_office_sees_its_subtree_and_another_districts_handler_gets_nothing(world, client):
    _world(world)
    report = build_report(world.district, 2023)
    links = _appeal_links(cell_links(report, 0, 2023, world.district))
    client.force_login(world.zhaoliu)
    for address, href in links.items():
        _, group, column = address.split(".")
        assert _listed(client, href) == EXPECTED_2023[group][column] == report.cells[address], address
    client.force_login(world.wangwu)
    assert all(_listed(client, href) == 0 for href in links.values())


def test_the_heading_states_the_filter_and_the_count(world, client):
    _world(world)
    client.force_login(world.lisi)
    query = f"agency={world.a.code}&year=2023&group=reconsideration&column=corrected"
    page = client.get(f"/staff/appeals/?{query}").content.decode()
    assert "渝中区财政局 · 2023年 · 行政复议 · 结果纠正：1件" in page
    page = client.get("/staff/appeals/?year=2023&group=litigation_direct&column=total").content.decode()
    assert "2023年 · 未经复议直接起诉 · 总计：1件" in page


@pytest.mark.parametrize(
    "query",
    ["year=abc&group=reconsideration&column=total", "year=2023&group=nonsense&column=total", "year=2023"],
)
def test_a_bad_filter_gets_a_chinese_message_not_a_list(world, client, query):
    _world(world)
    client.force_login(world.lisi)
    response = client.get(f"/staff/appeals/?{query}")
    assert response.status_code == 400
    text = response.content.decode()
    assert 'role="alert"' in text and re.search(r'class="error">[^<]*[\u4e00-\u9fff]', text)
    assert "rows" not in response.context
