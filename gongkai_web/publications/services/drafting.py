"""From 起草 to 签发: drafting, the call for comments, 合法性审核, 审议 and the signature."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.publications import periods
from gongkai_web.accounts.access import WORKING_ROLES
from gongkai_web.accounts.models import Role
from gongkai_web.clocks import Clock

from ..errors import refuse
from ..models import Document, DocumentKind, Publicity, Stage
from .common import (
    last_event,
    lock,
    record,
    require_not_before,
    require_not_future,
    require_role,
    require_stage,
)
from .interpretations import require_interpretation_for_signing
from .secrecy import require_reviewed

#: Kinds that are 统一登记、统一编号 and need 合法性审核 and 审议 before signature (国办发〔2018〕37号).
REGISTERED_KINDS = frozenset({DocumentKind.RULE, DocumentKind.NORMATIVE})
COMMENT_KIND = {DocumentKind.RULE: "rule", DocumentKind.NORMATIVE: "normative"}


def draft_document(
    agency,
    *,
    kind: str,
    title: str,
    issuer_code: str = "",
    formed_on: dt.date,
    summary: str = "",
    topic: str = "",
    genre: str = "",
    co_issuers=(),
    actor,
    clock: Clock | None = None,
) -> Document:
    """Start a document of ``agency`` (起草), with any joint issuers (``agency`` leads: its 文号 is used and
    table 2 counts the document under it). A 规章 only for a body with rule-making power."""
    co_issuers = [a for a in co_issuers if a.pk != agency.pk]
    title = title.strip()
    if not title:
        raise refuse("title_missing", _("Give the document a title."))
    if kind == DocumentKind.RULE and not agency.makes_rules:
        raise refuse(
            "no_rule_making_power",
            _("%(agency)s has no rule-making power: it cannot issue a “%(kind)s”.")
            % {"agency": agency.name, "kind": DocumentKind.RULE.label},
        )
    if kind in REGISTERED_KINDS and not issuer_code.strip():
        raise refuse(
            "issuer_code_missing",
            _("A “%(kind)s” is numbered at registration: give its issuer code.")
            % {"kind": DocumentKind(kind).label},
        )
    with transaction.atomic():
        doc = Document(
            agency=agency,
            kind=kind,
            title=title,
            issuer_code=issuer_code.strip(),
            formed_on=formed_on,
            summary=summary.strip(),
            topic=topic,
            genre=genre,
        )
        require_role(actor, doc, *WORKING_ROLES, step="drafted")
        require_not_future(formed_on, _("date formed"), clock)
        doc.save()
        doc.co_issuers.set(co_issuers)
        record(
            doc,
            "drafted",
            formed_on,
            actor=actor,
            clock=clock,
            data={"title": title, "kind": kind, "co_issuers": [a.name for a in co_issuers]},
        )
        return doc


def open_comment(
    doc: Document,
    *,
    opened_on: dt.date,
    closes_on: dt.date,
    where: str = "",
    actor,
    clock: Clock | None = None,
) -> Document:
    """公开征求意见: 规章 at least 30 days, 行政规范性文件 at least 7 working days."""
    with transaction.atomic():
        doc = lock(doc)
        require_role(actor, doc, *WORKING_ROLES, step="comment_opened")
        require_stage(doc, Stage.DRAFT, step="comment_opened")
        require_not_future(opened_on, _("date the call for comments opened"), clock)
        if doc.kind in COMMENT_KIND:
            try:
                periods.check_comment_period(COMMENT_KIND[DocumentKind(doc.kind)], opened_on, closes_on)
            except periods.PeriodError as exc:
                raise refuse("comment_period_short", exc.message, **exc.params) from None
        doc.stage = Stage.IN_COMMENT
        doc.save(update_fields=["stage"])
        record(
            doc,
            "comment_opened",
            opened_on,
            actor=actor,
            clock=clock,
            data={"closes_on": closes_on.isoformat(), "where": where},
        )
        return doc


def close_comment(
    doc: Document, *, on: dt.date, comments: int, response: str, actor, clock: Clock | None = None
) -> Document:
    """The call closes no earlier than announced; the comments received and the response are recorded
    (the response is published with the document)."""
    with transaction.atomic():
        doc = lock(doc)
        require_role(actor, doc, *WORKING_ROLES, step="comment_closed")
        require_stage(doc, Stage.IN_COMMENT, step="comment_closed")
        require_not_future(on, _("date the call for comments closed"), clock)
        opened = last_event(doc, "comment_opened")
        assert opened is not None  # the stage is entered by that event
        announced = dt.date.fromisoformat(opened.data["closes_on"])
        require_not_before(
            on, announced, _("date the call for comments closed"), _("the announced closing date")
        )
        if comments < 0:
            raise refuse("comments_negative", _("The number of comments received cannot be negative."))
        if comments and not response.strip():
            raise refuse("response_missing", _("Comments were received: give the response to them."))
        doc.stage = Stage.DRAFT
        doc.save(update_fields=["stage"])
        record(
            doc,
            "comment_closed",
            on,
            actor=actor,
            clock=clock,
            data={"comments": comments, "response": response.strip()},
        )
        return doc


def record_legality_review(
    doc: Document, *, on: dt.date, passed: bool, note: str = "", actor, clock: Clock | None = None
) -> Document:
    """合法性审核 by the agency's legal office."""
    with transaction.atomic():
        doc = lock(doc)
        require_role(actor, doc, *WORKING_ROLES, step="legality_reviewed")
        require_stage(doc, Stage.DRAFT, step="legality_reviewed")
        require_not_future(on, _("date of the legality review"), clock)
        if not passed and not note.strip():
            raise refuse("legality_note_missing", _("Say why the draft did not pass the legality review."))
        record(
            doc,
            "legality_reviewed",
            on,
            actor=actor,
            clock=clock,
            data={"passed": passed, "note": note.strip()},
        )
        return doc


