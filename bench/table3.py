"""Benchmark: table 3 counted from a year of records (issue 4), PostgreSQL and SQLite.

    .venv/bin/python bench/table3.py [--applications 1000000] [--agencies 2000] [--db both|postgres|sqlite]
                                     [--runs 5] [--year 2025] [--seed 4] [--keep]

For each database, in a scratch database of its own (PostgreSQL: ``gongkai_bench_table3`` at
``GONGKAI_PG_HOST``:``GONGKAI_PG_PORT``, default 127.0.0.1:5432, created and dropped by this script —
never the ``test`` database; SQLite: a file in a temporary directory), one process per database:

1. migrate (``call_command('migrate')``), then write a 市/区县/乡镇 hierarchy of agencies (the city
   government and its departments, 38 districts/counties each with its government, departments and
   townships) and ``--applications`` rows around one report year: about 89 % received in the year,
   8 % in the last quarter of the year before (those still open on 1 January: 上年结转), 2.5 % in the
   first two months of the next year (not counted), 0.3 % never received (online, awaiting
   confirmation), some still open (本年结转 and beyond), the six applicant columns, every outcome
   code of the core's outcome table with a realistic spread, uneven load over agencies (weight by
   kind × Pareto). Rows go in with COPY on PostgreSQL and ``executemany`` in one transaction on
   SQLite, the table's secondary indexes dropped before and re-created after (the migrations' own
   definitions, read back from the catalogue), then ``ANALYZE`` (PostgreSQL: ``VACUUM ANALYZE``, what
   autovacuum does after a load).
2. time the platform's own ``build_table3(subtree_applications(agency), year)`` — the staff page's
   call — for the whole city (root subtree) and for the largest district's subtree: ``--runs`` runs
   each, best and median;
3. time a per-application Python loop over the same rows (``values_list`` of the four fields the
   counting rules read, streamed with ``iterator()``; each row classified in Python with the core's
   outcome table) — a *generous* naive baseline: model instances would be several times slower;
4. assert both tables are equal cell for cell and that the core's table-3 identities (I1–I4) hold.

Prints the machine and the ratio naive loop / platform, measured in the same run (house style).
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
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

ROOT = scratch.ROOT
console = scratch.console
#: The scratch database's name on PostgreSQL (bench/search.py sets its own before calling
#: ``_prepare_database``: the helpers below read it when called).
PG_NAME = "gongkai_bench_table3"
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
BATCH = 50_000

# ── realistic spreads (shares in per cent or relative weights) ────────────────────────────────────
COLUMN_WEIGHTS = {
    "natural_person": 91.0,
    "commercial": 5.2,
    "research": 0.2,
    "social_welfare": 0.4,
    "legal_services": 1.6,
    "other_org": 1.6,
}
#: Outcome codes of ``gongkai.outcomes`` by weight (published Chongqing reports: about half disclosed,
#: a fifth 本机关不掌握, a few per cent each of the rest).
OUTCOME_WEIGHTS = {
    "granted": 36.0,
    "already_public": 9.0,
    "partly_granted": 7.0,
    "withheld_state_secret": 0.1,
    "withheld_law_prohibited": 0.4,
    "withheld_three_safeties": 0.2,
    "withheld_third_party": 1.0,
    "withheld_internal_affairs": 0.6,
    "withheld_process_info": 1.2,
    "withheld_enforcement_file": 0.5,
    "withheld_admin_query": 1.5,
    "not_held": 17.0,
    "not_this_agency": 6.0,
    "needs_creation": 2.0,
    "unclear_after_correction": 1.5,
    "not_processed_petition": 3.0,
    "not_processed_repeat": 2.5,
    "not_processed_publication": 0.3,
    "not_processed_mass_repeat": 0.6,
    "not_processed_confirm_reissue": 0.3,
    "abandoned_no_correction": 2.5,
    "abandoned_no_fee": 0.2,
    "other": 5.0,
}
CHANNEL_WEIGHTS = {
    "online": 58.0,
    "in_person": 9.0,
    "post_signed": 18.0,
    "post_unsigned": 3.0,
    "fax": 1.0,
    "email": 10.0,
    "oral": 1.0,
}
OPEN_STATUSES = ("in_progress", "in_progress", "in_progress", "correction", "consulting", "fee_pending")
KIND_WEIGHTS = {
    "city_government": 3.0,
    "city_department": 1.2,
    "county_government": 2.0,
    "county_department": 1.0,
    "township_government": 0.25,
}
REQUESTS = (
    "本人房屋所在地块的征收补偿安置方案及批准文件",
    "区级一般公共预算执行情况",
    "某路段道路改造工程的立项批复",
    "辖区内公办幼儿园收费标准的核定文件",
    "某小区规划许可证及总平面图",
    "农村集体土地征收的批复及公告",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--agencies", type=int, default=2000)
    parser.add_argument("--db", choices=("both", "postgres", "sqlite"), default="both")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=4)
    parser.add_argument("--keep", action="store_true", help="leave the scratch database in place")
    args = parser.parse_args()
    if args.agencies < 120:
        parser.error("--agencies must be at least 120 (a city, its departments and 38 districts)")
    if scratch.run_each_database(__file__, args.db):  # one process per database
        return
    run_one(args)


# ── one database ──────────────────────────────────────────────────────────────────────────────────


def run_one(args: argparse.Namespace) -> None:
    scratch.run(args.db, PG_NAME, _bench, args, keep=args.keep, prefix="table3")


# The names other benchmarks used before ``bench/scratch.py`` (bench/search.py imports this module as
# ``kit``): the scratch database named by this module's ``PG_NAME`` at call time.


def _prepare_database(db: str) -> str:
    return scratch.prepare_database(db, PG_NAME, prefix="table3")


def _drop_database(db: str, path: str) -> None:
    scratch.drop_database(db, path, PG_NAME)


_admin_connection = scratch.admin_connection
_engine_version = scratch.engine_version
_machine = scratch.machine


def _bench(args: argparse.Namespace) -> None:
    from django.db import connection

    from gongkai.report.validate import validate
    from gongkai_web.agencies.models import Agency
    from gongkai_web.reports.table3 import build_table3, subtree_applications

    engine = scratch.start(connection)
    rng = random.Random(args.seed)
    city, districts = _write_agencies(args.agencies, rng)
    t0 = time.perf_counter()
    _write_applications(args.applications, args.year, rng, connection)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    console.print(
        f"wrote {args.applications:,} applications over {args.agencies:,} agencies in {load:.1f} s "
        f"({args.applications / load:,.0f} rows/s); {'VACUUM ANALYZE' if connection.vendor == 'postgresql' else 'ANALYZE'} "
        f"{time.perf_counter() - t0:.1f} s"
    )

    district = max(districts, key=lambda a: subtree_applications(a).count())
    scopes = [(city, "whole city (root subtree)"), (district, f"largest district ({district.name})")]
    rows = []
    for agency, label in scopes:
        in_scope = subtree_applications(agency).count()
        agencies = Agency.objects.filter(path__startswith=agency.path).count()
        times, table = [], None
        for _ in range(args.runs):
            t0 = time.perf_counter()
            table = build_table3(subtree_applications(agency), args.year)
            times.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        naive = naive_table3(subtree_applications(agency), args.year)
        naive_seconds = time.perf_counter() - t0
        assert table is not None
        if table.cells != naive.cells:
            diff = {
                k: (table.cells[k], naive.cells.get(k))
                for k in table.cells
                if table.cells[k] != naive.cells.get(k)
            }
            raise AssertionError(f"platform and naive loop disagree for {label}: {diff}")
        broken = [f for f in validate(table) if f.code in {"I1", "I2", "I3", "I4"}]
        assert not broken, broken
        rows.append((label, agencies, in_scope, times, naive_seconds, table))

    print()
    print(
        f"{engine}; year {args.year}; {args.applications:,} applications, {args.agencies:,} agencies; "
        f"{args.runs} runs each"
    )
    print(
        f"{'scope':<44}{'agencies':>9}{'rows':>11}{'best s':>9}{'median s':>10}{'naive s':>9}{'naive/best':>12}"
    )
    for label, agencies, in_scope, times, naive_seconds, _ in rows:
        best, median = min(times), statistics.median(times)
        print(
            f"{label:<44}{agencies:>9,}{in_scope:>11,}{best:>9.3f}{median:>10.3f}{naive_seconds:>9.2f}"
            f"{naive_seconds / best:>11.1f}x"
        )
    city_table = rows[0][5]
    figures = {
        key: city_table.get(f"requests.{key}.total")
        for key in ("new", "carried_over", "total", "carried_forward")
    }
    print(
        "city table 3 (总计): "
        + ", ".join(f"{k} {v:,}" for k, v in figures.items())
        + "; equal to the naive loop cell for cell, I1–I4 hold"
    )
    if connection.vendor == "postgresql":
        verdict = "met" if min(rows[0][3]) < 2.0 else "MISSED"
        print(f"target (< 2 s for the whole city on PostgreSQL): {verdict}")


def naive_table3(applications, year: int):
    """Table 3 by one pass over the rows in Python: the counting rules of format §3.3 restated per
    application (``gongkai_web.reports.table3``'s docstring), the row of an outcome from the core."""
    from gongkai import outcomes
    from gongkai.report.model import (
        REQUEST_COLUMN_KEYS,
        AnnualReport,
        format_for_year,
        request_address,
        request_row_keys,
    )

    fmt = format_for_year(year)
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    rows = applications.order_by().values_list("received_on", "concluded_on", "outcome", "report_column")
    for received, concluded, outcome, column in rows.iterator(chunk_size=20_000):
        if received is None or received > end:
            continue
        if received >= start:
            counts["new", column] += 1
        elif concluded is None or concluded >= start:
            counts["carried_over", column] += 1
        if concluded is not None and start <= concluded <= end:
            counts[outcomes.row_key(outcome, fmt), column] += 1
            counts["total", column] += 1
        elif concluded is None or concluded > end:
            counts["carried_forward", column] += 1
    cells = {}
    for row in request_row_keys(fmt):
        values = [counts[row, c] for c in REQUEST_COLUMN_KEYS[:-1]]
        cells.update(
            {request_address(row, c): v for c, v in zip(REQUEST_COLUMN_KEYS[:-1], values, strict=True)}
        )
        cells[request_address(row, REQUEST_COLUMN_KEYS[-1])] = sum(values)
    return AnnualReport(format=fmt, year=year, cells=cells)


# ── data ──────────────────────────────────────────────────────────────────────────────────────────


def _write_agencies(total: int, rng: random.Random):
    """A 市/区县/乡镇 hierarchy of exactly ``total`` agencies with explicit ids and paths."""
    from gongkai_web.agencies.models import Agency, Kind, Level
    from gongkai_web.demo.hierarchy import CITY, CITY_DEPARTMENTS, DISTRICT_DEPARTMENTS, DISTRICTS

    made: list[Agency] = []

    def add(name, level, kind, parent):
        pk = len(made) + 1
        made.append(
            Agency(
                id=pk,
                code=f"b{pk}",
                name=name,
                short_name=name[:4],
                level=level,
                kind=kind,
                parent_id=parent.pk if parent else None,
                path=f"{parent.path if parent else '/'}{pk}/",
                channels=list(CHANNEL_WEIGHTS),
            )
        )
        return made[-1]

    city = add(CITY, Level.CITY, Kind.CITY_GOVERNMENT, None)
    for name in CITY_DEPARTMENTS:
        add(name, Level.CITY, Kind.CITY_DEPARTMENT, city)
    rest = total - len(made)
    per, extra = divmod(rest, len(DISTRICTS))
    governments = []
    for i, district in enumerate(DISTRICTS):
        size = per + (i < extra)  # the government and its departments and townships
        government = add(f"{district}人民政府", Level.COUNTY, Kind.COUNTY_GOVERNMENT, city)
        governments.append(government)
        departments = (size - 1) * 2 // 5
        for j in range(departments):
            name = DISTRICT_DEPARTMENTS[j] if j < len(DISTRICT_DEPARTMENTS) else f"第{j + 1}工作部门"
            add(f"{district}{name}", Level.COUNTY, Kind.COUNTY_DEPARTMENT, government)
        for j in range(size - 1 - departments):
            add(f"{district}第{j + 1}镇人民政府", Level.TOWNSHIP, Kind.TOWNSHIP_GOVERNMENT, government)
    Agency.objects.bulk_create(made, batch_size=1000)
    _reset_sequence(Agency)
    return city, governments


def _reset_sequence(model) -> None:
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(sql)


def _write_applications(n: int, year: int, rng: random.Random, connection) -> None:  # noqa: C901 (one generator)
    from django.db import transaction

    from gongkai_web.agencies.models import Agency
    from gongkai_web.applications.models import Application
    from gongkai_web.applications.services import CHANNEL_RULES

    agencies = list(Agency.objects.values_list("id", "kind"))
    agency_ids = [pk for pk, _ in agencies]
    agency_cum = _cumulative([KIND_WEIGHTS[kind] * rng.paretovariate(2.5) for _, kind in agencies])
    columns, column_cum = list(COLUMN_WEIGHTS), _cumulative(COLUMN_WEIGHTS.values())
    outcome_codes, outcome_cum = list(OUTCOME_WEIGHTS), _cumulative(OUTCOME_WEIGHTS.values())
    channels, channel_cum = list(CHANNEL_WEIGHTS), _cumulative(CHANNEL_WEIGHTS.values())
    rules = {c: str(CHANNEL_RULES[c]) for c in channels}
    # Handling time in calendar days: most within the 20 working days (≈ 28 days), a tail of
    # extended and consulted cases to 75 days.
    durations = list(range(0, 76))
    duration_cum = _cumulative(
        [3.0 if d <= 7 else 4.0 if d <= 28 else 0.6 if d <= 45 else 0.1 for d in durations]
    )
    previous, this, following = (
        _weighted_days(year - 1, 10, 12),
        _weighted_days(year, 1, 12),
        _weighted_days(year + 1, 1, 2),
    )
    today = dt.date(year + 1, 3, 1)  # the records as they stand when the report is written

    is_pg = connection.vendor == "postgresql"
    fields = [f for f in Application._meta.concrete_fields]
    varying = (
        "id",
        "agency",
        "query_code",
        "applicant_type",
        "report_column",
        "name",
        "id_type",
        "id_number",
        "phone",
        "description",
        "channel",
        "arrived_at",
        "received_on",
        "receipt_rule",
        "status",
        "outcome",
        "concluded_on",
        "due_on",
        "created_at",
    )
    constants = {
        f.name: f.get_db_prep_save(f.get_default(), connection) for f in fields if f.name not in varying
    }
    constants["secret_digest"] = "0" * 64
    constants["info_form"] = "electronic"
    constants["delivery_methods"] = fields[
        [f.name for f in fields].index("delivery_methods")
    ].get_db_prep_save(["email"], connection)
    order = [f.name for f in fields]
    date_value = (lambda d: d) if is_pg else (lambda d: d and d.isoformat())
    stamp_cache: dict = {}

    def stamp(day: dt.date, hour: int):
        key = (day, hour)
        if key not in stamp_cache:
            value = dt.datetime.combine(day, dt.time(hour), tzinfo=SHANGHAI)
            stamp_cache[key] = value if is_pg else connection.ops.adapt_datetimefield_value(value)
        return stamp_cache[key]

    def rows(first: int, count: int):
        agency = rng.choices(agency_ids, cum_weights=agency_cum, k=count)
        column = rng.choices(columns, cum_weights=column_cum, k=count)
        outcome = rng.choices(outcome_codes, cum_weights=outcome_cum, k=count)
        channel = rng.choices(channels, cum_weights=channel_cum, k=count)
        duration = rng.choices(durations, cum_weights=duration_cum, k=count)
        days_prev = rng.choices(previous[0], cum_weights=previous[1], k=count)
        days_this = rng.choices(this[0], cum_weights=this[1], k=count)
        days_next = rng.choices(following[0], cum_weights=following[1], k=count)
        random_ = rng.random
        out = []
        for i in range(count):
            pk = first + i
            r = random_()
            arrived = days_this[i]
            if r < 0.08:  # the last quarter of the year before (its December cases carry over)
                received = arrived = days_prev[i]
            elif r < 0.105:  # January and February of the next year (not counted)
                received = arrived = days_next[i]
            elif r < 0.108:  # online, awaiting confirmation of receipt
                received = None
            else:
                received = arrived
            concluded = None if received is None else received + dt.timedelta(days=duration[i])
            stuck = random_() < 0.004  # a case left open far beyond its deadline
            if concluded is not None and (concluded > today or stuck):
                concluded = None
            if received is None:
                status, code = "submitted", ""
            elif concluded is None:
                status, code = OPEN_STATUSES[pk % len(OPEN_STATUSES)], ""
            else:
                code = outcome[i]
                status = "withdrawn" if code == "other" else "closed"
            col = column[i]
            person = col == "natural_person"
            values = {
                "id": pk,
                "agency": agency[i],
                "query_code": f"B{pk:011d}",
                "applicant_type": "citizen" if person else "organisation",
                "report_column": col,
                "name": "王某某" if person else "重庆某某有限公司",
                "id_type": "resident_id" if person else "",
                "id_number": f"500103198{pk % 10}01010{pk % 1000:03d}" if person else "",
                "phone": f"13{pk % 10**9:09d}",
                "description": REQUESTS[pk % len(REQUESTS)],
                "channel": channel[i],
                "arrived_at": stamp(arrived, 9 + pk % 8),
                "received_on": date_value(received),
                "receipt_rule": rules[channel[i]] if received else "",
                "status": status,
                "outcome": code,
                "concluded_on": date_value(concluded),
                "due_on": date_value(received + dt.timedelta(days=28)) if received else None,
                "created_at": stamp(arrived, 9 + pk % 8),
            }
            out.append(tuple(values[name] if name in values else constants[name] for name in order))
        return out

    table = connection.ops.quote_name(Application._meta.db_table)
    names = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    indexes = _secondary_indexes(connection, Application._meta.db_table)
    with connection.cursor() as cursor:  # bulk-load practice: build the indexes once, after the rows
        for name, _ in indexes:
            cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=False,
    ) as progress:
        task = progress.add_task(f"applications ({'COPY' if is_pg else 'executemany'})", total=n)
        if not is_pg:  # a scratch file: no fsync while loading
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA synchronous=OFF")
        with transaction.atomic(), connection.cursor() as cursor:
            for first in range(1, n + 1, BATCH):
                batch = rows(first, min(BATCH, n + 1 - first))
                if is_pg:
                    with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                        for row in batch:
                            copy.write_row(row)
                else:
                    marks = ", ".join("%s" for _ in fields)
                    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)
                progress.advance(task, len(batch))
        task = progress.add_task(f"indexes (CREATE INDEX × {len(indexes)})", total=len(indexes))
        with connection.cursor() as cursor:
            for _, sql in indexes:
                cursor.execute(sql)
                progress.advance(task)
    _reset_sequence(Application)


