"""The daily commands' ``--on DAY`` (gongkai_web.workcalendar.cli): a day that is no date is refused in
Chinese, saying the format, before anything is sent or raised."""

from __future__ import annotations

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db

DAILY = [
    "send_appeal_reminders",
    "send_publication_reminders",
    "send_supervision_reminders",
    "supervise_records",
]


@pytest.mark.parametrize("command", DAILY)
def test_a_day_that_is_no_date_is_refused_with_its_format(command):
    with pytest.raises(CommandError) as refused:
        call_command(command, on="2023-13-01")
    assert str(refused.value) == "“2023-13-01”不是日期（格式：年-月-日）。"
    assert mail.outbox == []
