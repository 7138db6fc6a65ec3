"""Loading many entries at once (a rebuild of the whole index, the benchmarks): the same rows as
``Backend.index`` writes, but segmented in a pool of processes and written without the full-text index
being kept up row by row — PostgreSQL drops its GIN indexes (the sixteen shards of the vector's, the title's), takes the rows by ``COPY`` and builds the
indexes once at the end; SQLite inserts plainly and fills FTS5 once with ``'rebuild'``.

Until ``finish`` has run the index is incomplete (PostgreSQL answers correctly but by scanning; FTS5
does not see the new rows): a rebuild interrupted half-way is finished by running it again (the
checkpoint of ``reindex_search`` goes on where it stopped, and ``finish`` always runs at its end)."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import connection, transaction

from gongkai.search.entry import Entry

from ..models import SearchEntry
from .base import row_of

ENTRIES = SearchEntry._meta.db_table
#: The columns a bulk write fills, in this order (the id and the generated columns are the database's).
COLUMNS = ["kind", "key", *row_of(Entry("", 0, 0, "", "")).keys(), "indexed_at"]
#: How many entries one task of the pool segments.
CHUNK = 250

#: The shards of the big vector's index (migration 0004: one partial index per ``id % SHARDS``).
SHARDS = 16
#: The full-text indexes of migrations 0003 and 0004 (name, column; the vector's with its shard),
#: dropped during a load and built once after it.
PG_INDEXES = [
    *((f"search_entry_vector_{shard}", "search_vector", shard) for shard in range(SHARDS)),
    ("search_entry_title_vector", "title_vector", None),
]
#: Memory for one index build (local to the load's session): a GIN build gathers the postings in
#: memory and writes them out whenever this is full, so with the server's 64 MB the posting list of a
#: common word is written out and merged again dozens of times at 1,000,000 documents; a shard's
#: postings fit in 1 GB at once.
BUILD_MEMORY = "1GB"


def row_values(entry: Entry) -> tuple[Any, ...]:
    """The values of ``COLUMNS`` for one entry (segmentation included: the costly part)."""
    row = row_of(entry)
    return (entry.kind, entry.key, *row.values(), dt.datetime.now(dt.UTC))


def _rows_of_chunk(entries: list[Entry]) -> list[tuple[Any, ...]]:
    return [row_values(entry) for entry in entries]


class BulkLoader:
    """``begin`` … ``write`` (as often as needed) … ``finish``: see the module's docstring."""

    def __init__(self, workers: int = 2) -> None:
        self.workers = workers
        self.pool: Any = None
        self.written = 0

    # The rows -------------------------------------------------------------------------------------

    def rows(self, entries: list[Entry]) -> list[tuple[Any, ...]]:
        """Each entry's row, segmented in the pool (in order)."""
        unique = list({(e.kind, e.key): e for e in entries}.values())
        if self.workers < 2 or len(unique) < 2 * CHUNK:
            return _rows_of_chunk(unique)
        if self.pool is None:
            self.pool = multiprocessing.get_context("fork").Pool(self.workers)
        chunks = [unique[i : i + CHUNK] for i in range(0, len(unique), CHUNK)]
        return [row for rows in self.pool.map(_rows_of_chunk, chunks) for row in rows]

    def write(self, entries: list[Entry]) -> int:
        """Add or replace ``entries`` (by kind and key)."""
        return self.write_rows(self.rows(entries))

    def write_rows(self, rows: list[tuple[Any, ...]]) -> int:
        """Add or replace rows made by ``row_values`` (a caller with a pool of its own makes them)."""
        with transaction.atomic():
            for kind, keys in _keys_by_kind(rows):
                SearchEntry.objects.filter(kind=kind, key__in=keys).delete()
            if connection.vendor == "postgresql":
                _copy(rows)
            else:
                _insert(rows)
        self.written += len(rows)
        return len(rows)

    # Around the load ------------------------------------------------------------------------------

    def begin(self) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                for name, _column, _shard in PG_INDEXES:
                    cursor.execute(f"DROP INDEX IF EXISTS {name}")
                cursor.execute("DROP INDEX IF EXISTS search_entry_vector")  # before 0004: one index

    def finish(self) -> None:
        """Build the full-text index over every row, once; then let the planner see the new data."""
        self.close()
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                cursor.execute("SELECT set_config('maintenance_work_mem', %s, false)", [BUILD_MEMORY])
                for name, column, shard in PG_INDEXES:
                    using = _vector_index(cursor) if column == "search_vector" else "gin (title_vector)"
                    where = f" WHERE (id % {SHARDS}) = {shard}" if shard is not None else ""
                    cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {ENTRIES} USING {using}{where}")
                cursor.execute("RESET maintenance_work_mem")
                # VACUUM (outside a transaction only) also marks the pages all-visible: a count over
                # the index then need not read the rows.
                cursor.execute(f"{'ANALYZE' if connection.in_atomic_block else 'VACUUM ANALYZE'} {ENTRIES}")
            else:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
                # One segment: FTS5 then reads one b-tree to answer a lookup by rowid (fts5.py).
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('optimize')")
                cursor.execute(f"ANALYZE {ENTRIES}")

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = None


def _vector_index(cursor: Any) -> str:
    """The big vector's index as migration 0002 makes it: RUM when chosen and installed, else GIN."""
    cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'rum'")
    if (
        cursor.fetchone() is not None
        and os.environ.get("GONGKAI_PG_SEARCH_INDEX", "").strip().lower() == "rum"
    ):
        return "rum (search_vector rum_tsvector_ops)"
    return "gin (search_vector)"


def _keys_by_kind(rows: Iterable[tuple[Any, ...]]) -> Iterator[tuple[str, list[int]]]:
    keys: dict[str, list[int]] = {}
    for row in rows:
        keys.setdefault(row[0], []).append(row[1])
    for kind, found in keys.items():
        for start in range(0, len(found), 10_000):
            yield kind, found[start : start + 10_000]


def _copy(rows: list[tuple[Any, ...]]) -> None:
    statement = f"COPY {ENTRIES} ({', '.join(COLUMNS)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row(row)


def _insert(rows: list[tuple[Any, ...]]) -> None:
    marks = ", ".join(["%s"] * len(COLUMNS))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {ENTRIES} ({', '.join(COLUMNS)}) VALUES ({marks})", rows)
