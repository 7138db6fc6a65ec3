"""Excel (openpyxl): a cover sheet (title, metadata, preamble, 一), one sheet per table with the official
merged header cells, and a sheet for 五 and 六. Figures are numbers; missing figures empty cells."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from gongkai import labels
from gongkai.report.findings import Finding
from gongkai.report.model import AnnualReport, Value
from gongkai.report.render.layout import RESTORED_NOTE, LayoutTable, Section, placed_cells, report_layout

_FONT = "宋体"
_THIN = Side(style="thin", color="444444")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="F1F3F5")
_RESTORED_FILL = PatternFill("solid", fgColor="FFF4D6")
# Shared style objects: openpyxl hashes every style it is given, so one instance each keeps writing fast.
_CELL_FONT = Font(name=_FONT, size=10)
_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_RIGHT = Alignment(horizontal="right", vertical="center")
_TEXT_WIDTH = 10  # columns a paragraph is merged across
_SHEET_NAMES = {"active": "二、主动公开", "requests": "三、依申请公开", "appeals": "四、复议诉讼"}
#: Column widths per table (characters): label columns wide, figure columns narrow.
_WIDTHS = {"active": (22, 16, 16, 16), "requests": (8, 14, 34, *(10,) * 7), "appeals": (9,) * 15}


def render_xlsx(
    report: AnnualReport,
    findings: Sequence[Finding] = (),
    *,
    sources: Sequence[Mapping[str, Any]] = (),
    other_group: Sequence[Value] = (),
) -> bytes:
    """The workbook; for an aggregation, ``sources`` (the JSON ``inputs`` entries) and ``other_group``
    add a last sheet 汇总来源 listing every input file and the （六）其他处理 group summed."""
    layout = report_layout(report)
    workbook = Workbook()
    cover = workbook.active
    assert isinstance(cover, Worksheet)  # a new workbook's one sheet
    cover.title = "封面"
    _paragraph(cover, layout.title, bold=True, size=16)
    _metadata(cover, report)
    for text in layout.preamble:
        _paragraph(cover, text)
    if findings:
        _findings(cover, findings)
    first, *middle, problems, other = layout.sections
    _section(cover, first)
    for section in middle:
        assert section.table is not None
        sheet = workbook.create_sheet(_SHEET_NAMES[section.table.key])
        _section(sheet, section)
    closing = workbook.create_sheet("五、六")
    _section(closing, problems)
    _section(closing, other)
    if sources:
        _sources_sheet(workbook.create_sheet(SOURCES_SHEET), sources, other_group)
    cover.column_dimensions["A"].width = 14
    cover.column_dimensions["B"].width = 40
    workbook.properties.title = layout.title
    workbook.properties.creator = "gongkai"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _next_row(sheet: Worksheet) -> int:
    return 1 if sheet.max_row == 1 and sheet.cell(1, 1).value is None else sheet.max_row + 1


def _paragraph(sheet: Worksheet, text: str, *, bold: bool = False, size: int = 11) -> None:
    row = _next_row(sheet)
    cell = sheet.cell(row, 1, text)
    cell.font = Font(name=_FONT, bold=bold, size=size)
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=_TEXT_WIDTH)
    sheet.row_dimensions[row].height = max(18, 16 * (len(text) // 60 + 1))


def _metadata(sheet: Worksheet, report: AnnualReport) -> None:
    rows = [
        ("机关名称", report.agency or ""),
        ("报告年度", report.year if report.year is not None else ""),
        ("报告格式", f"{report.format}年版"),
        (RESTORED_NOTE, "、".join(report.restored) if report.restored else "无"),
    ]
    for label, value in rows:
        row = _next_row(sheet)
        sheet.cell(row, 1, label).font = Font(name=_FONT, bold=True)
        sheet.cell(row, 2, value).font = Font(name=_FONT)


def _findings(sheet: Worksheet, findings: Sequence[Finding]) -> None:
    _paragraph(sheet, "核查发现", bold=True)
    for finding in findings:
        row = _next_row(sheet)
        sheet.cell(row, 1, finding.code)
        sheet.cell(row, 2, finding.message).alignment = Alignment(wrap_text=True)


def _section(sheet: Worksheet, section: Section) -> None:
    _paragraph(sheet, section.heading, bold=True, size=13)
    for text in section.paragraphs:
        _paragraph(sheet, text)
    if section.table is not None:
        write_table(sheet, section.table, _next_row(sheet))
        if section.table.restored_count:
            _paragraph(sheet, f"注：底色标注的数字原报告缺失，{RESTORED_NOTE}。")


def _excel_value(value: Value) -> int | float | None:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def write_table(sheet: Worksheet, table: LayoutTable, top: int) -> None:
    for n, width in enumerate(_WIDTHS[table.key], start=1):
        current = sheet.column_dimensions[get_column_letter(n)].width
        sheet.column_dimensions[get_column_letter(n)].width = max(width, current or 0)
    for row in range(top, top + len(table.rows)):
        for column in range(1, table.width + 1):
            sheet.cell(row, column).border = _BORDER
    for placed in placed_cells(table):
        cell = placed.cell
        row, column = top + placed.row, 1 + placed.column
        target = sheet.cell(row, column, _excel_value(cell.value) if cell.is_number else cell.text)
        target.font = _CELL_FONT
        if cell.header:
            target.fill = _HEAD_FILL
            target.alignment = _CENTER if cell.scope in ("col", "colgroup") else _LEFT
        else:
            target.alignment = _RIGHT
            if cell.restored:
                target.fill = _RESTORED_FILL
                target.comment = Comment(RESTORED_NOTE, "gongkai")
        if cell.rowspan > 1 or cell.colspan > 1:
            sheet.merge_cells(
                start_row=row,
                start_column=column,
                end_row=row + cell.rowspan - 1,
                end_column=column + cell.colspan - 1,
            )


def render_bytes(report: AnnualReport, *, findings: Sequence[Finding] = ()) -> bytes:
    return render_xlsx(report, findings)


# ── 汇总来源 (aggregations only) ──────────────────────────────────────────────────────────────

SOURCES_SHEET = "汇总来源"
SOURCE_STATUS = {"read": "已读取，已计入", "invalid": "有错误，已计入", "unreadable": "无法读取，未计入"}
_SOURCE_COLUMNS = (
    ("序号", 6),
    ("文件", 40),
    ("状态", 16),
    ("机关", 20),
    ("年度", 8),
    ("格式", 10),
    ("缺失数字", 10),
    ("说明", 70),
)


def _sources_sheet(
    sheet: Worksheet, sources: Sequence[Mapping[str, Any]], other_group: Sequence[Value]
) -> None:
    """One row per input file, in command-line order, then the （六） group summed over them."""
    for n, (name, width) in enumerate(_SOURCE_COLUMNS, start=1):
        cell = sheet.cell(1, n, name)
        cell.font, cell.fill, cell.alignment, cell.border = (
            Font(name=_FONT, bold=True),
            _HEAD_FILL,
            _CENTER,
            _BORDER,
        )
        sheet.column_dimensions[get_column_letter(n)].width = width
    for row, source in enumerate(sources, start=2):
        fmt = source.get("format")
        reason = "\n".join(part for part in (source.get("reason"), *source.get("notes", ())) if part)
        values = (
            row - 1,
            source["file"],
            SOURCE_STATUS.get(source["status"], source["status"]),
            source.get("agency") or "",
            source.get("year") if source.get("year") is not None else "",
            f"{fmt}年版" if fmt else "",
            source.get("missing_cells") if source.get("missing_cells") else "",
            reason,
        )
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row, column, value)
            cell.font, cell.border = _CELL_FONT, _BORDER
            cell.alignment = _LEFT if isinstance(value, str) else _RIGHT
    sheet.freeze_panes = "A2"
    if other_group:
        top = len(sources) + 3
        title = sheet.cell(
            top,
            1,
            f"{labels.REQUEST_ROW_OTHER_2019[1]}合计（2019年格式输入不分项，其数字只在此处；"
            "2021年格式输入为其下三行之和）",
        )
        title.font = Font(name=_FONT, bold=True)
        sheet.merge_cells(start_row=top, start_column=1, end_row=top, end_column=len(_SOURCE_COLUMNS))
        for n, (name, value) in enumerate(
            zip(labels.REQUEST_COLUMNS.values(), other_group, strict=True), start=1
        ):
            head = sheet.cell(top + 1, n, name)
            head.font, head.fill, head.alignment, head.border = _CELL_FONT, _HEAD_FILL, _CENTER, _BORDER
            cell = sheet.cell(top + 2, n, _excel_value(value))
            cell.font, cell.alignment, cell.border = _CELL_FONT, _RIGHT, _BORDER
