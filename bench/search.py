"""Benchmark: full-text search over generated policy-like documents (issue 15), against the naive LIKE scan
in the same run.

    .venv/bin/python bench/search.py [--docs 1000] [--db sqlite|postgres] [--backend NAME]
                                     [--queries 20] [--like-queries 20] [--runs 2] [--seed 15] [--keep]

The target (issue 15): on PostgreSQL at 1,000,000 documents, p95 under 50 ms for every class of query,
common words included; SQLite measured at 200,000. The defaults are small (a smoke run takes seconds);
the large runs are manual (docs/benchmarks.md records what was run).

In a scratch database of its own (PostgreSQL ``gongkai_bench_search``, created and dropped here — never
the ``test`` database; SQLite: a file in a temporary directory):

1. a vocabulary of real Chinese policy words: the texts of ``shared/corpus/real`` and ``shared/seeds``
   (beside the checkout) and the demo's curated documents, cut with rjieba; words of 2–6 Chinese
   characters, weighted by how often they occur there (frequency-weighted, Zipf-like by nature);
2. ``--docs`` documents drawn from it: a title (发文机关 + 关于 + words + 的 + 文种), a body of
   sentences of 6–18 words whose length follows a log-normal law (median about 700 characters, a
   long tail to 6,000: 通知 are short, 办法 long), a 文号 of its issuer (渝府发〔2024〕12号) and a date;
3. written through the back end's index path (``bulk_index`` where the back end has one, else
   ``index``) in batches of 2,000, each in its transaction: the indexing rate (documents/s) includes
   segmentation and the back end's own structures;
4. queries in five classes — ``common`` (the 40 most frequent words), ``mid`` (ranks 400–2,000),
   ``rare`` (the vocabulary's tail, words seen once in the sources), ``two-char`` (two-character
   words of the upper ranks, answered by substring matching) and ``number`` (文号 of documents in the
   library) — each run ``--runs`` times through ``queries.search`` (first page of 10, with the total),
   on the full-text back end and on ``like``; p50 / p95 per class and the ratio like / full text.

Prints the machine, the engine and the ratios measured in the same run."""

from __future__ import annotations

import argparse
import datetime as dt
import math
import os
import random
import re
import statistics
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import table3 as kit
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
console = kit.console
kit.PG_NAME = "gongkai_bench_search"
BATCH = 2000
CJK_WORD = re.compile(r"^[\u3400-\u9fff]{2,6}$")
GENRES = ("通知", "意见", "办法", "规定", "细则", "方案", "决定", "公告")
FULL_TEXT = {"sqlite": "fts5", "postgresql": "postgres"}
TARGET_MS = 50.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="sqlite")
    parser.add_argument("--backend", help="the full-text back end (default: the database's own)")
    parser.add_argument("--queries", type=int, default=20, help="queries per class")
    parser.add_argument("--like-queries", type=int, default=20, help="queries per class for the LIKE scan")
    parser.add_argument("--runs", type=int, default=2, help="times each query is run")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--keep", action="store_true", help="leave the scratch database in place")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="query the database a previous --keep run of the same --docs left (no loading); implies --keep",
    )
    parser.add_argument("--workers", type=int, default=2, help="processes that generate and segment")
    args = parser.parse_args()
    args.keep = args.keep or args.reuse
    kit.PG_NAME = f"gongkai_bench_search_{args.docs}"
    scratch = _reuse_database(args) if args.reuse else kit._prepare_database(args.db)
    if not args.reuse and args.db == "sqlite" and args.keep:
        os.environ["GONGKAI_SQLITE_PATH"] = scratch = str(_sqlite_path(args.docs))
        Path(scratch).unlink(missing_ok=True)
    try:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai_web.settings")
        django.setup()
        _bench(args)
    finally:
        if "django" in sys.modules:
            from django.db import connections

            connections.close_all()
        if args.keep:
            console.print(f"[dim]kept the scratch database: {scratch}[/dim]")
        else:
            kit._drop_database(args.db, scratch)


def _sqlite_path(docs: int) -> Path:
    return Path(tempfile.gettempdir()) / f"gongkai-bench-search-{docs}.sqlite3"


def _reuse_database(args: argparse.Namespace) -> str:
    if args.db == "postgres":
        os.environ["GONGKAI_DB"] = "postgres"
        os.environ["GONGKAI_PG_NAME"] = kit.PG_NAME
        os.environ.pop("GONGKAI_PG_CONN_MAX_AGE", None)
        return kit.PG_NAME
    os.environ["GONGKAI_DB"] = "sqlite"
    os.environ["GONGKAI_SQLITE_PATH"] = str(_sqlite_path(args.docs))
    return os.environ["GONGKAI_SQLITE_PATH"]


# -- the vocabulary and the documents ---------------------------------------------------------------


