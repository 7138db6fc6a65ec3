"""The library's documents as the search index sees them (``gongkai.search.entry.Entry``): only what the
public may read. A document is in the index when it is published and its 公开方式 is 主动公开 or 部分公开;
a 部分公开 one with its redacted text only (the withheld parts never reach the index). Its in-force
window comes from its own dates and the effect records (the core's ``validity_on``), so that the
engine can filter "现行有效 on a day".

The services call ``index_documents`` in the transaction that changes what the public sees (publishing,
recording an effect, an import); the demo after writing its library. Registered as the search
registry's provider of documents (``apps.PublicationsConfig.ready``) for ``manage.py reindex_search``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.core.cache import caches
from django.db import transaction
from django.db.models import QuerySet

from gongkai.publications import validity as core
from gongkai.search.entry import DOCUMENT, Entry
from gongkai_web.search import registry
from gongkai_web.search.services import index_entries, remove_entries

from .models import Document, Effect, Publicity, Stage

#: The 公开方式 of documents the public reads.
PUBLIC_PUBLICITY = (Publicity.PROACTIVE, Publicity.PARTIAL)
#: A day after any end of validity: the validity "for ever after" tells when a document stops being in force.
_END_OF_TIME = dt.date(9000, 1, 1)
BATCH = 500


def public_documents() -> QuerySet[Document]:
    """Every document the public may read: published, 主动公开 or 部分公开, not withdrawn since."""
    return Document.objects.filter(
        stage=Stage.PUBLISHED, publicity__in=PUBLIC_PUBLICITY, withdrawn_on__isnull=True
    )


def is_public(doc: Document) -> bool:
    return doc.stage == Stage.PUBLISHED and doc.publicity in PUBLIC_PUBLICITY and doc.withdrawn_on is None


def public_text(doc: Document) -> str:
    """The text the public reads: the redacted version of a 部分公开 document, the text otherwise."""
    return doc.redacted_text if doc.publicity == Publicity.PARTIAL else doc.text


def _effects_by_target(pks: Sequence[int]) -> dict[int, list[core.Effect]]:
    found: dict[int, list[core.Effect]] = {pk: [] for pk in pks}
    rows = Effect.objects.filter(target__in=pks).values_list("target", "kind", "on", "valid_until")
    for target, kind, on, valid_until in rows.order_by("on", "id"):
        found[target].append(core.Effect(core.EffectKind(kind), on, "", valid_until))
    return found


def in_force_until(doc: Document, effects: Iterable[core.Effect]) -> dt.date | None:
    """The first day the document is no longer in force (repealed, declared expired, or its 有效期
    over, renewals counted); None when nothing ends it."""
    assert doc.published_on is not None
    dates = core.DocumentDates(doc.published_on, doc.effective_on, doc.valid_until)
    final = core.validity_on(dates, list(effects), _END_OF_TIME)
    if final is not None and final.status in (core.ValidityStatus.REPEALED, core.ValidityStatus.EXPIRED):
        return final.since
    return None


def entry_of(doc: Document, effects: Iterable[core.Effect]) -> Entry:
    return Entry(
        kind=DOCUMENT,
        key=doc.pk,
        agency_id=doc.agency_id,
        agency_path=doc.agency.path,
        title=doc.title,
        body="\n".join(part for part in (doc.summary, public_text(doc)) if part),
        number=doc.number,
        published_on=doc.published_on,
        topic=doc.topic,
        genre=doc.genre,
        doc_kind=doc.kind,
        effective_on=doc.effective_on or doc.published_on,
        in_force_until=in_force_until(doc, effects),
    )


def entries(docs: Iterable[Document]) -> list[Entry]:
    """The entries of the public ones among ``docs`` (one query for their effects)."""
    public = [d for d in docs if is_public(d)]
    effects = _effects_by_target([d.pk for d in public])
    return [entry_of(d, effects[d.pk]) for d in public]


#: The public pages' generation: part of every cached public page's key (portal.column_cache), moved on
#: by every change of what the public reads. Kept in the cache every process shares (the throttle's:
#: the database or Redis), so a change in one process reaches the copies of all.
GENERATION_KEY = "publications:public-generation"


def _shared_cache():
    return caches["throttle"]


def public_generation() -> int:
    return int(_shared_cache().get_or_set(GENERATION_KEY, 1, timeout=None))


def _move_generation() -> None:
    shared = _shared_cache()
    try:
        shared.incr(GENERATION_KEY)
    except ValueError:  # not there yet (or expired): any new value will do
        shared.set(GENERATION_KEY, 2, timeout=None)


def move_public_generation() -> None:
    """The public pages cached so far are stale: now, and again once the change is committed (so that a
    page rendered from the old rows while the transaction ran is not kept either)."""
    _move_generation()
    transaction.on_commit(_move_generation)


def index_documents(docs: Iterable[Document]) -> int:
    """Put the public ones among ``docs`` in the index (replacing their entries) and take the others out
    (a draft, 依申请公开, 不予公开 is never findable); returns how many entries were written. The public
    pages cached so far are dropped (``move_public_generation``). A withdrawn document (停止公开) is not
    public: this takes it out."""
    move_public_generation()
    docs = list(docs)
    pks = [d.pk for d in docs]
    fresh = list(Document.objects.filter(pk__in=pks).select_related("agency"))
    written = entries(fresh)
    keep = {e.key for e in written}
    hidden = [pk for pk in pks if pk not in keep]
    if hidden:
        remove_entries(DOCUMENT, hidden)
    return index_entries(written) if written else 0


def index_library(docs: QuerySet[Document] | None = None) -> int:
    """Index every public document (of ``docs`` when given), in batches: the demo after writing its
    library, an import after its rows."""
    found = (docs if docs is not None else public_documents()).order_by("pk").values_list("pk", flat=True)
    pks = list(found)
    written = 0
    for start in range(0, len(pks), BATCH):
        written += index_documents(Document(pk=pk) for pk in pks[start : start + BATCH])
    return written


def batch(after: int, limit: int) -> list[Entry]:
    docs = public_documents().filter(pk__gt=after).select_related("agency").order_by("pk")[:limit]
    return entries(docs)


def count() -> int:
    return public_documents().count()


PROVIDER = registry.Provider(kind=DOCUMENT, batch=batch, count=count)
