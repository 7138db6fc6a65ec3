"""拆分申请告知书: the applicant is told that a multi-item application was split under 一事一申请
(国办函〔2020〕109号, legal-rules §6.2), and which new query code asks for what."""

from __future__ import annotations

import datetime as dt
import io

import docx
import pytest

from gongkai.letters import (
    AgencyDetails,
    ApplicantDetails,
    LetterContext,
    LetterError,
    LetterKind,
    SplitPart,
    compose,
    render_docx,
)

CONTEXT = LetterContext(
    agency=AgencyDetails(name="渝中区财政局", review_body="渝中区人民政府"),
    applicant=ApplicantDetails(name="张三", address="重庆市渝中区解放碑1号"),
    number="渝中财公开〔2026〕7号",
    issued_on=dt.date(2026, 3, 4),
    received_on=dt.date(2026, 3, 3),
    request_summary="2025年度预算报告、决算报告和审计报告",
    query_code="GKAAAA",
    split_parts=(
        SplitPart("GKAAAA", "2025年度预算报告", dt.date(2026, 3, 31)),
        SplitPart("GKBBBB", "2025年度决算报告", dt.date(2026, 3, 31)),
        SplitPart("GKCCCC", "2025年度审计报告。", dt.date(2026, 3, 31)),
    ),
)


def test_the_split_notice_lists_each_new_query_code_with_its_item_and_deadline():
    letter = compose(LetterKind.SPLIT, CONTEXT)
    assert letter.title == "拆分申请告知书" and letter.addressee == "张三"
    assert "1. 查询码GKAAAA：2025年度预算报告（答复期限：2026年3月31日）。" in letter.paragraphs
    assert "3. 查询码GKCCCC：2025年度审计报告（答复期限：2026年3月31日）。" in letter.paragraphs
    text = letter.text()
    assert "“2025年度预算报告、决算报告和审计报告”" in text  # the request as filed, before the split
    assert "“一事一申请”" in text and "拆分为以下3件申请" in text and "原查询密码" in text


def test_the_split_notice_rests_on_the_fee_measures_and_carries_no_remedy_clause():
    letter = compose(LetterKind.SPLIT, CONTEXT)
    assert letter.basis == "《政府信息公开信息处理费管理办法》" and letter.basis in letter.text()
    assert letter.remedy == "" and "行政复议" not in letter.text()
    assert "拆分申请告知书" in "\n".join(
        p.text for p in docx.Document(io.BytesIO(render_docx(letter))).paragraphs
    )


@pytest.mark.parametrize("parts", [(), (SplitPart("GKAAAA", "预算报告"),)])
def test_a_split_into_fewer_than_two_applications_is_refused(parts):
    from dataclasses import replace

    with pytest.raises(LetterError) as exc:
        compose(LetterKind.SPLIT, replace(CONTEXT, split_parts=parts))
    assert "拆分后的各件申请" in exc.value.message