def source_texts() -> list[str]:
    """Real policy prose: the shared corpus and seeds when they are beside the checkout, and always the
    demo's curated documents (in the repository)."""
    import json

    texts = []
    for folder in (SHARED / "corpus" / "real", SHARED / "seeds"):
        if folder.is_dir():
            texts += [p.read_text(encoding="utf-8", errors="ignore") for p in sorted(folder.glob("*.txt"))]
    data = json.loads((ROOT / "gongkai_web" / "demo" / "data" / "policies.json").read_text(encoding="utf-8"))
    texts += [f"{d['title']}。{d['body']}" for d in data["documents"]]
    return texts


def vocabulary(texts: list[str]) -> list[tuple[str, int]]:
    """(word, count) of the Chinese words of the texts, most frequent first."""
    import rjieba

    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(w for w in rjieba.cut(text) if CJK_WORD.match(w))
    return sorted(counts.items(), key=lambda wc: (-wc[1], wc[0]))


class Generator:
    def __init__(self, vocab: list[tuple[str, int]], rng: random.Random):
        from gongkai_web.demo.hierarchy import CITY, CITY_DEPARTMENTS, document_short_name

        self.rng = rng
        self.words = [w for w, _ in vocab]
        self.cum: list[float] = []
        total = 0.0
        for _, count in vocab:
            total += count
            self.cum.append(total)
        self.issuers = [(name, document_short_name(name)) for name in (CITY, *CITY_DEPARTMENTS)]
        self.mean_length = sum(len(w) * c for w, c in vocab) / total

    def draw(self, k: int) -> list[str]:
        return self.rng.choices(self.words, cum_weights=self.cum, k=k)

    def document(self, key: int):
        from gongkai.search.entry import DOCUMENT, Entry

        rng = self.rng
        issuer, short = self.issuers[min(int(rng.paretovariate(1.2)) - 1, len(self.issuers) - 1)]
        genre = rng.choice(GENRES)
        title = f"{issuer}关于{''.join(self.draw(rng.randint(2, 4)))}的{genre}"
        target = min(6000, int(rng.lognormvariate(math.log(700), 0.7)))
        words = self.draw(max(6, int(target / self.mean_length)))  # one draw per document: fast
        sentences, at = [], 0
        while at < len(words):
            step = rng.randint(6, 18)
            sentences.append("".join(words[at : at + step]) + "。")
            at += step
        published = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3650))
        # The serial is the key: unique without a counter shared between the processes that generate.
        number = f"{short}发〔{published.year}〕{key}号"
        agency_id = self.issuers.index((issuer, short)) + 1
        return Entry(
            kind=DOCUMENT,
            key=key,
            agency_id=agency_id,
            agency_path=f"/1/{agency_id}/",
            title=title,
            body="".join(sentences),
            number=number,
            published_on=published,
            genre=genre,
            doc_kind=rng.choice(("normative", "other", "other")),
        )


def query_classes(vocab: list[tuple[str, int]], numbers: list[str], n: int, rng: random.Random):
    words = [w for w, _ in vocab]
    tail = [w for w, c in vocab if c == 1 and len(w) >= 3]
    two = [w for w in words[:600] if len(w) == 2]
    return {
        "common": words[:40][:n],
        "mid": rng.sample(words[400:2000], min(n, len(words[400:2000]))),
        "rare": rng.sample(tail, min(n, len(tail))),
        "two-char": rng.sample(two, min(n, len(two))),
        "number": rng.sample(numbers, min(n, len(numbers))),
    }


# -- the run ----------------------------------------------------------------------------------------


