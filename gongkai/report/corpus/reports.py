"""Random reports that satisfy every identity of the format, built bottom-up from a seeded ``Random``.

Outcome cells per applicant column come first; 总计 rows and columns are sums; 结转下年度 and 上年结转 are
drawn so that 本年新收 = 总计 + 结转下年度 − 上年结转 is never negative (I1); table-4 totals are sums.
The narrative states the received / concluded / granted figures of the tables, so prose agrees (I6).
"""

from __future__ import annotations

import random
from collections.abc import Callable
from decimal import Decimal

from gongkai.report.model import (
    ACTIVE_2019_ADDRESSES,
    APPEAL_COLUMN_KEYS,
    APPEAL_GROUP_KEYS,
    DECISION_KEYS,
    DOCUMENT_COLUMNS,
    DOCUMENT_KINDS,
    FEE_ADDRESS,
    ORG_COLUMN_KEYS,
    AnnualReport,
    FormatName,
    Narrative,
    Value,
    appeal_address,
    outcome_row_keys,
    request_address,
)

APPLICANT_COLUMNS: tuple[str, ...] = ("natural_person", *ORG_COLUMN_KEYS)
_PLACES = "江河湖山海东西南北中安宁平昌兴华阳城州林泉桥新清丰德永和长"
_SUFFIXES = (
    "市人民政府",
    "区人民政府",
    "县人民政府",
    "市人民政府办公室",
    "市教育局",
    "区卫生健康委员会",
    "市发展和改革委员会",
    "镇人民政府",
    "街道办事处",
    "乡人民政府",
    "市生态环境局",
    "县自然资源局",
)
# No digits, Chinese numerals or 、 in filler, so it never reads as a heading or a figure.
_FILLER = (
    "本机关坚持以公开为常态、不公开为例外",
    "持续完善政府信息公开制度",
    "进一步规范依申请公开办理流程",
    "加强政府网站和政务新媒体建设",
    "做好政策文件解读和回应关切",
    "强化监督保障和业务培训",
    "公开内容的针对性有待提高",
    "基层政务公开标准化规范化水平仍需提升",
)


def count(rng: random.Random, scale: int) -> int:
    """Mostly small, often zero, sometimes large: the shape of real tables."""
    roll = rng.random()
    if roll < 0.35:
        return 0
    if roll < 0.85:
        return rng.randint(0, 30)
    return rng.randint(0, scale)


def agency_name(rng: random.Random) -> str:
    return "".join(rng.choice(_PLACES) for _ in range(rng.randint(2, 3))) + rng.choice(_SUFFIXES)


Count = Callable[[], int]


def request_cells(
    fmt: FormatName,
    outcome: Callable[[str], int],
    carried_forward: Callable[[str], int],
    upto: Callable[[int], int],
) -> dict[str, Value]:
    """Table 3 bottom-up, so no identity has to be filtered for.

    ``outcome(column)`` and ``carried_forward(column)`` draw one count for an applicant column;
    ``upto(n)`` draws 上年结转 in 0..n, which keeps 本年新收 = 总计 + 结转下年度 − 上年结转 (I1) from
    going negative. The 总计 row and column are sums (I2–I4). Hypothesis strategies and the seeded
    corpus generator both build their reports through here.
    """
    counts: dict[str, int] = {}
    outcomes = outcome_row_keys(fmt)
    for column in APPLICANT_COLUMNS:
        for row in outcomes:
            counts[request_address(row, column)] = outcome(column)
        concluded = sum(counts[request_address(row, column)] for row in outcomes)
        forward = carried_forward(column)
        over = upto(concluded + forward)
        counts[request_address("total", column)] = concluded
        counts[request_address("carried_forward", column)] = forward
        counts[request_address("carried_over", column)] = over
        counts[request_address("new", column)] = concluded + forward - over
    for row in ("new", "carried_over", *outcomes, "total", "carried_forward"):
        counts[request_address(row, "total")] = sum(
            counts[request_address(row, column)] for column in APPLICANT_COLUMNS
        )
    cells: dict[str, Value] = dict(counts)
    return cells


def appeal_cells(part: Count) -> dict[str, Value]:
    """Table 4 with each group's 总计 the sum of its four results (T4)."""
    cells: dict[str, Value] = {}
    for group in APPEAL_GROUP_KEYS:
        parts = [part() for _ in APPEAL_COLUMN_KEYS[:-1]]
        for column, value in zip(APPEAL_COLUMN_KEYS[:-1], parts, strict=True):
            cells[appeal_address(group, column)] = value
        cells[appeal_address(group, "total")] = sum(parts)
    return cells


