"""Publishing styles: one report written the ways agencies and mirror sites really publish it.

Every style walks the renderers' layout (``render.layout``) so rows, merges and labels are the
official ones; the style adds what real pages add (spec §6): site templates around the report
(nested layout tables, navigation, footers with digits), cells wrapped in p/span/font, GBK pages,
table 2 split into one table per block under its own heading, Word's HTML export, unruled PDFs with
running headers and page numbers, and text dumps with every quirk of §6 injected.

A style is a function ``(report, rng) -> bytes``; ``STYLES`` maps its name to the file suffix, the
function, and whether the style loses a table's structure (then only trailing cells may be blank:
a blank in the middle of a one-cell-per-line dump cannot be placed by anyone).
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal
from functools import cache
from html import escape
from typing import Protocol

from gongkai.report.model import AnnualReport, Value
from gongkai.report.render.layout import (
    LayoutCell,
    LayoutTable,
    ReportLayout,
    format_value,
    grid,
    placed_cells,
    report_layout,
)

_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_MISSING_MARKS = ("", "/", "-", "—")
#: Header cells that real dumps break over two lines (spec §6, "商业/企业").
_SPLIT_HEADERS = {
    "商业企业": 2,
    "科研机构": 2,
    "社会公益组织": 4,
    "法律服务机构": 4,
    "结果维持": 2,
    "结果纠正": 2,
    "其他结果": 2,
    "尚未审结": 2,
}


# ── figures as printed ────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Quirks:
    """Per-file habits of the publisher: how figures and blanks are printed, how labels look."""

    thousands: bool = False
    full_width: bool = False
    unit_suffix: bool = False
    missing_mark: str = ""
    ascii_punctuation: bool = False
    traditional: bool = False
    spaced_labels: bool = False
    split_headers: bool = False

    @classmethod
    def draw(cls, rng: random.Random, *, text: bool) -> Quirks:
        def maybe(p: float) -> bool:
            return rng.random() < p

        return cls(
            thousands=maybe(0.3),
            full_width=maybe(0.15),
            unit_suffix=maybe(0.15),
            missing_mark=rng.choice(_MISSING_MARKS),
            ascii_punctuation=text and maybe(0.3),
            traditional=text and maybe(0.15),
            spaced_labels=maybe(0.2),
            split_headers=text and maybe(0.5),
        )


def figure_text(value: Value, address: str | None, quirks: Quirks, rng: random.Random) -> str:
    """A figure as this publisher prints it: separators, full-width digits, "124件"; blanks as marks."""
    if value is None:
        return quirks.missing_mark
    if isinstance(value, Decimal):
        text = format(value, "f")
        whole, _, fraction = text.partition(".")
        if quirks.thousands and abs(value) >= 1000:
            whole = f"{int(whole):,}"
        text = whole + (f".{fraction}" if fraction else "")
    else:
        text = f"{value:,}" if quirks.thousands and abs(value) >= 1000 and rng.random() < 0.7 else str(value)
    if quirks.full_width and rng.random() < 0.5:
        text = text.translate(_FULL_WIDTH)
    is_count = address is not None and (address.startswith(("requests.", "appeals.")))
    if quirks.unit_suffix and is_count and rng.random() < 0.5:
        text += "件"
    return text


def _label(text: str, quirks: Quirks) -> str:
    if quirks.spaced_labels and text in ("规章", "总计", "其他"):
        return " ".join(text)
    return text


def _cell_text(cell: LayoutCell, quirks: Quirks, rng: random.Random) -> str:
    if cell.is_number:
        return figure_text(cell.value, cell.address, quirks, rng)
    return _label(cell.text, quirks)


# ── plain text dumps (spec §6) ────────────────────────────────────────────────────────────────


def _finish_text(text: str, quirks: Quirks) -> str:
    if quirks.ascii_punctuation:  # the stored corpus: （一） → (一), full-width colon/comma → ASCII
        text = "".join(unicodedata.normalize("NFKC", ch) if ch in "（）：，；" else ch for ch in text)
    if quirks.traditional:
        text = _s2t().convert(text)
    return text


class _Converter(Protocol):
    def convert(self, text: str) -> str: ...


@cache
def _s2t() -> _Converter:
    from opencc import OpenCC  # no type information: the part used is _Converter

    converter: _Converter = OpenCC("s2t")
    return converter


def _text_lines(layout: ReportLayout, table_lines: Callable[[LayoutTable], list[str]]) -> list[str]:
    lines = [layout.title, "", *layout.preamble]
    for section in layout.sections:
        lines.append(section.heading)
        lines += list(section.paragraphs)
        if section.table is not None:
            lines += table_lines(section.table)
        lines.append("")
    return lines


def text_cells(report: AnnualReport, rng: random.Random) -> bytes:
    """The seed's layout: one cell per line (tab-indented, or with a trailing pipe), blank line per row."""
    quirks = Quirks.draw(rng, text=True)
    quirks = replace(quirks, missing_mark=rng.choice(_MISSING_MARKS[1:]))
    trailing_pipe = rng.random() < 0.25

    def cell_line(text: str) -> str:
        return f"{text} |" if trailing_pipe else f"\t{text}"

    def table_lines(table: LayoutTable) -> list[str]:
        out: list[str] = []
        for row in table.rows:
            numbers = [c for c in row if c.is_number]
            # Trailing lost figures simply vanish in such dumps (the seed lost two 总计 that way).
            last_printed = max((n for n, c in enumerate(numbers) if c.value is not None), default=-1)
            for cell in row:
                if cell.is_number and cell.value is None and numbers.index(cell) > last_printed:
                    continue
                text = _cell_text(cell, quirks, rng)
                cut = _SPLIT_HEADERS.get(text) if quirks.split_headers and not trailing_pipe else None
                out.append(cell_line(text[:cut]) + "\n" + text[cut:] if cut else cell_line(text))
            out.append("")
        return out

    text = "\n".join(_text_lines(report_layout(report), table_lines))
    return _finish_text(text, quirks).encode(rng.choice(("utf-8", "utf-8", "gb18030")))


