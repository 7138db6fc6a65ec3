"""The agency a public application is addressed to, read live on every submission.

The form's ``ModelChoiceField`` would compile a two-table ``select_related`` query for each
submission, a fifth of the public form's CPU (bench/intake_load.py); the same row read with one
fixed SQL statement costs a third of that. The parent comes with it (its name only, the rest loaded
on access) because the receipt issued at once names it as the 行政复议机关."""

from __future__ import annotations

from functools import cache

from django.db import connection

from .models import Agency


@cache
def _sql() -> str:
    table = connection.ops.quote_name(Agency._meta.db_table)
    return (f"SELECT a.*, p.name AS parent_name FROM {table} a LEFT JOIN {table} p ON p.id = a.parent_id "
            "WHERE a.id = %s AND a.accepts_applications")


def accepting_agency(pk: int) -> Agency | None:
    """The agency ``pk`` if it accepts applications (with its parent's name), else None."""
    agency = next(iter(Agency.objects.raw(_sql(), [pk])), None)
    if agency is not None:
        parent = None
        if agency.parent_id is not None:
            parent = Agency.from_db(connection.alias, ["id", "name"], [agency.parent_id, agency.parent_name])
        Agency.parent.field.set_cached_value(agency, parent)
    return agency
