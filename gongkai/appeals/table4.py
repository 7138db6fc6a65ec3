"""Table 4 (section 四 of the annual report) counted from case records, and the two rates.

Which cases a year's table counts: those the agency received in the year (the copy of the 复议申请 or of
the complaint, ``received_on``), each in the column of its disposition as of 31 December, or 尚未审结 when
it had none by then (format §4; a case decided in January is 尚未审结 in the year it arrived).

The co-defendant rule (国办公开办函〔2016〕201号, format §4): where the 复议机关 is joined as co-defendant
in a lawsuit about another agency's disclosure decision (行政诉讼法第二十六条第二款), the case counts only for
the agency that made the decision. A record whose role is ``co_defendant`` (the 复议机关's own record of the
suit) is never counted, so a city whose government and department both record the suit counts it once.

Rates (as the seed's narrative states them year on year):

* 行政复议直接纠错率 = 复议 结果纠正 ÷ 复议 cases concluded (总计 − 尚未审结);
* 行政诉讼败诉率 = 诉讼 结果纠正 (both routes) ÷ 诉讼 cases concluded (both routes).

Each is None when nothing was concluded; a change is given in percentage points, rounded half up to 0.01."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from gongkai import labels
from gongkai.appeals.dispositions import column_for
from gongkai.report.model import APPEAL_COLUMN_KEYS, APPEAL_GROUP_KEYS, appeal_address

REVIEW, LITIGATION = "review", "litigation"
DIRECT, AFTER_REVIEW = "direct", "after_review"
RESPONDENT, CO_DEFENDANT = "respondent", "co_defendant"
GROUP_OF = {(REVIEW, ""): "reconsideration", (LITIGATION, DIRECT): "litigation_direct"}
GROUP_OF[(LITIGATION, AFTER_REVIEW)] = "litigation_after_reconsideration"


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """What table 4 needs of one case."""

    kind: str  # review / litigation
    route: str  # '' for review; direct / after_review for litigation
    received_on: dt.date
    disposition: str | None = None
    decided_on: dt.date | None = None
    role: str = RESPONDENT

    @property
    def group(self) -> str:
        return GROUP_OF[(self.kind, self.route if self.kind == LITIGATION else "")]


def counted(record: CaseRecord) -> bool:
    """The co-defendant rule: the 复议机关's record of a suit it defends jointly is not counted."""
    return record.role != CO_DEFENDANT


def table4_counts(records: Iterable[CaseRecord], year: int) -> dict[str, int]:
    """The 15 cells of table 4 (report addresses ``appeals.<group>.<column>``), every cell an int."""
    cells = {appeal_address(g, c): 0 for g in APPEAL_GROUP_KEYS for c in APPEAL_COLUMN_KEYS}
    year_end = dt.date(year, 12, 31)
    for record in records:
        if record.received_on.year != year or not counted(record):
            continue
        column = column_for(record.kind, record.disposition, record.decided_on, as_of=year_end)
        cells[appeal_address(record.group, column)] += 1
        cells[appeal_address(record.group, "total")] += 1
    return cells


@dataclass(frozen=True, slots=True)
class Rates:
    review_correction: Fraction | None  # 行政复议直接纠错率
    litigation_loss: Fraction | None  # 行政诉讼败诉率


def _concluded(cells: dict[str, int], group: str) -> int:
    return cells[appeal_address(group, "total")] - cells[appeal_address(group, "pending")]


def _ratio(part: int, whole: int) -> Fraction | None:
    return Fraction(part, whole) if whole else None


def rates(cells: dict[str, int]) -> Rates:
    """The two rates of a table 4 (its cells as ``table4_counts`` gives them, or a report's)."""
    lit = ("litigation_direct", "litigation_after_reconsideration")
    return Rates(
        _ratio(cells[appeal_address("reconsideration", "corrected")], _concluded(cells, "reconsideration")),
        _ratio(
            sum(cells[appeal_address(g, "corrected")] for g in lit), sum(_concluded(cells, g) for g in lit)
        ),
    )


def percent(rate: Fraction | None) -> Decimal | None:
    """A rate in per cent, rounded half up to two places (14.60 for 94/644)."""
    if rate is None:
        return None
    return (Decimal(rate.numerator) * 100 / Decimal(rate.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def change_pp(this_year: Fraction | None, last_year: Fraction | None) -> Decimal | None:
    """This year's rate less last year's, in percentage points rounded half up to 0.01 (None when either
    year has no rate)."""
    if this_year is None or last_year is None:
        return None
    diff = (this_year - last_year) * 100
    return (Decimal(diff.numerator) / Decimal(diff.denominator)).quantize(
        Decimal("0.01"), rounding=ROUND_HALF_UP
    )


def describe_change(name: str, pp: Decimal) -> str:
    """As the seed writes it: “行政复议直接纠错率较去年下降0.66个百分点”."""
    if pp == 0:
        return f"{name}与去年持平"
    return f"{name}较去年{'上升' if pp > 0 else '下降'}{abs(pp)}个百分点"


RATE_NAMES = {
    "review_correction": labels.RATE_REVIEW_CORRECTION,
    "litigation_loss": labels.RATE_LITIGATION_LOSS,
}
