"""统一登记/编号, 公布 and 备案."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.publications import periods
from gongkai_web.accounts.access import WORKING_ROLES
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock

from ..errors import refuse
from ..models import Document, DocumentKind, NumberSequence, Publicity, Stage
from ..search_entries import index_documents
from .common import (
    last_event,
    lock,
    record,
    require_not_before,
    require_not_future,
    require_role,
    require_stage,
)
from .drafting import REGISTERED_KINDS
from .interpretations import publish_signed_interpretations

INDEX_SEQUENCE_PREFIX = "index:"


def next_serial(key: str, year: int) -> int:
    """The next serial of ``key`` in ``year``, taken under the sequence row's lock: never twice, no gap
    (a rolled-back step rolls the serial back with it)."""
    NumberSequence.objects.get_or_create(issuer_code=key, year=year)
    sequence = NumberSequence.objects.select_for_update().get(issuer_code=key, year=year)
    sequence.last_serial += 1
    sequence.save(update_fields=["last_serial"])
    return sequence.last_serial


def register_document(doc: Document, *, on: dt.date, actor, clock: Clock | None = None) -> Document:
    """统一登记、统一编号: the document takes the next serial of its issuer code in the year it is registered;
    a 规章 the next order number of its issuer (令第N号, running across years: ``number_year`` 0)."""
    with transaction.atomic():
        doc = lock(doc)
        require_role(actor, doc, *WORKING_ROLES, step="registered")
        require_stage(doc, Stage.SIGNED, step="registered")
        require_not_future(on, _("date of registration"), clock)
        year = 0 if doc.kind == DocumentKind.RULE else on.year
        serial = next_serial(doc.issuer_code, year)
        doc.number_year, doc.number_serial = year, serial
        doc.number = doc.number_for(serial, year)
        doc.stage = Stage.REGISTERED
        doc.save(update_fields=["number_year", "number_serial", "number", "stage"])
        record(doc, "registered", on, actor=actor, clock=clock, data={"number": doc.number})
        return doc


def publish_document(
    doc: Document,
    *,
    on: dt.date,
    effective_on: dt.date | None = None,
    valid_until: dt.date | None = None,
    actor,
    clock: Clock | None = None,
) -> Document:
    """公布 (主动公开): only a document whose 公开属性 was reviewed and decided as 主动公开, registered first
    when it is a 规章 or 行政规范性文件. The 索引号 is given now: ``{agency code}/{year}-{5-digit serial}``."""
    with transaction.atomic():
        doc = lock(doc)
        require_role(actor, doc, *WORKING_ROLES, step="published")
        needed = Stage.REGISTERED if doc.kind in REGISTERED_KINDS else Stage.SIGNED
        require_stage(doc, needed, step="published")
        require_not_future(on, _("date published"), clock)
        if doc.publicity == Publicity.PARTIAL and not doc.redacted_text.strip():
            raise refuse(
                "redacted_version_missing",
                _("The document is published in part: give the redacted version to publish first."),
            )
        if doc.publicity not in (Publicity.PROACTIVE, Publicity.PARTIAL):
            raise refuse(
                "not_proactive",
                _("The document's publicity is “%(publicity)s”: it is not published proactively.")
                % {"publicity": doc.get_publicity_display()},
            )
        if effective_on and effective_on < on:
            raise refuse(
                "effective_before_published", _("A document cannot take effect before it is published.")
            )
        if valid_until and valid_until <= (effective_on or on):
            raise refuse(
                "validity_ends_too_soon", _("The end of validity must be after the document takes effect.")
            )
        serial = next_serial(INDEX_SEQUENCE_PREFIX + doc.agency.code, on.year)
        doc.index_number = f"{doc.agency.code}/{on.year}-{serial:05d}"
        doc.stage, doc.published_on = Stage.PUBLISHED, on
        doc.effective_on, doc.valid_until = effective_on, valid_until
        doc.save(update_fields=["index_number", "stage", "published_on", "effective_on", "valid_until"])
        due = periods.publication_due(doc.formed_on) if doc.formed_on else None
        record(
            doc,
            "published",
            on,
            actor=actor,
            clock=clock,
            data={
                "index_number": doc.index_number,
                "due": due.isoformat() if due else None,
                "late": bool(due and on > due),
            },
        )
        publish_signed_interpretations(doc, on=on, actor=actor, clock=clock)  # 同步发布
        index_documents([doc])  # findable by the public from now (search_entries)
        return doc


def record_filing(
    doc: Document, *, on: dt.date, filed_with: str, receipt: str = "", actor, clock: Clock | None = None
) -> Document:
    """备案: sent to the body that reviews it, due within 30 days of publication (a late filing is
    recorded as late, not refused: the record must say what happened); ``receipt``: the filing body's
    acknowledgement (备案登记号 or 回执), when it gave one."""
    with transaction.atomic():
        doc = lock(doc)
        require_role(actor, doc, *WORKING_ROLES, step="filed")
        require_stage(doc, Stage.PUBLISHED, step="filed")
        require_not_future(on, _("date filed"), clock)
        require_not_before(on, doc.published_on, _("date filed"), _("date published"))
        if not filed_with.strip():
            raise refuse("filed_with_missing", _("Name the body the document was filed with."))
        assert doc.published_on is not None  # published: the constraint document_published_has_date
        due = periods.filing_due(doc.published_on)
        record(
            doc,
            "filed",
            on,
            actor=actor,
            clock=clock,
            data={
                "filed_with": filed_with.strip(),
                "receipt": receipt.strip(),
                "due": due.isoformat(),
                "late": on > due,
            },
        )
        return doc


def record_filing_result(
    doc: Document, *, on: dt.date, outcome: str, actor, clock: Clock | None = None
) -> Document:
    with transaction.atomic():
        doc = lock(doc)
        require_role(actor, doc, *WORKING_ROLES, step="filing_result")
        if last_event(doc, "filed") is None:
            raise refuse("not_filed", _("The document has not been filed yet."))
        require_not_future(on, _("date of the filing result"), clock)
        if not outcome.strip():
            raise refuse("filing_outcome_missing", _("Give the result of the filing review."))
        record(doc, "filing_result", on, actor=actor, clock=clock, data={"outcome": outcome.strip()})
        return doc


def record_evaluation(
    doc: Document, *, on: dt.date, conclusion: str, keep: bool, actor, clock: Clock | None = None
) -> Document:
    """评估 before 有效期 ends (``periods.evaluation_window``: the six months before its last day): the
    conclusion, and whether the document should continue (renewed by an effect record) or lapse. An
    evaluation before the window or after the end is refused: too early it cannot judge the period's
    use, too late the document has lapsed already (it is re-issued, not renewed)."""
    with transaction.atomic():
        doc = lock(doc)
        require_role(actor, doc, *WORKING_ROLES, step="evaluated")
        require_stage(doc, Stage.PUBLISHED, step="evaluated")
        require_not_future(on, _("date of the evaluation"), clock)
        if doc.valid_until is None:
            raise refuse(
                "no_validity_period", _("The document has no end of validity: there is nothing to evaluate.")
            )
        opens, closes = periods.evaluation_window(doc.valid_until)
        if not opens <= on <= closes:
            raise refuse(
                "outside_evaluation_window",
                _(
                    "The evaluation is made between %(opens)s and %(closes)s, the six months before validity ends."
                )
                % {"opens": f"{opens:%Y-%m-%d}", "closes": f"{closes:%Y-%m-%d}"},
            )
        if not conclusion.strip():
            raise refuse("evaluation_conclusion_missing", _("Give the conclusion of the evaluation."))
        record(
            doc,
            "evaluated",
            on,
            actor=actor,
            clock=clock,
            data={"conclusion": conclusion.strip(), "keep": keep},
        )
        return doc


def set_redacted_version(doc: Document, *, text: str, actor, clock: Clock | None = None) -> Document:
    """The version a 部分公开 document is published in: its text with the withheld parts taken out (the
    grounds were given with the reviewed proposal, ``publicity_reason``). Set before publication."""
    with transaction.atomic():
        doc = lock(doc)
        require_role(actor, doc, *WORKING_ROLES, step="published")
        require_stage(doc, Stage.SIGNED, Stage.REGISTERED, step="published")
        if doc.publicity != Publicity.PARTIAL:
            raise refuse("not_partial", _("Only a document published in part has a redacted version."))
        if not text.strip():
            raise refuse("redacted_version_empty", _("Give the text as it will be published."))
        doc.redacted_text = text.strip()
        doc.save(update_fields=["redacted_text"])
        log(
            doc,
            "publications.redacted_version_set",
            actor=actor,
            clock=clock,
            data={"length": len(doc.redacted_text)},
        )
        return doc
