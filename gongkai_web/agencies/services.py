"""State changes of the agency directory made by hand (the admin): each atomic and audited. Imports
from a file are ``importing.py``'s, audited there."""

from __future__ import annotations

from django.db import transaction

from gongkai_web.audit.changes import field_values
from gongkai_web.audit.services import log


def save_agency(agency, *, actor, changed=(), created: bool = False):
    """An agency added or edited in the admin, with an audit entry naming who did it and what changed."""
    with transaction.atomic():
        agency.save()
        log(
            agency,
            "agencies.added" if created else "agencies.changed",
            actor=actor,
            data={"code": agency.code, "changed": field_values(agency, changed), "via": "admin"},
        )
    return agency


def delete_agency(agency, *, actor) -> None:
    """Deleting fails (and logs nothing) when records still refer to the agency."""
    with transaction.atomic():
        log(
            agency,
            "agencies.deleted",
            actor=actor,
            data={"code": agency.code, "name": agency.name, "via": "admin"},
        )
        agency.delete()
