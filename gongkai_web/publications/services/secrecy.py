"""保密审查 before 公开属性: the drafter proposes the attribute (with a reason unless it is 主动公开), the
producing unit reviews first (初审, its approver), the disclosure office reviews second (复审, a
supervisor of the agency or above), and the 签发人 decides at signature (``drafting.sign_document``).
Every review is of one proposal: a new proposal starts the reviews again."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai_web.accounts.access import WORKING_ROLES
from gongkai_web.accounts.models import Role
from gongkai_web.clocks import Clock

from ..errors import refuse
from ..models import Document, DocumentEvent, Publicity, Stage
from .common import (
    last_event,
    lock,
    record,
    require_not_future,
    require_role,
    require_stage,
    require_supervisor,
)

REVIEW_STEPS = ("secrecy_first_review", "secrecy_second_review")


def propose_publicity(
    doc: Document, *, publicity: str, reason: str = "", on: dt.date, actor, clock: Clock | None = None
) -> Document:
    if publicity not in Publicity.values:
        raise refuse("unknown_publicity", _("Choose the publicity of the document."))
    reason = reason.strip()
    if publicity != Publicity.PROACTIVE and not reason:
        raise refuse(
            "publicity_reason_missing",
            _(
                "A document proposed as “%(publicity)s” needs the reason (the article of the Regulations it rests on)."
            )
            % {"publicity": Publicity(publicity).label},
        )
    with transaction.atomic():
        doc = lock(doc)
        require_role(actor, doc, *WORKING_ROLES, step="publicity_proposed")
        require_stage(doc, Stage.DRAFT, Stage.IN_COMMENT, step="publicity_proposed")
        require_not_future(on, _("date of the proposal"), clock)
        record(
            doc,
            "publicity_proposed",
            on,
            actor=actor,
            clock=clock,
            data={"publicity": publicity, "reason": reason},
        )
        return doc


def review_secrecy(
    doc: Document, *, on: dt.date, agreed: bool, note: str = "", actor, clock: Clock | None = None
) -> Document:
    """The next review of the current proposal: 初审 by the agency's approver, then 复审 by the
    supervising disclosure office. A review that disagrees sends the proposal back (a new one is needed)."""
    with transaction.atomic():
        doc = lock(doc)
        require_stage(doc, Stage.DRAFT, Stage.IN_COMMENT, step="secrecy_first_review")
        proposal = last_event(doc, "publicity_proposed")
        if proposal is None:
            raise refuse(
                "no_publicity_proposal",
                _("No publicity has been proposed yet: the drafter proposes it first."),
            )
        done = _reviews_of(doc, proposal)
        if len(done) == 2 or any(not r.data["agreed"] for r in done):
            raise refuse(
                "proposal_reviewed",
                _("This proposal has been reviewed already; a new proposal starts the reviews again."),
            )
        step = REVIEW_STEPS[len(done)]
        if step == "secrecy_first_review":
            require_role(actor, doc, Role.APPROVER, step=step)
        else:
            require_supervisor(actor, doc, step=step)
        require_not_future(on, _("date of the review"), clock)
        if not agreed and not note.strip():
            raise refuse("review_note_missing", _("Say why the proposal is not agreed."))
        record(
            doc,
            step,
            on,
            actor=actor,
            clock=clock,
            data={"agreed": agreed, "note": note.strip(), "proposal": proposal.pk},
        )
        return doc


def _reviews_of(doc: Document, proposal: DocumentEvent) -> list[DocumentEvent]:
    return [
        e
        for e in doc.events.filter(kind__in=REVIEW_STEPS).order_by("on", "id")
        if e.data.get("proposal") == proposal.pk
    ]


def require_reviewed(doc: Document) -> DocumentEvent:
    """The current proposal, agreed at both reviews; refused otherwise (nothing publishes without it)."""
    proposal = last_event(doc, "publicity_proposed")
    reviews = _reviews_of(doc, proposal) if proposal else []
    if proposal is None or len(reviews) < 2 or not all(r.data["agreed"] for r in reviews):
        raise refuse(
            "secrecy_review_missing",
            _(
                "The confidentiality review is not complete: the publicity must be proposed and agreed at both reviews first."
            ),
        )
    return proposal
