"""Issuing the documents of legal-rules §7 on an application: the records are translated into the
core's ``LetterContext`` (agency details from its 政府信息公开指南 fields), the core composes the
letter (``gongkai.letters.compose``: the words, the legal basis, the remedy clause) and renders it;
this module only numbers it (文号) and stores it with the application.

Every ``issue_*`` is called by a service inside its transaction: a letter the core refuses to compose
(a reply without its reasons, a fee notice without a way to pay) refuses the whole step."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import F

from gongkai import letters as core
from gongkai.errors import GongkaiError
from gongkai.labels import DELIVERY_METHODS
from gongkai_web.agencies.models import Agency
from gongkai_web.fastinsert import insert

from . import identity
from .errors import refuse
from .models import Application, ApplicationEvent, EventKind, Letter, LetterSequence, ReceiptRule

#: How the receipt date was fixed (条例第三十一条), as the 接收回执 states it.
RECEIPT_RULES = {
    ReceiptRule.HANDED_IN: "当面提交的，以提交之日为收到申请之日（条例第三十一条第（一）项）",
    ReceiptRule.SIGNED_FOR: "以邮寄方式提交的，以本机关签收之日为收到申请之日（条例第三十一条第（二）项）",
    ReceiptRule.CONFIRMED_WITH_APPLICANT: "以平常信函等无需签收的邮件提交的，以本机关与申请人确认之日为收到申请之日"
    "（条例第三十一条第（二）项）",
    ReceiptRule.MUTUAL_CONFIRMATION: "通过互联网渠道或者传真提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）",
    ReceiptRule.ELECTRONIC_RECEIPT: "通过互联网渠道提交的，按本机关公开指南以出具电子回执之日为双方确认之日"
    "（条例第三十一条第（三）项）",
}

#: The one free-text box of the reply form, read as the field the outcome's letter needs (legal-rules §7.4).
REPLY_TEXT_FIELD = {
    "already_public": "public_location",
    "withheld_admin_query": "referral",
    "not_this_agency": "holding_agency",
    "not_processed_repeat": "earlier_reply",
    "not_processed_petition": "referral",
    "not_processed_publication": "referral",
}


def agency_details(agency: Agency) -> core.AgencyDetails:
    return core.AgencyDetails(
        name=agency.name,
        address=agency.address,
        postcode=agency.postcode,
        phone=agency.phone,
        contact=agency.office_name,
        review_body=agency.review_body_name(),
    )


def _context(app: Application, *, number: str, issued_on: dt.date, **fields: Any) -> core.LetterContext:
    applicant = core.ApplicantDetails(
        name=app.name, address=app.address, organisation=app.applicant_type == "organisation"
    )
    return core.LetterContext(
        agency=agency_details(app.agency),
        applicant=applicant,
        number=number,
        issued_on=issued_on,
        received_on=app.received_on,
        request_summary=app.description,
        query_code=app.query_code,
        channel=app.channel,
        request_kind=app.kind,
        **fields,
    )


def _next_number(agency: Agency, year: int) -> tuple[int, str]:
    """The next 文号 of ``agency`` in ``year``: 简称 + 公开〔year〕 + serial + 号 (legal-rules §7.1).

    One ``UPDATE … RETURNING`` (PostgreSQL; SQLite ≥ 3.35) increments and reads the serial; the row
    stays locked until the issuing transaction commits, so two handlers never share a number. The
    year's first letter creates the row first."""
    serial = _increment(agency.pk, year)
    if serial is None:
        LetterSequence.objects.get_or_create(agency=agency, year=year)
        serial = _increment(agency.pk, year)
    return serial, f"{agency.short_name or agency.name}公开〔{year}〕{serial}号"


