"""HTML, DOCX and XLSX readers: the seed's figures laid out as real tables with merged cells.

The layout below is written by hand after the official template (spec §2–§4): the header note
spans three columns and three rows, 三、本年度办理结果 spans the 22 outcome rows, each group label
spans its leaves. The figures come from ``seed_truth`` (typed by hand from the fixture).
"""

from __future__ import annotations

import functools
import io

import docx
import openpyxl
import pytest

from gongkai import labels
from gongkai.errors import ReportError, UnreadableInputError
from gongkai.report.document import Cell
from gongkai.report.read import detect_kind, read_report
from tests.core.official_layout import table3 as official_table3
from tests.core.seed_truth import ACTIVE, APPEAL_GROUPS, seed_report

TITLE = "重庆市2023年政府信息公开工作年度报告"
LOST = {("new", 6), ("partly_granted", 6)}  # the two 总计 cells the seed lost


def table2() -> list[list[Cell]]:
    rules = [ACTIVE[f"active.rules.{c}"] for c in ("issued", "repealed", "in_force")]
    docs = [ACTIVE[f"active.normative_documents.{c}"] for c in ("issued", "repealed", "in_force")]
    return [
        [Cell(labels.ACTIVE_BLOCK_1, colspan=4)],
        [
            Cell(labels.ACTIVE_CONTENT),
            Cell(labels.ACTIVE_ISSUED),
            Cell(labels.ACTIVE_REPEALED),
            Cell(labels.ACTIVE_IN_FORCE),
        ],
        [Cell("规 章"), *(Cell(str(v)) for v in rules)],
        [Cell(labels.ACTIVE_NORMATIVE), *(Cell(str(v)) for v in docs)],
        [Cell(labels.ACTIVE_BLOCK_5, colspan=4)],
        [Cell(labels.ACTIVE_CONTENT), Cell(labels.ACTIVE_DECISIONS, colspan=3)],
        [Cell(labels.ACTIVE_LICENSING), Cell("9537924", colspan=3)],
        [Cell(labels.ACTIVE_BLOCK_6, colspan=4)],
        [Cell(labels.ACTIVE_CONTENT), Cell(labels.ACTIVE_DECISIONS, colspan=3)],
        [Cell(labels.ACTIVE_PENALTY), Cell("14049427", colspan=3)],
        [Cell(labels.ACTIVE_COERCION), Cell("230169", colspan=3)],
        [Cell(labels.ACTIVE_BLOCK_8, colspan=4)],
        [Cell(labels.ACTIVE_CONTENT), Cell(labels.ACTIVE_FEE_AMOUNT, colspan=3)],
        [Cell(labels.ACTIVE_FEES), Cell("744182", colspan=3)],
    ]


def table3(lose: set[tuple[str, int]] = LOST) -> list[list[Cell]]:
    return official_table3(lose)


def table4() -> list[list[Cell]]:
    sub = [Cell(c) for c in labels.APPEAL_COLUMNS.values()]
    return [
        [Cell("行政复议", colspan=5, rowspan=2), Cell("行政诉讼", colspan=10)],
        [Cell("未经复议直接起诉", colspan=5), Cell("复议后起诉", colspan=5)],
        sub * 3,
        [Cell(str(v)) for group in APPEAL_GROUPS.values() for v in group],
    ]


def seed_blocks(lose: set[tuple[str, int]] = LOST) -> list[tuple[str, object]]:
    """(kind, content) in reading order: ("p", text) or ("table", rows)."""
    return [
        ("p", TITLE),
        ("p", "一、总体情况"),
        ("p", "2023年，全市各级行政机关坚持依法公开。"),
        ("p", labels.SECTION_ACTIVE),
        ("table", table2()),
        ("p", labels.SECTION_REQUESTS),
        ("table", table3(lose)),
        ("p", labels.SECTION_APPEALS),
        ("table", table4()),
        ("p", "五、当前存在的主要问题及改进措施"),
        ("p", "（一）主要问题。公开还不够精准。"),
        ("p", "六、其他需要报告的事项"),
        ("p", "2023年，全市共收取信息处理费6120元。"),
    ]


# ── writers (test-only, deliberately plain) ───────────────────────────────────────────────────


def to_html(blocks: list[tuple[str, object]]) -> str:
    parts = ['<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"></head><body>']
    for kind, content in blocks:
        if kind == "p":
            parts.append(f"<p><span>{content}</span></p>")
            continue
        parts.append("<table border=1>")
        for row in content:
            tds = "".join(
                f'<td rowspan="{c.rowspan}" colspan="{c.colspan}"><p><font face="宋体"><span>{c.text}</span>'
                f"</font></p></td>"
                for c in row
            )
            parts.append(f"<tr>{tds}</tr>")
        parts.append("</table>")
    parts.append("</body></html>")
    return "\n".join(parts)


