"""What a report lacks: tables not found, figures missing that the identities cannot restore, text in figure cells.

``check_reading`` is the one place that turns what was read into what is said about it, for the CLI
and batch mode alike: restore what the identities determine (``restore``), validate (``validate``),
then add the findings of this module, all errors (docs/identities.md):

* **M1** — a table (表二, 表三 or 表四) is missing: not found at all (published as an image, cut
  off) or every figure of it blank. One finding per table.
* **M2** — figures missing (blank, "/", "-", or never printed because the report stops) that the
  identities do not determine. One finding per row of a table (per group of 表四), naming the cells.
* **N1** — a cell prints text where a figure belongs ("abc", "见说明", "约4566"). The cell stays
  missing and is *not* restored: the report printed something there, and a restored figure would
  pass off a guess about what it meant as the report's own. One finding per cell, quoting the text.

* **N2** — a row's figures are printed run together ("2159165" for the three cells of 行政规范性文件, 17
  digits for the 15 cells of 表四) and neither the digits nor an identity decide where one figure ends:
  the cells stay missing and are not restored. One finding per row (per table for 表四).
* **N3** — a row prints more figures than the table has columns (a block heading read as a figure, a
  stray cell): which one is extra cannot be told, so the row is missing; the rest is read. One per row.
* **S1** (warning) — cells cut from figures printed run together where only a table identity decided the
  cut ("120000012" is 12|0|0|0|0|0|12 because the six columns must add up to 总计): kept, but to be
  checked against the source. One finding per row.
* **F8** (warning) — a report under the 2008 条例 (spec §8.2): recognised and said to be one; its old
  统计表 is not mapped onto today's tables, so M1/M2 do not apply. The two figures that keep a meaning
  (applications received and answered in the year) are in ``Checked.pre_2019``.

A complete report has none of these: the seed's two lost 总计 cells are restored, not missing.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from gongkai import labels
from gongkai.report.assemble import SINGLE_OTHER_ZERO, Reading, UnreadableCell
from gongkai.report.findings import Finding
from gongkai.report.identities import cell_label, row_label
from gongkai.report.model import APPEAL_ADDRESSES, AnnualReport
from gongkai.report.pre2019 import FIGURE_LABELS, Pre2019
from gongkai.report.restore import restore
from gongkai.report.validate import validate

TABLES = {"active": "表二", "requests": "表三", "appeals": "表四"}
TABLE_TITLES = {
    "active": "主动公开政府信息情况",
    "requests": "收到和处理政府信息公开申请情况",
    "appeals": "政府信息公开行政复议、行政诉讼情况",
}
_TABLES_EN = {"active": "table 2", "requests": "table 3", "appeals": "table 4"}

_ACTIVE_ROWS = {
    "rules": labels.ACTIVE_RULES,
    "normative_documents": labels.ACTIVE_NORMATIVE,
    "licensing": labels.ACTIVE_LICENSING,
    "penalty": labels.ACTIVE_PENALTY,
    "coercion": labels.ACTIVE_COERCION,
    "fees_10k_yuan": labels.ACTIVE_FEES,
    "fees": labels.ACTIVE_FEES,
    "other_services": labels.ACTIVE_2019_OTHER_SERVICES,
    "procurement": labels.ACTIVE_2019_PROCUREMENT,
}
_ACTIVE_COLUMNS = {
    "issued": labels.ACTIVE_ISSUED,
    "repealed": labels.ACTIVE_REPEALED,
    "in_force": labels.ACTIVE_IN_FORCE,
    "made": labels.ACTIVE_2019_MADE,
    "published": labels.ACTIVE_2019_PUBLISHED,
    "total_public": labels.ACTIVE_2019_TOTAL_PUBLIC,
    "previous_items": labels.ACTIVE_2019_PREVIOUS_ITEMS,
    "change": labels.ACTIVE_2019_CHANGE,
    "decisions": labels.ACTIVE_2019_DECISIONS,
    "items": labels.ACTIVE_2019_PROCUREMENT_ITEMS,
    "amount_10k_yuan": labels.ACTIVE_2019_PROCUREMENT_AMOUNT,
}
_ACTIVE_SINGLE = {
    "licensing": labels.ACTIVE_DECISIONS,
    "penalty": labels.ACTIVE_DECISIONS,
    "coercion": labels.ACTIVE_DECISIONS,
    "fees_10k_yuan": labels.ACTIVE_FEE_AMOUNT,
}


def cell_name(address: str) -> str:
    """A Chinese name for any cell, table 2 included (表二「规章」行「本年制发件数」列)."""
    table, _, rest = address.partition(".")
    if table != "active":
        return cell_label(address)
    row, _, column = rest.partition(".")
    row_name = _ACTIVE_ROWS.get(row, row)
    column_name = _ACTIVE_COLUMNS.get(column, column) if column else _ACTIVE_SINGLE.get(row, "")
    return f"表二「{row_name}」行「{column_name}」列" if column_name else f"表二「{row_name}」行"


@dataclass(frozen=True, slots=True)
class Checked:
    """A report read, restored where the identities determine it, and checked."""

    report: AnnualReport
    restored: dict[str, int] = field(default_factory=dict)
    #: Missing after restoration (cells that printed text are not among them: see ``unreadable``).
    undetermined: tuple[str, ...] = ()
    findings: list[Finding] = field(default_factory=list)
    unreadable: dict[str, UnreadableCell] = field(default_factory=dict)
    inferred: dict[str, str] = field(default_factory=dict)
    pre_2019: Pre2019 | None = None
    meta_source: dict[str, str] = field(default_factory=dict)


def check_reading(reading: Reading | AnnualReport) -> Checked:
    """Restore, validate, and say what is missing or unreadable (M1, M2, N1) as errors."""
    if isinstance(reading, AnnualReport):
        reading = Reading(reading)
    if reading.pre_2019 is not None:
        return Checked(
            reading.report,
            findings=[pre_2019_finding(reading.pre_2019)],
            pre_2019=reading.pre_2019,
            meta_source=dict(reading.meta_source),
        )
    restoration = restore(reading.report)
    report, restored = restoration.report, dict(restoration.restored)
    bad = reading.unreadable
    if any(a in restored for a in bad):  # printed text is not a lost figure: it stays missing
        restored = {a: v for a, v in restored.items() if a not in bad}
        cells = {**report.cells, **dict.fromkeys(bad)}
        report = replace(report, cells=cells, restored=tuple(a for a in report.restored if a not in bad))
    findings = validate(report)
    # A conflict that stopped restoration is usually an identity finding validate() reports as well.
    seen = {(f.code, f.cells) for f in findings}
    findings += [f for f in restoration.conflicts if (f.code, f.cells) not in seen]
    undetermined = tuple(a for a in report.missing if a not in bad)
    findings += completeness_findings(
        report, undetermined, bad, reading.tables_found, blocked=bool(restoration.conflicts)
    )
    findings += inferred_findings(reading.inferred)
    return Checked(
        report,
        restored,
        undetermined,
        findings,
        dict(bad),
        dict(reading.inferred),
        meta_source=dict(reading.meta_source),
    )


def reading_extra(checked: Checked) -> dict[str, object]:
    """What the JSON of a reading adds to the report's own shape: ``inferred`` cells, ``pre_2019`` figures."""
    extra: dict[str, object] = {}
    if checked.inferred:
        extra["inferred"] = dict(checked.inferred)
    if checked.pre_2019 is not None:
        extra["pre_2019"] = checked.pre_2019.as_dict()
    if checked.meta_source:
        extra["metadata_from"] = dict(checked.meta_source)
    return extra


