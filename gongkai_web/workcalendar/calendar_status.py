"""The working-day calendar's coverage as staff see it: the status page and the worklist banner.

"Today" comes from Django (``django.utils.timezone``, Asia/Shanghai) and is passed to the core,
which never reads the clock. Deadlines use the shared national calendar, so this reports on that."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from gongkai import workdays
from gongkai_web.accounts.models import Role

#: Where next year's schedule goes (shown on the page; the file itself is ``workdays.DATA_FILE``).
DATA_FILE_IN_REPO = "gongkai/data/workdays.json"


def today() -> dt.date:
    return timezone.localdate()


def coverage(day: dt.date | None = None) -> workdays.Coverage:
    return workdays.default_calendar().coverage(day or today())


def can_see_status(user) -> bool:
    """Administrators and the supervising office (政务公开办) read the system status."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.memberships.filter(role=Role.SUPERVISOR).exists()
