"""One function per outgoing step of the handling (legal-rules §7): each reads what its letter needs
from the application and the step's event, and issues it. Every ``issue_*`` is called by a service
inside its transaction: a letter the core refuses to compose (a reply without its reasons, a fee
notice without a way to pay) refuses the whole step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from gongkai import letters as core
from gongkai.labels import DELIVERY_METHODS, ENUMERATION_COMMA
from gongkai.letters.wording import RECEIPT_RULES as RECEIPT_RULE_WORDS

from ..errors import refuse
from ..models import Application, ApplicationEvent, EventKind, Letter, ReceiptRule
from .issuing import issue, received_on

#: How the receipt date was fixed (条例第三十一条), as the 接收回执 states it (the core's wording).
RECEIPT_RULES = {rule: RECEIPT_RULE_WORDS[rule.value] for rule in ReceiptRule}

#: The one free-text box of the reply form, read as the field the outcome's letter needs (legal-rules §7.4).
REPLY_TEXT_FIELD = {
    "already_public": "public_location",
    "withheld_admin_query": "referral",
    "not_this_agency": "holding_agency",
    "not_processed_repeat": "earlier_reply",
    "not_processed_petition": "referral",
    "not_processed_publication": "referral",
}


def issue_receipt(app: Application, event: ApplicationEvent | None = None) -> Letter:
    return issue(
        app,
        core.LetterKind.RECEIPT,
        issued_on=received_on(app),
        event=event,
        reply_due=app.due_on,
        receipt_rule=RECEIPT_RULES.get(ReceiptRule(app.receipt_rule), "") if app.receipt_rule else "",
    )


def issue_correction(app: Application, event: ApplicationEvent) -> Letter:
    return issue(
        app,
        core.LetterKind.CORRECTION,
        issued_on=event.on,
        event=event,
        corrections=tuple(event.data["items"]),
        correction_due=dt.date.fromisoformat(event.data["correction_due"]),
    )


def issue_extension(app: Application, event: ApplicationEvent, *, original_due: dt.date) -> Letter:
    return issue(
        app,
        core.LetterKind.EXTENSION,
        issued_on=event.on,
        event=event,
        original_due=original_due,
        extension_workdays=event.data["workdays"],
        new_due=app.due_on,
        extension_reason=event.data["reason"],
    )


def issue_consultation(app: Application, event: ApplicationEvent) -> Letter:
    kind = (
        core.LetterKind.CONSULT_AGENCY
        if event.data["consultee_kind"] == "agency"
        else core.LetterKind.CONSULT_THIRD_PARTY
    )
    return issue(
        app,
        kind,
        issued_on=event.on,
        event=event,
        consulted_party=event.data["consultee"],
        consultation_subject=app.description,
        consultation_due=dt.date.fromisoformat(event.data["answer_due"]),
    )


def issue_consultation_notice(app: Application, event: ApplicationEvent) -> Letter:
    """征求意见告知书 to the applicant: the consultation time is not counted (条例第三十三条第三款)."""
    return issue(
        app,
        core.LetterKind.CONSULT_NOTICE,
        issued_on=event.on,
        event=event,
        consultee_kind=event.data["consultee_kind"],
        consulted_party=event.data["consultee"],
    )


def issue_disclosure_decision(
    app: Application,
    event: ApplicationEvent,
    *,
    consultation: ApplicationEvent,
    objection: ApplicationEvent,
    public_interest: str,
) -> Letter:
    """公开决定告知书 to a third party whose objection is overridden in the public interest (条例第三十二条)."""
    return issue(
        app,
        core.LetterKind.DISCLOSURE_DECISION,
        issued_on=event.on,
        event=event,
        consulted_party=consultation.data["consultee"],
        consultation_subject=app.description,
        objection_on=objection.on,
        public_interest=public_interest,
    )


def issue_reasons_request(app: Application, event: ApplicationEvent) -> Letter:
    """说明理由告知书 (条例第三十五条): the applicant is asked for reasons by a date."""
    return issue(
        app,
        core.LetterKind.REASONS_REQUEST,
        issued_on=event.on,
        event=event,
        volume=event.data["volume"],
        reasons_due=dt.date.fromisoformat(event.data["reasons_due"]),
    )


def issue_reasonable_time(
    app: Application, event: ApplicationEvent, *, original_due: dt.date | None
) -> Letter:
    """延迟答复告知书 (条例第三十五条): the new deadline is the clock's (a non-working day moves on)."""
    return issue(
        app,
        core.LetterKind.REASONABLE_TIME,
        issued_on=event.on,
        event=event,
        original_due=original_due,
        reasonable_due=app.due_on,
        reasonable_reason=event.data["reason"],
        reasons_requested_on=_reasons_requested_on(app),
    )


