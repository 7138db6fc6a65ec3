"""Benchmark: the whole annual report built from the records (issue 16) — tables 2, 3 and 4 and the
narrative's year-on-year figures — for a city of 2,000 agencies, on PostgreSQL.

    .venv/bin/python bench/report_build.py [--applications 1000000] [--documents 1000000] [--appeals 50000]
                                           [--agencies 2000] [--events 1] [--runs 5] [--year 2025]
                                           [--seed 16] [--db postgres|sqlite] [--keep]

In a scratch database (PostgreSQL: ``gongkai_bench_report``, created and dropped by this script — never
the ``test`` database; SQLite: a temporary file), reusing the generators of ``bench/table3.py`` (the
市/区县/乡镇 hierarchy, the applications) and ``bench/table2.py`` (the document library):

1. migrate; the hierarchy; ``--applications`` applications; ``--documents`` documents (``--events``
   events each) with their effects; table 2's entered figures (许可, 处罚, 强制, 信息处理费) for every
   agency; ``--appeals`` 复议 and 诉讼 cases — both litigation routes, every disposition of the
   mapping table in force on the decision day, co-defendant records of the 复议机关 (not counted),
   cases received the year before and the year after, some still undecided on 31 December, each
   linked to one or two applications; and last year's report of the city, published (a
   ``ReportVersion``), so that the year-on-year figures (growth, rate changes) are computed. COPY on
   PostgreSQL, secondary indexes rebuilt after each table, then ``VACUUM ANALYZE``;
2. time the platform's own build for the city (the root): ``drafting.draft_from_records`` — the
   ``build_report`` of tables 2–4, the fees, last year's published report and the narrative figures and
   sentences, what a new report record and ``manage.py build_report`` run — ``--runs`` runs, best and
   median;
3. time a naive baseline in the same process: a per-row Python loop over the same rows (each table's
   rows streamed with ``values_list(...).iterator()``, classified with the core's own tables: outcome
   table, ``validity_on``, the disposition mapping), then the core's ``narrative_figures``;
4. assert that both give equal cells (tables 2–4) and equal narrative figures.

Prints the machine (with the load average: the machine is shared) and the ratio naive / platform.
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
import table2 as library
import table3 as kit

console = scratch.console
PG_NAME = "gongkai_bench_report"
SHANGHAI = kit.SHANGHAI

#: Share of cases by table-4 group, and of co-defendant records among the suits after reconsideration.
KIND_ROUTE_WEIGHTS = {
    ("review", ""): 60.0,
    ("litigation", "direct"): 22.0,
    ("litigation", "after_review"): 18.0,
}
CO_DEFENDANT_SHARE = 0.25
#: Relative weights of the dispositions (those not named: 1.0); every one of the table appears.
DISPOSITION_WEIGHTS = {
    "upheld": 30.0,
    "request_rejected": 12.0,
    "claim_rejected": 40.0,
    "ordered_to_perform": 6.0,
    "revoked": 5.0,
    "confirmed_unlawful": 3.0,
    "withdrawn": 8.0,
    "suit_dismissed": 10.0,
    "application_rejected": 4.0,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--applications", type=int, default=1_000_000)
    parser.add_argument("--documents", type=int, default=1_000_000)
    parser.add_argument("--appeals", type=int, default=50_000)
    parser.add_argument("--agencies", type=int, default=2000)
    parser.add_argument("--events", type=int, default=1, help="events per document (table 2 reads none)")
    parser.add_argument("--db", choices=("postgres", "sqlite"), default="postgres")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--keep", action="store_true", help="leave the scratch database in place")
    args = parser.parse_args()
    if args.agencies < 120:
        parser.error("--agencies must be at least 120 (a city, its departments and 38 districts)")
    if args.year < 2022:
        parser.error("--year must be 2022 or later (the 2021 format, with last year's report in it)")
    scratch.run(args.db, PG_NAME, _bench, args, keep=args.keep, prefix="report")


def _bench(args: argparse.Namespace) -> None:
    from django.db import connection

    from gongkai_web.reports.drafting import draft_from_records

    engine = scratch.start(connection)
    rng = random.Random(args.seed)
    city, _ = kit._write_agencies(args.agencies, rng)
    t0 = time.perf_counter()
    kit._write_applications(args.applications, args.year, rng, connection)
    written = library._write_library(args, rng, connection)
    statistics_written = _write_statistics(args.year, rng)
    appeals, links = _write_appeals(args, rng, connection)
    load = time.perf_counter() - t0
    t0 = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    console.print(
        f"wrote {args.applications:,} applications, {written['documents']:,} documents "
        f"({written['events']:,} events, {written['effects']:,} effects), {statistics_written:,} entered "
        f"figures, {appeals:,} appeal cases ({links:,} links to applications) in {load:.1f} s; "
        f"ANALYZE {time.perf_counter() - t0:.1f} s"
    )
    print(_appeal_mix(args.year))
    previous = _publish_last_year(city, args.year)

    times, built = [], None
    for _ in range(args.runs):
        t0 = time.perf_counter()
        built = draft_from_records(city, args.year)
        times.append(time.perf_counter() - t0)
    assert built is not None
    report, figures = built
    parts = _parts(city, args.year)
    t0 = time.perf_counter()
    naive_cells, naive_figures = naive_report(city, args.year, previous)
    naive_seconds = time.perf_counter() - t0
    _assert_equal(report.cells, naive_cells, figures, naive_figures)

    best, median = min(times), statistics.median(times)
    print()
    print(
        f"{engine}; year {args.year}; {args.agencies:,} agencies, {args.applications:,} applications, "
        f"{written['documents']:,} documents, {appeals:,} appeal cases; {args.runs} runs"
    )
    print(
        f"{'whole report for the city (root)':<44}{'best s':>9}{'median s':>10}{'naive s':>9}{'naive/best':>12}"
    )
    print(f"{'':<44}{best:>9.3f}{median:>10.3f}{naive_seconds:>9.2f}{naive_seconds / best:>11.1f}x")
    print(
        "parts (one run each, after the timed runs): " + ", ".join(f"{k} {v:.3f} s" for k, v in parts.items())
    )
    print(
        f"city: received {figures.received:,} ({figures.received_change_pct:+}% on last year), "
        f"concluded {figures.concluded:,}, 纠错率 {figures.reconsideration_correction_rate}% "
        f"({figures.reconsideration_correction_change_pp:+} pp), 败诉率 {figures.litigation_loss_rate}% "
        f"({figures.litigation_loss_change_pp:+} pp); cells and figures equal to the naive loop"
    )
    print(scratch.machine())
    if connection.vendor == "postgresql":
        print(
            f"target (< 2 s for the whole report of the city on PostgreSQL): {'met' if best < 2.0 else 'MISSED'}"
        )


def _appeal_mix(year: int) -> str:
    """What the generated cases cover: every disposition of the table in force, co-defendant records,
    cases undecided on 31 December."""
    from gongkai.appeals.dispositions import version_on
    from gongkai_web.appeals.models import AppealCase

    this_year = AppealCase.objects.filter(received_on__year=year)
    seen = set(this_year.exclude(disposition="").values_list("kind", "disposition").distinct())
    table = {(r.kind, r.disposition) for r in version_on(dt.date(year, 12, 31)).rows}
    assert table <= seen, f"dispositions not generated: {table - seen}"
    undecided = (
        this_year.filter(decided_on__isnull=True).count()
        + this_year.filter(decided_on__year=year + 1).count()
    )
    return (
        f"appeal cases received in {year}: {this_year.count():,}; all {len(table)} dispositions of the table; "
        f"{this_year.filter(role='co_defendant').count():,} co-defendant records (not counted); "
        f"{undecided:,} undecided on 31 December; by route: "
        + ", ".join(f"{k or 'review'}/{r or '-'} {c:,}" for k, r, c in _by_route(this_year))
    )


def _by_route(cases):
    from django.db.models import Count

    return (
        cases.order_by()
        .values_list("kind", "route")
        .annotate(n=Count("id"))
        .values_list("kind", "route", "n")
    )


def _parts(city, year: int) -> dict[str, float]:
    """Each table's share of the build, timed once (where the time goes)."""
    from gongkai_web.appeals.queries import table4_cells
    from gongkai_web.reports.build import scope_agencies, table2_cells
    from gongkai_web.reports.drafting import previous_report
    from gongkai_web.reports.figures import fees_collected
    from gongkai_web.reports.table3 import build_table3

    calls = {
        "table 3": lambda a: build_table3(a, year, agency_name=city.name),
        "table 2": lambda a: table2_cells(a, year),
        "table 4": lambda a: table4_cells(a, year),
        "fees": lambda a: fees_collected(city, year),
        "last year's report": lambda a: previous_report(city, year),
    }
    out = {}
    for name, call in calls.items():
        t0 = time.perf_counter()
        call(scope_agencies(city))
        out[name] = time.perf_counter() - t0
    return out


