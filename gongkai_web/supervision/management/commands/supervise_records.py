"""Cron-suitable: run the standing rules (``supervision.rules``) over every agency, and file the
applications of agencies under a 备案 rule with their office. Each finding is
raised once: running it twice the same day raises nothing new.

    20 8 * * 1-5  cd /srv/gongkai && .venv/bin/python manage.py supervise_records
"""

from __future__ import annotations

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai_web.agencies.models import Agency
from gongkai_web.supervision.rules import BY_CODE, run_rules
from gongkai_web.supervision.services import file_applications


class Command(BaseCommand):
    help = "Run the standing supervision rules over the records: reminders and tasks, each once."

    def add_arguments(self, parser):
        parser.add_argument("--on", help="the day to count from, YYYY-MM-DD (default: today)")

    def handle(self, *args, on=None, **options):
        try:
            today = dt.date.fromisoformat(on) if on else timezone.localdate()
        except ValueError:
            raise CommandError(_("“%(value)s” is not a date (YYYY-MM-DD).") % {"value": on}) from None
        result = run_rules(Agency.objects.all(), today)
        filed = file_applications()
        self.stdout.write(_("%(count)s applications filed with their office.") % {"count": filed})
        for code, raised in result.raised.items():
            self.stdout.write(
                _("%(rule)s: %(raised)s new, %(resolved)s resolved.")
                % {"rule": BY_CODE[code].name, "raised": raised, "resolved": result.resolved[code]}
            )
