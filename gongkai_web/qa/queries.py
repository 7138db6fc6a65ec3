"""Reads of the Q&A library and of the question queue, for the staff pages and the public ones.

Staff see the entries and questions of the agencies they may read (``visible_agencies``: their own,
and the subtree a supervising office supervises); the public sees published entries only, and never
an asker's details. The asker's name and contact are masked (``masked_asker``) for everyone on the
staff screens until an audited unmasking by the agency's own staff (as an applicant's are)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from gongkai import identifiers, workdays
from gongkai.search.entry import QA, SearchPage, SearchRequest
from gongkai_web.accounts.access import visible_agencies
from gongkai_web.agencies.models import Agency
from gongkai_web.publications.catalogue_queries import documents_matching
from gongkai_web.publications.models import Document
from gongkai_web.publications.search_entries import public_documents as public_library
from gongkai_web.search.queries import search

from .models import ContactKind, EntryState, PublicQuestion, QAEntry, QuestionState, Topic


def staff_entries(user) -> QuerySet[QAEntry]:
    return QAEntry.objects.filter(agency__in=visible_agencies(user)).select_related("agency", "topic")


def staff_questions(user) -> QuerySet[PublicQuestion]:
    return PublicQuestion.objects.filter(agency__in=visible_agencies(user)).select_related("agency", "entry")


def topics_of(agencies) -> QuerySet[Topic]:
    return Topic.objects.filter(agency__in=agencies).select_related("agency")


# ── the queue ────────────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class QueueRow:
    question: PublicQuestion
    masked: dict[str, str]
    #: "overdue", "due_soon", "" (open and not near), or "done" (answered or closed).
    state: str


def row_state(asked: PublicQuestion, today: dt.date) -> str:
    if asked.state != QuestionState.RECEIVED:
        return "done"
    if asked.due_on < today:
        return "overdue"
    if asked.due_on <= workdays.add_working_days(today, settings.GONGKAI_QA_DUE_SOON_WORKDAYS):
        return "due_soon"
    return ""


def queue(questions: QuerySet[PublicQuestion], today: dt.date, *, open_only: bool = True) -> list[QueueRow]:
    """The questions by due date, the earliest first (so the overdue lead)."""
    if open_only:
        questions = questions.filter(state=QuestionState.RECEIVED)
    return [QueueRow(q, masked_asker(q), row_state(q, today)) for q in questions.order_by("due_on", "id")]


# ── the asker's personal data ───────────────────────────────────────────────────────────────────────


def masked_asker(asked: PublicQuestion) -> dict[str, str]:
    contact = (
        identifiers.mask_email(asked.contact)
        if asked.contact_kind == ContactKind.EMAIL
        else identifiers.mask_phone(asked.contact)
    )
    return {"name": identifiers.mask_name(asked.name) if asked.name else "", "contact": contact}


def full_asker(asked: PublicQuestion) -> dict[str, str]:
    return {"name": asked.name, "contact": asked.contact}


def masked_text(asked: PublicQuestion, text: str) -> str:
    """``text`` with the asker's own name and contact, where written in it, masked."""
    masked = masked_asker(asked)
    for field in ("contact", "name"):
        value = getattr(asked, field).strip()
        if len(value) > 1:
            text = text.replace(value, masked[field])
    return text


# ── documents that may ground an answer ────────────────────────────────────────────────────────────


def linkable_documents(entry: QAEntry | None = None) -> QuerySet[Document]:
    """Published, public documents (of any agency: an answer may rest on the city's rule), not linked
    to ``entry`` yet."""
    documents = public_library()
    if entry is not None:
        documents = documents.exclude(qa_entries=entry)
    return documents.select_related("agency").order_by("-published_on", "-id")


def link_candidates(entry: QAEntry, query: str) -> list[Document]:
    """As the catalogue's link search: a 文号 in any brackets finds the number, otherwise every word
    must be in the title."""
    return documents_matching(linkable_documents(entry), query)


def public_documents(entry: QAEntry) -> list[Document]:
    """The linked documents the public may see (published and public; one withdrawn since is left out)."""
    return list(linkable_documents().filter(qa_entries=entry))


# ── the public library ─────────────────────────────────────────────────────────────────────────────

PUBLIC_PAGE_SIZE = 10


def published_entries() -> QuerySet[QAEntry]:
    return QAEntry.objects.filter(state=EntryState.PUBLISHED).select_related("agency", "topic")


def public_topics() -> list[str]:
    """The names of the topics that have a published entry, for the filter."""
    return sorted(
        set(
            Topic.objects.filter(entries__state=EntryState.PUBLISHED)
            .values_list("name", flat=True)
            .distinct()
        )
    )


def public_search(
    text: str, *, agency_id: int | None = None, topic: str = "", page: int = 1
) -> tuple[SearchPage, list[tuple[object, QAEntry]]]:
    """The search engine's page of published entries, each hit with its entry (a hit whose entry is no
    longer published is dropped)."""
    found = search(
        SearchRequest(
            text=text, kinds=(QA,), agency_id=agency_id, topic=topic, page=page, per_page=PUBLIC_PAGE_SIZE
        )
    )
    entries = published_entries().in_bulk([h.key for h in found.hits])
    return found, [(h, entries[h.key]) for h in found.hits if h.key in entries]


def agencies_with_entries() -> QuerySet[Agency]:
    return Agency.objects.filter(qa_entries__state=EntryState.PUBLISHED).distinct().order_by("path")
