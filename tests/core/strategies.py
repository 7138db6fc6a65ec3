"""Hypothesis strategies for annual reports that satisfy every identity of the format.

Reports are built bottom-up by the corpus generator's builders (``gongkai.report.corpus.reports``),
so that no identity has to be filtered for; here Hypothesis draws every figure, so it can shrink.

Use from any test: ``from tests.core.strategies import consistent_reports``.
"""

from __future__ import annotations

from decimal import Decimal

from hypothesis import strategies as st

from gongkai.report.corpus.reports import (
    active_cells_2019,
    active_cells_2021,
    appeal_cells,
    figures_sentence,
    request_cells,
)
from gongkai.report.model import AnnualReport, FormatName, Narrative, Value

# Common characters without digits, Chinese numerals or 、 so that random filler never looks like a
# heading ("二、…") or a figure to a reader or to the prose extractor.
_FILLER_ALPHABET = "的政府信息公开工作年度本机关全面推进规范管理服务平台建设加强制度落实群众需求办理答复及时准确透明监督保障，。"
_PLACE_ALPHABET = "江河湖山海东西南北中安宁平昌兴华阳城州林泉桥新清丰德永和长"
_AGENCY_SUFFIXES = (
    "市",
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


def consistent_narrative(cells: dict[str, Value]) -> st.SearchStrategy[Narrative]:
    """Chinese narrative whose stated figures agree with the tables (so I6 holds)."""
    sentence = figures_sentence(cells)

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

    def count(maximum: int = max_count) -> int:
        return draw(counts(maximum))

    cells = request_cells(
        fmt, lambda _column: count(), lambda _column: count(), lambda n: draw(st.integers(0, n))
    )
    cells.update(appeal_cells(lambda: count(max_count // 10 or 1)))
    if fmt == "2021":
        cells.update(
            active_cells_2021(count, lambda: draw(st.integers(0, 10_000_000)), lambda: draw(fees_10k_yuan()))
        )
    else:
        cells.update(
            active_cells_2019(count, lambda: draw(st.integers(-50, 50)), lambda: draw(fees_10k_yuan()))
        )
    agency = draw(agency_names())
    year = draw(st.integers(2019, 2030))
    with_narrative = draw(st.booleans()) if narrative is None else narrative
    text = draw(consistent_narrative(cells)) if with_narrative else Narrative()
    return AnnualReport(
        format=fmt,
        agency=agency,
        year=year,
        title=f"{agency}{year}年政府信息公开工作年度报告",
        cells=cells,
        narrative=text,
    )
