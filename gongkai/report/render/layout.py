"""The report laid out once, format-neutral: every renderer walks this.

Each table is described as rows of cells carrying rowspan/colspan exactly like the official template
of the 2021 format (国办公开办函〔2021〕30号) or the 2019 trial format. A cell covered by a merged
cell does not appear in its row (HTML semantics); ``grid()`` expands a table into a full rectangle
for formats without merges (Markdown) and for tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Literal

from gongkai import labels
from gongkai.report.model import (
    APPEAL_COLUMN_KEYS,
    APPEAL_GROUP_KEYS,
    REQUEST_COLUMN_KEYS,
    AnnualReport,
    Value,
    appeal_address,
    outcome_row_keys,
    request_address,
)

Scope = Literal["col", "colgroup", "row", "rowgroup"]

#: Shown with restored cells (HTML title, XLSX comment, footnotes): the figure was not printed.
RESTORED_NOTE = "据勾稽关系推算"
TABLE_CAPTIONS = {
    "active": "主动公开政府信息情况",
    "requests": "收到和处理政府信息公开申请情况",
    "appeals": "政府信息公开行政复议、行政诉讼情况",
}


@dataclass(frozen=True, slots=True)
class LayoutCell:
    text: str = ""
    rowspan: int = 1
    colspan: int = 1
    header: bool = False
    scope: Scope | None = None
    address: str | None = None
    value: Value = None
    restored: bool = False

    @property
    def is_number(self) -> bool:
        return self.address is not None


@dataclass(frozen=True, slots=True)
class LayoutTable:
    key: str  # active | requests | appeals
    caption: str
    width: int
    #: Leading rows that form the column header (repeated on every printed page).
    header_rows: int
    rows: tuple[tuple[LayoutCell, ...], ...]

    @property
    def restored_count(self) -> int:
        return sum(c.restored for row in self.rows for c in row)


@dataclass(frozen=True, slots=True)
class Section:
    heading: str
    paragraphs: tuple[str, ...] = ()
    table: LayoutTable | None = None


@dataclass(frozen=True, slots=True)
class ReportLayout:
    title: str
    preamble: tuple[str, ...]
    sections: tuple[Section, ...] = field(default_factory=tuple)

    @property
    def tables(self) -> tuple[LayoutTable, ...]:
        return tuple(s.table for s in self.sections if s.table is not None)


# ── values ──────────────────────────────────────────────────────────────────────────────────


def format_value(value: Value) -> str:
    """How a figure is printed: missing is an empty cell (never 0); amounts exactly as given."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        text = format(value, "f")
        return text
    return str(value)


def report_title(report: AnnualReport) -> str:
    if report.title:
        return report.title
    agency = report.agency or ""
    year = f"{report.year}年" if report.year is not None else ""
    return f"{agency}{year}政府信息公开工作年度报告"


def preamble(report: AnnualReport) -> tuple[str, ...]:
    # The usual opening sentence: the report rests on 条例 第五十条 and the national format.
    period = f"本报告数据统计期限为{report.year}年1月1日至{report.year}年12月31日。" if report.year else ""
    return (
        "根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作"
        f"年度报告格式》的要求，编制本年度报告。{period}",
    )


def paragraphs(text: str | None) -> tuple[str, ...]:
    if not text:
        return ()
    return tuple(p.strip() for p in text.splitlines() if p.strip())


# ── the whole report ────────────────────────────────────────────────────────────────────────


def report_layout(report: AnnualReport) -> ReportLayout:
    narrative = report.narrative
    sections = (
        Section(labels.SECTION_GENERAL, paragraphs(narrative.general)),
        Section(labels.SECTION_ACTIVE, table=active_table(report)),
        Section(labels.SECTION_REQUESTS, table=requests_table(report)),
        Section(labels.SECTION_APPEALS, table=appeals_table(report)),
        Section(labels.SECTION_PROBLEMS, paragraphs(narrative.problems)),
        Section(labels.SECTION_OTHER, paragraphs(narrative.other)),
    )
    return ReportLayout(report_title(report), preamble(report), sections)


