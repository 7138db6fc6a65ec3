"""What each renderer writes: the official layout (merges, labels, order), accessibility, fonts, PDF text."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from functools import cache

import pytest
from lxml import html as lxml_html

from gongkai import labels
from gongkai.errors import ReportError
from gongkai.report.findings import Finding
from gongkai.report.model import AnnualReport, Narrative
from gongkai.report.read import read_report
from gongkai.report.render import render
from tests.core import seed_truth
from tests.core.seed_truth import seed_as_2019, seed_report

NARRATIVE = Narrative(
    general="全年共收到政府信息公开申请10121件。\n第二段：平台建设。",
    problems="部分基层单位答复不够规范。",
    other="无。",
)


def seed_with_narrative(**changes) -> AnnualReport:
    from dataclasses import replace

    report = replace(seed_report(with_lost_cells=False), narrative=NARRATIVE, **changes)
    return report.with_cells(seed_truth.LOST_CELLS, restored=["requests.new.total"])


@cache
def seed_html() -> lxml_html.HtmlElement:
    return lxml_html.fromstring(render(seed_with_narrative(), "html"))


def th(root, text: str):
    matches = [e for e in root.iter("th") if e.text_content() == text]
    assert matches, text
    return matches[0]


def span(element) -> tuple[int, int]:
    return int(element.get("rowspan", 1)), int(element.get("colspan", 1))


# ── the official layout, in the HTML ──────────────────────────────────────────────────────────


def test_table_3_has_the_three_header_rows_under_the_note_cell() -> None:
    root = seed_html()
    assert span(th(root, labels.REQUESTS_NOTE)) == (3, 3)
    assert span(th(root, "申请人情况")) == (1, 7)
    assert span(th(root, "法人或其他组织")) == (1, 5)
    assert span(th(root, "自然人")) == (2, 1)
    table = root.xpath("//table[contains(@class,'requests')]")[0]
    third = table.xpath("./thead/tr")[2]
    assert [c.text_content() for c in third] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]


def test_table_3_group_labels_are_merged_over_their_rows() -> None:
    root = seed_html()
    # 22 rows under 三、本年度办理结果: （一）, （二）, 8 不予公开, 3 无法提供, 5 不予处理, 3 其他处理, （七）总计.
    assert span(th(root, "三、本年度办理结果")) == (22, 1)
    assert span(th(root, "（三）不予公开")) == (8, 1)
    assert span(th(root, "（四）无法提供")) == (3, 1)
    assert span(th(root, "（五）不予处理")) == (5, 1)
    assert span(th(root, "（六）其他处理")) == (3, 1)
    assert span(th(root, "（一）予以公开")) == (1, 2)
    assert span(th(root, "（七）总计")) == (1, 2)
    assert span(th(root, "一、本年新收政府信息公开申请数量")) == (1, 3)
    assert span(th(root, "四、结转下年度继续办理")) == (1, 3)


def test_the_2019_format_has_a_single_undivided_other_row() -> None:
    root = lxml_html.fromstring(render(seed_as_2019(), "html"))
    assert span(th(root, "三、本年度办理结果")) == (20, 1)
    assert span(th(root, "（六）其他处理")) == (1, 2)
    assert not [e for e in root.iter("th") if e.text_content() == "3.其他"]
    assert span(th(root, "第二十条第（九）项")) == (1, 4)
    assert th(root, "政府集中采购") is not None


def test_table_4_has_review_and_litigation_groups_over_fifteen_columns() -> None:
    root = seed_html()
    assert span(th(root, "行政复议")) == (2, 5)
    assert span(th(root, "行政诉讼")) == (1, 10)
    assert span(th(root, "未经复议直接起诉")) == (1, 5)
    assert span(th(root, "复议后起诉")) == (1, 5)
    table = root.xpath("//table[contains(@class,'appeals')]")[0]
    columns = [c.text_content() for c in table.xpath("./thead/tr")[2]]
    assert columns == ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"] * 3
    figures = [c.text_content() for c in table.xpath("./tbody/tr")[0]]
    assert figures == [str(v) for g in seed_truth.APPEAL_GROUPS.values() for v in g]


def test_table_2_blocks_are_headed_by_one_cell_rows_naming_the_item() -> None:
    root = seed_html()
    table = root.xpath("//table[contains(@class,'active')]")[0]
    rows = [[c.text_content() for c in tr] for tr in table.iter("tr")]
    block_rows = [r for r in rows if len(r) == 1]
    assert block_rows == [
        ["第二十条第（一）项"],
        ["第二十条第（五）项"],
        ["第二十条第（六）项"],
        ["第二十条第（八）项"],
    ]
    assert ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"] in rows
    assert ["信息内容", "本年收费金额（单位：万元）"] in rows
    assert ["行政事业性收费", "744182"] in rows
    assert span(th(root, "本年处理决定数量")) == (1, 3)


# ── the whole document ────────────────────────────────────────────────────────────────────────


def test_the_page_is_accessible_and_fits_a_phone() -> None:
    data = render(seed_with_narrative(), "html").decode("utf-8")
    root = lxml_html.fromstring(data.encode())
    assert data.startswith("<!DOCTYPE html>")
    assert root.get("lang") == "zh-CN"
    assert root.xpath("//meta[@name='viewport']")
    assert len(root.xpath("//table/caption")) == 3
    assert all(
        e.get("scope") in {"col", "colgroup", "row", "rowgroup"} or e.get("class") == "note"
        for e in root.iter("th")
    )
    assert len(root.xpath("//div[@class='table-scroll']/table")) == 3
    assert "overflow-x: auto" in data
    assert "@media print" in data and "table-header-group" in data


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_it_writes_title_preamble_sections_in_order_with_the_narrative(fmt: str) -> None:
    text = render(seed_with_narrative(), fmt).decode("utf-8")
    if fmt == "html":
        text = lxml_html.fromstring(text.encode()).text_content()
    order = [
        "重庆市2023年政府信息公开工作年度报告",
        "《中华人民共和国政府信息公开条例》",
        "一、总体情况",
        "全年共收到政府信息公开申请10121件。",
        "第二段：平台建设。",
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况",
        "部分基层单位答复不够规范。",
        "六、其他需要报告的事项",
        "无。",
    ]
    positions = [text.index(piece) for piece in order]
    assert positions == sorted(positions)


def test_a_missing_title_is_built_from_agency_and_year() -> None:
    report = seed_with_narrative(title=None, agency="某某县人民政府", year=2022)
    assert "# 某某县2022".replace("某某县", "某某县人民政府") in render(report, "md").decode()
    assert read_report(render(report, "html")).title == "某某县人民政府2022年政府信息公开工作年度报告"


def test_missing_cells_are_empty_never_zero() -> None:
    report = seed_report(with_lost_cells=False)
    root = lxml_html.fromstring(render(report, "html"))
    cell = root.xpath("//td[@data-address='requests.partly_granted.total']")[0]
    assert cell.text_content() == ""
    md_row = next(line for line in render(report, "md").decode().splitlines() if "（二）部分公开" in line)
    assert md_row.replace(" ", "").endswith("|3||")


def test_fees_are_printed_exactly_as_given() -> None:
    report = seed_report(True).with_cells({"active.fees_10k_yuan": Decimal("2.02")})
    assert "| 行政事业性收费 | 2.02 |" in render(report, "md").decode()
    root = lxml_html.fromstring(render(report, "html"))
    assert root.xpath("//td[@data-address='active.fees_10k_yuan']")[0].text_content() == "2.02"


def test_restored_cells_are_marked_but_keep_their_number() -> None:
    root = lxml_html.fromstring(render(seed_with_narrative(), "html"))
    cell = root.xpath("//td[@data-address='requests.new.total']")[0]
    assert cell.text_content() == "10121"
    assert cell.get("class") == "restored" and cell.get("title") == "据勾稽关系推算"
    assert "据勾稽关系推算" in root.text_content()
    md = render(seed_with_narrative(), "md").decode()
    assert "据勾稽关系推算" in md


def test_findings_are_listed_when_given() -> None:
    finding = Finding("I3", "error", ("requests.new.total",), "行合计不等", "row sum differs")
    for fmt in ("md", "html", "docx"):
        assert render(seed_report(True), fmt, findings=[finding]) != render(seed_report(True), fmt)
    assert "〔I3〕行合计不等" in render(seed_report(True), "md", findings=[finding]).decode()


def test_an_unknown_format_is_refused_in_chinese() -> None:
    with pytest.raises(ReportError, match="不支持的输出格式「odt」"):
        render(seed_report(True), "odt")


# ── XLSX and DOCX specifics ───────────────────────────────────────────────────────────────────


def test_xlsx_has_a_sheet_per_table_with_merged_headers_and_numeric_cells() -> None:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(render(seed_with_narrative(), "xlsx")))
    assert len(workbook.worksheets) == 5
    requests = next(ws for ws in workbook.worksheets if ws.title.startswith("三"))
    ranges = {
        (m.max_row - m.min_row + 1, m.max_col - m.min_col + 1, requests.cell(m.min_row, m.min_col).value)
        for m in requests.merged_cells.ranges
    }
    assert (3, 3, labels.REQUESTS_NOTE) in ranges
    assert (1, 7, "申请人情况") in ranges
    assert (1, 5, "法人或其他组织") in ranges
    assert (22, 1, "三、本年度办理结果") in ranges
    numbers = [c.value for row in requests.iter_rows() for c in row if isinstance(c.value, int)]
    assert 9319 in numbers and 2799 in numbers
    restored = next(c for row in requests.iter_rows() for c in row if c.value == 10121)
    assert restored.comment is not None and "据勾稽关系推算" in restored.comment.text


def test_docx_sets_an_east_asian_font_and_merges_cells() -> None:
    import docx
    from docx.oxml.ns import qn

    document = docx.Document(io.BytesIO(render(seed_with_narrative(), "docx")))
    normal = document.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "宋体"
    assert len(document.tables) == 3
    xml = document.tables[1]._tbl.xml
    assert re.search(r'<w:gridSpan w:val="7"/>', xml)  # 申请人情况
    assert xml.count('<w:vMerge w:val="restart"/>') >= 6  # note, 自然人, 总计, 三、, （三）…（六）
    assert "w:tblHeader" in xml
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert headings == [
        labels.SECTION_GENERAL,
        labels.SECTION_ACTIVE,
        labels.SECTION_REQUESTS,
        labels.SECTION_APPEALS,
        labels.SECTION_PROBLEMS,
        labels.SECTION_OTHER,
    ]


# ── PDF ───────────────────────────────────────────────────────────────────────────────────────


@cache
def seed_pdf() -> bytes:
    return render(seed_with_narrative(), "pdf")


def test_the_pdf_is_a4_with_chinese_typeset_in_a_cjk_font() -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(seed_pdf())) as pdf:
        page = pdf.pages[0]
        assert (round(page.width), round(page.height)) == (595, 842)  # A4 in points
        text = "\n".join(p.extract_text() or "" for p in pdf.pages)
        fonts = {c["fontname"] for p in pdf.pages for c in p.chars}
    assert any("CJK" in f for f in fonts)
    compact = re.sub(r"\s+", "", text)
    for label in (
        "重庆市2023年政府信息公开工作年度报告",
        "一、本年新收政府信息公开申请数量",
        "（七）总计",
        "第二十条第（一）项",
        "本年收费金额（单位：万元）",
        "未经复议直接起诉",
        "申请人情况",
        labels.SECTION_PROBLEMS,
        "全年共收到政府信息公开申请10121件。",
    ):
        assert label in compact, label
    assert compact.count("结果维持") == 3  # table 4's column headers fit their columns
    tokens = set(re.findall(r"\d+", text))
    expected = {str(v) for row in seed_truth.REQUEST_ROWS.values() for v in row}
    expected |= {str(v) for g in seed_truth.APPEAL_GROUPS.values() for v in g}
    expected |= {str(v) for v in seed_truth.ACTIVE.values()}
    assert expected <= tokens


def test_the_pdf_reads_back_through_the_pdf_reader() -> None:
    back = read_report(seed_pdf(), name="seed.pdf")
    wrong = {a: (v, back.cells[a]) for a, v in seed_with_narrative().cells.items() if back.cells[a] != v}
    assert not wrong
