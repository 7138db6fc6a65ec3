"""The assembler finds a report's sections and title as real reports print them (spec §2): sections
numbered with bracketed numerals, traditional characters, ASCII punctuation, the agency and year in
any order of the title, prose between a heading and its table."""

from __future__ import annotations

import pytest
from opencc import OpenCC

from tests.core.assembling import SEED_PRINTED, read_assembled
from tests.core.seed_truth import seed_text


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
    report = read_assembled(text)
    assert dict(report.cells) == SEED_PRINTED
    assert report.narrative.problems.startswith("（一）主要问题。")  # a sub-heading, not section 一
    assert "（二）改进措施。" in report.narrative.problems


def test_it_reads_a_traditional_character_copy_of_the_seed():
    report = read_assembled(OpenCC("s2t").convert(seed_text()))
    assert dict(report.cells) == SEED_PRINTED
    assert report.year == 2023


def test_it_reads_the_seed_with_punctuation_normalised_to_ascii():
    text = seed_text().translate(str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "、": ","}))
    assert dict(read_assembled(text).cells) == SEED_PRINTED


@pytest.mark.parametrize(
    ("title", "agency", "year"),
    [
        ("2023年重庆市人民政府办公厅政府信息公开工作年度报告", "重庆市人民政府办公厅", 2023),
        ("重庆市人民政府办公厅2022年度政府信息公开工作年度报告", "重庆市人民政府办公厅", 2022),
        ("北碚区 二〇二一年 政府信息公开工作年度报告", "北碚区", 2021),
    ],
)
def test_it_reads_agency_and_year_from_title_variants(title, agency, year):
    report = read_assembled(seed_text().replace("重庆市2023年政府信息公开工作年度报告", title, 1))
    assert (report.agency, report.year) == (agency, year)


def test_it_ignores_prose_between_a_heading_and_its_table():
    text = seed_text().replace(
        "三、收到和处理政府信息公开申请情况\n",
        "三、收到和处理政府信息公开申请情况\n本年度申请情况见下表。\n",
        1,
    )
    assert dict(read_assembled(text).cells) == SEED_PRINTED
