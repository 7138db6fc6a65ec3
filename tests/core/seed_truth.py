"""The seed report's figures, typed in by hand from ``tests/fixtures/seed/000_b7048197b128a89d.txt``.

Nothing here is computed by the code under test: every figure was read off the fixture text.
The two cells lost in the text extraction (the 总计 of 一、本年新收 and of （二）部分公开) were
worked out by hand and cross-checked three ways:

* 一、本年新收 总计: 9319 + 683 + 0 + 54 + 30 + 35 = 10121 (row sum, I3);
  9862 + 553 − 294 = 10121 (column identity I1); the prose says 收到政府信息公开申请10121件.
* （二）部分公开 总计: 1326 + 69 + 0 + 25 + 1 + 3 = 1424 (I3); 9862 minus the other outcome
  totals = 1424 (I2); the prose says 予以公开及部分公开5990件 = 4566 + 1424.

The fee figure 744182 is kept in 万元 exactly as printed, however implausible it looks.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.report.model import (
    APPEAL_COLUMN_KEYS,
    REQUEST_COLUMN_KEYS,
    AnnualReport,
    Value,
    appeal_address,
    request_address,
)

SEED_PATH = "tests/fixtures/seed/000_b7048197b128a89d.txt"

LOST_CELLS: dict[str, int] = {
    "requests.new.total": 10121,
    "requests.partly_granted.total": 1424,
}

#: Table 3 rows as printed: 自然人, 商业企业, 科研机构, 社会公益组织, 法律服务机构, 其他, 总计.
REQUEST_ROWS: dict[str, tuple[int, ...]] = {
    "new": (9319, 683, 0, 54, 30, 35, 10121),
    "carried_over": (289, 2, 0, 0, 1, 2, 294),
    "granted": (4203, 311, 0, 20, 12, 20, 4566),
    "partly_granted": (1326, 69, 0, 25, 1, 3, 1424),
    "withheld.state_secret": (36, 3, 0, 0, 0, 0, 39),
    "withheld.law_prohibited": (38, 2, 0, 0, 0, 0, 40),
    "withheld.three_safeties": (12, 1, 0, 0, 0, 0, 13),
    "withheld.third_party": (46, 9, 0, 0, 0, 0, 55),
    "withheld.internal_affairs": (131, 2, 0, 0, 0, 0, 133),
    "withheld.process_info": (67, 3, 0, 0, 0, 1, 71),
    "withheld.enforcement_file": (50, 1, 0, 0, 0, 0, 51),
    "withheld.admin_query": (118, 2, 0, 0, 2, 3, 125),
    "unable.not_held": (2535, 236, 0, 7, 13, 8, 2799),
    "unable.needs_creation": (124, 6, 0, 1, 0, 0, 131),
    "unable.unclear_after_correction": (34, 0, 0, 0, 0, 0, 34),
    "not_processed.petition": (82, 1, 0, 0, 0, 0, 83),
    "not_processed.repeat": (61, 9, 0, 1, 3, 0, 74),
    "not_processed.publication": (0, 0, 0, 0, 0, 0, 0),
    "not_processed.mass_repeat": (4, 0, 0, 0, 0, 0, 4),
    "not_processed.confirm_reissue": (12, 1, 0, 0, 0, 0, 13),
    "other.no_correction": (131, 17, 0, 0, 0, 0, 148),
    "other.no_fee": (18, 0, 0, 0, 0, 0, 18),
    "other.other": (39, 1, 0, 0, 0, 1, 41),
    "total": (9067, 674, 0, 54, 31, 36, 9862),
    "carried_forward": (541, 11, 0, 0, 0, 1, 553),
}

#: Table 4: 结果维持, 结果纠正, 其他结果, 尚未审结, 总计 per group.
APPEAL_GROUPS: dict[str, tuple[int, ...]] = {
    "reconsideration": (333, 94, 217, 60, 704),
    "litigation_direct": (308, 28, 208, 118, 662),
    "litigation_after_reconsideration": (145, 0, 21, 28, 194),
}

ACTIVE: dict[str, Value] = {
    "active.rules.issued": 13,
    "active.rules.repealed": 11,
    "active.rules.in_force": 142,
    "active.normative_documents.issued": 1287,
    "active.normative_documents.repealed": 1823,
    "active.normative_documents.in_force": 7644,
    "active.licensing": 9537924,
    "active.penalty": 14049427,
    "active.coercion": 230169,
    "active.fees_10k_yuan": Decimal("744182"),
}

#: Figures the prose states (一、总体情况 and 六、其他需要报告的事项).
PROSE_RECEIVED = 10121
PROSE_CONCLUDED = 9862
PROSE_CARRIED_OVER = 294
PROSE_GRANTED_AND_PARTLY = 5990
PROSE_FEES_YUAN = Decimal("6120")


def seed_cells(with_lost_cells: bool) -> dict[str, Value]:
    cells: dict[str, Value] = dict(ACTIVE)
    for row, values in REQUEST_ROWS.items():
        for column, value in zip(REQUEST_COLUMN_KEYS, values, strict=True):
            cells[request_address(row, column)] = value
    for group, values in APPEAL_GROUPS.items():
        for column, value in zip(APPEAL_COLUMN_KEYS, values, strict=True):
            cells[appeal_address(group, column)] = value
    if not with_lost_cells:
        for address in LOST_CELLS:
            cells[address] = None
    return cells


def seed_report(with_lost_cells: bool) -> AnnualReport:
    """The seed as data; ``with_lost_cells=False`` leaves the two lost 总计 cells missing, as printed."""
    return AnnualReport(
        format="2021",
        agency="重庆市",
        year=2023,
        title="重庆市2023年政府信息公开工作年度报告",
        cells=seed_cells(with_lost_cells),
    )


def seed_text() -> str:
    from pathlib import Path

    return (Path(__file__).resolve().parents[2] / SEED_PATH).read_text(encoding="utf-8")


# The seed's three 其他处理 rows added by hand: 131+18+39, 17+0+1, 0, 0, 0, 0+0+1, 148+18+41.
SEED_OTHER_2019 = (188, 18, 0, 0, 0, 1, 207)


def seed_as_2019() -> AnnualReport:
    """The seed's tables re-cast by hand in the 2019 trial format (one undivided （六）其他处理 row)."""
    cells = {
        a: v
        for a, v in seed_cells(True).items()
        if a.startswith(("requests.", "appeals.")) and not a.startswith("requests.other.")
    }
    cells.update(
        {f"requests.other.{c}": v for c, v in zip(REQUEST_COLUMN_KEYS, SEED_OTHER_2019, strict=True)}
    )
    cells.update(
        {
            "active.licensing.decisions": 9537924,
            "active.penalty.decisions": 14049427,
            "active.coercion.decisions": 230169,
            "active.rules.made": 13,
            "active.fees.previous_items": 4,
            "active.procurement.items": 12,
        }
    )
    return AnnualReport(format="2019", agency="重庆市", year=2020, cells=cells)
