"""Excel workbooks (openpyxl): every sheet in order, merged ranges kept as spans.

A row holding a single text cell (a heading, a block title, a paragraph of narrative) becomes a
paragraph; rows with several cells are table rows. Positions covered by a merged range are left
out, the range's first cell carries the span.
"""

from __future__ import annotations

import io
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING

from gongkai.errors import UnreadableInputError
from gongkai.report.document import Block, Cell, Document, Paragraph, Table

if TYPE_CHECKING:  # openpyxl is imported only when a workbook is read
    from openpyxl.worksheet.worksheet import Worksheet


def read_xlsx(data: bytes, *, name: str = "XLSX") -> Document:
    try:
        import openpyxl

        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged package
        raise UnreadableInputError(
            f"「{name}」不是有效的Excel文件（文件已损坏或不完整），无法打开。",
            code="report.unreadable.xlsx",
            name=name,
            message_en=f"Cannot open XLSX {name}: {exc}",
        ) from exc
    blocks: list[Block] = []
    for sheet in workbook.worksheets:
        blocks.extend(_sheet_blocks(sheet))
    return Document(blocks)


def _sheet_blocks(sheet: Worksheet) -> list[Block]:
    spans: dict[tuple[int, int], tuple[int, int]] = {}
    covered: set[tuple[int, int]] = set()
    for merged in sheet.merged_cells.ranges:
        spans[(merged.min_row, merged.min_col)] = (
            merged.max_row - merged.min_row + 1,
            merged.max_col - merged.min_col + 1,
        )
        covered |= {
            (r, c)
            for r in range(merged.min_row, merged.max_row + 1)
            for c in range(merged.min_col, merged.max_col + 1)
        } - {(merged.min_row, merged.min_col)}
    blocks: list[Block] = []
    table_rows: list[list[Cell]] = []
    for r, row in enumerate(sheet.iter_rows(), start=1):
        cells = []
        for cell in row:
            if (r, cell.column) in covered:
                continue
            # types-openpyxl types MergedCell.column Optional; a cell read from a sheet always has one.
            rowspan, colspan = spans.get((r, cell.column), (1, 1))  # type: ignore[arg-type]
            cells.append(Cell(_text(cell.value), rowspan, colspan))
        while cells and not cells[-1].text and cells[-1].rowspan == cells[-1].colspan == 1:
            cells.pop()
        filled = [c for c in cells if c.text]
        if len(filled) == 1 and not _is_number(filled[0].text):
            if table_rows:
                blocks.append(Table(table_rows))
                table_rows = []
            blocks.append(Paragraph(filled[0].text))
        elif filled:
            table_rows.append(cells)
    if table_rows:
        blocks.append(Table(table_rows))
    return blocks


def _is_number(text: str) -> bool:
    return text.replace(".", "", 1).isdigit()


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value).strip()
