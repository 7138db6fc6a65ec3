"""One test per layout class seen in real published reports (issue "Read the reports agencies really publish").

Real files come from ``../shared/corpus/real/`` (figures checked by hand, see ``real_corpus.py``). Where a
class was seen in files the corpus does not hold (Markdown from PDF/OCR converters), the input is a
**reconstruction**: the seed's own figures written in that published layout, marked as such.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.errors import ReportError
from gongkai.report.assemble import assemble_reading
from gongkai.report.completeness import check_reading
from gongkai.report.read import read_reading, read_report, text_tokens
from gongkai.report.readers.runon import read_run_on
from gongkai.report.render import render
from gongkai.report.runs import TABLE3_GROUPS, TABLE4_GROUPS, Budget, cut_run, split_run
from tests.core.real_corpus import corpus_dir
from tests.core.seed_truth import seed_report

SEED = seed_report(with_lost_cells=False)


def _real(prefix: str) -> Path:
    return next(p for p in corpus_dir().iterdir() if p.name.startswith(prefix))


def _seed_markdown() -> str:
    text = render(SEED, "md")
    return text if isinstance(text, str) else text.decode()


def _read_text(text: str):
    return assemble_reading(text_tokens(text))


# ── 2. crawler text dumps ─────────────────────────────────────────────────────────────────────


def test_a_crawler_dump_whose_rows_are_single_digit_runs_is_read_cell_by_cell():
    # 02-pingtan-gaj-2022: "一、本年新收…数量1000001二、上年结转…数量1000001…（六）其他处理1.申请人…申请10000012.申请人逾期…"
    report = read_reading(_real("02-")).report
    assert report.request_row("new") == (1, 0, 0, 0, 0, 0, 1)
    assert report.request_row("carried_over") == (1, 0, 0, 0, 0, 0, 1)
    assert report.request_row("other.no_correction") == (
        1,
        0,
        0,
        0,
        0,
        0,
        1,
    )  # the glued "2." is the next row's
    assert report.request_row("total") == (2, 0, 0, 0, 0, 0, 2)
    assert report.get("active.normative_documents.issued") == 4  # "行政规范性文件417": 4|1|7


def test_a_run_that_only_the_row_identity_splits_is_kept_and_marked_inferred():
    # 10-pingtan-gwh-2019: 新收 "120000012" is 12|0|0|0|0|0|12 (1|20|… does not add up).
    reading = read_reading(_real("10-"))
    assert reading.report.request_row("new") == (12, 0, 0, 0, 0, 0, 12)
    assert "requests.new.total" in reading.inferred
    assert any(f.code == "S1" and "requests.new.total" in f.cells for f in check_reading(reading).findings)


def test_a_run_that_nothing_splits_is_unreadable_with_a_finding_quoting_it():
    # 03-pingtan-gwh-2023: "行政规范性文件2159165" could be 2|159|165, 21|59|165, …
    checked = check_reading(read_reading(_real("03-")))
    assert checked.report.get("active.normative_documents.issued") is None
    (finding,) = [f for f in checked.findings if f.code == "N2"]
    assert "2159165" in finding.message and "active.normative_documents.in_force" in finding.cells


def test_spaces_that_do_not_mark_every_cell_do_not_mislead_the_split():
    assert split_run("10 0 0 0 01", 7, TABLE3_GROUPS) == ["1", "0", "0", "0", "0", "0", "1"]
    assert split_run("0 0 00 0 0 0", 7) == ["0"] * 7
    assert split_run("2159165", 3) is None
    assert split_run("0+11", 3) == ["0", "+1", "1"]


def test_a_table4_run_with_one_wrong_sum_still_gives_the_groups_that_add_up():
    # 17-pingtan-shs-2024: 17 digits for 15 cells; the HTML copy shows 13+2+4+0 ≠ 15 in 复议后起诉.
    cells, inferred = cut_run("00202000001324015", 15, TABLE4_GROUPS)
    assert inferred and cells[:10] == ["0", "0", "2", "0", "2", "0", "0", "0", "0", "0"]
    assert cells[10:] == [None] * 5


def test_a_year_opening_the_next_sentence_is_not_a_figure():
    # 06-pingtan-scj-2025: "…行政事业性收费02025年，我局…" and "四、结转下年度继续办理20000022025年，…"
    report = read_reading(_real("06-")).report
    assert report.get("active.fees_10k_yuan") == 0
    assert report.request_row("carried_forward") == (2, 0, 0, 0, 0, 0, 2)


def test_a_row_printed_without_figures_stays_missing_and_the_next_row_keeps_its_own():
    # 24-pingtan-scj-2023: "…缴纳费用、行政机关不再处理其政府信息公开申请3.其他（七）总计1000001"
    report = read_reading(_real("24-")).report
    assert report.request_row("other.no_fee") == (None,) * 7
    assert report.request_row("other.other") == (None,) * 7
    assert report.request_row("total") == (1, 0, 0, 0, 0, 0, 1)


# ── 3. Markdown from PDF/OCR converters (reconstructions with the seed's figures) ─────────────


def test_a_markdown_heading_fused_into_the_header_row_of_the_next_table_is_read():
    text = _seed_markdown().replace(
        "## 三、收到和处理政府信息公开申请情况\n\n| （本列", "### 三、收到和处理政府信息公开申请情况 | （本列"
    )
    report = _read_text(text).report
    assert report.request_row("granted") == SEED.request_row("granted")


def test_a_table4_cut_into_its_three_groups_is_read_whole():
    text = _seed_markdown()
    start = text.index("| 行政复议 |")
    end = text.index("## 五、")
    groups = ("行政复议", "未经复议直接起诉", "复议后起诉")
    figures = [
        SEED.appeal_group(g)
        for g in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
    ]
    split = "".join(
        f"| {name} | | | | |\n| --- | --- | --- | --- | --- |\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
        f"| {' | '.join(str(v) for v in values)} |\n\n"
        for name, values in zip(groups, figures, strict=True)
    )
    report = _read_text(text[:start] + split + text[end:]).report
    assert [
        report.appeal_group(g)
        for g in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
    ] == figures


def test_a_converters_invented_column_numbers_are_not_read_as_figures():
    text = _seed_markdown()
    row = "| " + " | ".join(str(n) for n in range(1, 16)) + " |\n"
    text = text.replace(
        "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持",
        row + "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持",
        1,
    )
    assert _read_text(text).report.appeal_group("reconsideration") == SEED.appeal_group("reconsideration")


def test_a_table2_written_as_plain_lines_is_read():
    text = _seed_markdown()
    start, end = text.index("| 第二十条第（一）项"), text.index("## 三、")
    lines = (
        "第二十条第（一）项\n信息内容 本年制发件数 本年废止件数 现行有效件数\n规章 13 11 142\n行政规范性文件 1287 1823 7644\n"
        "第二十条第（五）项\n行政许可 9537924\n第二十条第（六）项\n行政处罚 14049427\n行政强制 230169\n"
        "第二十条第（八）项\n行政事业性收费 744182\n\n"
    )
    report = _read_text(text[:start] + lines + text[end:]).report
    for address in (
        "active.rules.in_force",
        "active.normative_documents.repealed",
        "active.licensing",
        "active.penalty",
        "active.coercion",
        "active.fees_10k_yuan",
    ):
        assert report.get(address) == SEED.get(address)


# ── 4. section structure ──────────────────────────────────────────────────────────────────────


def test_tables_collected_after_the_prose_and_numbered_again_are_read():
    # Prose sections 一…六, then the tables under headings 一、二、三 of their own (reconstruction).
    text = _seed_markdown()
    tables = {
        n: text[text.index(h) : text.index(e)].split("\n", 1)[1]
        for n, h, e in ((2, "## 二、", "## 三、"), (3, "## 三、", "## 四、"), (4, "## 四、", "## 五、"))
    }
    prose = "\n".join(
        f"## {h}\n见附表。\n"
        for h in (
            "一、总体情况",
            "二、主动公开政府信息情况",
            "三、收到和处理政府信息公开申请情况",
            "四、政府信息公开行政复议、行政诉讼情况",
            "五、存在的主要问题及改进情况",
            "六、其他需要报告的事项",
        )
    )
    appendix = (
        f"附表\n一、主动公开政府信息情况\n{tables[2]}\n二、收到和处理政府信息公开申请情况\n{tables[3]}\n"
        f"三、政府信息公开行政复议、行政诉讼情况\n{tables[4]}"
    )
    report = _read_text("重庆市2023年政府信息公开工作年度报告\n" + prose + appendix).report
    assert report.request_row("total") == SEED.request_row("total")
    assert report.get("active.penalty") == SEED.get("active.penalty")
    assert report.appeal_group("litigation_direct") == SEED.appeal_group("litigation_direct")


def test_a_title_wrapped_over_two_lines_gives_agency_and_year():
    text = _seed_markdown().replace(
        "# 重庆市2023年政府信息公开工作年度报告", "重庆市人民政府办公厅\n2023年度政府信息公开工作报告"
    )
    report = _read_text(text).report
    assert (report.agency, report.year) == ("重庆市人民政府办公厅", 2023)


def test_titles_without_the_word_work_or_with_zhengwu_gongkai_are_titles():
    # 35-pingtan-jjf-2014 "…2014年度政府信息公开报告"; 37-pingtan-jjf-2018 "…2018年政务公开工作年度报告"
    assert read_reading(_real("35-")).report.year == 2014
    assert read_reading(_real("37-")).report.agency == "平潭综合实验区经济发展局"


# ── 5. wrapped labels ─────────────────────────────────────────────────────────────────────────


def test_a_label_fragment_drifting_out_of_its_row_does_not_skip_the_rows_after_it():
    # The seed's one-cell-per-line layout with a label fragment on a loose line, matching a later row.
    from gongkai.report.readers.text import read_text
    from tests.core.seed_truth import seed_text

    text = seed_text()
    at = text.index("\t（二）部分公开")
    report = assemble_reading(read_text(text[:at] + "\t4.无正当理由大量反复申请\n\n" + text[at:])).report
    assert report.request_row("partly_granted")[:6] == SEED.request_row("partly_granted")[:6]
    assert report.request_row("withheld.state_secret") == SEED.request_row("withheld.state_secret")
    assert report.request_row("not_processed.mass_repeat") == SEED.request_row("not_processed.mass_repeat")


# ── 6. one bad row ────────────────────────────────────────────────────────────────────────────


def test_a_row_with_one_figure_too_many_is_unreadable_and_the_rest_is_read():
    text = _seed_markdown().replace("| （一）予以公开 | 4203 |", "| （一）予以公开 | 7 | 4203 |")
    checked = check_reading(_read_text(text))
    assert checked.report.request_row("granted") == (None,) * 7
    assert checked.report.request_row("partly_granted")[:6] == SEED.request_row("partly_granted")[:6]
    assert any(f.code == "N3" and "（一）予以公开" in f.message for f in checked.findings)


# ── 7. format mix-ups ─────────────────────────────────────────────────────────────────────────


def test_a_2021_report_keeping_the_2019_single_other_row_is_a_2021_report():
    # 19-pingtan-htp-2023: 2021 table 2 (no 规章 row), table 3 with the single （六）其他处理 row, all zero.
    reading = read_reading(_real("19-"))
    assert reading.report.format == "2021"
    assert reading.report.get("active.normative_documents.in_force") == 0
    assert reading.report.request_row("other.other") == (0,) * 7  # 0 in the single row: 0 in each, inferred
    assert "requests.other.other.total" in reading.inferred


def test_a_2021_year_report_printed_in_the_2019_tables_is_read_in_the_2019_format():
    # 05-pingtan-htp-2021: 2019 table 2 (本年新制作数量 …) and the single 其他处理 row.
    report = read_reading(_real("05-")).report
    assert report.format == "2019" and report.year == 2021
    assert report.get("active.normative_documents.made") == 4


# ── 8. metadata ───────────────────────────────────────────────────────────────────────────────


def test_the_agency_comes_from_the_title_without_the_crawlers_prefix():
    # Every crawler dump starts "标题: 平潭综合实验区公安局2022年政府信息公开工作年度报告".
    report = read_reading(_real("02-")).report
    assert report.agency == "平潭综合实验区公安局"
    assert report.title == "平潭综合实验区公安局2022年政府信息公开工作年度报告"


def test_without_a_title_agency_and_year_come_from_the_first_paragraph_and_the_signature_and_say_so():
    text = _real("02-").read_text("utf-8").split("==================== 正文 ====================", 1)[1]
    text += "平潭综合实验区公安局2023年1月9日"
    reading = assemble_reading(read_run_on(text))
    assert reading.report.year == 2022
    assert reading.report.agency == "平潭综合实验区公安局"
    assert reading.meta_source == {"year": "正文第一段", "agency": "落款"}


def test_the_txt_and_html_copies_of_one_report_agree_where_the_txt_can_be_read():
    # 17-pingtan-shs-2024.txt and 33-pingtan-shs-2024.html are the same report.
    txt, html = read_reading(_real("17-")).report, read_reading(_real("33-")).report
    for address, value in txt.cells.items():
        if value is not None:
            assert html.get(address) == value, address


def test_the_strict_reader_refuses_an_undecided_run_naming_it():
    # read_report (one AnnualReport or an error) cannot return a guess: it names the run instead.
    with pytest.raises(ReportError) as caught:
        read_report(_real("03-"))
    assert caught.value.code == "report.run_together" and "2159165" in caught.value.message


# ── what a reviewer tried to break (each once gave a wrong figure without a finding) ───────────


def test_prose_citing_article_20_before_the_table_is_not_read_as_table_2():
    text = (
        _real("02-")
        .read_text("utf-8")
        .replace(
            "一、总体情况",
            "一、总体情况按照《条例》第二十条规定，我局主动公开行政规范性文件123件，行政许可事项52件。",
            1,
        )
    )
    report = read_reading(text.encode()).report
    assert [report.get(f"active.normative_documents.{c}") for c in ("issued", "repealed", "in_force")] == [
        4,
        1,
        7,
    ]


def test_a_table2_row_written_as_a_plain_line_with_a_figure_short_is_unreadable_not_shifted():
    text = _seed_markdown()
    start, end = text.index("| 第二十条第（一）项"), text.index("## 三、")
    lines = "第二十条第（一）项\n规章 13 11 142\n行政规范性文件 1287 1823\n第二十条第（五）项\n行政许可 9537924\n\n"
    reading = _read_text(text[:start] + lines + text[end:])
    assert reading.report.get("active.rules.in_force") == 142
    assert [
        reading.report.get(f"active.normative_documents.{c}") for c in ("issued", "repealed", "in_force")
    ] == [None] * 3
    assert "active.normative_documents.in_force" in reading.unreadable


def test_a_fee_table_in_section_six_is_not_read_as_a_missing_table_4():
    text = _seed_markdown()
    start, end = text.index("## 四、"), text.index("## 五、")
    text = (
        text[:start]
        + "## 四、政府信息公开行政复议、行政诉讼情况\n\n本年度未发生行政复议、行政诉讼。\n\n"
        + text[end:]
        + "\n| 通知收取件数 | 通知收取金额（元） | 实际收取金额（元） |\n| --- | --- | --- |\n| 2 | 300 | 300 |\n"
    )
    checked = check_reading(_read_text(text))
    assert all(checked.report.get(a) is None for a in checked.report.addresses if a.startswith("appeals."))
    assert any(f.code == "M1" and f.cells[0].startswith("appeals.") for f in checked.findings)


def test_a_long_prose_paragraph_with_table_words_leaves_a_line_by_line_report_alone():
    paragraph = (
        "（二）依申请公开方面。全年共收到政府信息公开申请25件，其中依法予以公开12件，部分公开3件，不予公开2件，"
        "无法提供4件，不予处理2件，其他处理2件，总计25件。" * 4
    )
    assert len(paragraph) > 300
    text = _seed_markdown().replace("## 一、总体情况\n", f"## 一、总体情况\n{paragraph}\n")
    assert _read_text(text).report.request_row("total") == SEED.request_row("total")


def test_a_run_built_to_explode_the_search_is_given_up_quickly():
    # Counted in steps of the search, not seconds: a loaded machine neither fails nor hides it.
    exploding = Budget()
    cells, _ = cut_run("1" * 40 + "0" * 15, 15, TABLE4_GROUPS, budget=exploding)
    assert cells == [None] * 15
    assert exploding.exhausted and exploding.steps == exploding.limit + 1  # given up at the limit
    # An ordinary run of the same width is read in a sliver of it (the baseline, in the same test):
    # 15 cells of one digit each, plus a few dead ends.
    ordinary = Budget()
    cells, _ = cut_run("1" * 4 + "4" + "0" * 10, 15, TABLE4_GROUPS, budget=ordinary)
    assert cells[:5] == ["1", "1", "1", "1", "4"] and not ordinary.exhausted
    assert ordinary.steps * 100 < exploding.limit
