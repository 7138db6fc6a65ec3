"""HTML: a complete, accessible page (lang, caption, th scope, real rowspan/colspan), print CSS."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from importlib import resources

from gongkai.report.findings import Finding
from gongkai.report.model import AnnualReport
from gongkai.report.render.layout import RESTORED_NOTE, LayoutCell, LayoutTable, Section, report_layout


def stylesheet() -> str:
    return resources.files("gongkai.report.render").joinpath("report.css").read_text(encoding="utf-8")


def render_html(report: AnnualReport, findings: Sequence[Finding] = ()) -> str:
    layout = report_layout(report)
    body = [f"<h1>{escape(layout.title)}</h1>", *(_paragraph(p) for p in layout.preamble)]
    for number, section in enumerate(layout.sections, start=1):
        body.append(_section(section, number))
    if findings:
        body.append(_findings(findings))
    return (
        "<!DOCTYPE html>\n"
        '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(layout.title)}</title>\n<style>\n{stylesheet()}</style>\n</head>\n"
        f"<body>\n<main>\n{chr(10).join(body)}\n</main>\n</body>\n</html>\n"
    )


def _paragraph(text: str, css_class: str | None = None) -> str:
    attribute = f' class="{css_class}"' if css_class else ""
    return f"<p{attribute}>{escape(text)}</p>"


def _section(section: Section, number: int) -> str:
    heading_id = f"section-{number}"
    parts = [
        f'<section aria-labelledby="{heading_id}">',
        f'<h2 id="{heading_id}">{escape(section.heading)}</h2>',
    ]
    parts += [_paragraph(p) for p in section.paragraphs]
    if section.table is not None:
        parts.append(html_table(section.table))
        if section.table.restored_count:
            parts.append(_paragraph(f"注：底色标注的数字原报告缺失，{RESTORED_NOTE}。", "note"))
    parts.append("</section>")
    return "\n".join(parts)


def html_table(table: LayoutTable, *, inline_widths: bool = True) -> str:
    """``inline_widths=False``: bare ``<col>`` elements, the widths left to the page's stylesheet (the
    platform's pages allow no ``style=`` attributes under their Content-Security-Policy)."""
    head = table.rows[: table.header_rows]
    body = table.rows[table.header_rows :]
    lines = [
        f'<div class="table-scroll" role="region" tabindex="0" aria-label="{escape(table.caption)}">',
        f'<table class="{table.key}">',
        f"<caption>{escape(table.caption)}</caption>",
    ]
    widths = _COLUMN_WIDTHS.get(table.key)
    if widths:
        cols = (f'<col style="width:{w}%">' if inline_widths else "<col>" for w in widths)
        lines.append("<colgroup>" + "".join(cols) + "</colgroup>")
    if head:
        lines += ["<thead>", *(_row(r) for r in head), "</thead>"]
    lines += ["<tbody>", *(_row(r) for r in body), "</tbody>", "</table>", "</div>"]
    return "\n".join(lines)


#: Percent widths: label columns as wide as the labels need, figure columns equal.
_COLUMN_WIDTHS: dict[str, tuple[float, ...]] = {
    "active": (28, 24, 24, 24),
    "requests": (7, 9, 30, *(7.7,) * 7),
    "appeals": (6.66,) * 15,
}


def _row(cells: Sequence[LayoutCell]) -> str:
    return "<tr>" + "".join(_cell(c) for c in cells) + "</tr>"


def _cell(cell: LayoutCell) -> str:
    attributes = []
    if cell.rowspan > 1:
        attributes.append(f'rowspan="{cell.rowspan}"')
    if cell.colspan > 1:
        attributes.append(f'colspan="{cell.colspan}"')
    if cell.header:
        if cell.scope:
            attributes.append(f'scope="{cell.scope}"')
        else:
            attributes.append('class="note"')
        tag = "th"
    else:
        tag = "td"
        if cell.restored:
            attributes += ['class="restored"', f'title="{RESTORED_NOTE}"']
        if cell.address:
            attributes.append(f'data-address="{escape(cell.address)}"')
    joined = (" " + " ".join(attributes)) if attributes else ""
    return f"<{tag}{joined}>{escape(cell.text)}</{tag}>"


def _findings(findings: Sequence[Finding]) -> str:
    items = "".join(
        f'<li class="{f.severity}">〔{escape(f.code)}〕{escape(f.message)}</li>' for f in findings
    )
    return f'<section class="findings" aria-labelledby="findings"><h2 id="findings">核查发现</h2><ul>{items}</ul></section>'


def render_bytes(report: AnnualReport, *, findings: Sequence[Finding] = ()) -> bytes:
    return render_html(report, findings).encode("utf-8")
