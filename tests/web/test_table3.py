"""Table 3 counted from records (format §3.3), on a small set of applications checked by hand,
and the staff page and downloads with their access rules."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import json

import pytest
from openpyxl import load_workbook

from gongkai.report.validate import validate
from gongkai_web.applications.models import Application, Status
from gongkai_web.reports.table3 import build_table3, subtree_applications

from .fixtures import PASSWORD, SHANGHAI, log_in

_codes = itertools.count(1)
D = dt.date


def record(
    agency,
    *,
    received: dt.date | None,
    concluded: dt.date | None = None,
    outcome: str = "",
    column: str = "natural_person",
    status: str | None = None,
) -> Application:
    """One application row as the services leave it (dates and outcome are what table 3 reads)."""
    arrived = received or D(2023, 12, 31)
    return Application.objects.create(
        agency=agency,
        query_code=f"T3{next(_codes):08d}",
        secret_digest="x",
        name="某申请人",
        phone="13800138000",
        applicant_type="citizen" if column == "natural_person" else "organisation",
        report_column=column,
        description="某信息",
        info_form="electronic",
        channel="online",
        arrived_at=dt.datetime(arrived.year, arrived.month, arrived.day, 10, tzinfo=SHANGHAI),
        received_on=received,
        outcome=outcome,
        concluded_on=concluded,
        status=status or (Status.CLOSED if concluded else Status.IN_PROGRESS),
    )


@pytest.fixture
def records(world):
    a, b, district = world.a, world.b, world.district
    # world.app_a / app_b were received in November 2025: outside 2023, they must not count.
    record(a, received=D(2022, 12, 20), concluded=D(2023, 1, 10), outcome="granted")  # carried over, granted
    record(a, received=D(2022, 11, 1), concluded=D(2022, 12, 1), outcome="granted")  # all in 2022: nothing
    record(a, received=D(2022, 12, 28))  # open since 2022
    record(a, received=D(2023, 3, 1))  # new, still open
    record(a, received=D(2023, 12, 30), concluded=D(2024, 1, 5), outcome="granted")  # new, open on 31 Dec
    record(
        a, received=D(2023, 12, 31), concluded=D(2023, 12, 31), outcome="partly_granted", column="commercial"
    )  # new, concluded same day
    record(a, received=D(2023, 5, 5), concluded=D(2023, 5, 6), outcome="other", status=Status.WITHDRAWN)
    record(
        a,
        received=D(2023, 6, 1),
        concluded=D(2023, 6, 20),
        outcome="not_this_agency",
        column="legal_services",
    )
    record(a, received=None)  # awaiting confirmation
    record(a, received=D(2024, 1, 2))  # next year
    record(district, received=D(2023, 2, 2), concluded=D(2023, 2, 20), outcome="withheld_third_party")
    record(b, received=D(2023, 2, 2), concluded=D(2023, 2, 20), outcome="granted", column="research")
    return world


def cell(report, row, column):
    return report.get(f"requests.{row}.{column}")


def test_it_counts_received_open_concluded_and_carried_applications_by_the_formats_rules(records):
    report = build_table3(records.a, 2023)
    # By hand: new = 3/1, 12/30, 5/5 (natural) + 12/31 (commercial) + 6/1 (legal services).
    assert [cell(report, "new", c) for c in ("natural_person", "commercial", "legal_services", "total")] == [
        3,
        1,
        1,
        5,
    ]
    # Received in 2022 and open on 1 January 2023: 12/20 and 12/28.
    assert cell(report, "carried_over", "natural_person") == 2
    assert cell(report, "granted", "natural_person") == 1
    assert cell(report, "partly_granted", "commercial") == 1
    assert cell(report, "other.other", "natural_person") == 1  # the withdrawal (format §3.3)
    assert cell(report, "unable.not_held", "legal_services") == 1  # 36(五) lands in （四）1 (legal-rules §9)
    assert cell(report, "total", "total") == 4
    # Open on 31 December: 12/28 (2022), 3/1, and 12/30 (concluded only in 2024).
    assert cell(report, "carried_forward", "natural_person") == 3
    assert cell(report, "carried_forward", "total") == 3
    assert cell(report, "new", "research") == 0


def test_the_counted_table_passes_every_identity_of_the_core(records):
    for report in (build_table3(records.a, 2023), build_table3(subtree_applications(records.district), 2023)):
        assert [f for f in validate(report) if f.code in {"I1", "I2", "I3", "I4"}] == []


def test_a_subtree_counts_the_government_and_its_departments_but_not_another_district(records):
    report = build_table3(subtree_applications(records.district), 2023)
    assert cell(report, "new", "total") == 6
    assert cell(report, "withheld.third_party", "natural_person") == 1
    assert cell(report, "granted", "research") == 0  # agency B is in another district


def test_a_year_before_2021_is_counted_in_the_2019_format_with_one_other_row(records):
    record(
        records.a, received=D(2020, 5, 5), concluded=D(2020, 5, 6), outcome="other", status=Status.WITHDRAWN
    )
    report = build_table3(records.a, 2020)
    assert report.format == "2019"
    assert cell(report, "other", "natural_person") == 1


def test_it_needs_two_queries_whatever_the_number_of_applications(records, django_assert_num_queries):
    with django_assert_num_queries(2):
        build_table3(subtree_applications(records.district), 2023)


# ── the staff page ───────────────────────────────────────────────────────────────────────────


def _login(client, username):
    assert log_in(client, username, PASSWORD)
    return client


def test_the_supervising_office_sees_its_subtree_and_downloads_it_as_json(records, client):
    _login(client, "zhaoliu")
    page = client.get(
        "/staff/reports/table3/", {"agency": records.district.pk, "scope": "subtree", "year": 2023}
    )
    assert page.status_code == 200
    assert "一、本年新收政府信息公开申请数量" in page.content.decode()
    data = json.loads(client.get(f"/staff/reports/table3/{records.district.code}/subtree/2023.json").content)
    assert data["requests"]["new"][-1] == 6 and data["year"] == 2023


def test_a_handler_downloads_their_agencys_table_as_xlsx_with_the_counted_figures(records, client):
    _login(client, "lisi")
    response = client.get(f"/staff/reports/table3/{records.a.code}/agency/2023.xlsx")
    assert response.status_code == 200
    sheet_values = [
        v
        for ws in load_workbook(io.BytesIO(response.content)).worksheets
        for row in ws.iter_rows(values_only=True)
        for v in row
    ]
    assert "一、本年新收政府信息公开申请数量" in sheet_values


@pytest.mark.parametrize(
    "username, target, scope",
    [
        ("lisi", "district", "subtree"),  # a handler may not see the district's roll-up
        ("lisi", "b", "agency"),  # nor another agency
        ("wangwu", "a", "agency"),
        ("zhaoliu", "b", "agency"),  # B is outside the supervised district
        ("zhaoliu", "b", "subtree"),
        ("lisi", "a", "subtree"),  # a handler's own agency has no subtree view
    ],
)
def test_anyone_outside_the_scope_gets_a_404_on_the_page_and_the_download(
    records, client, username, target, scope
):
    _login(client, username)
    agency = getattr(records, target)
    assert (
        client.get("/staff/reports/table3/", {"agency": agency.pk, "scope": scope, "year": 2023}).status_code
        == 404
    )
    assert client.get(f"/staff/reports/table3/{agency.code}/{scope}/2023.json").status_code == 404


def test_an_applicant_and_an_anonymous_visitor_never_see_table_3(records, client):
    _login(client, "zhangsan")
    assert client.get("/staff/reports/table3/").status_code == 404
    client.logout()
    assert client.get("/staff/reports/table3/").status_code == 302  # to the login page
