"""What an edit changed, as audit data: field name → new value, foreign keys by their key. Knows no
domain: any model's instance and the names of its changed fields (a form's ``changed_data``)."""

from __future__ import annotations

from typing import Any


def field_values(obj, names) -> dict[str, Any]:
    values = {}
    for name in names:
        try:
            field = obj._meta.get_field(name)
        except Exception:  # noqa: BLE001 — a form field that is no model field: not recorded
            continue
        if field.many_to_many:
            values[name] = sorted(o.pk for o in getattr(obj, name).all()) if obj.pk else []
        else:
            values[name] = getattr(obj, field.attname)
    return values
