"""The demo reproduces the whole seed report from records (issue 16): the city's 2023 report drafted
from the simulated records — tables 3 and 4, section 六's fees with their split, and the narrative's
figures with the year-on-year changes against the published 2022 report — equals the seed's, every
expected figure typed from the seed (重庆市 2023, /work/shared/seeds/000_b7048197b128a89d.txt).

Runs on whichever database the settings select (``GONGKAI_DB=postgres`` for PostgreSQL)."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.management import call_command

from gongkai import outcomes
from gongkai.report.model import request_row_keys
from gongkai.report.read import read_report
from gongkai.report.restore import restore
from gongkai_web.agencies.models import Agency
from gongkai_web.applications.models import ApplicationEvent, EventKind
from gongkai_web.reports.drafting import draft_from_records
from gongkai_web.reports.models import ReportState
from gongkai_web.reports.queries import latest_version, published_report

SEED = "tests/fixtures/seed/000_b7048197b128a89d.txt"
#: The seed's sentences (section 一, line 8; section 四's rates; section 六, line 398), typed.
SEED_GENERAL = (
    "2023年，全市共收到政府信息公开申请10121件，较上年增长58.26%。",
    "全市共办结政府信息公开申请9862件（含上年度结转294件），其中予以公开及部分公开5990件，较上年增长43.37%。",
    "行政复议直接纠错率较去年下降0.66个百分点，行政诉讼败诉率较去年下降7.88个百分点。",
)
SEED_FEES = "2023年，全市共收取信息处理费6120元，其中规划自然资源系统收取3460元、北碚区收取2660元。"
#: Section 四 of the seed: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
SEED_TABLE_4 = {
    "reconsideration": [333, 94, 217, 60, 704],
    "litigation_direct": [308, 28, 208, 118, 662],
    "litigation_after_reconsideration": [145, 0, 21, 28, 194],
}


@pytest.fixture(scope="module")
def city(django_db_setup, django_db_blocker):
    """One full simulation per module (2022 and 2023), rolled back afterwards."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("simulate_demo", "--random-seed", "11", stdout=open("/dev/null", "w"))  # noqa: SIM115
            yield Agency.objects.get(name="重庆市人民政府")
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture(scope="module")
def drafted(city, django_db_blocker):
    with django_db_blocker.unblock():
        return draft_from_records(city, 2023)


def _table4(cells):
    columns = ("upheld", "corrected", "other", "pending", "total")
    return {g: [cells[f"appeals.{g}.{c}"] for c in columns] for g in SEED_TABLE_4}


@pytest.mark.django_db
def test_the_drafted_city_report_has_the_seeds_tables_3_and_4(drafted):
    report, _ = drafted
    seed = restore(read_report(SEED)).report
    for row in request_row_keys("2021"):
        assert report.request_row(row) == seed.request_row(row), row
    assert _table4(report.cells) == SEED_TABLE_4


@pytest.mark.django_db
def test_the_narrative_figures_are_the_seeds_derived_from_records_and_the_published_2022_report(drafted):
    _, figures = drafted
    assert (figures.received, figures.received_change_pct) == (10121, Decimal("58.26"))
    assert (figures.concluded, figures.carried_over, figures.carried_forward) == (9862, 294, 553)
    assert (figures.granted_and_partly, figures.granted_and_partly_change_pct) == (5990, Decimal("43.37"))
    assert figures.reconsideration_correction_change_pp == Decimal("-0.66")
    assert figures.litigation_loss_change_pp == Decimal("-7.88")
    assert figures.fees_yuan == Decimal(6120)
    assert figures.fees_split == (("规划自然资源系统", Decimal(3460)), ("北碚区", Decimal(2660)))


@pytest.mark.django_db
def test_the_drafted_narrative_says_what_the_seed_says(drafted):
    report, _ = drafted
    for sentence in SEED_GENERAL:
        assert sentence in report.narrative.general
    assert "结转下年度继续办理553件。" in report.narrative.general
    assert report.narrative.other == SEED_FEES


@pytest.mark.django_db
def test_the_2022_city_report_was_published_through_the_workflow_with_the_figures_the_seed_implies(city):
    version = latest_version(city, 2022)
    assert version is not None and version.record.state == ReportState.PUBLISHED
    previous = published_report(city, 2022)
    # 10121 / 1.5826 and 5990 / 1.4337: the only whole numbers that give the seed's two growth rates.
    assert previous.get("requests.new.total") == 6395
    assert previous.get("requests.granted.total") + previous.get("requests.partly_granted.total") == 4178
    assert previous.get("requests.carried_forward.total") == 294  # what 2023 carries over


@pytest.mark.django_db
def test_the_fees_are_paid_events_on_granted_applications_in_the_two_groups(city):
    paid = ApplicationEvent.objects.filter(kind=EventKind.FEE_PAID, on__year=2023).select_related(
        "application__agency"
    )
    assert paid.count() == 10
    for event in paid:
        app = event.application
        assert outcomes.row_key(app.outcome) in {"granted", "partly_granted"}  # a fee before a disclosure
        assert app.received_on < event.on < app.concluded_on
        assert app.agency.name.endswith("规划和自然资源局") or app.agency.name.startswith("北碚区")


@pytest.mark.django_db
def test_build_report_for_the_whole_installation_prints_the_seeds_figures(city, capsysbinary):
    call_command("build_report", "--year", "2023", "--json")
    printed = json.loads(capsysbinary.readouterr().out)
    for sentence in SEED_GENERAL:
        assert sentence in printed["narrative"]["general"]
    assert printed["narrative"]["other"] == SEED_FEES
    assert printed["requests"]["new"][-1] == 10121
    assert printed["requests"]["carried_forward"][-1] == 553
