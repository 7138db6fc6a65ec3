"""Table 3 on its own (收到和处理政府信息公开申请情况), in every format of ``FORMATS``: the section's
official title, the agency and the year, and the table as the whole report lays it out
(``layout.requests_table``: the labels of ``gongkai.labels``) — none of the report's other sections,
which a platform that builds table 3 from records cannot fill.

    render_table3(report, "xlsx", findings=...)  # bytes
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Sequence
from html import escape

from gongkai import labels
from gongkai.errors import ReportError
from gongkai.report.findings import Finding
from gongkai.report.model import AnnualReport, request_row_keys
from gongkai.report.render import FORMATS
from gongkai.report.render.json import SCHEMA_VERSION, json_number
from gongkai.report.render.layout import RESTORED_NOTE, LayoutTable, requests_table

#: The title of the document: the heading table 3 has in the report (2021 format, section 三).
TITLE = labels.SECTION_REQUESTS
RESTORED_LINE = f"注：底色标注的数字原报告缺失，{RESTORED_NOTE}。"


def heading_lines(report: AnnualReport) -> tuple[str, ...]:
    """The agency and the year under the title (the period is the calendar year, 条例第五十条)."""
    lines = [f"机关名称：{report.agency or ''}"]
    if report.year is not None:
        lines.append(f"报告年度：{report.year}年（{report.year}年1月1日至{report.year}年12月31日）")
    return tuple(lines)


def render_table3(report: AnnualReport, fmt: str, *, findings: Sequence[Finding] = ()) -> bytes:
    if fmt not in FORMATS:
        raise ReportError(
            f"不支持的输出格式「{fmt}」，可选：{'、'.join(FORMATS)}。",
            code="report.render.format",
            fmt=fmt,
            message_en=f"Unsupported output format {fmt!r}.",
        )
    table = requests_table(report)
    return _WRITERS[fmt](report, table, tuple(findings))


def _markdown(report: AnnualReport, table: LayoutTable, findings: Sequence[Finding]) -> bytes:
    from gongkai.report.render.markdown import pipe_table

    lines = [f"# {TITLE}", ""]
    for text in heading_lines(report):
        lines += [text, ""]
    lines += [*pipe_table(table), ""]
    if table.restored_count:
        lines += [RESTORED_LINE, ""]
    if findings:
        lines += ["## 核查发现", "", *(f"- 〔{f.code}〕{f.message}" for f in findings), ""]
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")


def table3_html(report: AnnualReport, findings: Sequence[Finding] = ()) -> str:
    from gongkai.report.render.html import html_table, stylesheet

    body = [f"<h1>{escape(TITLE)}</h1>", *(f"<p>{escape(t)}</p>" for t in heading_lines(report))]
    body.append(html_table(requests_table(report)))
    if requests_table(report).restored_count:
        body.append(f'<p class="note">{escape(RESTORED_LINE)}</p>')
    if findings:
        items = "".join(f"<li>〔{escape(f.code)}〕{escape(f.message)}</li>" for f in findings)
        body.append(
            f'<section aria-labelledby="findings"><h2 id="findings">核查发现</h2><ul>{items}</ul></section>'
        )
    title = f"{report.agency or ''}{TITLE}"
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>\n{stylesheet()}</style>\n</head>\n"
        f"<body>\n<main>\n{chr(10).join(body)}\n</main>\n</body>\n</html>\n"
    )


def _html(report: AnnualReport, table: LayoutTable, findings: Sequence[Finding]) -> bytes:
    return table3_html(report, findings).encode("utf-8")


def _pdf(report: AnnualReport, table: LayoutTable, findings: Sequence[Finding]) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: pango/cairo libraries missing
        raise ReportError(
            "无法输出PDF：未安装WeasyPrint或其依赖的系统库（pango）。",
            code="report.render.pdf",
            message_en=f"PDF output needs WeasyPrint and pango: {exc}",
        ) from exc
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    pdf: bytes = HTML(string=table3_html(report, findings), media_type="print").write_pdf()
    return pdf


def _docx(report: AnnualReport, table: LayoutTable, findings: Sequence[Finding]) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    from gongkai.report.render.docx import _body, _styles, write_table

    document = Document()
    _styles(document)
    page = document.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.left_margin = page.right_margin = Mm(20)
    document.core_properties.title = TITLE
    document.add_heading(TITLE, level=0).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in heading_lines(report):
        _body(document, text, indent=False)
    write_table(document, table)
    if table.restored_count:
        _body(document, RESTORED_LINE, indent=False)
    if findings:
        document.add_heading("附：核查发现", level=1)
        for finding in findings:
            _body(document, f"〔{finding.code}〕{finding.message}", indent=False)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx(report: AnnualReport, table: LayoutTable, findings: Sequence[Finding]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

    from gongkai.report.render.xlsx import _SHEET_NAMES, _next_row, _paragraph, write_table

    workbook = Workbook()
    sheet = workbook.active
    assert isinstance(sheet, Worksheet)  # a new workbook's one sheet
    sheet.title = _SHEET_NAMES["requests"]
    _paragraph(sheet, TITLE, bold=True, size=14)
    for text in heading_lines(report):
        _paragraph(sheet, text)
    write_table(sheet, table, _next_row(sheet))
    if table.restored_count:
        _paragraph(sheet, RESTORED_LINE)
    for finding in findings:
        _paragraph(sheet, f"〔{finding.code}〕{finding.message}")
    workbook.properties.title = TITLE
    workbook.properties.creator = "gongkai"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _json(report: AnnualReport, table: LayoutTable, findings: Sequence[Finding]) -> bytes:
    """The report's JSON (docs/report-json.md) with table 3 only: the same keys for it, no others."""
    data = {
        "schema_version": SCHEMA_VERSION,
        "format": report.format,
        "agency": report.agency,
        "year": report.year,
        "title": TITLE,
        "requests": {
            row: [json_number(v) for v in report.request_row(row)] for row in request_row_keys(report.format)
        },
        "restored": [a for a in report.restored if a.startswith("requests.")],
        "findings": [f.as_dict() for f in findings],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


_WRITERS = {"md": _markdown, "html": _html, "json": _json, "xlsx": _xlsx, "docx": _docx, "pdf": _pdf}
assert set(_WRITERS) == set(FORMATS), "every format of the whole report is offered for table 3"