def _secondary_indexes(connection, table: str) -> list[tuple[str, str]]:
    """(name, CREATE statement) of the table's indexes that back no constraint (primary key, unique)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT indexname, indexdef FROM pg_indexes i WHERE tablename = %s AND NOT EXISTS "
                "(SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
                [table],
            )
        else:  # SQLite: the automatic indexes of PRIMARY KEY and UNIQUE have no SQL
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = %s "
                "AND sql IS NOT NULL",
                [table],
            )
        return list(cursor.fetchall())


def _weighted_days(year: int, first_month: int, last_month: int) -> tuple[list[dt.date], list[float]]:
    """Days of the months ``first_month``–``last_month`` of a year with cumulative weights: working
    days carry most receipts, weekends and holidays the online ones."""
    from gongkai.workdays import CalendarError, default_calendar

    calendar = default_calendar()
    first = dt.date(year, first_month, 1)
    last = dt.date(year + (last_month == 12), last_month % 12 + 1, 1) - dt.timedelta(days=1)
    days = [first + dt.timedelta(days=i) for i in range((last - first).days + 1)]
    weights = []
    for day in days:
        try:
            working = calendar.is_working_day(day)
        except CalendarError:  # a year outside the calendar's range: weekdays
            working = day.weekday() < 5
        weights.append(1.0 if working else 0.15)
    return days, _cumulative(weights)


def _cumulative(weights) -> list[float]:
    total, out = 0.0, []
    for w in weights:
        total += w
        out.append(total)
    return out


if __name__ == "__main__":
    main()
