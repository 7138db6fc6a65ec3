"""``manage.py send_deadline_reminders``: the handlers of agencies with overdue applications get an
e-mail listing them; an agency without a handler's address is reported."""

from __future__ import annotations

import io

from django.core import mail
from django.core.management import call_command


def test_reminders_go_to_the_handlers_of_agencies_with_overdue_applications(world):
    world.lisi.email = "lisi@example.com"
    world.lisi.save()
    out = io.StringIO()
    call_command("send_deadline_reminders", stdout=out)
    # Both fixture applications (received 2025-11-03) are overdue today; only agency A has an e-mail.
    assert [m.to for m in mail.outbox] == [["lisi@example.com"]]
    assert world.app_a.query_code in mail.outbox[0].body
    assert world.app_b.query_code not in mail.outbox[0].body
    assert "没有可通知的经办人邮箱" in out.getvalue()
