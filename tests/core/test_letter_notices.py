"""Procedural notices (legal-rules §7): the receipt, the correction and extension notices, the
consultations of 条例第三十二条 and 第三十四条, the fee notice, the notices of 第三十五条 — each carries
its title, its basis and its required content, and no remedy clause (except the disclosure decision
told to a third party, which may be challenged)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from gongkai.letters import LetterKind, compose, render_docx
from tests.core.sample_letter import FULL, PRIOR_REVIEW_MARK, docx_text

PROCEDURAL_TITLES = {
    LetterKind.RECEIPT: "接收回执",
    LetterKind.CORRECTION: "补正告知书",
    LetterKind.EXTENSION: "延期答复告知书",
    LetterKind.CONSULT_THIRD_PARTY: "征求第三方意见书",
    LetterKind.CONSULT_AGENCY: "征求意见函",
    LetterKind.FEE: "收费通知书",
    LetterKind.CONSULT_NOTICE: "征求意见告知书",
    LetterKind.REASONS_REQUEST: "说明理由告知书",
    LetterKind.REASONABLE_TIME: "延迟答复告知书",
}


@pytest.mark.parametrize("kind", list(PROCEDURAL_TITLES))
def test_procedural_notices_carry_their_title_and_no_remedy_clause(kind):
    letter = compose(kind, FULL)
    assert letter.title == PROCEDURAL_TITLES[kind]
    assert letter.remedy == "" and "行政复议" not in letter.text()
    assert letter.title in docx_text(render_docx(letter))


# The split notice rests on the fee measures, not on the 条例: tests/core/test_letter_split.py.
@pytest.mark.parametrize("kind", [k for k in LetterKind if k not in (LetterKind.REPLY, LetterKind.SPLIT)])
def test_every_notice_cites_its_basis_in_its_text(kind):
    letter = compose(kind, FULL)
    assert letter.basis.startswith("《中华人民共和国政府信息公开条例》第") and letter.basis in letter.text()


def test_the_receipt_states_the_query_code_and_the_reply_date():
    text = compose(LetterKind.RECEIPT, FULL).text()
    assert "查询码：GK20250303-0042" in text
    assert "收到申请日期：2025年3月3日" in text and "不晚于2025年3月31日" in text
    assert "申请方式：互联网渠道" in text


def test_the_correction_notice_lists_every_item_and_the_deadline():
    letter = compose(LetterKind.CORRECTION, FULL)
    assert "1. 请写明所需信息的文件名称、文号或者其他特征性描述。" in letter.paragraphs
    assert "2. 请提供有效的联系电话。" in letter.paragraphs
    text = letter.text()
    assert "第三十条" in text and "2025年3月14日前" in text and "视为放弃申请" in text


def test_the_extension_notice_gives_length_and_both_deadlines():
    text = compose(LetterKind.EXTENSION, FULL).text()
    assert "延长20个工作日" in text and "2025年3月31日" in text and "2025年4月29日" in text
    assert "第三十三条第二款" in text


def test_the_third_party_is_consulted_without_naming_the_applicant():
    letter = compose(LetterKind.CONSULT_THIRD_PARTY, FULL)
    assert letter.addressee == "重庆某建设工程有限公司"
    text = letter.text()
    assert "李明远" not in text and "民族路" not in text
    assert "15个工作日" in text and "第三十二条" in text and "2025年4月2日前" in text


def test_the_co_producing_agency_is_told_silence_means_consent():
    text = compose(LetterKind.CONSULT_AGENCY, FULL).text()
    assert "第三十四条" in text and "视为同意公开" in text


def test_the_fee_notice_states_amount_deadline_and_account():
    # 2,400 元: legal-rules §6.6 example (items 15–34: 16×100 + 4×200).
    text = compose(LetterKind.FEE, FULL).text()
    assert "信息处理费2400元" in text and "2025年4月18日前" in text
    assert "5000001234567890" in text and "《政府信息公开信息处理费管理办法》" in text


def test_a_fee_in_fen_keeps_two_decimals():
    text = compose(LetterKind.FEE, replace(FULL, fee_amount=Decimal("12.5"))).text()
    assert "信息处理费12.50元" in text


def test_the_applicant_is_told_consultation_time_is_not_counted_without_naming_the_third_party():
    letter = compose(LetterKind.CONSULT_NOTICE, FULL)
    assert letter.addressee == "李明远" and letter.remedy == ""
    text = letter.text()
    assert (
        "《中华人民共和国政府信息公开条例》第三十二条的规定，本机关已于2025年3月20日书面征求第三方的意见"
        in text
    )
    assert "《中华人民共和国政府信息公开条例》第三十三条第三款" in text and "不计算在答复期限内" in text
    assert "15个工作日" in text
    assert "重庆某建设工程有限公司" not in text  # the third party is not disclosed to the applicant


def test_the_applicant_is_told_which_co_producing_agency_is_consulted():
    text = compose(
        LetterKind.CONSULT_NOTICE,
        replace(FULL, consultee_kind="agency", consulted_party="重庆市住房和城乡建设委员会"),
    ).text()
    assert "第三十四条的规定，本机关已于2025年3月20日征求重庆市住房和城乡建设委员会的意见" in text
    assert "第三十三条第三款" in text


def test_the_third_party_is_told_what_is_disclosed_over_its_objection_why_and_its_remedies():
    letter = compose(LetterKind.DISCLOSURE_DECISION, FULL)
    assert letter.title == "公开决定告知书" and letter.addressee == "重庆某建设工程有限公司"
    assert letter.basis == "《中华人民共和国政府信息公开条例》第三十二条"
    text = letter.text()
    assert "李明远" not in text and "民族路" not in text  # the applicant is not named to the third party
    assert "贵方于2025年3月18日书面答复不同意公开" in text
    assert "决定公开的政府信息：该公司与区住房城乡建委签订的施工合同中的报价明细。" in text
    assert "报价明细关系到财政资金使用和师生安全" in text and "对公共利益造成重大影响" in text
    # the third party may choose: review within 60 days or suit within 6 months (no 复议前置 for it)
    assert letter.remedy in letter.paragraphs
    assert "自收到本告知书之日起60日内向重庆市人民政府申请行政复议" in letter.remedy
    assert "也可以自收到本告知书之日起6个月内依法向人民法院提起行政诉讼" in letter.remedy
    assert PRIOR_REVIEW_MARK not in letter.remedy


def test_the_applicant_is_asked_for_reasons_by_a_date():
    letter = compose(LetterKind.REASONS_REQUEST, FULL)
    text = letter.text()
    assert "共向本机关提出政府信息公开申请120件" in text and "明显超过合理范围" in text
    assert (
        "《中华人民共和国政府信息公开条例》第三十五条的规定，请您于2025年3月31日前以书面形式向本机关说明申请理由"
        in text
    )
    assert "不予处理" in text and "延迟答复的合理期限" in text


def test_the_delayed_reply_notice_gives_the_reasonable_deadline_and_why():
    text = compose(LetterKind.REASONABLE_TIME, FULL).text()
    assert "本机关已于2025年3月10日要求您说明理由" in text
    assert "第三十三条规定的期限（2025年3月31日）内答复" in text
    assert "需要逐件调取2015年以来的纸质档案" in text
    assert "第三十五条的规定，本机关确定延迟答复的合理期限为2025年6月30日" in text
