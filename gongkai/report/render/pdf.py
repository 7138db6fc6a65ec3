"""PDF: the HTML page typeset by WeasyPrint with the print stylesheet (A4, Noto CJK fonts, table
header rows repeated on every page)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from gongkai.errors import ReportError
from gongkai.report.findings import Finding
from gongkai.report.model import AnnualReport
from gongkai.report.render.html import render_html


def render_pdf(report: AnnualReport, findings: Sequence[Finding] = ()) -> bytes:
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # OSError: pango/cairo libraries missing
        raise ReportError(
            "无法输出PDF：未安装WeasyPrint或其依赖的系统库（pango）。",
            code="report.render.pdf",
            message_en=f"PDF output needs WeasyPrint and pango: {exc}",
        ) from exc
    # WeasyPrint logs every CSS property it ignores (e.g. -webkit-overflow-scrolling, for phones).
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    document = HTML(string=render_html(report, findings), media_type="print")
    pdf: bytes = document.write_pdf()
    return pdf


def render_bytes(report: AnnualReport, *, findings: Sequence[Finding] = ()) -> bytes:
    return render_pdf(report, findings)
