"""Cron-suitable: e-mail each agency's handlers about applications due soon or overdue.

A reminder carries the query code and the deadline of each application, and the agency's name — never
the applicant's name or identifiers, masked or not (issue 11, item 4): a mailbox is outside the
platform's access control and audit trail, and the handler opens the record on the platform.

    0 8 * * 1-5  cd /srv/gongkai && .venv/bin/python manage.py send_deadline_reminders
"""

from __future__ import annotations

from collections import defaultdict

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai_web.accounts.models import Membership, Role
from gongkai_web.applications import queries
from gongkai_web.applications.models import Application


class Command(BaseCommand):
    help = "Send deadline reminders for open applications due within GONGKAI_DUE_SOON_WORKDAYS or overdue."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="print what would be sent, send nothing")

    def handle(self, *args, dry_run=False, **options):
        today = timezone.localdate()
        due = (
            queries.due_soon_or_overdue(Application.objects.all(), today)
            .select_related("agency")
            .order_by("due_on")
        )
        by_agency = defaultdict(list)
        for app in due:
            by_agency[app.agency].append(app)
        sent = 0
        for agency, apps in by_agency.items():
            recipients = sorted(
                {
                    m.user.email
                    for m in Membership.objects.filter(
                        agency=agency, role__in=[Role.HANDLER, Role.APPROVER]
                    ).select_related("user")
                    if m.user.email
                }
            )
            if not recipients:
                self.stdout.write(
                    _(
                        "%(agency)s: %(count)s applications due soon or overdue, but no handler e-mail address to notify."
                    )
                    % {"agency": agency.name, "count": len(apps)}
                )
                continue
            lines = [
                _("%(code)s  reply deadline %(day)s%(overdue)s")
                % {
                    "code": a.query_code,
                    "day": f"{a.due_on:%Y-%m-%d}",
                    # due_on is set: the query selected by it
                    "overdue": _("(overdue)") if a.due_on is not None and a.due_on < today else "",
                }
                for a in apps
            ]
            subject = _(
                "[Government information disclosure] %(agency)s has %(count)s applications due soon or overdue"
            ) % {
                "agency": agency.name,
                "count": len(apps),
            }
            if not dry_run:
                send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, recipients)
            sent += 1
            self.stdout.write(
                _("%(dry_run)sNotified %(recipients)s: %(count)s applications")
                % {
                    "dry_run": _("(dry run)") if dry_run else "",
                    "recipients": ", ".join(recipients),
                    "count": len(apps),
                }
            )
        self.stdout.write(_("%(sent)s reminder e-mails sent in total.") % {"sent": sent})
