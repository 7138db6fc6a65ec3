"""Word (python-docx): the whole report as agencies publish it, tables with merged cells and a CJK
font on East-Asian text (``w:eastAsia``), so Word does not fall back to a Latin font for Chinese."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.table import CT_Tc
from docx.shared import Mm, Pt, RGBColor
from docx.table import _Cell, _Row

from gongkai.report.findings import Finding
from gongkai.report.model import AnnualReport
from gongkai.report.render.layout import (
    RESTORED_NOTE,
    LayoutCell,
    LayoutTable,
    Placed,
    placed_cells,
    report_layout,
)

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument
    from docx.styles.style import CharacterStyle
    from docx.text.run import Run

BODY_FONT = "宋体"
HEADING_FONT = "黑体"
#: Fallbacks installed on Linux (fonts-noto-cjk); Word picks the first font it has.
LATIN_FONT = "Times New Roman"


def _set_fonts(style_or_run: CharacterStyle | Run, east_asian: str, size: Pt | None = None) -> None:
    font = style_or_run.font
    font.name = LATIN_FONT
    if size is not None:
        font.size = size
    properties = style_or_run.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        # types-lxml types a child as the parent's own class (Self); python-docx's element classes differ.
        properties.insert(0, fonts)  # type: ignore[arg-type]
    fonts.set(qn("w:eastAsia"), east_asian)


def _styles(document: DocxDocument) -> None:
    _set_fonts(document.styles["Normal"], BODY_FONT, Pt(12))
    for name, size in (("Title", Pt(18)), ("Heading 1", Pt(14))):
        style = document.styles[name]
        _set_fonts(style, HEADING_FONT, size)
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.font.bold = True


def render_docx(report: AnnualReport, findings: Sequence[Finding] = ()) -> bytes:
    layout = report_layout(report)
    document = Document()
    _styles(document)
    page = document.sections[0]
    page.orientation = WD_ORIENT.PORTRAIT
    page.page_width, page.page_height = Mm(210), Mm(297)
    page.left_margin = page.right_margin = Mm(20)
    title = document.add_heading(layout.title, level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in layout.preamble:
        _body(document, text)
    for section in layout.sections:
        document.add_heading(section.heading, level=1)
        for text in section.paragraphs:
            _body(document, text)
        if section.table is not None:
            write_table(document, section.table)
            if section.table.restored_count:
                _body(document, f"注：加底色的数字原报告缺失，{RESTORED_NOTE}。", indent=False)
    if findings:
        document.add_heading("附：核查发现", level=1)
        for finding in findings:
            _body(document, f"〔{finding.code}〕{finding.message}", indent=False)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _body(document: DocxDocument, text: str, *, indent: bool = True) -> None:
    paragraph = document.add_paragraph(text)
    if indent:
        paragraph.paragraph_format.first_line_indent = Pt(24)  # two characters, the usual 公文 indent


def _shade(cell: _Cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    # types-lxml types a child as the parent's own class (Self); python-docx's element classes differ.
    cell._tc.get_or_add_tcPr().append(shading)  # type: ignore[arg-type]


def write_table(document: DocxDocument, table: LayoutTable) -> None:
    """Writes the merges straight into the XML (``w:gridSpan``, ``w:vMerge``): python-docx's
    ``cell().merge()`` walks the whole table on every call, which is quadratic on table 3."""
    docx_table = document.add_table(rows=len(table.rows), cols=table.width)
    docx_table.style = "Table Grid"
    docx_table.alignment = WD_TABLE_ALIGNMENT.CENTER
    size = Pt(7) if table.key == "appeals" else Pt(8)
    origins = {(p.row, p.column): p for p in placed_cells(table)}
    covering: dict[tuple[int, int], Placed] = {}
    for origin in origins.values():
        for dr in range(1, origin.cell.rowspan):
            covering[(origin.row + dr, origin.column)] = origin
    for r, row in enumerate(docx_table.rows):
        tr = row._tr
        for tc in tr.tc_lst:
            tr.remove(tc)
        column = 0
        while column < table.width:
            placed = origins.get((r, column)) or covering.get((r, column))
            if placed is None:  # a position no cell reaches: keep the grid rectangular
                tr.append(CT_Tc.new())
                column += 1
                continue
            tc = CT_Tc.new()
            tr.append(tc)
            cell = placed.cell
            properties = tc.get_or_add_tcPr()
            if cell.colspan > 1:
                properties.get_or_add_gridSpan().val = cell.colspan
            if cell.rowspan > 1:
                # python-docx makes get_or_add_vMerge (ZeroOrOne "w:vMerge") at run time but declares only
                # _add_vMerge of it, unlike its neighbours get_or_add_gridSpan and get_or_add_vAlign.
                vmerge = properties.get_or_add_vMerge()  # type: ignore[attr-defined]
                vmerge.val = "restart" if placed.row == r else "continue"
            if placed.row == r:
                _fill(_Cell(tc, docx_table), cell, size)
            column += cell.colspan
    for row in docx_table.rows[: table.header_rows]:
        _repeat_header(row)


def _fill(target: _Cell, cell: LayoutCell, size: Pt) -> None:
    paragraph = target.paragraphs[0]
    run = paragraph.add_run(cell.text)
    run.font.size = size
    if cell.header:
        run.bold = cell.scope in ("col", "colgroup")
        if cell.scope in ("col", "colgroup"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if cell.restored:
            _shade(target, "FFF4D6")


def _repeat_header(row: _Row) -> None:
    # w:tblHeader: Word repeats the column header rows on every page the table runs over.
    marker = OxmlElement("w:tblHeader")
    marker.set(qn("w:val"), "true")
    # types-lxml types a child as the parent's own class (Self); python-docx's element classes differ.
    row._tr.get_or_add_trPr().append(marker)  # type: ignore[arg-type]


def render_bytes(report: AnnualReport, *, findings: Sequence[Finding] = ()) -> bytes:
    return render_docx(report, findings)