def _increment(agency_id: int, year: int) -> int | None:
    if not connection.features.can_return_columns_from_insert:  # SQLite before 3.35: no RETURNING
        if not LetterSequence.objects.filter(agency_id=agency_id, year=year).update(last=F("last") + 1):
            return None
        return LetterSequence.objects.values_list("last", flat=True).get(agency_id=agency_id, year=year)
    table, quote = LetterSequence._meta.db_table, connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {quote(table)} SET {quote('last')} = {quote('last')} + 1 "
            f"WHERE {quote('agency_id')} = %s AND {quote('year')} = %s RETURNING {quote('last')}",
            [agency_id, year],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def issue(
    app: Application, kind: str, *, issued_on: dt.date, event: ApplicationEvent | None = None, **fields: Any
) -> Letter:
    """Compose and store one letter; a ``LetterError`` from the core becomes a refusal of the step that
    issues it. Its words are fixed here (``composed``, ``text``); the DOCX and the PDF are laid out from
    them on first use (``docx_of``, ``pdf_of``), so issuing costs no rendering."""
    serial, number = _next_number(app.agency, issued_on.year)
    try:
        letter = core.compose(kind, _context(app, number=number, issued_on=issued_on, **fields))
    except GongkaiError as exc:
        raise refuse("letter_refused", exc.message, kind=kind) from None
    stored = Letter(
        application=app,
        agency=app.agency,
        event=event,
        kind=letter.kind.value,
        title=letter.title,
        number=number,
        year=issued_on.year,
        serial=serial,
        addressee=letter.addressee,
        to_applicant=core.LetterKind(kind) not in core.TO_CONSULTEE,
        issued_on=issued_on,
        outcome=letter.outcome or "",
        text=letter.text(),
        composed=_freeze(letter),
    )
    insert(stored)
    return stored


def docx_of(letter: Letter) -> bytes:
    """The DOCX, rendered on first request from the letter as composed at issue, and cached (see ``Letter``)."""
    return _cached_rendering(letter, "docx_cache", core.render_docx)


def pdf_of(letter: Letter) -> bytes:
    """The PDF, rendered on first request from the letter as composed at issue, and cached (see ``Letter``)."""
    return _cached_rendering(letter, "pdf", core.render_pdf)


def _cached_rendering(letter: Letter, field: str, render) -> bytes:
    if cached := getattr(letter, field):
        return bytes(cached)
    body = render(_thaw(letter.composed))
    Letter.objects.filter(pk=letter.pk).update(**{field: body})
    setattr(letter, field, body)
    return body


def _freeze(letter: core.Letter) -> dict[str, Any]:
    """The composed letter as JSON: its words are fixed when it is issued, whatever changes later."""
    data = dataclasses.asdict(letter)
    return {**data, "kind": letter.kind.value, "issued_on": letter.issued_on.isoformat()}


def _thaw(data: dict[str, Any]) -> core.Letter:
    tuples = {k: tuple(data[k]) for k in ("paragraphs", "closing", "attachments")}
    return core.Letter(
        **{
            **data,
            **tuples,
            "kind": core.LetterKind(data["kind"]),
            "issued_on": dt.date.fromisoformat(data["issued_on"]),
        }
    )


# ── one function per outgoing step ─────────────────────────────────────────────────────────────


