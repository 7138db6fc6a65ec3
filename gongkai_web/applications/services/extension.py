"""延期答复 (条例第三十三条第二款): approved by the office head, notified before the deadline."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from gongkai.deadlines import MAX_EXTENSION_WORKDAYS
from gongkai_web.clocks import Clock, today

from .. import deadline, letters
from ..errors import refuse
from ..models import Application, EventKind
from .common import lock_step, record, require_not_future


def approve_extension(
    app: Application, *, workdays: int, reason: str, notified_on: dt.date, actor, clock: Clock | None = None
) -> Application:
    from gongkai_web.accounts.access import can_approve

    if not can_approve(actor, app.agency):
        raise refuse(
            "extension_needs_office_head",
            "延期答复须经政府信息公开工作机构负责人同意（条例第三十三条），只有本机关的审批人可以批准延期。",
        )
    if not 1 <= workdays <= MAX_EXTENSION_WORKDAYS:
        raise refuse(
            "extension_too_long", "延长的期限最长不得超过20个工作日（条例第三十三条）。", workdays=workdays
        )
    if not reason.strip():
        raise refuse("extension_without_reason", "请填写延期理由。")
    with transaction.atomic():
        app = lock_step(app, "extension")
        if app.events.filter(kind=EventKind.EXTENSION_APPROVED).exists():
            raise refuse("extension_twice", "答复期限只能延长一次（条例第三十三条），本申请已经延期。")
        require_not_future(notified_on, "延期告知日期", clock)
        current = deadline.evaluate(app).due_on
        # 条例第三十三条第二款: approved by the office head and notified before the deadline. The approval
        # is given here, today: once the deadline has passed no typed earlier date can bring it back
        # (and ``notified_on`` is not after today, so it is not after the deadline either).
        recorded = today(clock)
        if current and recorded > current:
            raise refuse(
                "extension_after_deadline",
                f"延期须在答复期限届满前（{current:%Y-%m-%d}前）经负责人同意并告知申请人；"
                f"今天（{recorded:%Y-%m-%d}）期限已过，不能再延期，填写更早的告知日期也不能补批。",
                due=current,
                recorded_on=recorded,
            )
        event = record(
            app,
            EventKind.EXTENSION_APPROVED,
            notified_on,
            actor=actor,
            clock=clock,
            data={"workdays": workdays, "reason": reason.strip(), "approver": actor.get_username()},
        )
        letters.issue_extension(app, event, original_due=current)
        return app
