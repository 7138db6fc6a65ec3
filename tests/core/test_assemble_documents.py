"""The assembler on documents made of paragraphs and tables, as the DOCX, HTML and PDF readers give
them: merged cells are expanded with the covered positions marked, and the tables are mapped."""

from __future__ import annotations

from gongkai.report.assemble import assemble
from gongkai.report.document import Cell, Document, Paragraph, Table, expand_spans


def test_it_expands_spans_marking_covered_positions():
    grid = expand_spans(
        [
            [Cell("注", rowspan=2, colspan=2), Cell("申请人情况", colspan=2)],
            [Cell("自然人"), Cell("总计")],
            [Cell("一"), Cell(""), Cell("5")],
        ]
    )
    assert [[("·" if g.covered else g.text) for g in row] for row in grid] == [
        ["注", "·", "申请人情况", "·"],
        ["·", "·", "自然人", "总计"],
        ["一", "", "5", ""],
    ]


def test_it_assembles_a_document_of_paragraphs_and_tables():
    document = Document(
        [
            Paragraph("重庆市2023年政府信息公开工作年度报告"),
            Paragraph("四、政府信息公开行政复议、行政诉讼情况"),
            Table(
                [
                    [Cell("行政复议", colspan=5), Cell("行政诉讼", colspan=10)],
                    [Cell(str(n)) for n in range(15)],
                ]
            ),
        ]
    )
    report = assemble(document)
    assert report.appeal_group("reconsideration") == (0, 1, 2, 3, 4)
    assert report.appeal_group("litigation_after_reconsideration") == (10, 11, 12, 13, 14)