# ── cell helpers ────────────────────────────────────────────────────────────────────────────


def _head(text: str, *, rowspan: int = 1, colspan: int = 1, scope: Scope | None = "col") -> LayoutCell:
    return LayoutCell(text, rowspan, colspan, header=True, scope=scope)


def _row_head(text: str, *, rowspan: int = 1, colspan: int = 1) -> LayoutCell:
    return LayoutCell(text, rowspan, colspan, header=True, scope="rowgroup" if rowspan > 1 else "row")


def _figure(report: AnnualReport, address: str, *, colspan: int = 1) -> LayoutCell:
    value = report.get(address)
    return LayoutCell(
        format_value(value), 1, colspan, address=address, value=value, restored=address in report.restored
    )


# ── table 2 ─────────────────────────────────────────────────────────────────────────────────

_Block = tuple[str, tuple[str, ...], tuple[tuple[str, tuple[str, ...]], ...]]


def _blocks_2021() -> tuple[_Block, ...]:
    documents = (labels.ACTIVE_ISSUED, labels.ACTIVE_REPEALED, labels.ACTIVE_IN_FORCE)
    doc_columns = ("issued", "repealed", "in_force")
    return (
        (
            labels.ACTIVE_BLOCK_1,
            documents,
            (
                (labels.ACTIVE_RULES, tuple(f"active.rules.{c}" for c in doc_columns)),
                (labels.ACTIVE_NORMATIVE, tuple(f"active.normative_documents.{c}" for c in doc_columns)),
            ),
        ),
        (
            labels.ACTIVE_BLOCK_5,
            (labels.ACTIVE_DECISIONS,),
            ((labels.ACTIVE_LICENSING, ("active.licensing",)),),
        ),
        (
            labels.ACTIVE_BLOCK_6,
            (labels.ACTIVE_DECISIONS,),
            (
                (labels.ACTIVE_PENALTY, ("active.penalty",)),
                (labels.ACTIVE_COERCION, ("active.coercion",)),
            ),
        ),
        (
            labels.ACTIVE_BLOCK_8,
            (labels.ACTIVE_FEE_AMOUNT,),
            ((labels.ACTIVE_FEES, ("active.fees_10k_yuan",)),),
        ),
    )


