"""Complaints and reports (条例第五十一条): received from the public form (under the form's one-time
token, as an application is) or entered by staff, routed to the supervising office of the agency
complained about, due the office's term later (``ComplaintTerm``; the platform's default
``COMPLAINT_REPLY_WORKDAYS`` working days: the 条例 sets none), replied to with who decided and where the
complainant may go next."""

from __future__ import annotations

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gongkai import supervision as core
from gongkai.errors import GongkaiError
from gongkai_web import casework
from gongkai_web.agencies.models import Agency
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now, today
from gongkai_web.qa.rules import contact_of

from ..access import may_supervise
from ..errors import refuse
from ..models import Complaint, ComplaintStatus, ComplaintTerm
from .findings import supervising_office

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
TEXT_MAX = 4000
NAME_MAX = 50


def new_code() -> str:
    """``TS`` and ten characters read aloud without confusion: about 50 bits, opens no personal data."""
    return "TS" + "".join(secrets.choice(ALPHABET) for _i in range(10))


def _checked(text: str, contact: str, name: str) -> tuple[str, str, str]:
    text = (text or "").strip()
    if not text:
        raise refuse("text_missing", _("Please say what the agency did or failed to do."))
    if len(text) > TEXT_MAX:
        raise refuse("text_too_long", _("Please keep it under %(limit)s characters.") % {"limit": TEXT_MAX})
    try:
        _kind, contact = contact_of(contact)
    except GongkaiError as exc:
        raise refuse("contact", exc.message) from None
    name = (name or "").strip()
    if len(name) > NAME_MAX:
        raise refuse(
            "name_too_long", _("The name can have at most %(limit)s characters.") % {"limit": NAME_MAX}
        )
    return text, contact, name


def reply_workdays(office: Agency) -> int:
    """The office's term for replying to a complaint, or the platform's default."""
    term = ComplaintTerm.objects.filter(office=office).first()
    return term.reply_workdays if term else core.COMPLAINT_REPLY_WORKDAYS


@transaction.atomic
def set_complaint_term(office: Agency, *, workdays: int, actor, clock: Clock | None = None) -> ComplaintTerm:
    """The office's own term for complaints received from now on (those received keep their due day)."""
    if workdays not in core.COMPLAINT_REPLY_WORKDAYS_RANGE:
        raise refuse(
            "complaint_term",
            _("The term is from %(low)s to %(high)s working days.")
            % {
                "low": core.COMPLAINT_REPLY_WORKDAYS_RANGE[0],
                "high": core.COMPLAINT_REPLY_WORKDAYS_RANGE[-1],
            },
        )
    term, created = ComplaintTerm.objects.update_or_create(
        office=office, defaults={"reply_workdays": workdays}
    )
    log(
        term,
        "supervision.complaint_term_set",
        actor=actor,
        data={"office": office.pk, "workdays": workdays, "created": created},
        clock=clock,
    )
    return term


def _create(
    agency: Agency, *, kind: str, text: str, contact: str, name: str, channel: str, token, actor, clock
):
    received = today(clock)
    office = supervising_office(agency)
    complaint = Complaint.objects.create(
        code=new_code(),
        kind=kind,
        agency=agency,
        office=office,
        name=name,
        contact=contact,
        text=text,
        channel=channel,
        received_on=received,
        due_on=core.complaint_due(received, reply_workdays(office)),
        submission_token=token or None,
        entered_by=actor if channel == "staff" else None,
        created_at=now(clock),
    )
    # The audit entry names no complainant: their data stays on the record, masked.
    log(
        complaint,
        "supervision.complaint_received",
        actor=actor,
        actor_label="" if channel == "staff" else _("the public"),
        data={"channel": channel, "office": complaint.office_id, "due_on": complaint.due_on},
        clock=clock,
    )
    return complaint


def submit_complaint(
    agency: Agency,
    *,
    kind: str,
    text: str,
    contact: str,
    name: str = "",
    token: str,
    actor=None,
    clock: Clock | None = None,
) -> tuple[Complaint, bool]:
    """The public form: ``(complaint, created)``; the same form posted twice stores it once."""
    text, contact, name = _checked(text, contact, name)
    return casework.create_once(
        Complaint,
        token,
        lambda: _create(
            agency,
            kind=kind,
            text=text,
            contact=contact,
            name=name,
            channel="online",
            token=token,
            actor=actor,
            clock=clock,
        ),
    )


@transaction.atomic
def enter_complaint(
    agency: Agency, *, kind: str, text: str, contact: str, name: str = "", actor, clock: Clock | None = None
) -> Complaint:
    """A complaint received by letter, phone or in person, entered by the office."""
    if not may_supervise(actor, agency):
        raise refuse("not_your_office", _("%(agency)s is not under your office.") % {"agency": agency.name})
    text, contact, name = _checked(text, contact, name)
    return _create(
        agency,
        kind=kind,
        text=text,
        contact=contact,
        name=name,
        channel="staff",
        token=None,
        actor=actor,
        clock=clock,
    )


def route_complaint(complaint: Complaint, office: Agency, *, actor, clock: Clock | None = None) -> Complaint:
    """Send the complaint to another office responsible for the agency (one above it, at or above the
    agency in its tree)."""
    with transaction.atomic():
        complaint = casework.lock(complaint)
        if complaint.status != ComplaintStatus.RECEIVED:
            raise refuse(
                "complaint_replied", _("The complaint has been replied to: it can no longer be routed.")
            )
        if not complaint.agency.path.startswith(office.path):
            raise refuse(
                "office_not_above",
                _("%(office)s is not above %(agency)s: it cannot handle this complaint.")
                % {"office": office.name, "agency": complaint.agency.name},
            )
        before = complaint.office_id
        complaint.office = office
        complaint.save(update_fields=["office"])
        log(
            complaint,
            "supervision.complaint_routed",
            actor=actor,
            data={"from": before, "to": office.pk},
            clock=clock,
        )
        return complaint


def reply_complaint(complaint: Complaint, *, reply: str, actor, clock: Clock | None = None) -> Complaint:
    """The office's answer; the complainant is told who decided (the office and the person) and where to
    go next (``gongkai.supervision.COMPLAINT_NEXT_STEPS``)."""
    with transaction.atomic():
        complaint = casework.lock(complaint)
        if complaint.status != ComplaintStatus.RECEIVED:
            raise refuse("complaint_replied", _("The complaint has already been replied to."))
        reply = (reply or "").strip()
        if not reply:
            raise refuse("reply_missing", _("Please write the reply: what was found and what was done."))
        person = actor.get_full_name() or actor.get_username()
        complaint.reply, complaint.status = reply, ComplaintStatus.REPLIED
        complaint.replied_on = timezone.localdate(now(clock))
        complaint.decided_by = f"{complaint.office.name} {person}"[:200]
        complaint.next_steps = core.COMPLAINT_NEXT_STEPS
        complaint.save(update_fields=["reply", "status", "replied_on", "decided_by", "next_steps"])
        log(
            complaint,
            "supervision.complaint_replied",
            actor=actor,
            data={"on": complaint.replied_on},
            clock=clock,
        )
        return complaint
