"""Narrative figures and their year-on-year changes, as the seed states them (重庆市 2023): 10,121
applications received, +58.26 % on 2022; 9,862 concluded including 294 carried over; 5,990 granted or
partly granted; 553 carried forward; 6,120 元 of fees, 3,460 + 2,660."""

from __future__ import annotations

from decimal import Decimal

from gongkai.report.model import AnnualReport, request_address
from gongkai.report.prose import prose_figures
from gongkai.report.validate import validate
from gongkai.report.yearly import fee_sentence, general_sentences, growth_pct, narrative_figures, scope_of


def _report(year: int, **totals: int) -> AnnualReport:
    return AnnualReport(year=year, cells={request_address(row, "total"): v for row, v in totals.items()})


SEED = _report(
    2023, new=10121, carried_over=294, granted=4566, partly_granted=1424, total=9862, carried_forward=553
)
# 2022's 6,395 received: 10,121 / 6,395 = 1.58264…, the seed's +58.26 %.
PRIOR = _report(2022, new=6395, granted=3000, partly_granted=1178)


def test_growth_is_a_percentage_of_last_years_figure_rounded_half_up():
    assert growth_pct(10121, 6395) == Decimal("58.26")
    assert growth_pct(5990, 4178) == Decimal("43.37")  # (5990 − 4178) / 4178 = 0.43370…
    assert growth_pct(1, 4) == Decimal("-75.00")
    assert growth_pct(5, 0) is None and growth_pct(None, 3) is None


def test_the_seeds_sentences_come_out_of_its_tables_and_last_year():
    figures = narrative_figures(
        SEED,
        PRIOR,
        fees_yuan=Decimal(6120),
        fees_split=[("规划自然资源系统", Decimal(3460)), ("北碚区", Decimal(2660))],
    )
    text = "".join(general_sentences(figures, year=2023, scope="全市"))
    assert "2023年，全市共收到政府信息公开申请10121件，较上年增长58.26%。" in text
    assert (
        "全市共办结政府信息公开申请9862件（含上年度结转294件），其中予以公开及部分公开5990件，较上年增长43.37%。"
        in text
    )
    assert "结转下年度继续办理553件。" in text
    assert (
        fee_sentence(figures, year=2023, scope="全市")
        == "2023年，全市共收取信息处理费6120元，其中规划自然资源系统收取3460元、北碚区收取2660元。"
    )


def test_without_last_years_report_no_change_is_stated():
    figures = narrative_figures(SEED)
    assert figures.received_change_pct is None
    assert (
        general_sentences(figures, year=2023, scope="全市")[0]
        == "2023年，全市共收到政府信息公开申请10121件。"
    )


def test_the_drafted_sentences_read_back_as_the_tables_figures():
    figures = narrative_figures(SEED, PRIOR, fees_yuan=Decimal(6120))
    read = prose_figures(
        "".join(general_sentences(figures, year=2023, scope="全市"))
        + fee_sentence(figures, year=2023, scope="全市")
    )
    assert (read.received, read.concluded, read.carried_over, read.granted_and_partly) == (
        10121,
        9862,
        294,
        5990,
    )
    assert read.fees_yuan == Decimal(6120)


def test_rates_change_in_percentage_points():
    def appeals(corrected: int, pending: int, total: int) -> AnnualReport:
        cells = {
            f"appeals.reconsideration.{k}": v
            for k, v in (("corrected", corrected), ("pending", pending), ("total", total))
        }
        return AnnualReport(year=2023, cells=cells)

    # 94 of 644 concluded (704 − 60) = 14.60 %; last year 30 of 200 = 15.00 %: −0.40 pp.
    figures = narrative_figures(appeals(94, 60, 704), appeals(30, 0, 200))
    assert figures.reconsideration_correction_rate == Decimal("14.60")
    assert figures.reconsideration_correction_change_pp == Decimal("-0.40")
    assert "行政复议直接纠错率较去年下降0.40个百分点。" in "".join(
        general_sentences(figures, year=2023, scope="全市")
    )


def test_a_governments_report_speaks_of_its_area_a_departments_of_itself():
    assert scope_of("重庆市人民政府", government=True) == "全市"
    assert scope_of("重庆市渝中区人民政府", government=True) == "全区"
    assert scope_of("重庆市财政局", government=False) == "本机关"


def test_a_report_whose_narrative_matches_its_tables_passes_the_prose_check():
    figures = narrative_figures(SEED, PRIOR)
    from dataclasses import replace

    from gongkai.report.model import Narrative

    report = replace(
        SEED, narrative=Narrative(general="".join(general_sentences(figures, year=2023, scope="全市")))
    )
    assert not [f for f in validate(report) if f.code == "I6"]