def _blocks_2019() -> tuple[_Block, ...]:
    def three(key: str, columns: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(f"active.{key}.{c}" for c in columns)

    docs = ("made", "published", "total_public")
    services = ("previous_items", "change", "decisions")
    service_heads = (
        labels.ACTIVE_2019_PREVIOUS_ITEMS,
        labels.ACTIVE_2019_CHANGE,
        labels.ACTIVE_2019_DECISIONS,
    )
    return (
        (
            labels.ACTIVE_BLOCK_1,
            (labels.ACTIVE_2019_MADE, labels.ACTIVE_2019_PUBLISHED, labels.ACTIVE_2019_TOTAL_PUBLIC),
            (
                (labels.ACTIVE_RULES, three("rules", docs)),
                (labels.ACTIVE_2019_NORMATIVE, three("normative_documents", docs)),
            ),
        ),
        (
            labels.ACTIVE_BLOCK_5,
            service_heads,
            (
                (labels.ACTIVE_LICENSING, three("licensing", services)),
                (labels.ACTIVE_2019_OTHER_SERVICES, three("other_services", services)),
            ),
        ),
        (
            labels.ACTIVE_BLOCK_6,
            service_heads,
            (
                (labels.ACTIVE_PENALTY, three("penalty", services)),
                (labels.ACTIVE_COERCION, three("coercion", services)),
            ),
        ),
        (
            labels.ACTIVE_BLOCK_8,
            (labels.ACTIVE_2019_PREVIOUS_ITEMS, labels.ACTIVE_2019_CHANGE),
            ((labels.ACTIVE_FEES, ("active.fees.previous_items", "active.fees.change")),),
        ),
        (
            labels.ACTIVE_BLOCK_9,
            (labels.ACTIVE_2019_PROCUREMENT_ITEMS, labels.ACTIVE_2019_PROCUREMENT_AMOUNT),
            (
                (
                    labels.ACTIVE_2019_PROCUREMENT,
                    ("active.procurement.items", "active.procurement.amount_10k_yuan"),
                ),
            ),
        ),
    )


def _spans(count: int, width: int) -> tuple[int, ...]:
    """Column spans of ``count`` cells over ``width`` data columns: the last one takes the rest."""
    return (1,) * (count - 1) + (width - count + 1,)


def active_table(report: AnnualReport) -> LayoutTable:
    """Table 2: blocks headed by a one-cell 第二十条第（…）项 row, a 信息内容 header row, then data rows."""
    data_width = 3
    rows: list[tuple[LayoutCell, ...]] = []
    blocks = _blocks_2021() if report.format == "2021" else _blocks_2019()
    for block, heads, data_rows in blocks:
        rows.append((_head(block, colspan=data_width + 1, scope="colgroup"),))
        spans = _spans(len(heads), data_width)
        rows.append(
            (_head(labels.ACTIVE_CONTENT), *(_head(h, colspan=s) for h, s in zip(heads, spans, strict=True)))
        )
        for label, addresses in data_rows:
            rows.append(
                (
                    _row_head(label),
                    *(_figure(report, a, colspan=s) for a, s in zip(addresses, spans, strict=True)),
                )
            )
    return LayoutTable("active", TABLE_CAPTIONS["active"], data_width + 1, 0, tuple(rows))


# ── table 3 ─────────────────────────────────────────────────────────────────────────────────

_LABEL_COLUMNS = 3


def _request_figures(report: AnnualReport, row: str) -> tuple[LayoutCell, ...]:
    return tuple(_figure(report, request_address(row, c)) for c in REQUEST_COLUMN_KEYS)


def _request_label(row: str) -> str:
    if row == "other":  # the 2019 trial format's single （六）其他处理 row
        return labels.REQUEST_ROW_OTHER_2019[1]
    return labels.REQUEST_ROWS[row]


def requests_table(report: AnnualReport) -> LayoutTable:
    """Table 3: three header rows under the note cell, grouped row headers merged over their sub-rows."""
    columns = labels.REQUEST_COLUMNS
    org_labels = [columns[c] for c in REQUEST_COLUMN_KEYS[1:6]]
    header = (
        (
            _head(labels.REQUESTS_NOTE, rowspan=3, colspan=_LABEL_COLUMNS, scope=None),
            _head(labels.REQUESTS_APPLICANT, colspan=7, scope="colgroup"),
        ),
        (
            _head(columns["natural_person"], rowspan=2),
            _head(labels.REQUESTS_ORGS, colspan=5, scope="colgroup"),
            _head(columns["total"], rowspan=2),
        ),
        tuple(_head(label) for label in org_labels),
    )
    rows: list[tuple[LayoutCell, ...]] = list(header)
    for row in ("new", "carried_over"):
        rows.append((_row_head(_request_label(row), colspan=_LABEL_COLUMNS), *_request_figures(report, row)))
    outcomes = outcome_row_keys(report.format)
    first = True
    for group, members in _outcome_groups(outcomes):
        leading: list[LayoutCell] = []
        if first:
            # 三、本年度办理结果 spans every outcome row and （七）总计.
            leading.append(_row_head(labels.REQUEST_GROUPS["outcomes"], rowspan=len(outcomes) + 1))
            first = False
        if group is None:
            row = members[0]
            rows.append((*leading, _row_head(_request_label(row), colspan=2), *_request_figures(report, row)))
            continue
        for n, row in enumerate(members):
            group_cell = [_row_head(labels.REQUEST_GROUPS[group], rowspan=len(members))] if n == 0 else []
            lead = leading if n == 0 else []
            rows.append((*lead, *group_cell, _row_head(_request_label(row)), *_request_figures(report, row)))
    rows.append((_row_head(_request_label("total"), colspan=2), *_request_figures(report, "total")))
    rows.append(
        (
            _row_head(_request_label("carried_forward"), colspan=_LABEL_COLUMNS),
            *_request_figures(report, "carried_forward"),
        )
    )
    return LayoutTable("requests", TABLE_CAPTIONS["requests"], _LABEL_COLUMNS + 7, 3, tuple(rows))


def _outcome_groups(outcomes: Sequence[str]) -> list[tuple[str | None, list[str]]]:
    """Outcome rows in order, grouped by their merged group label (``None``: a row of its own)."""
    groups: list[tuple[str | None, list[str]]] = []
    for row in outcomes:
        group = row.split(".")[0] if "." in row else None
        if group is not None and groups and groups[-1][0] == group:
            groups[-1][1].append(row)
        else:
            groups.append((group, [row]))
    return groups


# ── table 4 ─────────────────────────────────────────────────────────────────────────────────


def appeals_table(report: AnnualReport) -> LayoutTable:
    """Table 4: 行政复议 (5) | 行政诉讼 (10, split 未经复议直接起诉 / 复议后起诉), then the five results each."""
    groups = labels.APPEAL_GROUPS
    column_labels = [labels.APPEAL_COLUMNS[c] for c in APPEAL_COLUMN_KEYS]
    header = (
        (
            _head(labels.APPEALS_RECONSIDERATION, rowspan=2, colspan=5, scope="colgroup"),
            _head(labels.APPEALS_LITIGATION, colspan=10, scope="colgroup"),
        ),
        (
            _head(groups["litigation_direct"], colspan=5, scope="colgroup"),
            _head(groups["litigation_after_reconsideration"], colspan=5, scope="colgroup"),
        ),
        tuple(_head(label) for _ in APPEAL_GROUP_KEYS for label in column_labels),
    )
    data = tuple(_figure(report, appeal_address(g, c)) for g in APPEAL_GROUP_KEYS for c in APPEAL_COLUMN_KEYS)
    return LayoutTable("appeals", TABLE_CAPTIONS["appeals"], 15, 3, (*header, data))


# ── expanding merges ────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Placed:
    """A cell at its top-left grid position."""

    row: int
    column: int
    cell: LayoutCell


def placed_cells(table: LayoutTable) -> list[Placed]:
    """Every cell with its grid position, honouring the rowspans of rows above (HTML table model)."""
    occupied: set[tuple[int, int]] = set()
    result: list[Placed] = []
    for r, row in enumerate(table.rows):
        column = 0
        for cell in row:
            while (r, column) in occupied:
                column += 1
            result.append(Placed(r, column, cell))
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    occupied.add((r + dr, column + dc))
            column += cell.colspan
    return result


def grid(table: LayoutTable, *, repeat: bool = False, labels_last: bool = False) -> list[list[str]]:
    """The table as a full rectangle of texts; covered positions are blank unless ``repeat``.

    ``labels_last`` puts a row label merged over several columns in the *last* of them, so the
    figures follow their label directly (what readers of unmerged pipe tables expect).
    """
    rows = [["" for _ in range(table.width)] for _ in table.rows]
    for placed in placed_cells(table):
        cell = placed.cell
        anchor = (0, cell.colspan - 1) if labels_last and cell.scope in ("row", "rowgroup") else (0, 0)
        for dr in range(cell.rowspan):
            for dc in range(cell.colspan):
                if repeat or (dr, dc) == anchor:
                    rows[placed.row + dr][placed.column + dc] = cell.text
    return rows