def _assert_equal(cells, naive_cells, figures, naive_figures) -> None:
    diff = {
        k: (cells.get(k), naive_cells.get(k))
        for k in set(cells) | set(naive_cells)
        if cells.get(k) != naive_cells.get(k)
    }
    if diff:
        raise AssertionError(f"platform and naive loop disagree: {diff}")
    if figures != naive_figures:
        raise AssertionError(f"narrative figures disagree: {figures} != {naive_figures}")


# ── the naive baseline ────────────────────────────────────────────────────────────────────────────


def naive_report(city, year: int, previous):
    """Tables 2–4 of the city by per-row Python loops (each table's rows streamed, classified with the
    core's tables), then the core's narrative figures against last year's report."""
    from gongkai.publications.table2 import table2_document_cells
    from gongkai.report.model import AnnualReport
    from gongkai.report.yearly import narrative_figures
    from gongkai_web.agencies.models import Agency
    from gongkai_web.applications.models import Application
    from gongkai_web.publications.queries import statistic_totals
    from gongkai_web.reports.build import STATISTIC_ADDRESSES, scope_agencies
    from gongkai_web.reports.figures import fees_collected

    agencies = scope_agencies(city)
    scope = set(agencies.values_list("pk", flat=True))
    applications = Application.objects.filter(agency__in=agencies, kind="disclosure")
    cells = dict(kit.naive_table3(applications, year).cells)
    makes_rules = any(Agency.objects.filter(pk__in=scope).values_list("makes_rules", flat=True))
    cells.update(table2_document_cells(library.naive_table2(agencies, year), makes_rules=makes_rules))
    for item, total in statistic_totals(agencies, year).items():  # a few thousand entered rows
        cells[STATISTIC_ADDRESSES[item]] = None if total is None else _plain_number(item, total)
    cells.update(naive_table4(scope, year))
    report = AnnualReport(format="2021", agency=city.name, year=year, cells=cells)
    fees, split = fees_collected(city, year)
    return cells, narrative_figures(report, previous, fees_yuan=fees, fees_split=split)


