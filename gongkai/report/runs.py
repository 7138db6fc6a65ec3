"""Figures run together: split a row's printed digits into its cells only where the split is certain.

Crawler text dumps and flattened pages join a table row's cells into one run: ``1000001`` for the
seven cells of a table-3 row, ``000000000000000`` for table 4, ``417`` for the three cells of 行政规范性文件.
Spaces, when present, mark *some* boundaries but not all of them (``10 0 0 0 01`` is 1|0|0|0|0|0|1).

:func:`cut_run` returns each cell where every possible split agrees on it (:func:`split_run`: all of them):

* a split puts a boundary at every space and before every sign (``0+11`` is 0|+1|1 in a 本年增/减 column),
  never inside a decimal (``650.10``), and gives no part a leading zero (``02`` is not a figure);
* when the digits allow more than one split and the table has an identity (the six applicant columns add
  up to 总计; 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计 in each group of table 4), the one split that
  satisfies it. A run with one digit per cell is read as printed even when the agency's own sum is wrong
  (``1000000``: 总计 0 beside a 1 is the report's error, for validation to report, not the reader's guess).

Cells the splits disagree on (all three of ``2159165`` for three cells; the first two of ``110000011``,
which is 11|0|… or 1|10|… with the same 总计) are ``None``, and the caller marks them unreadable: a figure of
a published report is never guessed.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from gongkai.report.model import APPEAL_COLUMN_KEYS, APPEAL_GROUP_KEYS, REQUEST_COLUMN_KEYS

#: An identity over a row's cells: the cells ``start .. start+size-1`` whose last is the sum of the others.
Group = tuple[int, int]

#: Table 3 (I3): a row's six applicant columns add up to its 总计, the last column.
TABLE3_GROUPS: tuple[Group, ...] = ((0, len(REQUEST_COLUMN_KEYS)),)
#: Table 4 (T4): in each group, 结果维持 + 结果纠正 + 其他结果 + 尚未审结 = 总计, the group's last column.
TABLE4_GROUPS: tuple[Group, ...] = tuple(
    (n * len(APPEAL_COLUMN_KEYS), len(APPEAL_COLUMN_KEYS)) for n in range(len(APPEAL_GROUP_KEYS))
)

#: Beyond this many candidate splits the run is too long to be decided (and would be slow to try).
_MAX_CANDIDATES = 20000


def run_text(run: str) -> str:
    """The run in comparable form: NFKC, every kind of space one ASCII space, trimmed."""
    text = unicodedata.normalize("NFKC", run).replace("\u3000", " ").replace("\xa0", " ")
    return " ".join(text.split())


def split_run(run: str, width: int, groups: Sequence[Group] = ()) -> list[str] | None:
    """The ``width`` cells a run of figures prints, or ``None`` unless every cell is determined."""
    cells, _ = cut_run(run, width, groups)
    determined = [c for c in cells if c is not None]
    return determined if len(determined) == len(cells) else None


def cut_run(
    run: str, width: int, groups: Sequence[Group] = (), *, budget: Budget | None = None
) -> tuple[list[str | None], bool]:
    """Each cell of the run where it is determined (``None`` where not), and whether more than the digits
    were needed (an identity, and the agreement on that cell of every split the identity leaves).
    Without an identity (table 2) a run the digits do not split one way is undetermined in every cell.

    The possible splits are the well-formed ones (see the module); when an identity narrows them, the
    splits that satisfy the most of its groups stand (an agency's own wrong sum in one group of 表四 does
    not hide the figures of the others). A cell is determined when every split that stands agrees on it.
    ``budget`` bounds the search (a fresh ``Budget()`` when not given); pass one to see what it took.
    """
    text = run_text(run)
    chars, forced = _characters(text)
    unknown: list[str | None] = [None] * width
    if not chars or len(chars) < width:
        return unknown, False
    candidates: list[list[str]] = []
    try:
        for parts in _splits(chars, forced, width, budget or Budget()):
            candidates.append(parts)
            if len(candidates) > _MAX_CANDIDATES:
                return unknown, False
    except _TooMany:
        return unknown, False
    if not candidates:
        return unknown, False
    if len(candidates) == 1:  # the digits alone decide it, whatever the identities say (agencies err)
        return list(candidates[0]), False
    if not groups:  # nothing but the digits to go on, and they allow more than one reading
        return unknown, False
    scores = [_satisfied(parts, groups) for parts in candidates]
    best = max(scores)
    if best:
        candidates = [parts for parts, score in zip(candidates, scores, strict=True) if score == best]
    cells = [column[0] if len(set(column)) == 1 else None for column in zip(*candidates, strict=True)]
    return cells, True


def _characters(text: str) -> tuple[str, set[int]]:
    """The run without spaces, and the positions (in it) where a boundary must fall."""
    chars: list[str] = []
    forced: set[int] = set()
    for ch in text:
        if ch == " ":
            if chars:
                forced.add(len(chars))
            continue
        if ch in "+-" and chars:
            forced.add(len(chars))
        chars.append(ch)
    return "".join(chars), forced


class _TooMany(Exception):
    """More steps than a run of one table row can sensibly take: the run is left undecided."""


_MAX_STEPS = 50_000


@dataclass
class Budget:
    """The steps the search for splits may take (one per position tried), and those it took: a run built
    to explode the search is given up after ``limit`` steps, whatever the machine's speed."""

    limit: int = _MAX_STEPS
    steps: int = 0

    @property
    def exhausted(self) -> bool:
        return self.steps > self.limit

    def take(self) -> None:
        self.steps += 1
        if self.exhausted:
            raise _TooMany


def _splits(chars: str, forced: set[int], width: int, budget: Budget) -> Iterator[list[str]]:
    """Every split of ``chars`` into ``width`` well-formed figures, boundaries at ``forced`` positions.

    Branches that cannot end well are cut early (fewer characters or more forced boundaries left than
    cells); past the ``budget`` the search gives up (``_TooMany``): an adversarial run is undecided, fast.
    """
    n = len(chars)
    ordered = sorted(forced)

    def walk(start: int, left: int) -> Iterator[list[str]]:
        budget.take()
        if n - start < left or sum(1 for f in ordered if start < f < n) > left - 1:
            return
        if left == 1:
            part = chars[start:]
            if _figure(part):
                yield [part]
            return
        # The next boundary is at ``end``: no forced boundary may be skipped before it.
        limit = min((f for f in ordered if f > start), default=n)
        for end in range(start + 1, min(limit, n - left + 1) + 1):
            part = chars[start:end]
            if not _figure(part):
                continue
            for rest in walk(end, left - 1):
                yield [part, *rest]

    yield from walk(0, width)


def _figure(part: str) -> bool:
    body = part[1:] if part[:1] in "+-" else part
    if not body or not body[0].isdigit() or not body[-1].isdigit():
        return False
    whole = body.split(".")[0]
    if body.count(".") > 1 or not whole.isdigit() or not body.replace(".", "").isdigit():
        return False
    return whole == "0" or not whole.startswith("0")


def _satisfied(parts: list[str], groups: Sequence[Group]) -> int:
    """How many of the identity's groups the split satisfies."""
    values = [int(p) if p.lstrip("+-").isdigit() else None for p in parts]
    held = 0
    for start, size in groups:
        group = values[start : start + size]
        cells = [v for v in group if v is not None]
        if len(cells) == len(group) and sum(cells[:-1]) == cells[-1]:
            held += 1
    return held
