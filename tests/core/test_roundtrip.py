"""Every output format read back: the figures come out exactly as they went in.

Two independent ways back: a minimal grid reading written here (rows found by their official
label, figures taken by position) and the project's readers (``read_report``).
"""

from __future__ import annotations

import io
import json
import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from lxml import html as lxml_html

from gongkai import labels
from gongkai.report.model import AnnualReport, Value
from gongkai.report.read import read_report
from gongkai.report.render import render
from gongkai.report.render.json import report_from_dict
from tests.core import seed_truth
from tests.core.seed_truth import seed_as_2019, seed_report
from tests.core.strategies import consistent_reports

GRID_FORMATS = ("md", "html", "xlsx", "docx")
Grid = list[list[str]]

# ── minimal readers: each output as a list of table grids (rows of cell texts) ────────────────


def html_grids(data: bytes) -> list[Grid]:
    root = lxml_html.fromstring(data)
    grids = []
    for table in root.iter("table"):
        taken: dict[tuple[int, int], str] = {}
        for r, tr in enumerate(table.iter("tr")):
            c = 0
            for cell in tr:
                if cell.tag not in ("td", "th"):
                    continue
                while (r, c) in taken:
                    c += 1
                rowspan, colspan = int(cell.get("rowspan", 1)), int(cell.get("colspan", 1))
                for dr in range(rowspan):
                    for dc in range(colspan):
                        taken[(r + dr, c + dc)] = cell.text_content().strip() if (dr, dc) == (0, 0) else ""
                c += colspan
        height = max(r for r, _ in taken) + 1
        width = max(c for _, c in taken) + 1
        grids.append([[taken.get((r, c), "") for c in range(width)] for r in range(height)])
    return grids


def markdown_grids(data: bytes) -> list[Grid]:
    grids: list[Grid] = []
    current: Grid = []
    for line in data.decode("utf-8").splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            if not all(set(c) <= {"-"} and c for c in cells):
                current.append(cells)
        elif current:
            grids.append(current)
            current = []
    if current:
        grids.append(current)
    return grids


def xlsx_grids(data: bytes) -> list[Grid]:
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data))
    return [
        [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        for sheet in workbook.worksheets
    ]


def docx_grids(data: bytes) -> list[Grid]:
    import docx

    document = docx.Document(io.BytesIO(data))
    grids = []
    for table in document.tables:
        grid = []
        for row in table.rows:
            seen: set[int] = set()
            texts = []
            for cell in row.cells:  # python-docx repeats a merged cell at every position: keep the first
                texts.append("" if id(cell._tc) in seen else cell.text.strip())
                seen.add(id(cell._tc))
            grid.append(texts)
        grids.append(grid)
    return grids


GRID_READERS = {"md": markdown_grids, "html": html_grids, "xlsx": xlsx_grids, "docx": docx_grids}

# ── figures by official label (typed here from the spec, not from the renderer) ─────────────

_ACTIVE_2021 = {
    "规章": ("active.rules.issued", "active.rules.repealed", "active.rules.in_force"),
    "行政规范性文件": (
        "active.normative_documents.issued",
        "active.normative_documents.repealed",
        "active.normative_documents.in_force",
    ),
    "行政许可": ("active.licensing",),
    "行政处罚": ("active.penalty",),
    "行政强制": ("active.coercion",),
    "行政事业性收费": ("active.fees_10k_yuan",),
}
_SERVICES = ("previous_items", "change", "decisions")
_ACTIVE_2019 = {
    "规章": ("active.rules.made", "active.rules.published", "active.rules.total_public"),
    "规范性文件": (
        "active.normative_documents.made",
        "active.normative_documents.published",
        "active.normative_documents.total_public",
    ),
    **{
        label: tuple(f"active.{key}.{c}" for c in _SERVICES)
        for label, key in (
            ("行政许可", "licensing"),
            ("其他对外管理服务事项", "other_services"),
            ("行政处罚", "penalty"),
            ("行政强制", "coercion"),
        )
    },
    "行政事业性收费": ("active.fees.previous_items", "active.fees.change"),
    "政府集中采购": ("active.procurement.items", "active.procurement.amount_10k_yuan"),
}
_COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_services",
    "other_org",
    "total",
)
_APPEALS = [
    f"appeals.{g}.{c}"
    for g in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
    for c in ("upheld", "corrected", "other", "pending", "total")
]