def text_pipes(report: AnnualReport, rng: random.Random) -> bytes:
    """One row per line between pipes, padded or not, with or without the Markdown rule."""
    quirks = Quirks.draw(rng, text=True)
    padded, rule = rng.random() < 0.5, rng.random() < 0.5

    def table_lines(table: LayoutTable) -> list[str]:
        texts = grid(table, labels_last=True)
        by_position = {(p.row, p.column): p.cell for p in placed_cells(table)}
        out = []
        for r, row in enumerate(texts):
            cells = []
            for c, text in enumerate(row):
                cell = by_position.get((r, c))
                cells.append(
                    _cell_text(cell, quirks, rng)
                    if cell is not None and cell.is_number
                    else _label(text, quirks)
                )
            joiner = " | " if padded else "|"
            out.append(("| " if padded else "|") + joiner.join(cells) + (" |" if padded else "|"))
            if r == 0 and rule:
                out.append("|" + "|".join(["---"] * len(row)) + "|")
        return out

    text = "\n".join(_text_lines(report_layout(report), table_lines))
    return _finish_text(text, quirks).encode("utf-8")


_CRAWLER_BODY = "==================== 正文 ===================="
_CRAWLER_AGENCY_SLIPS = (
    "桌面",
    "1",
    "",
    "福建学生资助",
)  # what real crawlers put in 发布机构 (corpus README)
_FURNITURE_BEFORE = "当前位置：首页 > 政务公开 > 政府信息公开 > 政府信息公开年报"
_FURNITURE_AFTER = "微信 微博 QQ空间 全真版 文字版 文件下载 附件下载"


