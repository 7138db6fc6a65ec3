"""Random consistent reports, written in the seed's layout by a test-only writer, are read back by the
assembler figure for figure, in the 2021 and the 2019 format."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings

from tests.core.assembling import read_assembled
from tests.core.strategies import consistent_reports

_TABLE2_2019_ROWS = (
    (
        "第二十条第（一）项",
        ("本年新制作数量", "本年新公开数量", "对外公开总数量"),
        (("规章", "rules"), ("规范性文件", "normative_documents")),
        ("made", "published", "total_public"),
    ),
    (
        "第二十条第（五）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        (("行政许可", "licensing"), ("其他对外管理服务事项", "other_services")),
        ("previous_items", "change", "decisions"),
    ),
    (
        "第二十条第（六）项",
        ("上一年项目数量", "本年增/减", "处理决定数量"),
        (("行政处罚", "penalty"), ("行政强制", "coercion")),
        ("previous_items", "change", "decisions"),
    ),
    (
        "第二十条第（八）项",
        ("上一年项目数量", "本年增/减"),
        (("行政事业性收费", "fees"),),
        ("previous_items", "change"),
    ),
    (
        "第二十条第（九）项",
        ("采购项目数量", "采购总金额"),
        (("政府集中采购", "procurement"),),
        ("items", "amount_10k_yuan"),
    ),
)


def _cell(value) -> str:
    return "" if value is None else format(value, "f") if isinstance(value, Decimal) else str(value)


def _tab_report(report) -> str:
    """The seed's layout: one tab-indented cell per line, blank lines between rows."""
    from gongkai import labels

    out = [report.title, "一、总体情况", report.narrative.general or "", labels.SECTION_ACTIVE]
    cells = report.cells
    if report.format == "2021":
        blocks = (
            (
                labels.ACTIVE_BLOCK_1,
                ("本年制发件数", "本年废止件数", "现行有效件数"),
                (("规章", "active.rules"), ("行政规范性文件", "active.normative_documents")),
                ("issued", "repealed", "in_force"),
            ),
        )
        rows = [
            (b, h, [(label, [cells[f"{a}.{c}"] for c in cols]) for label, a in rs])
            for b, h, rs, cols in blocks
        ]
        rows += [
            ("第二十条第（五）项", ("本年处理决定数量",), [("行政许可", [cells["active.licensing"]])]),
            (
                "第二十条第（六）项",
                ("本年处理决定数量",),
                [("行政处罚", [cells["active.penalty"]]), ("行政强制", [cells["active.coercion"]])],
            ),
            (
                "第二十条第（八）项",
                ("本年收费金额（单位：万元）",),
                [("行政事业性收费", [cells["active.fees_10k_yuan"]])],
            ),
        ]
    else:
        rows = [
            (b, h, [(label, [cells[f"active.{k}.{c}"] for c in cols]) for label, k in rs])
            for b, h, rs, cols in _TABLE2_2019_ROWS
        ]
    for block, header, data in rows:
        out += [f"\t{block}", "", "\t信息内容", *(f"\t{h}" for h in header), ""]
        for label, values in data:
            out += [f"\t{label}", *(f"\t{_cell(v)}" for v in values), ""]
    out += [
        labels.SECTION_REQUESTS,
        f"\t{labels.REQUESTS_NOTE}",
        "\t申请人情况",
        "",
        *(f"\t{c}" for c in labels.REQUEST_COLUMNS.values()),
        "",
    ]
    group_of = {
        "granted": "outcomes",
        "withheld.state_secret": "withheld",
        "unable.not_held": "unable",
        "not_processed.petition": "not_processed",
        "other.no_correction": "other",
    }
    for key in report.addresses:
        if not key.startswith("requests.") or not key.endswith(".natural_person"):
            continue
        row = key[len("requests.") : -len(".natural_person")]
        if row in group_of:
            out.append(f"\t{labels.REQUEST_GROUPS[group_of[row]]}")
        label = labels.REQUEST_ROW_OTHER_2019[1] if row == "other" else labels.REQUEST_ROWS[row]
        out += [f"\t{label}", *(f"\t{_cell(v)}" for v in report.request_row(row)), ""]
    out += [
        labels.SECTION_APPEALS,
        "\t行政复议",
        "\t行政诉讼",
        "",
        *(f"\t{c}" for c in labels.APPEAL_COLUMNS.values()),
    ]
    out += [
        f"\t{_cell(v)}"
        for g in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
        for v in report.appeal_group(g)
    ]
    out += [
        "",
        labels.SECTION_PROBLEMS,
        report.narrative.problems or "",
        labels.SECTION_OTHER,
        report.narrative.other or "",
    ]
    return "\n".join(out) + "\n"


@settings(max_examples=25, deadline=None)
@given(consistent_reports(fmt="2021", narrative=True))
def test_it_reads_back_any_consistent_2021_report_written_in_the_seed_layout(report):
    read = read_assembled(_tab_report(report))
    assert dict(read.cells) == dict(report.cells)
    assert (read.format, read.agency, read.year) == ("2021", report.agency, report.year)
    assert read.narrative == report.narrative


@settings(max_examples=25, deadline=None)
@given(consistent_reports(fmt="2019", narrative=False))
def test_it_reads_back_any_consistent_2019_report_written_in_the_seed_layout(report):
    read = read_assembled(_tab_report(report))
    assert read.format == "2019"
    assert dict(read.cells) == dict(report.cells)
