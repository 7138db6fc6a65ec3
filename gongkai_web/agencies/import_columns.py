"""The agency directory file's vocabulary (docs/agencies-import.md): its columns, the words its cells
may hold, and how a row and a problem with a row are represented. The Chinese headers and values
are the file format, from gongkai/labels.py: they do not change with the interface language."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from gongkai import labels
from gongkai.errors import GongkaiError

from .models import Agency, FeeMode, OnlineReceipt

#: Column header (Chinese as users write it) → field. The field name itself is accepted too.
HEADERS = dict(labels.AGENCY_FILE_COLUMNS)
LABEL = {f: h for h, f in HEADERS.items()}
REQUIRED = ("code", "name", "level", "kind")
FEE_MODES = {labels.FEE_MODE_NAMES[mode.value]: mode for mode in FeeMode}
RECEIPTS = {labels.ONLINE_RECEIPT_NAMES[receipt.value]: receipt for receipt in OnlineReceipt}
YES = {labels.YES, "1", "true", "yes", "y"}
NO = {labels.NO, "0", "false", "no", "n"}
#: Text columns and their maximum length (the model's).
LENGTHS = {
    f: Agency._meta.get_field(f).max_length  # type: ignore[union-attr]  # only CharFields listed
    for f in (
        "code",
        "name",
        "short_name",
        "office_name",
        "address",
        "hours",
        "phone",
        "fax",
        "email",
        "review_body",
        "fee_account",
    )
}
CODE_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
#: Where a row's cells beyond the header's columns are kept, to be reported.
EXTRA = "__extra__"


class AgencyImportError(GongkaiError):
    code = "agencies.import_failed"


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Row %(row)s, column “%(column)s”: %(message)s") % {
            "row": self.row,
            "column": self.column,
            "message": self.message,
        }


@dataclass
class Row:
    number: int  # the row number in the file (the header is row 1)
    values: dict[str, str]

    def get(self, key: str) -> str:
        return self.values.get(key, "")


def by_label(value: str, names: dict[str, str]) -> str | None:
    """The key of ``value``, written either as the key itself or as its name in ``names``."""
    if value in names:
        return value
    return next((k for k, v in names.items() if v == value), None)


def split_list(value: str) -> list[str]:
    """The items of a cell listing several, whichever separator (Chinese or ASCII) the writer used."""
    return [p.strip() for p in re.split(r"[、;；,，/]", value) if p.strip()]
