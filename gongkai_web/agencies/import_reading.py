"""Reading the agency directory file: CSV (UTF-8, or GBK as Excel saves it on Chinese Windows) or
XLSX, into the fields named by its header and its non-empty rows. The header is checked here; the
cells are checked by ``import_checks``."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from django.utils.translation import gettext as _

from gongkai import labels

from .import_columns import EXTRA, HEADERS, LABEL, REQUIRED, AgencyImportError, Row

R = TypeVar("R")
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}
TEXT_SUFFIXES = {".csv", ".txt"}


def read_rows(path: Path) -> tuple[list[str], list[Row]]:
    """The fields named by the header row, and the non-empty rows after it."""
    return read_table(
        path,
        TableColumns(HEADERS, LABEL, REQUIRED, _("The columns are listed in docs/agencies-import.md.")),
        row=Row,
        fail=_fail,
    )


def _fail(code: str, message: str, **params) -> AgencyImportError:
    return AgencyImportError(message, code=f"agencies.{code}", **params)


@dataclass(frozen=True, slots=True)
class TableColumns:
    """What a file's header may name: header text → field, field → label, the required fields, and
    where the user finds the list of columns (said when the header names an unknown one)."""

    headers: Mapping[str, str]
    label: Mapping[str, str]
    required: Sequence[str]
    where_listed: str


def read_table(
    path: Path, columns: TableColumns, *, row: Callable[[int, dict[str, str]], R], fail
) -> tuple[list[str], list[R]]:
    """The fields named by the header row of a CSV or XLSX file, and its non-empty rows after it (each
    ``row(number, values)``; a cell beyond the header under ``EXTRA``). Every import of the platform
    reads its files here; ``fail(code, message, **params)`` builds the importing domain's error (codes
    ``import_format``, ``import_unreadable``, ``import_encoding``, ``import_empty``, ``import_header``)."""
    raw = _raw_rows(Path(path), fail)
    while raw and not any(raw[-1]):
        raw.pop()
    if not raw or not any(raw[0]):
        raise fail("import_empty", _("The file is empty; row 1 should be the header."))
    keys = _header_keys(raw[0], columns, fail)
    rows = []
    for number, cells in enumerate(raw[1:], start=2):
        if not any(cells):
            continue
        extra = [c for c in cells[len(keys) :] if c]
        values = {k: v for k, v in zip(keys, cells, strict=False) if k}
        if extra:
            values[EXTRA] = extra[0]
        rows.append(row(number, values))
    return [k for k in keys if k], rows


def _header_keys(header: list[str], columns: TableColumns, fail) -> list[str]:
    """The field of each column of the header ("" for an empty header cell), once the header names
    only known columns, each once, and every required one."""
    while header and not header[-1]:
        header = header[:-1]
    unknown = [h for h in header if h and h not in columns.headers and h not in columns.label]
    if unknown:
        raise fail(
            "import_header",
            _("Row 1 (the header) has columns that are not recognised: %(columns)s. %(where)s")
            % {"columns": labels.ENUMERATION_COMMA.join(unknown), "where": columns.where_listed},
            columns=unknown,
        )
    keys = [columns.headers.get(h, h) for h in header]
    repeated = sorted({columns.label[k] for k in keys if k and keys.count(k) > 1})
    if repeated:
        raise fail(
            "import_header",
            _("These columns appear more than once in row 1 (the header): %(columns)s.")
            % {"columns": labels.ENUMERATION_COMMA.join(repeated)},
        )
    missing = [columns.label[k] for k in columns.required if k not in keys]
    if missing:
        raise fail(
            "import_header",
            _("Row 1 (the header) lacks required columns: %(columns)s.")
            % {"columns": labels.ENUMERATION_COMMA.join(missing)},
            columns=missing,
        )
    return keys


def _raw_rows(path: Path, fail) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix in EXCEL_SUFFIXES:
        return _excel_rows(path, fail)
    if suffix not in TEXT_SUFFIXES:
        raise fail(
            "import_format",
            _("Unsupported file type “%(suffix)s”: use a CSV (UTF-8) or XLSX file.")
            % {"suffix": path.suffix},
        )
    return [[c.strip() for c in r] for r in csv.reader(io.StringIO(_decoded(path.read_bytes(), fail)))]


def _excel_rows(path: Path, fail) -> list[list[str]]:
    """The cells of the workbook's active sheet, as text."""
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises zipfile, XML and KeyError alike: not a readable workbook
        raise fail("import_unreadable", _("Cannot read the Excel file: %(error)s") % {"error": exc}) from None
    try:
        sheet = book.worksheets[0]
        return [[_cell(v) for v in r] for r in sheet.iter_rows(values_only=True)]
    finally:
        book.close()


def _decoded(data: bytes, fail) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:  # Excel in Chinese Windows saves CSV as GBK
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise fail(
            "import_encoding", _("The encoding of the CSV file is not recognised: save it as UTF-8.")
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
