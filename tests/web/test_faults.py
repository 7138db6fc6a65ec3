"""Faults under load (issue 11, item 8): the public form served by gunicorn over PostgreSQL while every
database connection is terminated, a worker is SIGKILLed and clients drop answers; every acknowledged
submission is stored exactly once, none twice, and every error a user saw was a rendered Chinese page
or a broken connection, followed by a retry of the same form.

A smaller run of ``bench/faults.py`` (which starts its own server and scratch database, named after
``GONGKAI_PG_NAME`` so that parallel runs do not share it); only in the PostgreSQL pass of ``bin/test``."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

import pytest

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        os.environ.get("GONGKAI_DB") != "postgres",
        reason="the fault test runs on PostgreSQL only (GONGKAI_DB=postgres)",
    ),
]

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _harness():
    if str(BENCH) not in sys.path:
        sys.path.insert(0, str(BENCH))  # faults.py imports intake_load and machine from beside it
    spec = importlib.util.spec_from_file_location("bench_faults", BENCH / "faults.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def test_faults_under_load_lose_and_double_nothing_and_every_error_is_a_rendered_page_then_a_retry():
    # One test, not several sharing a fixture: pytest-xdist could run each on another worker.
    f = _harness().run_faults(
        submissions=60,
        clients=8,
        rate=15,
        terminations=3,
        kills=1,
        drop=0.1,
        db_name=f"gongkai_faults_{os.environ.get('GONGKAI_PG_NAME', 'test')}",
        seed=11,
    )
    summary = {k: v for k, v in f.items() if k not in ("faults", "log")}

    # The faults happened, and users met them: otherwise this proves nothing.
    assert f["terminations"] == 3 and f["backends_terminated"] >= 1, summary
    assert f["kills"] == 1 and f["restarts"], summary  # gunicorn started another worker
    assert f["answers_dropped"] >= 1, summary
    assert f["errors_seen"] >= 1 and f["post_retries"] >= 1 and f["acknowledged_after_retry"] >= 1, summary
    # A client that did not get its answer posted the same form again and was given the same application,
    # with its receipt and a new query password (never "page not found").
    assert f["repeat_acknowledgements"] >= 1, summary
    assert set(f["receipts"]) == {"receipt with password"}, summary

    # Every acknowledged submission stored once, with the query code the user was shown; nothing else.
    assert f["attempted"] == 60 - f["forms_given_up"], summary
    assert f["acknowledged"] == f["stored_and_acknowledged"], summary
    assert f["lost"] == 0 and f["duplicates"] == 0 and f["wrong_code"] == 0, summary
    assert f["bad_children"] == 0 and f["never_sent"] == 0, summary
    assert f["stored"] == f["acknowledged"] + f["stored_unacknowledged"], summary
    assert f["stored_unacknowledged"] <= f["gave_up"], summary

    # Every error was a rendered Chinese page or a connection failure; nothing else came back.
    assert f["unrendered"] == 0 and f["unexpected"] == 0, summary
    assert set(f["errors"]) <= {
        "500 page",
        "503 page",
        "connection reset",
        "connection closed, no answer",
        "timeout",
    }, summary
    assert f["problems"] == [], summary
