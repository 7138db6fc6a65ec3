"""The 2019 trial format and the 2021 format (spec §8): a 2019 table 3 is told by its single 其他处理
row, a 2021 table 2 keeps a report in the 2021 format whatever its table 3, and a 2019 table 2 is
mapped fully in a 2019 report but only for its decision counts in a 2021 one."""

from __future__ import annotations

from decimal import Decimal

from gongkai.report.assemble import assemble_reading
from gongkai.report.model import REQUEST_COLUMN_KEYS
from gongkai.report.readers.text import read_text
from tests.core.assembling import read_assembled
from tests.core.seed_truth import SEED_OTHER_2019, seed_text


def _seed_with_other_2019() -> str:
    """The seed with its three 其他处理 rows replaced by the single 2019 row (figures summed by hand)."""
    text = seed_text()
    start = text.index("\t（六）其他处理")
    end = text.index("\t（七）总计")
    single = "\t（六）其他处理\n" + "".join(f"\t{v}\n" for v in SEED_OTHER_2019) + "\n\t\n"
    return text[:start] + single + text[end:]


TABLE2_2019 = """二、主动公开政府信息情况
\t第二十条第（一）项
\t信息内容\n\t本年新制作数量\n\t本年新公开数量\n\t对外公开总数量
\t规章\n\t13\n\t12\n\t142
\t规范性文件\n\t1287\n\t1280\n\t7644
\t第二十条第（五）项
\t信息内容\n\t上一年项目数量\n\t本年增/减\n\t处理决定数量
\t行政许可\n\t120\n\t-3\n\t9537924
\t其他对外管理服务事项\n\t10\n\t0\n\t55
\t第二十条第（六）项
\t信息内容\n\t上一年项目数量\n\t本年增/减\n\t处理决定数量
\t行政处罚\n\t300\n\t2\n\t14049427
\t行政强制\n\t20\n\t0\n\t230169
\t第二十条第（八）项
\t信息内容\n\t上一年项目数量\n\t本年增/减
\t行政事业性收费\n\t4\n\t0
\t第二十条第（九）项
\t信息内容\n\t采购项目数量\n\t采购总金额
\t政府集中采购\n\t12\n\t345.6
"""


def _with_table2_2019(text: str) -> str:
    start = text.index("二、主动公开政府信息情况")
    end = text.index("三、收到和处理政府信息公开申请情况")
    return text[:start] + TABLE2_2019 + "\n" + text[end:]


def test_it_detects_the_2019_table3_by_its_single_other_row():
    report = read_assembled(_with_table2_2019(_seed_with_other_2019()))
    assert report.format == "2019"
    assert report.request_row("other") == SEED_OTHER_2019
    assert report.request_row("granted") == (4203, 311, 0, 20, 12, 20, 4566)
    assert report.request_row("total") == (9067, 674, 0, 54, 31, 36, 9862)


def test_a_2021_table2_keeps_a_report_with_the_2019_single_other_row_in_the_2021_format():
    # Real 2021–2023 reports keep the 2019 single （六）其他处理 row under a 2021 table 2: the report is a
    # 2021 report (its table 2 figures are kept); the three 2021 rows are unknown where the single row is
    # not 0, and 0 (inferred, marked) where it is, since counts cannot be negative.
    reading = assemble_reading(read_text(_seed_with_other_2019()))
    report = reading.report
    assert report.format == "2021"
    assert report.get("active.rules.issued") == 13  # the seed: 13 规章 issued in the year
    assert report.request_row("granted") == (4203, 311, 0, 20, 12, 20, 4566)
    for row in ("other.no_correction", "other.no_fee", "other.other"):
        assert report.request_row(row) == tuple(0 if v == 0 else None for v in SEED_OTHER_2019)
        zero_columns = [c for c, v in zip(REQUEST_COLUMN_KEYS, SEED_OTHER_2019, strict=True) if v == 0]
        assert {a for a in reading.inferred if a.startswith(f"requests.{row}.")} == {
            f"requests.{row}.{c}" for c in zero_columns
        }


def test_it_keeps_only_the_decision_counts_of_a_2019_table2_in_a_2021_report():
    report = read_assembled(_with_table2_2019(seed_text()))
    assert report.format == "2021"
    assert (report.get("active.licensing"), report.get("active.penalty"), report.get("active.coercion")) == (
        9537924,
        14049427,
        230169,
    )
    assert report.get("active.rules.issued") is None
    assert report.get("active.fees_10k_yuan") is None
    assert report.request_row("new")[:6] == (9319, 683, 0, 54, 30, 35)


def test_it_maps_a_2019_table2_fully_in_a_2019_report():
    report = read_assembled(_with_table2_2019(_seed_with_other_2019()))
    assert report.format == "2019"
    assert [report.get(f"active.rules.{c}") for c in ("made", "published", "total_public")] == [13, 12, 142]
    assert [report.get(f"active.licensing.{c}") for c in ("previous_items", "change", "decisions")] == [
        120,
        -3,
        9537924,
    ]
    assert report.get("active.other_services.decisions") == 55
    assert report.get("active.procurement.amount_10k_yuan") == Decimal("345.6")