def text_crawler(report: AnnualReport, rng: random.Random) -> bytes:
    """A crawler's text dump (``../shared/corpus/real/``): its own header block, then the whole page body on
    one line — headings, labels and figures run together, figures glued where each is a single digit
    (``1000001``), the next row's number glued after them (``…00000002.其他法律…``), prose glued to the
    last figure of a table (``…行政事业性收费02024年，…``), page furniture around it."""
    layout = report_layout(report)
    parts: list[str] = [_FURNITURE_BEFORE] if rng.random() < 0.5 else []
    parts += [layout.title] if rng.random() < 0.3 else []
    parts += list(layout.preamble)
    for section in layout.sections:
        parts.append(section.heading)
        parts += list(section.paragraphs)
        if section.table is not None:
            parts.append(_run_on_table(section.table, rng))
            if rng.random() < 0.4 and report.year is not None:
                parts.append(f"{report.year}年，本机关严格按照《条例》规定做好相关工作。")
    if rng.random() < 0.5:
        parts.append(_FURNITURE_AFTER)
    header = [
        f"标题: {layout.title}",
        f"发布时间: {(report.year or 2023) + 1}-01-{rng.randint(10, 31)} 09:30",
        "文号: ",
        f"发布机构: {rng.choice((*_CRAWLER_AGENCY_SLIPS, report.agency or ''))}",
        "栏目: 政府信息公开年报",
        f"原文链接: https://www.example.gov.cn/zwgk/zfxxgknb/{rng.randint(100000, 999999)}.htm",
        _CRAWLER_BODY,
    ]
    return ("\n".join(header) + "\n" + "".join(parts) + "\n").encode("utf-8")


def _run_on_table(table: LayoutTable, rng: random.Random) -> str:
    """One table's text with every cell and row break gone. A row of one-digit figures runs together
    (``1000001``), with spaces dropped in at random (``10 0 0 0 01``: spaces that do not mark every cell);
    a row with a longer figure keeps a space between all its figures. Both stay readable to a careful
    reader; runs that only an identity (or nothing) can split are the real corpus's and the unit tests'."""
    out: list[str] = []
    for row in table.rows:
        figures = [format_value(c.value) for c in row if c.is_number]
        glued = all(len(f) == 1 for f in figures)
        first = True
        for cell in row:
            if not cell.is_number:
                out.append(cell.text)
                first = True
                continue
            if not first and (not glued or rng.random() < 0.2):
                out.append(" ")
            out.append(format_value(cell.value))
            first = False
    return "".join(out)


def text_markdown_converter(report: AnnualReport, rng: random.Random) -> bytes:
    """What PDF/OCR-to-Markdown converters make of a report: a section heading fused into the header row
    of its table (``### 三、… | （本列…） | …``), table 4 cut into its three groups, a row numbering the
    columns (``| 1 | 2 | … | 15 |``) invented above table 4, table 2 written as plain lines (``行政许可 97``)."""
    from gongkai.report.render import render

    text = render(report, "md").decode("utf-8")
    if rng.random() < 0.5:
        text = text.replace(
            "## 三、收到和处理政府信息公开申请情况\n\n| ", "### 三、收到和处理政府信息公开申请情况 | ", 1
        )
    start, end = text.find("| 行政复议 |"), text.find("## 五、")
    if start >= 0 and end > start and rng.random() < 0.5:
        text = text[:start] + _appeals_in_three(report) + text[end:]
    elif start >= 0 and rng.random() < 0.5:
        text = text[:start] + "| " + " | ".join(str(n) for n in range(1, 16)) + " |\n" + text[start:]
    start, end = text.find("| 第二十条第（一）项"), text.find("## 三、")
    if start >= 0 and end > start and rng.random() < 0.5 and _table2_fits_lines(report):
        text = text[:start] + _table2_lines(report) + text[end:]
    return text.encode("utf-8")


