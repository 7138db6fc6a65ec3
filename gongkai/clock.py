"""The one "now" for rule code.

The core never reads the system time itself: anything that depends on today (an identity
card's date of birth may not lie in the future, an unpaid fee lapses after its due date) takes
a ``Clock`` or an explicit date, so tests and replays can fix time (pretix's time machine idea).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Protocol
from zoneinfo import ZoneInfo

#: Statutory dates are Beijing dates: a midnight online submission belongs to the Chinese day.
CHINA = ZoneInfo("Asia/Shanghai")


class Clock(Protocol):
    def now(self) -> dt.datetime:
        """An aware datetime."""
        ...


class SystemClock:
    def now(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


@dataclass(frozen=True, slots=True)
class FixedClock:
    """A clock stopped at ``at`` (an aware datetime, or a date taken as noon in Beijing)."""

    at: dt.datetime

    def __init__(self, at: dt.datetime | dt.date) -> None:
        if not isinstance(at, dt.datetime):
            at = dt.datetime.combine(at, dt.time(12), tzinfo=CHINA)
        elif at.tzinfo is None:
            at = at.replace(tzinfo=CHINA)
        object.__setattr__(self, "at", at)

    def now(self) -> dt.datetime:
        return self.at


def today(clock: Clock | None = None) -> dt.date:
    """Today's date in Beijing according to ``clock`` (the system clock when None)."""
    return (clock or SystemClock()).now().astimezone(CHINA).date()
