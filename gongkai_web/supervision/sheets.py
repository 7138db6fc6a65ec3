"""A plan's task list as an XLSX workbook: the import's columns first (so an exported list, changed,
imports again into another plan), then the state and the day closed."""

from __future__ import annotations

import io

from gongkai import supervision as core

from .models import Task


def task_workbook(tasks, *, title: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = title[:31] or "tasks"
    sheet.append([*core.TASK_FILE_COLUMNS, *core.TASK_EXPORT_EXTRA])
    for task in tasks:
        assert isinstance(task, Task)
        sheet.append(
            [
                task.agency.code,
                task.title,
                task.owner,
                task.due_on,
                task.measure,
                task.evidence_required,
                task.get_status_display(),
                task.closed_on,
            ]
        )
        sheet.cell(row=sheet.max_row, column=4).number_format = "yyyy-mm-dd"
        sheet.cell(row=sheet.max_row, column=8).number_format = "yyyy-mm-dd"
    for column, width in zip("ABCDEFGH", (16, 40, 16, 12, 30, 30, 14, 12), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
