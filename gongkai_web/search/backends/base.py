from __future__ import annotations

import datetime as dt

from django.db.models import Q, QuerySet

from gongkai.publications.docnumber import parse_search_number
from gongkai.search.entry import Entry, SearchPage, SearchRequest

from ..models import SearchEntry


class Backend:
    """Stores entries in ``SearchEntry`` and answers ``SearchRequest``s; subclasses add their index."""

    name = "base"

    def index(self, entries: list[Entry]) -> int:
        for entry in entries:
            SearchEntry.objects.update_or_create(kind=entry.kind, key=entry.key, defaults=row_of(entry))
        return len(entries)

    def remove(self, kind: str, keys: list[int]) -> int:
        deleted, _ = SearchEntry.objects.filter(kind=kind, key__in=keys).delete()
        return deleted

    def search(self, request: SearchRequest) -> SearchPage:
        raise NotImplementedError


def row_of(entry: Entry) -> dict:
    parsed = parse_search_number(entry.number) if entry.number else None
    number_key = str(parsed) if parsed else entry.number
    return {
        "agency_id": entry.agency_id,
        "agency_path": entry.agency_path,
        "title": entry.title,
        "body": entry.body,
        "number": entry.number,
        "number_key": number_key,
        "published_on": entry.published_on,
        "year": entry.year,
        "topic": entry.topic,
        "genre": entry.genre,
        "doc_kind": entry.doc_kind,
        "effective_on": entry.effective_on,
        "in_force_until": entry.in_force_until,
        "words": f"{entry.title} {entry.body}",
    }


def filtered(request: SearchRequest) -> QuerySet[SearchEntry]:
    """The request's filters, the same for every back end."""
    rows = SearchEntry.objects.all()
    if request.kinds:
        rows = rows.filter(kind__in=request.kinds)
    if request.agency_id is not None:
        rows = rows.filter(agency_id=request.agency_id)
    if request.agency_path:
        rows = rows.filter(agency_path__startswith=request.agency_path)
    if request.year is not None:
        rows = rows.filter(year=request.year)
    for name in ("topic", "genre", "doc_kind"):
        if value := getattr(request, name):
            rows = rows.filter(**{name: value})
    if request.in_force_on is not None:
        rows = rows.filter(in_force_on(request.in_force_on))
    return rows


def in_force_on(day: dt.date) -> Q:
    return (Q(effective_on__isnull=True) | Q(effective_on__lte=day)) & (
        Q(in_force_until__isnull=True) | Q(in_force_until__gt=day)
    )
