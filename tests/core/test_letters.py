"""Letters (legal-rules §7): every outcome of the outcome table yields its reply with the legal basis
and the right remedy clause (§7.3), procedural notices carry their required content and no remedy
clause, missing data is refused, and the DOCX and PDF outputs read back."""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import replace
from decimal import Decimal

import docx
import pdfplumber
import pytest
from docx.oxml.ns import qn
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.errors import GongkaiError
from gongkai.letters import (
    AgencyDetails,
    ApplicantDetails,
    LetterContext,
    LetterError,
    LetterKind,
    WithheldPart,
    compose,
    render_docx,
    render_html,
    render_pdf,
)
from gongkai.outcomes import OUTCOME_TABLE, OUTCOMES, outcome

AGENCY = AgencyDetails(
    name="重庆市人民政府办公厅",
    seal_name="重庆市人民政府办公厅政府信息公开专用章",
    address="重庆市渝北区青竹东路6号",
    postcode="401147",
    phone="023-63898000",
    contact="政府信息公开科",
    review_body="重庆市人民政府",
)
APPLICANT = ApplicantDetails(name="李明远", address="重庆市渝中区民族路188号")

#: A context holding every kind-specific field, so any kind and any outcome can be composed from it.
FULL = LetterContext(
    agency=AGENCY,
    applicant=APPLICANT,
    number="渝府办公开〔2025〕12号",
    issued_on=dt.date(2025, 3, 20),
    received_on=dt.date(2025, 3, 3),
    request_summary="2024年本市老旧小区改造项目资金安排情况",
    query_code="GK20250303-0042",
    channel="online",
    reply_due=dt.date(2025, 3, 31),  # 20 working days after Monday 3 March 2025, counted by hand
    receipt_rule="在线提交，以系统确认之日为收到申请之日",
    corrections=("请写明所需信息的文件名称、文号或者其他特征性描述", "请提供有效的联系电话"),
    correction_due=dt.date(2025, 3, 14),
    correction_requested_on=dt.date(2025, 3, 5),
    original_due=dt.date(2025, 3, 31),
    extension_workdays=20,
    new_due=dt.date(2025, 4, 29),
    extension_reason="申请涉及的档案数量较多，需要调取2019年至2024年的项目档案逐件核查",
    consulted_party="重庆某建设工程有限公司",
    consultation_subject="该公司与区住房城乡建委签订的施工合同中的报价明细",
    consultation_reason="报价明细可能涉及该公司的商业秘密",
    consultation_due=dt.date(2025, 4, 2),
    fee_amount=Decimal("2400"),
    fee_basis="按件计收：本月第15件至第34件，共20件（第15至30件每件100元，第31至34件每件200元）",
    fee_due=dt.date(2025, 4, 18),
    fee_account="非税收入电子缴款码 5000001234567890",
    released=("《2024年老旧小区改造项目资金安排表》", "项目验收结果公示"),
    withheld=(
        WithheldPart(
            "资金安排方案的内部讨论记录", "withheld_process_info", "该记录属于研究过程中形成的讨论记录"
        ),
    ),
    reasons="申请获取的信息为研究制定资金安排方案过程中形成的讨论记录和请示报告，属于过程性信息",
    public_location="重庆市人民政府网站“政府信息公开”栏目（https://www.cq.gov.cn/zwgk/），2024年6月12日发布",
    holding_agency="重庆市住房和城乡建设委员会（电话023-63671000）",
    referral="请向不动产所在地的不动产登记机构申请查询",
    earlier_reply="渝府办公开〔2024〕88号，2024年11月5日",
    consultee_kind="third_party",
    objection_on=dt.date(2025, 3, 18),
    public_interest="该工程为学校校舍加固工程，报价明细关系到财政资金使用和师生安全",
    volume="您自2025年1月1日至3月3日共向本机关提出政府信息公开申请120件",
    reasons_due=dt.date(2025, 3, 31),
    reasons_requested_on=dt.date(2025, 3, 10),
    reasonable_due=dt.date(2025, 6, 30),
    reasonable_reason="所申请的120件信息需要逐件调取2015年以来的纸质档案",
    correction_result="corrected",
    correction_details="已将补助名单中您的房屋面积更正为85平方米",
    competent_agency="重庆市渝中区规划和自然资源局",
)

