"""Cron-suitable: run the standing rules (``supervision.rules``) over every agency, and file the
applications of agencies under a 备案 rule with their office. Each finding is
raised once: running it twice the same day raises nothing new.

    20 8 * * 1-5  cd /srv/gongkai && .venv/bin/python manage.py supervise_records
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from gongkai_web.agencies.models import Agency
from gongkai_web.supervision.rules import BY_CODE, run_rules
from gongkai_web.supervision.services import file_applications
from gongkai_web.workcalendar.cli import add_day_argument, day_of


class Command(BaseCommand):
    help = "Run the standing supervision rules over the records: reminders and tasks, each once."

    def add_arguments(self, parser):
        add_day_argument(parser)

    def handle(self, *args, on=None, **options):
        today = day_of(on)
        result = run_rules(Agency.objects.all(), today)
        filed = file_applications()
        self.stdout.write(_("%(count)s applications filed with their office.") % {"count": filed})
        for code, raised in result.raised.items():
            self.stdout.write(
                _("%(rule)s: %(raised)s new, %(resolved)s resolved.")
                % {"rule": BY_CODE[code].name, "raised": raised, "resolved": result.resolved[code]}
            )
