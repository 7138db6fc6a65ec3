"""Render an ``AnnualReport`` as a whole published document: md, html, json, xlsx, docx or pdf.

All formats walk one layout (``render.layout``) so that tables, merges and labels agree everywhere.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable

from gongkai.errors import ReportError
from gongkai.report.findings import Finding
from gongkai.report.model import AnnualReport

#: Output format -> module of this package that writes it.
FORMATS: dict[str, str] = {
    "md": "markdown",
    "html": "html",
    "json": "json",
    "xlsx": "xlsx",
    "docx": "docx",
    "pdf": "pdf",
}


def render(report: AnnualReport, fmt: str, *, findings: Iterable[Finding] = ()) -> bytes:
    """The whole report in ``fmt``; ``findings`` are written where the format has room for them."""
    module_name = FORMATS.get(fmt)
    if module_name is None:
        raise ReportError(
            f"不支持的输出格式「{fmt}」，可选：{'、'.join(FORMATS)}。",
            code="report.render.format",
            fmt=fmt,
            message_en=f"Unsupported output format {fmt!r}.",
        )
    module = importlib.import_module(f"{__name__}.{module_name}")
    rendered: bytes = module.render_bytes(report, findings=tuple(findings))  # each module's render_bytes
    return rendered


__all__ = ["FORMATS", "render"]
