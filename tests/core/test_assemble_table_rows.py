"""The assembler finds the rows of tables 2 and 3 by their labels as real reports print them (spec §3,
§4): truncated, reworded, numbered with bracketed arabic numerals, the short label of 规范性文件, a header
cell naming the outcome group above the first rows; a cell or row it cannot read is named."""

from __future__ import annotations

import pytest

from gongkai.errors import ReportError
from gongkai.report.assemble import assemble
from gongkai.report.document import Cell, Document, Paragraph, Table
from tests.core.assembling import SEED_PRINTED, read_assembled
from tests.core.seed_truth import seed_text


def test_it_matches_a_truncated_label_and_a_reworded_numbered_leaf():
    text = seed_text().replace("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开")
    text = text.replace("2.没有现成信息需要另行制作", "2.没有现成信息需另外加工制作")
    assert dict(read_assembled(text).cells) == SEED_PRINTED


def test_it_matches_leaves_numbered_with_bracketed_arabic_numerals():
    text = (
        seed_text()
        .replace("\t1.属于国家秘密", "\t(1)属于国家秘密")
        .replace("\t2.重复申请", "\t（2）重复申请")
    )
    assert dict(read_assembled(text).cells) == SEED_PRINTED


def test_it_accepts_the_short_label_for_normative_documents_in_a_2021_table():
    report = read_assembled(seed_text().replace("\t行政规范性文件\n", "\t规范性文件\n"))
    assert [report.get(f"active.normative_documents.{c}") for c in ("issued", "repealed", "in_force")] == [
        1287,
        1823,
        7644,
    ]


def test_it_does_not_let_a_header_cell_naming_the_outcome_group_skip_the_first_two_rows():
    # Some tables print "本年度办理结果" over the outcome columns of the header, before rows 一 and 二.
    text = seed_text().replace("\t申请人情况\n", "\t申请人情况\n\t本年度办理结果\n", 1)
    assert "\t本年度办理结果\n" in text
    report = read_assembled(text)
    assert report.request_row("new")[:6] == (9319, 683, 0, 54, 30, 35)
    assert report.request_row("carried_over") == (289, 2, 0, 0, 1, 2, 294)
    assert dict(report.cells) == SEED_PRINTED


def test_it_does_not_let_a_header_cell_naming_the_outcome_group_skip_rows_of_a_real_table():
    header = [
        Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"),
        Cell("本年度办理结果"),
        *(
            Cell(c)
            for c in ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计")
        ),
    ]
    rows = [
        header,
        [Cell("一、本年新收政府信息公开申请数量"), *(Cell(str(v)) for v in (1, 2, 3, 4, 5, 6, 21))],
        [Cell("二、上年结转政府信息公开申请数量"), *(Cell(str(v)) for v in (7, 0, 0, 0, 0, 1, 8))],
    ]
    document = Document([Paragraph("三、收到和处理政府信息公开申请情况"), Table(rows)])
    report = assemble(document)
    assert report.request_row("new") == (1, 2, 3, 4, 5, 6, 21)
    assert report.request_row("carried_over") == (7, 0, 0, 0, 0, 1, 8)


def test_it_names_the_row_of_an_unreadable_cell():
    text = seed_text().replace("\t4203\n", "\t42O3\n", 1)
    with pytest.raises(ReportError) as caught:
        read_assembled(text, source="报告.txt")
    assert "42O3" in caught.value.message
    assert "（一）予以公开" in caught.value.message
    assert "报告.txt" in caught.value.message


def test_it_refuses_a_text_row_with_more_values_than_columns():
    text = seed_text().replace("\t（一）予以公开\n", "\t（一）予以公开\n\t1\n", 1)
    with pytest.raises(ReportError) as caught:
        read_assembled(text)
    assert "（一）予以公开" in caught.value.message and "8个数字" in caught.value.message
