"""Checking the rows of an agency directory file before anything is saved: each cell on its own, each
row as a whole (kind and level agree, the parent exists), and the file as a whole (codes unique, no
loop of parents, short names unique). Every problem is reported, with its row and column."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gongkai import labels
from gongkai.labels import AGENCY_KINDS, AGENCY_LEVELS, CHANNELS, ENUMERATION_COMMA

from .import_columns import (
    CODE_RE,
    EXTRA,
    FEE_MODES,
    LABEL,
    LENGTHS,
    NO,
    RECEIPTS,
    REQUIRED,
    YES,
    Row,
    RowError,
    by_label,
    split_list,
)
from .models import LEVEL_OF_KIND, Agency, FeeMode, Kind, OnlineReceipt

#: Longest 补正期限 an agency may set, in working days.
MAX_CORRECTION_DAYS = 60


def check_file(keys: list[str], rows: list[Row]) -> list[RowError]:
    """Every problem of the file, in the order of its rows."""
    existing: dict[str, str | None] = dict(Agency.objects.values_list("code", "parent__code"))
    file_codes = {r.get("code") for r in rows if r.get("code")}
    errors = [e for row in rows for e in _check_row(row, set(existing), file_codes)]
    errors += _repeated_code_errors(rows)
    errors += _cycle_errors(keys, rows, existing)
    errors += _short_name_errors(keys, rows)
    return sorted(errors, key=lambda e: e.row)


def _email_problem(value: str) -> str | None:
    try:
        validate_email(value)
    except ValidationError:
        return _("“%(value)s” is not a valid e-mail address") % {"value": value}
    return None


def _date_problem(value: str) -> str | None:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return _("“%(value)s” is not a valid date (it should be YYYY-MM-DD)") % {"value": value}
    return None


def _channels_problem(value: str) -> str | None:
    unknown = [f"“{ch}”" for ch in split_list(value) if by_label(ch, CHANNELS) is None]
    if unknown:
        return _("%(values)s are not known application channels (%(channels)s)") % {
            "values": ENUMERATION_COMMA.join(unknown),
            "channels": ENUMERATION_COMMA.join(CHANNELS.values()),
        }
    return None


def _problem_unless(ok: Callable[[str], bool], message, **names: str) -> Callable[[str], str | None]:
    """A check that reports ``message`` (lazy: translated when it is reported) about a value not ``ok``."""
    return lambda value: None if ok(value) else message % {"value": value, **names}


#: One check per non-empty cell: the problem, or None.
CELL_CHECKS: dict[str, Callable[[str], str | None]] = {
    "code": _problem_unless(
        lambda v: CODE_RE.match(v) is not None,
        gettext_lazy("“%(value)s” may only contain letters, digits, hyphens and underscores"),
    ),
    "level": _problem_unless(
        lambda v: by_label(v, AGENCY_LEVELS) is not None,
        gettext_lazy("“%(value)s” is not one of %(choices)s"),
        choices=ENUMERATION_COMMA.join(AGENCY_LEVELS.values()),
    ),
    "kind": _problem_unless(
        lambda v: by_label(v, AGENCY_KINDS) is not None,
        gettext_lazy("“%(value)s” is not one of %(choices)s"),
        choices=ENUMERATION_COMMA.join(AGENCY_KINDS.values()),
    ),
    "fee_mode": _problem_unless(
        lambda v: v in FEE_MODES or v in FeeMode.values,
        gettext_lazy("“%(value)s” should be %(free)s, %(per_item)s or %(per_page)s"),
        free=labels.FEE_MODE_NAMES["none"],
        per_item=labels.FEE_MODE_NAMES["per_item"],
        per_page=labels.FEE_MODE_NAMES["per_page"],
    ),
    "online_receipt": _problem_unless(
        lambda v: v in RECEIPTS or v in OnlineReceipt.values,
        gettext_lazy("“%(value)s” should be %(first)s or %(second)s"),
        first=labels.ONLINE_RECEIPT_NAMES["automatic"],
        second=labels.ONLINE_RECEIPT_NAMES["staff"],
    ),
    "accepts_applications": _problem_unless(
        lambda v: v.lower() in YES | NO,
        gettext_lazy("“%(value)s” should be %(first)s or %(second)s"),
        first=labels.YES,
        second=labels.NO,
    ),
    "email": _email_problem,
    "channels": _channels_problem,
    "postcode": _problem_unless(
        lambda v: re.fullmatch(r"\d{6}", v) is not None, gettext_lazy("“%(value)s” should be 6 digits")
    ),
    "correction_period_days": _problem_unless(
        lambda v: v.isdigit() and 1 <= int(v) <= MAX_CORRECTION_DAYS,
        gettext_lazy("“%(value)s” should be a number of working days from 1 to %(most)s"),
        most=str(MAX_CORRECTION_DAYS),
    ),
    "guide_updated_on": _date_problem,
}


def _check_row(row: Row, existing_codes: set[str], file_codes: set[str]) -> list[RowError]:
    n, errors = row.number, []

    def err(column: str, message: str) -> None:
        errors.append(RowError(n, LABEL.get(column, column), message))

    if EXTRA in row.values:
        err(
            _("(beyond the header)"),
            _("this row has more than the header: “%(value)s”") % {"value": row.values[EXTRA]},
        )
    for col in REQUIRED:
        if not row.get(col):
            err(col, _("must not be empty"))
    for col, limit in LENGTHS.items():
        if limit is not None and len(row.get(col)) > limit:
            err(
                col,
                _("must not be longer than %(limit)s characters (it has %(length)s)")
                % {"limit": limit, "length": len(row.get(col))},
            )
    for col, check in CELL_CHECKS.items():
        if row.get(col) and (problem := check(row.get(col))):
            err(col, problem)
    level, kind = by_label(row.get("level"), AGENCY_LEVELS), by_label(row.get("kind"), AGENCY_KINDS)
    if level and kind and LEVEL_OF_KIND[Kind(kind)] != level:
        err(
            "kind",
            _("“%(kind)s” is not of the “%(level)s” level")
            % {"kind": AGENCY_KINDS[kind], "level": AGENCY_LEVELS[level]},
        )
    parent = row.get("parent_code")
    if parent and parent == row.get("code"):
        err("parent_code", _("an agency cannot be its own parent"))
    elif parent and parent not in file_codes and parent not in existing_codes:
        err(
            "parent_code",
            _("no parent agency has the code “%(code)s” (neither in the file nor in the system)")
            % {"code": parent},
        )
    return errors


def _repeated_code_errors(rows: list[Row]) -> list[RowError]:
    first_row: dict[str, int] = {}
    errors = []
    for row in rows:
        code = row.get("code")
        if code in first_row:
            message = _("the code “%(code)s” is repeated in the file (already in row %(row)s)") % {
                "code": code,
                "row": first_row[code],
            }
            errors.append(RowError(row.number, LABEL["code"], message))
        elif code:
            first_row[code] = row.number
    return errors


def _cycle_errors(keys: list[str], rows: list[Row], existing: dict[str, str | None]) -> list[RowError]:
    """A parent chain that returns to where it started (in the file, or through existing agencies)."""
    if "parent_code" not in keys:
        return []
    parents = {**existing, **{r.get("code"): r.get("parent_code") or None for r in rows if r.get("code")}}
    errors = []
    for row in rows:
        code, seen = row.get("code"), set()
        cursor = parents.get(code)
        while cursor and cursor not in seen and cursor != code:
            seen.add(cursor)
            cursor = parents.get(cursor)
        if cursor and cursor == code and row.get("parent_code") != code:
            message = _("the parents form a loop: “%(code)s” ends up as its own parent") % {"code": code}
            errors.append(RowError(row.number, LABEL["parent_code"], message))
    return errors


def _short_name_errors(keys: list[str], rows: list[Row]) -> list[RowError]:
    """A short name is the agency's 文号 prefix (渝财公开〔2023〕12号): two agencies must not share one."""
    if "short_name" not in keys:
        return []
    file_codes = {r.get("code") for r in rows}
    taken = {
        s: c
        for c, s in Agency.objects.exclude(short_name="").values_list("code", "short_name")
        if c not in file_codes
    }
    errors = []
    for row in rows:
        short = row.get("short_name")
        if not short:
            continue
        if short in taken and taken[short] != row.get("code"):
            message = _(
                "the short name “%(short)s” is already used by the agency with the code “%(code)s”: "
                "document numbers would repeat"
            ) % {"short": short, "code": taken[short]}
            errors.append(RowError(row.number, LABEL["short_name"], message))
        else:
            taken[short] = row.get("code")
    return errors
