"""The conclusion: a reply with an outcome of legal-rules §9, or a withdrawal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai import outcomes as core_outcomes
from gongkai_web.clocks import Clock

from .. import letters, notify
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
    parts = reply_parts(outcome, withheld)
    public_interest = public_interest.strip()
    with transaction.atomic():
        app = lock(app)
        require_kind(app, "reply")
        require_not_future(decided_on, _("date of the reply"), clock)
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
        notify.reply(app, replied_on=decided_on, clock=clock)
        return app


def reply_parts(outcome: str, withheld: Iterable[Mapping[str, str]]) -> list[dict[str, str]]:
    """The withheld parts of a reply with ``outcome``, stripped; refused for an outcome the statute does not
    know, and for withheld parts on anything but a 部分公开 (also checked when a reply is drafted)."""
    if outcome not in core_outcomes.OUTCOMES:
        raise refuse(
            "unknown_outcome",
            _("“%(outcome)s” is not a statutory outcome.") % {"outcome": outcome},
            outcome=outcome,
        )
    parts = [
        {k: (part.get(k) or "").strip() for k in ("description", "ground", "reason")} for part in withheld
    ]
    if parts and outcome != "partly_granted":
        raise refuse(
            "withheld_parts_not_partial",
            _(
                "Only a partial disclosure lists withheld parts: choose “%(partly)s” or remove the withheld parts."
            )
            % {"partly": core_outcomes.label("partly_granted")},
        )
    return parts


#: Table 3's row for an application still unclear after correction, without its number (“3.”).
UNCLEAR_AFTER_CORRECTION = core_outcomes.outcome("unclear_after_correction").row_label.partition(".")[2]

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
            _(
                "Public-interest reasons are given only when a third party objected in writing and this agency "
                "still decides to disclose (art. 32 of the Regulations)."
            ),
        )
    if not objections or public_interest:
        return objections
    if outcome == "partly_granted" and any(p["ground"] == "withheld_third_party" for p in parts):
        return []  # the objected information is among the withheld parts (第十五条)
    consultation, objection = objections[0]
    raise refuse(
        "objection_not_addressed",
        _(
            "The third party “%(consultee)s” objected to disclosure in writing on %(day)s. Where a third party "
            "objects with good reason the information is withheld (in a partial disclosure, as a withheld part "
            "on the ground of art. 15); to disclose it because withholding could seriously affect the public "
            "interest, give the public-interest reasons, and this agency will tell the third party in writing "
            "(art. 32 of the Regulations)."
        )
        % {"consultee": consultation.data["consultee"], "day": f"{objection.on:%Y-%m-%d}"},
        consultee=consultation.data["consultee"],
    )


def _check_outcome_allowed(app: Application, outcome: str, on: dt.date) -> None:
    status, step = reply_state(outcome)  # the state each outcome needs (workflow.REPLY_STATES)
    require_status(app, status, action=step)
    if outcome == "abandoned_no_correction":
        notice = last_event(app, EventKind.CORRECTION_REQUESTED)
        assert notice is not None  # the status required above is entered by that notice
        due = dt.date.fromisoformat(notice.data["correction_due"])
        if on <= due:
            raise refuse(
                "correction_period_running",
                _(
                    "The period for correction runs until %(day)s; until then the application cannot be "
                    "concluded as not corrected in time."
                )
                % {"day": f"{due:%Y-%m-%d}"},
                due=due,
            )
    elif outcome == "abandoned_no_fee":
        notice = last_event(app, EventKind.FEE_NOTICE_SENT)
        assert notice is not None  # the status required above is entered by that notice
        due = dt.date.fromisoformat(notice.data["payment_due"])
        if on <= due:
            raise refuse(
                "fee_period_running",
                _(
                    "The period for payment runs until %(day)s; until then the application cannot be "
                    "concluded as not paid in time."
                )
                % {"day": f"{due:%Y-%m-%d}"},
                due=due,
            )
    else:
        if (
            outcome == "not_processed_mass_repeat"
            and not app.events.filter(kind=EventKind.REASONS_REQUESTED).exists()
        ):
            raise refuse(
                "mass_repeat_without_reasons_request",
                _(
                    "Before not processing an application as “%(outcome)s”, the applicant must first be asked "
                    "for reasons (art. 35 of the Regulations); this applicant has not been asked yet."
                )
                % {"outcome": core_outcomes.label("not_processed_mass_repeat")},
            )
        if (
            outcome == "unclear_after_correction"
            and not app.events.filter(kind=EventKind.CORRECTION_RECEIVED).exists()
        ):
            raise refuse(
                "no_correction_received",
                _(
                    "Only when the applicant's corrected application is still unclear can the reply be "
                    "“%(outcome)s” (art. 30 of the Regulations); this application has not been corrected."
                )
                % {"outcome": UNCLEAR_AFTER_CORRECTION},
            )


def withdraw_application(
    app: Application, *, on: dt.date, reason: str = "", actor, clock: Clock | None = None
) -> Application:
    """The applicant withdraws; counted under （六）3.其他 of table 3."""
    with transaction.atomic():
        app = lock_step(app, "withdraw")
        require_not_future(on, _("Withdrawn on"), clock)
        app.status, app.outcome, app.concluded_on = Status.WITHDRAWN, "other", on
        if app.received_on is None:  # never received: concluded the day it arrived, never counted as open
            app.received_on = on
        app.save(update_fields=["status", "outcome", "concluded_on", "received_on"])
        record(app, EventKind.WITHDRAWN, on, actor=actor, clock=clock, data={"reason": reason.strip()})
        return app
