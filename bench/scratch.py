"""The scratch database of a benchmark, its whole life: created, Django set up on it, migrated, the
benchmark run, dropped — and the two lines every benchmark prints about where it ran (the engine's
version, the machine with its load average). Used by ``bench/table2.py``, ``bench/table3.py`` and
``bench/report_build.py`` (``bench/search.py`` reaches it through ``table3``'s old names).

* PostgreSQL: a database named by the benchmark (``gongkai_bench_…``, never the ``test`` database) at
  ``GONGKAI_PG_HOST``:``GONGKAI_PG_PORT`` (default 127.0.0.1:5432), dropped (``WITH (FORCE)``) and
  created afresh, dropped again at the end unless ``keep``;
* SQLite: a file in a new temporary directory, removed at the end unless ``keep``.

Django's settings are fixed once set up, so one process serves one database: ``run_each_database``
re-runs the script once per engine for ``--db both``.

    scratch.run_each_database(__file__, args.db)   # returns False when it did the runs itself
    scratch.run(args.db, PG_NAME, _bench, args, keep=args.keep, prefix="table3")

and in ``_bench``: ``engine = scratch.start(connection)`` (prints the engine and the machine, migrates).
"""

from __future__ import annotations

import datetime as dt
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from machine import cpu_model  # noqa: E402  bench/machine.py (bench/ is on sys.path when run as a script)
from rich.console import Console  # noqa: E402

console = Console(width=140)
ENGINES = ("postgres", "sqlite")


def admin_connection():
    """An autocommit connection to the server's ``postgres`` database (to create and drop others)."""
    import psycopg

    return psycopg.connect(
        host=os.environ.get("GONGKAI_PG_HOST", "127.0.0.1"),
        port=int(os.environ.get("GONGKAI_PG_PORT", "5432")),
        user=os.environ.get("GONGKAI_PG_USER", "postgres"),
        password=os.environ.get("GONGKAI_PG_PASSWORD", ""),
        dbname="postgres",
        autocommit=True,
    )


def prepare_database(db: str, pg_name: str, *, prefix: str) -> str:
    """Point Django's settings (the environment they read) at a fresh scratch database; returns its name
    (PostgreSQL) or file path (SQLite)."""
    if db == "postgres":
        os.environ["GONGKAI_DB"] = "postgres"
        os.environ["GONGKAI_PG_NAME"] = pg_name
        os.environ.pop("GONGKAI_PG_CONN_MAX_AGE", None)
        with admin_connection() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)")
            conn.execute(f"CREATE DATABASE {pg_name}")
        return pg_name
    os.environ["GONGKAI_DB"] = "sqlite"
    directory = tempfile.mkdtemp(prefix=f"gongkai-bench-{prefix}-")
    os.environ["GONGKAI_SQLITE_PATH"] = str(Path(directory) / "bench.sqlite3")
    return os.environ["GONGKAI_SQLITE_PATH"]


def drop_database(db: str, scratch: str, pg_name: str) -> None:
    """Drop what ``prepare_database`` made (the SQLite file's whole temporary directory)."""
    if db == "postgres":
        with admin_connection() as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {pg_name} WITH (FORCE)")
    else:
        shutil.rmtree(Path(scratch).parent, ignore_errors=True)


def close_connections() -> None:
    if "django" in sys.modules:
        from django.db import connections

        connections.close_all()


def run(
    db: str,
    pg_name: str,
    bench: Callable[[Any], None],
    args: Any,
    *,
    keep: bool = False,
    prefix: str = "bench",
) -> None:
    """The whole life of one scratch database around ``bench(args)``: prepared, Django set up on it,
    the benchmark run, the connections closed and the database dropped (kept with ``keep``)."""
    scratch = prepare_database(db, pg_name, prefix=prefix)
    try:
        import django

        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gongkai_web.settings")
        django.setup()
        bench(args)
    finally:
        close_connections()
        if keep:
            console.print(f"[dim]kept the scratch database: {scratch}[/dim]")
        else:
            drop_database(db, scratch, pg_name)


def run_each_database(script: str, db: str) -> bool:
    """For ``--db both``: run ``script`` again once per engine (same arguments, ``--db`` replaced), exit
    on a failed run, and return True (the caller is done); for one engine return False."""
    if db != "both":
        return False
    for engine in ENGINES:
        argv = [a for a in sys.argv[1:] if not a.startswith("--db") and a != "both"]
        if subprocess.run([sys.executable, script, *argv, "--db", engine]).returncode:
            sys.exit(f"the {engine} run failed")
    return True


def start(connection) -> str:
    """The first lines of a run: the engine as a rule, the machine line, then ``migrate`` (timed);
    returns the engine's name and version for the results."""
    from django.core.management import call_command

    engine = engine_version(connection)
    console.rule(f"[bold]{engine}")
    print(machine())
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0)
    console.print(f"migrated in {time.perf_counter() - t0:.1f} s")
    return engine


def engine_version(connection) -> str:
    """“PostgreSQL 16.4” or “SQLite 3.46.1”."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            return f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
        cursor.execute("select sqlite_version()")
        return f"SQLite {cursor.fetchone()[0]}"


def machine() -> str:
    """The machine line docs/benchmarks.md quotes: CPU, cores, Python, load average, time (UTC)."""
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"machine: {cpu_model()}, nproc {os.cpu_count()}; Python {platform.python_version()}; "
        f"load average {load}; {dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC"
    )
