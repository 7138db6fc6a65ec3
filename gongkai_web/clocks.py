"""The web side's access to the core clock: services take ``clock=`` (a ``gongkai.clock.Clock``)
and default to the system clock; tests pass a fixed one. Dates are taken in Asia/Shanghai."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai.clock import Clock, FixedClock, SystemClock


def now(clock: Clock | None = None) -> dt.datetime:
    return (clock or SystemClock()).now()


def today(clock: Clock | None = None) -> dt.date:
    return timezone.localdate(now(clock))


__all__ = ["Clock", "FixedClock", "SystemClock", "now", "today"]