def text_appendix_tables(report: AnnualReport, rng: random.Random) -> bytes:
    """Tables collected after the prose: sections 一…六 in prose ("见附表"), then 附表 with the tables under
    headings numbered 一、二、三 again; the title wrapped over two lines (agency, then year and title); and,
    in a 2021 report whose three （六）其他处理 rows are all 0, the 2019 single row printed in their place."""
    from gongkai.report.render import render

    text = render(report, "md").decode("utf-8")
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    bodies: list[str] = []
    for n, heading in enumerate(headings[1:4], start=1):
        start = text.index(heading) + len(heading)
        end = text.index(headings[n + 1])
        bodies.append(text[start:end].strip("\n"))
    parts = []
    title = report_layout(report).title
    if report.agency and title.startswith(report.agency) and rng.random() < 0.7:
        parts.append(f"{report.agency}\n{title[len(report.agency) :]}\n")
    else:
        parts.append(title + "\n")
    for heading in headings:
        parts.append(f"{heading}\n" + ("见附表。\n" if heading in headings[1:4] else "\n"))
    parts.append("附表\n")
    for number, heading, body in zip("一二三", headings[1:4], bodies, strict=True):
        parts.append(f"{number}、{heading.split('、', 1)[1]}\n{body}\n")
    appendix = "\n".join(parts)
    if report.format == "2021" and all(
        report.get(a) == 0 for a in report.addresses if a.startswith("requests.other.")
    ):
        appendix = _single_other_row(appendix)
    return appendix.encode("utf-8")


def _single_other_row(text: str) -> str:
    """The three （六）其他处理 rows of a Markdown table 3 replaced by the 2019 single row, all zero."""
    lines = text.split("\n")
    out: list[str] = []
    for line in lines:
        if "（六）其他处理" in line:
            cells = line.split("|")
            out.append("|".join([*cells[:2], " （六）其他处理 ", "  ", *[" 0 "] * 7, ""]))
            continue
        if line.startswith("|") and ("2.申请人逾期未按收费通知" in line or "| 3.其他 |" in line):
            continue
        out.append(line)
    return "\n".join(out)


def _appeals_in_three(report: AnnualReport) -> str:
    out = []
    for name, group in (
        ("行政复议", "reconsideration"),
        ("未经复议直接起诉", "litigation_direct"),
        ("复议后起诉", "litigation_after_reconsideration"),
    ):
        figures = " | ".join(format_value(v) for v in report.appeal_group(group))
        out.append(
            f"| {name} | | | | |\n| --- | --- | --- | --- | --- |\n| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |\n"
            f"| {figures} |\n\n"
        )
    return "".join(out)


def _table2_fits_lines(report: AnnualReport) -> bool:
    """Plain lines drop blanks: only a table 2 with every figure printed can be written so and still be read."""
    return all(report.get(a) is not None for a in report.addresses if a.startswith("active."))


def _table2_lines(report: AnnualReport) -> str:
    rows = report_layout(report).sections[1].table
    lines = []
    for row in rows.rows if rows is not None else ():
        labels_ = [c.text for c in row if not c.is_number and c.text]
        figures = [format_value(c.value) for c in row if c.is_number]
        if labels_ and figures:
            lines.append(f"{labels_[-1]} {' '.join(figures)}")
        elif labels_:
            lines.append(" ".join(labels_))
    return "\n".join(lines) + "\n\n"


# ── HTML site templates ───────────────────────────────────────────────────────────────────────


