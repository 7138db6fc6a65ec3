"""The outbox's worker: send the queued messages (``notifications.services.send_queued_messages``), once
or, with ``--loop``, every ``--interval`` seconds until stopped. Several workers may run: a message is
locked while it is sent (on PostgreSQL; SQLite serialises writers anyway), so none goes out twice."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from gongkai_web.notifications.services import send_queued_messages


class Command(BaseCommand):
    help = "Send the queued messages to applicants (the outbox)."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="keep sending until stopped (Ctrl-C)")
        parser.add_argument("--interval", type=float, default=2.0, help="seconds between rounds with --loop")
        parser.add_argument("--limit", type=int, default=200, help="messages per round")

    def handle(self, *args, loop: bool, interval: float, limit: int, **options):
        try:
            while True:
                handled = send_queued_messages(limit=limit)
                if handled:
                    self.stdout.write(_("send_messages: %(count)s messages handled") % {"count": handled})
                if not loop:
                    return
                if handled < limit:
                    time.sleep(interval)
        except KeyboardInterrupt:
            self.stdout.write(_("send_messages: stopped"))