def _bench(args: argparse.Namespace) -> None:
    from django.core.management import call_command
    from django.db import connection

    from gongkai.search.entry import SearchRequest
    from gongkai_web.search.backends import BACKENDS
    from gongkai_web.search.models import SearchEntry
    from gongkai_web.search.queries import search

    engine = kit._engine_version(connection)
    console.rule(f"[bold]{engine}: {args.docs:,} documents")
    print(kit._machine())
    name = args.backend or FULL_TEXT[connection.vendor]
    if name not in BACKENDS:
        console.print(
            f"[yellow]no back end {name!r} registered (known: {', '.join(BACKENDS)}): LIKE only[/yellow]"
        )
        name = "like"
    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    t0 = time.perf_counter()
    vocab = vocabulary(source_texts())
    console.print(
        f"vocabulary: {len(vocab):,} words from the sources in {time.perf_counter() - t0:.1f} s; "
        f"most frequent: {' '.join(w for w, _ in vocab[:12])}"
    )
    if args.reuse:
        generated = SearchEntry.objects.count()
        numbers = list(
            SearchEntry.objects.filter(key__in=range(1, generated + 1, 40)).values_list("number", flat=True)
        )
        console.print(f"reused the scratch database: {generated:,} documents already indexed (no loading)")
        rate = None
    else:
        generated, numbers, rate = _load(args, vocab, name)
    # Drawn twice, as in the runs docs/benchmarks.md records (their queries are the second draw).
    classes = query_classes(vocab, numbers, args.queries, rng)
    classes = query_classes(vocab, numbers, args.queries, rng)

    def timed(backend_name: str, texts: list[str]) -> tuple[list[float], list[int]]:
        times, totals = [], []
        for text in texts:
            search(SearchRequest(text=text, per_page=10), using=backend_name)  # warm
        for _ in range(args.runs):
            for text in texts:
                t = time.perf_counter()
                page = search(SearchRequest(text=text, per_page=10), using=backend_name)
                times.append((time.perf_counter() - t) * 1000)
                totals.append(page.total)
        return times, totals

    table = Table(title=f"search, {engine}, {generated:,} documents: {name} against like (ms)")
    for header in ("class", "queries", "median hits", f"{name} p50", f"{name} p95", "like p50", "like p95"):
        table.add_column(header, justify="right" if header != "class" else "left")
    table.add_column("like / FTS (p95)", justify="right")
    worst = 0.0
    for kind, texts in classes.items():
        fts, totals = timed(name, texts)
        like, _ = timed("like", texts[: args.like_queries]) if name != "like" else (fts, totals)
        p95 = _p95(fts)
        worst = max(worst, p95)
        console.print(f"  {kind}: {name} p95 {p95:.1f} ms, like p95 {_p95(like):.1f} ms")  # as it goes
        table.add_row(
            kind,
            str(len(texts)),
            f"{statistics.median(totals):,.0f}",
            f"{statistics.median(fts):.1f}",
            f"{p95:.1f}",
            f"{statistics.median(like):.1f}",
            f"{_p95(like):.1f}",
            f"{_p95(like) / p95:.1f}×",
        )
    console.print(table)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT pg_size_pretty(pg_database_size(current_database())),"
                f" pg_size_pretty(pg_table_size('{SearchEntry._meta.db_table}')),"
                f" pg_size_pretty(pg_indexes_size('{SearchEntry._meta.db_table}'))"
            )
            database, entries, indexes = cursor.fetchone()
        console.print(f"database {database}: the entries {entries} (TOAST included), their indexes {indexes}")
    verdict = "met" if worst < TARGET_MS else "NOT met"
    indexing = f"; indexing {rate:,.0f} documents/s" if rate else ""
    console.print(
        f"worst p95 {worst:.1f} ms over the classes: the {TARGET_MS:.0f} ms target (1,000,000 documents on "
        f"PostgreSQL) {verdict} at this size{indexing}"
    )
    print(kit._machine())


_GENERATOR: Generator | None = None


def _make_rows(start: int, end: int, seed: int):
    """In a worker: documents start … end-1 (each batch seeded on its own, so that any number of
    processes make the same library), their rows segmented; and the seconds spent on each."""
    from gongkai_web.search.backends.bulk import row_values

    assert _GENERATOR is not None
    _GENERATOR.rng = random.Random(seed * 1_000_003 + start)
    t0 = time.perf_counter()
    entries = [_GENERATOR.document(key) for key in range(start, end)]
    t1 = time.perf_counter()
    rows = [row_values(e) for e in entries]
    chars = sum(len(e.body) + len(e.title) for e in entries)
    return rows, [e.number for e in entries[::40]], chars, t1 - t0, time.perf_counter() - t1


def _load(args: argparse.Namespace, vocab, name: str) -> tuple[int, list[str], float]:
    """Generate and write ``--docs`` documents through the bulk path (``services.bulk_loading``):
    workers generate and segment, this process writes (COPY on PostgreSQL) as they come, then the
    full-text index is built once. The rate is the wall time of all of it, generation included."""
    import multiprocessing

    from gongkai_web.search import services

    global _GENERATOR
    _GENERATOR = Generator(vocab, random.Random(args.seed))
    numbers: list[str] = []
    chars = generated = 0
    gen_seconds = seg_seconds = write_seconds = 0.0
    spans = [(s, min(s + BATCH, args.docs + 1), args.seed) for s in range(1, args.docs + 1, BATCH)]
    t_all = time.perf_counter()
    with services.bulk_loading(workers=1) as loader:
        with multiprocessing.get_context("fork").Pool(args.workers) as pool:
            for rows, some, n_chars, g, sg in pool.imap(_star_make_rows, spans):
                t0 = time.perf_counter()
                loader.write_rows(rows)
                write_seconds += time.perf_counter() - t0
                numbers += some
                chars += n_chars
                gen_seconds += g
                seg_seconds += sg
                generated += len(rows)
                if generated % (BATCH * 25) == 0:
                    elapsed = time.perf_counter() - t_all
                    console.print(f"  {generated:,} written, {generated / elapsed:,.0f} documents/s")
        t_build = time.perf_counter()
    build_seconds = time.perf_counter() - t_build
    total = time.perf_counter() - t_all
    rate = generated / total
    console.print(
        f"generated {generated:,} documents ({chars / generated:,.0f} characters on average); "
        f"in the {args.workers} workers: generation {gen_seconds:.1f} s, segmentation {seg_seconds:.1f} s "
        f"({generated / seg_seconds:,.0f} documents/s a process); writing ({name}, bulk) {write_seconds:.1f} s; "
        f"building the full-text index {build_seconds:.1f} s; all {total:.1f} s: "
        f"[bold]{rate:,.0f} documents/s[/bold] (generation included)"
    )
    return generated, numbers, rate


def _star_make_rows(span):
    return _make_rows(*span)


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


if __name__ == "__main__":
    main()