def active_cells_2021(document: Count, decision: Count, fee: Callable[[], Decimal]) -> dict[str, Value]:
    cells: dict[str, Value] = {
        f"active.{k}.{c}": document() for k in DOCUMENT_KINDS for c in DOCUMENT_COLUMNS
    }
    cells.update({f"active.{k}": decision() for k in DECISION_KEYS})
    cells[FEE_ADDRESS] = fee()
    return cells


def active_cells_2019(count: Count, change: Count, fee: Callable[[], Decimal]) -> dict[str, Value]:
    cells: dict[str, Value] = {}
    for address in ACTIVE_2019_ADDRESSES:
        if address.endswith(".change"):
            cells[address] = change()  # 本年增/减 is a signed change
        elif address.endswith("amount_10k_yuan"):
            cells[address] = fee()
        else:
            cells[address] = count()
    return cells


def figures_sentence(cells: dict[str, Value]) -> str:
    """The sentence of the narrative that states the table's figures, so prose agrees (I6)."""
    received = cells[request_address("new", "total")]
    concluded = cells[request_address("total", "total")]
    carried_over = cells[request_address("carried_over", "total")]
    granted = cells[request_address("granted", "total")]
    return (
        f"全年共收到政府信息公开申请{received}件，办结政府信息公开申请{concluded}件"
        f"（含上年度结转{carried_over}件），其中予以公开{granted}件。"
    )


def fee_10k_yuan(rng: random.Random) -> Decimal:
    if rng.random() < 0.4:
        return Decimal(0)
    if rng.random() < 0.5:
        return Decimal(rng.randint(1, 900000))
    return Decimal(rng.randint(1, 10_000_000)) / 100  # up to two decimals, as printed


def _random_cells(rng: random.Random, fmt: FormatName, scale: int) -> dict[str, Value]:
    busy = {column: column == "natural_person" or rng.random() < 0.5 for column in APPLICANT_COLUMNS}
    cells = request_cells(
        fmt,
        lambda column: count(rng, scale) if busy[column] else 0,
        lambda column: count(rng, scale // 10 or 1) if busy[column] else 0,
        lambda n: rng.randint(0, n),
    )
    cells.update(appeal_cells(lambda: count(rng, 40)))
    if fmt == "2021":
        decision = lambda: rng.choice((0, rng.randint(0, 500), rng.randint(0, 10_000_000)))  # noqa: E731
        cells.update(active_cells_2021(lambda: count(rng, scale), decision, lambda: fee_10k_yuan(rng)))
    else:
        cells.update(
            active_cells_2019(
                lambda: count(rng, scale), lambda: rng.randint(-50, 50), lambda: fee_10k_yuan(rng)
            )
        )
    return cells


def narrative(rng: random.Random, cells: dict[str, Value]) -> Narrative:
    general = "。".join(rng.sample(_FILLER[:6], 2)) + "。" + figures_sentence(cells)
    problems = "。".join(rng.sample(_FILLER[6:], 1)) + "。"
    return Narrative(
        general=general, problems=problems, other=rng.choice(("无。", "本年度未收取信息处理费。"))
    )


def random_report(rng: random.Random, fmt: FormatName | None = None) -> AnnualReport:
    """A random consistent report; ``fmt`` None picks 2021 mostly and the 2019 trial format sometimes."""
    fmt = fmt or ("2019" if rng.random() < 0.15 else "2021")
    scale = rng.choice((30, 300, 3000))
    cells = _random_cells(rng, fmt, scale)
    agency = agency_name(rng)
    year = rng.randint(2019, 2020) if fmt == "2019" else rng.randint(2021, 2024)
    return AnnualReport(
        format=fmt,
        agency=agency,
        year=year,
        title=f"{agency}{year}年政府信息公开工作年度报告",
        cells=cells,
        narrative=narrative(rng, cells),
    )


def lose_cells(
    rng: random.Random, report: AnnualReport, *, trailing_only: bool = False
) -> tuple[AnnualReport, dict[str, Value]]:
    """The report as published with 0–3 figures lost; returns it and the lost cells' true values.

    ``trailing_only``: lose only the 总计 column of table 3 (what a one-cell-per-line text dump can lose
    without ambiguity, like the seed's two lost cells).
    """
    if rng.random() < 0.5:
        return report, {}
    if trailing_only:
        candidates = [a for a in report.addresses if a.startswith("requests.") and a.endswith(".total")]
    else:
        candidates = [a for a in report.addresses if a.startswith(("requests.", "appeals."))]
    lost = rng.sample(candidates, rng.randint(1, 3))
    values = {a: report.get(a) for a in lost}
    return report.with_cells(dict.fromkeys(lost)), values
