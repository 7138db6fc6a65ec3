"""Fault test: the public form under bounded load on PostgreSQL while database connections are
terminated and a server worker is killed (issue 11, item 8).

Run: ``.venv/bin/python bench/faults.py`` (PostgreSQL at 127.0.0.1:5432, trust auth, as for the tests;
``--help`` for the knobs). It reuses ``bench/intake_load.py``'s harness: a scratch database of its own
(``--db``, default ``gongkai_faults``: dropped, created, migrated, ``load_demo``), gunicorn's gthread
worker serving ``gongkai_web.wsgi`` with DEBUG off and persistent database connections (as the README's
production command), the multipart form a browser posts and its CSRF handling.

``--clients`` concurrent clients (asyncio, HTTP/1.1 keep-alive) share ``--submissions`` submissions,
started at ``--rate`` a second overall (bounded load: the run lasts about submissions ÷ rate). Each is
a new visitor: ``GET /apply/?agency=<id>`` for the CSRF cookie and token and the form's one-time
``token``, then ``POST /apply/``. Acknowledged = 302 to ``/receipt/<query code>/``. Anything else —
a connection reset or closed without an answer, a timeout, a 5xx page — is what a user would see; the
client checks that a 5xx answer is a rendered Chinese page (not a traceback, not an empty body) and
posts the SAME form (same token) again, as a user pressing back and 提交 again does, up to
``--attempts`` times. A failed form page is fetched again the same way. After the 302 it opens the
receipt page in the same browser (cookies kept) and records what it showed.

While it runs, at fixed points of its progress, it terminates every PostgreSQL backend of the
database (``pg_terminate_backend``: the workers' idle persistent connections and any statement in
flight) ``--terminations`` times and SIGKILLs a gunicorn worker ``--kills`` times (gunicorn starts
another); and for ``--drop`` of the submissions the client sends the first POST and closes the
connection without reading the answer (a client timing out, a phone losing its network), then posts
the same form again: the application may already be stored, and the repeat must return it, not store
another, with a receipt and a new query password (the first answer never arrived; the server records
each such re-issue in the audit trail, which is how repeats are counted). At the end it reads the database: every acknowledged submission stored exactly once with
the query code the client was shown (and its ``submitted`` event, audit entry and 接收回执), no token
or submission stored twice, nothing stored that no client sent, and an application stored without an
acknowledgement only where its client gave up. It prints the figures (docs/benchmarks.md, "Faults
under load") and exits non-zero on any lost or doubled application, an unrendered error page or an
unexpected answer. ``tests/web/test_faults.py`` runs a smaller version in the PostgreSQL test pass.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import random
import re
import signal
import sys
import tempfile
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from intake_load import (
    CSRF_RE,
    PG,
    RECEIPT_RE,
    TOKEN_RE,
    Connection,
    Response,
    _children,
    application_fields,
    create_database,
    env_for,
    free_port,
    multipart,
    start_server,
    stop_server,
    verify,
)
from machine import cpu_model

DB_NAME = "gongkai_faults"
TRACKING_COOKIE = "gongkai_tracked"  # applications/tracking.py: set with the password on the first 302
PASSWORD_LABEL = "查询密码"
CJK = re.compile(r"[\u4e00-\u9fff]")
HEADING = re.compile(r"<h1>([^<]*)</h1>")
#: What a page must not show: Django's English defaults, a debug page, a traceback.
NOT_RENDERED = (
    "Traceback",
    "Server Error (500)",
    "Internal Server Error",
    "Exception Value",
    "OperationalError",
)


class OneShot(Connection):
    """intake_load's keep-alive connection, but a request is sent once: a connection that fails is
    the user's error (counted, then retried by the client with the same form), not resent quietly."""

    async def send(
        self,
        method: str,
        path: str,
        *,
        cookies: dict[str, str],
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        timeout: float,
    ) -> Response:
        try:
            if self.writer is None:
                await asyncio.wait_for(self._open(), timeout)
            return await asyncio.wait_for(self._exchange(method, path, cookies, body, headers or {}), timeout)
        except BaseException:
            self.close()
            raise

    async def send_and_drop(
        self,
        method: str,
        path: str,
        *,
        cookies: dict[str, str],
        body: bytes,
        headers: dict[str, str],
        timeout: float,
    ) -> Response | None:
        """Send the request and close the connection without waiting for the answer (a client timing
        out, a phone losing its network): None, or the answer if it came within a few milliseconds."""
        try:
            if self.writer is None:
                await asyncio.wait_for(self._open(), timeout)
            return await asyncio.wait_for(self._exchange(method, path, cookies, body, headers), 0.005)
        except TimeoutError:
            return None
        finally:
            self.close()