def pre_2019_finding(figures: Pre2019) -> Finding:
    said = "，".join(
        f"{FIGURE_LABELS[name]}{'未印出或无法读取' if value is None else value}"
        for name, value in (
            ("applications_received", figures.applications_received),
            ("applications_answered", figures.applications_answered),
        )
    )
    return Finding(
        "F8",
        "warning",
        (),
        f"这是2019年以前旧格式（2008年《条例》）的年度报告，其统计表与现行格式不同，不按现行格式的表二、表三、表四读取；"
        f"统计表中本年度的{said}。",
        "A pre-2019 report (2008 条例 format): its tables are not mapped onto today's format; "
        f"applications received {figures.applications_received}, answered {figures.applications_answered}.",
    )


def inferred_findings(inferred: dict[str, str]) -> list[Finding]:
    """S1: one warning per row (per group of 表四) whose cells only an identity cut from a run."""
    rows: dict[tuple[str, str], list[str]] = {}
    for address, run in inferred.items():
        rows.setdefault((_row_of(address), run), []).append(address)
    return [
        Finding(
            "S1",
            "warning",
            tuple(cells),
            f"{group_name(cells)}按“{run}”推断为0（计数不能为负），请与原文核对。"
            if run == SINGLE_OTHER_ZERO
            else f"{group_name(cells)}的数字连在一起印为「{run}」，按勾稽关系拆分（唯一符合的拆法），请与原文核对。",
            f"{', '.join(cells)}: printed run together as {run!r}; split by the table's identity (the only split that fits).",
        )
        for (_, run), cells in rows.items()
    ]


def _row_of(address: str) -> str:
    return address.rsplit(".", 1)[0] if address.count(".") > 1 else address


