"""Plain text: the seed's layout (one cell per tab-indented line) and pipe tables.

Observed layouts (spec §6): cells one per line, tab-indented, separated by blank lines, with header
cells split over two lines ("结果" / "纠正", the second line without its tab); pipe rows one per
line, with or without the Markdown ``|---|`` rule and padded with spaces; single cells with a
trailing pipe. Tab-indented cells become a plain cell stream (no row ends: the structure is lost,
the assembler reads them as a sequence); pipe rows become real table rows.
"""

from __future__ import annotations

import re

from gongkai.report.document import CellToken, Line, RowEnd, Token
from gongkai.report.text import looks_numeric

_RULE = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?$")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s*")
#: A short line right after a cell, without its own tab, is the second half of a split header cell
#: (never when either part is a figure or a missing mark: see ``_joinable``).
_CONTINUATION_MAX = 8


def read_text(text: str) -> list[Token]:
    tokens: list[Token] = []
    previous = "blank"
    for raw in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = raw.strip()
        if _is_pipe_row(stripped):
            if not _RULE.match(stripped):
                tokens.extend(CellToken(c) for c in _pipe_cells(stripped))
                tokens.append(RowEnd())
            previous = "row"
            continue
        if stripped.endswith("|") or stripped.startswith("|"):
            stripped = stripped.strip("|").strip()
            raw = "\t" + stripped
        if _is_cell_line(raw):
            tokens.append(CellToken(stripped))
            previous = "cell"
        elif not stripped:
            previous = "blank"
        elif previous == "cell" and len(stripped) <= _CONTINUATION_MAX and _joinable(tokens[-1].text, stripped):
            tokens[-1] = CellToken(tokens[-1].text + stripped)
        else:
            tokens.append(Line(_MARKDOWN_HEADING.sub("", stripped)))
            previous = "line"
    return tokens


def _joinable(cell: str, rest: str) -> bool:
    """Only header words are split over lines: a figure on either side would make a new figure (41 + 0 → 410)."""
    return bool(cell) and not looks_numeric(cell) and not looks_numeric(rest)


def _is_cell_line(raw: str) -> bool:
    indent = raw[: len(raw) - len(raw.lstrip())]
    return "\t" in indent


def _is_pipe_row(stripped: str) -> bool:
    return stripped.count("|") >= 2 and (stripped.startswith("|") or stripped.endswith("|") or
                                         len(_pipe_cells(stripped)) >= 3)


def _pipe_cells(stripped: str) -> list[str]:
    body = stripped
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [c.strip() for c in body.split("|")]
