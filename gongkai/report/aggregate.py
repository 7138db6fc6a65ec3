"""Sum several reports cell by cell (the roll-up behind spec §3.4 I7, e.g. 全市各级行政机关).

A cell is missing in the sum when it is missing in any input: a partial sum would look like a
real figure. Which inputs lacked it is recorded. 2019-format inputs are converted first, so the
sum is always in the 2021 format; the fee amount (万元) sums as ``Decimal``.

The 2019 format's undivided （六）其他处理 row has no 2021 cell (spec §8.1: the three sub-rows stay
null). Its figures still count: in （七）总计, which both formats have, and in ``other_group``, the
（六） group as one row summed over all inputs (2021 inputs: the three sub-rows added up), so the
group's total survives a mix of 2019 and 2021 inputs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from gongkai.errors import ReportError
from gongkai.report.convert import UNDIVIDED_OTHER, convert_report
from gongkai.report.findings import Finding
from gongkai.report.identities import identity
from gongkai.report.model import REQUEST_COLUMN_KEYS, AnnualReport, FormatName, Value, request_address
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
    #: The format the input was in (2019 inputs are converted before summing).
    format: FormatName = "2021"
    #: Its （六）其他处理 group as one row (7 figures in column order; see ``Aggregation.other_group``).
    other_group: tuple[Value, ...] = ()


@dataclass(frozen=True, slots=True)
class Aggregation:
    report: AnnualReport
    inputs: list[AggregationInput]
    findings: list[Finding]
    #: Address → indices (into ``inputs``) of the inputs that lacked the cell.
    missing_from: dict[str, tuple[int, ...]] = field(default_factory=dict)
    #: The （六）其他处理 group as one row, summed over all inputs: a 2019 input's undivided row, a 2021
    #: input's three sub-rows added up. Seven figures in column order; ``None`` where any input lacks it
    #: (``other_missing_from`` says which, by column key).
    other_group: tuple[Value, ...] = ()
    other_missing_from: dict[str, tuple[int, ...]] = field(default_factory=dict)

    @property
    def undivided_inputs(self) -> tuple[int, ...]:
        """Indices of the 2019-format inputs, whose （六） figures are only in ``other_group``."""
        return tuple(i for i, described in enumerate(self.inputs) if described.format == "2019")


def aggregate(
    reports: Sequence[AnnualReport], *, agency: str | None = None, year: int | None = None
) -> Aggregation:
    if not reports:
        raise ReportError(
            "没有可汇总的年度报告。",
            code="report.aggregate.empty",
            message_en="There are no reports to aggregate.",
        )
    year = _common_year(reports, year)
    conversions = [convert_report(r) for r in reports]
    inputs = [
        _describe(original, c.report, c.notes, c.other)
        for original, c in zip(reports, conversions, strict=True)
    ]
    cells, missing_from = _sum_cells([c.report for c in conversions])
    other, other_missing = _sum_other([c.other for c in conversions])
    total = AnnualReport(format="2021", agency=agency, year=year, cells=cells)
    findings = validate(total)
    if any(c.converted for c in conversions):
        findings += _undivided_findings(total, other)
    return Aggregation(total, inputs, findings, missing_from, other, other_missing)


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


def _describe(
    original: AnnualReport, report: AnnualReport, notes: list[str], other: tuple[Value, ...]
) -> AggregationInput:
    # The input as it was published: a 2019 table's （六） row is only checkable before conversion.
    findings = validate(original)
    status: InputStatus = "invalid" if has_errors(findings) else "missing-cells" if report.missing else "ok"
    return AggregationInput(
        report.agency, report.year, status, findings, report.missing, notes, original.format, other
    )


def _undivided_findings(total: AnnualReport, other: tuple[Value, ...]) -> list[Finding]:
    """I2 (and I3 on the （六） row) over the sum seen as a 2019-format table 3: with the sub-rows
    unknown, only the undivided （六） row lets the sum's （七）总计 be checked at all."""
    cells: dict[str, Value] = {
        a: v
        for a, v in total.cells.items()
        if a.startswith("requests.") and not a.startswith("requests.other.")
    }
    cells.update(
        {request_address(UNDIVIDED_OTHER, c): v for c, v in zip(REQUEST_COLUMN_KEYS, other, strict=True)}
    )
    as_2019 = AnnualReport(format="2019", agency=total.agency, year=total.year, cells=cells)
    undivided = {request_address(UNDIVIDED_OTHER, c) for c in REQUEST_COLUMN_KEYS}
    return [
        f
        for code in ("I2", "I3")
        for f in identity(code).check(as_2019)
        if code == "I2" or undivided.intersection(f.cells)
    ]


def _sum_other(rows: list[tuple[Value, ...]]) -> tuple[tuple[Value, ...], dict[str, tuple[int, ...]]]:
    """The （六） group summed column by column; a column is missing when any input lacks it."""
    sums: list[Value] = []
    missing_from: dict[str, tuple[int, ...]] = {}
    for n, column in enumerate(REQUEST_COLUMN_KEYS):
        values = [row[n] for row in rows]
        lacking = tuple(i for i, v in enumerate(values) if v is None)
        if lacking:
            missing_from[column] = lacking
            sums.append(None)
        else:
            sums.append(sum(v for v in values if v is not None))  # lacking is empty: that is every value
    return tuple(sums), missing_from


def _sum_cells(reports: list[AnnualReport]) -> tuple[dict[str, Value], dict[str, tuple[int, ...]]]:
    cells: dict[str, Value] = {}
    missing_from: dict[str, tuple[int, ...]] = {}
    for address in reports[0].addresses:
        values = [r.cells[address] for r in reports]
        lacking = tuple(i for i, v in enumerate(values) if v is None)
        known = [v for v in values if v is not None]
        if lacking:
            missing_from[address] = lacking
            cells[address] = None
        elif any(isinstance(v, Decimal) for v in known):
            cells[address] = sum((Decimal(v) for v in known), Decimal(0))
        else:
            cells[address] = sum(known)
    return cells, missing_from
