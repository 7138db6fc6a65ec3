"""Benchmark: the public column's document and list pages served by the production server.

Run: ``.venv/bin/python bench/public_pages.py`` (PostgreSQL at 127.0.0.1:5432, trust auth, as for the
tests; ``wrk`` as the load generator: ``apt-get install -y wrk``, Debian's package). It creates its own
scratch database ``gongkai_bench_pages`` (dropped and re-created; ``test`` is never touched), migrates
it and loads the demo with its library (``load_demo`` and ``simulate_demo``: 421 agencies, about 10,000
public documents with their effects). It picks, at random with ``--seed``, ``--documents`` document
pages (``/gk/<code>/documents/<ref>/``) of all agencies and ``--lists`` list pages: an agency's list
plain or with a filter (year, topic, genre, validity, page 2, words) and the site search with words.

Then, for each mode, it starts the production server as README says (granian ``--interface wsgi
--workers 2 --blocking-threads 4``, DEBUG off, a random secret key from the environment, persistent
database connections) and drives it with ``wrk`` (a separate process, HTTP/1.1 keep-alive,
``--clients`` connections, each request a page drawn at random from the set) for ``--duration``
seconds per set:

* ``uncached``: ``GONGKAI_FAST_PATHS=0``, every page rendered for its request (the baseline);
* ``view cache``: ``GONGKAI_FAST_COLUMN=0``, the page kept by the view behind the whole middleware stack;
* ``fast path``: the default, the page kept in front of the session (``portal/column_fastpath.py``).

Before measuring, every mode fetches each page (it must answer 200, with the same bytes in every mode);
the cached modes fetch every page over ``--connections`` connections open at once, so that both workers
keep every page (the measurement is of kept pages), then run the same load ``--warmup`` seconds. It prints requests/s and p50/p95/p99 per mode and set, the ratio to the uncached baseline
of the same run, the CPU each request cost (server processes, this database's PostgreSQL backends,
wrk), the machine and the load average. wrk shares the machine's cores with the server and PostgreSQL.
"""

from __future__ import annotations

import argparse
import hashlib
import http.client
import json
import os
import platform
import resource
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import psycopg
from intake_load import (
    PG,
    _children,
    _cpu_seconds,
    _pg_version,
    env_for,
    free_port,
    start_server,
    stop_server,
)
from machine import cpu_model  # bench/ is on sys.path when run as a script

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
DB_NAME = "gongkai_bench_pages"
TARGET_RATE, TARGET_P99_MS = 1000, 100
MODES = {
    "uncached": {"GONGKAI_FAST_PATHS": "0"},
    "view cache": {"GONGKAI_FAST_PATHS": "1", "GONGKAI_FAST_COLUMN": "0"},
    "fast path": {"GONGKAI_FAST_PATHS": "1", "GONGKAI_FAST_COLUMN": "1"},
}
INSTALL_WRK = "apt-get install -y wrk"

# wrk's script: a page at random from GK_PATHS per request; the summary as one JSON line at the end.
WRK_SCRIPT = r"""
local paths = {}
for line in io.lines(os.getenv("GK_PATHS")) do paths[#paths + 1] = line end
local seeded = false
request = function()
  if not seeded then math.randomseed(tonumber(os.getenv("GK_SEED") or "1")); seeded = true end
  return wrk.format("GET", paths[math.random(#paths)])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\nGK_RESULT {"requests": %d, "duration_us": %d, "p50": %d, "p95": %d, "p99": %d, "max": %d, ' ..
    '"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
"""