def issue_receipt(app: Application, event: ApplicationEvent | None = None) -> Letter:
    return issue(
        app,
        core.LetterKind.RECEIPT,
        issued_on=app.received_on,
        event=event,
        reply_due=app.due_on,
        receipt_rule=RECEIPT_RULES.get(app.receipt_rule, ""),
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


def _reasons_requested_on(app: Application) -> dt.date | None:
    request = app.events.filter(kind=EventKind.REASONS_REQUESTED).order_by("-on", "-id").first()
    return request.on if request else None


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
            f"“{app.agency.name}”的公开指南未填写缴费方式（非税收入缴款码或账户），"
            "收费通知书必须写明缴费方式，请先在机关信息中补充。",
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
        fields["released"] = (app.description,)
        fields["delivery"] = "、".join(DELIVERY_METHODS.get(m, m) for m in app.delivery_methods)
    if outcome == "partly_granted":
        fields["withheld"] = tuple(
            core.WithheldPart(p["description"], p["ground"], p["reason"])
            for p in event.data.get("withheld", ())
        )
    if outcome == "not_processed_mass_repeat":
        fields["reasons_requested_on"] = _reasons_requested_on(app)
    correction = app.events.filter(kind=EventKind.CORRECTION_REQUESTED).order_by("-on", "-id").first()
    if correction:
        fields["correction_requested_on"] = correction.on
        fields["correction_due"] = dt.date.fromisoformat(correction.data["correction_due"])
    fee = app.events.filter(kind=EventKind.FEE_NOTICE_SENT).order_by("-on", "-id").first()
    if fee:
        fields["fee_due"] = dt.date.fromisoformat(fee.data["payment_due"])
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


# ── masked copies (issue 11, item 4) ──────────────────────────────────────────────────────────────

#: At the head of every page of a masked copy: what it is, who it is for, and that it is not the letter.
MASKED_COPY_NOTE = "脱敏副本：个人信息已作遮盖处理，仅供监督查阅，不作为送达文书"
_DELIVERY_ADDRESS = "送达地址："


def masked_copy(letter: Letter) -> core.Letter:
    """The letter as issued, with the personal data a masked role may not see masked as on the screens
    (``identity.masked_applicant``): the applicant's name as addressee, the delivery address, each of the
    applicant's identifiers and each consulted third party's name wherever the text quotes them (the
    request as the applicant wrote it, the handler's reasons), and the third party's name as addressee
    of the letters sent to it. Agencies' names stay. Composed from the stored words on each request and
    never stored: the letter itself (``composed``, ``text``, the cached files) is not touched."""
    app = letter.application
    issued = _thaw(letter.composed)
    third_parties = identity.third_parties(app)
    if letter.kind in identity.THIRD_PARTY_LETTERS:
        third_parties.append(issued.addressee)
    scrub = identity.scrubber(app, third_party_names=third_parties)
    if letter.to_applicant:  # the name as it was when the letter was issued
        addressee = identity.mask_applicant_name(app, issued.addressee)
    elif letter.kind in identity.THIRD_PARTY_LETTERS:
        addressee = identity.mask_third_party(issued.addressee)
    else:
        addressee = scrub(issued.addressee)
    closing = tuple(
        _DELIVERY_ADDRESS + identity.MASKED_ADDRESS if line.startswith(_DELIVERY_ADDRESS) else scrub(line)
        for line in issued.closing
    )
    return dataclasses.replace(
        issued,
        addressee=addressee,
        closing=closing,
        title=scrub(issued.title),
        paragraphs=tuple(scrub(text) for text in issued.paragraphs),
        attachments=tuple(scrub(text) for text in issued.attachments),
        basis=scrub(issued.basis),
        remedy=scrub(issued.remedy),
        copy_note=MASKED_COPY_NOTE,
    )


def masked_docx(letter: Letter) -> bytes:
    return core.render_docx(masked_copy(letter))


def masked_pdf(letter: Letter) -> bytes:
    return core.render_pdf(masked_copy(letter))


# ── downloads ──────────────────────────────────────────────────────────────────────────────────

FORMATS = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def download(letter: Letter, fmt: str, *, actor, actor_label: str = "", masked: bool = False):
    """The file as an attachment response; every download is audited (who, which letter, which format,
    whether the masked copy). The caller has checked access to the application and decided whether the
    reader gets the letter as issued or its ``masked_copy`` (a role that may not unmask the applicant)."""
    from django.http import Http404, HttpResponse
    from django.utils.http import content_disposition_header

    from gongkai_web.audit.services import log

    if fmt not in FORMATS:
        raise Http404
    if masked:
        body = masked_docx(letter) if fmt == "docx" else masked_pdf(letter)
    else:
        body = docx_of(letter) if fmt == "docx" else pdf_of(letter)
    log(
        letter.application,
        "letters.downloaded",
        actor=actor,
        actor_label=actor_label,
        data={"letter": letter.pk, "number": letter.number, "format": fmt, "masked": masked},
    )
    response = HttpResponse(body, content_type=FORMATS[fmt])
    filename = f"{letter.application.query_code}-{letter.title}{'（脱敏副本）' if masked else ''}.{fmt}"
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
