"""The ``--on DAY`` option of the daily commands (reminders, standing rules): one parser, one error."""

from __future__ import annotations

import datetime as dt

from django.core.management.base import CommandError
from django.utils import timezone
from django.utils.translation import gettext as _


def add_day_argument(parser) -> None:
    parser.add_argument("--on", help="the day to count from, YYYY-MM-DD (default: today)")


def day_of(on: str | None) -> dt.date:
    """The day ``--on`` names, today (Beijing) when it names none; a clear error for anything else."""
    if not on:
        return timezone.localdate()
    try:
        return dt.date.fromisoformat(on)
    except ValueError:
        raise CommandError(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": on}) from None
