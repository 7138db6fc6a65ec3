"""The 行政复议答复书 and 答辩状 skeletons: the facts the records hold are in them, what staff must write is
marked, and both read back from DOCX and PDF."""

from __future__ import annotations

import datetime as dt
import io

import pdfplumber
from docx import Document

from gongkai.appeals import clocks
from gongkai.appeals.letters import TO_FILL, AppealFacts, appeal_letter
from gongkai.letters.render import render_docx, render_pdf


def _facts(kind: str) -> AppealFacts:
    received = dt.date(2025, 9, 26)
    return AppealFacts(
        kind=kind,
        agency="渝中区财政局",
        body="渝中区人民政府" if kind == "review" else "重庆市渝中区人民法院",
        appellant="张三",
        act="《政府信息公开申请答复书》（渝中财依复〔2025〕12号）",
        case_number="渝中府复〔2025〕7号" if kind == "review" else "（2025）渝0103行初45号",
        copy_received_on=received,
        due=clocks.response_due(kind, received),
        applications=("查询码 ABCD2345，2025年9月1日收到",),
    )


def test_the_review_reply_names_the_parties_the_act_the_article_and_the_due_date():
    letter = appeal_letter(_facts("review"))
    text = letter.text()
    assert letter.title == "行政复议答复书" and letter.addressee == "渝中区人民政府"
    assert "被申请人：渝中区财政局。" in text and "申请人：张三。" in text
    assert "第四十八条" in text and "2025年9月26日收到行政复议申请书副本" in text
    assert "提交期限：2025年10月16日前" in text
    assert TO_FILL in text and "ABCD2345" in text


def test_the_defence_reads_back_from_word_and_pdf():
    letter = appeal_letter(_facts("litigation"))
    words = "\n".join(p.text for p in Document(io.BytesIO(render_docx(letter))).paragraphs)
    assert "行政诉讼答辩状" in words and "答辩人（被告）：渝中区财政局。" in words
    # 09-26 + 15 days = Sat 10-11, a 调休 working day in the 2025 notice: no move.
    assert "第六十七条" in words and "2025年10月11日前" in words
    with pdfplumber.open(io.BytesIO(render_pdf(letter))) as pdf:
        pdf_text = "".join(page.extract_text() or "" for page in pdf.pages).replace("\n", "")
    assert "行政诉讼答辩状" in pdf_text and "重庆市渝中区人民法院" in pdf_text