def completeness_findings(
    report: AnnualReport,
    undetermined: tuple[str, ...],
    unreadable: dict[str, UnreadableCell] | None = None,
    tables_found: dict[str, bool] | None = None,
    *,
    blocked: bool = False,
) -> list[Finding]:
    """M1 per missing table, N1 per cell printing text, M2 per row of missing undetermined cells.

    ``blocked``: restoration did not run because the printed figures already break an identity; the
    M2 findings then say so instead of blaming the identities for leaving the cells open.
    """
    unreadable = unreadable or {}
    missing = set(undetermined)
    findings: list[Finding] = []
    whole: set[str] = set()
    for table, name in TABLES.items():
        addresses = tuple(a for a in report.addresses if a.startswith(f"{table}."))
        if not addresses or not all(a in missing for a in addresses):
            continue
        whole.add(table)
        if tables_found is not None and not tables_found.get(table, False):
            why_zh, why_en = "报告中没有找到该表（可能以图片发布，或报告不完整）", "not found in the report"
        else:
            why_zh, why_en = "该表的数字全部为空", "every figure of it is blank"
        findings.append(
            Finding(
                "M1",
                "error",
                addresses,
                f"缺少{name}（{TABLE_TITLES[table]}）：{why_zh}，其中{len(addresses)}个数字无法确定。",
                f"{_TABLES_EN[table]} is missing: {why_en}; its {len(addresses)} figures are unknown.",
            )
        )
    runs: dict[tuple[str, str], list[str]] = {}
    rows_too_long: dict[str, list[str]] = {}
    for address, cell in unreadable.items():
        if cell.run_together:
            table = address.split(".")[0]
            runs.setdefault((table if table == "appeals" else _row_of(address), cell.text), []).append(
                address
            )
            continue
        if cell.reason:
            rows_too_long.setdefault(cell.reason, []).append(address)
            continue
        findings.append(
            Finding(
                "N1",
                "error",
                (address,),
                f"{cell_name(address)}填的是「{cell.text}」，不是数字；该格按缺失处理，不作推算。",
                f"{address} holds {cell.text!r}, not a figure; it is treated as missing and not restored.",
            )
        )
    for (_, run), cells in runs.items():
        findings.append(
            Finding(
                "N2",
                "error",
                tuple(cells),
                f"{group_name(cells)}的{len(cells)}个数字连在一起印为「{run}」，无法确定每个数字的位数（无分隔、勾稽关系也不能唯一确定）；"
                "这些格按缺失处理，不作推算。",
                f"{len(cells)} figures printed run together as {run!r}: the split is undetermined; treated as missing.",
            )
        )
    for reason, cells in rows_too_long.items():
        findings.append(
            Finding(
                "N3",
                "error",
                tuple(cells),
                f"{reason}该行按缺失处理，其余各行照常读取。",
                f"{len(cells)} cells: the row has more figures than columns; treated as missing.",
            )
        )
    groups: dict[str, list[str]] = {}
    for address in undetermined:
        if address.split(".")[0] not in whole:
            groups.setdefault(address.rpartition(".")[0] if address.count(".") > 1 else address, []).append(
                address
            )
    for cells in groups.values():
        findings.append(_missing_group(cells, blocked))
    return findings


def _missing_group(cells: list[str], blocked: bool = False) -> Finding:
    """One row's (表四: one group's) missing cells: 表三「（一）予以公开」行「自然人」「总计」列."""
    if blocked:
        why_zh, why_en = (
            "已印出的数字不符合勾稽关系（见其他错误），未作推算",
            "not restored: the printed figures break an identity",
        )
    else:
        why_zh, why_en = "按勾稽关系也无法推算", "not determined by the identities"
    return Finding(
        "M2",
        "error",
        tuple(cells),
        f"{group_name(cells)}缺少{len(cells)}个数字，{why_zh}。",
        f"{len(cells)} figure(s) missing, {why_en}: {', '.join(cells)}.",
    )


def group_name(cells: list[str]) -> str:
    """The cells of one row (or one 表四 group) named once by their row and each by its column."""
    table, _, rest = cells[0].partition(".")
    if table == "requests":
        row = rest.rpartition(".")[0]
        columns = "".join(f"「{labels.REQUEST_COLUMNS[a.rpartition('.')[2]]}」" for a in cells)
        return f"表三「{row_label(row)}」行{columns}列"
    if table == "appeals":
        if len(cells) == len(APPEAL_ADDRESSES):
            return "表四（全部15个数字）"
        group = rest.partition(".")[0]
        columns = "".join(f"「{labels.APPEAL_COLUMNS[a.rpartition('.')[2]]}」" for a in cells)
        return f"表四「{labels.APPEAL_GROUPS[group]}」{columns}"
    if len(cells) == 1:
        return cell_name(cells[0])
    row = rest.partition(".")[0]
    columns = "".join(f"「{_ACTIVE_COLUMNS.get(a.rpartition('.')[2], a)}」" for a in cells)
    return f"表二「{_ACTIVE_ROWS.get(row, row)}」行{columns}列"
