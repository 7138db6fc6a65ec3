"""Evaluation of agencies' disclosure work (the seed: 417 agencies evaluated by a third party, 81
reports sent back; the transparency-index method: indicators with weights, evidence, review, a way to
contest). An indicator set is versioned data: each indicator has a weight and says how it is measured
— from the platform's records (a ratio the web app counts) or by a reviewer's judgement with evidence.
An agency's score is the weighted mean of the ratios of the indicators that apply to it, on 100 points
(an indicator with nothing to measure, e.g. no application replied in the year, is left out and the
others carry its weight). The report of one agency renders to DOCX and PDF."""

from __future__ import annotations

import dataclasses
import datetime as dt
import html
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

#: Sources of the record-measured indicators (the web app counts each).
ON_TIME_REPLY = "on_time_reply_rate"
CATALOGUE_COVERAGE = "catalogue_coverage"
INTERPRETATION_COVERAGE = "interpretation_coverage"
REPORT_ON_TIME = "report_on_time"
RECORD_SOURCES = (ON_TIME_REPLY, CATALOGUE_COVERAGE, INTERPRETATION_COVERAGE, REPORT_ON_TIME)
REVIEW = "review"


@dataclass(frozen=True, slots=True)
class IndicatorSpec:
    code: str
    name: str
    weight: int
    source: str  # one of RECORD_SOURCES, or REVIEW
    how: str


#: The platform's standard set (version 1): three indicators from records, two by a reviewer.
STANDARD_SET_NAME = "政务公开工作评估指标体系"
STANDARD_INDICATORS: tuple[IndicatorSpec, ...] = (
    IndicatorSpec(
        "A1",
        "依申请公开按时答复率",
        30,
        ON_TIME_REPLY,
        "本年度答复的申请中，在法定期限内（含依法延长）答复的比例。",
    ),
    IndicatorSpec(
        "A2",
        "主动公开事项目录按时公开率",
        25,
        CATALOGUE_COVERAGE,
        "评估日现行目录事项中未超过公开时限的比例。",
    ),
    IndicatorSpec(
        "A3",
        "政策解读覆盖率",
        20,
        INTERPRETATION_COVERAGE,
        "本年度公布的规章和行政规范性文件中已发布解读的比例。",
    ),
    IndicatorSpec(
        "B1", "政府信息公开专栏规范性", 15, REVIEW, "评估人员对照专栏建设标准逐项检查，附截图等佐证。"
    ),
    IndicatorSpec(
        "B2", "年度报告编制质量", 10, REVIEW, "评估人员核对年度报告格式、数据勾稽关系，附核对记录。"
    ),
)


#: Version 2 of the standard set: the annual report published on time and passing its identities
#: (条例第五十条) measured from the report records; version 1 above is kept as it was (sets already
#: created under it keep their weights).
STANDARD_INDICATORS_V2: tuple[IndicatorSpec, ...] = (
    dataclasses.replace(STANDARD_INDICATORS[0], weight=25),
    dataclasses.replace(STANDARD_INDICATORS[1], weight=20),
    dataclasses.replace(STANDARD_INDICATORS[2], weight=15),
    IndicatorSpec(
        "A4",
        "年度报告按时公开且通过勾稽校验",
        15,
        REPORT_ON_TIME,
        "上一年度报告于本年1月31日前（含当日）公开，且最新版本未经“校验未通过仍发布”。",
    ),
    STANDARD_INDICATORS[3],
    STANDARD_INDICATORS[4],
)
#: The set a new version of the standard indicator set is created with.
CURRENT_STANDARD_INDICATORS = STANDARD_INDICATORS_V2


def report_deadline(year: int) -> dt.date:
    """The day by which the report for ``year - 1`` is published: 条例第五十条, 每年1月31日前."""
    return dt.date(year, 1, 31)


def report_on_time(
    first_published: dt.date | None, bypassed: bool, *, year: int, as_of: dt.date
) -> tuple[int, int] | None:
    """The report of ``year - 1``: (1, 1) when first published by the deadline and its latest version
    was not published past failed identities; (0, 1) when late, bypassed, or still missing after the
    deadline; None while the deadline has not passed and nothing is published."""
    deadline = report_deadline(year)
    if first_published is None:
        return (0, 1) if as_of > deadline else None
    return (1 if first_published <= deadline and not bypassed else 0), 1


