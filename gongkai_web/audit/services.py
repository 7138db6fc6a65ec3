"""``log(obj, action, actor=…, data=…)``: the one way to write the audit trail. Called inside the
service's transaction so the entry and the change commit (or roll back) together."""

from __future__ import annotations

import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from gongkai_web.clocks import Clock, now
from gongkai_web.fastinsert import insert

from .models import AuditEntry


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    # Dates and Decimals become strings; the entry must never fail to save because of a type.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def log(
    obj,
    action: str,
    *,
    actor=None,
    actor_label: str = "",
    data: dict[str, Any] | None = None,
    clock: Clock | None = None,
) -> AuditEntry:
    user = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        actor=user,
        actor_label=actor_label or (user.get_username() if user else _("anonymous")),
        action=action,
        # No object: an event about no record (a refused signup from an address, say).
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=_jsonable(data or {}),
        created_at=now(clock),
    )
    insert(entry)
    return entry


def entries_for(obj):
    return AuditEntry.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
