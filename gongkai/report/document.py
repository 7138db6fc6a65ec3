"""The format-neutral intermediate form between the readers and the assembler.

Every reader (plain text, HTML, DOCX, XLSX, later PDF) produces a :class:`Document`: an ordered
list of blocks, each a :class:`Paragraph` or a :class:`Table` of :class:`Cell` rows with their
row/column spans. The assembler does not look at blocks directly: it consumes a flat *token
stream* (:data:`Token`): lines of running text, table cells, and row ends. A table flattens into
``CellToken … RowEnd`` per row; plain text that lost its table structure (like the seed: one cell
per line) is a stream of ``CellToken`` without any ``RowEnd``. The assembler treats a row that ends
with ``RowEnd`` positionally (an empty cell is a missing value at its own column) and a run of
cells without row ends as a sequence (empty cells are layout noise, missing values are the
trailing ones).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class Cell:
    text: str
    rowspan: int = 1
    colspan: int = 1


@dataclass(frozen=True, slots=True)
class Table:
    #: Rows as published: a merged cell appears once, in the row and position where it starts.
    rows: tuple[tuple[Cell, ...], ...]

    def __init__(self, rows: Iterable[Iterable[Cell]]) -> None:
        object.__setattr__(self, "rows", tuple(tuple(r) for r in rows))

    def grid(self) -> list[list[GridCell]]:
        return expand_spans(self.rows)


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class Document:
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    def __init__(self, blocks: Iterable[Block] = ()) -> None:
        object.__setattr__(self, "blocks", tuple(blocks))

    def tokens(self) -> list[Token]:
        return list(flatten(self.blocks))


# ── The grid view of a table ──────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class GridCell:
    """One position of the expanded grid: a merged cell's text sits at its first position only."""

    text: str
    covered: bool = False


COVERED = GridCell("", covered=True)


def expand_spans(rows: Iterable[Iterable[Cell]]) -> list[list[GridCell]]:
    """A rectangular grid: every position filled, positions under a merged cell marked covered.

    Rows shorter than the widest row are padded with empty (not covered) cells, so a cell that a
    report simply left out is distinguishable from one hidden under a span.
    """
    grid: list[list[GridCell | None]] = []
    for r, row in enumerate(rows):
        while len(grid) <= r:
            grid.append([])
        c = 0
        for cell in row:
            c = _next_free(grid[r], c)
            for dr in range(max(cell.rowspan, 1)):
                while len(grid) <= r + dr:
                    grid.append([])
                for dc in range(max(cell.colspan, 1)):
                    _put(grid[r + dr], c + dc, GridCell(cell.text) if dr == dc == 0 else COVERED)
            c += max(cell.colspan, 1)
    width = max((len(row) for row in grid), default=0)
    return [
        [p if p is not None else GridCell("") for p in row] + [GridCell("")] * (width - len(row))
        for row in grid
    ]


def _next_free(row: list[GridCell | None], c: int) -> int:
    while c < len(row) and row[c] is not None:
        c += 1
    return c


def _put(row: list[GridCell | None], c: int, value: GridCell) -> None:
    while len(row) <= c:
        row.append(None)
    if row[c] is None:
        row[c] = value


# ── The token stream the assembler reads ──────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Line:
    """A line of running text (a heading, a narrative paragraph)."""

    text: str


@dataclass(frozen=True, slots=True)
class CellToken:
    text: str


@dataclass(frozen=True, slots=True)
class RowEnd:
    pass


Token = Line | CellToken | RowEnd


class RunCell(str):
    """A cell's text that a reader cut from figures printed run together (``gongkai.report.runs``).

    ``run`` is the whole run as printed. ``how`` says how sure the cut is: ``"identity"`` when the digits
    allowed several cuts and a table identity chose one (the figure is kept and marked as inferred),
    ``"unsplit"`` when nothing decides it: the text is then the whole run and the cell is unreadable.
    A ``str`` subclass, so the cell travels through the assembler like any other cell text.
    """

    run: str
    how: str

    def __new__(cls, text: str, run: str, how: str) -> RunCell:
        cell = super().__new__(cls, text)
        cell.run = run
        cell.how = how
        return cell


def flatten(blocks: Iterable[Block]) -> Iterator[Token]:
    """Paragraphs become lines; each table row becomes its cells (each merged cell once) and a row end."""
    for block in blocks:
        if isinstance(block, Paragraph):
            for line in block.text.splitlines():
                if line.strip():
                    yield Line(line.strip())
        else:
            for row in block.rows:
                for cell in row:
                    yield CellToken(cell.text)
                yield RowEnd()
