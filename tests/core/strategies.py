"""Hypothesis strategies for annual reports that satisfy every identity of the format.

Reports are built bottom-up, so that no identity has to be filtered for:
random outcome cells per applicant column → 总计 row and column by summation; 结转下年度 and 上年结转
drawn so that 本年新收 = 总计 + 结转下年度 − 上年结转 is never negative (I1); table-4 totals summed (T4).

Use from any test: ``from tests.core.strategies import consistent_reports``.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

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

# Common characters without digits, Chinese numerals or 、 so that random filler never looks like a
# heading ("二、…") or a figure to a reader or to the prose extractor.
_FILLER_ALPHABET = "的政府信息公开工作年度本机关全面推进规范管理服务平台建设加强制度落实群众需求办理答复及时准确透明监督保障，。"
_PLACE_ALPHABET = "江河湖山海东西南北中安宁平昌兴华阳城州林泉桥新清丰德永和长"
_AGENCY_SUFFIXES = (
    "市", "市人民政府", "区人民政府", "县人民政府", "市人民政府办公室", "市教育局", "区卫生健康委员会",
    "市发展和改革委员会", "镇人民政府", "街道办事处", "乡人民政府", "市生态环境局",
)


def counts(max_count: int = 2000) -> st.SearchStrategy[int]:
    """Mostly small, often zero, sometimes large: the shape of real tables."""
    return st.one_of(st.just(0), st.integers(0, 30), st.integers(0, max_count))


def agency_names() -> st.SearchStrategy[str]:
    place = st.text(alphabet=_PLACE_ALPHABET, min_size=2, max_size=3)
    return st.builds(lambda p, s: p + s, place, st.sampled_from(_AGENCY_SUFFIXES))


def fees_10k_yuan() -> st.SearchStrategy[Decimal]:
    whole = st.integers(0, 900000).map(Decimal)
    fractional = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
    return st.one_of(whole, fractional)


def filler_text(min_size: int = 0, max_size: int = 60) -> st.SearchStrategy[str]:
    return st.text(alphabet=_FILLER_ALPHABET, min_size=min_size, max_size=max_size)


@st.composite
def _request_cells(draw: st.DrawFn, fmt: FormatName, max_count: int) -> dict[str, Value]:
    cells: dict[str, Value] = {}
    outcome_rows = outcome_row_keys(fmt)
    for column in APPLICANT_COLUMNS:
        for row in outcome_rows:
            cells[request_address(row, column)] = draw(counts(max_count))
        concluded = sum(cells[request_address(row, column)] for row in outcome_rows)  # type: ignore[misc]
        carried_forward = draw(counts(max_count))
        carried_over = draw(st.integers(0, concluded + carried_forward))
        cells[request_address("total", column)] = concluded
        cells[request_address("carried_forward", column)] = carried_forward
        cells[request_address("carried_over", column)] = carried_over
        cells[request_address("new", column)] = concluded + carried_forward - carried_over
    for row in ("new", "carried_over", *outcome_rows, "total", "carried_forward"):
        cells[request_address(row, "total")] = sum(
            cells[request_address(row, column)] for column in APPLICANT_COLUMNS  # type: ignore[misc]
        )
    return cells


@st.composite
def _appeal_cells(draw: st.DrawFn, max_count: int) -> dict[str, Value]:
    cells: dict[str, Value] = {}
    for group in APPEAL_GROUP_KEYS:
        parts = [draw(counts(max_count // 10 or 1)) for _ in APPEAL_COLUMN_KEYS[:-1]]
        for column, value in zip(APPEAL_COLUMN_KEYS[:-1], parts, strict=True):
            cells[appeal_address(group, column)] = value
        cells[appeal_address(group, "total")] = sum(parts)
    return cells


@st.composite
def _active_cells_2021(draw: st.DrawFn, max_count: int) -> dict[str, Value]:
    cells: dict[str, Value] = {}
    for kind in DOCUMENT_KINDS:
        for column in DOCUMENT_COLUMNS:
            cells[f"active.{kind}.{column}"] = draw(counts(max_count))
    for key in DECISION_KEYS:
        cells[f"active.{key}"] = draw(st.integers(0, 10_000_000))
    cells[FEE_ADDRESS] = draw(fees_10k_yuan())
    return cells


@st.composite
def _active_cells_2019(draw: st.DrawFn, max_count: int) -> dict[str, Value]:
    cells: dict[str, Value] = {}
    for address in ACTIVE_2019_ADDRESSES:
        if address.endswith(".change"):
            cells[address] = draw(st.integers(-50, 50))  # 本年增/减 is a signed change
        elif address.endswith("amount_10k_yuan"):
            cells[address] = draw(fees_10k_yuan())
        else:
            cells[address] = draw(counts(max_count))
    return cells


def consistent_narrative(cells: dict[str, Value]) -> st.SearchStrategy[Narrative]:
    """Chinese narrative whose stated figures agree with the tables (so I6 holds)."""
    received = cells[request_address("new", "total")]
    concluded = cells[request_address("total", "total")]
    carried_over = cells[request_address("carried_over", "total")]
    granted = cells[request_address("granted", "total")]
    sentence = (f"全年共收到政府信息公开申请{received}件，办结政府信息公开申请{concluded}件"
                f"（含上年度结转{carried_over}件），其中予以公开{granted}件。")

    def build(before: str, after: str, problems: str, other: str) -> Narrative:
        return Narrative(general=f"{before}{sentence}{after}", problems=problems or None, other=other or None)

    return st.builds(build, filler_text(), filler_text(), filler_text(max_size=80), filler_text(max_size=40))


@st.composite
def consistent_reports(
    draw: st.DrawFn,
    fmt: FormatName = "2021",
    *,
    narrative: bool | None = None,
    max_count: int = 2000,
) -> AnnualReport:
    """A random report of ``fmt`` satisfying I1–I4 and T4.

    ``narrative``: True always adds a Chinese narrative consistent with the tables, False never,
    None sometimes.
    """
    cells: dict[str, Value] = {}
    cells.update(draw(_request_cells(fmt, max_count)))
    cells.update(draw(_appeal_cells(max_count)))
    active = _active_cells_2021(max_count) if fmt == "2021" else _active_cells_2019(max_count)
    cells.update(draw(active))
    agency = draw(agency_names())
    year = draw(st.integers(2019, 2030))
    with_narrative = draw(st.booleans()) if narrative is None else narrative
    text = draw(consistent_narrative(cells)) if with_narrative else Narrative()
    return AnnualReport(format=fmt, agency=agency, year=year,
                        title=f"{agency}{year}年政府信息公开工作年度报告", cells=cells, narrative=text)
