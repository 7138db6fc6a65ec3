"""Training sessions: the supervising office records a session it held, with the agencies of its
subtree that attended and the number of people (all checks first: a refused session stores nothing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai_web.agencies.models import Agency
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now, today

from ..access import may_supervise
from ..errors import refuse
from ..models import TrainingSession


def _check(
    office: Agency, held_on: dt.date, title: str, agencies: Sequence[Agency], count: int, actor, clock
):
    if not may_supervise(actor, office):
        raise refuse("not_office", _("Only the supervising office records its training sessions."))
    if not title:
        raise refuse(
            "training_title", _("Please fill in %(what)s.") % {"what": _("the title of the session")}
        )
    if held_on > today(clock):
        raise refuse(
            "training_in_future",
            _("The session of %(day)s has not been held yet: record it once it has.")
            % {"day": f"{held_on:%Y-%m-%d}"},
        )
    if not agencies:
        raise refuse("training_no_agency", _("Please choose the agencies that attended."))
    outside = [a.name for a in agencies if not a.path.startswith(office.path)]
    if outside:
        raise refuse(
            "agency_outside_office",
            _("%(agency)s is not under %(office)s.") % {"agency": ", ".join(outside), "office": office.name},
        )
    if count < len(agencies):
        raise refuse(
            "training_count",
            _("%(n)s agencies attended: the number of attendees is at least %(n)s.") % {"n": len(agencies)},
        )


@transaction.atomic
def record_training(
    office: Agency,
    *,
    held_on: dt.date,
    title: str,
    agencies: Sequence[Agency],
    attendee_count: int,
    people: str = "",
    materials: str = "",
    actor,
    clock: Clock | None = None,
) -> TrainingSession:
    title = (title or "").strip()
    agencies = list(dict.fromkeys(agencies))
    _check(office, held_on, title, agencies, attendee_count, actor, clock)
    session = TrainingSession.objects.create(
        office=office,
        held_on=held_on,
        title=title[:200],
        attendee_count=attendee_count,
        people=(people or "").strip(),
        materials=(materials or "").strip(),
        recorded_by=actor,
        created_at=now(clock),
    )
    session.agencies.set(agencies)
    log(
        session,
        "supervision.training_recorded",
        actor=actor,
        data={"held_on": held_on, "agencies": [a.pk for a in agencies], "attendees": attendee_count},
        clock=clock,
    )
    return session