def record_deliberation(
    doc: Document, *, on: dt.date, body: str, actor, clock: Clock | None = None
) -> Document:
    """审议: the meeting that adopted the draft (集体审议)."""
    with transaction.atomic():
        doc = lock(doc)
        require_role(actor, doc, *WORKING_ROLES, step="deliberated")
        require_stage(doc, Stage.DRAFT, step="deliberated")
        require_not_future(on, _("date of the deliberation"), clock)
        if not body.strip():
            raise refuse("deliberation_body_missing", _("Name the meeting that deliberated the draft."))
        record(doc, "deliberated", on, actor=actor, clock=clock, data={"body": body.strip()})
        return doc


def sign_document(
    doc: Document, *, on: dt.date, publicity: str | None = None, actor, clock: Clock | None = None
) -> Document:
    """签发 by the approver, who decides the 公开属性 (the one reviewed, unless they choose otherwise —
    which needs a reviewed proposal of that attribute, so they may only confirm here). A document that
    will owe an interpretation waits for it to be drafted and signed off (同步起草、同步审签)."""
    with transaction.atomic():
        doc = lock(doc)
        require_role(actor, doc, Role.APPROVER, step="signed")
        require_stage(doc, Stage.DRAFT, step="signed")
        require_not_future(on, _("date signed"), clock)
        proposal = require_reviewed(doc)
        if publicity and publicity != proposal.data["publicity"]:
            raise refuse(
                "publicity_not_reviewed",
                _("The publicity “%(chosen)s” was not reviewed: propose it and have it reviewed first.")
                % {"chosen": Publicity(publicity).label},
            )
        if doc.kind in REGISTERED_KINDS:
            legality = last_event(doc, "legality_reviewed")
            if legality is None or not legality.data["passed"]:
                raise refuse(
                    "legality_review_missing",
                    _("A “%(kind)s” is signed only after it passed the legality review.")
                    % {"kind": doc.get_kind_display()},
                )
            if last_event(doc, "deliberated") is None:
                raise refuse(
                    "deliberation_missing",
                    _("A “%(kind)s” is signed only after it was deliberated.")
                    % {"kind": doc.get_kind_display()},
                )
        require_interpretation_for_signing(doc, proposal.data["publicity"])  # 同步起草、同步审签
        doc.stage, doc.signed_on, doc.publicity = Stage.SIGNED, on, proposal.data["publicity"]
        doc.publicity_reason = proposal.data.get("reason", "")
        doc.save(update_fields=["stage", "signed_on", "publicity", "publicity_reason"])
        record(doc, "signed", on, actor=actor, clock=clock, data={"publicity": doc.publicity})
        return doc
