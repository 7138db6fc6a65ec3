"""Plain text: the seed's layout (one cell per tab-indented line) and pipe tables.

Observed layouts (spec §6): cells one per line, tab-indented, separated by blank lines, with header
cells split over two lines ("结果" / "纠正", the second line without its tab); pipe rows one per
line, with or without the Markdown ``|---|`` rule and padded with spaces; single cells with a
trailing pipe. Tab-indented cells become a plain cell stream (no row ends: the structure is lost,
the assembler reads them as a sequence); pipe rows become real table rows.
"""

from __future__ import annotations

import re

from gongkai.report.assemble import TABLE2_ROW_LABELS
from gongkai.report.document import CellToken, Line, RowEnd, RunCell, Token
from gongkai.report.text import looks_numeric, normalise_label

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
                tokens.extend(_pipe_row(stripped))
            previous = "row"
            continue
        labelled = _LABELLED_FIGURES.match(stripped)
        if labelled and not _is_cell_line(raw) and _is_table2_label(labelled.group(1)):
            # "行政许可 97": a table-2 row a converter wrote as a plain line. Its blanks were dropped, so the
            # figures are a sequence without columns: a row with fewer figures than cells is unreadable.
            figures = labelled.group(2).split()
            tokens += [
                CellToken(labelled.group(1)),
                *(CellToken(RunCell(f, labelled.group(2), "line")) for f in figures),
                RowEnd(),
            ]
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
        elif (
            previous == "cell"  # so the last token is that cell
            and isinstance(last := tokens[-1], CellToken)
            and len(stripped) <= _CONTINUATION_MAX
            and _joinable(last.text, stripped)
        ):
            tokens[-1] = CellToken(last.text + stripped)
        else:
            tokens.append(Line(_MARKDOWN_HEADING.sub("", stripped)))
            previous = "line"
    return tokens


#: A short label and one to fifteen figures after it, separated by spaces: a row written as a line.
_LABELLED_FIGURES = re.compile(r"^([^\d\s|][^|]{0,38}?[^\d\s|])\s+((?:-?\d[\d,.]*\s*){1,15})$")
_TABLE2_LABELS = frozenset(normalise_label(t) for t in TABLE2_ROW_LABELS)


def _is_table2_label(text: str) -> bool:
    return normalise_label(text) in _TABLE2_LABELS


def _pipe_row(stripped: str) -> list[Token]:
    """A pipe row's cells and its end; a Markdown heading a converter fused into the row's first cell
    (``### 三、收到和处理政府信息公开申请情况 | （本列数据…） | …``) becomes a line of its own before it."""
    cells = _pipe_cells(stripped)
    tokens: list[Token] = []
    if cells and _MARKDOWN_HEADING.match(cells[0]):
        tokens.append(Line(_MARKDOWN_HEADING.sub("", cells[0])))
        cells = cells[1:]
    if any(c.strip() for c in cells):
        tokens += [*(CellToken(c) for c in cells), RowEnd()]
    return tokens


def _joinable(cell: str, rest: str) -> bool:
    """Only header words are split over lines: a figure on either side would make a new figure (41 + 0 → 410)."""
    return bool(cell) and not looks_numeric(cell) and not looks_numeric(rest)


def _is_cell_line(raw: str) -> bool:
    indent = raw[: len(raw) - len(raw.lstrip())]
    return "\t" in indent


def _is_pipe_row(stripped: str) -> bool:
    return stripped.count("|") >= 2 and (
        stripped.startswith("|") or stripped.endswith("|") or len(_pipe_cells(stripped)) >= 3
    )


def _pipe_cells(stripped: str) -> list[str]:
    body = stripped
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|"):
        body = body[:-1]
    return [c.strip() for c in body.split("|")]