def issue_fee_notice(app: Application, event: ApplicationEvent) -> Letter:
    if not app.agency.fee_account.strip():
        raise refuse(
            "fee_account_missing",
            _(
                "The guide of “%(agency)s” does not state how fees are paid (a non-tax revenue payment code "
                "or an account); a fee notice must state it: add it to the agency's details first."
            )
            % {"agency": app.agency.name},
        )
    return issue(
        app,
        core.LetterKind.FEE,
        issued_on=event.on,
        event=event,
        fee_amount=Decimal(event.data["amount_yuan"]),
        fee_basis=event.data["basis"],
        fee_due=dt.date.fromisoformat(event.data["payment_due"]),
        fee_account=app.agency.fee_account,
        fee_notice_on=event.on,
    )


def issue_reply(app: Application, event: ApplicationEvent, *, text: str = "") -> Letter:
    """The 答复书/告知书 of the outcome (legal-rules §7.4), with its basis and remedy clause (§7.3); a 部分公开
    lists each withheld part recorded on the event with its own ground and reasons (条例第三十七条)."""
    outcome = event.data["outcome"]
    fields: dict[str, Any] = {REPLY_TEXT_FIELD.get(outcome, "reasons"): text}
    if outcome in ("granted", "partly_granted"):
        # What is provided: the disclosed items (each with its attachment or link); the request's words
        # only when no item was recorded (information handed over on paper, for instance).
        items = list(app.disclosed_items.all())
        fields["disclosed"] = tuple(core.DisclosedInfo(i.description, i.original_name, i.url) for i in items)
        fields["attachments"] = tuple(i.original_name for i in items if i.original_name)
        fields["released"] = () if items else (app.description,)
        fields["delivery"] = ENUMERATION_COMMA.join(DELIVERY_METHODS.get(m, m) for m in app.delivery_methods)
    if outcome == "partly_granted":
        fields["withheld"] = tuple(
            core.WithheldPart(p["description"], p["ground"], p["reason"])
            for p in event.data.get("withheld", ())
        )
    if outcome == "not_processed_mass_repeat":
        fields["reasons_requested_on"] = _reasons_requested_on(app)
    fields |= _earlier_steps_of_the_reply(app)
    return issue(app, core.LetterKind.REPLY, issued_on=event.on, event=event, outcome=outcome, **fields)


def issue_correction_reply(app: Application, event: ApplicationEvent) -> Letter:
    """更正答复书 (条例第四十一条): corrected, forwarded to or redirected to the agency with power to correct,
    or not corrected; remedy variant B (legal-rules §7.3)."""
    return issue(
        app,
        core.LetterKind.CORRECTION_REPLY,
        issued_on=event.on,
        event=event,
        correction_result=event.data["correction_result"],
        correction_details=event.data["details"],
        competent_agency=event.data["forwarded_to"],
    )


def issue_determination_notice(app: Application, event: ApplicationEvent) -> Letter:
    """报请确定告知书 to the applicant (条例第十七条): referred for a determination, the time is not counted."""
    return issue(
        app,
        core.LetterKind.DETERMINATION_NOTICE,
        issued_on=event.on,
        event=event,
        determining_kind=event.data["body_kind"],
        determining_body=event.data["body"],
        referred_on=event.on,
    )


def _reasons_requested_on(app: Application) -> dt.date | None:
    request = _latest(app, EventKind.REASONS_REQUESTED)
    return request.on if request else None


def _earlier_steps_of_the_reply(app: Application) -> dict[str, Any]:
    """The latest correction request and fee notice, which the reply recounts (their dates stop the clock)."""
    fields: dict[str, Any] = {}
    correction = _latest(app, EventKind.CORRECTION_REQUESTED)
    if correction:
        fields["correction_requested_on"] = correction.on
        fields["correction_due"] = dt.date.fromisoformat(correction.data["correction_due"])
    fee = _latest(app, EventKind.FEE_NOTICE_SENT)
    if fee:
        fields["fee_due"] = dt.date.fromisoformat(fee.data["payment_due"])
    return fields


def _latest(app: Application, kind: str) -> ApplicationEvent | None:
    return app.events.filter(kind=kind).order_by("-on", "-id").first()
