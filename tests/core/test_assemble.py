"""The assembler: sections, title, table mapping, format detection and refusals (spec §2–§4, §8)."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from opencc import OpenCC

from gongkai.errors import NotAnnualReportError, ReportError
from gongkai.report.assemble import assemble, assemble_reading
from gongkai.report.document import Cell, Document, Paragraph, Table, expand_spans
from gongkai.report.model import REQUEST_COLUMN_KEYS
from gongkai.report.readers.text import read_text
from tests.core.seed_truth import SEED_OTHER_2019, seed_report, seed_text
from tests.core.strategies import consistent_reports

SEED_PRINTED = dict(seed_report(with_lost_cells=False).cells)


def _read(text: str, source: str | None = None):
    return assemble(read_text(text), source=source)


def _seed_with_other_2019() -> str:
    """The seed with its three 其他处理 rows replaced by the single 2019 row (figures summed by hand)."""
    text = seed_text()
    start = text.index("\t（六）其他处理")
    end = text.index("\t（七）总计")
    single = "\t（六）其他处理\n" + "".join(f"\t{v}\n" for v in SEED_OTHER_2019) + "\n\t\n"
    return text[:start] + single + text[end:]


TABLE2_2019 = """二、主动公开政府信息情况
\t第二十条第（一）项
\t信息内容\n\t本年新制作数量\n\t本年新公开数量\n\t对外公开总数量
\t规章\n\t13\n\t12\n\t142
\t规范性文件\n\t1287\n\t1280\n\t7644
\t第二十条第（五）项
\t信息内容\n\t上一年项目数量\n\t本年增/减\n\t处理决定数量
\t行政许可\n\t120\n\t-3\n\t9537924
\t其他对外管理服务事项\n\t10\n\t0\n\t55
\t第二十条第（六）项
\t信息内容\n\t上一年项目数量\n\t本年增/减\n\t处理决定数量
\t行政处罚\n\t300\n\t2\n\t14049427
\t行政强制\n\t20\n\t0\n\t230169
\t第二十条第（八）项
\t信息内容\n\t上一年项目数量\n\t本年增/减
\t行政事业性收费\n\t4\n\t0
\t第二十条第（九）项
\t信息内容\n\t采购项目数量\n\t采购总金额
\t政府集中采购\n\t12\n\t345.6
"""


def _with_table2_2019(text: str) -> str:
    start = text.index("二、主动公开政府信息情况")
    end = text.index("三、收到和处理政府信息公开申请情况")
    return text[:start] + TABLE2_2019 + "\n" + text[end:]


# ── sections and title ────────────────────────────────────────────────────────────────────────


def test_it_finds_sections_numbered_with_bracketed_numerals():
    text = seed_text().replace("1、 总体情况", "（一）总体情况")
    for old, new in (
        ("二、主动公开政府", "（二）主动公开政府"),
        ("三、收到和处理", "（三）收到和处理"),
        ("四、政府信息公开行政复议", "（四）政府信息公开行政复议"),
        ("五、当前存在", "（五）当前存在"),
        ("六、其他需要", "（六）其他需要"),
    ):
        text = text.replace(f"\n{old}", f"\n{new}")
    report = _read(text)
    assert dict(report.cells) == SEED_PRINTED
    assert report.narrative.problems.startswith("（一）主要问题。")  # a sub-heading, not section 一
    assert "（二）改进措施。" in report.narrative.problems


def test_it_reads_a_traditional_character_copy_of_the_seed():
    report = _read(OpenCC("s2t").convert(seed_text()))
    assert dict(report.cells) == SEED_PRINTED
    assert report.year == 2023


def test_it_reads_the_seed_with_punctuation_normalised_to_ascii():
    text = seed_text().translate(str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "、": ","}))
    assert dict(_read(text).cells) == SEED_PRINTED


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("2023年重庆市人民政府办公厅政府信息公开工作年度报告", "重庆市人民政府办公厅", 2023),
        ("重庆市人民政府办公厅2022年度政府信息公开工作年度报告", "重庆市人民政府办公厅", 2022),
        ("北碚区 二〇二一年 政府信息公开工作年度报告", "北碚区", 2021),
    ],
)
def test_it_reads_agency_and_year_from_title_variants(title, agency, year):
    report = _read(seed_text().replace("重庆市2023年政府信息公开工作年度报告", title, 1))
    assert (report.agency, report.year) == (agency, year)


def test_it_ignores_prose_between_a_heading_and_its_table():
    text = seed_text().replace(
        "三、收到和处理政府信息公开申请情况\n",
        "三、收到和处理政府信息公开申请情况\n本年度申请情况见下表。\n",
        1,
    )
    assert dict(_read(text).cells) == SEED_PRINTED


# ── table 3 labels ────────────────────────────────────────────────────────────────────────────


def test_it_matches_a_truncated_label_and_a_reworded_numbered_leaf():
    text = seed_text().replace("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "（二）部分公开")
    text = text.replace("2.没有现成信息需要另行制作", "2.没有现成信息需另外加工制作")
    assert dict(_read(text).cells) == SEED_PRINTED


def test_it_names_the_row_of_an_unreadable_cell():
    text = seed_text().replace("\t4203\n", "\t42O3\n", 1)
    with pytest.raises(ReportError) as caught:
        _read(text, source="报告.txt")
    assert "42O3" in caught.value.message
    assert "（一）予以公开" in caught.value.message
    assert "报告.txt" in caught.value.message


def test_it_refuses_a_text_row_with_more_values_than_columns():
    text = seed_text().replace("\t（一）予以公开\n", "\t（一）予以公开\n\t1\n", 1)
    with pytest.raises(ReportError) as caught:
        _read(text)
    assert "（一）予以公开" in caught.value.message and "8个数字" in caught.value.message


# ── formats ───────────────────────────────────────────────────────────────────────────────────


def test_it_detects_the_2019_table3_by_its_single_other_row():
    report = _read(_with_table2_2019(_seed_with_other_2019()))
    assert report.format == "2019"
    assert report.request_row("other") == SEED_OTHER_2019
    assert report.request_row("granted") == (4203, 311, 0, 20, 12, 20, 4566)
    assert report.request_row("total") == (9067, 674, 0, 54, 31, 36, 9862)


def test_a_2021_table2_keeps_a_report_with_the_2019_single_other_row_in_the_2021_format():
    # Real 2021–2023 reports keep the 2019 single （六）其他处理 row under a 2021 table 2: the report is a
    # 2021 report (its table 2 figures are kept); the three 2021 rows are unknown where the single row is
    # not 0, and 0 (inferred, marked) where it is, since counts cannot be negative.
    reading = assemble_reading(read_text(_seed_with_other_2019()))
    report = reading.report
    assert report.format == "2021"
    assert report.get("active.rules.issued") == 13  # the seed: 13 规章 issued in the year
    assert report.request_row("granted") == (4203, 311, 0, 20, 12, 20, 4566)
    for row in ("other.no_correction", "other.no_fee", "other.other"):
        assert report.request_row(row) == tuple(0 if v == 0 else None for v in SEED_OTHER_2019)
        zero_columns = [c for c, v in zip(REQUEST_COLUMN_KEYS, SEED_OTHER_2019, strict=True) if v == 0]
        assert {a for a in reading.inferred if a.startswith(f"requests.{row}.")} == {
            f"requests.{row}.{c}" for c in zero_columns
        }


def test_it_keeps_only_the_decision_counts_of_a_2019_table2_in_a_2021_report():
    report = _read(_with_table2_2019(seed_text()))
    assert report.format == "2021"
    assert (report.get("active.licensing"), report.get("active.penalty"), report.get("active.coercion")) == (
        9537924,
        14049427,
        230169,
    )
    assert report.get("active.rules.issued") is None
    assert report.get("active.fees_10k_yuan") is None
    assert report.request_row("new")[:6] == (9319, 683, 0, 54, 30, 35)


def test_it_maps_a_2019_table2_fully_in_a_2019_report():
    report = _read(_with_table2_2019(_seed_with_other_2019()))
    assert report.format == "2019"
    assert [report.get(f"active.rules.{c}") for c in ("made", "published", "total_public")] == [13, 12, 142]
    assert [report.get(f"active.licensing.{c}") for c in ("previous_items", "change", "decisions")] == [
        120,
        -3,
        9537924,
    ]
    assert report.get("active.other_services.decisions") == 55
    assert report.get("active.procurement.amount_10k_yuan") == Decimal("345.6")


# ── refusals ──────────────────────────────────────────────────────────────────────────────────


def test_it_refuses_a_pre_2019_report_in_chinese():
    text = (
        "某某县2016年政府信息公开工作年度报告\n一、概述\n本年度工作情况如下。\n二、主动公开政府信息情况\n"
        "\t同意公开\n\t12\n\t不同意公开\n\t1\n三、依申请公开政府信息情况\n\t申请总数\n\t13\n"
    )
    with pytest.raises(NotAnnualReportError) as caught:
        _read(text, source="2016.txt")
    assert "2019年以前" in caught.value.message
    assert "2016.txt" in caught.value.message
    assert caught.value.code == "report.pre_2019"


def test_it_refuses_a_document_that_is_not_an_annual_report():
    with pytest.raises(NotAnnualReportError) as caught:
        _read("关于召开工作会议的通知\n请各单位于3月1日准时参加。\n", source="通知.txt")
    assert "不是政府信息公开工作年度报告" in caught.value.message
    assert "通知.txt" in caught.value.message


def test_it_accepts_a_report_whose_tables_were_published_as_images():
    text = "\n".join(line for line in seed_text().splitlines() if not line.startswith(("\t", " \t")))
    text = re.sub(r"\n(纠正|其他|结果|维持|审结)\n", "\n", text)
    report = _read(text)
    assert report.missing == report.addresses
    assert report.narrative.general is not None


# ── documents ─────────────────────────────────────────────────────────────────────────────────


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


def test_it_matches_leaves_numbered_with_bracketed_arabic_numerals():
    text = (
        seed_text()
        .replace("\t1.属于国家秘密", "\t(1)属于国家秘密")
        .replace("\t2.重复申请", "\t（2）重复申请")
    )
    assert dict(_read(text).cells) == SEED_PRINTED


def test_it_accepts_the_short_label_for_normative_documents_in_a_2021_table():
    report = _read(seed_text().replace("\t行政规范性文件\n", "\t规范性文件\n"))
    assert [report.get(f"active.normative_documents.{c}") for c in ("issued", "repealed", "in_force")] == [
        1287,
        1823,
        7644,
    ]


# ── round trip of random consistent reports (written by a test-only writer, read back) ────────

_TABLE2_2019_ROWS = (
    (
        "第二十条第（一）项",
        ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        (("规章", "rules"), ("规范性文件", "normative_documents")),
        ("made", "published", "total_public"),
    ),
    (
        "第二十条第（五）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        (("行政许可", "licensing"), ("其他对外管理服务事项", "other_services")),
        ("previous_items", "change", "decisions"),
    ),
    (
        "第二十条第（六）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        (("行政处罚", "penalty"), ("行政强制", "coercion")),
        ("previous_items", "change", "decisions"),
    ),
    (
        "第二十条第（八）项",
        ("上一年项目数量", "本年增/减"),
        (("行政事业性收费", "fees"),),
        ("previous_items", "change"),
    ),
    (
        "第二十条第（九）项",
        ("采购项目数量", "采购总金额"),
        (("政府集中采购", "procurement"),),
        ("items", "amount_10k_yuan"),
    ),
)


def _cell(value) -> str:
    return "" if value is None else format(value, "f") if isinstance(value, Decimal) else str(value)


def _tab_report(report) -> str:
    """The seed's layout: one tab-indented cell per line, blank lines between rows."""
    from gongkai import labels

    out = [report.title, "一、总体情况", report.narrative.general or "", labels.SECTION_ACTIVE]
    cells = report.cells
    if report.format == "2021":
        blocks = (
            (
                labels.ACTIVE_BLOCK_1,
                ("本年制发件数", "本年废止件数", "现行有效件数"),
                (("规章", "active.rules"), ("行政规范性文件", "active.normative_documents")),
                ("issued", "repealed", "in_force"),
            ),
        )
        rows = [
            (b, h, [(label, [cells[f"{a}.{c}"] for c in cols]) for label, a in rs])
            for b, h, rs, cols in blocks
        ]
        rows += [
            ("第二十条第（五）项", ("本年处理决定数量",), [("行政许可", [cells["active.licensing"]])]),
            (
                "第二十条第（六）项",
                ("本年处理决定数量",),
                [("行政处罚", [cells["active.penalty"]]), ("行政强制", [cells["active.coercion"]])],
            ),
            (
                "第二十条第（八）项",
                ("本年收费金额（单位：万元）",),
                [("行政事业性收费", [cells["active.fees_10k_yuan"]])],
            ),
        ]
    else:
        rows = [
            (b, h, [(label, [cells[f"active.{k}.{c}"] for c in cols]) for label, k in rs])
            for b, h, rs, cols in _TABLE2_2019_ROWS
        ]
    for block, header, data in rows:
        out += [f"\t{block}", "", "\t信息内容", *(f"\t{h}" for h in header), ""]
        for label, values in data:
            out += [f"\t{label}", *(f"\t{_cell(v)}" for v in values), ""]
    out += [
        labels.SECTION_REQUESTS,
        f"\t{labels.REQUESTS_NOTE}",
        "\t申请人情况",
        "",
        *(f"\t{c}" for c in labels.REQUEST_COLUMNS.values()),
        "",
    ]
    group_of = {
        "granted": "outcomes",
        "withheld.state_secret": "withheld",
        "unable.not_held": "unable",
        "not_processed.petition": "not_processed",
        "other.no_correction": "other",
    }
    for key in report.addresses:
        if not key.startswith("requests.") or not key.endswith(".natural_person"):
            continue
        row = key[len("requests.") : -len(".natural_person")]
        if row in group_of:
            out.append(f"\t{labels.REQUEST_GROUPS[group_of[row]]}")
        label = labels.REQUEST_ROW_OTHER_2019[1] if row == "other" else labels.REQUEST_ROWS[row]
        out += [f"\t{label}", *(f"\t{_cell(v)}" for v in report.request_row(row)), ""]
    out += [
        labels.SECTION_APPEALS,
        "\t行政复议",
        "\t行政诉讼",
        "",
        *(f"\t{c}" for c in labels.APPEAL_COLUMNS.values()),
    ]
    out += [
        f"\t{_cell(v)}"
        for g in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
        for v in report.appeal_group(g)
    ]
    out += [
        "",
        labels.SECTION_PROBLEMS,
        report.narrative.problems or "",
        labels.SECTION_OTHER,
        report.narrative.other or "",
    ]
    return "\n".join(out) + "\n"


