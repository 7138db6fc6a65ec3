"""Word layouts that hide report tables: text boxes, frames, tables nested in tables, content controls.

Every document is written here. python-docx makes the package; the report tables are written as raw
WordprocessingML with lxml (gridSpan / vMerge placed by hand, after the official template) and then
wrapped the way Word and WPS wrap them: a DrawingML text box with its VML fallback copy
(``mc:AlternateContent``), a legacy VML text box, a one-cell frame table, a layout table with the report
in one of its cells, a content control around a table, its rows and its cells. The figures come from
``seed_truth`` (typed by hand from the seed fixture), so every cell is checked against an independent
source.
"""

from __future__ import annotations

import copy
import io
from collections.abc import Callable

import docx
import pytest
from lxml import etree

from gongkai import labels
from gongkai.report.document import Cell, Paragraph, Table
from gongkai.report.read import read_report
from gongkai.report.readers.docx import read_docx
from tests.core.official_layout import table3 as official_table3
from tests.core.seed_truth import ACTIVE, APPEAL_GROUPS, REQUEST_ROWS, seed_cells

NS = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "v": "urn:schemas-microsoft-com:vml",
}
TITLE = "重庆市2023年政府信息公开工作年度报告"
GENERAL = "2023年，全市各级行政机关坚持依法公开。"
PROBLEMS = "（一）主要问题。公开还不够精准。"
OTHER = "2023年，全市共收取信息处理费6120元。"

Element = etree._Element
Wrap = Callable[[Element], list[Element]]


# ── raw WordprocessingML, written by hand ───────────────────────────────────────────────────────


def el(name: str, *children: Element, **attributes: str) -> Element:
    """``el("w:tc", …, w_val="2")``: a namespaced element; ``w_val`` is the attribute ``w:val``."""
    prefix, local = name.split(":")
    element = etree.Element(f"{{{NS[prefix]}}}{local}", nsmap={prefix: NS[prefix]})
    for key, value in attributes.items():
        a_prefix, _, a_local = key.partition("_")
        element.set(f"{{{NS[a_prefix]}}}{a_local}" if a_local else key, value)
    element.extend(children)
    return element


def para(text: str = "") -> Element:
    return el("w:p", el("w:r", _t(text))) if text else el("w:p")


def _t(text: str) -> Element:
    t = el("w:t")
    t.text = text
    return t


def tc(*blocks: Element, span: int = 1, merge: str | None = None) -> Element:
    properties = el("w:tcPr")
    if span > 1:
        properties.append(el("w:gridSpan", w_val=str(span)))
    if merge is not None:
        properties.append(el("w:vMerge", w_val=merge) if merge else el("w:vMerge"))
    # Word requires every cell to end with a paragraph.
    ends_with_paragraph = blocks and blocks[-1].tag == f"{{{NS['w']}}}p"
    return el("w:tc", properties, *blocks, *(() if ends_with_paragraph else (para(),)))


def table(rows: list[list[Cell]]) -> Element:
    """A ``w:tbl`` of the published rows: a merged cell starts a gridSpan, and a vMerge run down its rows."""
    starts, below, height, width = _place(rows)
    tbl = el("w:tbl", el("w:tblPr"), el("w:tblGrid", *(el("w:gridCol", w_w="600") for _ in range(width))))
    for r in range(height):
        tr = el("w:tr")
        c = 0
        while c < width:
            if (r, c) in starts:
                cell = starts[r, c]
                tr.append(
                    tc(para(cell.text), span=cell.colspan, merge="restart" if cell.rowspan > 1 else None)
                )
                c += cell.colspan
            elif (r, c) in below:  # under a cell merged down from an earlier row
                tr.append(tc(span=below[r, c].colspan, merge=""))
                c += below[r, c].colspan
            else:
                tr.append(tc())
                c += 1
        tbl.append(tr)
    return tbl


