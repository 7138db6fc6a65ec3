"""Reads for the staff pages of the library: the documents a user may see, and the validity of many
documents at once (one query for their effects; the same rule as ``queries.validity_of``)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import QuerySet

from gongkai.publications import validity as core
from gongkai_web.accounts.access import visible_agencies

from .models import Document, Effect


def staff_documents(user) -> QuerySet[Document]:
    """Every document (drafts included) of the agencies the user may read: own agencies, and the
    subtree of a supervising office."""
    return Document.objects.filter(agency__in=visible_agencies(user)).select_related("agency")


def validities(docs: Iterable[Document], day: dt.date) -> dict[int, core.Validity | None]:
    """Each document's validity on ``day`` by its id (None: not published by then)."""
    docs = list(docs)
    published = [d for d in docs if d.published_on is not None]
    effects: dict[int, list[core.Effect]] = defaultdict(list)
    rows = Effect.objects.filter(target__in=[d.pk for d in published]).values_list(
        "target", "kind", "on", "valid_until", "source__number", "source__title"
    )
    for target, kind, on, valid_until, number, title in rows:
        effects[target].append(core.Effect(core.EffectKind(kind), on, number or title, valid_until))
    found: dict[int, core.Validity | None] = {d.pk: None for d in docs}
    for d in published:
        assert d.published_on is not None
        dates = core.DocumentDates(d.published_on, d.effective_on, d.valid_until)
        found[d.pk] = core.validity_on(dates, effects[d.pk], day)
    return found
