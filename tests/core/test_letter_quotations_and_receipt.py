"""Issue 13, letter defects: the applicant's request is quoted once, as Chinese punctuation writes a
quotation inside a sentence (GB/T 15834-2011: the closing 。 after the closing ”, a quotation within it in
single quotes); the 接收回执 fits on one page and tells how to follow the application — with the query
code and the query password, which it never prints."""

from __future__ import annotations

import io
from dataclasses import replace

import pdfplumber
import pytest

from gongkai.letters import LetterKind, compose, render_docx, render_pdf
from tests.core.sample_letter import FULL, docx_text

OPENING = "本机关于2025年3月3日收到您提交的政府信息公开申请（查询码：GK20250303-0042），您申请获取"


@pytest.mark.parametrize(
    ("request_summary", "quoted"),
    [
        ("2024年区财政预算执行情况报告", "“2024年区财政预算执行情况报告”。"),
        ("2024年区财政预算执行情况报告。", "“2024年区财政预算执行情况报告”。"),
        ("2024年区财政预算执行情况报告；\n", "“2024年区财政预算执行情况报告”。"),
        ("《关于“老旧小区”改造的通知》全文。", "“《关于‘老旧小区’改造的通知》全文”。"),
        ("“2024年预算报告”。", "“2024年预算报告”。"),
        ("“拆迁公告”和“补偿方案”", "“‘拆迁公告’和‘补偿方案’”。"),
    ],
)
def test_the_request_is_quoted_once_with_inner_quotes_made_single(request_summary, quoted):
    letter = compose(LetterKind.REPLY, replace(FULL, outcome="granted", request_summary=request_summary))
    assert letter.paragraphs[0] == OPENING + quoted + "现答复如下："
    assert "。”" not in letter.text() and "”。”" not in letter.text()


@pytest.mark.parametrize(
    "kind", [LetterKind.CONSULT_THIRD_PARTY, LetterKind.CORRECTION, LetterKind.CORRECTION_REPLY]
)
def test_every_letter_that_quotes_the_request_quotes_it_the_same_way(kind):
    ctx = replace(FULL, request_summary="关于“老旧小区”改造的通知。", correction_result="corrected")
    text = compose(kind, ctx).text()
    assert "“关于‘老旧小区’改造的通知”。" in text
    assert "。”" not in text


RECEIPT = replace(
    FULL,
    issued_on=FULL.received_on,
    request_summary=(
        "2024年本市老旧小区改造项目的资金安排情况，包括市级和区县级财政资金的分配明细、"
        "每个项目的名称、地点、实施单位、开工和竣工日期、验收结果以及资金拨付凭证"
    ),
    receipt_rule=(
        "通过互联网渠道提交的，按本机关公开指南以出具电子回执之日为双方确认之日（条例第三十一条第（三）项）"
    ),
)


def _pdf_pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_the_receipt_fits_on_one_page_with_its_seal_date_and_contact_lines():
    pages = _pdf_pages(render_pdf(compose(LetterKind.RECEIPT, RECEIPT)))
    assert len(pages) == 1
    text = pages[0].replace("\n", "").replace(" ", "")
    for line in (
        "接收回执",
        "GK20250303-0042",
        "2025年3月31日",
        "2025年3月3日",
        "送达地址：重庆市渝中区民族路188号",
    ):
        assert line in text


def test_the_receipt_tells_how_to_track_with_the_query_code_and_the_password_never_printed():
    letter = compose(LetterKind.RECEIPT, RECEIPT)
    tracking = letter.paragraphs[-1]
    assert "查询码" in tracking and "查询密码" in tracking and "办理进度" in tracking
    assert "不载明查询密码" in tracking  # the applicant is told why it is not on the receipt
    assert "查询密码：" not in letter.text()  # no field that could carry the password
    assert tracking in docx_text(render_docx(letter))


def test_the_receipt_rule_is_not_wrapped_in_a_second_pair_of_brackets():
    text = compose(LetterKind.RECEIPT, RECEIPT).text()
    assert "（条例第三十一条第（三）项））" not in text
    assert "收到申请日期：2025年3月3日" in text and "（条例第三十一条第（三）项）" in text


def test_other_letters_keep_the_full_size_layout():
    # a reply's body is 3号 (16 pt) as GB/T 9704-2012 has it; only the receipt is compact
    from gongkai.letters import render_html

    reply = render_html(compose(LetterKind.REPLY, replace(FULL, outcome="granted")))
    receipt = render_html(compose(LetterKind.RECEIPT, RECEIPT))
    assert "font-size: 14pt" in receipt and "html { font-size: 14pt" not in reply
