"""信息处理费 (国办函〔2020〕109号, legal-rules §6), in Decimal 元.

条例第四十二条: providing information is free, but where the number or frequency of
applications clearly exceeds a reasonable range the agency *may* charge. Two excess-progressive
modes, one per application: 按件 (cumulative items of one applicant in one calendar month) and
按量 (pages of one application). The bands live in ``gongkai/data/fees.json``; the reading of the
31–40 band (200 元) is recorded there as a decision.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import MAX_PREC, Context, Decimal, Inexact, InvalidOperation, localcontext
from functools import lru_cache
from pathlib import Path
from typing import Any

from gongkai.errors import GongkaiError

DATA_FILE = Path(__file__).parent / "data" / "fees.json"


class FeeError(GongkaiError):
    code = "fees.error"


@dataclass(frozen=True, slots=True)
class Band:
    first: int
    last: int | None  # None: open-ended
    yuan: Decimal


@dataclass(frozen=True, slots=True)
class FeeScale:
    bands: tuple[Band, ...]
    beyond_size: int = 0  # past the last band: further bands of this many units …
    beyond_step: Decimal = Decimal(0)  # … each dearer by this much per unit

    def rate(self, n: int) -> Decimal:
        """The price of the n-th unit (item or page), counting from 1."""
        for band in self.bands:
            if band.first <= n and (band.last is None or n <= band.last):
                return band.yuan
        last = self.bands[-1]
        assert last.last is not None and self.beyond_size > 0, "an open scale covers every n"
        steps = (n - last.last - 1) // self.beyond_size + 1
        return last.yuan + self.beyond_step * steps

    def total(self, first: int, count: int) -> Decimal:
        """The price of units ``first`` … ``first + count - 1``: one product per listed band, and a
        closed form (an arithmetic series) for the endless bands past the last one, so the work
        does not grow with ``count``. Exact for any size: the sums are integers of units times
        Decimal prices, computed with as many digits as they need (never rounded to 28)."""
        if count <= 0:
            return Decimal(0)
        end = first + count - 1
        with localcontext(Context(prec=MAX_PREC, traps=[InvalidOperation, Inexact])):
            total = Decimal(0)
            for band in self.bands:
                lo, hi = max(first, band.first), end if band.last is None else min(end, band.last)
                if lo <= hi:
                    total += band.yuan * (hi - lo + 1)
            last = self.bands[-1].last
            if last is not None and end > last:
                assert self.beyond_size > 0, "an open scale covers every n"
                # Unit n > last is the m-th unit past the bands (m = n - last - 1, from 0) and costs
                # last.yuan + step * (m // size + 1); sum the bracket over m = lo … hi.
                lo, hi = max(first, last + 1) - last - 1, end - last - 1
                brackets = _bracket_sum(hi + 1, self.beyond_size) - _bracket_sum(lo, self.beyond_size)
                total += self.bands[-1].yuan * (hi - lo + 1) + self.beyond_step * brackets
            return total


def _bracket_sum(m: int, size: int) -> int:
    """Σ (k // size + 1) for k = 0 … m - 1: ``size`` units at 1, ``size`` at 2, …, then the rest."""
    full, rest = divmod(m, size)
    return size * full * (full + 1) // 2 + rest * (full + 1)


def _scale(raw: dict[str, Any]) -> FeeScale:
    bands = tuple(
        Band(int(b["from"]), None if b["to"] is None else int(b["to"]), Decimal(b["yuan"]))
        for b in raw["bands"]
    )
    beyond = raw.get("beyond") or {}
    return FeeScale(bands, int(beyond.get("band_size", 0)), Decimal(beyond.get("step_yuan", "0")))


@lru_cache(maxsize=4)
def load_scales(path: str | None = None) -> tuple[FeeScale, FeeScale]:
    """(按件, 按量) scales from the data file."""
    raw = json.loads(Path(path or DATA_FILE).read_text(encoding="utf-8"))
    return _scale(raw["per_item"]), _scale(raw["per_page"])


def _count(value: int, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise FeeError(f"{what}必须是不小于0的整数，收到“{value}”。", code="fees.bad_count", value=value)
    return value


def per_page_fee(pages: int) -> Decimal:
    """按量计收: the fee for one application of ``pages`` pages (办法第五条)."""
    pages = _count(pages, "页数")
    return load_scales()[1].total(1, pages)


def per_item_fee_for_item(n: int) -> Decimal:
    """按件计收: the price of the applicant's n-th item in the month (n ≥ 1)."""
    if _count(n, "件序号") < 1:
        raise FeeError("件序号从1开始。", code="fees.bad_count", value=n)
    return load_scales()[0].rate(n)


def per_item_fee(items: int, *, already_this_month: int = 0) -> Decimal:
    """按件计收: the fee for ``items`` new items from an applicant who has already filed
    ``already_this_month`` items in the same calendar month (办法第四条)."""
    items = _count(items, "件数")
    already = _count(already_this_month, "本月已申请件数")
    return load_scales()[0].total(already + 1, items)


@dataclass(frozen=True, slots=True)
class ItemCharge:
    received_on: dt.date
    items: int
    first_item: int  # position of the application's first item in its month
    yuan: Decimal


def monthly_item_fees(applications: Iterable[tuple[dt.date, int]]) -> list[ItemCharge]:
    """按件计收 over one applicant's applications ``(received_on, items)``: the counter runs
    per calendar month of ``received_on`` (legal-rules §10.3) and resets each month."""
    charges: list[ItemCharge] = []
    counted: dict[tuple[int, int], int] = {}
    for received_on, items in sorted(applications, key=lambda a: a[0]):
        month = (received_on.year, received_on.month)
        already = counted.get(month, 0)
        charges.append(
            ItemCharge(received_on, items, already + 1, per_item_fee(items, already_this_month=already))
        )
        counted[month] = already + items
    return charges


def format_yuan(amount: Decimal) -> str:
    """``83460`` → ``83460元``; cents only when there are any."""
    whole = amount.to_integral_value()  # unlike quantize, never limited to the context's 28 digits
    return f"{whole:f}元" if amount == whole else f"{amount}元"


__all__: Sequence[str] = (
    "FeeError",
    "FeeScale",
    "ItemCharge",
    "format_yuan",
    "load_scales",
    "monthly_item_fees",
    "per_item_fee",
    "per_item_fee_for_item",
    "per_page_fee",
)
