"""The seed's table 3 laid out after the official template (spec §3): the header note spans three
columns and three rows, 三、本年度办理结果 spans the 22 outcome rows, each group label spans its leaves.
Shared by the grid readers' tests (HTML, DOCX, XLSX) and the DOCX layout tests; figures from
``seed_truth`` (typed by hand from the fixture)."""

from __future__ import annotations

from gongkai import labels
from gongkai.report.document import Cell
from tests.core.seed_truth import REQUEST_ROWS

GROUP_SIZES = {"withheld": 8, "unable": 3, "not_processed": 5, "other": 3}


def _values(row: str, *, lose: set[tuple[str, int]]) -> list[Cell]:
    return [Cell("" if (row, n) in lose else str(v)) for n, v in enumerate(REQUEST_ROWS[row])]


def table3(lose: set[tuple[str, int]] = frozenset()) -> list[list[Cell]]:
    rows: list[list[Cell]] = [
        [Cell(labels.REQUESTS_NOTE, rowspan=3, colspan=3), Cell(labels.REQUESTS_APPLICANT, colspan=7)],
        [Cell("自然人", rowspan=2), Cell(labels.REQUESTS_ORGS, colspan=5), Cell("总计", rowspan=2)],
        [Cell(c) for c in ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")],
    ]
    for key, label in labels.REQUEST_ROWS.items():
        values = _values(key, lose=lose)
        group = key.split(".")[0] if "." in key else None
        if key in ("new", "carried_over", "carried_forward"):
            rows.append([Cell(label, colspan=3), *values])
        elif key == "granted":
            rows.append(
                [Cell(labels.REQUEST_GROUPS["outcomes"], rowspan=22), Cell(label, colspan=2), *values]
            )
        elif group is None:
            rows.append([Cell(label, colspan=2), *values])
        elif label.startswith("1."):
            rows.append(
                [Cell(labels.REQUEST_GROUPS[group], rowspan=GROUP_SIZES[group]), Cell(label), *values]
            )
        else:
            rows.append([Cell(label), *values])
    return rows
