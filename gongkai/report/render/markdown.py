"""Markdown: headings and pipe tables; a merged cell's text sits in its first position, the rest blank."""

from __future__ import annotations

from collections.abc import Sequence

from gongkai.report.findings import Finding
from gongkai.report.model import AnnualReport
from gongkai.report.render.layout import RESTORED_NOTE, LayoutTable, grid, report_layout


def render_markdown(report: AnnualReport, findings: Sequence[Finding] = ()) -> str:
    layout = report_layout(report)
    lines = [f"# {layout.title}", "", *_paragraphs(layout.preamble)]
    for section in layout.sections:
        lines += [f"## {section.heading}", "", *_paragraphs(section.paragraphs)]
        if section.table is not None:
            lines += [*pipe_table(section.table), ""]
            if section.table.restored_count:
                lines += [
                    f"注：本表{'、'.join(_restored_positions(section.table))}的数字原报告缺失，{RESTORED_NOTE}。",
                    "",
                ]
    if findings:
        lines += ["## 核查发现", ""]
        lines += [f"- 〔{f.code}〕{f.message}" for f in findings]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def _paragraphs(texts: Sequence[str]) -> list[str]:
    out: list[str] = []
    for text in texts:
        out += [text, ""]
    return out


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def pipe_table(table: LayoutTable) -> list[str]:
    rows = grid(table, labels_last=True)
    out = [_pipe(rows[0]), _pipe(["---"] * table.width)]
    out += [_pipe(row) for row in rows[1:]]
    return out


def _pipe(cells: Sequence[str]) -> str:
    return "| " + " | ".join(_escape(c) for c in cells) + " |"


def _restored_positions(table: LayoutTable) -> list[str]:
    # Positions by row and column number, so no official label is repeated outside the table.
    from gongkai.report.render.layout import placed_cells

    return [f"第{p.row + 1}行第{p.column + 1}列" for p in placed_cells(table) if p.cell.restored]


def render_bytes(report: AnnualReport, *, findings: Sequence[Finding] = ()) -> bytes:
    return render_markdown(report, findings).encode("utf-8")
