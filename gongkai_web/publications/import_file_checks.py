"""The checks of an import file as a whole (``import_checks``): each 文号 once — in the file and against
the library, compared in the one stored form — and each 废止依据 found."""

from __future__ import annotations

import contextlib
import datetime as dt

from django.utils.translation import gettext as _

from gongkai.publications.docnumber import DocumentNumber, DocumentNumberError, parse_document_number

from .import_columns import LABEL, Planned, RowError
from .models import Document, Stage


def number_key(number: DocumentNumber) -> tuple[str, int, int]:
    """How the library keeps a number unique: issuer code, year (0 for an order's number), serial."""
    return number.issuer_code, number.year or 0, number.serial


def _day(day: dt.date) -> str:
    return f"{day:%Y-%m-%d}"


def number_errors(planned: list[Planned]) -> list[RowError]:
    """A 文号 twice in the file, or already in the library — compared in the one stored form."""
    numbered = [p for p in planned if p.number is not None]
    codes = {p.number.issuer_code for p in numbered if p.number}
    taken = {
        (code, year or 0, serial): number
        for code, year, serial, number in Document.objects.filter(
            issuer_code__in=codes, number_serial__isnull=False
        ).values_list("issuer_code", "number_year", "number_serial", "number")
    }
    taken |= {
        number_key(parse_document_number(n)): n
        for n in Document.objects.filter(number__in=[str(p.number) for p in numbered]).values_list(
            "number", flat=True
        )
    }
    first_row: dict[tuple[str, int, int], int] = {}
    errors = []
    for plan in numbered:
        assert plan.number is not None
        key = number_key(plan.number)
        if key in taken:
            errors.append(
                RowError(
                    plan.row,
                    LABEL["number"],
                    _(
                        "%(number)s is already in the library: a document is imported once (remove this "
                        "row, or correct the number)"
                    )
                    % {"number": taken[key]},
                )
            )
        elif key in first_row:
            errors.append(
                RowError(
                    plan.row,
                    LABEL["number"],
                    _("%(number)s is repeated in the file (already in row %(row)s)")
                    % {"number": plan.number, "row": first_row[key]},
                )
            )
        else:
            first_row[key] = plan.row
    return errors


def basis_errors(planned: list[Planned]) -> list[RowError]:
    """Find what ended each repealed or expired document: a document of the file, of the library, or
    else a basis outside the library (kept as written). It must have been published by then."""
    by_key = {number_key(p.number): p for p in planned if p.number is not None}
    basis_numbers: dict[int, DocumentNumber] = {}
    for plan in planned:
        if plan.ended_by_text:
            # a title, or an old number the parser does not read, is kept as written
            with contextlib.suppress(DocumentNumberError):
                basis_numbers[plan.row] = parse_document_number(plan.ended_by_text)
    library = {
        number_key(parse_document_number(number)): (pk, published)
        for pk, number, published in Document.objects.filter(
            stage=Stage.PUBLISHED, number__in=[str(n) for n in basis_numbers.values()]
        ).values_list("pk", "number", "published_on")
    }
    errors = []
    for plan in planned:
        number = basis_numbers.get(plan.row)
        if number is None:
            continue
        key = number_key(number)
        plan.ended_by_text = str(number)
        source_published = None
        if key in by_key:
            source = by_key[key]
            if source.row == plan.row:
                errors.append(RowError(plan.row, LABEL["ended_by"], _("a document cannot repeal itself")))
                continue
            plan.ended_by_row, source_published = source.row, source.published_on
        elif key in library:
            plan.ended_by_pk, source_published = library[key]
        if source_published and plan.ended_on and plan.ended_on < source_published:
            errors.append(
                RowError(
                    plan.row,
                    LABEL["ended_on"],
                    _(
                        "%(ended)s is before %(number)s was published (%(published)s): an effect applies "
                        "from the acting document's publication at the earliest"
                    )
                    % {"ended": _day(plan.ended_on), "number": number, "published": _day(source_published)},
                )
            )
    return errors
