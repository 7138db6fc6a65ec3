"""``insert(*objs)``: write new rows as ``Model.save(force_insert=True)`` would, in one statement.

Each submission of the public form writes five rows (the application, its events, the 接收回执, the
audit entry); Django's query compiler spent about as much CPU preparing those statements as the
database spent running them (bench/intake_load.py). Here each model's ``INSERT … RETURNING`` is built
once, and each row's values come from the fields themselves (``pre_save`` — ``auto_now_add`` —
then ``get_db_prep_save``), exactly what the compiler would send. What ``save()`` adds beyond that is
not used by these models: no signal receivers, no multi-table inheritance, no expressions as values.
``tests/web/test_fastinsert.py`` checks that the rows written are those ``save()`` writes.

Fenced (issue 12, item 4): only the models vetted in ``MODELS`` are taken, and a vetted model that has
``pre_save``/``post_save`` receivers or a ``save()`` override not vetted with it is refused — by a system
check (``fastinsert.E001``, run by ``manage.py check``, ``migrate`` and ``runserver``) and again, with
an exception, by ``insert()`` itself (a receiver connected later, a model not listed). With
``GONGKAI_FAST_PATHS=0`` every row goes through ``save(force_insert=True)`` instead.
"""

from __future__ import annotations

import hashlib
import inspect
from functools import cache

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.db import connection, models
from django.db.models.signals import post_save, pre_save

#: The models written with ``insert()``: each vetted against what ``save()`` would do that ``insert()``
#: does not. A model whose ``save()`` is overridden is listed with the digest of that override's source
#: (``source_digest``) and why ``insert()`` may skip it: a changed override is refused until vetted again.
MODELS: dict[str, tuple[str, str] | None] = {
    "applications.Application": None,
    "applications.ApplicationEvent": None,
    "applications.Letter": None,
    "audit.AuditEntry": (
        "2ff308d979e24e7c",
        "save() only refuses to update a stored entry; insert() takes new instances only",
    ),
}


class NotVetted(TypeError):
    """A model ``insert()`` must not write: its ``save()`` or its signal receivers would be skipped."""


def source_digest(function) -> str:
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()[:16]


@cache
def _override_problem(model: type[models.Model]) -> str | None:
    label = model._meta.label
    if label not in MODELS:
        return f"{label} is not vetted for fastinsert.insert() (fastinsert.MODELS)"
    for name in ("save", "save_base"):
        if getattr(model, name) is not getattr(models.Model, name):
            vetted = MODELS[label]
            digest = source_digest(getattr(model, name))
            if name != "save" or vetted is None or vetted[0] != digest:
                return (
                    f"{label} overrides {name}(), which fastinsert.insert() would skip (vet it in "
                    f"fastinsert.MODELS with digest {digest}, or write the model with save())"
                )
    return None


def problem(model: type[models.Model]) -> str | None:
    """Why ``insert()`` may not write this model, or None."""
    if pre_save.has_listeners(model) or post_save.has_listeners(model):
        return (
            f"{model._meta.label} has pre_save/post_save receivers, which fastinsert.insert() would skip "
            "(write the model with save() instead)"
        )
    return _override_problem(model)


@checks.register(checks.Tags.models)
def check_models(app_configs=None, **kwargs) -> list[checks.Error]:
    """At start-up: every model of ``MODELS`` may still be written by ``insert()``."""
    errors = []
    for label in MODELS:
        try:
            model = apps.get_model(label)
        except LookupError:
            errors.append(checks.Error(f"{label}: no such model", id="fastinsert.E001", obj=label))
            continue
        _override_problem.cache_clear()  # a check run sees the code as it is now
        if reason := problem(model):
            errors.append(checks.Error(reason, id="fastinsert.E001", obj=model))
    return errors


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
        raise TypeError(
            f"{meta.label}: fields with their own SQL placeholder or database default are not supported"
        )
    quote = connection.ops.quote_name
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES {', '.join([row] * rows)} RETURNING {quote(meta.pk.column)}"
    )
    return sql, fields


def insert(*objs: models.Model) -> None:
    """Insert new instances of one model in one statement and set their primary keys."""
    if not objs:
        return
    model = type(objs[0])
    if any(type(obj) is not model or obj.pk is not None for obj in objs):
        raise ValueError("insert() takes new instances of one model")
    if not settings.GONGKAI_FAST_PATHS:  # the fast paths off: the ORM's own path
        for obj in objs:
            obj.save(force_insert=True)
        return
    if reason := problem(model):
        raise NotVetted(reason)
    for obj in objs:  # a related object saved after it was assigned: take its new key, as save() does
        # A private Model method (Django's own save() calls it) that django-stubs does not declare.
        obj._prepare_related_fields_for_save(operation_name="insert")  # type: ignore[attr-defined]
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
