"""The simulated year under supervision: ``simulate_demo`` runs the standing rules as of 31 December and
the city office evaluates every agency below it from the records; an agency's report reads back.
One full simulation (10k applications) for the module, rolled back afterwards."""

from __future__ import annotations

import io
from fractions import Fraction

import pytest
from django.core.management import call_command
from docx import Document as Docx

from gongkai import evaluation as core
from gongkai_web.agencies.models import Agency
from gongkai_web.applications.models import Application
from gongkai_web.supervision.evaluation_queries import report_of
from gongkai_web.supervision.models import Evaluation, Finding


@pytest.fixture(scope="module")
def simulated(django_db_setup, django_db_blocker):
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
    assert not Finding.objects.exclude(raised_on="2023-12-31").exists()
    evaluation = Evaluation.objects.select_related("agency").order_by("agency__path").first()
    text = "\n".join(p.text for p in Docx(io.BytesIO(core.render_docx(report_of(evaluation)))).paragraphs)
    assert f"{evaluation.agency.name}2023年度政务公开工作评估报告" in text
