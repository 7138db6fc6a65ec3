"""Identifier checks and display masking.

Style (one for every check): ``check_*`` returns a small parsed value when the identifier is
valid and **raises** ``IdentifierError`` (a ``GongkaiError``: stable ``code``, Chinese
``message``, English ``message_en``) naming the first problem otherwise. ``problem(value)``
wraps that for callers that want ``None`` or the reason.

* 居民身份证号码 (GB 11643-1999): 6-digit address code, 8-digit date of birth, 3-digit order
  code, ISO 7064 MOD 11-2 check character (0–9 or X).
* 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set without I, O, Z,
  S, V; characters 3–8 are the administrative division code; ISO 7064 MOD 31-3 check character.
* Mainland mobile numbers: 11 digits, ``1[3-9]`` + 9 digits, optionally written with +86.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from gongkai.clock import Clock, today
from gongkai.errors import GongkaiError

#: First two digits of the address code (GB/T 2260), plus 81/82/83 used on the residence
#: permits of Hong Kong, Macao and Taiwan residents (国办发〔2018〕81号).
PROVINCES: dict[str, str] = {
    "11": "北京",
    "12": "天津",
    "13": "河北",
    "14": "山西",
    "15": "内蒙古",
    "21": "辽宁",
    "22": "吉林",
    "23": "黑龙江",
    "31": "上海",
    "32": "江苏",
    "33": "浙江",
    "34": "安徽",
    "35": "福建",
    "36": "江西",
    "37": "山东",
    "41": "河南",
    "42": "湖北",
    "43": "湖南",
    "44": "广东",
    "45": "广西",
    "46": "海南",
    "50": "重庆",
    "51": "四川",
    "52": "贵州",
    "53": "云南",
    "54": "西藏",
    "61": "陕西",
    "62": "甘肃",
    "63": "青海",
    "64": "宁夏",
    "65": "新疆",
    "71": "台湾",
    "81": "香港",
    "82": "澳门",
    "83": "台湾（居住证）",
}

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_EARLIEST_BIRTH = dt.date(1900, 1, 1)
_MOBILE = re.compile(r"1[3-9]\d{9}")

Kind = Literal["resident_id", "credit_code", "mobile"]
KIND_NAMES: dict[str, str] = {
    "resident_id": "居民身份证号码",
    "credit_code": "统一社会信用代码",
    "mobile": "手机号码",
}


class IdentifierError(GongkaiError):
    code = "identifiers.error"


def _fail(code: str, message: str, message_en: str, **params: object) -> IdentifierError:
    return IdentifierError(message, code=f"identifiers.{code}", message_en=message_en, **params)


def normalise_identifier(value: str) -> str:
    """An identifier as typed, compared and stored: full-width forms to ASCII (NFKC), no spaces (of any
    kind, U+3000 included), hyphens or invisible characters, upper case ("１１０１ 0519…x" → "11010519…X")."""
    text = unicodedata.normalize("NFKC", str(value))
    return "".join(
        ch for ch in text if not ch.isspace() and ch != "-" and unicodedata.category(ch) != "Cf"
    ).upper()


def _normalise(value: str) -> str:
    return normalise_identifier(value)


def visible_text(value: str, *, multiline: bool = False) -> str:
    """Text without what cannot be seen: format characters (zero-width spaces and joiners, BOM, bidi
    controls) and control characters (line breaks and tabs kept in ``multiline`` text), trimmed. A field
    holding only such characters is empty, and a required one is refused."""
    kept = "\n\t" if multiline else ""
    text = str(value).replace("\r\n", "\n")
    text = "".join(ch for ch in text if ch in kept or unicodedata.category(ch) not in ("Cf", "Cc"))
    return unicodedata.normalize("NFC", text).strip()


# ── 居民身份证号码 ───────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class ResidentId:
    number: str
    province: str
    birth_date: dt.date
    sex: Literal["男", "女"]


def resident_id_check_char(first17: str) -> str:
    return _ID_CHECK[sum(int(c) * w for c, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def check_resident_id(value: str, *, on: dt.date | None = None, clock: Clock | None = None) -> ResidentId:
    """Validate an 18-character ID number; ``on`` (or ``clock``'s today) bounds the birth date."""
    number = _normalise(value)
    if len(number) != 18:
        raise _fail(
            "id_length",
            f"居民身份证号码应为18位，“{value}”为{len(number)}位。",
            f"an ID number has 18 characters, got {len(number)}",
            value=value,
        )
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise _fail(
            "id_charset",
            f"居民身份证号码前17位应为数字、最后一位为数字或X，“{value}”不符合。",
            "an ID number is 17 digits and a digit or X",
            value=value,
        )
    if number[:2] not in PROVINCES:
        raise _fail(
            "id_region",
            f"居民身份证号码前两位“{number[:2]}”不是有效的省级行政区划代码。",
            f"{number[:2]} is not a province code",
            value=value,
        )
    try:
        born = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise _fail(
            "id_birth_date",
            f"居民身份证号码第7—14位“{number[6:14]}”不是存在的出生日期。",
            f"{number[6:14]} is not a real date",
            value=value,
        ) from None
    reference = on or today(clock)
    if born > reference:
        raise _fail(
            "id_birth_future",
            f"居民身份证号码中的出生日期 {born} 晚于今天（{reference}）。",
            f"date of birth {born} is after {reference}",
            value=value,
        )
    if born < _EARLIEST_BIRTH:
        raise _fail(
            "id_birth_too_early",
            f"居民身份证号码中的出生日期 {born} 早于1900年，不合常理。",
            f"date of birth {born} is before 1900",
            value=value,
        )
    expected = resident_id_check_char(number[:17])
    if number[17] != expected:
        raise _fail(
            "id_check_digit",
            f"居民身份证号码校验位不正确：最后一位应为“{expected}”，实际为“{number[17]}”。",
            f"check character should be {expected}, is {number[17]}",
            value=value,
        )
    return ResidentId(number, PROVINCES[number[:2]], born, "男" if int(number[16]) % 2 else "女")


# ── 统一社会信用代码 ─────────────────────────────────────────────────────────────────────────


def credit_code_check_char(first17: str) -> str:
    total = sum(_USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return _USCC_CHARSET[(31 - total % 31) % 31]


def check_credit_code(value: str) -> str:
    """Validate an 18-character 统一社会信用代码; returns it in upper case."""
    code = _normalise(value)
    if len(code) != 18:
        raise _fail(
            "uscc_length",
            f"统一社会信用代码应为18位，“{value}”为{len(code)}位。",
            f"a credit code has 18 characters, got {len(code)}",
            value=value,
        )
    bad = [c for c in code if c not in _USCC_CHARSET]
    if bad:
        raise _fail(
            "uscc_charset",
            f"统一社会信用代码含有不允许的字符“{bad[0]}”（不使用I、O、Z、S、V）。",
            f"character {bad[0]!r} is not allowed",
            value=value,
        )
    if not code[2:8].isdigit():
        raise _fail(
            "uscc_region",
            f"统一社会信用代码第3—8位应为行政区划代码（6位数字），实际为“{code[2:8]}”。",
            "characters 3–8 must be a division code",
            value=value,
        )
    expected = credit_code_check_char(code[:17])
    if code[17] != expected:
        raise _fail(
            "uscc_check_digit",
            f"统一社会信用代码校验位不正确：最后一位应为“{expected}”，实际为“{code[17]}”。",
            f"check character should be {expected}, is {code[17]}",
            value=value,
        )
    return code


# ── mobile numbers ──────────────────────────────────────────────────────────────────────────


def check_phone(value: str) -> str:
    """Validate a mainland mobile number (11 digits starting 13–19, optional +86); returns the
    11 digits."""
    digits = re.sub(r"[\s\-()]", "", str(value))
    digits = re.sub(r"^(\+86|0086|86)(?=1\d{10}$)", "", digits)
    if not digits.isdigit() or len(digits) != 11:
        raise _fail(
            "mobile_format",
            f"手机号码应为11位数字，“{value}”不符合。",
            "a mobile number has 11 digits",
            value=value,
        )
    if not _MOBILE.fullmatch(digits):
        raise _fail(
            "mobile_prefix",
            f"手机号码应以13—19开头，“{value}”不符合。",
            "a mobile number starts with 13–19",
            value=value,
        )
    return digits


#: A fixed-line number: 区号 010 or 02X with an 8-digit number, or a four-digit 区号 (03XX–09XX) with a
#: 7- or 8-digit number; an extension (分机) may follow after “-”, “转”, “ext”, “x” or “#”.
_LANDLINE = re.compile(
    r"(?:0(?:10|2\d)-?\d{8}|0[3-9]\d{2}-?\d{7,8})(?:(?:-|转|分机|ext\.?|x|#)\d{1,6})?",
    re.IGNORECASE,
)


def check_contact_phone(value: str) -> str:
    """Validate a contact number: a mainland mobile number (``check_phone``) or a fixed-line number with
    its area code (``023-12345678``, ``02312345678``, ``(023) 1234 5678``, ``023-12345678转123``,
    ``+86 23 12345678``); returns it without spaces and brackets."""
    compact = re.sub(r"[\s()]", "", unicodedata.normalize("NFKC", str(value)))
    national = re.sub(r"^(?:\+|00)86-?", "", compact)
    if national.startswith("1"):  # a mobile number, with its own reasons when it is not one
        return check_phone(national)
    if national != compact and not national.startswith("0"):
        national = "0" + national  # +86 23 … is 023 …
    if _LANDLINE.fullmatch(national):
        return national
    raise _fail(
        "phone_format",
        f"联系电话应为11位手机号码，或带区号的固定电话（如023-12345678，分机号可写在后面，如023-12345678转123），“{value}”不符合。",
        "neither a mobile number nor a fixed-line number with its area code",
        value=value,
    )


# ── auto-detection ──────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Checked:
    kind: Kind
    value: str


def check_any(value: str, *, on: dt.date | None = None, clock: Clock | None = None) -> Checked:
    """Detect the kind of identifier and check it; raise the most relevant kind's error."""
    norm = _normalise(value)
    if len(norm) == 18 and norm[:17].isdigit() and (norm[17].isdigit() or norm[17] == "X"):
        try:
            return Checked("resident_id", check_resident_id(norm, on=on, clock=clock).number)
        except IdentifierError as id_error:
            try:  # an all-digit credit code is possible; accept it when its check character holds
                return Checked("credit_code", check_credit_code(norm))
            except IdentifierError:
                raise id_error from None
    if len(norm) == 18:
        return Checked("credit_code", check_credit_code(norm))
    digits = re.sub(r"[\s\-()+]", "", str(value))
    if digits.isdigit() and 11 <= len(digits) <= 13:
        return Checked("mobile", check_phone(value))
    raise _fail(
        "unknown_kind",
        f"无法识别“{value}”：应为18位居民身份证号码、18位统一社会信用代码或11位手机号码。",
        "not an ID number, credit code or mobile number",
        value=value,
    )


def problem(check: Callable[[str], object], value: str) -> str | None:
    """``None`` when ``check(value)`` passes, else its Chinese reason."""
    try:
        check(value)
    except IdentifierError as exc:
        return exc.message
    return None


# ── masking for display ─────────────────────────────────────────────────────────────────────


def mask_id_number(value: str) -> str:
    """``110105199001011234`` → ``110105********1234`` (address code and last four kept)."""
    v = str(value)
    return v[:6] + "*" * (len(v) - 10) + v[-4:] if len(v) > 10 else "*" * len(v)


def mask_phone(value: str) -> str:
    """``13812345678`` → ``138****5678``."""
    v = str(value)
    return v[:3] + "*" * (len(v) - 7) + v[-4:] if len(v) > 7 else "*" * len(v)


def mask_name(value: str) -> str:
    """``张小三`` → ``张*三``; ``张三`` → ``张*``; ``欧阳小明`` → ``欧**明``."""
    v = str(value).strip()
    if len(v) <= 1:
        return "*" * len(v)
    if len(v) == 2:
        return v[0] + "*"
    return v[0] + "*" * (len(v) - 2) + v[-1]


def mask_organisation(value: str) -> str:
    """Keep the first two and last two characters: ``重庆某某科技有限公司`` → ``重庆******公司``."""
    v = str(value).strip()
    return v[:2] + "*" * (len(v) - 4) + v[-2:] if len(v) > 4 else mask_name(v)


def mask_email(value: str) -> str:
    """``zhangsan@example.cn`` → ``zh****@example.cn``."""
    local, at, domain = str(value).partition("@")
    return (local[:2] + "****" + at + domain) if at else mask_name(local)