def connection_kind(exc: BaseException) -> str:
    if isinstance(exc, TimeoutError):
        return "timeout"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, ConnectionResetError | BrokenPipeError):
        return "connection reset"
    if isinstance(exc, asyncio.IncompleteReadError):
        return "connection closed, no answer"
    return f"connection {type(exc).__name__}"


def page_kind(resp: Response) -> tuple[str, bool]:
    """The kind of a failed answer and whether it is a rendered Chinese page."""
    text = resp.body.decode("utf-8", "replace")
    heading = HEADING.search(text)
    rendered = bool(
        heading
        and CJK.search(heading.group(1))
        and "</html>" in text
        and not any(s in text for s in NOT_RENDERED)
    )
    if resp.status >= 500:
        return f"{resp.status} page" + ("" if rendered else " NOT RENDERED"), rendered
    return f"unexpected {resp.status}", rendered


@dataclass
class Run:
    total: int
    started: float = 0.0
    stopped: float = 0.0
    markers: dict[str, str] = field(default_factory=dict)  # token -> marker in the description
    sent_tokens: set[str] = field(default_factory=set)  # posted at least once
    acked: dict[str, str] = field(default_factory=dict)  # token -> query code of the 302
    acked_after_retry: int = 0
    gave_up: set[str] = field(default_factory=set)  # posted, every attempt failed
    dropped: int = 0  # answers not awaited (injected)
    receipts: Counter = field(default_factory=Counter)  # what the receipt page showed after a 302
    forms_given_up: int = 0  # no blank form after every attempt
    errors: Counter = field(default_factory=Counter)  # kind -> times seen (GET and POST)
    post_errors: Counter = field(default_factory=Counter)
    unrendered: list[str] = field(default_factory=list)  # samples of bad error pages
    unexpected: list[str] = field(default_factory=list)  # answers neither 302 nor a 5xx page
    post_retries: int = 0
    get_retries: int = 0
    next_slot: int = 0
    done: int = 0
    faults: list[str] = field(default_factory=list)
    terminations: int = 0
    backends_terminated: int = 0
    backends_active: int = 0
    kills: int = 0
    restarts: list[float] = field(default_factory=list)

    def bad_answer(self, kind: str, resp: Response) -> None:
        sample = f"{kind}: {resp.body[:300].decode('utf-8', 'replace')!r}"
        (self.unrendered if resp.status >= 500 else self.unexpected).append(sample)


@dataclass
class Config:
    host: str
    port: int
    agencies: list[int]
    clients: int
    rate: float
    attempts: int
    timeout: float
    seed: int
    drop: float


async def _fetch_form(
    conn: OneShot, run: Run, cfg: Config, agency: int
) -> tuple[dict[str, str], str, str] | None:
    for attempt in range(1, cfg.attempts + 1):
        if attempt > 1:
            run.get_retries += 1
            await asyncio.sleep(0.1 * attempt)
        try:
            page = await conn.send("GET", f"/apply/?agency={agency}", cookies={}, timeout=cfg.timeout)
        except (OSError, EOFError) as exc:
            run.errors[connection_kind(exc)] += 1
            continue
        csrf, token = CSRF_RE.search(page.body), TOKEN_RE.search(page.body)
        if page.status == 200 and csrf and token and "csrftoken" in page.cookies:
            return dict(page.cookies), csrf.group(1).decode(), token.group(1).decode()
        kind, rendered = page_kind(page)
        run.errors[kind] += 1
        if page.status < 500 or not rendered:
            run.bad_answer(f"GET {kind}", page)
            return None
    return None


