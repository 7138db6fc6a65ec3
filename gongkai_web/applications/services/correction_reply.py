"""更正 (条例第四十一条): the answer to a request to correct a record about the requester."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai import letters as core_letters
from gongkai_web.clocks import Clock

from .. import letters, notify
from ..errors import refuse
from ..models import Application, EventKind, Status
from .common import lock_step, record, require_not_future

#: The answers to a correction request (条例第四十一条), as the 更正答复书 names them.
CORRECTION_RESULTS = core_letters.CORRECTION_RESULTS
#: The answers that name the agency with power to correct.
TO_COMPETENT_AGENCY = frozenset({"forwarded", "redirected"})


def reply_correction(
    app: Application,
    *,
    result: str,
    decided_on: dt.date,
    details: str,
    forwarded_to: str = "",
    actor,
    clock: Clock | None = None,
) -> Application:
    """Answer a request to correct a record about the requester (条例第四十一条) and issue the 更正答复书:
    ``corrected`` (verified and corrected; ``details`` says what now reads how), ``forwarded`` to the
    agency with power to correct (``forwarded_to``), ``redirected`` (the requester is told to apply to
    ``forwarded_to``), or ``not_verified`` (the evidence does not show the record to be inaccurate;
    ``details`` gives the reasons). The request is closed; it has no outcome of legal-rules §9 and is
    not counted in table 3 (decision 14)."""
    if result not in CORRECTION_RESULTS:
        known = "、".join(CORRECTION_RESULTS.values())
        raise refuse(
            "unknown_correction_result",
            _("“%(result)s” is not an answer to a correction request (choose from: %(known)s).")
            % {"result": result, "known": known},
            result=result,
        )
    details, forwarded_to = details.strip(), forwarded_to.strip()
    if result in TO_COMPETENT_AGENCY and not forwarded_to:
        raise refuse(
            "competent_agency_missing",
            _(
                "When forwarding the request to the competent agency or telling the applicant to apply to it, "
                "name the agency with power to correct (art. 41 of the Regulations)."
            ),
        )
    if result not in TO_COMPETENT_AGENCY and forwarded_to:
        raise refuse(
            "competent_agency_not_needed",
            _(
                "The agency with power to correct is filled in only when forwarding the request to it or "
                "telling the applicant to apply to it; remove it when this agency corrects or refuses to correct."
            ),
        )
    if result not in TO_COMPETENT_AGENCY and not details:
        raise refuse(
            "correction_details_missing",
            _(
                "Please state what was corrected (corrected), or the reasons why the record was found "
                "accurate and not corrected."
            ),
        )
    with transaction.atomic():
        app = lock_step(app, "correction_reply")
        require_not_future(decided_on, _("date of the reply"), clock)
        app.status, app.concluded_on = Status.CLOSED, decided_on
        app.save(update_fields=["status", "concluded_on"])
        event = record(
            app,
            EventKind.REPLIED,
            decided_on,
            actor=actor,
            clock=clock,
            action="applications.correction_replied",
            data={"correction_result": result, "details": details, "forwarded_to": forwarded_to},
        )
        letters.issue_correction_reply(app, event)
        notify.reply(app, replied_on=decided_on, clock=clock)
        return app
