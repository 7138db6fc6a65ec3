"""The 文号 of a letter (worded by the core's ``document_number``, legal-rules §7.1), its serial counted
per agency and year in ``LetterSequence``."""

from __future__ import annotations

from django.db import connection
from django.db.models import F

from gongkai.letters.wording import document_number
from gongkai_web.agencies.models import Agency

from ..models import LetterSequence


def prefix_of(agency: Agency) -> str:
    """The 发文机关代字 a new year's numbers start with: the agency's short name, else its name."""
    return agency.short_name.strip() or agency.name


def next_number(agency: Agency, year: int) -> tuple[int, str]:
    """The next serial and 文号 of ``agency`` in ``year``.

    One ``UPDATE … RETURNING`` (PostgreSQL; SQLite ≥ 3.35) increments and reads the serial and the
    year's prefix; the row stays locked until the issuing transaction commits, so two handlers never
    share a number. The year's first letter creates the row and fixes the prefix (``prefix_of``): one
    agency's letters of a year never carry two prefixes, whatever happens to its short name."""
    found = _increment(agency.pk, year)
    if found is None:
        LetterSequence.objects.get_or_create(agency=agency, year=year, defaults={"prefix": prefix_of(agency)})
        found = _increment(agency.pk, year)
    if found is None:  # the row was just created in this transaction: it cannot be missing
        raise LookupError(f"letter sequence of agency {agency.pk} for {year} vanished")
    serial, prefix = found
    if not prefix:  # a row from before prefixes were kept: the first letter numbered now fixes it
        prefix = prefix_of(agency)
        LetterSequence.objects.filter(agency=agency, year=year).update(prefix=prefix)
    return serial, document_number(prefix, year, serial)


def _increment(agency_id: int, year: int) -> tuple[int, str] | None:
    """The incremented serial and the year's prefix, or None when the year has no row yet."""
    if not connection.features.can_return_columns_from_insert:  # SQLite before 3.35: no RETURNING
        if not LetterSequence.objects.filter(agency_id=agency_id, year=year).update(last=F("last") + 1):
            return None
        return LetterSequence.objects.values_list("last", "prefix").get(agency_id=agency_id, year=year)
    table, quote = LetterSequence._meta.db_table, connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(table)} SET {quote('last')} = {quote('last')} + 1 "
            f"WHERE {quote('agency_id')} = %s AND {quote('year')} = %s "
            f"RETURNING {quote('last')}, {quote('prefix')}",
            [agency_id, year],
        )
        row = cursor.fetchone()
    return (row[0], row[1]) if row else None