async def _post(
    conn: OneShot, run: Run, cfg: Config, body: bytes, ctype: str, cookies: dict[str, str], drop: bool
) -> tuple[str | None, bool]:
    """(query code, may retry); the answer's cookies go into ``cookies``, as a browser keeps them."""
    origin = f"http://{cfg.host}:{cfg.port}"
    headers = {"Content-Type": ctype, "Referer": origin + "/apply/", "Origin": origin}
    try:
        if drop:
            resp = await conn.send_and_drop(
                "POST", "/apply/", cookies=cookies, body=body, headers=headers, timeout=cfg.timeout
            )
            if resp is None:
                run.dropped += 1
                return None, True
        else:
            resp = await conn.send(
                "POST", "/apply/", cookies=cookies, body=body, timeout=cfg.timeout, headers=headers
            )
    except (OSError, EOFError) as exc:
        kind = connection_kind(exc)
        run.errors[kind] += 1
        run.post_errors[kind] += 1
        return None, True
    match = RECEIPT_RE.search(resp.headers.get("location", "")) if resp.status == 302 else None
    if match:
        cookies.update(resp.cookies)
        return match.group(1), False
    kind, rendered = page_kind(resp)
    run.errors[kind] += 1
    run.post_errors[kind] += 1
    if resp.status < 500 or not rendered:
        run.bad_answer(f"POST {kind}", resp)
        return None, resp.status >= 500  # an unrendered 5xx is still retried, as a user would
    return None, True


async def _receipt(conn: OneShot, run: Run, cfg: Config, code: str, cookies: dict[str, str]) -> None:
    """The page the 302 leads to, in the same browser: the receipt with the query code (and, for the
    submission that stored the application, its query password), or what else the user saw."""
    for attempt in range(1, cfg.attempts + 1):
        if attempt > 1:
            run.get_retries += 1
            await asyncio.sleep(0.1 * attempt)
        try:
            page = await conn.send("GET", f"/receipt/{code}/", cookies=cookies, timeout=cfg.timeout)
        except (OSError, EOFError) as exc:
            run.errors[connection_kind(exc)] += 1
            continue
        text = page.body.decode("utf-8", "replace")
        if page.status == 200 and code in text:
            run.receipts[
                "receipt with password" if PASSWORD_LABEL in text else "receipt without password"
            ] += 1
            return
        kind, rendered = page_kind(page)
        if page.status >= 500:
            run.errors[kind] += 1
            if rendered:
                continue
        heading = HEADING.search(text)
        run.receipts[f"{page.status} {heading.group(1) if heading else '(no heading)'}"] += 1
        if not rendered:
            run.bad_answer(f"GET receipt {page.status}", page)
        return
    run.receipts["not reached"] += 1


async def client(i: int, run: Run, cfg: Config) -> None:
    rng = random.Random(cfg.seed * 1000 + i)
    conn = OneShot(cfg.host, cfg.port)
    try:
        while run.next_slot < run.total:
            slot = run.next_slot
            run.next_slot += 1
            await asyncio.sleep(max(0.0, run.started + slot / cfg.rate - time.perf_counter()))
            agency = rng.choice(cfg.agencies)
            try:
                form = await _fetch_form(conn, run, cfg, agency)
                if form is None:
                    run.forms_given_up += 1
                    continue
                cookies, csrf, token = form
                marker = f"fault#{uuid.uuid4().hex[:16]}"
                body, ctype = multipart(
                    [
                        ("csrfmiddlewaretoken", csrf),
                        ("token", token),
                        *application_fields(rng, str(agency), marker),
                    ]
                )
                run.sent_tokens.add(token)
                run.markers[token] = marker
                for attempt in range(1, cfg.attempts + 1):
                    if attempt > 1:
                        run.post_retries += 1
                        await asyncio.sleep(0.1 * attempt)
                    code, again = await _post(
                        conn,
                        run,
                        cfg,
                        body,
                        ctype,
                        cookies,
                        drop=attempt == 1 and int((slot + 1) * cfg.drop) > int(slot * cfg.drop),
                    )
                    if code:
                        run.acked[token] = code
                        run.acked_after_retry += attempt > 1
                        await _receipt(conn, run, cfg, code, cookies)
                        break
                    if not again:
                        run.gave_up.add(token)
                        break
                else:
                    run.gave_up.add(token)
            finally:
                run.done += 1
    finally:
        conn.close()


# ── the faults ─────────────────────────────────────────────────────────────────────────────────


