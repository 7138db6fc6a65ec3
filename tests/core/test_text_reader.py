"""Numbers and labels as printed in real reports, and the plain-text reader's layouts (spec §6)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai import labels
from gongkai.errors import ReportError
from gongkai.report.assemble import assemble
from gongkai.report.document import CellToken, Line, RowEnd
from gongkai.report.readers.text import read_text
from gongkai.report.text import normalise_label, parse_amount_10k_yuan, parse_number
from tests.core.seed_truth import REQUEST_ROWS


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("124", 124),
        ("１２４", 124),
        ("124件", 124),
        (" 9 319 ", 9319),
        ("1,234", 1234),
        ("１，２３４", 1234),
        ("2.02万元", Decimal("2.02")),
        ("282.1", Decimal("282.1")),
        ("0", 0),
    ],
)
def test_it_parses_the_figures_reports_print(cell, expected):
    value = parse_number(cell)
    assert value == expected
    assert type(value) is type(expected)


@pytest.mark.parametrize("cell", ["", "  ", "/", "-", "—", "－", "——", "\t"])
def test_it_reads_blanks_and_dashes_as_missing_never_zero(cell):
    assert parse_number(cell) is None


@pytest.mark.parametrize("cell", ["12a", "约100", "58%", "1,23", "两件"])
def test_it_refuses_to_invent_a_number_and_names_the_cell(cell):
    with pytest.raises(ReportError) as caught:
        parse_number(cell, where="表三「（一）予以公开」行")
    assert f"「{cell}」" in caught.value.message
    assert "表三「（一）予以公开」行" in caught.value.message


def test_it_converts_fee_amounts_printed_in_yuan_or_yi_yuan_to_10k_yuan():
    assert parse_amount_10k_yuan("6120元") == Decimal("0.612")
    assert parse_amount_10k_yuan("1.5亿元") == Decimal(15000)
    assert parse_amount_10k_yuan("2.02万元") == Decimal("2.02")
    assert parse_amount_10k_yuan("/") is None


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=0, max_value=10**9))
def test_it_reads_back_any_count_written_with_full_width_digits_and_separators(n):
    full_width = f"{n:,}".translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    assert parse_number(full_width + "件") == n


def test_it_matches_traditional_full_width_and_ascii_spellings_of_a_label():
    official = normalise_label(labels.REQUEST_ROWS["partly_granted"])
    assert normalise_label("(二)部分公開(區分處理的,只計這一情形,不計其他情形)") == official
    assert normalise_label('3.危及"三安全一稳定"') == normalise_label(
        labels.REQUEST_ROWS["withheld.three_safeties"]
    )
    assert normalise_label("规 章") == "规章"


def test_it_reads_tab_indented_lines_as_a_cell_stream_without_row_ends():
    tokens = read_text("三、收到和处理政府信息公开申请情况\n\t（一）予以公开\n\t4203\n\n\t311\n")
    assert tokens == [
        Line("三、收到和处理政府信息公开申请情况"),
        CellToken("（一）予以公开"),
        CellToken("4203"),
        CellToken("311"),
    ]


def test_it_joins_a_header_cell_split_over_two_lines():
    tokens = read_text("\t结果\n纠正\n\t其他\n结果\n")
    assert tokens == [CellToken("结果纠正"), CellToken("其他结果")]


@pytest.mark.parametrize("rule", ["|---|---|---|\n", "| :-- | --- | ---: |\n", ""])
def test_it_reads_pipe_rows_with_or_without_the_markdown_rule(rule):
    text = "| 信息内容 | 本年制发件数 | 本年废止件数 |\n" + rule + "|规章|13| |\n"
    tokens = read_text(text)
    assert tokens == [
        CellToken("信息内容"),
        CellToken("本年制发件数"),
        CellToken("本年废止件数"),
        RowEnd(),
        CellToken("规章"),
        CellToken("13"),
        CellToken(""),
        RowEnd(),
    ]


def test_it_reads_one_cell_per_line_with_trailing_pipes():
    assert read_text("规章|\n13 |\n") == [CellToken("规章"), CellToken("13")]


def _pipe_report(rows: dict[str, tuple[str, ...]]) -> str:
    lines = [
        "重庆市2023年政府信息公开工作年度报告",
        "## 三、收到和处理政府信息公开申请情况",
        "| （本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和） | 自然人 | 商业企业 | 科研机构 |"
        " 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key, values in rows.items():
        lines.append(f"| {labels.REQUEST_ROWS[key]} | " + " | ".join(values) + " |")
    return "\n".join(lines)


def test_it_keeps_a_blank_pipe_cell_missing_at_its_own_column_not_at_the_end():
    printed = {k: tuple(str(v) for v in REQUEST_ROWS[k]) for k in ("new", "carried_over")}
    printed["new"] = ("9319", "", "0", "54", "30", "35", "10121")
    report = assemble(read_text(_pipe_report(printed)))
    assert report.request_row("new") == (9319, None, 0, 54, 30, 35, 10121)
    assert report.request_row("carried_over") == REQUEST_ROWS["carried_over"]


def test_it_reads_a_sequence_row_with_fewer_values_as_losing_the_trailing_ones():
    text = (
        "三、收到和处理政府信息公开申请情况\n\t一、本年新收政府信息公开申请数量\n\t9319\n\t683\n\t\n\t0\n"
        "\t二、上年结转政府信息公开申请数量\n\t289\n"
    )
    report = assemble(read_text(text))
    assert report.request_row("new") == (9319, 683, 0, None, None, None, None)
    assert report.request_row("carried_over") == (289, None, None, None, None, None, None)


def _untabbed(text: str) -> str:
    return "\n".join(line.strip() for line in text.splitlines())


def _trailing_pipes(text: str) -> str:
    return "\n".join(
        line.strip() + (" |" if line.startswith(("\t", " \t")) else "") for line in text.splitlines()
    )


@pytest.mark.parametrize("layout", [_untabbed, _trailing_pipes], ids=["no-indent", "trailing-pipes"])
def test_it_reads_the_seed_one_cell_per_line_without_tabs_or_with_trailing_pipes(layout):
    from tests.core.seed_truth import seed_report, seed_text

    report = assemble(read_text(layout(seed_text())))
    assert dict(report.cells) == dict(seed_report(with_lost_cells=False).cells)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("\t41\n0\n", [CellToken("41"), Line("0")]),
        ("\t（一）予以公开\n12\n", [CellToken("（一）予以公开"), Line("12")]),
        ("\t41\n件数\n", [CellToken("41"), Line("件数")]),
    ],
)
def test_it_never_joins_a_short_line_to_a_cell_when_either_is_a_figure(text, expected):
    # "41" then "0" printed on two lines are two cells, never the figure 410.
    assert read_text(text) == expected


@pytest.mark.parametrize("cell", ["0 1000", "0 1000元", "1 16万元", "3 5亿元"])
def test_it_never_joins_two_figures_of_a_fee_cell_into_one(cell):
    # Found by fuzzing: "0 1000" in the fee column was read as 1000 万元.
    with pytest.raises(ReportError):
        parse_amount_10k_yuan(cell)


def test_it_reads_a_fee_with_thousands_grouped_by_a_space():
    assert parse_amount_10k_yuan("12 000元") == Decimal("1.2")