def _plain_number(item: str, total):
    from decimal import Decimal

    if item != "fees":
        return int(total)
    return total.normalize() if total != total.to_integral_value() else Decimal(int(total))


def naive_table4(scope: set[int], year: int) -> dict[str, int]:
    """Table 4 by one loop over every case: in scope, received in the year, not a co-defendant record,
    its column from the core's mapping (``dispositions.column_for`` on 31 December)."""
    from gongkai.appeals.dispositions import column_for
    from gongkai.report.model import appeal_address
    from gongkai_web.appeals.models import AppealCase

    groups = {("review", ""): "reconsideration", ("litigation", "direct"): "litigation_direct",
              ("litigation", "after_review"): "litigation_after_reconsideration"}  # fmt: skip
    year_end = dt.date(year, 12, 31)
    counts: dict[str, int] = defaultdict(int)
    rows = AppealCase.objects.order_by().values_list(
        "agency", "kind", "route", "role", "received_on", "disposition", "decided_on"
    )
    for agency, kind, route, role, received, disposition, decided in rows.iterator(chunk_size=20_000):
        if agency not in scope or received.year != year or role == "co_defendant":
            continue
        group = groups[kind, route]
        counts[appeal_address(group, column_for(kind, disposition or None, decided, as_of=year_end))] += 1
        counts[appeal_address(group, "total")] += 1
    return {
        appeal_address(g, c): counts[appeal_address(g, c)]
        for g in groups.values()
        for c in ("upheld", "corrected", "other", "pending", "total")
    }


# ── data ──────────────────────────────────────────────────────────────────────────────────────────


def _write_statistics(year: int, rng: random.Random) -> int:
    """Table 2's entered figures for every agency, this year and last."""
    from decimal import Decimal

    from gongkai_web.agencies.models import Agency
    from gongkai_web.publications.models import YearStatistic

    at = dt.datetime(year + 1, 1, 15, 9, tzinfo=SHANGHAI)
    rows = []
    for pk in Agency.objects.values_list("pk", flat=True):
        for y in (year - 1, year):
            for item, high in (("licensing", 3000), ("penalty", 400), ("coercion", 40)):
                rows.append(YearStatistic(agency_id=pk, year=y, item=item, value=rng.randrange(high),
                                          source="bench", entered_at=at))  # fmt: skip
            fee = Decimal(rng.choice((0, 0, 0, 0, 100, 260, 1200))) / Decimal(10_000)  # 万元
            rows.append(
                YearStatistic(agency_id=pk, year=y, item="fees", value=fee, source="bench", entered_at=at)
            )
    YearStatistic.objects.bulk_create(rows, batch_size=2000)
    return len(rows)


