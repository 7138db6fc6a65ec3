"""Figures a report states in its prose (一、总体情况 and 六、其他需要报告的事项).

Reports restate the key table figures in sentences such as 「全市共收到政府信息公开申请10121件」,
「办结政府信息公开申请9862件（含上年度结转294件）」, 「予以公开及部分公开5990件」 and, in section 六,
the information-processing fees collected under 国办函〔2020〕109号 (「共收取信息处理费6120元」).
Identity I6 compares them with the tables. Approximate figures (「40余件」) are deliberately not read.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal

_NUMBER = r"(\d+)\s*件"
_GAP = r"[^\d。；;]{0,25}?"  # words between a verb and its figure, never across a sentence
_SHORT_GAP = r"[^\d。；;]{0,8}?"

_RECEIVED = re.compile(r"(?:收到|新收|受理)" + _GAP + r"申请" + _SHORT_GAP + _NUMBER)
_CONCLUDED = re.compile(r"办结" + _GAP + _NUMBER)
_CARRIED_OVER = re.compile(r"含上一?年度?结转" + _SHORT_GAP + _NUMBER)
_GRANTED_AND_PARTLY = re.compile(r"予以公开(?:及|和|与|、|以及)部分公开" + _SHORT_GAP + _NUMBER)
# The look-behinds follow the literal so that the regex engine can scan for the literal first.
_GRANTED_ALONE = re.compile(r"予以公开(?<!不予以公开)(?!及|和|与|、|以及|部分)" + _SHORT_GAP + _NUMBER)
_PARTLY_ALONE = re.compile(r"部分公开(?<![及和与、]部分公开)" + _SHORT_GAP + _NUMBER)
_FEES = re.compile(r"(?:收取|收缴)" + r"[^\d。；;]{0,15}?" + r"(\d+(?:\.\d+)?)\s*(亿元|万元|元)")
_NO_FEES = re.compile(r"(?:未|没有|无|均未|不)收取[^\d。；;]{0,12}?费")
_THOUSANDS = re.compile(r"[,，](?<=\d[,，])(?=\d{3}(?!\d))")
#: Full-width ASCII forms and the ideographic space: what NFKC changes in almost every report.
_FULL_WIDTH = re.compile("[\uff01-\uff5e\u3000]")
_HALF_WIDTH = {chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)} | {"\u3000": " "}

_YUAN_PER_UNIT = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}


@dataclass(frozen=True, slots=True)
class ProseFigures:
    received: int | None = None  # 收到…申请 N 件  ↔ requests.new.total
    concluded: int | None = None  # 办结 N 件  ↔ requests.total.total
    carried_over: int | None = None  # （含上年度结转 N 件）  ↔ requests.carried_over.total
    granted_and_partly: int | None = None  # 予以公开及部分公开 N 件  ↔ granted + partly_granted
    granted: int | None = None  # 予以公开 N 件 (alone)  ↔ requests.granted.total
    partly_granted: int | None = None  # 部分公开 N 件 (alone)  ↔ requests.partly_granted.total
    fees_yuan: Decimal | None = None  # 信息处理费, converted to 元

    @property
    def is_empty(self) -> bool:
        return all(getattr(self, name) is None for name in self.__slots__)


def normalise_prose(text: str) -> str:
    """NFKC (full-width digits → ASCII) and thousands separators removed (10,121 → 10121)."""
    return _THOUSANDS.sub("", _nfkc(text))


def _nfkc(text: str) -> str:
    """``unicodedata.normalize("NFKC", text)``, about ten times faster on Chinese prose.

    Full-width ASCII forms (，（）：…) are first replaced by their NFKC mappings (the ASCII
    characters, a single code point each); full NFKC then runs only if something else is left."""
    if text.isascii():
        return text
    match = _FULL_WIDTH.search(text)
    while match:  # one character at a time, each replaced everywhere; no earlier one is left
        char = match.group()
        text = text.replace(char, _HALF_WIDTH[char])
        match = _FULL_WIDTH.search(text, match.start())
    return text if unicodedata.is_normalized("NFKC", text) else unicodedata.normalize("NFKC", text)


def _first_int(pattern: re.Pattern[str], text: str) -> int | None:
    match = pattern.search(text)
    return int(match.group(1)) if match else None


def _fees_yuan(text: str) -> Decimal | None:
    match = _FEES.search(text)
    if match:
        return Decimal(match.group(1)) * _YUAN_PER_UNIT[match.group(2)]
    if _NO_FEES.search(text):
        return Decimal(0)
    return None


def prose_figures(narrative_text: str | None) -> ProseFigures:
    """The figures stated in ``narrative_text``; each is ``None`` when the prose does not state it.

    The first statement of each kind wins: reports give the overall figure before any breakdown
    (「共收取信息处理费6120元，其中…收取3460元」).
    """
    if not narrative_text:
        return ProseFigures()
    text = normalise_prose(narrative_text)
    return ProseFigures(
        received=_first_int(_RECEIVED, text),
        concluded=_first_int(_CONCLUDED, text),
        carried_over=_first_int(_CARRIED_OVER, text),
        granted_and_partly=_first_int(_GRANTED_AND_PARTLY, text),
        granted=_first_int(_GRANTED_ALONE, text),
        partly_granted=_first_int(_PARTLY_ALONE, text),
        fees_yuan=_fees_yuan(text),
    )
