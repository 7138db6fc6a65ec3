"""Benchmark: public intake under load — the platform served by a production server over PostgreSQL on loopback.

Run: ``.venv/bin/python bench/intake_load.py`` (PostgreSQL at 127.0.0.1:5432, trust auth, as for the
tests). It creates its own scratch database ``gongkai_bench_intake`` (dropped and re-created; the
``test`` database is never touched), migrates it, loads the demo agencies (``manage.py load_demo``:
six agencies issue an electronic 接收回执 at once, one confirms receipt by hand) and, for each server
configuration (``--configs``: granian's WSGI interface or gunicorn's gthread worker, workers ×
threads; DEBUG off, persistent database connections, ``gongkai_web.wsgi`` as in production) starts
the server on 127.0.0.1 and drives it with ``--clients`` concurrent clients (asyncio, HTTP/1.1
keep-alive, no client library) for ``--duration`` seconds each:

* baseline: ``GET /apply/`` only (the form page, the cheapest page of the same flow);
* intake: the real public flow, each submission from a new visitor (no cookies): ``GET /apply/``
  (CSRF cookie, ``csrfmiddlewaretoken`` and the form's idempotency ``token``), then ``POST /apply/``
  as multipart/form-data like a browser (a citizen with a 居民身份证号 whose GB 11643 check character
  is computed here, a random agency of the form's list); acknowledged = 302 to ``/receipt/<code>/``.
  About 5 % of submissions are re-posted with the same token after the acknowledgement (a double
  click, a reload) and about 2 % are posted twice at the same moment on two connections (the race
  on the unique token); both copies must be acknowledged with the same query code.

Afterwards it checks in the database that every acknowledged submission is stored exactly once
(one application per token, with the query code of the acknowledgement; one application per
logical submission, counted by the marker in its description; one ``submitted`` event, one audit
entry and, where the agency issues it automatically, one 接收回执 each), and that nothing was stored
that no client sent. It prints the machine, the figures per configuration and the ratio of intake
submissions/s to the baseline's pages/s measured in the same run, and the CPU each request cost
(server processes, this database's PostgreSQL backends, the load generator itself), read from
/proc. The load generator shares the machine's cores with the server and PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import platform
import random
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from machine import cpu_model  # bench/machine.py (bench/ is on sys.path when run as a script)

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
SERVERS = ("gunicorn", "granian")
TARGET_RATE, TARGET_P99_MS = 300, 200
DB_NAME = "gongkai_bench_intake"
PG = {
    "host": os.environ.get("GONGKAI_PG_HOST", "127.0.0.1"),
    "port": int(os.environ.get("GONGKAI_PG_PORT", 5432)),
    "user": os.environ.get("GONGKAI_PG_USER", "postgres"),
}

# ── applicant data ─────────────────────────────────────────────────────────────────────────────

ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"  # GB 11643-1999: the check character for (Σ aᵢ·Wᵢ) mod 11
REGIONS = ("110105", "310104", "440305", "500103", "510107", "330106")
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚"


def resident_id(rng: random.Random) -> str:
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 55))
    body = f"{rng.choice(REGIONS)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    return body + ID_CHECK[sum(int(c) * w for c, w in zip(body, ID_WEIGHTS, strict=True)) % 11]


def application_fields(rng: random.Random, agency: str, marker: str) -> list[tuple[str, str]]:
    return [
        ("agency", agency),
        ("applicant_type", "citizen"),
        ("name", rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN)),
        ("id_type", "resident_id"),
        ("id_number", resident_id(rng)),
        ("phone", f"1{rng.choice('3456789')}{rng.randrange(10**9):09d}"),
        ("email", f"applicant{rng.randrange(10**6)}@example.com"),
        ("address", ""),
        ("postcode", ""),
        ("description", f"{marker}：请公开本机关2025年度部门预算执行情况及相关文件（压力测试）"),
        ("document_title", ""),
        ("document_number", ""),
        ("purpose", ""),
        ("info_form", "electronic"),
        ("delivery_methods", "online"),
        ("delivery_methods", "email"),
        ("declaration", "on"),
    ]


def multipart(fields: list[tuple[str, str]]) -> tuple[bytes, str]:
    boundary = "----gongkaibench" + uuid.uuid4().hex
    parts = [f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields]
    # The two (empty) file inputs, as a browser sends them.
    for name in ("identity_proof", "supporting"):
        parts.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename=""\r\n'
            "Content-Type: application/octet-stream\r\n\r\n\r\n"
        )
    return ("".join(parts) + f"--{boundary}--\r\n").encode(), f"multipart/form-data; boundary={boundary}"


# ── a minimal HTTP/1.1 client (keep-alive; the load generator must cost little CPU) ─────────────


class Response:
    __slots__ = ("status", "headers", "cookies", "body")

    def __init__(self, status: int, headers: dict[str, str], cookies: dict[str, str], body: bytes):
        self.status, self.headers, self.cookies, self.body = status, headers, cookies, body


class Connection:
    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _open(self) -> None:
        self.reader, self.writer = await asyncio.open_connection(self.host, self.port)

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None

    async def request(
        self,
        method: str,
        path: str,
        *,
        cookies: dict[str, str],
        body: bytes = b"",
        headers: dict[str, str] | None = None,
    ) -> Response:
        for attempt in (1, 2):
            fresh = self.writer is None
            if fresh:
                await self._open()
            try:
                return await self._exchange(method, path, cookies, body, headers or {})
            except (ConnectionError, asyncio.IncompleteReadError):
                self.close()
                # A kept-alive connection the server closed before reading the request: resend once.
                # A fresh connection failing is an error of this request.
                if fresh or attempt == 2:
                    raise
        raise AssertionError("unreachable")

    async def _exchange(self, method, path, cookies, body, headers) -> Response:
        assert self.reader is not None and self.writer is not None
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}", "User-Agent: gongkai-bench"]
        if cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in cookies.items()))
        head += [f"{k}: {v}" for k, v in headers.items()]
        if body or method == "POST":
            head.append(f"Content-Length: {len(body)}")
        self.writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
        raw = await self.reader.readuntil(b"\r\n\r\n")
        lines = raw.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        hdrs: dict[str, str] = {}
        set_cookies: dict[str, str] = {}
        for line in lines[1:]:
            if not line:
                continue
            k, _, v = line.partition(":")
            k, v = k.strip().lower(), v.strip()
            if k == "set-cookie":
                name, _, rest = v.partition("=")
                set_cookies[name] = rest.split(";", 1)[0]
            else:
                hdrs[k] = v
        if "content-length" in hdrs:
            data = await self.reader.readexactly(int(hdrs["content-length"]))
        elif hdrs.get("transfer-encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                chunks.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            data = b"".join(c[:-2] for c in chunks)
        else:
            data = await self.reader.read()
            self.close()
        if hdrs.get("connection", "").lower() == "close":
            self.close()
        return Response(status, hdrs, set_cookies, data)


# ── the load ───────────────────────────────────────────────────────────────────────────────────

CSRF_RE = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN_RE = re.compile(rb'name="token" value="([^"]+)"')
AGENCY_RE = re.compile(rb'<option value="(\d+)"')
RECEIPT_RE = re.compile(r"/receipt/([A-Z0-9]+)/$")


@dataclass
class Tally:
    started: float = 0.0
    stopped: float = 0.0
    post_latencies: list[float] = field(default_factory=list)
    flow_latencies: list[float] = field(default_factory=list)
    get_latencies: list[float] = field(default_factory=list)
    acked: dict[str, str] = field(default_factory=dict)  # token -> query code (first submission)
    markers: dict[str, str] = field(default_factory=dict)  # token -> description marker
    sent_tokens: set[str] = field(default_factory=set)  # every token posted at least once
    duplicate_posts: int = 0
    duplicate_acks_same: int = 0
    duplicate_acks_differ: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    pages: int = 0

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


async def _form(
    conn: Connection, tally: Tally, agencies: list[bytes]
) -> tuple[dict[str, str], bytes, bytes] | None:
    """GET the form: its CSRF cookie and token and its one-time token; the agency list is read from
    the first page only (a browser reads it elsewhere; re-reading 30 KB here would only add the load
    generator's own CPU to the machine the server shares)."""
    t0 = time.perf_counter()
    page = await conn.request("GET", "/apply/", cookies={})
    tally.get_latencies.append(time.perf_counter() - t0)
    if page.status != 200:
        tally.error(f"GET /apply/ {page.status}")
        return None
    csrf, token = CSRF_RE.search(page.body), TOKEN_RE.search(page.body)
    if not (csrf and token and "csrftoken" in page.cookies):
        tally.error("form without csrf/token")
        return None
    if not agencies:
        agencies.extend(AGENCY_RE.findall(page.body))
    return dict(page.cookies), csrf.group(1), token.group(1)


async def _post(
    conn: Connection, body: bytes, ctype: str, cookies: dict[str, str], tally: Tally
) -> str | None:
    t0 = time.perf_counter()
    try:
        resp = await conn.request(
            "POST",
            "/apply/",
            cookies=cookies,
            body=body,
            headers={
                "Content-Type": ctype,
                "Referer": f"http://{conn.host}:{conn.port}/apply/",
                "Origin": f"http://{conn.host}:{conn.port}",
            },
        )
    except (ConnectionError, asyncio.IncompleteReadError, OSError) as exc:
        tally.error(f"POST {type(exc).__name__}")
        return None
    tally.post_latencies.append(time.perf_counter() - t0)
    match = RECEIPT_RE.search(resp.headers.get("location", "")) if resp.status == 302 else None
    if not match:
        tally.error(f"POST {resp.status}" + (" (form redisplayed)" if resp.status == 200 else ""))
        return None
    return match.group(1)


async def submitter(
    host: str, port: int, stop_at: float, tally: Tally, rng: random.Random, dup_rate: float, race_rate: float
) -> None:
    conn, spare = Connection(host, port), Connection(host, port)
    agencies: list[bytes] = []
    try:
        while time.perf_counter() < stop_at:
            t0 = time.perf_counter()
            try:
                form = await _form(conn, tally, agencies)
            except (ConnectionError, asyncio.IncompleteReadError, OSError) as exc:
                tally.error(f"GET {type(exc).__name__}")
                continue
            if form is None:
                continue
            cookies, csrf, token_b = form
            token, marker = token_b.decode(), f"bench#{uuid.uuid4().hex[:16]}"
            fields = [
                ("csrfmiddlewaretoken", csrf.decode()),
                ("token", token),
                *application_fields(rng, rng.choice(agencies).decode(), marker),
            ]
            body, ctype = multipart(fields)
            tally.sent_tokens.add(token)
            tally.markers[token] = marker
            roll = rng.random()
            if roll < race_rate:  # the same form posted twice at once (two tabs, a double click)
                codes = await asyncio.gather(
                    _post(conn, body, ctype, cookies, tally), _post(spare, body, ctype, cookies, tally)
                )
                tally.duplicate_posts += 1
                got = [c for c in codes if c]
                if got:
                    tally.acked.setdefault(token, got[0])
                if len(got) == 2:
                    same = got[0] == got[1]
                    tally.duplicate_acks_same += same
                    tally.duplicate_acks_differ += not same
            else:
                code = await _post(conn, body, ctype, cookies, tally)
                if code is None:
                    continue
                tally.acked[token] = code
                if roll < race_rate + dup_rate:  # re-posted after the acknowledgement (reload, back + submit)
                    again = await _post(conn, body, ctype, cookies, tally)
                    tally.duplicate_posts += 1
                    if again is not None:
                        tally.duplicate_acks_same += again == code
                        tally.duplicate_acks_differ += again != code
            tally.flow_latencies.append(time.perf_counter() - t0)
    finally:
        conn.close()
        spare.close()


async def pager(host: str, port: int, stop_at: float, tally: Tally) -> None:
    conn = Connection(host, port)
    try:
        while time.perf_counter() < stop_at:
            t0 = time.perf_counter()
            try:
                page = await conn.request("GET", "/apply/", cookies={})
            except (ConnectionError, asyncio.IncompleteReadError, OSError) as exc:
                tally.error(f"GET {type(exc).__name__}")
                continue
            if page.status == 200:
                tally.pages += 1
                tally.get_latencies.append(time.perf_counter() - t0)
            else:
                tally.error(f"GET /apply/ {page.status}")
    finally:
        conn.close()


async def drive(
    kind: str,
    host: str,
    port: int,
    clients: int,
    duration: float,
    seed: int,
    dup_rate: float = 0.05,
    race_rate: float = 0.02,
) -> Tally:
    tally = Tally()
    tally.started = time.perf_counter()
    stop_at = tally.started + duration
    if kind == "pages":
        tasks = [pager(host, port, stop_at, tally) for _ in range(clients)]
    else:
        tasks = [
            submitter(host, port, stop_at, tally, random.Random(seed * 1000 + i), dup_rate, race_rate)
            for i in range(clients)
        ]
    await asyncio.gather(*tasks)
    tally.stopped = time.perf_counter()
    return tally


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered) + 0.5) - 1))] * 1000