def _place(
    rows: list[list[Cell]],
) -> tuple[dict[tuple[int, int], Cell], dict[tuple[int, int], Cell], int, int]:
    """Top-left position of each cell; the first column of each lower row a merged cell covers; the size."""
    taken: set[tuple[int, int]] = set()
    starts: dict[tuple[int, int], Cell] = {}
    below: dict[tuple[int, int], Cell] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            starts[r, c] = cell
            taken |= {(r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
            below |= {(r + dr, c): cell for dr in range(1, cell.rowspan)}
            c += cell.colspan
    return starts, below, max(r for r, _ in taken) + 1, max(c for _, c in taken) + 1


# ── the report's three tables, laid out after the template ─────────────────────────────────────


def _figures(values: tuple[int, ...] | list[object]) -> list[Cell]:
    return [Cell(str(v)) for v in values]


def table2() -> list[list[Cell]]:
    rules = [ACTIVE[f"active.rules.{c}"] for c in ("issued", "repealed", "in_force")]
    documents = [ACTIVE[f"active.normative_documents.{c}"] for c in ("issued", "repealed", "in_force")]
    decisions = Cell(labels.ACTIVE_DECISIONS, colspan=3)
    return [
        [Cell(labels.ACTIVE_BLOCK_1, colspan=4)],
        [
            Cell(labels.ACTIVE_CONTENT),
            Cell(labels.ACTIVE_ISSUED),
            Cell(labels.ACTIVE_REPEALED),
            Cell(labels.ACTIVE_IN_FORCE),
        ],
        [Cell(labels.ACTIVE_RULES), *_figures(rules)],
        [Cell(labels.ACTIVE_NORMATIVE), *_figures(documents)],
        [Cell(labels.ACTIVE_BLOCK_5, colspan=4)],
        [Cell(labels.ACTIVE_CONTENT), decisions],
        [Cell(labels.ACTIVE_LICENSING), Cell(str(ACTIVE["active.licensing"]), colspan=3)],
        [Cell(labels.ACTIVE_BLOCK_6, colspan=4)],
        [Cell(labels.ACTIVE_CONTENT), decisions],
        [Cell(labels.ACTIVE_PENALTY), Cell(str(ACTIVE["active.penalty"]), colspan=3)],
        [Cell(labels.ACTIVE_COERCION), Cell(str(ACTIVE["active.coercion"]), colspan=3)],
        [Cell(labels.ACTIVE_BLOCK_8, colspan=4)],
        [Cell(labels.ACTIVE_CONTENT), Cell(labels.ACTIVE_FEE_AMOUNT, colspan=3)],
        [Cell(labels.ACTIVE_FEES), Cell(str(ACTIVE["active.fees_10k_yuan"]), colspan=3)],
    ]


def table3() -> list[list[Cell]]:
    return official_table3()


def table4() -> list[list[Cell]]:
    columns = [Cell(c) for c in labels.APPEAL_COLUMNS.values()]
    return [
        [
            Cell(labels.APPEALS_RECONSIDERATION, colspan=5, rowspan=2),
            Cell(labels.APPEALS_LITIGATION, colspan=10),
        ],
        [Cell("未经复议直接起诉", colspan=5), Cell("复议后起诉", colspan=5)],
        columns * 3,
        [Cell(str(v)) for group in APPEAL_GROUPS.values() for v in group],
    ]


def report_body(wrap: Wrap) -> list[Element]:
    """The seed report's blocks, each report table passed through ``wrap`` (which returns its blocks)."""
    return [
        para(TITLE),
        para(labels.SECTION_GENERAL),
        para(GENERAL),
        para(labels.SECTION_ACTIVE),
        *wrap(table(table2())),
        para(labels.SECTION_REQUESTS),
        *wrap(table(table3())),
        para(labels.SECTION_APPEALS),
        *wrap(table(table4())),
        para("五、当前存在的主要问题及改进措施"),
        para(PROBLEMS),
        para(labels.SECTION_OTHER),
        para(OTHER),
    ]


def docx_of(blocks: list[Element]) -> bytes:
    document = docx.Document()
    body = document.element.body
    section = body[-1]  # w:sectPr stays last
    for block in blocks:
        section.addprevious(block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# ── the wrappers real documents use ─────────────────────────────────────────────────────────────


def text_box(*blocks: Element, anchor_text: str = "", fallback: bool = True) -> Element:
    """A paragraph anchoring a Word 2010+ text box: a DrawingML choice and, as Word writes it, a VML copy."""
    choice = el(
        "mc:Choice",
        el(
            "w:drawing",
            el(
                "wp:anchor",
                el(
                    "a:graphic",
                    el("a:graphicData", el("wps:wsp", el("wps:txbx", el("w:txbxContent", *blocks)))),
                ),
            ),
        ),
        Requires="wps",
    )
    alternate = el("mc:AlternateContent", choice)
    if fallback:
        copies = [copy.deepcopy(b) for b in blocks]
        alternate.append(
            el("mc:Fallback", el("w:pict", el("v:rect", el("v:textbox", el("w:txbxContent", *copies)))))
        )
    runs = [el("w:r", _t(anchor_text))] if anchor_text else []
    return el("w:p", *runs, el("w:r", alternate))


def vml_text_box(*blocks: Element) -> Element:
    """A legacy text box (documents converted from .doc, WPS): VML only, no alternate content."""
    return el("w:p", el("w:r", el("w:pict", el("v:shape", el("v:textbox", el("w:txbxContent", *blocks))))))


def frame(*blocks: Element) -> Element:
    """A one-cell table drawn around content as a border."""
    return el("w:tbl", el("w:tblPr"), el("w:tr", tc(*blocks)))


def layout(*rows: list[list[Element]]) -> Element:
    """A page-layout table: each cell holds the given blocks."""
    return el("w:tbl", el("w:tblPr"), *(el("w:tr", *(tc(*blocks) for blocks in row)) for row in rows))


def control(*blocks: Element) -> Element:
    """A content control (``w:sdt``) around blocks, rows or cells."""
    return el("w:sdt", el("w:sdtPr", el("w:alias", w_val="表格")), el("w:sdtContent", *blocks))


WRAPS: dict[str, Wrap] = {
    "text box with VML fallback": lambda t: [text_box(t)],
    "text box without fallback": lambda t: [text_box(t, fallback=False)],
    "VML text box": lambda t: [vml_text_box(t)],
    "text box after anchor text": lambda t: [text_box(t, anchor_text="（见下表）")],
    "one-cell frame": lambda t: [frame(t)],
    "frame in a frame": lambda t: [frame(frame(t))],
    "text box in a frame": lambda t: [frame(text_box(t))],
    "layout cell beside a caption cell": lambda t: [layout([[para("附表")], [t]])],
    "layout row above the table": lambda t: [layout([[para("单位：件")]], [[t]])],
    "content control": lambda t: [control(t)],
    "content control in a text box": lambda t: [text_box(control(t))],
}


# ── tests ─────────────────────────────────────────────────────────────────────────────────────


def _assert_reads_the_seed(data: bytes, name: str) -> None:
    report = read_report(data, name=name)
    assert dict(report.cells) == seed_cells(with_lost_cells=True)
    assert (report.agency, report.year, report.format) == ("重庆市", 2023, "2021")
    assert (report.narrative.general, report.narrative.problems, report.narrative.other) == (
        GENERAL,
        PROBLEMS,
        OTHER,
    )


@pytest.mark.parametrize("how", sorted(WRAPS))
def test_it_reads_every_cell_of_report_tables_wrapped_in_a_layout(how):
    _assert_reads_the_seed(docx_of(report_body(WRAPS[how])), f"{how}.docx")


def test_it_reads_a_report_written_entirely_inside_a_one_cell_frame():
    _assert_reads_the_seed(docx_of([frame(*report_body(lambda t: [t]))]), "frame.docx")


def test_it_reads_a_report_in_the_content_cell_of_a_page_layout_table():
    page = layout(
        [[para("首页 > 政府信息公开 > 年度报告")], [para("发布日期：2024-01-20")]],
        [[para("目录")], report_body(lambda t: [t])],
    )
    _assert_reads_the_seed(docx_of([page]), "page.docx")


def test_it_reads_each_table_from_its_own_text_box_exactly_once():
    document = read_docx(docx_of(report_body(lambda t: [text_box(t, anchor_text="（见下表）")])))
    tables = [b for b in document.blocks if isinstance(b, Table)]
    assert len(tables) == 3  # the VML fallback copies are not read again
    assert [len(t.rows) for t in tables] == [len(table2()), len(table3()), len(table4())]
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert texts.count("（见下表）") == 3  # the anchor's own text, without the box's text run into it
    assert texts.index(labels.SECTION_REQUESTS) < texts.index(labels.SECTION_APPEALS)


def test_it_reads_a_document_whose_only_table_is_in_a_text_box():
    blocks = [
        text_box(para(TITLE)),
        para(labels.SECTION_GENERAL),
        para(GENERAL),
        para(labels.SECTION_REQUESTS),
        text_box(table(table3())),
        para("五、当前存在的主要问题及改进措施"),
        para(PROBLEMS),
    ]
    report = read_report(docx_of(blocks), name="textbox-only.docx")
    assert (report.agency, report.year) == ("重庆市", 2023)
    for key, values in REQUEST_ROWS.items():
        assert report.request_row(key) == values, key
    assert report.get("active.licensing") is None and report.get("appeals.reconsideration.total") is None
    assert (report.narrative.general, report.narrative.problems) == (GENERAL, PROBLEMS)


def test_it_reads_the_fallback_copy_when_the_choice_holds_no_text():
    empty_choice = text_box(para(""))
    fallback_text = empty_choice.find(".//mc:Fallback//w:txbxContent", NS)
    fallback_text.append(table([[Cell("规章"), Cell("13")]]))
    (read,) = read_docx(docx_of([empty_choice])).blocks
    assert read == Table([[Cell("规章"), Cell("13")]])


def test_it_reads_rows_and_cells_wrapped_in_content_controls():
    def controlled(tbl: Element) -> list[Element]:
        rows = tbl.findall("w:tr", NS)
        for i, tr in enumerate(rows):
            if i % 2:  # a repeating-section control around every other row
                tr.addprevious(control(copy.deepcopy(tr)))
                tbl.remove(tr)
            else:  # a plain-text control around the last cell of the others
                last = tr.findall("w:tc", NS)[-1]
                last.addprevious(control(copy.deepcopy(last)))
                tr.remove(last)
        return [el("w:customXml", tbl, w_element="table")]

    _assert_reads_the_seed(docx_of(report_body(controlled)), "controls.docx")


def test_it_reads_a_figure_boxed_in_a_one_cell_table_inside_a_report_cell():
    def boxed_figures(tbl: Element) -> list[Element]:
        for t in tbl.iterfind(".//w:t", NS):
            if t.text.isdigit():  # each figure inside its own little bordered table
                cell = t.getparent().getparent().getparent()
                cell.replace(t.getparent().getparent(), frame(para(t.text)))
        return [tbl]

    data = docx_of(report_body(boxed_figures))
    assert sum(isinstance(b, Table) for b in read_docx(data).blocks) == 3  # still report tables, not layout
    _assert_reads_the_seed(data, "boxed.docx")


def test_it_keeps_a_figure_in_a_text_box_inside_a_cell_once():
    cell = tc(text_box(para("13")))
    tbl = el("w:tbl", el("w:tblPr"), el("w:tr", tc(para("规章")), cell))
    (read,) = read_docx(docx_of([tbl])).blocks
    assert read == Table([[Cell("规章"), Cell("13")]])
