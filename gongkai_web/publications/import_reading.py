"""Reading the import file of existing documents: CSV (UTF-8, or GBK as Excel saves it) or XLSX,
into the fields named by its header and its non-empty rows — the agency import's reader, with this
file's header. The header is checked here; the cells by ``import_checks``."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

from gongkai_web.agencies.import_reading import TableColumns, read_table

from .import_columns import HEADERS, LABEL, REQUIRED, DocumentImportError, Row


def read_rows(path: Path) -> tuple[list[str], list[Row]]:
    """The fields named by the header row, and the non-empty rows after it (the platform's one reader of
    import files, ``agencies.import_reading.read_table``)."""
    return read_table(
        path,
        TableColumns(HEADERS, LABEL, REQUIRED, _("Download the template to see the columns.")),
        row=Row,
        fail=_fail,
    )


#: Not a file this reader can read at all (wrong type, not a workbook, an unknown encoding): one code.
UNREADABLE = {"import_format", "import_unreadable", "import_encoding"}


def _fail(code: str, message: str, **params) -> DocumentImportError:
    code = "import_unreadable" if code in UNREADABLE else code
    return DocumentImportError(message, code=f"publications.{code}", **params)
