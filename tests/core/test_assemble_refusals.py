"""What the assembler refuses, in Chinese and naming the file (spec §2): a report from before 2019 and
a document that is no annual report; and what it must not refuse: a report whose tables were
published as images, a modern report that mentions old words."""

from __future__ import annotations

import re

import pytest

from gongkai.errors import NotAnnualReportError
from tests.core.assembling import read_assembled
from tests.core.seed_truth import seed_text


def test_it_refuses_a_pre_2019_report_in_chinese():
    text = (
        "某某县2016年政府信息公开工作年度报告\n一、概述\n本年度工作情况如下。\n二、主动公开政府信息情况\n"
        "\t同意公开\n\t12\n\t不同意公开\n\t1\n三、依申请公开政府信息情况\n\t申请总数\n\t13\n"
    )
    with pytest.raises(NotAnnualReportError) as caught:
        read_assembled(text, source="2016.txt")
    assert "2019年以前" in caught.value.message
    assert "2016.txt" in caught.value.message
    assert caught.value.code == "report.pre_2019"


def test_it_refuses_a_document_that_is_not_an_annual_report():
    with pytest.raises(NotAnnualReportError) as caught:
        read_assembled("关于召开工作会议的通知\n请各单位于3月1日准时参加。\n", source="通知.txt")
    assert "不是政府信息公开工作年度报告" in caught.value.message
    assert "通知.txt" in caught.value.message


def test_it_accepts_a_report_whose_tables_were_published_as_images():
    text = "\n".join(line for line in seed_text().splitlines() if not line.startswith(("\t", " \t")))
    text = re.sub(r"\n(纠正|其他|结果|维持|审结)\n", "\n", text)
    report = read_assembled(text)
    assert report.missing == report.addresses
    assert report.narrative.general is not None


def test_it_does_not_mistake_a_modern_report_mentioning_old_words_for_a_pre_2019_one():
    text = seed_text()
    start, end = text.index("\t第二十条第（一）项"), text.index("三、收到和处理政府信息公开申请情况")
    text = (text[:start] + text[end:]).replace("1、 总体情况\n", "1、 总体情况\n群众申诉渠道畅通。\n", 1)
    report = read_assembled(text)
    assert report.get("requests.total.total") == 9862
    assert report.get("active.rules.issued") is None
