"""The PDF reader on PDFs typeset here by WeasyPrint: ruled and unruled tables, tables over pages,
page furniture, scans. Tables are small and written by hand; the seed's figures come from
``seed_truth`` (typed by hand from the fixture), never from the reader.
"""

from __future__ import annotations

import functools
import io
import logging

import pytest

from gongkai.errors import UnreadableInputError
from gongkai.report.document import Paragraph, Table
from gongkai.report.read import read_report
from gongkai.report.readers.pdf import read_pdf
from tests.core.seed_truth import seed_report

logging.getLogger("weasyprint").setLevel(logging.ERROR)


def pdf(body: str, *, style: str = "") -> bytes:
    import weasyprint

    page = (
        f"<html><head><meta charset='utf-8'><style>body{{font-size:10pt}}{style}</style></head>"
        f"<body>{body}</body></html>"
    )
    return weasyprint.HTML(string=page).write_pdf()


RULED = "table{border-collapse:collapse}td,th{border:0.8pt solid black;padding:2pt 6pt}"


def tables(document) -> list[Table]:
    return [b for b in document.blocks if isinstance(b, Table)]


def texts(table: Table) -> list[list[str]]:
    return [[c.text for c in row] for row in table.rows]


@functools.cache
def seed_pdf() -> bytes:
    from gongkai.report.render import render

    return render(seed_report(with_lost_cells=False), "pdf")


def test_it_reads_every_seed_figure_from_the_engines_pdf_rendering():
    report = read_report(seed_pdf(), name="seed.pdf")
    assert dict(report.cells) == dict(seed_report(with_lost_cells=False).cells)
    assert (report.agency, report.year) == ("重庆市", 2023)


def test_it_keeps_the_spans_of_merged_cells_in_a_ruled_table():
    body = (
        "<table><tr><td rowspan='2'>分组</td><td colspan='2'>合并表头</td></tr>"
        "<tr><td>甲</td><td>乙</td></tr><tr><td>数据</td><td>1</td><td>2</td></tr></table>"
    )
    (table,) = tables(read_pdf(pdf(body, style=RULED)))
    assert [(c.text, c.rowspan, c.colspan) for c in table.rows[0]] == [("分组", 2, 1), ("合并表头", 1, 2)]
    assert texts(table)[1:] == [["甲", "乙"], ["数据", "1", "2"]]


def test_it_continues_a_table_over_pages_and_drops_the_repeated_header():
    rows = "".join(f"<tr><td>第{n}项</td><td>{n}</td><td>{n * 3}</td></tr>" for n in range(1, 91))
    body = (
        f"<table><thead><tr><th>项目</th><th>数量</th><th>金额</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    data = pdf(body, style=RULED)
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as document:
        assert len(document.pages) >= 2  # the premise: the table really runs over a page break
    (table,) = tables(read_pdf(data))
    assert texts(table)[0] == ["项目", "数量", "金额"]
    assert texts(table)[1:] == [[f"第{n}项", str(n), str(n * 3)] for n in range(1, 91)]


def test_it_rebuilds_an_unruled_table_from_word_positions_keeping_a_blank_in_its_column():
    cell = "style='width:25%'"
    body = (
        f"<table style='width:100%'><tr><td {cell}>项目</td><td {cell}>自然人</td><td {cell}>企业</td>"
        f"<td {cell}>总计</td></tr>"
        "<tr><td>新收申请</td><td>12</td><td>7</td><td>19</td></tr>"
        "<tr><td>予以公开</td><td>5</td><td></td><td>5</td></tr></table>"
    )
    (table,) = tables(read_pdf(pdf(body)))
    assert texts(table) == [
        ["项目", "自然人", "企业", "总计"],
        ["新收申请", "12", "7", "19"],
        ["予以公开", "5", "", "5"],
    ]


def test_it_drops_page_numbers_and_running_headers_but_keeps_the_text():
    style = (
        "@page{@top-center{content:'青山区人民政府信息公开专栏'}"
        "@bottom-center{content:'- ' counter(page) ' -'}}"
    )
    body = "".join(f"<p>第{n}段正文，内容照录。</p>" for n in range(1, 120))
    document = read_pdf(pdf(body, style=style))
    lines = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert lines == [f"第{n}段正文，内容照录。" for n in range(1, 120)]


def test_it_refuses_an_image_only_scan_with_its_own_code():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (300, 400), 255).save(buffer, format="PDF")
    with pytest.raises(UnreadableInputError) as caught:
        read_pdf(buffer.getvalue(), name="扫描.pdf")
    assert caught.value.code == "report.scanned_pdf"
    assert caught.value.message == "「扫描.pdf」是扫描件（图片）PDF，无法读取文字，需要人工录入或 OCR。"


def test_it_names_a_damaged_pdf():
    data = pdf("<p>正文</p>")
    with pytest.raises(UnreadableInputError) as caught:
        read_pdf(data[:40] + b"garbage" * 20, name="坏.pdf")
    # The library's own words ("Unexpected EOF") are English and say no more than this.
    assert caught.value.message == "无法打开PDF文件「坏.pdf」：不是有效的PDF文件（文件已损坏或不完整）。"


def test_it_reads_the_same_document_from_pdfium_objects_as_from_pdfplumbers_own_parse(monkeypatch):
    # The fast path (PDFium characters and ruling lines) must not change a single block.
    import gongkai.report.readers.pdf as reader

    body = (
        "<h3>三、收到和处理政府信息公开申请情况</h3><table><tr><th rowspan=2>项目</th><th colspan=2>申请人</th></tr>"
        "<tr><th>自然人</th><th>商业<br>企业</th></tr><tr><td>一、本年新收</td><td>9319</td><td>683</td></tr></table>"
        "<p>全年共收到政府信息公开申请10121件。</p>"
    )
    samples = [seed_pdf(), pdf(body, style=RULED), pdf(body)]
    import pdfplumber

    for data in samples:  # the fast path is really taken on these pages
        with pdfplumber.open(io.BytesIO(data)) as document:
            assert all(
                objects and objects["char"] for objects in reader._pdfium_objects(data, document.pages)
            )
    fast = [read_pdf(data) for data in samples]
    monkeypatch.setattr(reader, "_pdfium_objects", lambda data, pages: [None] * len(pages))
    slow = [read_pdf(data) for data in samples]
    assert fast == slow
    assert any(tables(document) for document in slow)


def test_it_leaves_a_page_with_rotated_text_to_pdfplumber():
    # A vertical group label ("本年度办理结果" turned 90°) needs pdfplumber's "upright" flag: no fast path.
    import pdfplumber

    import gongkai.report.readers.pdf as reader

    data = pdf(
        "<table><tr><td><div style='transform:rotate(90deg)'>办理结果</div></td><td>12</td></tr></table>",
        style=RULED,
    )
    with pdfplumber.open(io.BytesIO(data)) as document:
        assert reader._pdfium_objects(data, document.pages) == [None]
    (table,) = tables(read_pdf(data))
    assert "12" in [c.text for row in table.rows for c in row]
