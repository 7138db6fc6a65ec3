"""Identifier checks: the examples printed in GB 11643 and GB 32100, altered copies of them,
mobile numbers, auto-detection and masking."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai.clock import FixedClock
from gongkai.identifiers import (
    IdentifierError,
    check_any,
    check_contact_phone,
    check_credit_code,
    check_phone,
    check_resident_id,
    mask_email,
    mask_id_number,
    mask_name,
    mask_organisation,
    mask_phone,
    problem,
    resident_id_check_char,
)

# The sample numbers printed in the standards themselves.
GB11643_SAMPLE = "11010519491231002X"
GB32100_SAMPLE = "91350100M000100Y43"
TODAY = dt.date(2025, 11, 25)


def test_it_accepts_the_gb11643_sample_and_reads_its_fields():
    parsed = check_resident_id(GB11643_SAMPLE, on=TODAY)
    assert (parsed.province, parsed.birth_date, parsed.sex) == ("北京", dt.date(1949, 12, 31), "女")


def test_it_accepts_a_lower_case_x():
    assert check_resident_id(GB11643_SAMPLE.lower(), on=TODAY).number == GB11643_SAMPLE


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("110105194912310021", "identifiers.id_check_digit"),
        ("11010519491231002", "identifiers.id_length"),
        ("1101051949123100AX", "identifiers.id_charset"),
        ("99010519491231002X", "identifiers.id_region"),
        ("110105194902300021", "identifiers.id_birth_date"),
        ("110105203001010021", "identifiers.id_birth_future"),
        ("110105180001010021", "identifiers.id_birth_too_early"),
    ],
)
def test_it_refuses_a_bad_id_number_with_the_reason(value, code):
    with pytest.raises(IdentifierError) as err:
        check_resident_id(value, on=TODAY)
    assert err.value.code == code
    assert "居民身份证号码" in err.value.message


def test_the_future_is_judged_by_the_clock_given():
    born_2025_12 = "110105202512010000"
    fixed = born_2025_12[:17] + resident_id_check_char(born_2025_12[:17])
    with pytest.raises(IdentifierError):
        check_resident_id(fixed, clock=FixedClock(dt.date(2025, 11, 30)))
    assert check_resident_id(fixed, clock=FixedClock(dt.date(2025, 12, 1))).birth_date == dt.date(2025, 12, 1)


def test_it_accepts_the_gb32100_sample():
    assert check_credit_code(GB32100_SAMPLE.lower()) == GB32100_SAMPLE


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("91350100M000100Y44", "identifiers.uscc_check_digit"),
        ("91350100M000100I43", "identifiers.uscc_charset"),
        ("91350100M000100O43", "identifiers.uscc_charset"),
        ("91350100M000100Z43", "identifiers.uscc_charset"),
        ("91350100M000100S43", "identifiers.uscc_charset"),
        ("91350100M000100V43", "identifiers.uscc_charset"),
        ("9135010M0000100Y43", "identifiers.uscc_region"),
        ("91350100M000100Y4", "identifiers.uscc_length"),
    ],
)
def test_it_refuses_a_bad_credit_code_with_the_reason(value, code):
    with pytest.raises(IdentifierError) as err:
        check_credit_code(value)
    assert err.value.code == code


@pytest.mark.parametrize(
    ("value", "digits"),
    [("13812345678", "13812345678"), ("+86 138-1234-5678", "13812345678"), ("19912345678", "19912345678")],
)
def test_it_accepts_mainland_mobile_numbers(value, digits):
    assert check_phone(value) == digits


@pytest.mark.parametrize("value", ["12812345678", "1381234567", "010-12345678", "138123456789"])
def test_it_refuses_other_numbers(value):
    assert problem(check_phone, value) is not None


@pytest.mark.parametrize(
    ("value", "kept"),
    [
        ("023-12345678", "023-12345678"),  # 重庆: 区号 023, 8-digit number
        ("02312345678", "02312345678"),
        ("(023) 6300 0000", "02363000000"),
        ("010-87654321", "010-87654321"),  # 北京
        ("0851-5123456", "0851-5123456"),  # 贵阳 (four-digit 区号, 7-digit number)
        ("0851-85123456", "0851-85123456"),
        ("023-12345678-123", "023-12345678-123"),  # with an extension
        ("023-12345678转8001", "023-12345678转8001"),
        ("+86 23 1234 5678", "02312345678"),
        ("１３８１２３４５６７８", "13812345678"),  # typed with a full-width keyboard
        ("13812345678", "13812345678"),
        ("+86 138-1234-5678", "13812345678"),
    ],
)
def test_a_contact_number_may_be_a_mobile_or_a_landline_with_its_area_code(value, kept):
    assert check_contact_phone(value) == kept


@pytest.mark.parametrize(
    "value",
    [
        "12345678",  # no 区号
        "023-1234",  # too short
        "023-123456789",  # too long
        "010-1234567",  # 010 numbers have 8 digits
        "00012345678",
        "12812345678",  # no mobile number starts with 12
        "1381234567",
        "电话123",
        "abc",
        "023-12345678-1234567",  # no extension has seven digits
    ],
)
def test_a_contact_number_that_is_neither_is_refused_with_the_reason(value):
    with pytest.raises(IdentifierError) as err:
        check_contact_phone(value)
    assert "手机号码" in err.value.message


@pytest.mark.parametrize(
    ("value", "kind"),
    [(GB11643_SAMPLE, "resident_id"), (GB32100_SAMPLE, "credit_code"), ("13812345678", "mobile")],
)
def test_it_detects_the_kind(value, kind):
    assert check_any(value, on=TODAY).kind == kind


def test_an_unrecognisable_value_has_its_own_code():
    with pytest.raises(IdentifierError) as err:
        check_any("hello")
    assert err.value.code == "identifiers.unknown_kind"


def test_masks_hide_the_middle():
    assert mask_id_number("110105199001011234") == "110105********1234"
    assert mask_phone("13812345678") == "138****5678"
    assert (mask_name("张小三"), mask_name("张三"), mask_name("欧阳小明")) == ("张*三", "张*", "欧**明")
    assert mask_organisation("重庆某某科技有限公司") == "重庆******公司"
    assert mask_email("zhangsan@example.cn") == "zh****@example.cn"


def test_an_identifier_typed_with_spaces_full_width_forms_and_invisible_characters_is_normalised():
    from gongkai.identifiers import normalise_identifier

    assert normalise_identifier("１１０１０５ 19491231\u3000002x\u200b") == "11010519491231002X"
    assert normalise_identifier("9111-0000-MA01") == "91110000MA01"


def test_visible_text_drops_what_cannot_be_seen_and_keeps_line_breaks_only_where_asked():
    from gongkai.identifiers import visible_text

    assert visible_text("\u200b\u200d\ufeff") == ""
    assert visible_text(" 张\u200b三\x07 ") == "张三"
    assert visible_text("甲\r\n乙\t丙", multiline=True) == "甲\n乙\t丙"
    assert visible_text("甲\n乙") == "甲乙"
