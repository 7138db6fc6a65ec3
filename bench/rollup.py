"""Benchmark: the roll-up page of the whole demo city (``/staff/reports/rollup/cq/2023/``, issue 16) —
every agency's report by its source (published → imported → built from its own records), summed.

    GONGKAI_VAR_DIR=/tmp/scratch .venv/bin/python bench/rollup.py [--year 2023] [--runs 5] [--profile]

Run it on a scratch database holding the demo (``manage.py migrate && manage.py load_demo &&
manage.py simulate_demo`` with ``GONGKAI_VAR_DIR`` or ``GONGKAI_DB=postgres GONGKAI_PG_NAME=…``
pointing at a scratch database; never the ``test`` one). Times ``rollup.build_rollup(city, year)`` and
the page as 赵六 (the city's 政务公开办) gets it through the test client, counts the SQL queries of one
build, and with ``--profile`` prints the top of a cProfile of one build. Prints the machine and the load
average (the machine is shared)."""

from __future__ import annotations

import argparse
import cProfile
import os
import platform
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai_web.settings")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--year", type=int, default=2023)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from bench.machine import cpu_model
    from gongkai_web.agencies.models import Agency
    from gongkai_web.reports.rollup import build_rollup

    city = Agency.objects.get(parent__isnull=True)
    agencies = city.subtree().count()
    print(
        f"machine: {cpu_model()}, {os.cpu_count()} cores, {connection.vendor}, Python {platform.python_version()}"
    )
    print(f"roll-up of {city.name} ({agencies} agencies), {args.year}")

    with CaptureQueriesContext(connection) as queries:
        rollup = build_rollup(city, args.year)
    total = rollup.aggregation.report
    print(f"queries in one build: {len(queries)}")
    print(
        "sum: received", total.get("requests.new.total"), "concluded", total.get("requests.total.total"),
        "sources", {s: rollup.count(s) for s in {r.sourced.source for r in rollup.rows}},
    )  # fmt: skip

    def timed(fn) -> list[float]:
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return times

    load = os.getloadavg()
    builds = timed(lambda: build_rollup(city, args.year))
    client = Client()
    client.force_login(get_user_model().objects.get(username="zhaoliu"))
    url = f"/staff/reports/rollup/{city.code}/{args.year}/"
    assert client.get(url).status_code == 200
    pages = timed(lambda: client.get(url))
    load_after = os.getloadavg()
    for name, times in (("build_rollup", builds), ("page (test client)", pages)):
        print(f"{name}: best {min(times):.3f} s, median {statistics.median(times):.3f} s of {args.runs}")
    print(f"load average before {load[0]:.2f} / after {load_after[0]:.2f} (1 min)")
    if args.profile:
        profile = cProfile.Profile()
        profile.runcall(build_rollup, city, args.year)
        pstats.Stats(profile).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()
