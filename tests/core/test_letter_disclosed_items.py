"""A 予以公开/部分公开 reply lists what it provides (legal-rules §7.4 "information attached, or how/where
to get it"): each disclosed item with "附件：文件名" or its link, instead of repeating the request; the
withheld parts keep their own list; the handler's explanation is printed, not dropped."""

from __future__ import annotations

import dataclasses

import pytest

from gongkai.letters import DisclosedInfo, LetterError, LetterKind, compose
from tests.core.sample_letter import FULL

ITEMS = (
    DisclosedInfo("2024年老旧小区改造项目资金安排表", file_name="资金安排表.pdf"),
    DisclosedInfo("项目验收结果公示", url="https://www.cq.gov.cn/zwgk/ysgs.html"),
)


def reply(outcome, **changes):
    return compose(LetterKind.REPLY, dataclasses.replace(FULL, outcome=outcome, **changes)).text()


def test_a_granted_reply_lists_each_item_with_its_attachment_or_link():
    text = reply("granted", disclosed=ITEMS, released=("老旧小区改造项目资金安排情况",), reasons="")
    assert "1. 2024年老旧小区改造项目资金安排表（附件：资金安排表.pdf）。" in text
    assert "2. 项目验收结果公示（链接：https://www.cq.gov.cn/zwgk/ysgs.html）。" in text
    assert "老旧小区改造项目资金安排情况。" not in text  # the words of `released` give way to the items


def test_a_partial_disclosure_lists_items_under_part_one_and_withheld_parts_under_part_two():
    text = reply("partly_granted", disclosed=ITEMS, reasons="")
    one, two = text.index("一、予以公开的内容："), text.index("二、不予公开的内容及理由：")
    assert one < text.index("附件：资金安排表.pdf") < two
    assert one < text.index("链接：https://www.cq.gov.cn/zwgk/ysgs.html") < two
    assert "内部讨论记录" in text[two:] and "第十六条第二款" in text[two:]  # FULL's withheld part, its ground


def test_the_handlers_explanation_of_a_granted_reply_is_printed():
    text = reply("granted", disclosed=ITEMS, reasons="申请人要求纸质文本，因文件较大改以电子数据提供")
    assert "说明：申请人要求纸质文本，因文件较大改以电子数据提供。" in text
    text = reply("partly_granted", disclosed=ITEMS, reasons="已对个人信息作区分处理")
    assert "说明：已对个人信息作区分处理。" in text


def test_without_items_the_released_words_are_listed():
    text = reply("granted", disclosed=(), reasons="")
    assert "1. 《2024年老旧小区改造项目资金安排表》。" in text


def test_a_disclosing_reply_with_neither_items_nor_words_is_refused():
    with pytest.raises(LetterError) as exc:
        reply("granted", disclosed=(), released=())
    assert "予以公开的信息" in exc.value.message


def test_an_item_without_attachment_or_link_is_refused():
    with pytest.raises(LetterError) as exc:
        reply("granted", disclosed=(DisclosedInfo("资金安排表"),))
    assert "附件或链接" in exc.value.message
