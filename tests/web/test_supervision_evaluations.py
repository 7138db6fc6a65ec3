"""Evaluations: the standard indicator set (versioned; weights add up to 100), A evaluated from its
records (on-time replies, catalogue, interpretations) and by 赵六's reviewer with evidence, the total as
a weighted mean over what applies, the report read back as DOCX and PDF, and a contest with its outcome.
Personas: supervision_world."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from fractions import Fraction

import pdfplumber
import pytest
from docx import Document as Docx

from gongkai import evaluation as core
from gongkai_web.applications import services as application_services
from gongkai_web.supervision.errors import SupervisionError
from gongkai_web.supervision.evaluation_queries import total
from gongkai_web.supervision.models import IndicatorSet
from gongkai_web.supervision.services import evaluations as services

from .fixtures import clock_at

pytestmark = pytest.mark.django_db
D = dt.date


def standard(world, year=2025):
    return services.create_indicator_set(
        world.district,
        name=core.STANDARD_SET_NAME,
        year=year,
        indicators=core.STANDARD_INDICATORS,
        actor=world.zhaoliu,
    )


def test_weights_must_add_up_to_100_and_each_change_is_a_new_version(world):
    bad = [dataclasses.replace(core.STANDARD_INDICATORS[0], weight=50), *core.STANDARD_INDICATORS[1:]]
    with pytest.raises(SupervisionError) as refused:
        services.create_indicator_set(
            world.district, name="x", year=2025, indicators=bad, actor=world.zhaoliu
        )
    assert refused.value.code == "supervision.weights_not_100"
    assert "120" in refused.value.message
    assert not IndicatorSet.objects.exists()
    assert [standard(world).version, standard(world).version] == [1, 2]


def test_an_agency_is_scored_from_its_records_and_by_a_reviewer(world):
    """A replied to one application on time (received 3 Nov 2025, due 1 Dec, replied 20 Nov): A1 100%.
    A has no catalogue item and no rule document: A2 and A3 do not apply. B1 reviewed at 80%, B2 not yet:
    total = (30×1 + 15×0.8) / (30 + 15) × 100 = 42/45 × 100 = 93.3."""
    application_services.reply_application(
        world.app_a,
        outcome="granted",
        decided_on=D(2025, 11, 20),
        actor=world.lisi,
        clock=clock_at(D(2025, 11, 20)),
    )
    evaluation = services.evaluate_agency(
        standard(world), world.a, as_of=D(2025, 12, 31), actor=world.zhaoliu
    )
    scores = {s.indicator.code: s for s in evaluation.scores.select_related("indicator")}
    assert (scores["A1"].met, scores["A1"].of) == (1, 1)
    assert scores["A2"].ratio is None and scores["A3"].ratio is None
    with pytest.raises(SupervisionError) as refused:
        services.score_by_review(scores["B1"], percent=80, evidence=" ", actor=world.zhaoliu)
    assert refused.value.code == "supervision.score_evidence"
    services.score_by_review(
        scores["B1"], percent=80, evidence="专栏缺少“政策解读”栏目（截图见附件）", actor=world.zhaoliu
    )
    assert total(evaluation) == Fraction(42, 45) * 100
    with pytest.raises(SupervisionError):
        services.evaluate_agency(evaluation.set, world.a, as_of=D(2025, 12, 31), actor=world.zhaoliu)


def test_the_report_reads_back_as_docx_and_pdf_for_the_office_and_the_agency_only(client, world):
    evaluation = services.evaluate_agency(
        standard(world), world.a, as_of=D(2025, 12, 31), actor=world.zhaoliu
    )
    client.force_login(world.lisi)
    docx = client.get(f"/staff/supervision/evaluations/results/{evaluation.pk}/report.docx")
    text = "\n".join(p.text for p in Docx(io.BytesIO(docx.content)).paragraphs)
    assert "渝中区财政局2025年度政务公开工作评估报告" in text and "评估机关：渝中区人民政府" in text
    cells = [c.text for row in Docx(io.BytesIO(docx.content)).tables[0].rows for c in row.cells]
    assert "A1 依申请公开按时答复率" in cells and "30" in cells
    client.force_login(world.zhaoliu)
    pdf = client.get(f"/staff/supervision/evaluations/results/{evaluation.pk}/report.pdf")
    with pdfplumber.open(io.BytesIO(pdf.content)) as read:
        pdf_text = "".join(page.extract_text() or "" for page in read.pages).replace("\n", "")
    assert "渝中区财政局2025年度政务公开工作评估报告" in pdf_text and "评估机关：渝中区人民政府" in pdf_text
    assert "年度报告编制质量 10" in pdf_text  # a row of the table (a long name wraps in its cell)
    client.force_login(world.wangwu)
    assert client.get(f"/staff/supervision/evaluations/results/{evaluation.pk}/report.pdf").status_code == 404


def test_the_agency_contests_a_score_and_the_office_s_decision_is_recorded(client, world):
    evaluation = services.evaluate_agency(
        standard(world), world.a, as_of=D(2025, 12, 31), actor=world.zhaoliu
    )
    b1 = evaluation.scores.get(indicator__code="B1")
    services.score_by_review(b1, percent=60, evidence="栏目不全", actor=world.zhaoliu)
    client.force_login(world.lisi)
    r = client.post(
        f"/staff/supervision/evaluations/scores/{b1.pk}/contest/", {"reason": "栏目已于12月补齐，见截图"}
    )
    assert r.status_code == 302
    contest = b1.contests.get()
    client.force_login(world.zhaoliu)
    empty = client.post(
        f"/staff/supervision/evaluations/contests/{contest.pk}/decide/", {"outcome": "upheld", "decision": ""}
    )
    assert empty.status_code == 400
    client.post(
        f"/staff/supervision/evaluations/contests/{contest.pk}/decide/",
        {"outcome": "upheld", "percent": "90", "decision": "经复核，栏目已补齐"},
    )
    contest.refresh_from_db()
    b1.refresh_from_db()
    assert (contest.outcome, contest.before, contest.after, b1.met) == ("upheld", "60.0%", "90.0%", 90)
    page = client.get(f"/staff/supervision/evaluations/results/{evaluation.pk}/").content.decode()
    assert "经复核，栏目已补齐" in page


def test_the_ranking_puts_the_higher_total_first(client, world):
    from .fixtures import make_agency

    other = make_agency("渝中区教育委员会", parent=world.district)
    the_set = standard(world)
    client.force_login(world.zhaoliu)
    assert client.post(f"/staff/supervision/evaluations/{the_set.pk}/evaluate/").status_code == 302
    a, o = (the_set.evaluations.get(agency=x) for x in (world.a, other))
    services.score_by_review(
        a.scores.get(indicator__code="B1"), percent=50, evidence="一般", actor=world.zhaoliu
    )
    services.score_by_review(
        o.scores.get(indicator__code="B1"), percent=90, evidence="较好", actor=world.zhaoliu
    )
    page = client.get(f"/staff/supervision/evaluations/{the_set.pk}/").content.decode()
    assert page.index("渝中区教育委员会") < page.index("渝中区财政局")
    assert "<meter" in page


def test_a_score_not_given_yet_cannot_be_contested(world):
    evaluation = services.evaluate_agency(
        standard(world), world.a, as_of=D(2025, 12, 31), actor=world.zhaoliu
    )
    with pytest.raises(SupervisionError) as refused:
        services.contest_score(evaluation.scores.get(indicator__code="B2"), reason="不服", actor=world.lisi)
    assert refused.value.code == "supervision.score_not_given"
    assert "尚未评分" in refused.value.message
