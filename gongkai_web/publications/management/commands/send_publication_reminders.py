"""Cron-suitable: remind staff of what is due for 主动公开, in the same family as
``send_deadline_reminders``. Who gets what:

* each catalogue item's **owner** gets the items they own that are overdue or due within
  ``GONGKAI_DUE_SOON_WORKDAYS`` working days (the 时限 of the item, from its trigger);
* the **handlers and approvers** of an agency get its documents formed but not yet published that are
  overdue or due soon (20 working days from 形成, 条例第二十六条), and its published documents whose
  政策解读 is overdue or due soon (3 working days from publication, ``interpretation_queries``).

One e-mail per agency and person, sent through the notifications app (recorded as a message about the
agency, with its audit entry). Idempotent per day: a person already sent the day's reminder for an
agency is skipped, so the command may run again after a failure; a failed send is retried.

    30 8 * * 1-5  cd /srv/gongkai && .venv/bin/python manage.py send_publication_reminders
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
from gongkai_web.publications import catalogue_queries as queries
from gongkai_web.publications import interpretation_queries
from gongkai_web.workcalendar.cli import add_day_argument, day_of

TOPIC = "publication_due"


def topic_for(day: dt.date) -> str:
    return f"{TOPIC}:{day.isoformat()}"


class Command(BaseCommand):
    help = "Remind owners of catalogue items and staff of unpublished documents overdue or due soon."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="print what would be sent, send nothing")
        add_day_argument(parser)

    def handle(self, *args, dry_run=False, on=None, **options):
        today = day_of(on)
        agencies = Agency.objects.all()
        self._reported: set[tuple[int, str]] = set()
        lines: dict[tuple[Agency, str], list[str]] = defaultdict(list)
        for row in queries.due_items(agencies, today):
            if row.item.owner.email:
                lines[(row.item.agency, row.item.owner.email)].append(self._item_line(row, today))
            else:
                self._no_address(row.item.agency, str(row.item.owner))
        documents: dict[Agency, list[str]] = defaultdict(list)
        for doc_row in queries.due_documents(agencies, today):
            documents[doc_row.document.agency].append(self._document_line(doc_row, today))
        for due in interpretation_queries.due_interpretations(agencies, today):
            documents[due.document.agency].append(self._interpretation_line(due))
        for agency, agency_lines in documents.items():
            staff = Membership.objects.filter(agency=agency, role__in=[Role.HANDLER, Role.APPROVER])
            emails = sorted({m.user.email for m in staff.select_related("user") if m.user.email})
            if not emails:
                self._no_address(agency, _("its handlers"))
            for email in emails:
                lines[(agency, email)].extend(agency_lines)
        sent = skipped = 0
        for (agency, email), body in sorted(lines.items(), key=lambda kv: (kv[0][0].path, kv[0][1])):
            if was_sent(agency, topic=topic_for(today), recipient=email):
                skipped += 1
                continue
            subject = _(
                "[Government information disclosure] %(agency)s: %(count)s items to publish overdue or due soon"
            ) % {"agency": agency.name, "count": len(body)}
            if not dry_run:
                send_message(
                    agency,
                    channel=Channel.EMAIL,
                    recipient=email,
                    subject=subject,
                    body="\n".join(body),
                    topic=topic_for(today),
                )
            sent += 1
            self.stdout.write(
                _("%(dry_run)sNotified %(recipient)s about %(agency)s: %(count)s items")
                % {
                    "dry_run": _("(dry run)") if dry_run else "",
                    "recipient": email,
                    "agency": agency.name,
                    "count": len(body),
                }
            )
        self.stdout.write(
            _("%(sent)s publication reminders sent, %(skipped)s already sent today.")
            % {"sent": sent, "skipped": skipped}
        )

    def _no_address(self, agency: Agency, who: str) -> None:
        if (agency.pk, who) in self._reported:
            return
        self._reported.add((agency.pk, who))
        self.stdout.write(
            _("%(agency)s: no e-mail address to notify %(who)s.") % {"agency": agency.name, "who": who}
        )

    @staticmethod
    def _overdue(state: str) -> str:
        return _("(overdue)") if state == "overdue" else ""

    def _item_line(self, row: queries.ItemRow, today: dt.date) -> str:
        return _(
            "Catalogue item %(item)s: publish by %(day)s%(overdue)s  /staff/library/catalogue/items/%(pk)s/"
        ) % {
            "item": row.item,
            "day": f"{row.status.due:%Y-%m-%d}",
            "overdue": self._overdue(row.state),
            "pk": row.item.pk,
        }

    def _document_line(self, row: queries.DocumentRow, today: dt.date) -> str:
        return _("Document %(title)s: publish by %(day)s%(overdue)s  /staff/library/%(pk)s/") % {
            "title": row.document.title,
            "day": f"{row.due:%Y-%m-%d}",
            "overdue": self._overdue(row.state),
            "pk": row.document.pk,
        }

    def _interpretation_line(self, row: interpretation_queries.DueRow) -> str:
        return _(
            "Policy interpretation of %(title)s: publish by %(day)s%(overdue)s  /staff/library/%(pk)s/"
        ) % {
            "title": row.document.title,
            "day": f"{row.due:%Y-%m-%d}",
            "overdue": self._overdue(row.state),
            "pk": row.document.pk,
        }
