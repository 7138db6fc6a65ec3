"""Convert a 2019 trial-format report (国办公开办函〔2019〕60号) to the 2021 format (spec §8.1).

Table 3 and table 4 map cell by cell. The 2019 format has one undivided （六）其他处理 row (key
``other``); spec §8.1 says to *store* ``other`` and leave the three 2021 sub-rows ``other.*``
null, so that I1–I3 still hold. The 2021 ``AnnualReport`` has no address for the undivided row,
so ``convert_report`` returns it beside the report (``Conversion.other``: the seven figures in
column order) and the note says so; ``aggregate`` adds it into the （六） group total. The converted
report's （七）总计 row is the 2019 one and therefore still includes these applications.

From table 2 only the 处理决定数量 of 行政许可、行政处罚、行政强制 carries over; the 2019 document columns
(新制作/新公开/对外公开总数) and the fee columns (项目数量, no amount) measure different things and are
not mapped.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gongkai import labels
from gongkai.report.model import (
    APPEAL_ADDRESSES,
    DECISION_KEYS,
    REQUEST_COLUMN_KEYS,
    REQUEST_ROW_KEYS_2019,
    AnnualReport,
    Value,
    request_address,
)

UNDIVIDED_OTHER = labels.REQUEST_ROW_OTHER_2019[0]
#: The 2021 sub-rows of （六）其他处理.
OTHER_SUBROWS: tuple[str, ...] = tuple(k for k in labels.REQUEST_ROWS if k.startswith("other."))


@dataclass(frozen=True, slots=True)
class Conversion:
    """A report in the 2021 format, with what the 2021 cells cannot hold.

    ``other`` is the （六）其他处理 group as one row, seven figures in column order (spec §3.1): the
    2019 row itself for a 2019 input, or the sum of the three sub-rows for a 2021 report (a column
    is ``None`` when any of them is missing there)."""

    report: AnnualReport
    notes: list[str] = field(default_factory=list)
    other: tuple[Value, ...] = ()
    converted: bool = False


def other_group(report: AnnualReport) -> tuple[Value, ...]:
    """The （六）其他处理 group of ``report`` as one row (either format), ``None`` where unknown."""
    if report.format == "2019":
        return report.request_row(UNDIVIDED_OTHER)
    rows = [report.request_row(row) for row in OTHER_SUBROWS]
    return tuple(
        None if any(v is None for v in column) else sum(column) for column in zip(*rows, strict=True)
    )


def convert_report(report: AnnualReport) -> Conversion:
    """``report`` in the 2021 format, the undivided （六） row kept beside it, and Chinese notes."""
    if report.format == "2021":
        return Conversion(report, [], other_group(report))
    cells: dict[str, Value] = {}
    for row in REQUEST_ROW_KEYS_2019:
        if row == UNDIVIDED_OTHER:
            continue
        for column in REQUEST_COLUMN_KEYS:
            cells[request_address(row, column)] = report.cells[request_address(row, column)]
    for address in APPEAL_ADDRESSES:
        cells[address] = report.cells[address]
    for key in DECISION_KEYS:
        cells[f"active.{key}"] = report.cells[f"active.{key}.decisions"]
    restored = tuple(a for a in report.restored if a in cells)
    converted = AnnualReport(
        format="2021",
        agency=report.agency,
        year=report.year,
        title=report.title,
        cells=cells,
        narrative=report.narrative,
        restored=restored,
    )
    return Conversion(converted, _notes(report), other_group(report), converted=True)


def convert_2019_to_2021(report: AnnualReport) -> tuple[AnnualReport, list[str]]:
    """The report in the 2021 format, and Chinese notes on what could not be carried over
    (``convert_report`` also returns the undivided （六）其他处理 row)."""
    conversion = convert_report(report)
    return conversion.report, conversion.notes


def _notes(report: AnnualReport) -> list[str]:
    other = report.request_row(UNDIVIDED_OTHER)
    total = other[-1]
    if all(v is None for v in other):
        stated = "（原报告该行缺失）"
    else:
        figures = "、".join(
            f"{labels.REQUEST_COLUMNS[c]}{'缺失' if v is None else v}"
            for c, v in zip(REQUEST_COLUMN_KEYS, other, strict=True)
        )
        stated = f"（合计 {'缺失' if total is None else f'{total} 件'}；{figures}）"
    return [
        f"表三「{labels.REQUEST_ROW_OTHER_2019[1]}」在2019年格式中不分项{stated}，"
        "转换后其下「1.申请人无正当理由逾期不补正…」「2.申请人逾期未按收费通知要求缴纳费用…」「3.其他」三行留空；"
        "该行数字仍计入「（七）总计」，汇总时计入「（六）其他处理」合计。",
        f"表二只转换「{labels.ACTIVE_LICENSING}」「{labels.ACTIVE_PENALTY}」「{labels.ACTIVE_COERCION}」的处理决定数量；"
        f"「{labels.ACTIVE_RULES}」「{labels.ACTIVE_NORMATIVE}」的2019年栏目（本年新制作数量、本年新公开数量、对外公开总数量）"
        f"与2021年栏目（{labels.ACTIVE_ISSUED}、{labels.ACTIVE_REPEALED}、{labels.ACTIVE_IN_FORCE}）含义不同，未转换。",
        f"表二「{labels.ACTIVE_FEES}」在2019年格式中只有项目数量、没有收费金额，「{labels.ACTIVE_FEE_AMOUNT}」留空；"
        "「其他对外管理服务事项」和「政府集中采购」在2021年格式中没有对应栏目，未转换。",
    ]