def terminate_backends(run: Run, db_name: str) -> None:
    with psycopg.connect(dbname=db_name, autocommit=True, **PG) as conn:
        rows = conn.execute(
            "SELECT state, pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchall()
    killed = [state for state, ok in rows if ok]
    active = sum(state == "active" for state in killed)
    run.terminations += 1
    run.backends_terminated += len(killed)
    run.backends_active += active
    run.faults.append(
        f"{time.perf_counter() - run.started:5.1f} s, {run.done}/{run.total} done: "
        f"terminated {len(killed)} backends ({active} active)"
    )


def kill_worker(run: Run, server: int, rng: random.Random) -> None:
    """SIGKILL one worker, then wait (in its own thread, the next faults go on) for the replacement."""
    before = set(_children(server))
    if not before:
        run.faults.append("no worker to kill")
        return
    victim = rng.choice(sorted(before))
    os.kill(victim, signal.SIGKILL)
    run.kills += 1
    t0 = time.perf_counter()
    run.faults.append(f"{t0 - run.started:5.1f} s, {run.done}/{run.total} done: SIGKILL worker {victim}")
    deadline = t0 + 30
    while time.perf_counter() < deadline:  # gunicorn's arbiter forks a replacement
        if set(_children(server)) - before:
            run.restarts.append(time.perf_counter() - t0)
            return
        time.sleep(0.02)


async def injector(run: Run, server: int, db_name: str, terminations: int, kills: int, seed: int) -> None:
    """Faults at fixed points of the run's progress (so they land in the load on any machine):
    terminations spread over 15–80 % of the submissions, the kills between them."""
    plan = [(0.15 + 0.65 * k / max(1, terminations - 1), "terminate") for k in range(terminations)]
    plan += [(0.25 + 0.5 * (k + 0.5) / kills, "kill") for k in range(kills)]
    rng = random.Random(seed)
    restarts = []
    for fraction, what in sorted(plan):
        while run.done < fraction * run.total and run.done < run.total:
            await asyncio.sleep(0.01)
        if run.done >= run.total:
            break
        if what == "terminate":
            await asyncio.to_thread(terminate_backends, run, db_name)
        else:
            restarts.append(asyncio.create_task(asyncio.to_thread(kill_worker, run, server, rng)))
    await asyncio.gather(*restarts)


async def drive(run: Run, cfg: Config, server: int, db_name: str, terminations: int, kills: int) -> None:
    run.started = time.perf_counter()
    faults = asyncio.create_task(injector(run, server, db_name, terminations, kills, cfg.seed))
    await asyncio.gather(*(client(i, run, cfg) for i in range(cfg.clients)))
    run.stopped = time.perf_counter()
    await faults


# ── checks and figures ─────────────────────────────────────────────────────────────────────────

EXC_RE = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception)): (.{0,70})", re.M)


def server_exceptions(log: Path) -> Counter:
    """The exceptions in the server's error log (Django logs each 500's traceback there)."""
    found: Counter = Counter()
    text = log.read_text(errors="replace") if log.exists() else ""
    for name, message in EXC_RE.findall(text):
        found[f"{name.rsplit('.', 1)[-1]}: {message.strip()}"] += 1
    found["(worker killed, reported by gunicorn)"] = text.count("was sent SIGKILL")
    return +found


def check(run: Run, db_name: str) -> dict:
    result = verify([run], db_name)  # intake_load: stored once, with the acknowledged code and its rows
    with psycopg.connect(dbname=db_name, **PG) as conn:
        rows = conn.execute(
            "SELECT submission_token, query_code, split_part(description, '：', 1) FROM "
            "applications_application WHERE submission_token IS NOT NULL"
        ).fetchall()
        repeats = conn.execute(
            "SELECT count(*) FROM audit_auditentry WHERE action = 'applications.query_password_reissued'"
        ).fetchone()[0]
    tokens = Counter(t for t, _, _ in rows)
    codes = {t: c for t, c, _ in rows}
    markers = Counter(m for _, _, m in rows)
    unacked = {t for t in tokens if t not in run.acked and t in run.sent_tokens}
    result.update(
        {
            "repeats": repeats,
            "stored_and_acknowledged": sum(
                tokens.get(t) == 1 and codes[t] == code for t, code in run.acked.items()
            ),
            "duplicates": sum(n - 1 for n in tokens.values() if n > 1)
            + sum(n - 1 for n in markers.values() if n > 1),
            "unacknowledged_not_given_up": len(unacked - run.gave_up),
        }
    )
    return result


def problems(run: Run, result: dict) -> list[str]:
    found = []
    if result["stored_and_acknowledged"] != len(run.acked):
        found.append(
            f"acknowledged {len(run.acked)} but stored with that code {result['stored_and_acknowledged']}"
        )
    for key in (
        "missing",
        "duplicates",
        "stored_twice",
        "marker_twice",
        "wrong_code",
        "bad_children",
        "never_sent",
        "unacknowledged_not_given_up",
    ):
        if result[key]:
            found.append(f"{key.replace('_', ' ')}: {result[key]}")
    if run.unrendered:
        found.append(f"{len(run.unrendered)} error pages not rendered, e.g. {run.unrendered[0]}")
    if run.unexpected:
        found.append(f"{len(run.unexpected)} unexpected answers, e.g. {run.unexpected[0]}")
    return found