def _html_table(
    table: LayoutTable,
    quirks: Quirks,
    rng: random.Random,
    wrap: Callable[[str], str],
    attributes: str = 'border="1" cellspacing="0" cellpadding="0"',
) -> str:
    rows = []
    for row in table.rows:
        cells = []
        for cell in row:
            spans = (f' rowspan="{cell.rowspan}"' if cell.rowspan > 1 else "") + (
                f' colspan="{cell.colspan}"' if cell.colspan > 1 else ""
            )
            text = _cell_text(cell, quirks, rng)
            cells.append(f"<td{spans}>{wrap(escape(text)) if text else wrap('&nbsp;')}</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table {attributes}><tbody>{''.join(rows)}</tbody></table>"


def _split_active(table: LayoutTable) -> list[tuple[str, LayoutTable]]:
    """Table 2 as one small table per 第二十条 block, each under its block heading as a paragraph."""
    parts: list[tuple[str, list[tuple[LayoutCell, ...]]]] = []
    for row in table.rows:
        if len(row) == 1 and row[0].colspan == table.width:
            parts.append((row[0].text, []))
        elif parts:
            parts[-1][1].append(row)
    return [
        (heading, LayoutTable(table.key, table.caption, table.width, 0, tuple(rows)))
        for heading, rows in parts
    ]


def _report_body(
    report: AnnualReport,
    rng: random.Random,
    quirks: Quirks,
    wrap: Callable[[str], str],
    paragraph: Callable[[str], str],
    heading: Callable[[str], str],
    *,
    split_active: bool,
    table_attributes: str = 'border="1" cellspacing="0" cellpadding="0"',
) -> str:
    layout = report_layout(report)
    parts = [heading(escape(layout.title)), *(paragraph(escape(p)) for p in layout.preamble)]
    for section in layout.sections:
        parts.append(heading(escape(section.heading)))
        parts += [paragraph(escape(p)) for p in section.paragraphs]
        table = section.table
        if table is None:
            continue
        if rng.random() < 0.3:  # prose between a heading and its table (spec §6)
            parts.append(paragraph("单位：件" if table.key != "active" else "统计时限：本年度"))
        if table.key == "active" and split_active:
            for block, part in _split_active(table):
                parts.append(paragraph(escape(block)))
                parts.append(_html_table(part, quirks, rng, wrap, table_attributes))
        else:
            parts.append(_html_table(table, quirks, rng, wrap, table_attributes))
    return "\n".join(parts)


def html_gov_gbk(report: AnnualReport, rng: random.Random) -> bytes:
    """An older government site: GB2312 page, the report inside a layout table, cells in p/span/font."""
    quirks = Quirks.draw(rng, text=False)

    def wrap(text: str) -> str:
        return f'<p align="center"><span style="font-size:12px"><font face="宋体">{text}</font></span></p>'

    body = _report_body(
        report,
        rng,
        quirks,
        wrap,
        lambda t: f"<p style='text-indent:2em'>{t}</p>",
        lambda t: f"<p align='center'><strong>{t}</strong></p>",
        split_active=rng.random() < 0.5,
    )
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">'
        f"<title>{escape(report.title or '')}</title><script>var hits = 1024;</script></head><body>"
        '<table width="1000" align="center" border="0"><tr><td><a href="/">首页</a> | <a href="/zwgk">政务公开</a>'
        ' | <a href="/xxgk">信息公开年报</a></td></tr>'
        f'<tr><td><div class="content">{body}</div></td></tr>'
        "<tr><td>发布日期：2022-01-28　浏览次数：1357　【打印本页】【关闭窗口】</td></tr>"
        "<tr><td>主办单位：本机关办公室　ICP备12345678号-1　网站标识码 5001000001</td></tr></table></body></html>"
    )
    return page.encode("gbk", errors="xmlcharrefreplace")


def html_modern(report: AnnualReport, rng: random.Random) -> bytes:
    """A current portal: UTF-8, div layout, navigation list, headings, one table per section."""
    quirks = Quirks.draw(rng, text=False)
    body = _report_body(
        report,
        rng,
        quirks,
        lambda t: t,
        lambda t: f"<p>{t}</p>",
        lambda t: f"<h3>{t}</h3>",
        split_active=rng.random() < 0.3,
        table_attributes='class="xxgk-table"',
    )
    page = (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>政府信息公开年报</title></head><body>'
        "<header><nav><ul><li>首页</li><li>政府信息公开</li><li>年度报告</li></ul></nav></header>"
        '<div class="crumbs">当前位置：首页 &gt; 政府信息公开 &gt; 年度报告</div>'
        f'<article><div class="meta">索引号：11500000MB1234567X/2022-00012　发布机构：本机关</div>{body}</article>'
        "<footer>版权所有 © 2022　联系电话：023-12345678</footer></body></html>"
    )
    return page.encode("utf-8")


