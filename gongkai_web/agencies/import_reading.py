"""Reading the agency directory file: CSV (UTF-8, or GBK as Excel saves it on Chinese Windows) or
XLSX, into the fields named by its header and its non-empty rows. The header is checked here; the
cells are checked by ``import_checks``."""

from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path

from django.utils.translation import gettext as _

from gongkai import labels

from .import_columns import EXTRA, HEADERS, LABEL, REQUIRED, AgencyImportError, Row

EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
TEXT_SUFFIXES = {".csv", ".txt"}


def read_rows(path: Path) -> tuple[list[str], list[Row]]:
    """The fields named by the header row, and the non-empty rows after it."""
    raw = _raw_rows(path)
    while raw and not any(raw[-1]):
        raw.pop()
    if not raw or not any(raw[0]):
        raise AgencyImportError(
            _("The file is empty; row 1 should be the header."), code="agencies.import_empty"
        )
    keys = _header_keys(raw[0])
    rows = []
    for number, cells in enumerate(raw[1:], start=2):
        if not any(cells):
            continue
        extra = [c for c in cells[len(keys) :] if c]
        values = {k: v for k, v in zip(keys, cells, strict=False) if k}
        if extra:
            values[EXTRA] = extra[0]
        rows.append(Row(number, values))
    return [k for k in keys if k], rows


def _header_keys(header: list[str]) -> list[str]:
    """The field of each column of the header ("" for an empty header cell), once the header names
    only known columns, each once, and every required one."""
    while header and not header[-1]:
        header = header[:-1]
    unknown = [h for h in header if h and h not in HEADERS and h not in LABEL]
    if unknown:
        raise AgencyImportError(
            _(
                "Row 1 (the header) has columns that are not recognised: %(columns)s. "
                "The columns are listed in docs/agencies-import.md."
            )
            % {"columns": labels.ENUMERATION_COMMA.join(unknown)},
            code="agencies.import_header",
            columns=unknown,
        )
    keys = [HEADERS.get(h, h) for h in header]
    repeated = sorted({LABEL[k] for k in keys if k and keys.count(k) > 1})
    if repeated:
        raise AgencyImportError(
            _("These columns appear more than once in row 1 (the header): %(columns)s.")
            % {"columns": labels.ENUMERATION_COMMA.join(repeated)},
            code="agencies.import_header",
        )
    missing = [LABEL[k] for k in REQUIRED if k not in keys]
    if missing:
        raise AgencyImportError(
            _("Row 1 (the header) lacks required columns: %(columns)s.")
            % {"columns": labels.ENUMERATION_COMMA.join(missing)},
            code="agencies.import_header",
            columns=missing,
        )
    return keys


def _raw_rows(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _excel_rows(path)
    if suffix not in TEXT_SUFFIXES:
        raise AgencyImportError(
            _("Unsupported file type “%(suffix)s”: use a CSV (UTF-8) or XLSX file.")
            % {"suffix": path.suffix},
            code="agencies.import_format",
        )
    return [[c.strip() for c in r] for r in csv.reader(io.StringIO(_decoded(path.read_bytes())))]


def _excel_rows(path: Path) -> list[list[str]]:
    """The cells of the workbook's active sheet, as text."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises zipfile, XML and KeyError alike: not a readable workbook
        raise AgencyImportError(
            _("Cannot read the Excel file: %(error)s") % {"error": exc}, code="agencies.import_unreadable"
        ) from None
    try:
        sheet = book.worksheets[0]
        return [[_cell(v) for v in r] for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:  # Excel in Chinese Windows saves CSV as GBK
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise AgencyImportError(
            _("The encoding of the CSV file is not recognised: save it as UTF-8."),
            code="agencies.import_encoding",
        ) from None


def _cell(value) -> str:
    """An Excel cell as the text it shows."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return labels.YES if value else labels.NO
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 400010.0 typed into Excel as a number
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()
