"""Cron-suitable: remind each agency's handlers and approvers of its 复议 and 诉讼 due dates overdue or due
soon — the 书面答复, the 答辩状 and the ordered follow-ups (``gongkai_web.appeals.reminders``). Once a day
per agency and person: a second run the same day sends nothing, a failed send is retried.

    50 8 * * 1-5  cd /srv/gongkai && .venv/bin/python manage.py send_appeal_reminders
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from gongkai.clock import FixedClock
from gongkai_web.appeals.reminders import send_appeal_reminders
from gongkai_web.workcalendar.cli import add_day_argument, day_of


class Command(BaseCommand):
    help = "Remind agencies of reconsideration and litigation due dates overdue or due soon (once a day per person)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="print what would be sent, send nothing")
        add_day_argument(parser)

    def handle(self, *args, dry_run=False, on=None, **options):
        clock = FixedClock(day_of(on)) if on else None  # noon in Beijing of that day
        outcome = send_appeal_reminders(clock=clock, dry_run=dry_run)
        for agency in outcome.unreachable:
            self.stdout.write(
                _("%(agency)s: no e-mail address to notify %(who)s.")
                % {"agency": agency.name, "who": _("its handlers")}
            )
        for agency, email, count in outcome.sent:
            self.stdout.write(
                _("%(dry_run)sNotified %(recipient)s about %(agency)s: %(count)s items")
                % {
                    "dry_run": _("(dry run)") if dry_run else "",
                    "recipient": email,
                    "agency": agency.name,
                    "count": count,
                }
            )
        self.stdout.write(
            _("%(sent)s reconsideration and litigation reminders sent, %(skipped)s already sent today.")
            % {"sent": len(outcome.sent), "skipped": len(outcome.skipped)}
        )
