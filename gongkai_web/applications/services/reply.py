"""The conclusion: a reply with an outcome of legal-rules §9, or a withdrawal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from gongkai import outcomes as core_outcomes
from gongkai_web.clocks import Clock

from .. import letters
from ..errors import refuse
from ..models import Application, ApplicationEvent, EventKind, Status
from ..workflow import reply_state
from .common import last_event, lock, lock_step, record, require_kind, require_not_future, require_status
from .consultation import third_party_objections


def reply_application(
    app: Application,
    *,
    outcome: str,
    decided_on: dt.date,
    reasons: str = "",
    withheld: Iterable[Mapping[str, str]] = (),
    public_interest: str = "",
    actor,
    clock: Clock | None = None,
) -> Application:
    """Conclude with an outcome of legal-rules §9 (``gongkai.outcomes``) and issue its 答复书.

    ``reasons`` is the outcome's free text (reasons, where it was published, the responsible agency,
    the earlier reply …: ``letters.REPLY_TEXT_FIELD``). A 部分公开 lists every withheld part as
    ``{"description", "ground", "reason"}`` (条例第三十七条; legal-rules §7.4). Disclosing what a consulted
    third party objected to needs ``public_interest``: why withholding would seriously affect the public
    interest; each objecting third party is then sent a 公开决定告知书 (条例第三十二条)."""
    if outcome not in core_outcomes.OUTCOMES:
        raise refuse("unknown_outcome", f"“{outcome}”不是法定的办理结果。", outcome=outcome)
    parts = [
        {k: (part.get(k) or "").strip() for k in ("description", "ground", "reason")} for part in withheld
    ]
    if parts and outcome != "partly_granted":
        raise refuse(
            "withheld_parts_not_partial",
            "只有部分公开才列明不予公开的部分；请改选“部分公开”或删去不予公开的部分。",
        )
    public_interest = public_interest.strip()
    with transaction.atomic():
        app = lock(app)
        require_kind(app, "reply")
        require_not_future(decided_on, "答复日期", clock)
        _check_outcome_allowed(app, outcome, decided_on)
        overridden = _check_objections(app, outcome, parts, public_interest)
        app.status, app.outcome, app.concluded_on = Status.CLOSED, outcome, decided_on
        app.save(update_fields=["status", "outcome", "concluded_on"])
        data: dict[str, Any] = {"outcome": outcome, "reasons": reasons.strip()}
        if parts:
            data["withheld"] = parts
        if overridden:
            data["public_interest"] = public_interest
        event = record(app, EventKind.REPLIED, decided_on, actor=actor, clock=clock, data=data)
        letters.issue_reply(app, event, text=reasons.strip())
        for consultation, objection in overridden:
            letters.issue_disclosure_decision(
                app, event, consultation=consultation, objection=objection, public_interest=public_interest
            )
        return app


#: Outcomes that release information a consulted third party may have objected to.
DISCLOSING_OUTCOMES = frozenset({"granted", "partly_granted"})


def _check_objections(
    app: Application, outcome: str, parts: list[dict[str, str]], public_interest: str
) -> list[tuple[ApplicationEvent, ApplicationEvent]]:
    """条例第三十二条: a third party's reasoned objection means the information is withheld, unless the
    agency finds that withholding would seriously affect the public interest — then it discloses and
    tells the third party what and why. Returns the objections the reply overrides."""
    objections = third_party_objections(app) if outcome in DISCLOSING_OUTCOMES else []
    if public_interest and not objections:
        raise refuse(
            "public_interest_without_objection",
            "只有第三方书面不同意公开而本机关仍决定公开时，才填写公共利益理由（条例第三十二条）。",
        )
    if not objections or public_interest:
        return objections
    if outcome == "partly_granted" and any(p["ground"] == "withheld_third_party" for p in parts):
        return []  # the objected information is among the withheld parts (第十五条)
    consultation, objection = objections[0]
    raise refuse(
        "objection_not_addressed",
        f"第三方“{consultation.data['consultee']}”已于{objection.on:%Y-%m-%d}书面表示不同意公开。第三方不同意公开"
        "且有合理理由的，应当不予公开（部分公开时列为不予公开的部分，依据第十五条）；认为不公开可能对公共利益造成"
        "重大影响而决定公开的，请填写公共利益理由，本机关将书面告知第三方（条例第三十二条）。",
        consultee=consultation.data["consultee"],
    )


def _check_outcome_allowed(app: Application, outcome: str, on: dt.date) -> None:
    status, step = reply_state(outcome)  # the state each outcome needs (workflow.REPLY_STATES)
    require_status(app, status, action=step)
    if outcome == "abandoned_no_correction":
        due = dt.date.fromisoformat(last_event(app, EventKind.CORRECTION_REQUESTED).data["correction_due"])
        if on <= due:
            raise refuse(
                "correction_period_running",
                f"补正期限到{due:%Y-%m-%d}才届满，此前不能按逾期不补正办结。",
                due=due,
            )
    elif outcome == "abandoned_no_fee":
        due = dt.date.fromisoformat(last_event(app, EventKind.FEE_NOTICE_SENT).data["payment_due"])
        if on <= due:
            raise refuse(
                "fee_period_running", f"缴费期限到{due:%Y-%m-%d}才届满，此前不能按逾期未缴费办结。", due=due
            )
    else:
        if (
            outcome == "not_processed_mass_repeat"
            and not app.events.filter(kind=EventKind.REASONS_REQUESTED).exists()
        ):
            raise refuse(
                "mass_repeat_without_reasons_request",
                "按“无正当理由大量反复申请”不予处理前，应当先要求申请人"
                "说明理由（条例第三十五条）；本申请尚未要求说明理由。",
            )
        if (
            outcome == "unclear_after_correction"
            and not app.events.filter(kind=EventKind.CORRECTION_RECEIVED).exists()
        ):
            raise refuse(
                "no_correction_received",
                "只有申请人补正后内容仍不明确，才能按“补正后申请内容仍不明确”答复"
                "（条例第三十条）；本申请尚未补正。",
            )


def withdraw_application(
    app: Application, *, on: dt.date, reason: str = "", actor, clock: Clock | None = None
) -> Application:
    """The applicant withdraws; counted under （六）3.其他 of table 3."""
    with transaction.atomic():
        app = lock_step(app, "withdraw")
        require_not_future(on, "撤回日期", clock)
        app.status, app.outcome, app.concluded_on = Status.WITHDRAWN, "other", on
        if app.received_on is None:  # never received: concluded the day it arrived, never counted as open
            app.received_on = on
        app.save(update_fields=["status", "outcome", "concluded_on", "received_on"])
        record(app, EventKind.WITHDRAWN, on, actor=actor, clock=clock, data={"reason": reason.strip()})
        return app