# ── CPU accounting (the machine may be shared: CPU seconds per request do not depend on the others) ──

TICK = os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return 0.0
    fields = stat[stat.rfind(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / TICK  # utime + stime


def _children(pid: int) -> list[int]:
    """All descendants of ``pid`` (a server's workers, and theirs)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat[stat.rfind(")") + 2 :].split()[1]) == pid:
                found += [int(entry.name), *_children(int(entry.name))]
    return found


class CpuMeter:
    """CPU seconds used during a measurement by the server's processes, by this database's
    PostgreSQL backends (persistent connections; WAL writer and checkpointer are not counted) and by
    the load generator itself."""

    def __init__(self, server: subprocess.Popen):
        self.server = server

    def _backends(self) -> list[int]:
        with psycopg.connect(dbname="postgres", **PG) as conn:
            return [
                r[0] for r in conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", [DB_NAME])
            ]

    def _sample(self) -> dict[str, dict[int, float]]:
        server = [self.server.pid, *_children(self.server.pid)]
        return {
            "server": {p: _cpu_seconds(p) for p in server},
            "db": {p: _cpu_seconds(p) for p in self._backends()},
        }

    def __enter__(self) -> CpuMeter:
        self.before = self._sample()
        self.client_before = time.process_time()
        return self

    def __exit__(self, *exc) -> None:
        self.client = time.process_time() - self.client_before
        after = self._sample()
        self.used = {k: sum(v - self.before[k].get(p, 0.0) for p, v in after[k].items()) for k in after}
        self.used["client"] = self.client


# ── database and server ────────────────────────────────────────────────────────────────────────


def env_for(var_dir: Path, db_name: str = DB_NAME) -> dict[str, str]:
    return {
        **os.environ,
        "GONGKAI_DB": "postgres",
        "GONGKAI_PG_NAME": db_name,
        "GONGKAI_PG_HOST": PG["host"],
        "GONGKAI_PG_PORT": str(PG["port"]),
        "GONGKAI_PG_USER": PG["user"],
        "GONGKAI_DEBUG": "0",
        "GONGKAI_PG_CONN_MAX_AGE": "600",
        "GONGKAI_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "GONGKAI_SECRET_KEY": "bench-" + uuid.uuid4().hex * 2,
        "GONGKAI_VAR_DIR": str(var_dir),
        "DJANGO_SETTINGS_MODULE": "gongkai_web.settings",
        "PYTHONPATH": str(REPO),
    }


def create_database(env: dict[str, str], db_name: str = DB_NAME) -> None:
    assert db_name != "test"
    with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{db_name}"')
    subprocess.run([PY, "manage.py", "migrate", "--no-input", "-v", "0"], cwd=REPO, env=env, check=True)
    subprocess.run([PY, "manage.py", "load_demo"], cwd=REPO, env=env, check=True, stdout=subprocess.DEVNULL)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def server_command(server: str, port: int, workers: int, threads: int, log: Path) -> list[str]:
    """gunicorn's gthread worker (threads in Python) or granian's WSGI interface (HTTP in Rust,
    the application on ``threads`` blocking threads per worker)."""
    exe = str(Path(PY).with_name(server))
    if server == "granian":
        return [
            exe,
            "--interface",
            "wsgi",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--blocking-threads",
            str(threads),
            "--backlog",
            "2048",
            "--no-ws",
            "--log-level",
            "warning",
            "gongkai_web.wsgi:application",
        ]
    return [
        exe,
        "gongkai_web.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "gthread",
        "--threads",
        str(threads),
        "--keep-alive",
        "10",
        "--backlog",
        "2048",
        "--worker-tmp-dir",
        "/dev/shm" if Path("/dev/shm").is_dir() else tempfile.gettempdir(),
        "--error-logfile",
        str(log),
        "--log-level",
        "warning",
    ]


def start_server(
    env: dict[str, str], server: str, port: int, workers: int, threads: int, log: Path
) -> subprocess.Popen:
    with log.open("ab") as out:
        proc = subprocess.Popen(
            server_command(server, port, workers, threads, log),
            cwd=REPO,
            env=env,
            start_new_session=True,
            stdout=out,
            stderr=out,
        )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
                s.sendall(b"GET /apply/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                if s.recv(12).startswith(b"HTTP/1.1 200"):
                    return proc
        except OSError:
            pass
        if proc.poll() is not None:
            raise SystemExit(f"{server} exited with {proc.returncode}; see {log}")
        time.sleep(0.2)
    stop_server(proc)
    raise SystemExit(f"{server} did not answer within 30 s; see {log}")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def verify(tallies: list[Tally], db_name: str = DB_NAME) -> dict[str, int]:
    """Every acknowledged submission stored exactly once; nothing stored that was never sent."""
    acked: dict[str, str] = {}
    markers: dict[str, str] = {}
    sent: set[str] = set()
    for t in tallies:
        acked.update(t.acked)
        markers.update(t.markers)
        sent |= t.sent_tokens
    with psycopg.connect(dbname=db_name, **PG) as conn:
        rows = conn.execute("""
            SELECT a.submission_token, a.query_code, a.description, ag.online_receipt,
                   (SELECT count(*) FROM applications_applicationevent e WHERE e.application_id = a.id
                     AND e.kind = 'submitted'),
                   (SELECT count(*) FROM applications_letter l WHERE l.application_id = a.id AND l.kind = 'receipt'),
                   (SELECT count(*) FROM audit_auditentry x WHERE x.object_type = 'applications.application'
                     AND x.object_id = a.id::text AND x.action = 'applications.submitted')
            FROM applications_application a JOIN agencies_agency ag ON ag.id = a.agency_id
            WHERE a.submission_token IS NOT NULL""").fetchall()
    by_token: dict[str, list] = {}
    by_marker: dict[str, int] = {}
    for row in rows:
        by_token.setdefault(row[0], []).append(row)
        marker = row[2].split("：", 1)[0]
        by_marker[marker] = by_marker.get(marker, 0) + 1
    result = {
        "acknowledged": len(acked),
        "stored": len(rows),
        "missing": 0,
        "stored_twice": 0,
        "wrong_code": 0,
        "marker_twice": 0,
        "bad_children": 0,
        "never_sent": 0,
        "stored_unacknowledged": 0,
    }
    for token, code in acked.items():
        found = by_token.get(token, [])
        if not found:
            result["missing"] += 1
            continue
        result["stored_twice"] += len(found) > 1
        result["wrong_code"] += found[0][1] != code
        result["marker_twice"] += by_marker.get(markers[token], 0) != 1
        _, _, _, receipt_mode, submitted_events, receipts, audits = found[0]
        result["bad_children"] += (submitted_events, audits, receipts) != (
            1,
            1,
            int(receipt_mode == "automatic"),
        )
    result["never_sent"] = sum(token not in sent for token in by_token)
    result["stored_unacknowledged"] = sum(token in sent and token not in acked for token in by_token)
    return result


# ── the run ────────────────────────────────────────────────────────────────────────────────────


def _pg_version() -> str:
    with psycopg.connect(dbname="postgres", **PG) as conn:
        return conn.execute("SHOW server_version").fetchone()[0]


def parse_config(text: str) -> tuple[str, int, int]:
    server, _, shape = text.strip().lower().rpartition(":")
    if (server or "gunicorn") not in SERVERS:
        raise SystemExit(f"unknown server {server!r}: one of {', '.join(SERVERS)}")
    workers, threads = (int(n) for n in shape.split("x"))
    return server or "gunicorn", workers, threads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument(
        "--configs",
        default="gunicorn:2x4,granian:2x4",
        help="[server:]workers×threads, comma-separated; server gunicorn (default) or granian "
        "(default gunicorn:2x4,granian:2x4)",
    )
    parser.add_argument("--clients", type=int, default=16, help="concurrent clients (default 16)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per measurement (default 20)")
    parser.add_argument(
        "--warmup", type=float, default=3.0, help="seconds of intake before measuring (default 3)"
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="run the configurations this many times, interleaved; the verdict is then on each "
        "configuration's median (default 1)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep-db", action="store_true", help="leave the scratch database for inspection")
    args = parser.parse_args()
    configs = [parse_config(c) for c in args.configs.split(",")] * max(1, args.repeat)

    var_dir = Path(tempfile.mkdtemp(prefix="gongkai-bench-intake-"))
    env = env_for(var_dir)
    print(
        f"machine: {cpu_model()}; {os.cpu_count()} cores; Python {platform.python_version()}; "
        f"PostgreSQL {_pg_version()}; load average {os.getloadavg()[0]:.2f} at start"
    )
    create_database(env)
    print(
        f"database {DB_NAME} created, migrated, demo agencies loaded; {args.clients} clients, "
        f"{args.duration:g} s per measurement"
    )
    header = (
        f"{'server':<18}{'GET /apply/ /s':>15}{'submissions/s':>15}{'ratio':>8}"
        f"{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}{'flow p99':>10}{'errors':>8}"
    )
    lines, cpu_lines, tallies, verdicts = [], [], [], []
    runs: dict[str, list[tuple[float, float]]] = {}
    cores = os.cpu_count() or 1
    for i, (server, workers, threads) in enumerate(configs):
        port = free_port()
        name = f"{server} {workers}×{threads}"
        log = var_dir / f"{server}-{workers}x{threads}.log"
        proc = start_server(env, server, port, workers, threads, log)
        try:
            warm = asyncio.run(
                drive("submit", "127.0.0.1", port, args.clients, args.warmup, args.seed + 100 + i)
            )
            load_before = os.getloadavg()[0]
            with CpuMeter(proc) as page_cpu:
                pages = asyncio.run(drive("pages", "127.0.0.1", port, args.clients, args.duration, args.seed))
            with CpuMeter(proc) as load_cpu:
                load = asyncio.run(
                    drive("submit", "127.0.0.1", port, args.clients, args.duration, args.seed + i)
                )
            load_after = os.getloadavg()[0]
        finally:
            stop_server(proc)
        tallies += [warm, load]
        page_rate = pages.pages / (pages.stopped - pages.started)
        rate = len(load.acked) / (load.stopped - load.started)
        errors = sum(load.errors.values()) + sum(pages.errors.values())
        lat = load.post_latencies
        per_sub = {k: v / max(1, len(load.acked)) * 1000 for k, v in load_cpu.used.items()}
        per_page = {k: v / max(1, pages.pages) * 1000 for k, v in page_cpu.used.items()}
        cpu_sub, cpu_page = sum(per_sub.values()), sum(per_page.values())
        verdicts.append(
            f"{name}: {rate:,.0f}/s, p99 {pct(lat, 99):.0f} ms — "
            + ("met" if rate >= TARGET_RATE and pct(lat, 99) < TARGET_P99_MS else "NOT met")
        )
        runs.setdefault(name, []).append((rate, pct(lat, 99)))
        lines.append(
            f"{name:<18}{page_rate:>15,.0f}{rate:>15,.0f}{rate / page_rate:>8.2f}"
            f"{pct(lat, 50):>9.1f}{pct(lat, 95):>9.1f}{pct(lat, 99):>9.1f}{max(lat) * 1000:>9.1f}"
            f"{pct(load.flow_latencies, 99):>10.1f}{errors:>8}"
        )
        cpu_lines.append(
            f"{name:<18}{per_page['server']:>9.2f}{cpu_page:>9.2f}"
            f"{per_sub['server']:>9.2f}{per_sub['db']:>9.2f}{per_sub['client']:>9.2f}{cpu_sub:>9.2f}"
            f"{cores / cpu_page * 1000:>12,.0f}{cores / cpu_sub * 1000:>12,.0f}"
            f"{load_before:>8.1f}{load_after:>7.1f}"
        )
        print(
            f"  {name}: {rate:,.0f} submissions/s (baseline {page_rate:,.0f} pages/s), "
            f"POST p99 {pct(lat, 99):.1f} ms, {load.duplicate_posts} duplicate posts, errors {load.errors or 0}"
            f"{' ' + str(pages.errors) if pages.errors else ''}; CPU {cpu_sub:.1f} ms a submission"
        )
    print()
    print(header)
    print("\n".join(lines))
    print(
        "(latencies: POST /apply/ to its 302; 'flow p99' is GET form + POST per submission; ratio = "
        "submissions/s ÷ GET /apply/ pages/s in the same run)"
    )
    print()
    print(
        f"{'CPU ms per request':<18}{'page srv':>9}{'page all':>9}{'sub srv':>9}{'sub db':>9}{'sub cli':>9}"
        f"{'sub all':>9}{'pages/s cap':>12}{'subs/s cap':>12}{'load':>8}{'→':>7}"
    )
    print("\n".join(cpu_lines))
    print(
        f"(CPU per GET /apply/ page and per acknowledged submission: the server, this database's PostgreSQL "
        f"backends, the load generator; 'cap' = {cores} cores ÷ CPU per request, the rate the CPU alone allows "
        "on an otherwise idle machine; load = 1-minute load average before → after)"
    )
    dup_posts = sum(t.duplicate_posts for t in tallies)
    same = sum(t.duplicate_acks_same for t in tallies)
    differ = sum(t.duplicate_acks_differ for t in tallies)
    check = verify(tallies)
    print(
        f"\nduplicate posts (same token): {dup_posts}; acknowledged with the first's query code: {same}; "
        f"with another code: {differ}"
    )
    print("stored-exactly-once check: " + ", ".join(f"{k} {v}" for k, v in check.items()))
    bad = differ + sum(
        check[k]
        for k in ("missing", "stored_twice", "wrong_code", "marker_twice", "bad_children", "never_sent")
    )
    print(
        f"target (issue 4: at least {TARGET_RATE} submissions/s with POST p99 under {TARGET_P99_MS} ms): "
        + "; ".join(verdicts)
    )
    if args.repeat > 1:
        for name, measured in runs.items():
            rate, p99 = statistics.median(r for r, _ in measured), statistics.median(p for _, p in measured)
            print(
                f"median of {len(measured)} runs, {name}: {rate:,.0f}/s, p99 {p99:.0f} ms — "
                + ("met" if rate >= TARGET_RATE and p99 < TARGET_P99_MS else "NOT met")
                + f" (runs: {', '.join(f'{r:,.0f}' for r, _ in measured)})"
            )
    print(
        "RESULT: "
        + (
            "every acknowledged submission stored exactly once; no duplicates"
            if not bad
            else f"{bad} PROBLEMS"
        )
    )
    if not args.keep_db:
        with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
    if bad:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
