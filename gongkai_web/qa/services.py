"""Every change of the Q&A library and of the public questions: one function each (verb_noun, atomic,
audited, a ``QAError`` with a code and a Chinese message when refused, nothing changed then).

The library: ``create_topic``, ``create_entry`` (version 1), ``revise_entry`` (the next version, with
its reason), ``link_document`` / ``unlink_document``, ``publish_entry`` and ``withdraw_entry`` (the
approver's; the search index follows in the same transaction). The public questions: ``ask_question``
(the due date is ``GONGKAI_QA_ANSWER_WORKDAYS`` working days after the day asked), ``answer_question``,
``publish_answer`` (the answer joins the library: published at once by an approver, a draft for the
approver otherwise), ``close_question`` and ``unmask_asker``."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import workdays
from gongkai_web import casework
from gongkai_web.accounts.access import can_unmask, has_role
from gongkai_web.accounts.models import Role
from gongkai_web.applications.codes import ALPHABET
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now
from gongkai_web.publications.models import Document
from gongkai_web.publications.search_entries import is_public

from . import indexing, notify, rules
from .errors import refuse
from .models import EntryState, PublicQuestion, QAEntry, QAVersion, QuestionState, Topic

lock = casework.lock


def _q():
    return _("the question")


def _a():
    return _("the answer")


@transaction.atomic
def create_topic(agency, *, name: str, actor, clock: Clock | None = None) -> Topic:
    rules.require_working(actor, agency)
    name = rules.require_text(name, what=_("the topic"), limit=60, code="topic")
    if Topic.objects.filter(agency=agency, name=name).exists():
        raise refuse("topic_exists", _("The topic “%(name)s” exists already.") % {"name": name})
    topic = Topic.objects.create(agency=agency, name=name)
    log(topic, "qa.topic_added", actor=actor, data={"name": name}, clock=clock)
    return topic


def _check_topic(agency, topic: Topic | None) -> None:
    if topic is not None and topic.agency_id != agency.pk:
        raise refuse("topic_of_other_agency", _("The topic belongs to another agency's library."))


def _texts(question: str, answer: str) -> tuple[str, str]:
    return (
        rules.require_text(question, what=_q(), limit=rules.ENTRY_QUESTION_MAX, code="question"),
        rules.require_text(answer, what=_a(), limit=rules.ANSWER_MAX, code="answer"),
    )


def _version(entry: QAEntry, *, reason: str, actor, at) -> QAVersion:
    return QAVersion.objects.create(
        entry=entry,
        number=entry.version,
        question=entry.question,
        answer=entry.answer,
        reason=reason,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        created_at=at,
    )


@transaction.atomic
def create_entry(
    agency,
    *,
    question: str,
    answer: str,
    topic: Topic | None = None,
    documents=(),
    actor,
    clock: Clock | None = None,
) -> QAEntry:
    """A draft entry, version 1; the documents that ground it linked (published, public ones)."""
    rules.require_working(actor, agency)
    _check_topic(agency, topic)
    question, answer = _texts(question, answer)
    at = now(clock)
    entry = QAEntry.objects.create(
        agency=agency, topic=topic, question=question, answer=answer, created_at=at, updated_at=at
    )
    _version(entry, reason=_("first version"), actor=actor, at=at)
    for document in documents:
        _require_linkable(document)
        entry.documents.add(document)
    log(entry, "qa.entry_created", actor=actor, data={"documents": [d.pk for d in documents]}, clock=clock)
    return entry


@transaction.atomic
def revise_entry(
    entry: QAEntry,
    *,
    question: str,
    answer: str,
    reason: str,
    topic: Topic | None = None,
    actor,
    clock: Clock | None = None,
) -> QAEntry:
    """The next version of the text, with why it changed; a published entry is revised by the approver
    only (and the index takes the new text at once)."""
    entry = lock(entry)
    rules.require_working(actor, entry.agency)
    if entry.state == EntryState.PUBLISHED:
        rules.require_approver(actor, entry.agency)
    _check_topic(entry.agency, topic)
    question, answer = _texts(question, answer)
    reason = rules.require_text(
        reason, what=_("the reason for the change"), limit=rules.REASON_MAX, code="reason"
    )
    if (question, answer, topic) == (entry.question, entry.answer, entry.topic):
        raise refuse("unchanged", _("Nothing was changed: edit the question, the answer or the topic."))
    at = now(clock)
    entry.question, entry.answer, entry.topic = question, answer, topic
    entry.version += 1
    entry.updated_at = at
    entry.save(update_fields=["question", "answer", "topic", "version", "updated_at"])
    _version(entry, reason=reason, actor=actor, at=at)
    if entry.state == EntryState.PUBLISHED:
        indexing.index(entry)
    log(
        entry, "qa.entry_revised", actor=actor, data={"version": entry.version, "reason": reason}, clock=clock
    )
    return entry


def _require_linkable(document: Document) -> None:
    if not is_public(document):  # published, 主动公开 or 部分公开, not withdrawn since
        raise refuse(
            "document_not_public",
            _("Only a published document may ground an answer: “%(title)s” is not published.")
            % {"title": document.title},
        )


@transaction.atomic
def link_document(entry: QAEntry, document: Document, *, actor, clock: Clock | None = None) -> None:
    entry = lock(entry)
    rules.require_working(actor, entry.agency)
    _require_linkable(document)
    if entry.documents.filter(pk=document.pk).exists():
        raise refuse("already_linked", _("The document is linked to this entry already."))
    entry.documents.add(document)
    log(entry, "qa.document_linked", actor=actor, data={"document": document.pk}, clock=clock)


@transaction.atomic
def unlink_document(entry: QAEntry, document: Document, *, actor, clock: Clock | None = None) -> None:
    entry = lock(entry)
    rules.require_working(actor, entry.agency)
    if not entry.documents.filter(pk=document.pk).exists():
        raise refuse("not_linked", _("The document is not linked to this entry."))
    entry.documents.remove(document)
    log(entry, "qa.document_unlinked", actor=actor, data={"document": document.pk}, clock=clock)


def _require_state(entry: QAEntry, *allowed: str, action: str) -> None:
    if entry.state not in allowed:
        raise refuse(
            "wrong_state",
            _("The entry is %(state)s: it cannot be %(action)s.")
            % {"state": entry.get_state_display(), "action": action},
            state=entry.state,
        )


@transaction.atomic
def publish_entry(entry: QAEntry, *, actor, clock: Clock | None = None) -> QAEntry:
    """The approver publishes a draft (or a withdrawn entry again): it joins the public library and the
    search index."""
    entry = lock(entry)
    rules.require_approver(actor, entry.agency)
    _require_state(entry, EntryState.DRAFT, EntryState.WITHDRAWN, action=_("published"))
    entry.state, entry.published_at = EntryState.PUBLISHED, now(clock)
    entry.save(update_fields=["state", "published_at"])
    indexing.index(entry)
    log(entry, "qa.entry_published", actor=actor, data={"version": entry.version}, clock=clock)
    return entry


@transaction.atomic
def withdraw_entry(entry: QAEntry, *, reason: str, actor, clock: Clock | None = None) -> QAEntry:
    """The approver takes a published entry out of the public library and the index (kept, with its
    versions, and may be published again)."""
    entry = lock(entry)
    rules.require_approver(actor, entry.agency)
    _require_state(entry, EntryState.PUBLISHED, action=_("withdrawn"))
    reason = rules.require_text(
        reason, what=_("the reason for withdrawing"), limit=rules.REASON_MAX, code="reason"
    )
    entry.state = EntryState.WITHDRAWN
    entry.save(update_fields=["state"])
    indexing.unindex(entry)
    log(entry, "qa.entry_withdrawn", actor=actor, data={"reason": reason}, clock=clock)
    return entry


# ── the public's questions ─────────────────────────────────────────────────────────────────────────


def new_query_code() -> str:
    """``ZX`` and ten characters read aloud without confusion (no 0/O, 1/I/L): about 50 bits."""
    return "ZX" + "".join(secrets.choice(ALPHABET) for _i in range(10))


def due_on_for(asked_on):
    """The day the answer is due: ``GONGKAI_QA_ANSWER_WORKDAYS`` working days after the day asked
    (the national working-day calendar, holidays and 调休 working days included)."""
    return workdays.add_working_days(asked_on, settings.GONGKAI_QA_ANSWER_WORKDAYS)


#: How long after a question a re-post of the same form (a double click, a lost answer) is taken for
#: the same question and shown its receipt; later (a back button on a shared computer) it is refused.
REPOST_WINDOW = dt.timedelta(minutes=10)


@transaction.atomic
def ask_question(
    agency,
    *,
    question: str,
    contact: str,
    name: str = "",
    token: str | None = None,
    actor=None,
    clock: Clock | None = None,
) -> PublicQuestion:
    """A question from the public form: into ``agency``'s queue, due ``due_on_for`` the day asked.
    ``token`` is the form's one-time token (``casework.create_once``, as for the apply form): the same
    form posted again returns the first question, never a second one."""
    text = rules.asked_question(question)
    kind, contact = rules.contact_of(contact)
    name = (name or "").strip()
    if len(name) > rules.NAME_MAX:
        raise refuse(
            "name_too_long", _("The name can have at most %(limit)s characters.") % {"limit": rules.NAME_MAX}
        )
    at = now(clock)

    def create() -> PublicQuestion:
        asked = PublicQuestion.objects.create(
            query_code=new_query_code(),
            submission_token=token or None,
            agency=agency,
            name=name,
            contact=contact,
            contact_kind=kind,
            question=text,
            asked_at=at,
            due_on=due_on_for(timezone.localdate(at)),
        )
        # The audit entry names no asker: the asker's data stays on the record, masked.
        log(
            asked,
            "qa.question_asked",
            actor=actor,
            actor_label=_("the public"),
            data={"due_on": asked.due_on},
            clock=clock,
        )
        return asked

    asked, created = casework.create_once(PublicQuestion, token or None, create)
    if not created:
        _require_same_question(asked, agency, text, at)
    return asked


def _require_same_question(asked: PublicQuestion, agency, text: str, at) -> None:
    """A re-post is the first question again only when it repeats it soon after; otherwise it is refused
    without naming the query code (which opens the answer: it must not reach the next user of a
    shared computer)."""
    if asked.agency_id != agency.pk or asked.question != text or at - asked.asked_at > REPOST_WINDOW:
        raise refuse(
            "already_asked",
            _("This form was already sent on %(time)s. To ask another question, open the form again.")
            % {"time": f"{timezone.localtime(asked.asked_at):%Y-%m-%d %H:%M}"},
        )


def _require_question_state(asked: PublicQuestion, *allowed: str, action: str) -> None:
    if asked.state not in allowed:
        raise refuse(
            "wrong_state",
            _("The question is %(state)s: it cannot be %(action)s.")
            % {"state": asked.get_state_display(), "action": action},
            state=asked.state,
        )


@transaction.atomic
def answer_question(
    asked: PublicQuestion, *, answer: str, actor, clock: Clock | None = None
) -> PublicQuestion:
    asked = lock(asked)
    rules.require_working(actor, asked.agency)
    _require_question_state(asked, QuestionState.RECEIVED, action=_("answered"))
    asked.answer = rules.require_text(answer, what=_a(), limit=rules.ANSWER_MAX, code="answer")
    asked.state, asked.answered_by, asked.answered_at = QuestionState.ANSWERED, actor, now(clock)
    asked.save(update_fields=["answer", "state", "answered_by", "answered_at"])
    late = timezone.localdate(asked.answered_at) > asked.due_on
    log(asked, "qa.question_answered", actor=actor, data={"late": late}, clock=clock)
    notify.answered(asked, clock=clock)  # to the contact left, in this transaction (the outbox)
    return asked


@transaction.atomic
def publish_answer(
    asked: PublicQuestion, *, question: str, topic: Topic | None = None, actor, clock: Clock | None = None
) -> QAEntry:
    """The answered question joins the library as an entry (``question``: its wording for the library,
    without the asker's personal details), published at once when the approver does it, otherwise a
    draft the approver publishes."""
    asked = lock(asked)
    rules.require_working(actor, asked.agency)
    _require_question_state(asked, QuestionState.ANSWERED, action=_("put into the library"))
    if asked.entry_id is not None:
        raise refuse("already_in_library", _("This answer is in the Q&A library already."))
    entry = create_entry(
        asked.agency, question=question, answer=asked.answer, topic=topic, actor=actor, clock=clock
    )
    asked.entry = entry
    asked.save(update_fields=["entry"])
    log(asked, "qa.answer_to_library", actor=actor, data={"entry": entry.pk}, clock=clock)
    if has_role(actor, asked.agency, Role.APPROVER):
        publish_entry(entry, actor=actor, clock=clock)
        entry.refresh_from_db()
    return entry


@transaction.atomic
def close_question(
    asked: PublicQuestion, *, reason: str, actor, clock: Clock | None = None
) -> PublicQuestion:
    """Close a question without an answer (a duplicate, no question at all), saying why."""
    asked = lock(asked)
    rules.require_working(actor, asked.agency)
    _require_question_state(asked, QuestionState.RECEIVED, action=_("closed"))
    asked.closed_reason = rules.require_text(
        reason, what=_("the reason for closing"), limit=rules.REASON_MAX, code="reason"
    )
    asked.state = QuestionState.CLOSED
    asked.save(update_fields=["closed_reason", "state"])
    log(asked, "qa.question_closed", actor=actor, data={"reason": asked.closed_reason}, clock=clock)
    return asked


@transaction.atomic
def unmask_asker(asked: PublicQuestion, *, actor, clock: Clock | None = None) -> None:
    """Record that ``actor`` looked at the asker's full contact (the agency's own staff only)."""
    if not can_unmask(actor, asked.agency):
        raise refuse("unmask_forbidden", _("Your role may not see the asker's contact in full."))
    log(asked, "qa.asker_unmasked", actor=actor, clock=clock)
