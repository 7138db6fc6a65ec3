"""Letters that cannot be written are refused with a typed error and a Chinese message (legal-rules
§7): missing data, an extension beyond twenty working days, inconsistent notices of 条例第三十二条 to
第三十五条, a withheld part on a ground that is no refusal, an unknown kind or outcome, a date before
the application arrived; arbitrary text gives a letter or such a refusal, never a crash."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.errors import GongkaiError
from gongkai.letters import LetterError, LetterKind, WithheldPart, compose, render_html
from gongkai.outcomes import OUTCOMES, outcome
from tests.core.sample_letter import AGENCY, APPLICANT, FULL


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
