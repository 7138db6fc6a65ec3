"""The library's entries as the search engine sees them (``gongkai.search.entry.Entry``, kind ``QA``):
the question is the title, the answer the body, the topic's name the topic. Only published entries are
indexed; the services index an entry when it is published or revised while published, and take it out
when it is withdrawn. ``provider`` walks them for a re-index."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils import timezone

from gongkai.search.entry import QA, Entry
from gongkai_web.search import registry, services

from .models import EntryState, QAEntry


def entry_of(entry: QAEntry) -> Entry:
    return Entry(
        kind=QA,
        key=entry.pk,
        agency_id=entry.agency_id,
        agency_path=entry.agency.path,
        title=entry.question,
        body=entry.answer,
        published_on=timezone.localdate(entry.published_at) if entry.published_at else None,
        topic=entry.topic.name if entry.topic else "",
    )


def index(entry: QAEntry) -> None:
    services.index_entries([entry_of(entry)])


def unindex(entry: QAEntry) -> None:
    services.remove_entries(QA, [entry.pk])


def _published():
    return QAEntry.objects.filter(state=EntryState.PUBLISHED).select_related("agency", "topic")


def _batch(after: int, limit: int) -> Iterable[Entry]:
    return [entry_of(e) for e in _published().filter(pk__gt=after).order_by("pk")[:limit]]


def provider() -> registry.Provider:
    return registry.Provider(kind=QA, batch=_batch, count=lambda: _published().count())