def html_word_export(report: AnnualReport, rng: random.Random) -> bytes:
    """Word's "save as web page": MsoNormal paragraphs and spans in every cell, header cells broken by <br>."""
    quirks = Quirks.draw(rng, text=False)

    def wrap(text: str) -> str:
        if text in _SPLIT_HEADERS and rng.random() < 0.5:
            cut = _SPLIT_HEADERS[text]
            text = f"{text[:cut]}<br>{text[cut:]}"
        return f"<p class=MsoNormal align=center><span lang=EN-US style='font-size:9.0pt'>{text}<o:p></o:p></span></p>"

    body = _report_body(
        report,
        rng,
        quirks,
        wrap,
        lambda t: f"<p class=MsoNormal>{t}</p>",
        lambda t: f"<p class=MsoNormal><b>{t}</b></p>",
        split_active=False,
        table_attributes="class=MsoNormalTable border=1 cellspacing=0 cellpadding=0",
    )
    encoding = rng.choice(("gb2312", "utf-8"))
    page = (
        f"<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><meta http-equiv=Content-Type "
        f"content='text/html; charset={encoding}'><style>p.MsoNormal{{margin:0}}</style></head>"
        f"<body lang=ZH-CN><div class=WordSection1>{body}</div></body></html>"
    )
    return page.encode("gb18030" if encoding == "gb2312" else "utf-8", errors="xmlcharrefreplace")


def html_renderer(report: AnnualReport, rng: random.Random) -> bytes:
    from gongkai.report.render import render

    return render(report, "html")


# ── Word and PDF ──────────────────────────────────────────────────────────────────────────────


def docx_renderer(report: AnnualReport, rng: random.Random) -> bytes:
    from gongkai.report.render import render

    return render(report, "docx")


def pdf_renderer(report: AnnualReport, rng: random.Random) -> bytes:
    from gongkai.report.render import render

    return render(report, "pdf")


def pdf_unruled(report: AnnualReport, rng: random.Random) -> bytes:
    """No drawn lines (columns only aligned), a running header and page numbers in the margins."""
    import logging

    import weasyprint

    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    quirks = Quirks.draw(rng, text=False)
    body = _report_body(
        report,
        rng,
        quirks,
        lambda t: t,
        lambda t: f"<p>{t}</p>",
        lambda t: f"<h3>{t}</h3>",
        split_active=False,
        table_attributes='class="plain"',
    )
    style = (
        "@page{size:A4 landscape;margin:2cm 1.5cm;@top-center{content:'政府信息公开工作年度报告';font-size:8pt}"
        "@bottom-center{content:'- ' counter(page) ' -';font-size:8pt}}"
        "body{font-family:'Noto Sans CJK SC',sans-serif;font-size:9pt}"
        "table.plain{border-collapse:collapse;width:100%;table-layout:fixed}"
        "table.plain td{padding:1pt 2pt;font-size:7pt;text-align:center;vertical-align:top}"
        "tr{break-inside:avoid}"
    )
    page = f"<html><head><meta charset='utf-8'><style>{style}</style></head><body>{body}</body></html>"
    pdf: bytes = weasyprint.HTML(string=page).write_pdf()
    return pdf


@dataclass(frozen=True, slots=True)
class Style:
    name: str
    kind: str  # text | html | docx | pdf: the format family, for per-format figures
    suffix: str
    write: Callable[[AnnualReport, random.Random], bytes]
    #: True when the table structure is lost: only trailing figures may go missing.
    sequence: bool = False
    #: False when no figure may be lost: in a run-on dump a lost figure cannot be placed by anyone.
    loses_cells: bool = True


STYLES: dict[str, Style] = {
    s.name: s
    for s in (
        Style("text_cells", "text", ".txt", text_cells, sequence=True),
        Style("text_pipes", "text", ".txt", text_pipes),
        Style("text_crawler", "text", ".txt", text_crawler, sequence=True, loses_cells=False),
        Style("text_markdown_converter", "text", ".md", text_markdown_converter),
        Style("text_appendix_tables", "text", ".md", text_appendix_tables),
        Style("html_gov_gbk", "html", ".html", html_gov_gbk),
        Style("html_modern", "html", ".html", html_modern),
        Style("html_word_export", "html", ".htm", html_word_export),
        Style("html_renderer", "html", ".html", html_renderer),
        Style("docx_renderer", "docx", ".docx", docx_renderer),
        Style("pdf_renderer", "pdf", ".pdf", pdf_renderer),
        Style("pdf_unruled", "pdf", ".pdf", pdf_unruled),
    )
}
