"""Reminders of the agency's due dates in 复议 and 诉讼 cases (``manage.py send_appeal_reminders``): the
书面答复 (10 working days from the copy of the application, 行政复议法第四十八条), the 答辩状 (15 days from the
copy of the complaint, 行政诉讼法第六十七条第一款) and the follow-ups a decision or an opinion letter ordered,
when overdue or due within ``queries.DUE_SOON_DAYS`` days — the worklist's “due soon”.

One e-mail per agency and person a day, to the agency's handlers and approvers, through the notifications
app (a message about the agency, with its audit entry), as ``send_publication_reminders`` does: a person
already sent the day's reminder for an agency is skipped, so the command may run again after a failure
and a failed send is retried. A line names the case by its kind, the body's case number and its page —
never the applicant or plaintiff (a mailbox is outside the platform's access control: issue 11, item 4).
The day is the clock's (``clock=``; tests pass a fixed one)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from gongkai_web.accounts.models import Membership, Role
from gongkai_web.agencies.models import Agency
from gongkai_web.clocks import Clock, today
from gongkai_web.notifications.models import Channel
from gongkai_web.notifications.queries import was_sent
from gongkai_web.notifications.services import send_message

from . import queries
from .models import AppealCase, FollowUpKind, Kind

TOPIC = "appeal_due"


def topic_for(day: dt.date) -> str:
    return f"{TOPIC}:{day.isoformat()}"


@dataclass
class Outcome:
    """What a run did: ``sent`` (agency, e-mail, lines) and ``skipped`` already sent that day; ``unreachable``
    the agencies with something due and no handler or approver with an e-mail address."""

    day: dt.date
    sent: list[tuple[Agency, str, int]] = field(default_factory=list)
    skipped: list[tuple[Agency, str]] = field(default_factory=list)
    unreachable: list[Agency] = field(default_factory=list)


def _what(case: AppealCase, what: str) -> str:
    if what == "reply":
        return _("written reply") if case.kind == Kind.REVIEW else _("statement of defence")
    return str(FollowUpKind(what).label)


def reminder_line(case: AppealCase, due: queries.Due) -> str:
    """“行政复议（渝中区人民政府 渝中府复〔2025〕3号）：书面答复期限2025-10-16（已超期）  /staff/appeals/7/”."""
    return _("%(kind)s (%(body)s %(number)s): %(what)s due by %(day)s%(overdue)s  /staff/appeals/%(pk)s/") % {
        "kind": case.get_kind_display(),
        "body": case.body,
        "number": case.case_number or _("no case number yet"),
        "what": _what(case, due.what),
        "day": f"{due.on:%Y-%m-%d}",
        "overdue": _("(overdue)") if due.state == "overdue" else "",
        "pk": case.pk,
    }


def _emails(agency: Agency) -> list[str]:
    staff = Membership.objects.filter(agency=agency, role__in=[Role.HANDLER, Role.APPROVER])
    return sorted({m.user.email for m in staff.select_related("user") if m.user.email})


def send_appeal_reminders(*, clock: Clock | None = None, dry_run: bool = False) -> Outcome:
    """Send the day's reminders (the day of ``clock``); with ``dry_run`` say what would be sent."""
    day = today(clock)
    outcome = Outcome(day)
    by_agency: dict[Agency, list[str]] = defaultdict(list)
    for case, due in queries.due_for_reminder(day):
        by_agency[case.agency].append(reminder_line(case, due))
    for agency, lines in by_agency.items():
        emails = _emails(agency)
        if not emails:
            outcome.unreachable.append(agency)
        for email in emails:
            if was_sent(agency, topic=topic_for(day), recipient=email):
                outcome.skipped.append((agency, email))
                continue
            if not dry_run:
                send_message(
                    agency,
                    channel=Channel.EMAIL,
                    recipient=email,
                    subject=_(
                        "[Government information disclosure] %(agency)s: %(count)s reconsideration or "
                        "litigation due dates overdue or due soon"
                    )
                    % {"agency": agency.name, "count": len(lines)},
                    body="\n".join(lines),
                    topic=topic_for(day),
                    clock=clock,
                )
            outcome.sent.append((agency, email, len(lines)))
    return outcome