@settings(max_examples=25, deadline=None)
@given(consistent_reports(fmt="2021", narrative=True))
def test_it_reads_back_any_consistent_2021_report_written_in_the_seed_layout(report):
    read = _read(_tab_report(report))
    assert dict(read.cells) == dict(report.cells)
    assert (read.format, read.agency, read.year) == ("2021", report.agency, report.year)
    assert read.narrative == report.narrative


@settings(max_examples=25, deadline=None)
@given(consistent_reports(fmt="2019", narrative=False))
def test_it_reads_back_any_consistent_2019_report_written_in_the_seed_layout(report):
    read = _read(_tab_report(report))
    assert read.format == "2019"
    assert dict(read.cells) == dict(report.cells)


def test_it_does_not_mistake_a_modern_report_mentioning_old_words_for_a_pre_2019_one():
    text = seed_text()
    start, end = text.index("\t第二十条第（一）项"), text.index("三、收到和处理政府信息公开申请情况")
    text = (text[:start] + text[end:]).replace("1、 总体情况\n", "1、 总体情况\n群众申诉渠道畅通。\n", 1)
    report = _read(text)
    assert report.get("requests.total.total") == 9862
    assert report.get("active.rules.issued") is None


def test_it_does_not_let_a_header_cell_naming_the_outcome_group_skip_the_first_two_rows():
    # Some tables print "本年度办理结果" over the outcome columns of the header, before rows 一 and 二.
    text = seed_text().replace("\t申请人情况\n", "\t申请人情况\n\t本年度办理结果\n", 1)
    assert "\t本年度办理结果\n" in text
    report = _read(text)
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
