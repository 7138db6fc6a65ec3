"""Reading the import file of existing documents: CSV (UTF-8, or GBK as Excel saves it) or XLSX,
into the fields named by its header and its non-empty rows — the agency import's reader, with this
file's header. The header is checked here; the cells by ``import_checks``."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from gongkai import labels
from gongkai_web.agencies.import_columns import AgencyImportError
from gongkai_web.agencies.import_reading import _raw_rows

from .import_columns import EXTRA, HEADERS, LABEL, REQUIRED, DocumentImportError, Row


def read_rows(path: Path) -> tuple[list[str], list[Row]]:
    """The fields named by the header row, and the non-empty rows after it."""
    try:
        raw = _raw_rows(Path(path))
    except AgencyImportError as exc:  # unreadable, wrong type or encoding: the same words for this file
        raise DocumentImportError(exc.message, code="publications.import_unreadable") from None
    while raw and not any(raw[-1]):
        raw.pop()
    if not raw or not any(raw[0]):
        raise DocumentImportError(
            _("The file is empty; row 1 should be the header."), code="publications.import_empty"
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
    while header and not header[-1]:
        header = header[:-1]
    unknown = [h for h in header if h and h not in HEADERS and h not in LABEL]
    if unknown:
        raise DocumentImportError(
            _(
                "Row 1 (the header) has columns that are not recognised: %(columns)s. "
                "Download the template to see the columns."
            )
            % {"columns": labels.ENUMERATION_COMMA.join(unknown)},
            code="publications.import_header",
            columns=unknown,
        )
    keys = [HEADERS.get(h, h) for h in header]
    repeated = sorted({LABEL[k] for k in keys if k and keys.count(k) > 1})
    if repeated:
        raise DocumentImportError(
            _("These columns appear more than once in row 1 (the header): %(columns)s.")
            % {"columns": labels.ENUMERATION_COMMA.join(repeated)},
            code="publications.import_header",
        )
    missing = [LABEL[k] for k in REQUIRED if k not in keys]
    if missing:
        raise DocumentImportError(
            _("Row 1 (the header) lacks required columns: %(columns)s.")
            % {"columns": labels.ENUMERATION_COMMA.join(missing)},
            code="publications.import_header",
            columns=missing,
        )
    return keys
