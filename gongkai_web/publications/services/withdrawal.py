"""停止公开: a published document taken out of the public column after the fact — published by mistake,
or a 保密 problem found later (条例第十七条: 公开前依照法律、法规和国家有关规定对拟公开的政府信息进行审查; when
the review missed something, the agency stops the harm by withdrawing it). The record stays: the document
keeps its stage, number and 索引号 (table 2 still counts what was issued), and the staff page says when,
by whom and why. The public loses it at once: its column lists, the search index (the document and its
interpretations), and the cached pages (the public generation moves on); its address answers 410."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai.search.entry import INTERPRETATION
from gongkai_web.accounts.models import Role
from gongkai_web.clocks import Clock, now
from gongkai_web.search.services import remove_entries

from ..errors import refuse
from ..models import Document, Stage
from ..search_entries import index_documents
from .common import lock, record, require_role, require_stage


def withdraw_document(doc: Document, *, actor, reason: str, clock: Clock | None = None) -> Document:
    """The agency's approver (who decides publication, as at 签发) stops the publication of ``doc``
    today, giving the reason (kept for staff and the supervising office, never shown to the public)."""
    reason = reason.strip()
    if not reason:
        raise refuse(
            "withdrawal_reason_missing",
            _("Give the reason the document is withdrawn from the public (kept in its record)."),
        )
    with transaction.atomic():
        doc = lock(doc)
        require_role(actor, doc, Role.APPROVER, step="withdrawn")
        require_stage(doc, Stage.PUBLISHED, step="withdrawn")
        if doc.withdrawn_on is not None:
            raise refuse(
                "already_withdrawn",
                _("The document was withdrawn from the public on %(day)s already.")
                % {"day": f"{doc.withdrawn_on:%Y-%m-%d}"},
            )
        today = timezone.localdate(now(clock))
        doc.withdrawn_on, doc.withdrawal_reason = today, reason
        doc.save(update_fields=["withdrawn_on", "withdrawal_reason"])
        record(doc, "withdrawn", today, actor=actor, clock=clock, data={"reason": reason})
        index_documents([doc])  # not public any more: its entry is removed, cached pages dropped
        interpretations = list(
            doc.interpretations.filter(published_on__isnull=False).values_list("pk", flat=True)
        )
        if interpretations:
            remove_entries(INTERPRETATION, interpretations)
        return doc
