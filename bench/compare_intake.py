"""Benchmark: CPU per public submission (GET /apply/ + multipart POST /apply/) of this checkout against
an earlier revision, in one run.

    .venv/bin/python bench/compare_intake.py --base b2624d8 [--submissions 300] [--rounds 4]

The load test (``bench/intake_load.py``) needs a quiet machine to say anything about CPU; this one
does not: each revision runs in its own process (the packages cannot share one) on its own scratch
SQLite database, calling Django's WSGI handler directly — no server, no sockets — and the process's
CPU time is measured (``time.process_time``) over the submissions only, after a warm-up. Rounds
alternate which revision goes first; the best round per revision is kept and the ratio new/old
printed. The earlier revision is checked out once as a git worktree under /tmp."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from machine import cpu_model  # bench/machine.py (bench/ is on sys.path when run as a script)

ROOT = Path(__file__).resolve().parents[1]
PY = sys.executable

_TIMER = r"""
import io, json, os, random, re, sys, time, uuid
import django
django.setup()
from django.core.management import call_command
from django.core.handlers.wsgi import WSGIHandler
call_command("migrate", verbosity=0)
call_command("load_demo", stdout=io.StringIO())
sys.path.insert(0, os.environ["BENCH_DIR"])
from intake_load import application_fields, multipart
from gongkai_web.agencies.models import Agency

handler = WSGIHandler()
agencies = [str(pk) for pk in Agency.objects.filter(accepts_applications=True).values_list("pk", flat=True)]
rng = random.Random(7)
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN = re.compile(rb'name="token" value="([^"]+)"')

def call(method, body=b"", ctype="", cookie=""):
    environ = {"REQUEST_METHOD": method, "PATH_INFO": "/apply/", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "80",
               "wsgi.input": io.BytesIO(body), "wsgi.url_scheme": "http", "CONTENT_LENGTH": str(len(body)),
               "CONTENT_TYPE": ctype, "HTTP_COOKIE": cookie, "HTTP_HOST": "127.0.0.1", "REMOTE_ADDR": f"10.0.{rng.randrange(250)}.{rng.randrange(250)}"}
    status = {}
    chunks = handler(environ, lambda s, headers: status.update(code=s, headers=headers))
    content = b"".join(chunks)
    return status["code"], dict(status["headers"]) , [v for k, v in status["headers"] if k == "Set-Cookie"], content

def submit():
    code, headers, cookies, page = call("GET")
    csrf = [c.strip().split(";")[0] for c in cookies if c.strip().startswith("csrftoken=")]
    fields = [("csrfmiddlewaretoken", CSRF.search(page).group(1).decode()), ("token", TOKEN.search(page).group(1).decode()),
              *application_fields(rng, rng.choice(agencies), "bench#" + uuid.uuid4().hex[:12])]
    body, ctype = multipart(fields)
    code, headers, _, _content = call("POST", body, ctype, "; ".join(csrf))
    assert code.startswith("302"), (code, _content[:3000])

n = int(sys.argv[1])
for _ in range(20):
    submit()
started = time.process_time()
for _ in range(n):
    submit()
print(json.dumps({"cpu_ms": (time.process_time() - started) * 1000 / n}))
"""


def run(repo: Path, submissions: int) -> float:
    with tempfile.TemporaryDirectory() as var:
        env = {
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "gongkai_web.settings",
            "PYTHONPATH": str(repo),
            "GONGKAI_DEBUG": "0",
            "GONGKAI_SECRET_KEY": "bench-" + uuid.uuid4().hex * 2,
            "GONGKAI_DIGEST_KEY": "bench-" + uuid.uuid4().hex * 2,
            "GONGKAI_ALLOWED_HOSTS": "127.0.0.1",
            "GONGKAI_VAR_DIR": var,
            "GONGKAI_SQLITE_PATH": str(Path(var) / "bench.sqlite3"),
            "BENCH_DIR": str(ROOT / "bench"),
        }
        done = subprocess.run(
            [PY, "-c", _TIMER, str(submissions)],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            sys.exit(f"{repo}: {done.stderr[-2000:]}")
        return json.loads(done.stdout.strip().splitlines()[-1])["cpu_ms"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True, help="the earlier revision (a git commit)")
    parser.add_argument("--submissions", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    base = Path(tempfile.gettempdir()) / f"gongkai-intake-{args.base}"
    if not base.exists():
        subprocess.run(
            ["git", "worktree", "add", "-q", "--detach", str(base), args.base], cwd=ROOT, check=True
        )
    print(f"machine: {cpu_model()}; this checkout vs {args.base}; {args.submissions} submissions a round")
    best = {"old": float("inf"), "new": float("inf")}
    for i in range(args.rounds):
        order = [("old", base), ("new", ROOT)] if i % 2 == 0 else [("new", ROOT), ("old", base)]
        for name, repo in order:
            ms = run(repo, args.submissions)
            best[name] = min(best[name], ms)
            print(f"round {i + 1}: {name} {ms:.2f} ms CPU a submission")
    print(
        f"best: old {best['old']:.2f} ms, new {best['new']:.2f} ms; new/old {best['new'] / best['old']:.2f}"
    )


if __name__ == "__main__":
    main()
