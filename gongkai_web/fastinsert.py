"""``insert(*objs)``: write new rows as ``Model.save(force_insert=True)`` would, in one statement.

Each submission of the public form writes five rows (the application, its events, the 接收回执, the
audit entry); Django's query compiler spent about as much CPU preparing those statements as the
database spent running them (bench/intake_load.py). Here each model's ``INSERT … RETURNING`` is built
once, and each row's values come from the fields themselves (``pre_save`` — ``auto_now_add`` —
then ``get_db_prep_save``), exactly what the compiler would send. What ``save()`` adds beyond that is
not used by these models: no signal receivers, no multi-table inheritance, no expressions as values.
``tests/web/test_fastinsert.py`` checks that the rows written are those ``save()`` writes.
"""

from __future__ import annotations

from functools import cache

from django.db import connection, models


def _plain_placeholder(field: models.Field) -> bool:
    if isinstance(field, models.BinaryField):  # its own placeholder, "%s" but on Oracle
        return connection.ops.binary_placeholder_sql(None) == "%s"
    return getattr(field, "get_placeholder", None) is None


@cache
def _statement(model: type[models.Model], rows: int, vendor: str) -> tuple[str, tuple[models.Field, ...]]:
    meta = model._meta
    if meta.parents:
        raise TypeError(f"{meta.label}: multi-table inheritance is not supported")
    fields = tuple(f for f in meta.local_concrete_fields if not f.primary_key)
    if any(not _plain_placeholder(f) for f in fields) or meta.db_returning_fields != [meta.pk]:
        raise TypeError(f"{meta.label}: fields with their own SQL placeholder or database default are not supported")
    quote = connection.ops.quote_name
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = (f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
           f"VALUES {', '.join([row] * rows)} RETURNING {quote(meta.pk.column)}")
    return sql, fields


def insert(*objs: models.Model) -> None:
    """Insert new instances of one model in one statement and set their primary keys."""
    if not objs:
        return
    model = type(objs[0])
    if any(type(obj) is not model or obj.pk is not None for obj in objs):
        raise ValueError("insert() takes new instances of one model")
    for obj in objs:  # a related object saved after it was assigned: take its new key, as save() does
        obj._prepare_related_fields_for_save(operation_name="insert")
    if not connection.features.can_return_columns_from_insert:  # SQLite before 3.35: no RETURNING
        for obj in objs:
            obj.save(force_insert=True)
        return
    sql, fields = _statement(model, len(objs), connection.vendor)
    params = [f.get_db_prep_save(f.pre_save(obj, True), connection) for obj in objs for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        keys = [row[0] for row in cursor.fetchall()]
    # Rows come back in the order of VALUES, which Django's bulk_create relies on too.
    for obj, key in zip(objs, keys, strict=True):
        obj.pk = key
        obj._state.adding, obj._state.db = False, connection.alias
