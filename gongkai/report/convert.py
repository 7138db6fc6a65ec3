"""Convert a 2019 trial-format report (国办公开办函〔2019〕60号) to the 2021 format (spec §8.1).

Table 3 and table 4 map cell by cell, except that the 2019 format has one undivided （六）其他处理
row: its three 2021 sub-rows cannot be known and stay missing. From table 2 only the 处理决定数量 of
行政许可、行政处罚、行政强制 carries over; the 2019 document columns (新制作/新公开/对外公开总数)
and the fee columns (项目数量, no amount) measure different things and are not mapped.
"""

from __future__ import annotations

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

_UNDIVIDED_OTHER = labels.REQUEST_ROW_OTHER_2019[0]


def convert_2019_to_2021(report: AnnualReport) -> tuple[AnnualReport, list[str]]:
    """The report in the 2021 format, and Chinese notes on what could not be carried over."""
    if report.format == "2021":
        return report, []
    cells: dict[str, Value] = {}
    for row in REQUEST_ROW_KEYS_2019:
        if row == _UNDIVIDED_OTHER:
            continue
        for column in REQUEST_COLUMN_KEYS:
            cells[request_address(row, column)] = report.cells[request_address(row, column)]
    for address in APPEAL_ADDRESSES:
        cells[address] = report.cells[address]
    for key in DECISION_KEYS:
        cells[f"active.{key}"] = report.cells[f"active.{key}.decisions"]
    restored = tuple(a for a in report.restored if a in cells)
    converted = AnnualReport(format="2021", agency=report.agency, year=report.year, title=report.title,
                             cells=cells, narrative=report.narrative, restored=restored)
    return converted, _notes(report)


def _notes(report: AnnualReport) -> list[str]:
    other_total = report.cells[request_address(_UNDIVIDED_OTHER, "total")]
    stated = f"（合计 {other_total} 件）" if other_total is not None else ""
    return [
        f"表三「{labels.REQUEST_ROW_OTHER_2019[1]}」在2019年格式中不分项{stated}，"
        "转换后其下「1.申请人无正当理由逾期不补正…」「2.申请人逾期未按收费通知要求缴纳费用…」「3.其他」三行留空。",
        f"表二只转换「{labels.ACTIVE_LICENSING}」「{labels.ACTIVE_PENALTY}」「{labels.ACTIVE_COERCION}」的处理决定数量；"
        f"「{labels.ACTIVE_RULES}」「{labels.ACTIVE_NORMATIVE}」的2019年栏目（本年新制作数量、本年新公开数量、对外公开总数量）"
        f"与2021年栏目（{labels.ACTIVE_ISSUED}、{labels.ACTIVE_REPEALED}、{labels.ACTIVE_IN_FORCE}）含义不同，未转换。",
        f"表二「{labels.ACTIVE_FEES}」在2019年格式中只有项目数量、没有收费金额，「{labels.ACTIVE_FEE_AMOUNT}」留空；"
        "「其他对外管理服务事项」和「政府集中采购」在2021年格式中没有对应栏目，未转换。",
    ]
