"""Benchmark: table 2's document counts (本年制发 / 本年废止 / 现行有效, issue 14) from a large library,
PostgreSQL and SQLite.

    .venv/bin/python bench/table2.py [--documents 1000000] [--events 5] [--agencies 2000]
                                     [--db both|postgres|sqlite] [--runs 5] [--year 2025] [--seed 14] [--keep]

For each database, in a scratch database of its own (PostgreSQL: ``gongkai_bench_table2``, created and
dropped by this script — never the ``test`` database; SQLite: a file in a temporary directory), one
process per database (the scratch database's life and the engine and machine lines: ``bench/scratch.py``),
following ``bench/table3.py`` (whose agency hierarchy and index handling it reuses):

1. migrate, write the 市/区县/乡镇 hierarchy and ``--documents`` documents over the agencies (uneven:
   kind weight × Pareto): 30 % 行政规范性文件, 2 % 规章 (governments only), the rest 其他政府信息;
   published from 2008 to the year after the report year, 1 % still drafts; 施行日期 on or after
   publication (some across 31 December), half the 规范性文件 valid for five years; ``--events`` events
   per document (起草 … 公布: 5,000,000 for a million documents); effect records on a fifth of the
   规章/规范性文件 — 废止, 宣布失效, 修改 and 延续有效期 (before and after lapsing), dated in any year.
   COPY on PostgreSQL, ``executemany`` in one transaction on SQLite, secondary indexes re-built after,
   then ANALYZE;
2. time ``queries.table2_counts`` (the grouped SQL) for the city (root subtree) and the largest
   district, ``--runs`` runs each, and the plain path (``plain_table2_counts``: every document loaded
   and counted by the core, what ``GONGKAI_FAST_PATHS=0`` runs) once;
3. time a naive per-document Python loop: each document's effects, the core's ``validity_on`` on
   31 December, counted in Python;
4. assert all three agree.

Prints the machine and the ratios naive / fast and plain / fast, measured in the same run.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scratch
import table3 as kit
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

console = scratch.console
PG_NAME = "gongkai_bench_table2"
BATCH = 50_000
SHANGHAI = kit.SHANGHAI
STEPS = ("drafted", "secrecy_first_review", "signed", "registered", "published", "filed", "evaluated")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--events", type=int, default=5, help="events per document")
    parser.add_argument("--agencies", type=int, default=2000)
    parser.add_argument("--db", choices=("both", "postgres", "sqlite"), default="both")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--keep", action="store_true", help="leave the scratch database in place")
    args = parser.parse_args()
    if args.agencies < 120:
        parser.error("--agencies must be at least 120 (a city, its departments and 38 districts)")
    if scratch.run_each_database(__file__, args.db):  # one process per database
        return
    scratch.run(args.db, PG_NAME, _bench, args, keep=args.keep, prefix="table2")


def _bench(args: argparse.Namespace) -> None:
    from django.db import connection

    from gongkai_web.agencies.models import Agency
    from gongkai_web.publications.models import Document
    from gongkai_web.publications.queries import plain_table2_counts, table2_counts

    engine = scratch.start(connection)
    rng = random.Random(args.seed)
    city, districts = kit._write_agencies(args.agencies, rng)
    t0 = time.perf_counter()
    counts = _write_library(args, rng, connection)
    load = time.perf_counter() - t0
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    console.print(
        f"wrote {counts['documents']:,} documents, {counts['events']:,} events, {counts['effects']:,} effects "
        f"in {load:.1f} s"
    )

    def subtree(agency):
        return Agency.objects.filter(path__startswith=agency.path)

    district = max(districts, key=lambda a: Document.objects.filter(agency__in=subtree(a)).count())
    scopes = [(city, "whole city (root subtree)"), (district, f"largest district ({district.name})")]
    rows = []
    for agency, label in scopes:
        times, fast = [], None
        for _ in range(args.runs):
            t0 = time.perf_counter()
            fast = table2_counts(subtree(agency), args.year)
            times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        plain = plain_table2_counts(subtree(agency), args.year)
        plain_seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        naive = naive_table2(subtree(agency), args.year)
        naive_seconds = time.perf_counter() - t0
        assert fast == plain == naive, (label, fast, plain, naive)
        in_scope = Document.objects.filter(agency__in=subtree(agency)).count()
        rows.append((label, in_scope, times, plain_seconds, naive_seconds, fast))

    print()
    print(
        f"{engine}; year {args.year}; {counts['documents']:,} documents, {counts['events']:,} events, "
        f"{counts['effects']:,} effects, {args.agencies:,} agencies; {args.runs} runs each"
    )
    print(
        f"{'scope':<44}{'documents':>11}{'best s':>9}{'median s':>10}{'plain s':>9}{'naive s':>9}"
        f"{'plain/best':>12}{'naive/best':>12}"
    )
    for label, in_scope, times, plain_seconds, naive_seconds, _ in rows:
        best, median = min(times), statistics.median(times)
        print(
            f"{label:<44}{in_scope:>11,}{best:>9.3f}{median:>10.3f}{plain_seconds:>9.2f}{naive_seconds:>9.2f}"
            f"{plain_seconds / best:>11.1f}x{naive_seconds / best:>11.1f}x"
        )
    figures = rows[0][5]
    print(
        "city table 2 (documents): "
        + "; ".join(
            f"{k}: issued {v.issued:,}, repealed {v.repealed:,}, in force {v.in_force:,}"
            for k, v in figures.items()
        )
        + "; equal to the plain path and the naive loop"
    )
    if connection.vendor == "postgresql":
        print(
            f"target (< 2 s for the whole city on PostgreSQL): {'met' if min(rows[0][2]) < 2.0 else 'MISSED'}"
        )


def naive_table2(agencies, year: int):
    """Table 2's document counts by one loop over all the documents: each one's effects, the core's
    ``validity_on`` on 31 December, the rules of ``gongkai.publications.table2`` restated."""
    from gongkai.publications import validity as core
    from gongkai.publications.table2 import KINDS, DocumentCounts
    from gongkai_web.publications.models import Document, Effect

    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    kinds = {"rule": "rules", "normative": "normative_documents"}
    # Every document and every effect read whole and chosen in Python: no filter of the database's,
    # so the loop checks the SQL (and the database's use of its indexes) independently.
    scope = set(agencies.values_list("pk", flat=True))
    effects = defaultdict(list)
    for target, kind, on, until in (
        Effect.objects.order_by()
        .values_list("target", "kind", "on", "valid_until")
        .iterator(chunk_size=20_000)
    ):
        if on <= last:
            effects[target].append(core.Effect(core.EffectKind(kind), on, "", until))
    tally = {k: [0, 0, 0] for k in KINDS}
    for pk, agency, stage, kind, published, effective, until in (
        Document.objects.order_by()
        .values_list("pk", "agency", "stage", "kind", "published_on", "effective_on", "valid_until")
        .iterator(chunk_size=20_000)
    ):
        if stage != "published" or kind not in kinds or agency not in scope or published > last:
            continue
        counts = tally[kinds[kind]]
        mine = sorted(effects.get(pk, ()), key=lambda e: e.on)
        counts[0] += first <= published <= last
        counts[1] += any(e.kind is core.EffectKind.REPEALS and first <= e.on <= last for e in mine)
        status = core.validity_on(core.DocumentDates(published, effective, until), mine, last)
        counts[2] += status is not None and status.status.in_force
    return {k: DocumentCounts(*v) for k, v in tally.items()}


# ── data ──────────────────────────────────────────────────────────────────────────────────────────


def _write_library(args, rng: random.Random, connection) -> dict[str, int]:
    from gongkai_web.agencies.models import Agency
    from gongkai_web.publications.models import Document, DocumentEvent, Effect

    is_pg = connection.vendor == "postgresql"
    day = (lambda d: d) if is_pg else (lambda d: d and d.isoformat())
    stamp = dt.datetime(args.year + 1, 3, 1, 9, tzinfo=SHANGHAI)
    stamp = stamp if is_pg else connection.ops.adapt_datetimefield_value(stamp)
    agencies = list(Agency.objects.values_list("id", "kind"))
    weights = {
        "city_government": 6.0,
        "city_department": 2.0,
        "county_government": 3.0,
        "county_department": 1.0,
        "township_government": 0.3,
    }
    ids = [pk for pk, _ in agencies]
    cum = kit._cumulative([weights[k] * rng.paretovariate(2.5) for _, k in agencies])
    governments = {pk for pk, k in agencies if k.endswith("government") and not k.startswith("township")}
    first_day, span = dt.date(2008, 1, 1), (dt.date(args.year + 1, 12, 31) - dt.date(2008, 1, 1)).days
    n = args.documents
    documents: list[tuple] = []
    counted: list[tuple[int, dt.date, dt.date | None]] = []

    def document_rows(start: int, count: int):
        agency = rng.choices(ids, cum_weights=cum, k=count)
        out = []
        for i in range(count):
            pk = start + i
            r = rng.random()
            kind = "normative" if r < 0.30 else "rule" if r < 0.32 and agency[i] in governments else "other"
            published = first_day + dt.timedelta(days=rng.randrange(span))
            draft = rng.random() < 0.01
            effective = None if rng.random() < 0.6 else published + dt.timedelta(days=rng.randrange(0, 61))
            until = None
            if kind == "normative" and rng.random() < 0.5:  # five years (1826 days, near enough)
                until = (effective or published) + dt.timedelta(days=5 * 365)
            if not draft and kind != "other":
                counted.append((pk, published, until))
            values = {
                "id": pk, "agency": agency[i], "kind": kind, "title": f"文件{pk}",
                "stage": "draft" if draft else "published", "published_on": None if draft else day(published),
                "effective_on": None if draft else day(effective), "valid_until": None if draft else day(until),
                "publicity": "" if draft else "proactive", "created_at": stamp,
            }  # fmt: skip
            out.append(values)
            documents.append((pk, published, draft))
        return out

    def event_rows(start: int, count: int):
        out = []
        for pk, published, draft in documents[start : start + count]:
            steps = STEPS[: args.events] if not draft else STEPS[:1]
            for j, step in enumerate(steps):
                on = published - dt.timedelta(days=(len(steps) - j) * 3)
                out.append({"document": pk, "kind": step, "on": day(on), "data": "{}", "created_at": stamp})
        return out

    def effect_rows():
        out = []
        last = dt.date(args.year + 1, 12, 31)
        for pk, published, _until in counted:
            r = rng.random()
            if r > 0.20:
                continue
            on = published + dt.timedelta(days=rng.randrange(1, max(2, (last - published).days)))
            kind = (
                "repeals"
                if r < 0.08
                else "declares_expired"
                if r < 0.11
                else "amends"
                if r < 0.16
                else "renews"
            )
            renewal = on + dt.timedelta(days=5 * 365) if kind == "renews" and rng.random() < 0.9 else None
            source = rng.randrange(1, n + 1)
            source = source if source != pk else (pk % n) + 1
            out.append({"source": source, "target": pk, "kind": kind, "on": day(on),
                        "valid_until": day(renewal), "basis": "", "created_at": stamp})  # fmt: skip
        return out

    written = {}
    written["documents"] = _load(Document, n, document_rows, connection, "documents")
    events_total = sum(1 if d else args.events for _, _, d in documents)
    written["events"] = _load(
        DocumentEvent, events_total, None, connection, "events", by_document=(event_rows, len(documents))
    )
    effects = effect_rows()
    written["effects"] = _load(
        Effect, len(effects), lambda s, c: effects[s - 1 : s - 1 + c], connection, "effects"
    )
    return written


def _load(model, total: int, rows, connection, label: str, by_document=None, *, explicit_pk=None) -> int:
    """Write ``total`` rows of ``model`` (dicts by field name; the rest the fields' defaults). The primary
    key is written when ``explicit_pk`` (default: for documents only), else the sequence gives it."""
    from django.db import transaction

    is_pg = connection.vendor == "postgresql"
    with_pk = label == "documents" if explicit_pk is None else explicit_pk
    fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
    defaults = {f.name: f.get_db_prep_save(f.get_default(), connection) for f in fields}
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    indexes = kit._secondary_indexes(connection, model._meta.db_table)
    with connection.cursor() as cursor:
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
        if not is_pg:
            cursor.execute("PRAGMA synchronous=OFF")
    written = 0
    with Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=console) as progress:  # fmt: skip
        task = progress.add_task(f"{label} ({'COPY' if is_pg else 'executemany'})", total=total)
        with transaction.atomic(), connection.cursor() as cursor:
            if by_document:
                make, count = by_document
                batches = ((s, min(BATCH // 5, count - s)) for s in range(0, count, BATCH // 5))
                source = (make(s, c) for s, c in batches)
            else:
                source = (rows(s, min(BATCH, total + 1 - s)) for s in range(1, total + 1, BATCH))
            for batch in source:
                tuples = [tuple(r.get(f.name, defaults[f.name]) for f in fields) for r in batch]
                if is_pg:
                    with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                        for row in tuples:
                            copy.write_row(row)
                else:
                    marks = ", ".join("%s" for _ in fields)
                    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", tuples)
                written += len(tuples)
                progress.advance(task, len(tuples))
        with connection.cursor() as cursor:
            for _, sql in indexes:
                cursor.execute(sql)
    kit._reset_sequence(model)
    return written


if __name__ == "__main__":
    main()
