"""Benchmark: reply deadlines per second, fast calendar vs the day-by-day loop (legal-rules §4.4).

Run: ``.venv/bin/python bench/clock.py``. Single process, single thread. Prints the machine, the
rates and the ratios measured in this same run. The replays (``compute_deadline``) record their
explanation trail but only format it when read (one row measures that cost too); the busy
replay is 补正 on day 3, the corrected application on day 10, a consultation from day 12 to
day 20 and a 20-working-day extension on day 30, against the §4.4 loop for the same deadline.
"""

from __future__ import annotations

import datetime as dt
import platform
import random
import time

from machine import cpu_model  # bench/machine.py (bench/ is on sys.path when run as a script)

from gongkai.deadlines import (
    ConsultationAnswered,
    ConsultationStarted,
    CorrectionReceived,
    CorrectionRequested,
    Extension,
    compute_deadline,
)
from gongkai.workdays import add_working_days, add_working_days_slow, default_calendar


def _rate(fn, starts: list[dt.date]) -> float:
    t0 = time.perf_counter()
    for d in starts:
        fn(d)
    return len(starts) / (time.perf_counter() - t0)


def main() -> None:
    rng = random.Random(20251126)
    first = dt.date(2004, 1, 1).toordinal()
    span = dt.date(2026, 10, 31).toordinal() - first
    starts = [dt.date.fromordinal(first + rng.randrange(span)) for _ in range(200_000)]
    # Build every year's working-day array outside the timing (the arrays grow lazily, year by year).
    default_calendar().add_working_days(dt.date(2026, 12, 1), 40)

    fast = _rate(lambda d: add_working_days(d, 20), starts)
    slow = _rate(lambda d: add_working_days_slow(d, 20), starts[:5_000])
    pause = [(None, None)]

    def paused(d: dt.date) -> dt.date:
        pause[0] = (d + dt.timedelta(days=2), d + dt.timedelta(days=16))
        return add_working_days(d, 20, pause)  # type: ignore[arg-type]

    fast_paused = _rate(paused, starts)
    slow_paused = _rate(
        lambda d: add_working_days_slow(d, 20, [(d + dt.timedelta(days=2), d + dt.timedelta(days=16))]),
        starts[:5_000],
    )
    full = _rate(lambda d: compute_deadline(d, []), starts[:100_000])
    full_read = _rate(lambda d: compute_deadline(d, []).explanation, starts[:20_000])
    full_events = _rate(
        lambda d: compute_deadline(
            d,
            [ConsultationStarted(d + dt.timedelta(days=2)), ConsultationAnswered(d + dt.timedelta(days=16))],
        ),
        starts[:50_000],
    )
    day = dt.timedelta(days=1)

    def busy(d: dt.date) -> list:
        # 补正 on day 3, corrected application on day 10, a consultation from day 12 to day 20,
        # then the maximal extension on day 30 (well within the new 20 working days).
        return [
            CorrectionRequested(d + 3 * day),
            CorrectionReceived(d + 10 * day),
            ConsultationStarted(d + 12 * day),
            ConsultationAnswered(d + 20 * day),
            Extension(d + 30 * day, 20),
        ]

    busy_events = [busy(d) for d in starts[:50_000]]
    full_busy = _rate(lambda i: compute_deadline(starts[i], busy_events[i]), range(50_000))  # type: ignore[arg-type]
    slow_busy = _rate(lambda i: _day_by_day_replay(starts[i]), range(2_000))  # type: ignore[arg-type]

    print(f"machine: {cpu_model()}; Python {platform.python_version()}; one core")
    print(f"{'computation':<58}{'per second':>14}")
    print(f"{'20 WD, fast (bisect)':<58}{fast:>14,.0f}")
    print(f"{'20 WD, day-by-day loop':<58}{slow:>14,.0f}")
    print(f"{'  ratio fast / loop':<58}{fast / slow:>13,.1f}x")
    print(f"{'20 WD with one pause, fast':<58}{fast_paused:>14,.0f}")
    print(f"{'20 WD with one pause, day-by-day loop':<58}{slow_paused:>14,.0f}")
    print(f"{'  ratio fast / loop':<58}{fast_paused / slow_paused:>13,.1f}x")
    print(f"{'compute_deadline, no events (trail recorded, not read)':<58}{full:>14,.0f}")
    print(f"{'  ratio replay / 20 WD day-by-day loop':<58}{full / slow:>13,.1f}x")
    print(f"{'compute_deadline, no events, Chinese trail read':<58}{full_read:>14,.0f}")
    print(f"{'compute_deadline, consultation start + answer':<58}{full_events:>14,.0f}")
    print(f"{'compute_deadline, correction + consultation + extension':<58}{full_busy:>14,.0f}")
    print(f"{'  same replay, day-by-day loop':<58}{slow_busy:>14,.0f}")
    print(f"{'  ratio replay / loop':<58}{full_busy / slow_busy:>13,.1f}x")


def _day_by_day_replay(d: dt.date) -> dt.date:
    """The busy scenario's deadline by the §4.4 loop: 20 WD from the corrected application with
    the consultation's pause, plus the 20-day extension (the baseline for the same replay)."""
    day = dt.timedelta(days=1)
    return add_working_days_slow(d + 10 * day, 40, [(d + 12 * day, d + 20 * day)])


if __name__ == "__main__":
    main()
