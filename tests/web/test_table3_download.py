"""Issue 13: the 表三 download holds table 3 only — its title (the section heading of the 2021 format,
三、收到和处理政府信息公开申请情况), the agency and the year, and the table with the official labels —
in every format the page offers, not a whole-report skeleton whose other sections are empty.

The figures are those counted by hand in test_table3.py (agency A, 2023: 5 new applications)."""

from __future__ import annotations

import io
import json

import docx
import pytest
from openpyxl import load_workbook

from .documents import pdf_text
from .fixtures import PASSWORD, log_in
from .test_table3 import records  # noqa: F401  (the hand-counted records)

TITLE = "三、收到和处理政府信息公开申请情况"
AGENCY = "渝中区财政局"
#: The official labels of table 3 (国办公开办函〔2021〕30号): rows and the columns.
LABELS = (
    "一、本年新收政府信息公开申请数量",
    "二、上年结转政府信息公开申请数量",
    "四、结转下年度继续办理",
    "自然人",
    "商业企业",
    "法律服务机构",
    "总计",
)
#: Headings of the report's other sections, which the table 3 download must not carry.
OTHER_SECTIONS = (
    "一、总体情况",
    "主动公开政府信息情况",
    "行政复议、行政诉讼情况",
    "存在的主要问题",
    "其他需要报告的事项",
)


def _download(client, fmt):
    assert log_in(client, "lisi", PASSWORD)
    response = client.get(f"/staff/reports/table3/{_code[0]}/agency/2023.{fmt}")
    assert response.status_code == 200, fmt
    return response


_code: list[str] = []


@pytest.fixture(autouse=True)
def _agency_code(records):  # noqa: F811
    _code[:] = [records.a.code]


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([*(p.text for p in document.paragraphs), *cells])


def _xlsx(data: bytes) -> tuple[list[str], str]:
    book = load_workbook(io.BytesIO(data))
    values = [
        str(v)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
        for v in row
        if v is not None
    ]
    return book.sheetnames, "\n".join(values)


READERS = {
    "md": lambda data: data.decode("utf-8"),
    "html": lambda data: data.decode("utf-8"),
    "docx": _docx_text,
    "xlsx": lambda data: _xlsx(data)[1],
    "pdf": pdf_text,
}


@pytest.mark.parametrize("fmt", list(READERS))
def test_the_table3_download_holds_the_title_the_agency_the_year_and_the_table_only(client, fmt):
    text = READERS[fmt](_download(client, fmt).content)
    assert TITLE in text and AGENCY in text and "2023年" in text
    # in the PDF a narrow column's heading wraps over lines: only the labels that fit on one are read whole
    for label in LABELS if fmt != "pdf" else [label for label in LABELS if label != "法律服务机构"]:
        assert label in text, (fmt, label)
    for heading in OTHER_SECTIONS:
        assert heading not in text, (fmt, heading)
    assert "政府信息公开工作年度报告" not in text  # not the whole report's title either


def test_the_spreadsheet_has_one_sheet_with_table_3(client):
    sheets, _text = _xlsx(_download(client, "xlsx").content)
    assert sheets == ["三、依申请公开"]


def test_the_pdf_of_table_3_has_no_empty_report_pages(client):
    import pdfplumber

    with pdfplumber.open(io.BytesIO(_download(client, "pdf").content)) as pdf:
        assert len(pdf.pages) <= 2  # the table runs over a page or two, nothing else follows


def test_the_json_has_table_3_and_no_other_table(client):
    data = json.loads(_download(client, "json").content)
    assert data["agency"] == AGENCY and data["year"] == 2023 and data["title"] == TITLE
    assert data["requests"]["new"][-1] == 5  # counted by hand in test_table3.py
    assert not {"active", "appeals", "narrative"} & set(data)


def test_the_markdown_opens_with_the_title_and_the_agency_and_year(client):
    lines = [line for line in _download(client, "md").content.decode("utf-8").splitlines() if line]
    assert lines[0] == f"# {TITLE}"
    assert lines[1] == f"机关名称：{AGENCY}"
    assert lines[2].startswith("报告年度：2023年")
