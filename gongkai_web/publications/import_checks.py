"""Checking the rows of an import file of existing documents before anything is saved: each cell on
its own, each row as a whole (dates in order, 状态 agrees with the dates), and the file as a whole
(文号 unique in the file and against the library, in whatever bracket form, 废止依据 found). Every
problem is reported with its row and column and what to do; the rows that pass become ``Planned``."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from gongkai import labels
from gongkai.publications.docnumber import DocumentNumber, DocumentNumberError, parse_document_number
from gongkai.publications.files import (
    DOCUMENT_FILE_KINDS,
    DOCUMENT_FILE_PUBLICITY,
    DOCUMENT_FILE_STATUSES,
    NUMBER_EXAMPLE,
)
from gongkai_web.accounts.access import working_agencies
from gongkai_web.agencies.models import Agency

from .import_columns import DATE_FIELDS, EXTRA, LABEL, REQUIRED, Planned, Row, RowError, parse_date
from .import_file_checks import _day
from .import_file_checks import basis_errors as _basis_errors
from .import_file_checks import number_errors as _number_errors

LENGTHS = {"title": 300, "topic": 60, "ended_by": 300, "file": 200}


def check_file(
    rows: list[Row], *, actor, today: dt.date, file_names: set[str] | None
) -> tuple[list[RowError], list[Planned]]:
    """Every problem of the file in the order of its rows, and the rows planned (complete only when
    there is no problem)."""
    agencies = _agencies(rows)
    allowed = None if actor is None else set(working_agencies(actor).values_list("pk", flat=True))
    errors: list[RowError] = []
    planned: list[Planned] = []
    for row in rows:
        plan, row_errors = _check_row(row, agencies, allowed, today, file_names)
        errors += row_errors
        if plan is not None:
            planned.append(plan)
    errors += _number_errors(planned)
    errors += _basis_errors(planned)
    return sorted(errors, key=lambda e: e.row), planned


def _agencies(rows: list[Row]) -> dict[str, Agency | None]:
    """Each 发文机关 cell → the agency with that code or that full name (None: none, or two by that name)."""
    wanted = {r.get("agency") for r in rows if r.get("agency")}
    found: dict[str, Agency | None] = {}
    for agency in Agency.objects.filter(code__in=wanted):
        found[agency.code] = agency
    for agency in Agency.objects.filter(name__in=wanted - set(found)):
        found[agency.name] = None if agency.name in found else agency
    return found


def _check_row(
    row: Row,
    agencies: dict[str, Agency | None],
    allowed: set[int] | None,
    today: dt.date,
    file_names: set[str] | None,
) -> tuple[Planned | None, list[RowError]]:
    errors: list[RowError] = []

    def err(column: str, message: str) -> None:
        errors.append(RowError(row.number, LABEL.get(column, column), message))

    _check_cells(row, err)
    dates = _dates(row, today, err)
    agency = _agency(row, agencies, allowed, err)
    kind, number = _kind_and_number(row, err)
    status = _publicity_and_status(row, err)
    _check_file_name(row, file_names, err)
    published = dates["published_on"]
    if published is not None:
        _check_dates(dates, published, err)
    if status is not None:
        _check_status(row, status, dates, today, err)
    if errors or agency is None or kind is None or published is None or status is None:
        return None, errors
    return Planned(
        row=row.number,
        title=row.get("title"),
        agency_id=agency.pk,
        agency_code=agency.code,
        kind=kind,
        number=number,
        formed_on=dates["formed_on"],
        published_on=published,
        effective_on=dates["effective_on"],
        valid_until=dates["valid_until"],
        topic=row.get("topic"),
        status=status,
        ended_on=dates["ended_on"],
        ended_by_text=row.get("ended_by"),
        file_name=row.get("file"),
    ), errors


def _check_cells(row: Row, err) -> None:
    if EXTRA in row.values:
        err(
            _("(beyond the header)"),
            _("this row has more than the header: “%(value)s”") % {"value": row.values[EXTRA]},
        )
    for col in REQUIRED:
        if not row.get(col):
            err(col, _("must not be empty"))
    for col, limit in LENGTHS.items():
        if len(row.get(col)) > limit:
            err(
                col,
                _("must not be longer than %(limit)s characters (it has %(length)s)")
                % {"limit": limit, "length": len(row.get(col))},
            )


def _dates(row: Row, today: dt.date, err) -> dict[str, dt.date | None]:
    dates: dict[str, dt.date | None] = {}
    for col in DATE_FIELDS:
        day = dates[col] = parse_date(row.get(col)) if row.get(col) else None
        if row.get(col) and day is None:
            err(
                col,
                _("“%(value)s” is not a date: write it as YYYY-MM-DD, e.g. 2023-05-10")
                % {"value": row.get(col)},
            )
        elif day is not None and day > today and col not in ("effective_on", "valid_until"):
            err(col, _("%(day)s is in the future") % {"day": _day(day)})
    return dates


def _agency(row: Row, agencies: dict[str, Agency | None], allowed: set[int] | None, err) -> Agency | None:
    agency = agencies.get(row.get("agency"))
    if row.get("agency") and agency is None:
        err(
            "agency",
            _(
                "no agency has the code or the full name “%(value)s”: write the agency's code or its "
                "name as in the agency directory"
            )
            % {"value": row.get("agency")},
        )
    elif agency is not None and allowed is not None and agency.pk not in allowed:
        err(
            "agency",
            _("you do not work for %(agency)s: only its staff may import its documents")
            % {"agency": agency.name},
        )
        return None
    return agency


def _kind_and_number(row: Row, err) -> tuple[str | None, DocumentNumber | None]:
    kind = DOCUMENT_FILE_KINDS.get(row.get("kind"))
    if row.get("kind") and kind is None:
        err(
            "kind",
            _("“%(value)s” is not one of %(choices)s")
            % {
                "value": row.get("kind"),
                "choices": labels.ENUMERATION_COMMA.join(
                    (labels.DOCUMENT_KIND_RULE, labels.DOCUMENT_KIND_NORMATIVE, labels.DOCUMENT_KIND_OTHER)
                ),
            },
        )
    if not row.get("number"):
        if kind in ("rule", "normative"):
            err("number", _("must not be empty for a rule or a normative document: give its document number"))
        return kind, None
    try:
        number = parse_document_number(row.get("number"))
    except DocumentNumberError as exc:
        err("number", exc.message)
        return kind, None
    if kind == "normative" and number.year is None:
        err(
            "number",
            _("a normative document's number has a year, e.g. %(example)s: “%(value)s”")
            % {"value": row.get("number"), "example": NUMBER_EXAMPLE},
        )
    return kind, number


def _publicity_and_status(row: Row, err) -> str | None:
    publicity = row.get("publicity")
    if publicity and DOCUMENT_FILE_PUBLICITY.get(publicity, publicity) != "proactive":
        err(
            "publicity",
            _(
                "only documents disclosed proactively (%(proactive)s) are imported into the library: "
                "leave the cell empty or write %(proactive)s"
            )
            % {"proactive": labels.PUBLICITY_KINDS["proactive"]},
        )
    status = DOCUMENT_FILE_STATUSES.get(row.get("status") or labels.VALIDITY_STATUSES["in_force"])
    if status is None:
        err(
            "status",
            _("“%(value)s” is not one of %(choices)s")
            % {
                "value": row.get("status"),
                "choices": labels.ENUMERATION_COMMA.join(
                    labels.VALIDITY_STATUSES[s] for s in ("in_force", "repealed", "expired")
                ),
            },
        )
    return status


def _check_file_name(row: Row, file_names: set[str] | None, err) -> None:
    name = row.get("file")
    if name and file_names is None:
        err("file", _("a file is named but no ZIP of files was given: add the ZIP, or empty this column"))
    elif name and file_names is not None and name not in file_names:
        err("file", _("“%(value)s” is not in the ZIP of files") % {"value": name})


def _check_dates(dates: dict[str, dt.date | None], published: dt.date, err) -> None:
    formed, effective, until = dates["formed_on"], dates["effective_on"], dates["valid_until"]
    if formed and formed > published:
        err(
            "formed_on",
            _("the date formed (%(formed)s) is after the date published (%(published)s)")
            % {"formed": _day(formed), "published": _day(published)},
        )
    if effective and effective < published:
        err(
            "effective_on",
            _("a document cannot take effect (%(effective)s) before it is published (%(published)s)")
            % {"effective": _day(effective), "published": _day(published)},
        )
    if until and until <= (effective or published):
        err(
            "valid_until",
            _("the end of validity (%(until)s) must be after the document takes effect (%(start)s)")
            % {"until": _day(until), "start": _day(effective or published)},
        )


def _check_status(row: Row, status: str, dates: dict[str, dt.date | None], today: dt.date, err) -> None:
    published, until, ended = dates["published_on"], dates["valid_until"], dates["ended_on"]
    in_force, repealed = labels.VALIDITY_STATUSES["in_force"], labels.VALIDITY_STATUSES["repealed"]
    expired = labels.VALIDITY_STATUSES["expired"]
    if status == "in_force":
        if until and until < today:
            err(
                "status",
                _(
                    "the document's validity ended on %(until)s, so it is not %(in_force)s: write "
                    "%(expired)s, or correct the end of validity"
                )
                % {"until": _day(until), "in_force": in_force, "expired": expired},
            )
        for col in ("ended_on", "ended_by"):
            if row.get(col):
                err(
                    col,
                    _("a document %(in_force)s has no end: empty this cell, or change the status")
                    % {"in_force": in_force},
                )
        return
    lapsed_by_itself = status == "expired" and not row.get("ended_on") and until is not None and until < today
    if lapsed_by_itself:
        if row.get("ended_by"):
            err("ended_on", _("give the date from which the basis declared the document expired"))
        return
    if not row.get("ended_on"):
        err(
            "ended_on",
            _("must not be empty for a document %(status)s: give the date from which it no longer applies")
            % {"status": repealed if status == "repealed" else expired},
        )
    if not row.get("ended_by"):
        err(
            "ended_by",
            _(
                "must not be empty for a document %(status)s: give the document number (or the title) "
                "of the document that ended it"
            )
            % {"status": repealed if status == "repealed" else expired},
        )
    if ended is None or published is None:
        return
    if ended < published:
        err(
            "ended_on",
            _("%(ended)s is before the document was published (%(published)s)")
            % {"ended": _day(ended), "published": _day(published)},
        )
    elif until and ended > until:
        err(
            "ended_on",
            _(
                "the document's validity had already ended on %(until)s: it lapsed before %(ended)s — "
                "write %(expired)s with an empty date, or correct the dates"
            )
            % {"until": _day(until), "ended": _day(ended), "expired": expired},
        )