def on_time_count(replies: Iterable[tuple[dt.date, dt.date | None]]) -> tuple[int, int] | None:
    """(concluded day, due day) of each reply → (replied by the due day, replied); None without replies.
    A reply without a recorded due day is not counted as on time."""
    pairs = list(replies)
    if not pairs:
        return None
    return sum(1 for done, due in pairs if due is not None and done <= due), len(pairs)


def coverage(met: int, total: int) -> Fraction | None:
    return Fraction(met, total) if total else None


def total_score(scores: Sequence[tuple[int, Fraction | None]]) -> Fraction | None:
    """(weight, ratio) of each indicator → points out of 100 over the indicators that apply."""
    applying = [(w, r) for w, r in scores if r is not None]
    weight = sum(w for w, _r in applying)
    if not weight:
        return None
    return sum((w * r for w, r in applying), Fraction(0)) * 100 / weight


def points(value: Fraction | None) -> str:
    return "—" if value is None else f"{float(value):.1f}"


def percent(value: Fraction | None) -> str:
    return "—" if value is None else f"{float(value) * 100:.1f}%"


@dataclass(frozen=True, slots=True)
class ReportRow:
    code: str
    name: str
    weight: int
    how: str
    ratio: Fraction | None
    evidence: str


@dataclass(frozen=True, slots=True)
class EvaluationReport:
    agency: str
    set_name: str
    version: int
    year: int
    as_of: str
    rows: tuple[ReportRow, ...]
    total: Fraction | None
    office: str

    @property
    def title(self) -> str:
        return f"{self.agency}{self.year}年度政务公开工作评估报告"


def render_docx(report: EvaluationReport) -> bytes:
    from docx import Document

    doc = Document()
    doc.add_heading(report.title, level=1)
    doc.add_paragraph(
        f"评估机关：{report.office}　指标体系：{report.set_name}（第{report.version}版）　评估日：{report.as_of}"
    )
    doc.add_paragraph(f"总分：{points(report.total)}")
    table = doc.add_table(rows=1, cols=5)
    for cell, text in zip(table.rows[0].cells, ("指标", "权重", "得分率", "测评方法", "佐证"), strict=True):
        cell.text = text
    for row in report.rows:
        cells = table.add_row().cells
        for cell, text in zip(
            cells,
            (f"{row.code} {row.name}", str(row.weight), percent(row.ratio), row.how, row.evidence),
            strict=True,
        ):
            cell.text = text
    doc.add_paragraph("对评估结果有异议的，可在平台上对单项得分提出申辩，评估机关复核后记录结果。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_html(report: EvaluationReport) -> str:
    e = html.escape
    rows = "".join(
        f"<tr><td>{e(r.code)} {e(r.name)}</td><td>{r.weight}</td><td>{percent(r.ratio)}</td><td>{e(r.how)}</td>"
        f"<td>{e(r.evidence)}</td></tr>"
        for r in report.rows
    )
    return (
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><style>"
        "body{font-family:'Noto Sans CJK SC','Noto Serif CJK SC',sans-serif;font-size:11pt}"
        "table{border-collapse:collapse;width:100%}td,th{border:1px solid #333;padding:4px;vertical-align:top}"
        "th:nth-child(1){width:28%}th:nth-child(2){width:8%}th:nth-child(3){width:10%}th:nth-child(4){width:34%}"
        "</style></head><body>"
        f"<h1>{e(report.title)}</h1><p>评估机关：{e(report.office)}　指标体系：{e(report.set_name)}（第{report.version}版）"
        f"　评估日：{e(report.as_of)}</p><p>总分：{points(report.total)}</p>"
        f"<table><tr><th>指标</th><th>权重</th><th>得分率</th><th>测评方法</th><th>佐证</th></tr>{rows}</table>"
        "<p>对评估结果有异议的，可在平台上对单项得分提出申辩，评估机关复核后记录结果。</p></body></html>"
    )


def render_pdf(report: EvaluationReport) -> bytes:
    import logging

    from weasyprint import HTML

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    pdf: bytes = HTML(string=render_html(report), media_type="print").write_pdf()
    return pdf