def machine() -> dict[str, str]:
    mem = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "0",
    )
    with psycopg.connect(dbname="postgres", **PG) as conn:
        pg = conn.execute("SHOW server_version").fetchone()[0]
    import gunicorn

    return {
        "cpu": f"{cpu_model()}, {os.cpu_count()} cores",
        "memory": f"{int(mem) / 1024**2:.1f} GiB",
        "python": platform.python_version(),
        "postgresql": pg,
        "gunicorn": gunicorn.__version__,
    }


def run_faults(
    *,
    submissions: int = 300,
    clients: int = 8,
    rate: float = 30.0,
    terminations: int = 4,
    kills: int = 1,
    drop: float = 0.05,
    workers: int = 2,
    threads: int = 4,
    attempts: int = 8,
    timeout: float = 15.0,
    health_checks: bool = False,
    db_name: str = DB_NAME,
    seed: int = 0,
    keep_db: bool = False,
) -> dict:
    """One fault run; returns the figures (``problems`` empty when everything held)."""
    assert db_name not in {"test", "postgres"} and not db_name.startswith("test_")
    var_dir = Path(tempfile.mkdtemp(prefix="gongkai-faults-"))
    env = {**env_for(var_dir, db_name), "GONGKAI_PG_CONN_HEALTH_CHECKS": "1" if health_checks else "0"}
    load_before = os.getloadavg()[0]
    t0 = time.perf_counter()
    create_database(env, db_name)
    setup = time.perf_counter() - t0
    with psycopg.connect(dbname=db_name, **PG) as conn:
        agencies = [
            r[0]
            for r in conn.execute(
                "SELECT id FROM agencies_agency WHERE accepts_applications ORDER BY id"
            ).fetchall()
        ]
    port, log = free_port(), var_dir / "gunicorn.log"
    run = Run(total=submissions)
    cfg = Config("127.0.0.1", port, agencies, clients, rate, attempts, timeout, seed, drop)
    proc = start_server(env, "gunicorn", port, workers, threads, log)
    try:
        asyncio.run(drive(run, cfg, proc.pid, db_name, terminations, kills))
    finally:
        stop_server(proc)
    try:
        result = check(run, db_name)
    finally:
        if not keep_db:
            with psycopg.connect(dbname="postgres", autocommit=True, **PG) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{db_name}" WITH (FORCE)')
    figures = {
        "server": f"gunicorn gthread {workers}×{threads}, CONN_MAX_AGE 600, health checks "
        + ("on" if health_checks else "off"),
        "clients": clients,
        "rate": rate,
        "setup_seconds": setup,
        "load_average": (load_before, os.getloadavg()[0]),
        "seconds": run.stopped - run.started,
        "attempted": len(run.sent_tokens),
        "forms_given_up": run.forms_given_up,
        "acknowledged": len(run.acked),
        "acknowledged_after_retry": run.acked_after_retry,
        "repeat_acknowledgements": result["repeats"],
        "receipts": dict(run.receipts),
        "answers_dropped": run.dropped,
        "stored": result["stored"],
        "stored_and_acknowledged": result["stored_and_acknowledged"],
        "duplicates": result["duplicates"],
        "lost": result["missing"],
        "wrong_code": result["wrong_code"],
        "bad_children": result["bad_children"],
        "never_sent": result["never_sent"],
        "stored_unacknowledged": result["stored_unacknowledged"],
        "gave_up": len(run.gave_up),
        "post_retries": run.post_retries,
        "get_retries": run.get_retries,
        "errors_without_retry": len(run.gave_up) + run.forms_given_up + run.receipts["not reached"],
        "errors": dict(run.errors),
        "post_errors": dict(run.post_errors),
        "errors_seen": sum(run.errors.values()),
        "unrendered": len(run.unrendered),
        "unexpected": len(run.unexpected),
        "terminations": run.terminations,
        "backends_terminated": run.backends_terminated,
        "backends_active": run.backends_active,
        "kills": run.kills,
        "restarts": run.restarts,
        "faults": run.faults,
        "server_exceptions": dict(server_exceptions(log)),
        "log": str(log),
        "problems": problems(run, result),
    }
    return figures


