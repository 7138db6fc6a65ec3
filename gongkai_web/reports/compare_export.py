"""The comparison as an XLSX workbook (openpyxl): the agency's years, its peers, the outliers."""

from __future__ import annotations

import io
from decimal import Decimal

from django.utils.translation import gettext as _
from openpyxl import Workbook

from gongkai.report.model import Value

from .compare import METRICS, Comparison, Line
from .source_labels import SOURCE_LABELS
from .sources import SourcedReport


def source_label(sourced: SourcedReport | None) -> str:
    if sourced is None:
        return _("not published")
    return str(SOURCE_LABELS[sourced.source])


def _cell(value: Value) -> int | float | None:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _sheet(book: Workbook, title: str, first: str, lines: list[Line]) -> None:
    sheet = book.create_sheet(title)
    sheet.append([first, _("Source"), *(str(m.label) for m in METRICS)])
    for line in lines:
        sheet.append([line.label, source_label(line.sourced), *(_cell(line.values[m.key]) for m in METRICS)])


def comparison_xlsx(comparison: Comparison) -> bytes:
    book = Workbook()
    for blank in list(book.worksheets):  # the default empty sheet
        book.remove(blank)
    _sheet(book, _("Past years"), _("Year"), comparison.years)
    _sheet(book, _("Peers"), _("Agency"), comparison.peers)
    flagged = book.create_sheet(_("Outliers"))
    flagged.append([_("Kind"), _("Year"), _("Figure"), _("Value"), _("Compared with")])
    for o in comparison.outliers:
        kind = _("jump of ×5 or more") if o.kind == "jump" else _("zero where peers are large")
        flagged.append([kind, o.year, str(o.metric.label), _cell(o.value), _cell(o.reference)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
