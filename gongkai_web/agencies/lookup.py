"""The agency a public application is addressed to, read live on every submission.

The form's ``ModelChoiceField`` would compile a two-table ``select_related`` query for each
submission, a fifth of the public form's CPU (bench/intake_load.py). Here the statement is built
once, the row converted by the fields' own converters (as the ORM would) and the instance made
with ``Model.from_db``. The parent comes with it (its name; the rest loads on access) because the
letters issued at once name it as the 行政复议机关."""

from __future__ import annotations

from functools import cache

from django.db import connection

from .models import Agency


@cache
def _plan(vendor: str):
    quote, table = connection.ops.quote_name, Agency._meta.db_table
    fields = Agency._meta.concrete_fields
    columns = ", ".join(f"a.{quote(f.column)}" for f in fields)
    sql = (f"SELECT {columns}, p.{quote('name')} FROM {quote(table)} a LEFT JOIN {quote(table)} p "
           f"ON p.{quote('id')} = a.{quote('parent_id')} WHERE a.{quote('id')} = %s AND a.{quote('accepts_applications')}")
    converters = []
    for index, field in enumerate(fields):
        column = field.get_col(table)
        found = connection.ops.get_db_converters(column) + column.get_db_converters(connection)
        if found:
            converters.append((index, found, column))
    return sql, [f.attname for f in fields], converters


def accepting_agency(pk: int) -> Agency | None:
    """The agency ``pk`` if it accepts applications (with its parent's name), else None."""
    sql, names, converters = _plan(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    values, parent_name = list(row[:-1]), row[-1]
    for index, found, column in converters:
        for convert in found:
            values[index] = convert(values[index], column, connection)
    agency = Agency.from_db(connection.alias, names, values)
    parent = None
    if agency.parent_id is not None:
        parent = Agency.from_db(connection.alias, ["id", "name"], [agency.parent_id, parent_name])
    Agency.parent.field.set_cached_value(agency, parent)
    return agency
