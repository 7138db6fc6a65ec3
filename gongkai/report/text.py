"""Label normalisation and number parsing for what real reports print in their cells.

Labels are compared after :func:`normalise_label`: NFKC (full-width letters/digits/brackets to
ASCII), whitespace removed, traditional characters turned simplified (mirror sites publish
traditional copies), and the remaining punctuation variants (curly quotes, ideographic dots,
colons, commas) unified. Numbers are read by :func:`parse_number`: a blank or a dash is *missing*
(``None``), never 0; anything else that is not a number is an error naming the cell.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from decimal import Decimal, InvalidOperation
from functools import cache, lru_cache
from typing import Protocol

from gongkai.errors import ReportError

_PUNCTUATION = str.maketrans(
    {
        "“": '"',
        "”": '"',
        "„": '"',
        "‘": "'",
        "’": "'",
        "「": '"',
        "」": '"',
        "『": '"',
        "』": '"',
        "、": ",",
        "，": ",",
        "。": ".",
        "．": ".",
        "·": ".",
        "：": ":",
        "；": ";",
        "（": "(",
        "）": ")",
        "【": "[",
        "】": "]",
        "〔": "[",
        "〕": "]",
        "—": "-",
        "–": "-",
        "－": "-",
    }
)
_SPACE = re.compile(r"\s+")


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def _t2s() -> _Converter:
    from opencc import OpenCC  # no type information: the part used is _Converter

    converter: _Converter = OpenCC("t2s")
    return converter


def to_simplified(text: str) -> str:
    return _t2s().convert(text)


def normalise_text(text: str) -> str:
    """NFKC and simplified characters, whitespace kept (for prose)."""
    return to_simplified(unicodedata.normalize("NFKC", text))


@lru_cache(maxsize=1 << 16)  # labels repeat in every report; OpenCC conversion dominated reading time
def normalise_label(text: str) -> str:
    """The comparable form of a label: NFKC, no whitespace, simplified, punctuation unified."""
    text = unicodedata.normalize("NFKC", text)
    text = _SPACE.sub("", text).translate(_PUNCTUATION)
    if not text.isascii():
        text = to_simplified(text)
    return text


# ── Numbers ───────────────────────────────────────────────────────────────────────────────────

#: What reports print for "no figure": blank, slash, the dashes, 无.
MISSING_MARKS = frozenset({"", "/", "\\", "-", "--", "—", "——", "－", "–", "无", "無", "/件", "-件"})

#: Count units seen appended to figures ("124件"); 万元 is the unit of the fee column itself.
_UNITS = ("万元", "件次", "人次", "件", "个", "项", "次", "份", "条", "宗", "起")
_SPLIT_FIGURE = re.compile(r"\d\s+\d")
_SPACED_THOUSANDS = re.compile(r"^-?\d{1,3}( \d{3})+(\.\d+)?\s*\D*$")
_NUMBER = re.compile(r"^[-+]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$")


def is_missing_mark(cell: str) -> bool:
    return _compact(cell) in MISSING_MARKS


def parse_number(cell: str, *, where: str | None = None) -> int | Decimal | None:
    """The figure a cell prints: ``int`` for counts, ``Decimal`` when it has decimals, ``None`` if blank.

    Raises ``ReportError`` for a non-empty cell that is not a number; ``where`` names the cell's
    place in the report for that message (e.g. "表三「（一）予以公开」行第2列").
    """
    value = _parse(cell)
    if value is _UNREADABLE:
        raise _unreadable(cell, where)
    return value


class _Unreadable(enum.Enum):
    """The mark of a cell that is neither a figure nor blank (a single-member enum: a typed sentinel)."""

    UNREADABLE = enum.auto()


_UNREADABLE = _Unreadable.UNREADABLE


@lru_cache(maxsize=1 << 16)  # the same few thousand cell texts recur in every report
def _parse(cell: str) -> int | Decimal | None | _Unreadable:
    spaced = unicodedata.normalize("NFKC", cell).strip()
    if _SPLIT_FIGURE.search(spaced) and not _SPACED_THOUSANDS.match(spaced):
        return _UNREADABLE  # "9 319" groups thousands; "1 16" is not one figure: never invent 116
    text = _compact(cell)
    if text in MISSING_MARKS:
        return None
    body = text
    for unit in _UNITS:
        if body.endswith(unit) and len(body) > len(unit):
            body = body[: -len(unit)]
            break
    if not _NUMBER.match(body):
        return _UNREADABLE
    body = body.replace(",", "")
    if "." in body:
        try:
            return Decimal(body)
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid decimals
            return _UNREADABLE
    return int(body)


def parse_amount_10k_yuan(cell: str, *, where: str | None = None) -> Decimal | None:
    """The fee column (万元): a figure with an explicit 元 or 亿元 unit is converted to 万元."""
    text = unicodedata.normalize("NFKC", cell).strip()  # not compacted: "0 1000" must stay two figures
    factor = Decimal(1)
    unit = _AMOUNT_UNIT.search(text)
    if unit and unit.group(1) != "万":  # 万元 is the column's own unit: parse_number drops it
        text = text[: unit.start()]
        factor = Decimal(10000) if unit.group(1) == "亿" else Decimal("0.0001")
    value = parse_number(text, where=where)
    if value is None:
        return None
    amount = Decimal(value) * factor
    return amount.quantize(Decimal(1)) if amount == amount.to_integral_value() else amount.normalize()


_AMOUNT_UNIT = re.compile(r"\s*([万亿]?)\s*元$")


@lru_cache(maxsize=1 << 16)  # pure, called for every cell several times
def looks_numeric(cell: str) -> bool:
    """True for cells that are meant as a figure (a number or a missing mark), not a label."""
    text = _compact(cell)
    return text in MISSING_MARKS or _parse(text) is not _UNREADABLE


_CELL_SPACE = re.compile(r"[ \t\r\n\u3000\xa0]+")
_LATIN = re.compile(r"[A-Za-z]")
#: A space (already collapsed to one) that does not stand between two digits.
_SPACE_BETWEEN_WORDS = re.compile(r"(?<!\d) | (?!\d)")


def join_cell_pieces(pieces: list[str]) -> str:
    """One cell's text from the pieces a cell broke it into (lines, paragraphs, ``<br>``, ``<p>``).

    Header cells are often broken over lines ("结果" / "纠正"): Chinese pieces join without spaces,
    pieces with Latin letters with one. Two figures never join: "38" / "000" keep a line break and
    "1 16" its space, so :func:`parse_number` sees two numbers and refuses the cell instead of
    inventing 38000 or 116.
    """
    parts = [p for p in (_CELL_SPACE.sub(" ", piece).strip() for piece in pieces if piece) if p]
    if not parts:
        return ""
    latin = any(_LATIN.search(p) for p in parts)
    if not latin:
        parts = [_SPACE_BETWEEN_WORDS.sub("", p) if " " in p else p for p in parts]
    text = parts[0]
    for part in parts[1:]:
        if text[-1].isdigit() and part[0].isdigit():
            text += "\n" + part
        else:
            text += (" " + part) if latin else part
    return text


def has_digits(cell: str) -> bool:
    return any(ch.isdigit() for ch in unicodedata.normalize("NFKC", cell))


def _compact(cell: str) -> str:
    text = unicodedata.normalize("NFKC", cell)
    text = _SPACE.sub("", text).replace("\u200b", "")
    return text


def _unreadable(cell: str, where: str | None) -> ReportError:
    place = f"{where}的" if where else ""
    return ReportError(
        f"{place}单元格「{cell.strip()}」不是可识别的数字。",
        code="report.bad_number",
        message_en=f"Cell {cell.strip()!r}{' at ' + where if where else ''} is not a number.",
        cell=cell,
        where=where,
    )
