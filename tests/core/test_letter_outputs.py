"""A letter's outputs (legal-rules §7): the DOCX (a Chinese font, the title centred, A4) and the PDF
(A4) read back with the title, the addressee, the basis and the remedy; a masked copy's note heads
every page of both and the letter as issued has none; a stored letter restores to the same words."""

from __future__ import annotations

import io
from dataclasses import replace

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn

from gongkai.letters import LetterKind, WithheldPart, compose, render_docx, render_pdf
from tests.core.sample_letter import FULL, docx_text, pdf_text, squash


def test_the_docx_sets_a_chinese_font_and_centres_the_title():
    document = docx.Document(
        io.BytesIO(render_docx(compose(LetterKind.REPLY, replace(FULL, outcome="granted"))))
    )
    title = next(p for p in document.paragraphs if p.text == "予以公开答复书")
    assert title.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.CENTER
    body = next(p for p in document.paragraphs if p.text.startswith("本机关于2025年3月3日"))
    assert body.paragraph_format.first_line_indent > 0
    fonts = body.runs[0].element.rPr.rFonts
    assert fonts.get(qn("w:eastAsia")) == "仿宋"
    assert round(document.sections[0].page_width.mm) == 210


@pytest.mark.parametrize(
    ("kind", "code"),
    [
        (LetterKind.REPLY, "withheld_third_party"),
        (LetterKind.REPLY, "partly_granted"),
        (LetterKind.CORRECTION, None),
    ],
)
def test_the_pdf_reads_back_with_title_name_basis_and_remedy(kind, code):
    letter = compose(kind, replace(FULL, outcome=code))
    data = render_pdf(letter)
    assert data.startswith(b"%PDF")
    text = squash(pdf_text(data))
    for needed in (
        letter.title,
        "李明远",
        letter.basis,
        letter.remedy,
        "重庆市人民政府办公厅",
        "2025年3月20日",
    ):
        assert squash(needed) in text
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        width, height = pdf.pages[0].width, pdf.pages[0].height
    assert (round(width), round(height)) == (595, 842)  # A4 in points


@pytest.mark.parametrize(
    ("kind", "needed"),
    [
        (LetterKind.CONSULT_NOTICE, ("征求意见告知书", "李明远", "第三十三条第三款", "不计算在答复期限内")),
        (
            LetterKind.DISCLOSURE_DECISION,
            (
                "公开决定告知书",
                "重庆某建设工程有限公司",
                "第三十二条",
                "师生安全",
                "60日内向重庆市人民政府申请行政复议",
                "6个月内依法向人民法院提起行政诉讼",
            ),
        ),
        (LetterKind.REASONS_REQUEST, ("说明理由告知书", "李明远", "第三十五条", "2025年3月31日前")),
        (LetterKind.REASONABLE_TIME, ("延迟答复告知书", "李明远", "第三十五条", "合理期限为2025年6月30日")),
    ],
)
def test_the_art_32_to_35_letters_read_back_from_docx_and_pdf(kind, needed):
    letter = compose(kind, FULL)
    from_docx = squash(docx_text(render_docx(letter)))
    from_pdf = squash(pdf_text(render_pdf(letter)))
    for words in (*needed, "渝府办公开〔2025〕12号", "2025年3月20日"):
        assert squash(words) in from_docx and squash(words) in from_pdf


def test_a_pdf_of_a_partial_disclosure_shows_every_withheld_part():
    parts = (
        WithheldPart("施工合同中的报价明细", "withheld_third_party", "涉及商业秘密"),
        WithheldPart("经办人员的考勤记录", "withheld_internal_affairs", "属于人事管理信息"),
    )
    text = squash(
        pdf_text(
            render_pdf(compose(LetterKind.REPLY, replace(FULL, outcome="partly_granted", withheld=parts)))
        )
    )
    assert (
        "1.施工合同中的报价明细：涉及商业秘密。依据《中华人民共和国政府信息公开条例》第三十六条第（三）项、第十五条"
        in text
    )
    assert (
        "2.经办人员的考勤记录：属于人事管理信息。依据《中华人民共和国政府信息公开条例》第三十六条第（三）项、第十六条第一款"
        in text
    )
    assert "不得直接提起行政诉讼" in text


def test_a_copy_note_heads_every_page_of_both_renderings_and_the_letter_as_issued_has_none():
    letter = compose(LetterKind.REPLY, replace(FULL, outcome="partly_granted"))  # runs over two pages
    copy = replace(letter, copy_note="脱敏副本：个人信息已作遮盖处理")
    header = docx.Document(io.BytesIO(render_docx(copy))).sections[0].header
    assert [p.text for p in header.paragraphs] == ["脱敏副本：个人信息已作遮盖处理"]
    with pdfplumber.open(io.BytesIO(render_pdf(copy))) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    assert len(pages) > 1 and all(page.startswith("脱敏副本：个人信息已作遮盖处理") for page in pages)
    assert copy.text().startswith("脱敏副本") and "脱敏副本" not in letter.text()
    assert "脱敏副本" not in "".join(
        p.text for p in docx.Document(io.BytesIO(render_docx(letter))).sections[0].header.paragraphs
    )
    assert "脱敏副本" not in pdf_text(render_pdf(letter))


def test_a_stored_letter_restores_to_the_same_words():
    letter = compose(LetterKind.REPLY, replace(FULL, outcome="partly_granted", attachments=("申请书复印件",)))
    restored = type(letter).from_json(letter.to_json())
    assert restored == letter and "部分公开答复书" in letter.to_json()
