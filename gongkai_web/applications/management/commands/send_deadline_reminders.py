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
            queries.due_soon_or_overdue(Application.objects, today)
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
                self.stdout.write(f"{agency.name}：{len(apps)}件临近或超过期限，但没有可通知的经办人邮箱。")
                continue
            lines = [
                f"{a.query_code}  答复期限 {a.due_on:%Y-%m-%d}{'（已超期）' if a.due_on < today else ''}"
                for a in apps
            ]
            subject = f"【政府信息公开】{agency.name}有{len(apps)}件申请临近或超过答复期限"
            if not dry_run:
                send_mail(subject, "\n".join(lines), settings.DEFAULT_FROM_EMAIL, recipients)
            sent += 1
            self.stdout.write(
                f"{'（试运行）' if dry_run else ''}已通知 {', '.join(recipients)}：{len(apps)}件"
            )
        self.stdout.write(f"共发送 {sent} 封提醒邮件。")
