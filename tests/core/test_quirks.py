"""Every layout quirk of spec §6, each from a hand-written example under ``tests/fixtures/quirks/``.

The examples are written for this test (a made-up 青山区 and small figures chosen by hand, checked
to satisfy I1–I3: 20+2 = 19+3 for 自然人, 24+2 = 23+3 for 总计); none is copied from a real report.
Bad input is covered at the end: each gets a Chinese message naming the file and the reason.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from gongkai.errors import NotAnnualReportError, ReportError, UnreadableInputError
from gongkai.report.read import read_report

QUIRKS = Path(__file__).parent.parent / "fixtures" / "quirks"
NEW = (20, 3, 0, 1, 0, 0, 24)
GRANTED = (10, 1, 0, 0, 0, 0, 11)
TOTAL = (19, 3, 0, 1, 0, 0, 23)


def read(name: str):
    return read_report(QUIRKS / name)


def test_it_reads_pipe_rows_one_per_line():
    report = read("pipes_row_per_line.txt")
    assert report.request_row("new") == NEW
    assert report.request_row("carried_over") == (2, 0, 0, 0, 0, 0, 2)
    assert report.request_row("total") == TOTAL
    assert report.request_row("carried_forward") == (3, 0, 0, 0, 0, 0, 3)


def test_it_reads_markdown_pipes_padded_with_spaces_under_an_alignment_rule():
    report = read("markdown_padded.md")
    assert report.request_row("new") == NEW
    assert report.request_row("granted") == GRANTED
    assert report.title == "青山区2022年政府信息公开工作年度报告"


def test_it_reads_tab_indented_cells_one_per_line_across_blank_lines():
    report = read("tab_indented_cells.txt")
    assert report.request_row("new") == NEW
    assert report.request_row("granted") == GRANTED


def test_it_reads_one_cell_per_line_with_trailing_pipes():
    report = read("cells_trailing_pipes.txt")
    assert report.request_row("new") == NEW
    assert report.request_row("granted") == GRANTED


def test_it_joins_header_cells_split_over_two_lines():
    from gongkai.report.readers.text import read_text

    tokens = read_text((QUIRKS / "split_header_lines.txt").read_text(encoding="utf-8"))
    texts = [t.text for t in tokens if hasattr(t, "text")]
    assert {"商业企业", "科研机构", "社会公益组织", "法律服务机构"} <= set(texts)
    assert read("split_header_lines.txt").request_row("new") == NEW


def test_it_reads_figures_under_a_header_split_across_two_physical_rows():
    report = read("header_two_physical_rows.txt")
    assert report.request_row("new") == NEW
    assert report.request_row("granted") == GRANTED


def test_it_reads_rows_whose_merged_group_label_is_only_on_the_first_sub_row():
    report = read("group_label_first_row.txt")
    assert report.request_row("unable.not_held") == (4, 1, 0, 1, 0, 0, 6)
    assert report.request_row("unable.needs_creation") == (0,) * 7
    assert report.request_row("unable.unclear_after_correction") == (0,) * 7
    assert report.request_row("not_processed.petition") == (2, 0, 0, 0, 0, 0, 2)


def test_it_keeps_slashes_dashes_and_blanks_missing_at_their_own_column_never_zero():
    report = read("slash_and_blank_cells.txt")
    assert report.request_row("new") == (20, None, 0, 1, None, 0, 24)
    assert report.request_row("granted") == (10, None, None, 0, 0, 0, 11)


def test_it_matches_truncated_annotated_and_spaced_headers():
    report = read("annotated_headers.txt")
    assert [report.get(f"active.rules.{c}") for c in ("issued", "repealed", "in_force")] == [0, 0, 0]
    assert [report.get(f"active.normative_documents.{c}") for c in ("issued", "repealed", "in_force")] == [
        5,
        2,
        37,
    ]
    assert report.get("active.licensing") == 1208


def test_it_reads_a_traditional_character_copy_from_a_mirror_site():
    report = read("traditional_characters.txt")
    assert report.request_row("new") == NEW
    assert report.request_row("partly_granted") == (3, 1, 0, 0, 0, 0, 4)
    assert report.request_row("withheld.third_party") == (1, 0, 0, 0, 0, 0, 1)
    assert (report.agency, report.year) == ("青山区", 2022)


def test_it_matches_labels_whose_punctuation_was_normalised_to_ascii():
    report = read("ascii_punctuation.txt")
    assert [report.get(f"active.normative_documents.{c}") for c in ("issued", "repealed", "in_force")] == [
        5,
        2,
        37,
    ]
    assert report.request_row("partly_granted") == (3, 1, 0, 0, 0, 0, 4)
    assert report.request_row("total") == TOTAL


def test_it_reads_a_table_after_prose_inserted_below_its_heading():
    report = read("prose_between_heading_and_table.txt")
    assert report.request_row("new") == NEW
    assert report.request_row("total") == TOTAL


def test_it_leaves_every_figure_missing_when_the_tables_were_published_as_images():
    report = read("tables_missing.txt")
    assert all(value is None for value in report.cells.values())
    assert report.narrative.problems == "宣传培训仍需加强。"


def test_it_reads_a_2021_table_3_beside_a_superseded_2019_table_2():
    report = read("superseded_2019_table2.txt")
    assert report.format == "2021"
    assert report.request_row("new") == NEW
    assert report.request_row("other.no_correction") == (0,) * 7
    assert report.get("active.licensing") == 345  # 处理决定数量 is the one 2019 figure that carries over
    assert report.get("active.normative_documents.issued") is None  # 本年新制作数量 is not 本年制发件数


def test_it_strips_unit_suffixes_and_thousands_separators_from_figures():
    assert read("unit_suffixes.txt").request_row("new") == (1124, 3, 0, 1, 0, 0, 1128)


def test_it_reads_full_width_digits():
    assert read("full_width_digits.txt").request_row("new") == NEW


def test_it_reads_a_gbk_page_with_cells_wrapped_in_p_span_and_font_inside_a_layout_table():
    report = read("gbk_page_wrapped_cells.html")
    assert report.request_row("new") == (20, 3, 0, 1, None, 0, 24)
    assert report.title == "青山区2022年政府信息公开工作年度报告"


# ── bad input: a Chinese message naming the file and the reason ─────────────────────────────────


def _refusal(data: bytes, name: str) -> ReportError:
    with pytest.raises(ReportError) as caught:
        read_report(data, name=name)
    assert name in caught.value.message
    return caught.value


def test_it_names_an_empty_file(tmp_path):
    path = tmp_path / "空白.txt"
    path.write_bytes(b"  \n")
    with pytest.raises(UnreadableInputError) as caught:
        read_report(path)
    assert "空白.txt" in caught.value.message and "空的" in caught.value.message


def _pdf_of(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf()


def test_it_refuses_a_pdf_that_is_not_an_annual_report():
    data = _pdf_of("<html><body><h1>食堂菜单</h1><p>周一：米饭、青菜。周二：面条。</p></body></html>")
    error = _refusal(data, "菜单.pdf")
    assert isinstance(error, NotAnnualReportError) and "不是政府信息公开工作年度报告" in error.message


def scanned_pdf() -> bytes:
    """An image-only PDF, like a scanner makes: a picture of a page, no text layer."""
    from PIL import Image, ImageDraw

    page = Image.new("RGB", (400, 560), "white")
    ImageDraw.Draw(page).rectangle((40, 60, 360, 300), outline="black", width=3)
    buffer = io.BytesIO()
    page.save(buffer, format="PDF")
    return buffer.getvalue()


def test_it_refuses_a_scanned_pdf_as_such_instead_of_guessing():
    error = _refusal(scanned_pdf(), "扫描版年报.pdf")
    assert error.code == "report.scanned_pdf"
    assert "扫描件（图片）PDF，无法读取文字，需要人工录入或 OCR" in error.message


def test_it_names_a_corrupt_word_file():
    import docx

    document = docx.Document()
    document.add_paragraph("青山区2022年政府信息公开工作年度报告")
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    broken = data[:300] + b"\0" * 400 + data[700:]
    error = _refusal(broken, "损坏.docx")
    assert isinstance(error, UnreadableInputError)
    assert error.message == "「损坏.docx」不是有效的Word文件（文件已损坏或不完整），无法打开。"


@pytest.mark.parametrize(
    "data", [b"PK\x03\x04" + b"\x13\x37" * 100, "一段文字".encode()], ids=["garbage", "text"]
)
def test_it_names_a_word_file_that_is_no_zip_package_as_damaged(data):
    error = _refusal(data, "坏.docx")
    assert error.message == "「坏.docx」不是有效的Word文件（文件已损坏或不完整），无法打开。"


def test_it_refuses_a_page_without_tables_that_is_not_a_report():
    error = _refusal((QUIRKS / "no_tables.html").read_bytes(), "no_tables.html")
    assert isinstance(error, NotAnnualReportError)


def test_it_still_reads_a_gbk_page_that_declares_utf8():
    page = (QUIRKS / "gbk_page_wrapped_cells.html").read_bytes().replace(b"charset=gb2312", b"charset=utf-8")
    assert read_report(page, name="错标编码.html").request_row("new") == (20, 3, 0, 1, None, 0, 24)


def test_it_names_a_page_in_an_encoding_it_cannot_decode():
    page = '<html><head><meta charset="utf-8"></head><body><p>年度报告</p></body></html>'.encode()
    garbage = page.replace("年度报告".encode(), b"\xff\xfe\xfd\x80\xff")
    error = _refusal(garbage, "乱码.html")
    assert isinstance(error, UnreadableInputError) and "编码" in error.message


def test_a_lost_last_figure_of_a_row_under_a_label_merged_over_three_columns_stays_in_its_column(tmp_path):
    # The official grid: 一、本年新收 spans three label columns, so its pipe row starts with two empty
    # cells; a blank 总计 must not pull the six figures one column to the right.
    text = (QUIRKS / "complete_small.md").read_text(encoding="utf-8")
    row = "| 一、本年新收政府信息公开申请数量 | | | 20 | 3 | 0 | 1 | 0 | 0 | 24 |"
    assert row in text
    path = tmp_path / "总计空白.md"
    path.write_text(text.replace(row, row.replace("| 24 |", "|  |")), encoding="utf-8")
    assert read_report(path).request_row("new") == (*NEW[:6], None)


@pytest.mark.parametrize("row_end", ["| |", "|"])
def test_a_lost_first_figure_stays_in_its_column_whether_or_not_the_grid_has_an_empty_last_column(
    tmp_path, row_end
):
    # Every row ends with an empty cell ("| |": a wider grid) or none ("|"); 自然人 is blank either way.
    text = (QUIRKS / "complete_small.md").read_text(encoding="utf-8")
    lines = []
    for line in text.splitlines():
        if line.startswith("|") and row_end == "| |" and not set(line) <= set("|-: "):
            line = line + " |"
        lines.append(line)
    text = "\n".join(lines)
    row = "| 一、本年新收政府信息公开申请数量 | | | 20 | 3 |"
    assert row in text
    path = tmp_path / "自然人空白.md"
    path.write_text(text.replace(row, "| 一、本年新收政府信息公开申请数量 | | |  | 3 |"), encoding="utf-8")
    report = read_report(path)
    assert report.request_row("new") == (None, *NEW[1:])
    assert report.request_row("granted") == GRANTED
