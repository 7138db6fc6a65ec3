"""The demo simulation: records only, from which the city-wide table 3 for 2023 is counted and must
equal the seed's table 3 as the core reads it from the fixture, figure for figure.

Runs on whichever database the settings select (``GONGKAI_DB=postgres`` for PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db.models import F

from gongkai.report.model import ACTIVE_2021_ADDRESSES, request_row_keys
from gongkai.report.read import read_report
from gongkai.report.restore import restore
from gongkai_web.agencies.models import Agency, Kind
from gongkai_web.applications.models import Application, ApplicationEvent, EventKind
from gongkai_web.publications.models import Document, Effect
from gongkai_web.publications.queries import validity_of
from gongkai_web.reports.build import build_report
from gongkai_web.reports.table3 import build_table3, subtree_applications

SEED = "tests/fixtures/seed/000_b7048197b128a89d.txt"


@pytest.fixture(scope="module")
def simulated(django_db_setup, django_db_blocker):
    """One full simulation per test module (10k applications), rolled back afterwards."""
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


@pytest.fixture
def seed():
    return restore(read_report(SEED)).report


@pytest.mark.django_db
def test_the_city_wide_table_3_counted_from_the_simulated_records_equals_the_seeds(simulated, seed):
    counted = build_table3(subtree_applications(simulated), 2023)
    for row in request_row_keys("2021"):
        assert counted.request_row(row) == seed.request_row(row), row
    # The seed's printed figures, independently of the reader: 10121 new, 294 carried over, 553 forward.
    assert counted.request_row("new")[-1] == 10121
    assert counted.request_row("carried_over")[-1] == 294
    assert counted.request_row("carried_forward")[-1] == 553


@pytest.mark.django_db
def test_the_city_wide_table_2_counted_from_the_simulated_library_equals_the_seeds(simulated, seed):
    built = build_report(simulated, 2023)
    for address in ACTIVE_2021_ADDRESSES:
        assert built.get(address) == seed.get(address), address
    # The seed's printed figures (table 2, read by a person): 规章 13 / 11 / 142, 规范性文件 1287 / 1823 / 7644.
    assert [built.get(f"active.rules.{c}") for c in ("issued", "repealed", "in_force")] == [13, 11, 142]
    assert [built.get(f"active.normative_documents.{c}") for c in ("issued", "repealed", "in_force")] == [
        1287,
        1823,
        7644,
    ]
    assert built.get("active.licensing") == 9537924


@pytest.mark.django_db
def test_the_simulated_library_repeals_through_recorded_decisions_and_lets_some_documents_lapse(simulated):
    repealed = Effect.objects.filter(kind="repeals", on__year=2023)
    assert repealed.count() == 11 + 1823
    assert not repealed.exclude(source__kind="other").exists()  # the governments' clean-up decisions
    lapsed = Document.objects.filter(kind="normative", valid_until__year=2023, effects__isnull=True)
    assert lapsed.exists()
    assert validity_of(lapsed.first(), dt.date(2023, 12, 31)).status.value == "expired"


@pytest.mark.django_db
def test_the_hierarchy_has_the_citys_five_kinds_of_agency_and_a_few_hundred_of_them(simulated):
    kinds = set(Agency.objects.values_list("kind", flat=True))
    assert kinds == {k.value for k in Kind}
    assert 300 <= Agency.objects.count() <= 600
    assert Agency.objects.filter(kind=Kind.COUNTY_GOVERNMENT).count() == 38
    # Applications are spread over many agencies, not piled on one.
    assert Application.objects.values("agency").distinct().count() > 200


@pytest.mark.django_db
def test_closures_for_want_of_correction_follow_a_correction_notice_whose_period_had_run_out(simulated):
    closed = Application.objects.filter(outcome="abandoned_no_correction", concluded_on__year=2023)
    assert closed.count() == 148  # the seed's （六）1 总计
    notices = {
        e.application_id: e
        for e in ApplicationEvent.objects.filter(application__in=closed, kind=EventKind.CORRECTION_REQUESTED)
    }
    assert set(notices) == set(closed.values_list("id", flat=True))
    late = [a for a in closed if a.concluded_on.isoformat() <= notices[a.pk].data["correction_due"]]
    # Only a closure squeezed against 31 December may come before the period ends.
    assert all(a.concluded_on.month == 12 for a in late)


@pytest.mark.django_db
def test_every_simulated_application_has_its_receipt_and_its_conclusion_in_order(simulated):
    apps = Application.objects.filter(received_on__year__in=(2022, 2023))
    # 2023's 10,121, the 294 of December 2022 it carries over, and 2022's other 6,101 (the baseline:
    # 6,395 received in 2022, the figure the seed's +58.26 % implies).
    assert apps.count() == 10121 + 294 + 6101
    assert not apps.filter(concluded_on__lt=F("received_on")).exists()
    replied = ApplicationEvent.objects.filter(
        kind__in=(EventKind.REPLIED, EventKind.WITHDRAWN), application__in=apps
    ).count()
    assert replied == apps.count()


@pytest.mark.django_db
def test_running_it_again_does_not_simulate_the_year_twice(simulated):
    before = Application.objects.count()
    call_command("simulate_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Application.objects.count() == before


# ── Table 4 from the simulated 复议 and 诉讼 cases (issue 16) ──────────────────────────────────────────
#: Typed from the seed (重庆市 2023, section 四): 结果维持, 结果纠正, 其他结果, 尚未审结, 总计.
SEED_TABLE_4 = {
    "reconsideration": [333, 94, 217, 60, 704],
    "litigation_direct": [308, 28, 208, 118, 662],
    "litigation_after_reconsideration": [145, 0, 21, 28, 194],
}


def _table4(cells):
    columns = ("upheld", "corrected", "other", "pending", "total")
    return {g: [cells[f"appeals.{g}.{c}"] for c in columns] for g in SEED_TABLE_4}


@pytest.mark.django_db
def test_the_city_wide_table_4_counted_from_the_simulated_cases_equals_the_seeds(simulated):
    from gongkai_web.appeals.queries import subtree, table4_cells

    assert _table4(table4_cells(subtree(simulated), 2023)) == SEED_TABLE_4
    assert _table4(build_report(simulated, 2023).cells) == SEED_TABLE_4  # and build_report carries it


@pytest.mark.django_db
def test_the_rates_change_from_2022_as_the_seeds_narrative_says(simulated):
    # “行政复议直接纠错率较去年下降0.66个百分点，行政诉讼败诉率较去年下降7.88个百分点”
    from decimal import Decimal

    from gongkai_web.appeals.queries import rate_changes, subtree

    assert rate_changes(subtree(simulated), 2023) == {
        "review_correction": Decimal("-0.66"),
        "litigation_loss": Decimal("-7.88"),
    }


@pytest.mark.django_db
def test_suits_the_review_body_also_defends_are_recorded_twice_and_counted_once(simulated):
    from gongkai_web.appeals.models import AppealCase

    joint = AppealCase.objects.filter(role="co_defendant", received_on__year=2023)
    assert joint.exists()
    after_review = AppealCase.objects.filter(received_on__year=2023, route="after_review")
    assert after_review.count() == 194 + joint.count()


@pytest.mark.django_db
def test_every_simulated_decision_was_recorded_through_the_services_with_its_mapping_version(simulated):
    from gongkai.appeals.dispositions import version_on
    from gongkai_web.appeals.models import AppealCase
    from gongkai_web.audit.models import AuditEntry

    decided = AppealCase.objects.filter(received_on__year=2023).exclude(decided_on=None)
    assert (
        decided.count() == AppealCase.objects.filter(received_on__year=2023).count()
    )  # pending ones end in 2024
    for case in decided.only("decided_on", "mapping_version")[:300]:
        assert case.mapping_version == version_on(case.decided_on).version
    assert AuditEntry.objects.filter(action="appeals.decided").count() >= decided.count()


@pytest.mark.django_db
def test_the_demo_roll_up_mixes_imported_and_built_reports_and_still_equals_the_seeds_table_3(
    simulated, seed
):
    from gongkai_web.demo.imported_reports import demo_importers
    from gongkai_web.reports.rollup import build_rollup
    from gongkai_web.reports.sources import Source

    rollup = build_rollup(simulated, 2023)
    # Four agencies publish elsewhere and imported their reports (rendered from their records).
    assert rollup.count(Source.IMPORTED) == 4
    assert rollup.count(Source.RECORDS) == len(rollup.rows) - 4
    for row in request_row_keys("2021"):
        assert rollup.aggregation.report.request_row(row) == seed.request_row(row), row
    assert rollup.aggregation.report.request_row("new")[-1] == 10121
    # Its 2022 report carries one application more forward than its 2023 report carries over.
    assert [r.agency for r in rollup.cross_year_failures] == demo_importers()[:1]
    assert rollup.failing == []
