"""What every step of a document's life does: lock, require a stage and a role, check dates, record
the event and its audit entry (the case-work kit, ``gongkai_web.casework``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from gongkai import labels
from gongkai_web import casework
from gongkai_web.accounts.access import has_role
from gongkai_web.accounts.models import Role
from gongkai_web.clocks import Clock

from ..errors import refuse
from ..models import Document, DocumentEvent

lock = casework.lock


def require_stage(doc: Document, *allowed: str, step: str) -> None:
    if doc.stage not in allowed:
        raise refuse(
            "wrong_stage",
            _("The document is at the stage “%(stage)s”: “%(step)s” cannot be recorded now.")
            % {"stage": doc.get_stage_display(), "step": labels.DOCUMENT_STEPS[step]},
            stage=doc.stage,
            step=step,
        )


def require_role(user, doc: Document, *roles: str, step: str) -> None:
    if not has_role(user, doc.agency, *roles):
        raise refuse(
            "not_allowed",
            _("Only %(roles)s of %(agency)s may record “%(step)s”.")
            % {
                "roles": labels.ENUMERATION_COMMA.join(str(Role(r).label) for r in roles),
                "agency": doc.agency.name,
                "step": labels.DOCUMENT_STEPS[step],
            },
            step=step,
        )


def require_supervisor(user, doc: Document, *, step: str) -> None:
    """The 政府信息公开工作机构 above (or of) the issuing agency: a supervisor of it or an ancestor."""
    if user.is_superuser:
        return
    paths = user.memberships.filter(role=Role.SUPERVISOR).values_list("agency__path", flat=True)
    if not any(doc.agency.path.startswith(path) for path in paths):
        raise refuse(
            "not_allowed",
            _("Only the disclosure office supervising %(agency)s may record “%(step)s”.")
            % {"agency": doc.agency.name, "step": labels.DOCUMENT_STEPS[step]},
            step=step,
        )


def require_not_future(on: dt.date, what: str, clock: Clock | None) -> None:
    casework.require_not_future(on, what, clock, refuse=refuse)


def require_not_before(on: dt.date, earlier: dt.date | None, what: str, earlier_what: str) -> None:
    casework.require_not_before(on, earlier, what, earlier_what, refuse=refuse)


def last_event(doc: Document, kind: str) -> DocumentEvent | None:
    return doc.events.filter(kind=kind).order_by("-on", "-id").first()


def record(
    doc: Document,
    kind: str,
    on: dt.date,
    *,
    actor,
    clock: Clock | None = None,
    data: dict[str, Any] | None = None,
) -> DocumentEvent:
    last = doc.events.order_by("-on", "-id").first()
    if last is not None:
        require_not_before(on, last.on, labels.DOCUMENT_STEPS[kind], labels.DOCUMENT_STEPS[last.kind])
    return casework.record_event(
        doc,
        DocumentEvent,
        case_field="document",
        kind=kind,
        on=on,
        actor=actor,
        action=f"publications.{kind}",
        data=data,
        clock=clock,
    )