def print_figures(f: dict, info: dict[str, str]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(width=None if sys.stdout.isatty() else 120)
    console.print(
        f"machine: {info['cpu']}; {info['memory']}; Python {info['python']}; PostgreSQL "
        f"{info['postgresql']}; gunicorn {info['gunicorn']}"
    )
    console.print(
        f"{f['server']}; {f['clients']} clients, {f['rate']:g} submissions/s offered; "
        f"database set up in {f['setup_seconds']:.1f} s, load ran {f['seconds']:.1f} s; "
        f"load average {f['load_average'][0]:.1f} → {f['load_average'][1]:.1f}"
    )
    for line in f["faults"]:
        console.print(f"  fault at {line}")
    table = Table(title="Faults under load")
    table.add_column("figure")
    table.add_column("count", justify="right")
    rows = [
        ("submissions attempted (form posted)", f["attempted"]),
        ("  client gave up before posting (no form)", f["forms_given_up"]),
        ("acknowledged (302 to the receipt)", f["acknowledged"]),
        ("  of which after a retry", f["acknowledged_after_retry"]),
        ("  of which as a repeat (already stored: a new password issued)", f["repeat_acknowledgements"]),
        *((f"  then the receipt page: {kind}", n) for kind, n in sorted(f["receipts"].items())),
        ("stored", f["stored"]),
        ("acknowledged and stored once with that query code", f["stored_and_acknowledged"]),
        ("duplicates (token or submission stored twice)", f["duplicates"]),
        ("lost (acknowledged, not stored)", f["lost"]),
        ("stored but unacknowledged (client gave up)", f["stored_unacknowledged"]),
        ("client gave up after posting", f["gave_up"]),
        ("retries: same form posted again", f["post_retries"]),
        ("retries: blank form fetched again", f["get_retries"]),
        *((f"error seen: {kind}", n) for kind, n in sorted(f["errors"].items())),
        ("errors not followed by a retry (client gave up)", f["errors_without_retry"]),
        ("error pages not rendered", f["unrendered"]),
        ("unexpected answers", f["unexpected"]),
        (
            "faults: connections terminated (times / backends / active)",
            f"{f['terminations']} / {f['backends_terminated']} / {f['backends_active']}",
        ),
        ("faults: answers not awaited by the client (first post)", f["answers_dropped"]),
        (
            "faults: workers killed (restarted within)",
            f"{f['kills']} ({', '.join(f'{s:.1f} s' for s in f['restarts']) or '—'})",
        ),
    ]
    for name, value in rows:
        table.add_row(name, f"{value:,}" if isinstance(value, int) else str(value))
    console.print(table)
    if f["server_exceptions"]:
        console.print("server log: " + "; ".join(f"{n}× {k}" for k, n in f["server_exceptions"].items()))
    console.print(
        "RESULT: "
        + (
            "acknowledged = stored, no duplicates, nothing lost, every error page rendered"
            if not f["problems"]
            else "PROBLEMS: " + "; ".join(f["problems"])
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--submissions", type=int, default=300, help="total submissions (default 300)")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients (default 8)")
    parser.add_argument("--rate", type=float, default=30.0, help="submissions started a second (default 30)")
    parser.add_argument(
        "--terminations", type=int, default=4, help="times every backend is terminated (default 4)"
    )
    parser.add_argument("--kills", type=int, default=1, help="gunicorn workers SIGKILLed (default 1)")
    parser.add_argument(
        "--drop",
        type=float,
        default=0.05,
        help="share of submissions whose first answer the client does not wait for (default 0.05)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--attempts", type=int, default=8, help="posts of one form before a client gives up")
    parser.add_argument("--health-checks", action="store_true", help="GONGKAI_PG_CONN_HEALTH_CHECKS=1")
    parser.add_argument("--db", default=DB_NAME, help=f"scratch database (default {DB_NAME})")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--keep-db", action="store_true", help="leave the scratch database for inspection")
    args = parser.parse_args()
    info = machine()
    figures = run_faults(
        submissions=args.submissions,
        clients=args.clients,
        rate=args.rate,
        terminations=args.terminations,
        kills=args.kills,
        drop=args.drop,
        workers=args.workers,
        threads=args.threads,
        attempts=args.attempts,
        health_checks=args.health_checks,
        db_name=args.db,
        seed=args.seed,
        keep_db=args.keep_db,
    )
    print_figures(figures, info)
    if figures["problems"]:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