def figures(grids: list[Grid], fmt: str) -> dict[str, str]:
    rows_by_label = {**{v: k for k, v in labels.REQUEST_ROWS.items()}, "（六）其他处理": "other"}
    active = _ACTIVE_2021 if fmt == "2021" else _ACTIVE_2019
    found: dict[str, str] = {}
    for grid in grids:
        for n, row in enumerate(grid):
            if row and row[0] in active:
                values = row[1:]
                for address, value in zip(active[row[0]], values, strict=False):
                    found[address] = value
            request_labels = [c for c in row if c in rows_by_label]
            if request_labels and (fmt == "2019" or request_labels[-1] != "（六）其他处理"):
                key = rows_by_label[request_labels[-1]]
                for column, value in zip(_COLUMNS, row[-7:], strict=True):
                    found[f"requests.{key}.{column}"] = value
            if row and row[0] == "结果维持" and n + 1 < len(grid):
                found.update(zip(_APPEALS, grid[n + 1][-15:], strict=True))
    return found


def _number(text: str) -> Decimal | None:
    return Decimal(text) if text.strip() else None


def _as_decimal(value: Value) -> Decimal | None:
    return None if value is None else Decimal(value)


def assert_grid_figures(report: AnnualReport, data: bytes, out_format: str) -> None:
    found = figures(GRID_READERS[out_format](data), report.format)
    assert set(found) == set(report.cells)
    wrong = {a: (v, found[a]) for a, v in report.cells.items() if _as_decimal(v) != _number(found[a])}
    assert not wrong


def assert_reads_back(report: AnnualReport, data: bytes, out_format: str) -> None:
    back = read_report(data, name=f"report.{out_format}")
    wrong = {a: (v, back.cells[a]) for a, v in report.cells.items() if back.cells[a] != v}
    assert not wrong
    assert (back.format, back.agency, back.year) == (report.format, report.agency, report.year)


# ── the seed ──────────────────────────────────────────────────────────────────────────────────

SEEDS = {
    "seed": seed_report(with_lost_cells=True),
    "seed-lost-cells": seed_report(with_lost_cells=False),
    "seed-2019": seed_as_2019(),
}


@pytest.mark.parametrize("out_format", GRID_FORMATS)
@pytest.mark.parametrize("name", SEEDS)
def test_the_seed_figures_come_back_from_every_grid_format(name: str, out_format: str) -> None:
    report = SEEDS[name]
    data = render(report, out_format)
    assert_grid_figures(report, data, out_format)


@pytest.mark.parametrize("out_format", (*GRID_FORMATS, "json"))
@pytest.mark.parametrize("name", SEEDS)
def test_the_project_readers_read_the_rendered_seed_back(name: str, out_format: str) -> None:
    report = SEEDS[name]
    assert_reads_back(report, render(report, out_format), out_format)


def test_the_seed_keeps_its_missing_cells_missing_in_every_format() -> None:
    report = seed_report(with_lost_cells=False)
    for out_format in GRID_FORMATS:
        found = figures(GRID_READERS[out_format](render(report, out_format)), "2021")
        for address in seed_truth.LOST_CELLS:
            assert found[address] == "", (out_format, address)
    d = json.loads(render(report, "json"))
    assert d["requests"]["new"][6] is None


def test_restored_cells_read_back_as_the_same_numbers() -> None:
    report = seed_report(with_lost_cells=False).with_cells(
        seed_truth.LOST_CELLS, restored=seed_truth.LOST_CELLS
    )
    for out_format in GRID_FORMATS:
        found = figures(GRID_READERS[out_format](render(report, out_format)), "2021")
        assert found["requests.new.total"] == "10121", out_format
        assert found["requests.partly_granted.total"] == "1424", out_format


def test_a_fractional_fee_reads_back_exactly() -> None:
    report = seed_report(with_lost_cells=True).with_cells({"active.fees_10k_yuan": Decimal("2.02")})
    for out_format in GRID_FORMATS:
        data = render(report, out_format)
        assert _number(figures(GRID_READERS[out_format](data), "2021")["active.fees_10k_yuan"]) == Decimal(
            "2.02"
        )
        assert read_report(data, name=f"r.{out_format}").get("active.fees_10k_yuan") == Decimal("2.02")


# ── properties ────────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("out_format", GRID_FORMATS)
@settings(max_examples=20, deadline=None)
@given(report=consistent_reports("2021"))
def test_a_random_2021_report_renders_and_reads_back_unchanged(out_format: str, report: AnnualReport) -> None:
    data = render(report, out_format)
    assert_grid_figures(report, data, out_format)
    assert_reads_back(report, data, out_format)


@pytest.mark.parametrize("out_format", GRID_FORMATS)
@settings(max_examples=8, deadline=None)
@given(report=consistent_reports("2019"))
def test_a_random_2019_report_renders_and_reads_back_unchanged(out_format: str, report: AnnualReport) -> None:
    data = render(report, out_format)
    assert_grid_figures(report, data, out_format)
    assert_reads_back(report, data, out_format)


@settings(max_examples=25, deadline=None)
@given(report=consistent_reports("2021", narrative=True))
def test_a_random_narrative_comes_back_from_json_unchanged(report: AnnualReport) -> None:
    assert report_from_dict(json.loads(render(report, "json"))) == report