def _write_appeals(args, rng: random.Random, connection) -> tuple[int, int]:
    """``--appeals`` cases with explicit ids, and their links to applications."""
    from gongkai.appeals.dispositions import version_on
    from gongkai_web.agencies.models import Agency
    from gongkai_web.appeals.models import AppealCase

    is_pg = connection.vendor == "postgresql"
    day = (lambda d: d) if is_pg else (lambda d: d and d.isoformat())
    stamp = dt.datetime(args.year + 1, 3, 1, 9, tzinfo=SHANGHAI)
    stamp = stamp if is_pg else connection.ops.adapt_datetimefield_value(stamp)
    today = dt.date(args.year + 1, 3, 1)  # the records as they stand when the report is written
    agencies = list(Agency.objects.values_list("id", "kind"))
    weights = {"city_government": 8.0, "city_department": 2.0, "county_government": 4.0,
               "county_department": 1.0, "township_government": 0.3}  # fmt: skip
    ids = [pk for pk, _ in agencies]
    cum = kit._cumulative([weights[k] * rng.paretovariate(2.5) for _, k in agencies])
    groups, group_cum = list(KIND_ROUTE_WEIGHTS), kit._cumulative(KIND_ROUTE_WEIGHTS.values())
    first = dt.date(args.year - 1, 7, 1)
    span = (dt.date(args.year + 1, 2, 28) - first).days
    n = args.appeals
    links: list[dict] = []

    def case_rows(start: int, count: int):
        agency = rng.choices(ids, cum_weights=cum, k=count)
        group = rng.choices(groups, cum_weights=group_cum, k=count)
        out = []
        for i in range(count):
            pk = start + i
            kind, route = group[i]
            received = first + dt.timedelta(days=rng.randrange(span))
            decided = received + dt.timedelta(days=rng.randrange(20, 200 if kind == "review" else 400))
            disposition = ""
            if decided <= today:
                rows = version_on(decided).dispositions(kind)
                disposition = rng.choices(
                    rows, weights=[DISPOSITION_WEIGHTS.get(r.disposition, 1.0) for r in rows]
                )[0].disposition
            else:
                decided = None
            role = (
                "co_defendant"
                if route == "after_review" and rng.random() < CO_DEFENDANT_SHARE
                else "respondent"
            )
            replied = received + dt.timedelta(days=10)
            out.append({
                "id": pk, "agency": agency[i], "kind": kind, "route": route, "role": role,
                "body": "重庆市人民政府" if kind == "review" else "重庆市某区人民法院",
                "case_number": f"（{received.year}）第{pk}号", "appellant": "王某某",
                "act": "政府信息公开申请答复书", "received_on": day(received),
                "reply_due": day(received + dt.timedelta(days=10)), "reply_due_basis": "行政复议法第四十八条",
                "replied_on": day(replied if replied <= today else None),
                "status": "decided" if decided else "replied" if replied <= today else "awaiting_reply",
                "disposition": disposition, "decided_on": day(decided),
                "decision_number": f"决字第{pk}号" if decided else "",
                "mapping_version": version_on(decided).version if decided else "", "created_at": stamp,
            })  # fmt: skip
            for application in rng.sample(range(1, args.applications + 1), 1 + (rng.random() < 0.3)):
                links.append({"appealcase": pk, "application": application})
        return out

    written = library._load(AppealCase, n, case_rows, connection, "appeal cases", explicit_pk=True)
    through = AppealCase.applications.through
    linked = library._load(through, len(links), lambda s, c: links[s - 1 : s - 1 + c], connection, "links")
    return written, linked


def _publish_last_year(city, year: int):
    """Last year's report of the city, published: this year's build with every count scaled to about
    nine tenths (a year's growth) — a fixture for the year-on-year figures, stored as a ``ReportVersion``."""
    from dataclasses import replace
    from decimal import Decimal

    from django.contrib.auth import get_user_model

    from gongkai.labels import REPORT_TITLE
    from gongkai.report.render.json import report_to_dict
    from gongkai_web.reports.build import build_report
    from gongkai_web.reports.models import ReportRecord, ReportState, ReportVersion
    from gongkai_web.reports.queries import published_report

    this = build_report(city, year)
    scaled = {
        k: (int(v) * 9 // 10 if isinstance(v, int) else v) if not isinstance(v, Decimal) else v
        for k, v in this.cells.items()
    }
    scaled = {
        k: (v - 1 if k.startswith("appeals.") and k.endswith(".corrected") and v else v)
        for k, v in scaled.items()
    }
    last = replace(
        this, year=year - 1, title=REPORT_TITLE.format(agency=city.name, year=year - 1), cells=scaled
    )
    user = get_user_model().objects.create(username="bench-publisher")
    now = dt.datetime(year, 1, 20, 9, tzinfo=SHANGHAI)
    data = report_to_dict(last)
    record = ReportRecord.objects.create(agency=city, year=year - 1, state=ReportState.PUBLISHED, data=data,
                                         created_at=now, updated_at=now)  # fmt: skip
    ReportVersion.objects.create(record=record, number=1, data=data, published_at=now, published_by=user,
                                 approver_name="某某")  # fmt: skip
    return published_report(city, year - 1)


if __name__ == "__main__":
    main()
