"""The agency a public application is addressed to, read live on every submission.

The form's ``ModelChoiceField`` would compile a two-table ``select_related`` query for each
submission, a fifth of the public form's CPU (bench/intake_load.py). Here the statement is built
once, the row converted by the fields' own converters (as the ORM would) and the instance made
with ``Model.from_db``. The parent comes with it (its name; the rest loads on access) because the
letters issued at once name it as the 行政复议机关."""

from __future__ import annotations

from functools import cache
from weakref import WeakKeyDictionary

from django.db import DEFAULT_DB_ALIAS, connections

from .models import Agency

#: Per database connection (one per server thread): converters are bound to their connection.
_CONVERTERS: WeakKeyDictionary = WeakKeyDictionary()


@cache
def _plan(vendor: str) -> tuple[str, list[str]]:
    """The statement (quoted for this kind of database) and the field names of its columns, in order."""
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    fields, table = Agency._meta.concrete_fields, Agency._meta.db_table
    columns = ", ".join(f"a.{quote(f.column)}" for f in fields)
    sql = (
        f"SELECT {columns}, p.{quote('name')} FROM {quote(table)} a LEFT JOIN {quote(table)} p "
        f"ON p.{quote('id')} = a.{quote('parent_id')} WHERE a.{quote('id')} = %s AND a.{quote('accepts_applications')}"
    )
    return sql, [f.attname for f in fields]


def _converters(wrapper) -> list:
    found = _CONVERTERS.get(wrapper)
    if found is None:
        found, table = [], Agency._meta.db_table
        for index, field in enumerate(Agency._meta.concrete_fields):
            column = field.get_col(table)
            if converters := wrapper.ops.get_db_converters(column) + column.get_db_converters(wrapper):
                found.append((index, converters, column))
        _CONVERTERS[wrapper] = found
    return found


def accepting_agency(pk: int) -> Agency | None:
    """The agency ``pk`` if it accepts applications (with its parent's name), else None."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    sql, names = _plan(wrapper.vendor)
    with wrapper.cursor() as cursor:
        cursor.execute(sql, [pk])
        row = cursor.fetchone()
    if row is None:
        return None
    values, parent_name = list(row[:-1]), row[-1]
    for index, found, column in _converters(wrapper):
        for convert in found:
            values[index] = convert(values[index], column, wrapper)
    agency = Agency.from_db(wrapper.alias, names, values)
    parent = None
    if agency.parent_id is not None:
        parent = Agency.from_db(wrapper.alias, ["id", "name"], [agency.parent_id, parent_name])
    Agency.parent.field.set_cached_value(agency, parent)
    return agency
