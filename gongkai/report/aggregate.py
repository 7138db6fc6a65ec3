"""Sum several reports cell by cell (the roll-up behind spec §3.4 I7, e.g. 全市各级行政机关).

A cell is missing in the sum when it is missing in any input: a partial sum would look like a
real figure. Which inputs lacked it is recorded. 2019-format inputs are converted first, so the
sum is always in the 2021 format; the fee amount (万元) sums as ``Decimal``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from gongkai.errors import ReportError
from gongkai.report.convert import convert_2019_to_2021
from gongkai.report.findings import Finding
from gongkai.report.model import AnnualReport, Value
from gongkai.report.validate import has_errors, validate

InputStatus = Literal["ok", "missing-cells", "invalid"]


@dataclass(frozen=True, slots=True)
class AggregationInput:
    agency: str | None
    year: int | None
    status: InputStatus
    findings: list[Finding] = field(default_factory=list)
    missing: tuple[str, ...] = ()
    #: Notes from converting a 2019-format input (empty for 2021 inputs).
    conversion_notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Aggregation:
    report: AnnualReport
    inputs: list[AggregationInput]
    findings: list[Finding]
    #: Address → indices (into ``inputs``) of the inputs that lacked the cell.
    missing_from: dict[str, tuple[int, ...]] = field(default_factory=dict)


def aggregate(reports: Sequence[AnnualReport], *, agency: str | None = None,
              year: int | None = None) -> Aggregation:
    if not reports:
        raise ReportError("没有可汇总的年度报告。", code="report.aggregate.empty",
                          message_en="There are no reports to aggregate.")
    year = _common_year(reports, year)
    converted = [convert_2019_to_2021(r) for r in reports]
    inputs = [_describe(r, notes) for r, notes in converted]
    cells, missing_from = _sum_cells([r for r, _ in converted])
    total = AnnualReport(format="2021", agency=agency, year=year, cells=cells)
    return Aggregation(total, inputs, validate(total), missing_from)


def _common_year(reports: Sequence[AnnualReport], year: int | None) -> int | None:
    if year is not None:
        return year
    years = sorted({r.year for r in reports}, key=lambda y: (y is None, y))
    if len(years) > 1:
        shown = "、".join("未注明" if y is None else f"{y}年" for y in years)
        raise ReportError(
            f"待汇总的报告年度不一致（{shown}），请明确指定汇总年度。",
            code="report.aggregate.mixed_years",
            message_en=f"The reports cover different years ({years}); pass year= explicitly.",
            years=years,
        )
    return years[0]


def _describe(report: AnnualReport, notes: list[str]) -> AggregationInput:
    findings = validate(report)
    status: InputStatus = "invalid" if has_errors(findings) else "missing-cells" if report.missing else "ok"
    return AggregationInput(report.agency, report.year, status, findings, report.missing, notes)


def _sum_cells(reports: list[AnnualReport]) -> tuple[dict[str, Value], dict[str, tuple[int, ...]]]:
    cells: dict[str, Value] = {}
    missing_from: dict[str, tuple[int, ...]] = {}
    for address in reports[0].addresses:
        values = [r.cells[address] for r in reports]
        lacking = tuple(i for i, v in enumerate(values) if v is None)
        if lacking:
            missing_from[address] = lacking
            cells[address] = None
        elif any(isinstance(v, Decimal) for v in values):
            cells[address] = sum((Decimal(v) for v in values), Decimal(0))  # type: ignore[arg-type]
        else:
            cells[address] = sum(values)  # type: ignore[arg-type]
    return cells, missing_from
