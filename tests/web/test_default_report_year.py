"""The staff pages of table 4, the report records and the roll-up open on last calendar year (a year's report
is published in the next, 条例第四十九条); when that year has no records yet but an earlier one has, on the
latest such year (cases for table 4, applications for the records and the roll-up)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from gongkai.report.default_year import default_report_year

from .appeals_world import make_case
from .fixtures import make_agency, make_application, make_user

pytestmark = pytest.mark.django_db
LAST = timezone.localdate().year - 1


def test_the_rule_keeps_last_year_unless_only_an_earlier_year_has_records():
    today = dt.date(2026, 3, 1)
    assert default_report_year(today, None) == 2025
    assert default_report_year(today, 2025) == 2025
    assert default_report_year(today, 2022) == 2022


def _agency_of_old_years(received: dt.date):
    """An agency (with its handler) whose only application arrived on ``received``."""
    agency = make_agency("北碚区档案馆")
    handler = make_user("beibei", agency, "handler")
    make_application(agency, received=received)
    return agency, handler


def test_table_4_opens_on_the_latest_year_with_cases_and_else_on_last_year(world, client):
    make_case(world, received=dt.date(LAST - 3, 5, 1))
    make_case(world, received=dt.date(LAST - 2, 5, 1))
    make_case(world, received=dt.date(LAST + 1, 1, 5))  # this year's: not a report year yet
    client.force_login(world.lisi)
    assert client.get("/staff/appeals/table4/").context["year"] == LAST - 2
    client.force_login(world.wangwu)  # agency B has no cases at all
    assert client.get("/staff/appeals/table4/").context["year"] == LAST
    make_case(world, received=dt.date(LAST, 2, 1))
    client.force_login(world.zhaoliu)  # the district sees A's case of last year
    assert client.get("/staff/appeals/table4/").context["year"] == LAST


def test_the_records_page_offers_the_latest_year_with_applications(world, client):
    _, handler = _agency_of_old_years(dt.date(LAST - 2, 6, 3))
    client.force_login(handler)
    assert client.get("/staff/reports/records/").context["form"].initial["year"] == LAST - 2


def test_the_rollup_opens_on_the_latest_year_with_applications(world, client):
    agency, handler = _agency_of_old_years(dt.date(LAST - 2, 6, 3))
    client.force_login(handler)
    response = client.get("/staff/reports/rollup/")
    assert response.status_code == 302
    assert response["Location"] == f"/staff/reports/rollup/{agency.code}/{LAST - 2}/"


def test_pages_open_on_last_year_when_it_has_applications(world, client):
    agency, handler = _agency_of_old_years(dt.date(LAST - 2, 6, 3))
    make_application(agency, received=dt.date(LAST, 6, 3))
    client.force_login(handler)
    assert client.get("/staff/reports/records/").context["form"].initial["year"] == LAST
    assert client.get("/staff/reports/rollup/")["Location"] == f"/staff/reports/rollup/{agency.code}/{LAST}/"
