"""Reads for the staff pages of the library: the documents a user may see, and the validity of many
documents at once (one query for their dates, one for their effects; the same rule and basis as
``queries.validity_of``)."""

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
    """Each of ``docs``' validity on ``day`` by its id (None: not published by then)."""
    rows = [(d.pk, d.published_on, d.effective_on, d.valid_until) for d in docs]
    effects = _effects(Effect.objects.filter(target__in=[r[0] for r in rows if r[1] is not None]))
    return dict(_validity_rows(rows, effects, day))


def validities_in_order(docs: QuerySet[Document], day: dt.date) -> list[tuple[int, core.Validity | None]]:
    """The validity on ``day`` of every document of ``docs``, in its order, without building the
    documents (a supervising office's list filtered by validity reads thousands)."""
    rows = list(docs.values_list("pk", "published_on", "effective_on", "valid_until"))
    effects = _effects(Effect.objects.filter(target__in=docs.values("pk")))
    return _validity_rows(rows, effects, day)


def _effects(found: QuerySet[Effect]) -> dict[int, list[core.Effect]]:
    effects: dict[int, list[core.Effect]] = defaultdict(list)
    rows = found.values_list("target", "kind", "on", "valid_until", "source__number", "source__title")
    for target, kind, on, valid_until, number, title in rows:
        effects[target].append(core.Effect(core.EffectKind(kind), on, number or title, valid_until))
    return effects


def _validity_rows(rows, effects, day: dt.date) -> list[tuple[int, core.Validity | None]]:
    return [
        (
            pk,
            None
            if published is None
            else core.validity_on(core.DocumentDates(published, eff, until), effects[pk], day),
        )
        for pk, published, eff, until in rows
    ]
