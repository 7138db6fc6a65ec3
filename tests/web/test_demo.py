"""The demo simulation: records only, from which the city-wide table 3 for 2023 is counted and must
equal the seed's table 3 as the core reads it from the fixture, figure for figure.

Runs on whichever database the settings select (``GONGKAI_DB=postgres`` for PostgreSQL).

One full simulation serves every test of the simulated year (tables 2–4, the whole seed report
drafted from records, supervision over the year): the three used to simulate a module each.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.management import call_command
from django.db.models import F
from docx import Document as Docx

from gongkai import evaluation as core
from gongkai import outcomes
from gongkai.report.model import ACTIVE_2021_ADDRESSES, request_row_keys
from gongkai.report.read import read_report
from gongkai.report.restore import restore
from gongkai_web.agencies.models import Agency, Kind
from gongkai_web.applications.models import Application, ApplicationEvent, EventKind
from gongkai_web.publications.models import Document, Effect
from gongkai_web.publications.queries import validity_of
from gongkai_web.reports.build import build_report
from gongkai_web.reports.drafting import draft_from_records
from gongkai_web.reports.models import ReportState
from gongkai_web.reports.queries import latest_version, published_report
from gongkai_web.reports.table3 import build_table3, subtree_applications
from gongkai_web.supervision.evaluation_queries import report_of
from gongkai_web.supervision.models import Evaluation, Finding

SEED = "tests/fixtures/seed/000_b7048197b128a89d.txt"
#: One worker runs the whole module (bin/test: ``--dist loadfile``; the group also keeps it together under
#: ``--dist loadgroup`` where xdist's groups work), so the year is simulated once.
pytestmark = pytest.mark.xdist_group("simulated-demo")


@pytest.fixture(scope="module")
def simulated(django_db_setup, django_db_blocker):
    """One full simulation per test module (10k applications), rolled back afterwards; after
    ``load_demo``, as ``bin/run`` does, so the demo's accounts and offices (the city's and 江北区's
    政务公开办) are there when the year is supervised."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
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


@pytest.fixture(scope="module")
def city(simulated):
    return simulated


# ── The whole seed report drafted from the simulated records (issue 16) ──


#: The seed's sentences (section 一, line 8; section 四's rates; section 六, line 398), typed.
SEED_GENERAL = (
    "2023年，全市共收到政府信息公开申请10121件，较上年增长58.26%。",
    "全市共办结政府信息公开申请9862件（含上年度结转294件），其中予以公开及部分公开5990件，较上年增长43.37%。",
    "行政复议直接纠错率较去年下降0.66个百分点，行政诉讼败诉率较去年下降7.88个百分点。",
)
SEED_FEES = "2023年，全市共收取信息处理费6120元，其中规划自然资源系统收取3460元、北碚区收取2660元。"


@pytest.fixture(scope="module")
def drafted(city, django_db_blocker):
    with django_db_blocker.unblock():
        return draft_from_records(city, 2023)


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


# ── The simulated year under supervision (issue 17) ──


@pytest.mark.django_db
def test_every_agency_below_the_city_is_evaluated_and_its_on_time_rate_is_counted_from_its_replies(simulated):
    below = Agency.objects.filter(path__startswith=simulated.path).exclude(pk=simulated.pk)
    assert Evaluation.objects.count() == below.count()
    busiest = max(below, key=lambda a: Application.objects.filter(agency=a, concluded_on__year=2023).count())
    replied = Application.objects.filter(agency=busiest, concluded_on__year=2023)
    on_time = sum(1 for a in replied if a.due_on is not None and a.concluded_on <= a.due_on)
    score = Evaluation.objects.get(agency=busiest).scores.get(indicator__code="A1")
    assert score.ratio == Fraction(on_time, replied.count())


@pytest.mark.django_db
def test_the_rules_ran_as_of_the_last_day_of_the_year_and_a_report_reads_back(simulated):
    # Those of the simulated years (load_demo's own run is of today, years later).
    of_the_year = Finding.objects.filter(raised_on__year__lte=2023)
    assert of_the_year.exists() and not of_the_year.exclude(raised_on="2023-12-31").exists()
    evaluation = Evaluation.objects.select_related("agency").order_by("agency__path").first()
    text = "\n".join(p.text for p in Docx(io.BytesIO(core.render_docx(report_of(evaluation)))).paragraphs)
    assert f"{evaluation.agency.name}2023年度政务公开工作评估报告" in text


@pytest.mark.django_db
def test_the_city_offices_evaluator_downloads_an_agencys_report_of_the_simulated_year_as_pdf(
    simulated, client
):
    from django.contrib.auth.models import User

    from gongkai_web.accounts.models import Membership, Role

    from .documents import pdf_text

    evaluator = User.objects.create_user("pinggu")
    Membership.objects.create(user=evaluator, agency=simulated, role=Role.EVALUATOR)
    client.force_login(evaluator)
    evaluation = Evaluation.objects.select_related("agency").order_by("agency__path").first()
    response = client.get(f"/staff/supervision/evaluations/results/{evaluation.pk}/report.pdf")
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert f"{evaluation.agency.name}2023年度政务公开工作评估报告" in pdf_text(response.content)
    ranking = client.get(f"/staff/supervision/evaluations/{evaluation.set_id}/").content.decode()
    assert ranking.count("/staff/supervision/evaluations/results/") == Evaluation.objects.count()


@pytest.mark.django_db
def test_the_simulated_years_tasks_for_jiangbei_go_to_its_office_which_sees_no_other_district(simulated):
    from django.contrib.auth.models import User

    from gongkai_web.supervision import access
    from gongkai_web.supervision.models import Complaint, Task

    jiangbei = Agency.objects.get(name="江北区人民政府")
    in_district = Agency.objects.filter(path__startswith=jiangbei.path)
    # The tasks the rules raised on 31 December (due early in the next year: its standing plans).
    standing = Task.objects.filter(plan__standing=True, findings__raised_on=dt.date(2023, 12, 31)).distinct()
    # The standing rules' tasks of 31 December on 江北区's agencies are in 江北区 office's plan, and that
    # plan holds nothing else; the city's plan holds the other districts' and departments'.
    assert standing.filter(agency__in=in_district).exists()
    assert set(standing.filter(agency__in=in_district).values_list("plan__office", flat=True)) == {
        jiangbei.pk
    }
    assert not standing.filter(plan__office=jiangbei).exclude(agency__in=in_district).exists()
    assert standing.filter(plan__office=simulated).exclude(agency__in=in_district).exists()
    # 吴十 reads his district's tasks and complaints, no other district's; 赵六 (the city) reads all.
    wushi, zhaoliu = User.objects.get(username="wushi"), User.objects.get(username="zhaoliu")
    district_tasks = set(Task.objects.filter(agency__in=in_district).values_list("pk", flat=True))
    assert set(access.visible_tasks(wushi).values_list("pk", flat=True)) == district_tasks
    assert access.visible_tasks(zhaoliu).count() == Task.objects.count() > len(district_tasks)
    assert [c.agency.name for c in access.visible_complaints(wushi)] == ["江北区住房和城乡建设委员会"]
    assert access.visible_complaints(zhaoliu).count() == Complaint.objects.count() == 2
    # The evaluations stay the city office's: one set, every agency below the city in it.
    below = Agency.objects.filter(path__startswith=simulated.path).exclude(pk=simulated.pk)
    assert set(Evaluation.objects.values_list("set__office", flat=True)) == {simulated.pk}
    assert Evaluation.objects.count() == below.count()
