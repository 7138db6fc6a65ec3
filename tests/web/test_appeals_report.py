"""Table 4 in the report built from the records (``build_report`` and ``manage.py build_report --json``): the
cases the agency received in the year, as of 31 December, checked by the validator's T4 identity; the
co-defendant record of the 复议机关 is not counted (国办公开办函〔2016〕201号)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command

from gongkai.report.validate import validate
from gongkai_web.appeals import services
from gongkai_web.reports.build import build_report

from .appeals_world import make_case
from .fixtures import make_user

D = dt.date
pytestmark = pytest.mark.django_db


def _year_2023(world):
    """In 2023: a 复议 upheld, one pending at the year end (decided in 2024), a direct suit lost, and a suit
    after 复议 that the district government, as 复议机关, also records as co-defendant."""
    services.record_decision(
        make_case(world, received=D(2023, 3, 1)),
        disposition="upheld",
        decided_on=D(2023, 5, 1),
        actor=world.lisi,
    )
    late = make_case(world, received=D(2023, 12, 1))
    services.record_decision(late, disposition="revoked", decided_on=D(2024, 1, 20), actor=world.lisi)
    direct = make_case(world, kind="litigation", route="direct", received=D(2023, 4, 1))
    services.record_decision(
        direct, disposition="confirmed_unlawful", decided_on=D(2023, 9, 1), actor=world.lisi
    )
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


def test_the_report_of_the_district_carries_table_4_counted_once(world):
    _year_2023(world)
    report = build_report(world.district, 2023)
    cells = {k: v for k, v in report.cells.items() if k.startswith("appeals.")}
    assert cells["appeals.reconsideration.upheld"] == 1
    assert cells["appeals.reconsideration.pending"] == 1  # decided only in January 2024
    assert cells["appeals.reconsideration.total"] == 2
    assert cells["appeals.litigation_direct.corrected"] == cells["appeals.litigation_direct.total"] == 1
    assert cells["appeals.litigation_after_reconsideration.pending"] == 1  # not 2: the co-defendant's record
    assert cells["appeals.litigation_after_reconsideration.total"] == 1
    assert not [f for f in validate(report) if f.code.startswith("T4")]
    assert build_report(world.b, 2023).cells["appeals.reconsideration.total"] == 0  # B has none


def test_the_command_prints_table_4_in_the_json_schema(world, capsysbinary):
    _year_2023(world)
    call_command("build_report", "--year", "2023", "--agency", world.a.code, "--json")
    printed = json.loads(capsysbinary.readouterr().out)
    assert printed["appeals"]["reconsideration"] == {
        "upheld": 1,
        "corrected": 0,
        "other": 0,
        "pending": 1,
        "total": 2,
    }
    assert printed["appeals"]["litigation_direct"]["corrected"] == 1
