"""Letters on a request to correct a record (条例第四十一条): the receipt names the request and promises
no extension; the 更正答复书 cites article 41 for each result, reads back from DOCX and PDF, offers
review or suit, and is refused without the competent agency, the details or the review body."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gongkai.letters import LetterError, LetterKind, compose, render_docx, render_pdf
from tests.core.sample_letter import AGENCY, FULL, PRIOR_REVIEW_MARK, docx_text, pdf_text, squash

CORRECTION_REQUEST = replace(
    FULL,
    request_kind="correction",
    request_summary="2024年老旧小区改造补助名单中本人的房屋面积记为58平方米，应为85平方米",
)


def test_the_receipt_of_a_correction_request_names_it_and_promises_no_extension():
    text = compose(LetterKind.RECEIPT, CORRECTION_REQUEST).text()
    assert "您提交的更正政府信息记录的申请本机关已收到" in text
    assert "参照《中华人民共和国政府信息公开条例》第三十三条规定的期限" in text and "2025年3月31日" in text
    assert "延长" not in text and "征求第三方" not in text
    assert "政府信息公开申请本机关已收到" in compose(LetterKind.RECEIPT, FULL).text()


@pytest.mark.parametrize(
    ("result", "needed"),
    [
        ("corrected", ("本机关已予更正", "更正为85平方米")),
        ("forwarded", ("已将您的更正申请转送重庆市渝中区规划和自然资源局处理",)),
        ("redirected", ("请您向重庆市渝中区规划和自然资源局提出更正申请",)),
        ("not_verified", ("不能证明上述政府信息记录不准确", "本机关不予更正")),
    ],
)
def test_a_correction_reply_cites_article_41_and_reads_back_from_docx_and_pdf(result, needed):
    context = replace(
        CORRECTION_REQUEST,
        correction_details=""
        if result in ("forwarded", "redirected")
        else "您提供的不动产权证书记载的面积为58平方米"
        if result == "not_verified"
        else CORRECTION_REQUEST.correction_details,
    )
    letter = compose(LetterKind.CORRECTION_REPLY, replace(context, correction_result=result))
    assert letter.title == "更正答复书" and letter.addressee == "李明远"
    assert letter.basis == "《中华人民共和国政府信息公开条例》第四十一条"
    # A decision on the request: variant B (legal-rules §7.3), never 复议前置 (that is for refusals to disclose).
    assert (
        "60日内向重庆市人民政府申请行政复议" in letter.remedy
        and "6个月内依法向人民法院提起行政诉讼" in letter.remedy
    )
    assert PRIOR_REVIEW_MARK not in letter.remedy
    from_docx = squash(docx_text(render_docx(letter)))
    from_pdf = squash(pdf_text(render_pdf(letter)))
    for words in (
        "更正答复书",
        "李明远",
        "第四十一条",
        "房屋面积记为58平方米",
        letter.remedy,
        "2025年3月20日",
        *needed,
    ):
        assert squash(words) in from_docx and squash(words) in from_pdf


def test_a_forwarded_or_redirected_correction_must_name_the_competent_agency():
    for result in ("forwarded", "redirected"):
        with pytest.raises(LetterError) as exc:
            compose(
                LetterKind.CORRECTION_REPLY,
                replace(CORRECTION_REQUEST, correction_result=result, competent_agency=""),
            )
        assert exc.value.code == "letters.missing" and "有权更正的行政机关" in exc.value.message


def test_a_correction_reply_needs_a_known_result_its_details_and_the_review_body():
    with pytest.raises(LetterError) as exc:
        compose(LetterKind.CORRECTION_REPLY, replace(CORRECTION_REQUEST, correction_result="granted"))
    assert exc.value.code == "letters.invalid" and "经审核不属实，不予更正" in exc.value.message
    with pytest.raises(LetterError) as exc:
        compose(
            LetterKind.CORRECTION_REPLY,
            replace(CORRECTION_REQUEST, correction_result="not_verified", correction_details=" "),
        )
    assert "更正的内容或者不予更正的理由" in exc.value.message
    with pytest.raises(LetterError) as exc:
        compose(
            LetterKind.CORRECTION_REPLY,
            replace(
                CORRECTION_REQUEST, correction_result="corrected", agency=replace(AGENCY, review_body="")
            ),
        )
    assert "行政复议机关" in exc.value.message
