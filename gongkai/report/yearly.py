"""The figures a report's narrative states, derived from its tables (and, for the year-on-year
changes, from last year's report), and the sentences that state them the way the seed does:

「2023年，全市共收到政府信息公开申请10121件，较上年增长58.26%。」
「全市共办结政府信息公开申请9862件（含上年度结转294件），其中予以公开及部分公开5990件，较上年增长43.37%。」
「行政复议直接纠错率较去年下降0.66个百分点，行政诉讼败诉率较去年下降7.88个百分点。」
「2023年，全市共收取信息处理费6120元，其中规划自然资源系统收取3460元、北碚区收取2660元。」

Growth is a percentage of last year's figure, rounded half up to two decimals; a rate's change is in
percentage points, two decimals. 纠错率 of 行政复议: 结果纠正 over the concluded cases (总计 − 尚未审结);
败诉率 of 行政诉讼: the same over both litigation groups together. Without last year's report (or with
a missing figure in it) the change is ``None`` and the sentence leaves it out: never a guess. The
sentences are what I6 reads back (identities.I6), so a draft agrees with its tables by construction."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from gongkai.report.model import AnnualReport, Value, appeal_address, request_address

TWO_PLACES = Decimal("0.01")
#: How a report names its scope in the narrative: a government's covers its area (全市, 全区, 全县).
SCOPE_AREA = "全{area}"
SCOPE_AGENCY = "本机关"
AREA_SUFFIXES = ("市", "区", "县")


def scope_of(name: str, *, government: bool) -> str:
    """全市 / 全区 / 全县 for a government (its report covers its whole area), 本机关 for a department."""
    # The area is named last: 重庆市渝中区人民政府 is the district's (全区), not the city's.
    base = name.removesuffix("人民政府")
    found = max((base.rfind(s), s) for s in AREA_SUFFIXES)
    return SCOPE_AREA.format(area=found[1]) if government and found[0] >= 0 else SCOPE_AGENCY


@dataclass(frozen=True, slots=True)
class NarrativeFigures:
    received: int | None = None
    received_change_pct: Decimal | None = None
    concluded: int | None = None
    carried_over: int | None = None
    granted_and_partly: int | None = None
    granted_and_partly_change_pct: Decimal | None = None
    carried_forward: int | None = None
    reconsideration_correction_rate: Decimal | None = None
    reconsideration_correction_change_pp: Decimal | None = None
    litigation_loss_rate: Decimal | None = None
    litigation_loss_change_pp: Decimal | None = None
    fees_yuan: Decimal | None = None
    #: (who collected, 元), in the order given: the branches of the agency that collected any.
    fees_split: tuple[tuple[str, Decimal], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            if isinstance(value, Decimal):
                return str(value)
            if isinstance(value, tuple):
                return [plain(v) for v in value]
            return value

        return {k: plain(v) for k, v in asdict(self).items()}


def _int(value: Value) -> int | None:
    return int(value) if value is not None else None


def _total(report: AnnualReport, *rows: str) -> int | None:
    values = [report.cells[request_address(r, "total")] for r in rows]
    return None if any(v is None for v in values) else sum(int(v) for v in values if v is not None)


def growth_pct(now: int | None, before: int | None) -> Decimal | None:
    """(now − before) / before in per cent, two decimals; ``None`` without both or from 0."""
    if now is None or before is None or before == 0:
        return None
    return (Decimal(now - before) * 100 / Decimal(before)).quantize(TWO_PLACES, ROUND_HALF_UP)


def _rate(report: AnnualReport, groups: Sequence[str]) -> Decimal | None:
    corrected = concluded = 0
    for group in groups:
        values = {c: report.cells[appeal_address(group, c)] for c in ("corrected", "pending", "total")}
        if any(v is None for v in values.values()):
            return None
        corrected += int(values["corrected"] or 0)
        concluded += int(values["total"] or 0) - int(values["pending"] or 0)
    if concluded <= 0:
        return None
    return (Decimal(corrected) * 100 / Decimal(concluded)).quantize(TWO_PLACES, ROUND_HALF_UP)


RECONSIDERATION = ("reconsideration",)
LITIGATION = ("litigation_direct", "litigation_after_reconsideration")


def _change_pp(now: Decimal | None, before: Decimal | None) -> Decimal | None:
    return None if now is None or before is None else (now - before).quantize(TWO_PLACES)


def narrative_figures(
    report: AnnualReport,
    previous: AnnualReport | None = None,
    *,
    fees_yuan: Decimal | None = None,
    fees_split: Sequence[tuple[str, Decimal]] = (),
) -> NarrativeFigures:
    def prev(*rows: str) -> int | None:
        return _total(previous, *rows) if previous is not None else None

    received = _total(report, "new")
    granted = _total(report, "granted", "partly_granted")
    rec_rate, lit_rate = _rate(report, RECONSIDERATION), _rate(report, LITIGATION)
    return NarrativeFigures(
        received=received,
        received_change_pct=growth_pct(received, prev("new")),
        concluded=_total(report, "total"),
        carried_over=_total(report, "carried_over"),
        granted_and_partly=granted,
        granted_and_partly_change_pct=growth_pct(granted, prev("granted", "partly_granted")),
        carried_forward=_total(report, "carried_forward"),
        reconsideration_correction_rate=rec_rate,
        reconsideration_correction_change_pp=_change_pp(
            rec_rate, _rate(previous, RECONSIDERATION) if previous else None
        ),
        litigation_loss_rate=lit_rate,
        litigation_loss_change_pp=_change_pp(lit_rate, _rate(previous, LITIGATION) if previous else None),
        fees_yuan=fees_yuan,
        fees_split=tuple(fees_split),
    )


#: 垂直管理 systems: in Chongqing a district's 规划和自然资源局 is a branch (分局) of the city's bureau, so a
#: report that spans districts states the fees of the city bureau and of every district bureau as one
#: system's (the seed: 「规划自然资源系统收取3460元」), not under each district. Suffix of the agency's
#: name → the system's name as reports write it.
SYSTEMS = {"规划和自然资源局": "规划自然资源系统"}


@dataclass(frozen=True, slots=True)
class CollectedFee:
    """One fee paid in the year: how much, the full name of the agency that collected it, the branch of
    the report's scope it is under (the scope's own agency or its child on the way), and the district or
    county (全称 without 人民政府, e.g. 北碚区) it is in when the scope spans districts."""

    amount: Decimal
    collector: str
    branch: str
    area: str | None = None


def system_of(agency_name: str) -> str | None:
    return next((system for suffix, system in SYSTEMS.items() if agency_name.endswith(suffix)), None)


def fee_split(fees: Sequence[CollectedFee], *, spans_areas: bool) -> tuple[tuple[str, Decimal], ...]:
    """Section 六's split of the fees, largest first. A scope that spans districts (a city's report) splits
    the way the seed does: by 系统 for a vertically managed system (city bureau and district bureaus
    together), else by district or county, else (a city department) by the collecting branch; a narrower
    scope splits by branch."""
    totals: dict[str, Decimal] = {}
    for fee in fees:
        label = (system_of(fee.collector) or fee.area or fee.branch) if spans_areas else fee.branch
        totals[label] = totals.get(label, Decimal(0)) + fee.amount
    return tuple(sorted(totals.items(), key=lambda item: (-item[1], item[0])))


def area_of(government: str, above: str | None = None) -> str:
    """The short name of a district's or county's government: 重庆市北碚区人民政府 (above 重庆市人民政府) → 北碚区."""
    base = government.removesuffix("人民政府")
    prefix = above.removesuffix("人民政府") if above else ""
    return base.removeprefix(prefix) if prefix and base != prefix else base


def _yuan(amount: Decimal) -> str:
    return str(amount.quantize(TWO_PLACES).normalize()) if amount % 1 else str(int(amount))


def _change(pct: Decimal | None, *, than: str = "较上年") -> str:
    if pct is None:
        return ""
    if pct == 0:
        return "，与上年持平"
    return f"，{than}{'增长' if pct > 0 else '下降'}{abs(pct)}%"


def _pp(name: str, change: Decimal | None) -> str | None:
    if change is None:
        return None
    if change == 0:
        return f"{name}与去年持平"
    return f"{name}较去年{'上升' if change > 0 else '下降'}{abs(change)}个百分点"


def general_sentences(figures: NarrativeFigures, *, year: int, scope: str) -> list[str]:
    """Sentences for 一、总体情况 (disclosure on request), each stating only figures that are known."""
    sentences = []
    if figures.received is not None:
        sentences.append(
            f"{year}年，{scope}共收到政府信息公开申请{figures.received}件{_change(figures.received_change_pct)}。"
        )
    if figures.concluded is not None and figures.carried_over is not None:
        granted = ""
        if figures.granted_and_partly is not None:
            granted = f"，其中予以公开及部分公开{figures.granted_and_partly}件" + _change(
                figures.granted_and_partly_change_pct
            )
        sentences.append(
            f"{scope}共办结政府信息公开申请{figures.concluded}件（含上年度结转{figures.carried_over}件）{granted}。"
        )
    if figures.carried_forward is not None:
        sentences.append(f"结转下年度继续办理{figures.carried_forward}件。")
    rates = [
        s
        for s in (
            _pp("行政复议直接纠错率", figures.reconsideration_correction_change_pp),
            _pp("行政诉讼败诉率", figures.litigation_loss_change_pp),
        )
        if s
    ]
    if rates:
        sentences.append("，".join(rates) + "。")
    return sentences


def fee_sentence(figures: NarrativeFigures, *, year: int, scope: str) -> str | None:
    """The section 六 sentence on 信息处理费 (国办函〔2020〕109号), split by who collected it."""
    if figures.fees_yuan is None:
        return None
    if figures.fees_yuan == 0:
        return f"{year}年，{scope}未收取信息处理费。"
    split = "、".join(f"{who}收取{_yuan(amount)}元" for who, amount in figures.fees_split)
    return (
        f"{year}年，{scope}共收取信息处理费{_yuan(figures.fees_yuan)}元"
        + (f"，其中{split}" if split else "")
        + "。"
    )


def figures_from_dict(d: Mapping[str, Any]) -> NarrativeFigures:
    """A stored ``as_dict()`` back as figures (Decimals from their strings)."""
    decimals = {k for k, v in NarrativeFigures.__dataclass_fields__.items() if "Decimal" in str(v.type)}
    values: dict[str, Any] = {}
    for key, value in d.items():
        if key == "fees_split":
            values[key] = tuple((str(who), Decimal(str(amount))) for who, amount in value)
        elif key in decimals and value is not None:
            values[key] = Decimal(str(value))
        elif key in NarrativeFigures.__dataclass_fields__:
            values[key] = value
    return NarrativeFigures(**values)


__all__ = [
    "CollectedFee",
    "NarrativeFigures",
    "area_of",
    "fee_sentence",
    "fee_split",
    "general_sentences",
    "growth_pct",
    "narrative_figures",
    "system_of",
]
