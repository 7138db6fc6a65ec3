"""Cron-suitable: remind the responsible agencies of their tasks overdue or at risk and of what the
standing rules found due soon, and each supervising office of the overdue tasks in its subtree.

One e-mail per agency (or office) and person a day, through the notifications app (a message about
the agency, with its audit entry); a person already sent the day's reminder is skipped, so the command
may run again after a failure.

    40 8 * * 1-5  cd /srv/gongkai && .venv/bin/python manage.py send_supervision_reminders
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from gongkai_web.accounts.models import Membership, Role
from gongkai_web.agencies.models import Agency
from gongkai_web.notifications.models import Channel
from gongkai_web.notifications.queries import was_sent
from gongkai_web.notifications.services import send_message
from gongkai_web.supervision import queries
from gongkai_web.supervision.models import Finding, Task
from gongkai_web.workcalendar.cli import add_day_argument, day_of

TOPIC = "supervision_due"


def topic_for(day: dt.date) -> str:
    return f"{TOPIC}:{day.isoformat()}"


def _emails(agency: Agency, roles) -> list[str]:
    staff = Membership.objects.filter(agency=agency, role__in=roles).select_related("user")
    return sorted({m.user.email for m in staff if m.user.email})


def _task_line(row: queries.TaskRow) -> str:
    state = _("(overdue)") if row.state == "overdue" else _("(at risk)")
    return _("Task %(title)s of %(agency)s: due %(day)s%(state)s  /staff/supervision/tasks/%(pk)s/") % {
        "title": row.task.title,
        "agency": row.task.agency.name,
        "day": f"{row.task.due_on:%Y-%m-%d}",
        "state": state,
        "pk": row.task.pk,
    }


class Command(BaseCommand):
    help = "Remind agencies and supervising offices of tasks overdue or at risk (once a day per person)."

    def add_arguments(self, parser):
        add_day_argument(parser)

    def handle(self, *args, on=None, **options):
        today = day_of(on)
        lines: dict[tuple[Agency, str], list[str]] = defaultdict(list)
        by_agency: dict[Agency, list[str]] = defaultdict(list)
        overdue_by_office: dict[Agency, list[str]] = defaultdict(list)
        for row in queries.tasks_for_reminder(Task.objects.select_related("plan__office"), today):
            by_agency[row.task.agency].append(_task_line(row))
            if row.state == "overdue":
                overdue_by_office[row.task.plan.office].append(_task_line(row))
        for finding in Finding.objects.filter(severity="reminder", resolved_on__isnull=True).select_related(
            "agency"
        ):
            by_agency[finding.agency].append(f"{finding.summary}  {finding.link}")
        for agency, agency_lines in by_agency.items():
            for email in _emails(agency, [Role.HANDLER, Role.APPROVER]):
                lines[(agency, email)].extend(agency_lines)
        for office, office_lines in overdue_by_office.items():
            for email in _emails(office, [Role.SUPERVISOR]):
                lines[(office, email)].extend(office_lines)
        sent = skipped = 0
        for (agency, email), body in sorted(lines.items(), key=lambda kv: (kv[0][0].path, kv[0][1])):
            if was_sent(agency, topic=topic_for(today), recipient=email):
                skipped += 1
                continue
            send_message(
                agency,
                channel=Channel.EMAIL,
                recipient=email,
                subject=_("[Government information disclosure] %(agency)s: %(count)s supervision items")
                % {"agency": agency.name, "count": len(body)},
                body="\n".join(body),
                topic=topic_for(today),
            )
            sent += 1
        self.stdout.write(
            _("%(sent)s supervision reminders sent, %(skipped)s already sent today.")
            % {"sent": sent, "skipped": skipped}
        )