def _positions(rows: list[list[Cell]]) -> tuple[list[tuple[int, int, Cell]], int, int]:
    """Top-left grid position of every cell, computed independently of the code under test."""
    taken: set[tuple[int, int]] = set()
    placed = []
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            placed.append((r, c, cell))
            taken |= {(r + dr, c + dc) for dr in range(cell.rowspan) for dc in range(cell.colspan)}
            c += cell.colspan
    height = max(r for r, _ in taken) + 1
    width = max(c for _, c in taken) + 1
    return placed, height, width


def to_docx(blocks: list[tuple[str, object]]) -> bytes:
    document = docx.Document()
    for kind, content in blocks:
        if kind == "p":
            document.add_paragraph(content)
            continue
        placed, height, width = _positions(content)
        table = document.add_table(rows=height, cols=width)
        for r, c, cell in placed:
            table.cell(r, c).text = cell.text
            if cell.rowspan > 1 or cell.colspan > 1:
                table.cell(r, c).merge(table.cell(r + cell.rowspan - 1, c + cell.colspan - 1))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def to_xlsx(blocks: list[tuple[str, object]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    line = 1
    for kind, content in blocks:
        if kind == "p":
            sheet.cell(line, 1, content)
            line += 1
            continue
        placed, height, _ = _positions(content)
        for r, c, cell in placed:
            value: object = int(cell.text) if cell.text.isdigit() else (cell.text or None)
            sheet.cell(line + r, c + 1, value)
            if cell.rowspan > 1 or cell.colspan > 1:
                sheet.merge_cells(
                    start_row=line + r,
                    start_column=c + 1,
                    end_row=line + r + cell.rowspan - 1,
                    end_column=c + cell.colspan,
                )
        line += height
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def to_pdf(blocks: list[tuple[str, object]]) -> bytes:
    """A ruled, landscape PDF with a text layer, printed from the HTML by WeasyPrint."""
    import weasyprint

    style = "<style>td{border:0.8pt solid black;font-size:7pt}@page{size:A4 landscape}</style>"
    html = to_html(blocks).replace("charset=gb2312", "charset=utf-8").replace("<head>", f"<head>{style}")
    return weasyprint.HTML(string=html).write_pdf()


WRITERS = {
    "html": lambda blocks: to_html(blocks).encode("gbk"),
    "docx": to_docx,
    "xlsx": to_xlsx,
    "pdf": to_pdf,
}


@functools.cache
def seed_file(kind: str, lose: frozenset[tuple[str, int]] = frozenset(LOST)) -> bytes:
    """Written once per layout: python-docx takes most of a second to merge the table's cells."""
    return WRITERS[kind](seed_blocks(set(lose)))


# ── tests ─────────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_it_reads_every_seed_figure_from_a_merged_cell_table(kind):
    report = read_report(seed_file(kind), name=f"seed.{kind}")
    assert dict(report.cells) == dict(seed_report(with_lost_cells=False).cells)
    assert (report.agency, report.year, report.format) == ("重庆市", 2023, "2021")


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_it_picks_the_reader_from_the_content_not_the_name(kind):
    assert detect_kind(seed_file(kind)) == kind


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_it_keeps_an_empty_grid_cell_missing_at_its_own_column(kind):
    lose = {("granted", 0), ("granted", 3)}  # 自然人 and 社会公益组织 of （一）予以公开
    report = read_report(seed_file(kind, frozenset(lose)), name=f"seed.{kind}")
    granted = report.request_row("granted")
    assert granted == (None, 311, 0, None, 12, 20, 4566)
    assert report.get("requests.new.total") == 10121


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_it_keeps_the_narrative_from_paragraphs(kind):
    report = read_report(seed_file(kind), name=f"seed.{kind}")
    assert report.narrative.general == "2023年，全市各级行政机关坚持依法公开。"
    assert report.narrative.problems == "（一）主要问题。公开还不够精准。"
    assert report.narrative.other == "2023年，全市共收取信息处理费6120元。"


def test_it_decodes_a_gb2312_page_by_its_meta_charset():
    data = to_html(seed_blocks()).encode("gb2312")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert read_report(data, name="seed.html").title == TITLE


def test_it_decodes_an_undeclared_gbk_page_by_detection():
    html = to_html(seed_blocks()).replace("; charset=gb2312", "")
    assert read_report(html.encode("gbk"), name="seed.html").get("requests.total.total") == 9862


def test_it_joins_a_header_cell_broken_over_lines_inside_an_html_cell():
    html = to_html(seed_blocks()).replace("<span>结果维持</span>", "<span>结果<br>维持</span>")
    from gongkai.report.readers.html import read_html

    texts = [
        c.text
        for block in read_html(html).blocks
        if hasattr(block, "rows")
        for row in block.rows
        for c in row
    ]
    assert "结果维持" in texts


def test_it_names_the_file_when_a_word_package_is_damaged():
    data = seed_file("docx")
    broken = data[:200] + b"\0" * 50 + data[250:]
    with pytest.raises(UnreadableInputError) as caught:
        from gongkai.report.readers.docx import read_docx

        read_docx(broken, name="坏文件.docx")
    assert "坏文件.docx" in caught.value.message


def test_it_refuses_a_pdf_without_a_text_layer_naming_the_file():
    import weasyprint

    blank = weasyprint.HTML(string="<html><body><div style='height:5cm'></div></body></html>").write_pdf()
    with pytest.raises(UnreadableInputError) as caught:
        read_report(blank, name="扫描件.pdf")
    assert "扫描件.pdf" in caught.value.message and "没有可提取的文字" in caught.value.message


def test_it_reads_a_report_laid_out_inside_an_outer_page_table():
    inner = to_html(seed_blocks()).split("<body>", 1)[1].split("</body>", 1)[0]
    page = (
        f'<html><head><meta charset="utf-8"></head><body><table width="900"><tr><td>导航</td></tr>'
        f"<tr><td>{inner}</td></tr></table></body></html>"
    )
    report = read_report(page.encode("utf-8"), name="page.html")
    assert dict(report.cells) == dict(seed_report(with_lost_cells=False).cells)
    assert report.narrative.other == "2023年，全市共收取信息处理费6120元。"


@pytest.mark.parametrize(
    "inner",
    [
        "38<br>00011",
        "<p>38</p><p>00011</p>",
        "<div>38</div>00011",
        "<div>38</div><div>000</div>",
        "38 <br> 000",
    ],
)
def test_it_never_joins_two_figures_broken_into_blocks_inside_an_html_cell(inner):
    from gongkai.report.readers.html import read_html
    from gongkai.report.text import parse_number

    (table,) = read_html(f"<table><tr><td>规章</td><td>{inner}</td></tr></table>").blocks
    text = table.rows[0][1].text
    assert text not in {"3800011", "38000"}  # never one invented figure
    with pytest.raises(ReportError):
        parse_number(text)


def test_it_keeps_a_single_figure_wrapped_in_inline_tags_inside_an_html_cell():
    from gongkai.report.readers.html import read_html

    (table,) = read_html("<table><tr><td><p><span>9</span><font>319</font></p></td></tr></table>").blocks
    assert table.rows[0][0].text == "9319"


def test_it_does_not_join_figures_around_a_mangled_tag_the_parser_reads_as_a_comment():
    # Found by fuzzing: "16<o:p></<p …>19" — "</<p …>" is a bogus comment, the page never printed 1619.
    from gongkai.report.readers.html import read_html
    from gongkai.report.text import parse_number

    page = "<table><tr><td><p><span>16<o:p></<p class=x><span>19<o:p></o:p></span></p></td></tr></table>"
    (table,) = read_html(page).blocks
    assert table.rows[0][0].text != "1619"
    with pytest.raises(ReportError):
        parse_number(table.rows[0][0].text)


def test_it_does_not_join_figures_around_a_mangled_tag_name():
    # Found by fuzzing: "16<o<p …>16" parses as an element named "o<p"; it is no inline wrapper of one figure.
    from gongkai.report.readers.html import read_html
    from gongkai.report.text import parse_number

    page = "<table><tr><td><p><span>16<o<p class=x><span>16<o:p></o:p></span></p></td></tr></table>"
    (table,) = read_html(page).blocks
    with pytest.raises(ReportError):
        parse_number(table.rows[0][0].text)


def test_it_never_joins_two_figures_in_separate_paragraphs_of_a_word_cell():
    from gongkai.report.readers.docx import read_docx
    from gongkai.report.text import parse_number

    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    table.cell(0, 0).text = "规章"
    table.cell(0, 1).text = "38"
    table.cell(0, 1).add_paragraph("000")
    table.cell(0, 2).paragraphs[0].add_run("结果")
    table.cell(0, 2).add_paragraph("纠正")
    buffer = io.BytesIO()
    document.save(buffer)
    (read,) = [b for b in read_docx(buffer.getvalue()).blocks if hasattr(b, "rows")]
    label, figures, header = read.rows[0]
    assert (label.text, header.text) == ("规章", "结果纠正")
    assert figures.text != "38000"
    with pytest.raises(ReportError):
        parse_number(figures.text)


def test_it_does_not_join_figures_around_a_comment_in_running_text():
    # Found by fuzzing: a mangled doctype left "7<!--…-->0" in the page's text, read as the figure 70.
    from gongkai.report.readers.html import read_html

    (paragraph,) = read_html("<p>7<!-- x -->0，全年<!-- y -->收到申请</p>").blocks
    assert paragraph.text == "7 0，全年收到申请"