# Run inside the project (DJANGO_SETTINGS_MODULE set): the page addresses, as the column links them.
PICK_PAGES = r"""
import json, random, sys
import django
django.setup()
from gongkai_web.portal import column_queries as q
from gongkai_web.publications.search_entries import public_documents

rng = random.Random(int(sys.argv[1]))
n_docs, n_lists = int(sys.argv[2]), int(sys.argv[3])
docs = list(public_documents().select_related("agency").order_by("pk"))
documents = [q.document_url(d) for d in rng.sample(docs, min(n_docs, len(docs)))]
by_agency = {}
for d in docs:
    by_agency.setdefault(d.agency.code, []).append(d)
codes = sorted(by_agency)
lists = set()
while len(lists) < n_lists:
    code = rng.choice(codes)
    mine = by_agency[code]
    base = f"/gk/{code}/documents/"
    doc = rng.choice(mine)
    word = doc.title[rng.randrange(max(1, len(doc.title) - 4)):][:2]
    lists.add(rng.choice([
        base,
        base,
        f"{base}?year={doc.published_on.year}",
        f"{base}?validity=in_force",
        f"{base}?topic={doc.topic}" if doc.topic else base,
        f"{base}?genre={doc.genre}" if doc.genre else base,
        f"{base}?page=2" if len(mine) > 20 else base,
        f"{base}?q={word}",
        f"/search/?q={word}",
        f"/search/?q={word}&validity=in_force",
    ]))
print(json.dumps({"documents": documents, "lists": sorted(lists)}))
"""


# Run inside the project: the CPU of one request through Django's WSGI handler (no HTTP server, no wrk)
# in each mode, switched in one process, over the same pages; and of the generation read alone.
IN_PROCESS = r"""
import io, json, sys, time
import django
django.setup()
from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from gongkai_web.publications.search_entries import public_generation

app = WSGIHandler()
paths = json.loads(sys.argv[1])
host = sys.argv[2]

def call(path):
    p, _, q = path.partition("?")
    env = {"REQUEST_METHOD": "GET", "PATH_INFO": p, "QUERY_STRING": q, "SERVER_NAME": "127.0.0.1",
           "SERVER_PORT": host.rpartition(":")[2], "HTTP_HOST": host, "wsgi.input": io.BytesIO(b""),
           "wsgi.url_scheme": "http", "SCRIPT_NAME": ""}
    status = []
    b"".join(app(env, lambda s, h, *a: status.append(s)))
    assert status[0].startswith("200"), (path, status)

def cpu(fn, rounds):
    fn()  # the first round fills what the mode keeps
    best = float("inf")
    for _ in range(rounds):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best

out = {}
for mode, fast_paths, front, rounds in (("uncached", False, False, 2), ("view cache", True, False, 5),
                                        ("fast path", True, True, 5)):
    settings.GONGKAI_FAST_PATHS = settings.GONGKAI_FAST_CSP = fast_paths
    settings.GONGKAI_FAST_COLUMN = front
    out[mode] = cpu(lambda: [call(p) for p in paths], rounds) / len(paths) * 1e6
out["generation read"] = cpu(lambda: [public_generation() for _ in range(len(paths))], 5) / len(paths) * 1e6
print(json.dumps(out))
"""


