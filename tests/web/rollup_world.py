"""Reports with figures typed by hand, rendered by the core as an agency would publish them."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from gongkai.report.model import (
    ACTIVE_2021_ADDRESSES,
    APPEAL_ADDRESSES,
    REQUEST_COLUMN_KEYS,
    AnnualReport,
    request_address,
    request_row_keys,
)
from gongkai.report.render import render

REAL = "../shared/corpus/real/"

#: Natural persons only (the other five columns 0): 4 new + 1 carried over = 2 granted + 1 partly
#: + 1 not held (total 4) + 1 carried forward. Typed here, not computed by the code under test.
TYPED_ROWS = {
    "new": 4,
    "carried_over": 1,
    "granted": 2,
    "partly_granted": 1,
    "unable.not_held": 1,
    "total": 4,
}


def typed_report(agency: str, year: int, *, carried_over: int = 1, carried_forward: int = 1) -> AnnualReport:
    cells: dict = dict.fromkeys(ACTIVE_2021_ADDRESSES, 0)
    cells["active.licensing"] = 12
    cells["active.fees_10k_yuan"] = Decimal("1.5")
    cells |= dict.fromkeys(APPEAL_ADDRESSES, 0)
    cells["appeals.reconsideration.upheld"] = 1
    cells["appeals.reconsideration.total"] = 1
    rows = {**TYPED_ROWS, "carried_over": carried_over, "carried_forward": carried_forward}
    rows["new"] = rows["total"] + carried_forward - carried_over
    for row in request_row_keys("2021"):
        n = rows.get(row, 0)
        for column in REQUEST_COLUMN_KEYS:
            cells[request_address(row, column)] = n if column in ("natural_person", "total") else 0
    return AnnualReport(
        format="2021",
        agency=agency,
        year=year,
        title=f"{agency}{year}年政府信息公开工作年度报告",
        cells=cells,
    )


def upload(report: AnnualReport, fmt: str = "docx", name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or f"report.{fmt}", render(report, fmt))


def real_file(name: str) -> SimpleUploadedFile:
    with open(REAL + name, "rb") as f:
        return SimpleUploadedFile(name, f.read())
