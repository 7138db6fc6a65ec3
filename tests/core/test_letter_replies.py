"""Replies (legal-rules §7): every outcome of the outcome table yields its reply with the legal basis
and the right remedy clause (§7.3) — review first for a refusal to disclose, review or suit otherwise —
and each reply carries what its outcome needs (the withheld parts, the agency that holds the
information, the earlier reply …)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from gongkai.letters import ApplicantDetails, LetterKind, WithheldPart, compose, render_docx
from gongkai.outcomes import OUTCOME_TABLE, OUTCOMES, outcome
from tests.core.sample_letter import FULL, PRIOR_REVIEW_MARK, docx_text


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
    text = docx_text(render_docx(letter))
    for needed in (letter.title, "李明远", outcome(code).basis, letter.remedy):
        assert needed in text


def test_every_outcome_of_the_table_is_covered():
    # Guards the parametrisation: the table and the letters agree on the set of outcomes.
    assert set(OUTCOMES) == set(OUTCOME_TABLE) and len(OUTCOMES) >= 22


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


def test_a_mass_repeat_refusal_dates_the_request_for_reasons():
    text = compose(LetterKind.REPLY, replace(FULL, outcome="not_processed_mass_repeat")).text()
    assert "本机关已于2025年3月10日要求您说明理由" in text and "第三十五条" in text


def test_an_organisation_is_addressed_as_your_unit():
    org = replace(
        FULL, applicant=ApplicantDetails(name="重庆某律师事务所", organisation=True), outcome="granted"
    )
    letter = compose(LetterKind.REPLY, org)
    assert letter.addressee == "重庆某律师事务所"
    assert "贵单位如对本答复不服" in letter.remedy and "您" not in letter.text()
