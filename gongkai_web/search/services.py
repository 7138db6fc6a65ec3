"""The only writers of the index. Domains call these in the transaction that changes the record
(publishing a document, recording an effect, publishing an answer), so that the index never lags.

The database's own full-text back end writes (``backends.native``: FTS5 on SQLite, PostgreSQL's
generated tsvector), whichever back end ``GONGKAI_SEARCH_BACKEND`` has answer the searches, so that
its index is always complete; an external index (OpenSearch) is written too when it is the one chosen."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.db import transaction

from gongkai.search.entry import Entry

from .backends import writers
from .backends.bulk import BulkLoader


@transaction.atomic
def index_entries(entries: Iterable[Entry]) -> int:
    """Add or replace the entries (by kind and key); returns how many were written."""
    chosen = list(entries)
    return [writer.index(chosen) for writer in writers()][0]


@transaction.atomic
def remove_entries(kind: str, keys: Iterable[int]) -> int:
    """Take records out of the index (withdrawn from publication); returns how many were removed."""
    chosen = list(keys)
    return [writer.remove(kind, chosen) for writer in writers()][0]


@contextmanager
def bulk_loading(workers: int = 2) -> Iterator[BulkLoader]:
    """A load of many entries (``reindex_search --rebuild``, the benchmarks): the full-text index is
    dropped (PostgreSQL) or left (FTS5), the entries written by ``loader.write`` in batches — segmented
    in ``workers`` processes, by ``COPY`` on PostgreSQL — and the index built once at the end
    (backends/bulk.py). Each ``write`` is its own transaction, so an interrupted load keeps what it wrote."""
    loader = BulkLoader(workers)
    loader.begin()
    try:
        yield loader
    except BaseException:
        loader.close()
        raise
    loader.finish()
