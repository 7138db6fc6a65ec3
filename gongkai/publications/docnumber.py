"""发文字号 (文号): 机关代字 + 年份 in 六角括号 + 序号 + 号, e.g. 渝府发〔2023〕12号 (GB/T 9704-2012
党政机关公文格式 §7.2.4: the year in 〔〕, the serial without 第 and without leading zeros).

People type ``[2023]``, ``（2023）``, ``(2023)`` or ``【2023】``, and older local rules prescribed ``[]``,
so imports hold them all (docs/spec ecosystem §1.3). Every form is parsed to one ``DocumentNumber`` and
stored and searched as its ``str``.

A 规章 is numbered differently: 政府令 carry one running serial without a year (重庆市人民政府令第368号,
渝府令第368号; 规章制定程序条例 第三十条); such a number has ``year`` None."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from gongkai.errors import GongkaiError

OPEN, CLOSE = "〔", "〕"

#: Every bracket seen around the year, after NFKC (which turns （） ［］ into their ASCII forms).
_BRACKETS = str.maketrans(
    {
        "[": OPEN,
        "(": OPEN,
        "【": OPEN,
        "﹝": OPEN,
        "〖": OPEN,
        "]": CLOSE,
        ")": CLOSE,
        "】": CLOSE,
        "﹞": CLOSE,
        "〗": CLOSE,
    }
)

_CJK = re.compile(r"[\u3400-\u9fff]")
_ORDER = re.compile(r"^(?P<code>[^〔〕\d]*令)第(?P<serial>\d+)号$")
_STRICT = re.compile(r"^(?P<code>[^〔〕]+?)〔(?P<year>\d{4})〕第?(?P<serial>\d+)号?$")
#: What a searcher types without brackets: 渝府办发 2023 15, 渝府办发2023-15, 渝府办发2023年15号.
_LOOSE = re.compile(
    r"^(?P<code>.*?[\u3400-\u9fff])[\s\-_/]*(?P<year>\d{4})年?[\s\-_/]*第?(?P<serial>\d{1,5})号?$"
)

FIRST_YEAR, LAST_YEAR = 1949, 2999


class DocumentNumberError(GongkaiError):
    code = "publications.bad_document_number"


@dataclass(frozen=True, slots=True, order=True)
class DocumentNumber:
    issuer_code: str  # 机关代字 with its kind of document, e.g. 渝府发, 渝府办规, 渝府令
    year: int | None  # None: an order's running number (令第N号)
    serial: int

    def __str__(self) -> str:
        if self.year is None:
            return f"{self.issuer_code}第{self.serial}号"
        return f"{self.issuer_code}{OPEN}{self.year}{CLOSE}{self.serial}号"


def _clean(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).translate(_BRACKETS)


def _fail(text: str) -> DocumentNumberError:
    return DocumentNumberError(
        f"“{text}”不是有效的发文字号：应写作“机关代字〔年份〕序号号”，例如 渝府发〔2023〕1号。",
        message_en=f"{text!r} is not a document number such as 渝府发〔2023〕1号",
        text=text,
    )


def _build(text: str, code: str, year: str | None, serial: str) -> DocumentNumber:
    number = DocumentNumber(code, int(year) if year else None, int(serial))
    bad_year = number.year is not None and not FIRST_YEAR <= number.year <= LAST_YEAR
    if not _CJK.search(code) or bad_year or number.serial < 1:
        raise _fail(text)
    return number


def parse_document_number(text: str) -> DocumentNumber:
    """The document number written in ``text`` in any of the bracket forms; refused when it is not one."""
    cleaned = _clean(text)
    if order := _ORDER.match(cleaned):
        return _build(text, order["code"], None, order["serial"])
    match = _STRICT.match(cleaned)
    if match is None:
        raise _fail(text)
    return _build(text, match["code"], match["year"], match["serial"])


def normalise_document_number(text: str) -> str:
    """The one stored form of a document number: 渝府发[2023]01号 → 渝府发〔2023〕1号."""
    return str(parse_document_number(text))


def parse_search_number(text: str) -> DocumentNumber | None:
    """A document number as a searcher types it — any bracket form, or code, year and serial apart
    (“渝府办发 2023 15”) — or None when the text is not one (then it is searched as words)."""
    cleaned = _clean(text)
    match = _STRICT.match(cleaned) or _LOOSE.match(
        re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()
    )
    if match is None:
        return None
    try:
        return _build(text, _clean(match["code"]), match["year"], match["serial"])
    except DocumentNumberError:
        return None