def in_process_cpu(env: dict[str, str], paths: list[str], host: str) -> dict[str, float]:
    """µs of CPU per request in each mode, measured in one process (best of a few rounds)."""
    out = subprocess.run(
        [PY, "-c", IN_PROCESS, json.dumps(paths), host],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


@dataclass
class Result:
    mode: str
    pages: str
    rate: float
    p50: float
    p95: float
    p99: float
    max: float
    errors: int
    cpu: dict[str, float]  # ms per request: server, db, wrk
    load: tuple[float, float]

    @property
    def met(self) -> bool:
        return self.rate >= TARGET_RATE and self.p99 < TARGET_P99_MS and not self.errors


# ── the database and the pages ─────────────────────────────────────────────────────────────────


def create_database(env: dict[str, str]) -> None:
    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')
    for command in (["migrate", "--no-input", "-v", "0"], ["load_demo"], ["simulate_demo"]):
        subprocess.run([PY, "manage.py", *command], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)


def database_ready() -> bool:
    try:
        with psycopg.connect(dbname=DB_NAME, **PG) as conn:
            row = conn.execute("SELECT count(*) FROM publications_document").fetchone()
            return bool(row and row[0])
    except psycopg.Error:
        return False


def pick_pages(env: dict[str, str], seed: int, documents: int, lists: int) -> dict[str, list[str]]:
    out = subprocess.run(
        [PY, "-c", PICK_PAGES, str(seed), str(documents), str(lists)],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    pages: dict[str, list[str]] = json.loads(out.strip().splitlines()[-1])
    # Non-ASCII filter values as a browser sends them (percent-encoded UTF-8).
    from urllib.parse import quote

    return {k: [quote(p, safe="/?=&") for p in v] for k, v in pages.items()}


def fetch_all(port: int, paths: list[str], connections: int = 1) -> dict[str, str]:
    """Every page over each of ``connections`` connections open at once (so that both workers get
    some, and each keeps every page), in its own order: the digest of each body. An answer other than
    200, or two different bodies for one address, stops the run."""

    def one(order: int) -> dict[str, str]:
        mine = paths[order:] + paths[:order]
        digests: dict[str, str] = {}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            for path in mine:
                conn.request("GET", path)
                resp = conn.getresponse()
                body = resp.read()
                if resp.status != 200:
                    raise SystemExit(f"GET {path} answered {resp.status}")
                digests[path] = hashlib.sha256(body).hexdigest()
        finally:
            conn.close()
        return digests

    step = max(1, len(paths) // connections)
    with ThreadPoolExecutor(connections) as pool:
        found = list(pool.map(one, [i * step for i in range(connections)]))
    for path in paths:
        if len({d[path] for d in found}) > 1:
            raise SystemExit(f"GET {path} gave different pages on different connections")
    return found[0]


# ── measuring ──────────────────────────────────────────────────────────────────────────────────


def _backends() -> list[int]:
    with psycopg.connect(dbname="postgres", **PG) as conn:
        return [r[0] for r in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [DB_NAME])]


def _server_cpu(server: subprocess.Popen) -> dict[int, float]:
    return {p: _cpu_seconds(p) for p in [server.pid, *_children(server.pid)]}


def run_wrk(
    port: int, paths_file: Path, script: Path, clients: int, duration: float, seed: int
) -> tuple[dict, float]:
    """wrk's summary and the CPU seconds wrk used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out = subprocess.run(
        [
            "wrk",
            "-t1",
            f"-c{clients}",
            f"-d{duration:g}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            f"http://127.0.0.1:{port}/",
        ],
        env={**os.environ, "GK_PATHS": str(paths_file), "GK_SEED": str(seed)},
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    line = next(line for line in out.splitlines() if line.startswith("GK_RESULT "))
    used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return json.loads(line.removeprefix("GK_RESULT ")), used


def measure(
    mode: str, name: str, server: subprocess.Popen, port: int, files: tuple[Path, Path], args
) -> Result:
    paths_file, script = files
    load_before = os.getloadavg()[0]
    server_before, db_before = _server_cpu(server), {p: _cpu_seconds(p) for p in _backends()}
    summary, wrk_cpu = run_wrk(port, paths_file, script, args.clients, args.duration, args.seed)
    server_after, db_after = _server_cpu(server), {p: _cpu_seconds(p) for p in _backends()}
    n = max(1, summary["requests"])
    cpu = {
        "server": sum(v - server_before.get(p, 0.0) for p, v in server_after.items()) / n * 1000,
        "db": sum(v - db_before.get(p, 0.0) for p, v in db_after.items()) / n * 1000,
        "wrk": wrk_cpu / n * 1000,
    }
    errors = sum(summary[k] for k in ("connect", "read", "write", "status", "timeout"))
    return Result(
        mode,
        name,
        summary["requests"] / (summary["duration_us"] / 1e6),
        summary["p50"] / 1000,
        summary["p95"] / 1000,
        summary["p99"] / 1000,
        summary["max"] / 1000,
        errors,
        cpu,
        (load_before, os.getloadavg()[0]),
    )


# ── the run ────────────────────────────────────────────────────────────────────────────────────


def _print_table(results: list[Result]) -> None:
    base = {r.pages: r.rate for r in results if r.mode == "uncached"}
    print(
        f"\n{'mode':<12}{'pages':<11}{'req/s':>9}{'ratio':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"
        f"{'max ms':>9}{'errors':>8}{'CPU ms/req srv+db+wrk':>26}{'load':>12}"
    )
    for r in results:
        ratio = r.rate / base[r.pages] if base.get(r.pages) else float("nan")
        cpu = f"{r.cpu['server']:.2f}+{r.cpu['db']:.2f}+{r.cpu['wrk']:.2f}={sum(r.cpu.values()):.2f}"
        print(
            f"{r.mode:<12}{r.pages:<11}{r.rate:>9,.0f}{ratio:>8.1f}{r.p50:>9.1f}{r.p95:>9.1f}{r.p99:>9.1f}"
            f"{r.max:>9.1f}{r.errors:>8}{cpu:>26}{r.load[0]:>6.1f} → {r.load[1]:.1f}"
        )
    print("(ratio: requests/s ÷ the uncached baseline of the same pages in this run; errors: wrk's connect,")
    print(" read, write, timeout and non-2xx counts; CPU per request: server processes, this database's")
    print(" PostgreSQL backends, wrk; load: 1-minute load average before → after)")


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--modes", default=",".join(MODES), help=f"comma-separated, of: {', '.join(MODES)}")
    parser.add_argument("--documents", type=int, default=400, help="document pages in the set (default 400)")
    parser.add_argument("--lists", type=int, default=150, help="list pages in the set (default 150)")
    parser.add_argument("--clients", type=int, default=16, help="wrk's connections (default 16)")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per measurement (default 15)")
    parser.add_argument("--threads", type=int, default=4, help="granian's blocking threads per worker")
    parser.add_argument(
        "--warmup", type=float, default=3.0, help="seconds of the same load before measuring a cached mode"
    )
    parser.add_argument(
        "--connections",
        type=int,
        default=8,
        help="connections at once fetching every page to warm a cached mode",
    )
    parser.add_argument("--repeat", type=int, default=1, help="run the modes this many times, interleaved")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--reuse-db", action="store_true", help="keep a scratch database already built")
    parser.add_argument("--keep-db", action="store_true", help="leave the scratch database afterwards")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit(f"wrk is not installed: {INSTALL_WRK} (Debian's package)")
    args.modes = [m.strip() for m in args.modes.split(",")]
    if unknown := [m for m in args.modes if m not in MODES]:
        raise SystemExit(f"unknown mode {unknown[0]!r}: one of {', '.join(MODES)}")
    return args


def _machine() -> str:
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.split()
    return (
        f"machine: {cpu_model()}; {os.cpu_count()} cores; Python {platform.python_version()}; "
        f"PostgreSQL {_pg_version()}; wrk {wrk[1] if len(wrk) > 1 else '?'}; "
        f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} at start"
    )


def run_mode(mode: str, port: int, env: dict, pages: dict, files: dict, digests: dict, args) -> list[Result]:
    """One server in ``mode``: each page fetched and compared, the cached modes warmed, each set measured."""
    proc = start_server(
        {**env, **MODES[mode]}, "granian", port, 2, args.threads, Path(env["GONGKAI_VAR_DIR"]) / "granian.log"
    )
    results = []
    try:
        cached = mode != "uncached"
        for name, paths in pages.items():
            # Cached modes: every page kept by both workers, then the same load unmeasured for a while.
            for path, digest in fetch_all(port, paths, args.connections if cached else 1).items():
                if digests.setdefault(path, {}).setdefault(mode, digest) != digest:
                    raise SystemExit(f"GET {path}: another page than in the same mode before")
            if cached:
                run_wrk(port, *files[name], args.clients, args.warmup, args.seed + 1)
        for name in pages:
            result = measure(mode, name, proc, port, files[name], args)
            results.append(result)
            print(
                f"  {mode}, {name}: {result.rate:,.0f} requests/s, p99 {result.p99:.1f} ms, errors {result.errors}"
            )
    finally:
        stop_server(proc)
    return results


def report(results: list[Result], digests: dict, modes: list[str], pages: dict) -> list[str]:
    """The table, the byte comparison, the medians and the verdict; the pages that differ."""
    differ = [p for p, by_mode in digests.items() if len(set(by_mode.values())) > 1]
    _print_table(results)
    print(
        f"\nsame bytes in every mode: {len(digests) - len(differ)} of {len(digests)} pages"
        + (f"; DIFFER: {', '.join(differ[:5])}" if differ else "")
    )
    for mode in modes:
        for name in pages:
            mine = [r for r in results if r.mode == mode and r.pages == name]
            if len(mine) > 1:
                print(
                    f"median of {len(mine)}, {mode}, {name}: {statistics.median(r.rate for r in mine):,.0f}/s, "
                    f"p99 {statistics.median(r.p99 for r in mine):.1f} ms"
                )
    verdicts = [
        f"{r.pages} {r.rate:,.0f}/s p99 {r.p99:.0f} ms — {'met' if r.met else 'NOT met'}"
        for r in results
        if r.mode == "fast path"
    ]
    if verdicts:
        print(
            f"target (issue 15: cached pages at least {TARGET_RATE:,}/s, p99 under {TARGET_P99_MS} ms), "
            "fast path: " + "; ".join(verdicts)
        )
    return differ


def main() -> None:
    args = parse_args()
    var_dir = Path(tempfile.mkdtemp(prefix="gongkai-bench-pages-"))
    env = {**env_for(var_dir, DB_NAME), "GONGKAI_SECRET_KEY": secrets.token_urlsafe(48)}
    print(_machine())
    if not (args.reuse_db and database_ready()):
        started = time.monotonic()
        create_database(env)
        print(
            f"database {DB_NAME}: migrated, demo and its library loaded in {time.monotonic() - started:.0f} s"
        )
    pages = pick_pages(env, args.seed, args.documents, args.lists)
    script = var_dir / "pages.lua"
    script.write_text(WRK_SCRIPT)
    files = {}
    for name, paths in pages.items():
        (var_dir / f"{name}.txt").write_text("\n".join(paths) + "\n")
        files[name] = (var_dir / f"{name}.txt", script)
    print(
        f"{len(pages['documents'])} document pages, {len(pages['lists'])} list pages; granian 2 workers × "
        f"{args.threads} threads; wrk 1 thread, {args.clients} connections, {args.duration:g} s per measurement"
    )
    results: list[Result] = []
    digests: dict[str, dict[str, str]] = {}
    port = free_port()  # one address for every mode: the pages show their own absolute address
    for mode in args.modes * max(1, args.repeat):
        results += run_mode(mode, port, env, pages, files, digests, args)
    differ = report(results, digests, args.modes, pages)
    print("\nCPU µs per request inside one process (Django's WSGI handler, no server, no wrk; best of 5):")
    for name, paths in pages.items():
        got = in_process_cpu(env, paths[:60], f"127.0.0.1:{port}")
        print(
            f"  {name:<10}"
            + "; ".join(f"{mode} {us:,.0f}" for mode, us in got.items())
            + f"; fast path ÷ view cache {got['fast path'] / got['view cache']:.2f}, "
            f"view cache ÷ uncached {got['view cache'] / got['uncached']:.3f}"
        )
    if not args.keep_db:
        with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    if differ:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
