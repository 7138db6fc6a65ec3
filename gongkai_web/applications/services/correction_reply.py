"""更正 (条例第四十一条): the answer to a request to correct a record about the requester."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai import letters as core_letters
from gongkai_web.clocks import Clock

from .. import letters
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
            "unknown_correction_result", f"“{result}”不是更正申请的处理结果（可选：{known}）。", result=result
        )
    details, forwarded_to = details.strip(), forwarded_to.strip()
    if result in TO_COMPETENT_AGENCY and not forwarded_to:
        raise refuse(
            "competent_agency_missing",
            "转送有权机关处理或者告知向有权机关提出时，须写明有权更正的行政机关（条例第四十一条）。",
        )
    if result not in TO_COMPETENT_AGENCY and forwarded_to:
        raise refuse(
            "competent_agency_not_needed",
            "只有转送有权机关处理或者告知向有权机关提出时才填写有权更正的行政机关；"
            "本机关自行更正或者不予更正时请删去。",
        )
    if result not in TO_COMPETENT_AGENCY and not details:
        raise refuse(
            "correction_details_missing", "请写明更正的内容（已予更正），或者经审核不属实、不予更正的理由。"
        )
    with transaction.atomic():
        app = lock_step(app, "correction_reply")
        require_not_future(decided_on, "答复日期", clock)
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
        return app
