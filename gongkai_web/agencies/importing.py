"""Import the agency directory (the 政府信息公开指南 facts of each agency) from CSV or XLSX.

All or nothing: every row is checked first, and a single bad row imports nothing; the errors name
the row (as numbered in the file, header = row 1), the column and the problem. Saving runs in one
transaction, so a failure half-way leaves the directory as it was. Agencies are matched by 代码:
re-importing a file updates them (only the columns present in the file), never duplicates them, and
rows that change nothing are left alone. Parents may appear anywhere in the file or already exist.
The columns are documented in docs/agencies-import.md.

This module saves; the file's vocabulary is in ``import_columns``, reading it in ``import_reading``
and checking its rows in ``import_checks``, all re-exported here."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.labels import AGENCY_KINDS, AGENCY_LEVELS, CHANNELS
from gongkai_web.audit.services import log

from .import_checks import CELL_CHECKS, check_file
from .import_columns import (
    CODE_RE,
    FEE_MODES,
    HEADERS,
    LABEL,
    LENGTHS,
    NO,
    RECEIPTS,
    REQUIRED,
    YES,
    AgencyImportError,
    Row,
    RowError,
    by_label,
    split_list,
)
from .import_reading import read_rows
from .models import Agency, FeeMode, OnlineReceipt

__all__ = [
    "CELL_CHECKS",
    "CODE_RE",
    "FEE_MODES",
    "HEADERS",
    "LABEL",
    "LENGTHS",
    "NO",
    "RECEIPTS",
    "REQUIRED",
    "YES",
    "AgencyImportError",
    "ImportResult",
    "Progress",
    "Row",
    "RowError",
    "import_agencies",
    "read_rows",
]

Progress = Callable[[int, int], None]

#: How many errors a refused import lists (all of them are in the error's ``errors``).
SHOWN_ERRORS = 50


@dataclass
class ImportResult:
    created: list[Agency] = field(default_factory=list)
    updated: list[Agency] = field(default_factory=list)
    unchanged: list[Agency] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)


def import_agencies(path: Path, *, actor=None, progress: Progress | None = None) -> ImportResult:
    """Create or update agencies from the file; all or nothing. ``progress(done, total)`` is called
    after each saved row."""
    path = Path(path)
    keys, rows = read_rows(path)
    if not rows:
        raise AgencyImportError(_("There are no agencies after the header."), code="agencies.import_empty")
    errors = check_file(keys, rows)
    if errors:
        raise _refusal(errors)
    result = ImportResult()
    with transaction.atomic():
        wanted = {r.get("code") for r in rows} | {r.get("parent_code") for r in rows if r.get("parent_code")}
        cache = Agency.objects.select_related("parent").in_bulk(wanted, field_name="code")
        moved = False
        for done, row in enumerate(_parent_first(rows), start=1):
            values = _fields(keys, row)
            if "parent_code" in keys:
                values["parent"] = cache[row.get("parent_code")] if row.get("parent_code") else None
            agency = cache.get(row.get("code"))
            if moved:  # an earlier move re-rooted paths in the database: read them afresh
                parent = values.get("parent", agency.parent if agency else None)
                for stale in (parent, agency):
                    if stale is not None:
                        stale.refresh_from_db(fields=["path"])
            if agency is None:
                agency = Agency(code=row.get("code"), **values)
                agency.save()
                cache[agency.code] = agency
                result.created.append(agency)
                action = "agencies.imported"
            else:
                changed = {k: v for k, v in values.items() if getattr(agency, k) != v}
                if not changed:
                    result.unchanged.append(agency)
                    _report(progress, done, len(rows))
                    continue
                moved = moved or "parent" in changed
                for k, v in changed.items():
                    setattr(agency, k, v)
                agency.save()
                result.updated.append(agency)
                action = "agencies.import_updated"
            log(
                agency,
                action,
                actor=actor,
                actor_label="" if actor else "import_agencies",
                data={"file": path.name, "row": row.number},
            )
            _report(progress, done, len(rows))
    return result


def _refusal(errors: list[RowError]) -> AgencyImportError:
    """The error refusing the whole file: the first errors listed, and how many more there are."""
    shown = errors[:SHOWN_ERRORS]
    lines = [_("Import failed, no agency was imported (%(count)s errors):") % {"count": len(errors)}]
    lines += map(str, shown)
    if len(errors) > len(shown):
        lines.append(_("… and %(count)s more errors not listed.") % {"count": len(errors) - len(shown)})
    return AgencyImportError(
        "\n".join(lines),
        code="agencies.import_invalid_rows",
        errors=[str(e) for e in errors],
    )


def _fields(keys: list[str], row: Row) -> dict:
    """Model field values for the columns present in the file (absent columns are left alone)."""
    convert = {
        "level": lambda v: by_label(v, AGENCY_LEVELS),
        "kind": lambda v: by_label(v, AGENCY_KINDS),
        "channels": lambda v: [by_label(c, CHANNELS) for c in split_list(v)],
        "fee_mode": lambda v: FEE_MODES.get(v, v or FeeMode.NONE),
        "online_receipt": lambda v: RECEIPTS.get(v, v or OnlineReceipt.AUTOMATIC),
        "accepts_applications": lambda v: v.lower() not in NO,
        "correction_period_days": lambda v: (
            int(v) if v else Agency._meta.get_field("correction_period_days").default
        ),
        "guide_updated_on": lambda v: dt.date.fromisoformat(v) if v else None,
    }
    return {k: convert.get(k, str)(row.get(k)) for k in keys if k not in {"code", "parent_code"}}


def _parent_first(rows: list[Row]) -> list[Row]:
    """Rows ordered so that a parent in the file is saved before its children (checked acyclic)."""
    by_code = {r.get("code"): r for r in rows}
    depth: dict[str, int] = {}

    def depth_of(code: str) -> int:
        if code not in depth:
            parent = by_code[code].get("parent_code")
            depth[code] = depth_of(parent) + 1 if parent in by_code else 0
        return depth[code]

    return sorted(rows, key=lambda r: depth_of(r.get("code")))


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
