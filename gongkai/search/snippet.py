"""The few lines of a hit's text shown under its title: HTML-escaped, the matched words in ``<mark>``.

Every back end builds its snippet here from the stored text, so that they show the same. The match is
case-insensitive and ignores full-width/half-width differences (NFKC), as the index does; the text
shown is the stored text."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from html import escape

WIDTH = 60


def _fold(text: str) -> str:
    """A same-length comparable form: each character NFKC'd alone when that keeps it one character.
    (One translation of the text by the characters that change, not a loop over every character: a
    page of ten hits of a thousand characters each measured 28 ms of snippets at load 15.)"""
    table = {ord(char): folded for char in set(text) if (folded := _fold_char(char)) != char}
    return text.translate(table) if table else text


@functools.lru_cache(maxsize=65_536)
def _fold_char(char: str) -> str:
    folded = unicodedata.normalize("NFKC", char).lower()
    return folded if len(folded) == 1 else char


def _pattern(marks: Sequence[str]) -> re.Pattern[str] | None:
    wanted = sorted({_fold(m) for m in marks if m.strip()}, key=lambda m: (-len(m), m))
    return re.compile("|".join(re.escape(m) for m in wanted)) if wanted else None


def snippet(text: str, marks: Sequence[str], *, fallback: Sequence[str] = (), width: int = WIDTH) -> str:
    """``text`` around the first of ``marks`` (else of ``fallback``), ``width`` characters either
    side, escaped, every occurrence of a mark wrapped in ``<mark>``; the start of the text when none
    occurs."""
    folded = _fold(text)
    for candidates in (marks, fallback):
        pattern = _pattern(candidates)
        if pattern is None:
            continue
        first = pattern.search(folded)
        if first is None:
            continue
        start = max(0, first.start() - width)
        end = min(len(text), first.end() + width)
        return _marked(text, folded, pattern, start, end)
    return escape(text[: width * 2]) + ("…" if len(text) > width * 2 else "")


def _marked(text: str, folded: str, pattern: re.Pattern[str], start: int, end: int) -> str:
    pieces = ["…"] if start > 0 else []
    at = start
    for match in pattern.finditer(folded, start, end):
        pieces.append(escape(text[at : match.start()]))
        pieces.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        at = match.end()
    pieces.append(escape(text[at:end]))
    if end < len(text):
        pieces.append("…")
    # Two words side by side (住房 公积金) read as one marked stretch.
    return "".join(pieces).replace("</mark><mark>", "")
