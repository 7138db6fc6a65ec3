"""Benchmark: the report engine on one core — validation, restoration + validation, and parsing the seed.

Run: ``.venv/bin/python bench/report_engine.py [--seconds 2] [--reports 400] [--seed 0]``.
Single process, single thread. Prints the machine, reports per second for each figure and how many times
longer one call takes than a plain-Python baseline on the same input, timed in the same run:

* ``validate()`` on the seed (``tests/fixtures/seed/000_b7048197b128a89d.txt``, read once and restored)
  and on random consistent reports (``gongkai.report.corpus.reports.random_report``, seeded); baseline:
  a loop summing the table-3 cells of each report (``sum`` over ``report.cells`` of its addresses);
* ``restore()`` + ``validate()`` on the seed as published (its two lost cells), on the complete seed (a
  no-op restoration) and on random reports with 1–3 lost cells of tables 3 and 4; same baseline;
* ``read_report()`` of the seed's bytes (decoding, reading, assembling); baseline: decoding the same
  bytes and ``str.splitlines`` of the text.

Each figure runs for ``--seconds`` (default 2 s, so the whole run takes under a minute) after a warm-up
pass, in ``--rounds`` rounds (default 5); the rate is the best round's calls over the time they took,
which keeps other work on a shared machine from dragging the figures down (the best round is the one
least disturbed).
"""

from __future__ import annotations

import argparse
import platform
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from machine import cpu_model  # bench/machine.py (bench/ is on sys.path when run as a script)

from gongkai.report.corpus.reports import random_report
from gongkai.report.model import AnnualReport
from gongkai.report.read import read_report
from gongkai.report.restore import restore
from gongkai.report.validate import has_errors, validate

SEED = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "seed" / "000_b7048197b128a89d.txt"


def _rate(fn: Callable[[Any], object], items: Sequence[Any], seconds: float, rounds: int) -> float:
    """Calls per second of ``fn`` over ``items``: the best of ``rounds`` rounds, each cycling through
    ``items`` (in chunks of at most 50) for ``seconds / rounds``, after one warm-up pass."""
    for item in items[:50]:
        fn(item)
    best = 0.0
    chunks = [items[i : i + 50] for i in range(0, len(items), 50)]
    for _ in range(rounds):
        calls = 0
        t0 = time.perf_counter()
        deadline = t0 + seconds / rounds
        while True:
            for chunk in chunks:
                for item in chunk:
                    fn(item)
                calls += len(chunk)
                now = time.perf_counter()
                if now >= deadline:
                    break
            if now >= deadline:
                break
        best = max(best, calls / (now - t0))
    return best


def _table_three_sum(report: AnnualReport) -> int:
    """The baseline: a plain-Python loop summing the table-3 cells of a report (missing cells skipped)."""
    cells = report.cells
    total = 0
    for address in report.addresses:
        if address.startswith("requests."):
            value = cells[address]
            if value is not None:
                total += value  # type: ignore[operator]
    return total


def _lose(rng: random.Random, report: AnnualReport) -> AnnualReport:
    candidates = [a for a in report.addresses if a.startswith(("requests.", "appeals."))]
    return report.with_cells(dict.fromkeys(rng.sample(candidates, rng.randint(1, 3))))


def _restore_validate(report: AnnualReport) -> object:
    return validate(restore(report).report)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--seconds", type=float, default=2.0, help="time per figure (default 2 s)")
    parser.add_argument("--reports", type=int, default=400, help="random reports in the batch (default 400)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the random reports (default 0)")
    parser.add_argument("--rounds", type=int, default=5, help="rounds per figure, the best kept (default 5)")
    args = parser.parse_args()
    seconds, rounds = args.seconds, max(1, args.rounds)

    def rate(fn: Callable[[Any], object], items: Sequence[Any]) -> float:
        return _rate(fn, items, seconds, rounds)

    data = SEED.read_bytes()
    published = read_report(data, name=SEED.name)
    restoration = restore(published)
    seed = restoration.report
    assert len(restoration.restored) == 2 and not has_errors(validate(seed)), (
        "the seed no longer reads cleanly"
    )

    rng = random.Random(args.seed)
    randoms = [random_report(rng) for _ in range(args.reports)]
    lost = [_lose(rng, r) for r in randoms]
    n_2019 = sum(r.format == "2019" for r in randoms)
    assert not any(has_errors(validate(r)) for r in randoms)

    print(
        f"machine: {cpu_model()}; Python {platform.python_version()} ({platform.python_implementation()}); one core"
    )
    print(
        f"random reports: {len(randoms)} (seed {args.seed}, {n_2019} in the 2019 format); "
        f"{seconds:g} s per figure, best of {rounds} rounds"
    )
    rows: list[tuple[str, float, float | None]] = []

    baseline_seed = rate(_table_three_sum, [seed])
    baseline_random = rate(_table_three_sum, randoms)
    rows.append(("baseline: sum the table-3 cells, seed", baseline_seed, None))
    rows.append(("baseline: sum the table-3 cells, random reports", baseline_random, None))

    value = rate(validate, [seed])
    rows.append(("validate, seed", value, baseline_seed / value))
    value = rate(validate, randoms)
    rows.append(("validate, random consistent reports", value, baseline_random / value))
    value = rate(_restore_validate, [seed])
    rows.append(("restore + validate, complete seed (no-op)", value, baseline_seed / value))
    value = rate(_restore_validate, [published])
    rows.append(("restore + validate, seed as published (2 lost)", value, baseline_seed / value))
    value = rate(_restore_validate, lost)
    rows.append(("restore + validate, random reports, 1-3 lost", value, baseline_random / value))

    text_baseline = rate(lambda b: b.decode("utf-8-sig").splitlines(), [data])
    rows.append(("baseline: decode + str.splitlines, seed text", text_baseline, None))
    value = rate(lambda b: read_report(b, name=SEED.name), [data])
    rows.append(("read_report, seed text (full parse)", value, text_baseline / value))

    print(f"{'computation':<52}{'reports/s':>12}{'time / baseline time':>23}")
    for name, value, ratio in rows:
        print(f"{name:<52}{value:>12,.0f}{'' if ratio is None else f'{ratio:.1f}x':>23}")


if __name__ == "__main__":
    main()