PRIOR_REVIEW_MARK = "不得直接提起行政诉讼"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def _pdf_text(data: bytes) -> str:
    """The text of every page without its page-number footer (— 1 —), so a paragraph running over a
    page break reads as one."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        pages = [page.extract_text() or "" for page in pdf.pages]
    return "".join(re.sub(r"—\s*\d+\s*—\s*$", "", page.strip()) for page in pages)


# ── replies: one per outcome of the table ──────────────────────────────────────────────────


@pytest.mark.parametrize("code", OUTCOMES)
def test_it_composes_a_reply_for_every_outcome_with_its_basis_and_remedy(code):
    entry = outcome(code)
    letter = compose(LetterKind.REPLY, replace(FULL, outcome=code))
    text = letter.text()
    assert letter.title == entry.letter
    assert "李明远：" in text and "渝府办公开〔2025〕12号" in text and "2025年3月20日" in text
    assert entry.basis in text
    assert letter.remedy in letter.paragraphs and "60日内向重庆市人民政府申请行政复议" in letter.remedy
    if entry.prior_review:
        assert PRIOR_REVIEW_MARK in letter.remedy
        assert "自收到行政复议决定书之日起15日内" in letter.remedy
    else:
        assert PRIOR_REVIEW_MARK not in letter.remedy
        assert "6个月内依法向人民法院提起行政诉讼" in letter.remedy


@pytest.mark.parametrize("code", OUTCOMES)
def test_every_reply_reads_back_from_docx_with_title_name_basis_and_remedy(code):
    letter = compose(LetterKind.REPLY, replace(FULL, outcome=code))
    text = _docx_text(render_docx(letter))
    for needed in (letter.title, "李明远", outcome(code).basis, letter.remedy):
        assert needed in text


def test_a_refusal_on_process_information_cites_the_articles_and_requires_review_first():
    # Hand-checked against 条例第三十六条第（三）项 and 第十六条第二款 (legal-rules §9) and §7.3 variant A.
    letter = compose(LetterKind.REPLY, replace(FULL, outcome="withheld_process_info"))
    text = letter.text()
    assert letter.title == "不予公开答复书"
    assert "《中华人民共和国政府信息公开条例》第三十六条第（三）项、第十六条第二款" in text
    assert "应当先申请行政复议" in text and "6个月" not in text


def test_a_not_held_reply_offers_review_or_suit_within_six_months():
    text = compose(LetterKind.REPLY, replace(FULL, outcome="not_held")).text()
    assert "第三十六条第（四）项" in text
    assert "也可以自收到本答复之日起6个月内依法向人民法院提起行政诉讼" in text
    assert "先申请行政复议" not in text


def test_a_partial_disclosure_requires_review_first_only_for_its_withheld_part():
    letter = compose(LetterKind.REPLY, replace(FULL, outcome="partly_granted"))
    assert "第三十七条" in letter.basis
    assert "如对本答复中不予公开的部分不服，应当" in letter.remedy
    assert "如对本答复的其他内容不服，可以" in letter.remedy and "6个月内" in letter.remedy
    withheld_line = next(p for p in letter.paragraphs if p.startswith("1. 资金安排方案的内部讨论记录"))
    assert "第十六条第二款" in withheld_line
    assert "《2024年老旧小区改造项目资金安排表》" in letter.text()


def test_the_special_query_route_is_not_treated_as_a_refusal_to_disclose():
    letter = compose(LetterKind.REPLY, replace(FULL, outcome="withheld_admin_query"))
    assert PRIOR_REVIEW_MARK not in letter.remedy
    assert "不动产登记机构" in letter.text()


def test_it_tells_the_applicant_which_agency_holds_the_information():
    text = compose(LetterKind.REPLY, replace(FULL, outcome="not_this_agency")).text()
    assert "重庆市住房和城乡建设委员会" in text


def test_a_repeat_application_cites_the_earlier_reply():
    text = compose(LetterKind.REPLY, replace(FULL, outcome="not_processed_repeat")).text()
    assert "渝府办公开〔2024〕88号" in text and "不予重复处理" in text


def test_an_organisation_is_addressed_as_your_unit():
    org = replace(
        FULL, applicant=ApplicantDetails(name="重庆某律师事务所", organisation=True), outcome="granted"
    )
    letter = compose(LetterKind.REPLY, org)
    assert letter.addressee == "重庆某律师事务所"
    assert "贵单位如对本答复不服" in letter.remedy and "您" not in letter.text()


# ── procedural notices ─────────────────────────────────────────────────────────────────────

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
    assert letter.title in _docx_text(render_docx(letter))


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


def test_a_mass_repeat_refusal_dates_the_request_for_reasons():
    text = compose(LetterKind.REPLY, replace(FULL, outcome="not_processed_mass_repeat")).text()
    assert "本机关已于2025年3月10日要求您说明理由" in text and "第三十五条" in text


# The split notice rests on the fee measures, not on the 条例: tests/core/test_letter_split.py.
@pytest.mark.parametrize("kind", [k for k in LetterKind if k not in (LetterKind.REPLY, LetterKind.SPLIT)])
def test_every_notice_cites_its_basis_in_its_text(kind):
    letter = compose(kind, FULL)
    assert letter.basis.startswith("《中华人民共和国政府信息公开条例》第") and letter.basis in letter.text()


def test_a_partial_disclosure_lists_each_withheld_part_with_its_own_article():
    parts = (
        WithheldPart(
            "施工合同中的报价明细", "withheld_third_party", "涉及该公司商业秘密，该公司书面不同意公开"
        ),
        WithheldPart("资金安排方案的讨论记录", "withheld_process_info", "属于研究过程中形成的讨论记录"),
        WithheldPart("经办人员的考勤记录", "withheld_internal_affairs", "属于人事管理信息"),
    )
    letter = compose(LetterKind.REPLY, replace(FULL, outcome="partly_granted", withheld=parts))
    lines = [p for p in letter.paragraphs if p[:2] in ("1.", "2.", "3.") and "不予公开" in p]
    assert lines == [
        "1. 施工合同中的报价明细：涉及该公司商业秘密，该公司书面不同意公开。依据《中华人民共和国政府信息公开条例》"
        "第三十六条第（三）项、第十五条的规定，不予公开。",
        "2. 资金安排方案的讨论记录：属于研究过程中形成的讨论记录。依据《中华人民共和国政府信息公开条例》"
        "第三十六条第（三）项、第十六条第二款的规定，不予公开。",
        "3. 经办人员的考勤记录：属于人事管理信息。依据《中华人民共和国政府信息公开条例》"
        "第三十六条第（三）项、第十六条第一款的规定，不予公开。",
    ]
    assert "如对本答复中不予公开的部分不服，应当" in letter.remedy and PRIOR_REVIEW_MARK in letter.remedy


# ── refusals ───────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("kind", "change", "field", "words"),
    [
        (LetterKind.CORRECTION, {"corrections": ()}, "corrections", "需要补正的事项"),
        (LetterKind.CORRECTION, {"corrections": ("  ",)}, "corrections", "需要补正的事项"),
        (LetterKind.CORRECTION, {"correction_due": None}, "correction_due", "补正期限"),
        (LetterKind.RECEIPT, {"query_code": ""}, "query_code", "查询码"),
        (LetterKind.EXTENSION, {"extension_reason": ""}, "extension_reason", "延期理由"),
        (LetterKind.CONSULT_THIRD_PARTY, {"consulted_party": ""}, "consulted_party", "第三方"),
        (LetterKind.FEE, {"fee_amount": None}, "fee_amount", "收费金额"),
        (LetterKind.REPLY, {"outcome": None}, "outcome", "办理结果"),
        (LetterKind.REPLY, {"outcome": "withheld_state_secret", "reasons": ""}, "reasons", "理由"),
        (
            LetterKind.REPLY,
            {"outcome": "not_processed_repeat", "earlier_reply": ""},
            "earlier_reply",
            "此前答复",
        ),
        (LetterKind.REPLY, {"outcome": "partly_granted", "withheld": ()}, "withheld", "不予公开的部分"),
        (
            LetterKind.REPLY,
            {"outcome": "granted", "agency": replace(AGENCY, review_body="")},
            "agency.review_body",
            "行政复议机关",
        ),
        (LetterKind.REPLY, {"outcome": "granted", "number": ""}, "number", "文号"),
        (LetterKind.CONSULT_NOTICE, {"consultee_kind": ""}, "consultee_kind", "征求意见对象"),
        (
            LetterKind.CONSULT_NOTICE,
            {"consultee_kind": "agency", "consulted_party": ""},
            "consulted_party",
            "机关",
        ),
        (LetterKind.DISCLOSURE_DECISION, {"public_interest": " "}, "public_interest", "公共利益"),
        (
            LetterKind.DISCLOSURE_DECISION,
            {"agency": replace(AGENCY, review_body="")},
            "agency.review_body",
            "行政复议机关",
        ),
        (LetterKind.REASONS_REQUEST, {"reasons_due": None}, "reasons_due", "说明理由的期限"),
        (LetterKind.REASONS_REQUEST, {"volume": ""}, "volume", "数量和频次"),
        (LetterKind.REASONABLE_TIME, {"reasonable_due": None}, "reasonable_due", "合理期限"),
        (LetterKind.REASONABLE_TIME, {"reasonable_reason": ""}, "reasonable_reason", "理由"),
    ],
)
def test_it_refuses_a_letter_without_the_data_it_must_carry(kind, change, field, words):
    with pytest.raises(LetterError) as err:
        compose(kind, replace(FULL, **change))
    assert err.value.code == "letters.missing"
    assert err.value.params["field"] == field
    assert words in err.value.message and err.value.message.startswith("无法生成")


def test_it_refuses_an_extension_beyond_twenty_working_days():
    with pytest.raises(LetterError) as err:
        compose(LetterKind.EXTENSION, replace(FULL, extension_workdays=21))
    assert err.value.code == "letters.invalid" and "21" in err.value.message


@pytest.mark.parametrize(
    ("kind", "change", "field"),
    [
        (
            LetterKind.REASONS_REQUEST,
            {"reasons_due": dt.date(2025, 3, 20)},
            "reasons_due",
        ),  # the day of issue
        (
            LetterKind.REASONABLE_TIME,
            {"reasonable_due": dt.date(2025, 3, 31)},
            "reasonable_due",
        ),  # = art. 33's
        (LetterKind.CONSULT_NOTICE, {"consultee_kind": "court"}, "consultee_kind"),
    ],
)
def test_it_refuses_inconsistent_art_32_to_35_notices(kind, change, field):
    with pytest.raises(LetterError) as err:
        compose(kind, replace(FULL, **change))
    assert err.value.code == "letters.invalid" and err.value.params["field"] == field


def test_it_refuses_a_withheld_part_on_a_ground_that_is_not_a_refusal():
    bad = (WithheldPart("项目验收结果", "granted", "无"),)
    with pytest.raises(LetterError) as err:
        compose(LetterKind.REPLY, replace(FULL, outcome="partly_granted", withheld=bad))
    assert err.value.code == "letters.invalid"


def test_it_refuses_an_unknown_kind_or_outcome_with_a_chinese_message():
    with pytest.raises(LetterError, match="不是可生成的文书种类"):
        compose("summons", FULL)
    with pytest.raises(GongkaiError, match="不是平台的办理结果代码"):
        compose(LetterKind.REPLY, replace(FULL, outcome="granted_maybe"))


def test_it_refuses_a_letter_dated_before_the_application_arrived():
    with pytest.raises(LetterError, match="早于收到申请日期"):
        compose(LetterKind.RECEIPT, replace(FULL, issued_on=dt.date(2025, 3, 2)))


_text = st.text(alphabet=st.sampled_from('政府信息公开 申请<&>"。\n'), max_size=12)


@settings(max_examples=40, deadline=None)
@given(code=st.sampled_from(OUTCOMES), name=_text, reasons=_text, summary=_text)
def test_arbitrary_text_gives_a_letter_or_a_typed_refusal_never_a_crash(code, name, reasons, summary):
    ctx = replace(
        FULL, outcome=code, reasons=reasons, request_summary=summary, applicant=replace(APPLICANT, name=name)
    )
    try:
        letter = compose(LetterKind.REPLY, ctx)
    except LetterError:
        return
    assert name.strip() == letter.addressee and outcome(code).basis in letter.text()
    assert "<&>" not in render_html(letter)  # user text is escaped in the HTML the PDF comes from


def test_a_stored_letter_restores_to_the_same_words():
    letter = compose(LetterKind.REPLY, replace(FULL, outcome="partly_granted", attachments=("申请书复印件",)))
    restored = type(letter).from_json(letter.to_json())
    assert restored == letter and "部分公开答复书" in letter.to_json()


# ── rendering ──────────────────────────────────────────────────────────────────────────────


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
    text = _squash(_pdf_text(data))
    for needed in (
        letter.title,
        "李明远",
        letter.basis,
        letter.remedy,
        "重庆市人民政府办公厅",
        "2025年3月20日",
    ):
        assert _squash(needed) in text
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
    from_docx = _squash(_docx_text(render_docx(letter)))
    from_pdf = _squash(_pdf_text(render_pdf(letter)))
    for words in (*needed, "渝府办公开〔2025〕12号", "2025年3月20日"):
        assert _squash(words) in from_docx and _squash(words) in from_pdf


def test_a_pdf_of_a_partial_disclosure_shows_every_withheld_part():
    parts = (
        WithheldPart("施工合同中的报价明细", "withheld_third_party", "涉及商业秘密"),
        WithheldPart("经办人员的考勤记录", "withheld_internal_affairs", "属于人事管理信息"),
    )
    text = _squash(
        _pdf_text(
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


def test_every_outcome_of_the_table_is_covered():
    # Guards the parametrisation: the table and the letters agree on the set of outcomes.
    assert set(OUTCOMES) == set(OUTCOME_TABLE) and len(OUTCOMES) >= 22


# ── 条例第四十一条: 更正答复书 ───────────────────────────────────────────────────────────────

CORRECTION_REQUEST = replace(
    FULL,
    request_kind="correction",
    request_summary="2024年老旧小区改造补助名单中本人的房屋面积记为58平方米，应为85平方米",
)


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
    from_docx = _squash(_docx_text(render_docx(letter)))
    from_pdf = _squash(_pdf_text(render_pdf(letter)))
    for words in (
        "更正答复书",
        "李明远",
        "第四十一条",
        "房屋面积记为58平方米",
        letter.remedy,
        "2025年3月20日",
        *needed,
    ):
        assert _squash(words) in from_docx and _squash(words) in from_pdf


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


def test_the_receipt_of_a_correction_request_names_it_and_promises_no_extension():
    text = compose(LetterKind.RECEIPT, CORRECTION_REQUEST).text()
    assert "您提交的更正政府信息记录的申请本机关已收到" in text
    assert "参照《中华人民共和国政府信息公开条例》第三十三条规定的期限" in text and "2025年3月31日" in text
    assert "延长" not in text and "征求第三方" not in text
    assert "政府信息公开申请本机关已收到" in compose(LetterKind.RECEIPT, FULL).text()


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
    assert "脱敏副本" not in _pdf_text(render_pdf(letter))
