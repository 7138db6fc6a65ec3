"""Every state change of an application: one function per transition, ``verb_noun(app, *, actor,
clock=…)``, atomic, with an audit entry and an event for the statutory clock. A transition the law
or the state does not allow raises ``ApplicationError`` (code + Chinese message) and changes nothing.

Dates the law cares about (receipt, notice sent, answer received …) are passed in explicitly, because
staff often record them after the fact; they may not lie in the future, nor before the receipt date or
the latest recorded event (``_require_in_order``, checked by ``_record`` for every transition). The
audit entry keeps both: ``data["on"]`` is the date claimed, ``created_at`` the moment it was recorded.
A step the platform itself approves (the extension) is judged on the day it is recorded, whatever
date is typed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from gongkai import letters as core_letters
from gongkai.errors import GongkaiError
from gongkai_web.agencies.models import Agency, OnlineReceipt
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now, today
from gongkai_web.fastinsert import insert

from . import codes, deadline, letters
from .errors import refuse
from .models import (
    OPEN_STATUSES,
    Application,
    ApplicationEvent,
    Channel,
    EventKind,
    ReceiptRule,
    RequestKind,
    Status,
)

MAX_EXTENSION_WORKDAYS = 20  # 条例第三十三条第二款
CONSULTATION_WORKDAYS = 15  # 条例第三十二条、第三十四条
FEE_PAYMENT_WORKDAYS = 20  # 《政府信息公开信息处理费管理办法》

#: Receipt rule per channel (条例第三十一条; legal-rules §4.1).
CHANNEL_RULES = {
    Channel.in_person: ReceiptRule.HANDED_IN,
    Channel.oral: ReceiptRule.HANDED_IN,
    Channel.post_signed: ReceiptRule.SIGNED_FOR,
    Channel.post_unsigned: ReceiptRule.CONFIRMED_WITH_APPLICANT,
    Channel.fax: ReceiptRule.MUTUAL_CONFIRMATION,
    Channel.email: ReceiptRule.MUTUAL_CONFIRMATION,
    Channel.online: ReceiptRule.MUTUAL_CONFIRMATION,
}


# ── helpers ──────────────────────────────────────────────────────────────────────────────────

def _record(app: Application, kind: str, on: dt.date, *, actor, data: dict[str, Any] | None = None,
            action: str | None = None, clock: Clock | None = None) -> ApplicationEvent:
    _require_in_order(app, kind, on)
    event = ApplicationEvent.objects.create(application=app, kind=kind, on=on, data=data or {},
                                            actor=actor if getattr(actor, "is_authenticated", False) else None)
    try:
        deadline.refresh(app, today=today(clock))
    except GongkaiError as exc:
        # The core clock refuses the event (e.g. an extension after an art. 35 deadline): every caller
        # is inside transaction.atomic, so raising here also removes the event just written.
        raise refuse("clock_refused", exc.message, kind=kind) from None
    log(app, action or f"applications.{kind}", actor=actor, data={"on": on, **(data or {})}, clock=clock)
    return event


def _lock(app: Application) -> Application:
    """Re-read the row under a lock so two handlers cannot both move the same application."""
    return Application.objects.select_for_update().get(pk=app.pk)


def _require_status(app: Application, *allowed: str, action: str) -> None:
    if app.status not in allowed:
        raise refuse("wrong_state", f"申请当前状态为“{app.get_status_display()}”，不能{action}。",
                     status=app.status, action=action)


def _require_disclosure(app: Application, *, action: str) -> None:
    """The steps of a disclosure application (补正, 延期, 征求意见, 收费, 第三十五条, 拆分, the outcomes of
    legal-rules §9) do not apply to a request to correct a record (条例第四十一条), which is answered
    with ``reply_correction``."""
    if app.kind == RequestKind.CORRECTION:
        raise refuse("not_a_disclosure_request", f"本件是要求更正与本人相关的政府信息记录的申请（条例第四十一条），"
                     f"不是政府信息公开申请，不能{action}；请作出更正答复。", action=action)


def _lock_disclosure_step(app: Application, *allowed: str, action: str) -> Application:
    """Lock ``app`` for a step of a disclosure application; refused for a correction request (条例第四十一条)
    and in a state that does not allow ``action``."""
    app = _lock(app)
    _require_disclosure(app, action=action)
    _require_status(app, *allowed, action=action)
    return app


def _require_not_future(on: dt.date, what: str, clock: Clock | None) -> None:
    if on > today(clock):
        raise refuse("date_in_future", f"{what}（{on:%Y-%m-%d}）不能晚于今天。", date=on)


def _require_not_before(on: dt.date, earlier: dt.date | None, what: str, earlier_what: str) -> None:
    if earlier and on < earlier:
        raise refuse("date_out_of_order", f"{what}（{on:%Y-%m-%d}）不能早于{earlier_what}（{earlier:%Y-%m-%d}）。",
                     date=on, earlier=earlier)


def _last_event(app: Application, kind: str) -> ApplicationEvent | None:
    return app.events.filter(kind=kind).order_by("-on", "-id").first()


#: What the date of each event is called, and what the event is called, in the refusal messages.
EVENT_DATE_NAMES = {
    EventKind.SUBMITTED: ("到达日期", "申请到达"),
    EventKind.RECEIPT_CONFIRMED: ("收到日期", "确认收到申请"),
    EventKind.CORRECTION_REQUESTED: ("补正通知日期", "发出补正通知"),
    EventKind.CORRECTION_RECEIVED: ("补正材料收到日期", "收到补正后的申请"),
    EventKind.EXTENSION_APPROVED: ("延期告知日期", "延期答复"),
    EventKind.CONSULTATION_STARTED: ("征求意见函发出日期", "征求意见"),
    EventKind.CONSULTATION_ANSWERED: ("意见收到日期", "收到征求意见结果"),
    EventKind.FEE_NOTICE_SENT: ("收费通知日期", "发出收费通知"),
    EventKind.FEE_PAID: ("缴费日期", "缴费"),
    EventKind.REASONS_REQUESTED: ("告知日期", "要求说明理由"),
    EventKind.REASONS_ANSWERED: ("收到理由日期", "登记申请人说明的理由"),
    EventKind.REASONABLE_TIME_NOTICE: ("告知日期", "确定延迟答复期限"),
    EventKind.REPLIED: ("答复日期", "答复"),
    EventKind.WITHDRAWN: ("撤回日期", "撤回申请"),
    EventKind.SPLIT: ("拆分日期", "拆分申请"),
}


#: Events that move the application from one state to the next (and the conclusion): each is dated no
#: earlier than the one before it. The others — an extension, 第三十五条's request and answer and its
#: notice, a split — change no state and may be entered late, dated anywhere after receipt; the clock
#: replays every event in date order whatever order it was entered in.
STATE_EVENTS = frozenset({
    EventKind.SUBMITTED, EventKind.RECEIPT_CONFIRMED, EventKind.CORRECTION_REQUESTED, EventKind.CORRECTION_RECEIVED,
    EventKind.CONSULTATION_STARTED, EventKind.CONSULTATION_ANSWERED, EventKind.FEE_NOTICE_SENT, EventKind.FEE_PAID,
    EventKind.REPLIED, EventKind.WITHDRAWN,
})


def _require_in_order(app: Application, kind: str, on: dt.date) -> None:
    """The one rule on event dates (every transition records through ``_record``): no event is dated
    before the application's receipt date, and no change of state before the change that led to the
    current state (a consultation's answer not before it was sent, a reply not before the corrected
    application arrived, a withdrawal not before receipt). Table 3 counts an application from its
    receipt date and the clock replays the events in date order, so an earlier date would rewrite
    history; a step entered late (the answer to a consultation recorded after an extension that was
    notified later) keeps its true date."""
    what = EVENT_DATE_NAMES.get(kind, ("日期", ""))[0]
    if app.received_on and on < app.received_on:
        raise refuse("date_before_receipt", f"{what}（{on:%Y-%m-%d}）不能早于收到申请日期（{app.received_on:%Y-%m-%d}）。",
                     date=on, received_on=app.received_on, kind=kind)
    if kind not in STATE_EVENTS:
        return
    latest = app.events.filter(kind__in=STATE_EVENTS).order_by("-on", "-id").first()
    if latest and on < latest.on:
        earlier = EVENT_DATE_NAMES.get(latest.kind, ("", latest.get_kind_display()))[1]
        raise refuse("date_before_last_event", f"{what}（{on:%Y-%m-%d}）不能早于上一办理环节“{earlier}”的日期"
                     f"（{latest.on:%Y-%m-%d}）。", date=on, earlier=latest.on, kind=kind, earlier_kind=latest.kind)


# ── intake ───────────────────────────────────────────────────────────────────────────────────

APPLICANT_FIELDS = ("applicant_type", "report_column", "name", "id_type", "id_number", "credit_code",
                    "legal_representative", "contact_name", "phone", "email", "address", "postcode",
                    "description", "document_title", "document_number", "purpose", "info_form",
                    "delivery_methods")


def submit_application(agency: Agency, data: dict[str, Any], *, token: str, actor=None,
                       clock: Clock | None = None) -> tuple[Application, str | None]:
    """The public form. Returns ``(application, secret)``; ``secret`` is None when ``token`` was
    already used (a double submission), in which case the first application is returned: the unique
    token refuses the second insert (``_once``), so a first submission costs no lookup."""
    if not agency.accepts_applications:
        raise refuse("agency_not_accepting", f"“{agency.name}”不受理政府信息公开申请，请向其所属机关申请。")
    arrived = now(clock)
    automatic = agency.online_receipt == OnlineReceipt.AUTOMATIC
    return _once(token, lambda: _create(
        agency, data, channel=Channel.online, arrived_at=arrived, token=token,
        received_on=today(clock) if automatic else None,
        rule=ReceiptRule.ELECTRONIC_RECEIPT if automatic else ReceiptRule.MUTUAL_CONFIRMATION, actor=actor, clock=clock))


def _once(token: str | None, create) -> tuple[Application, str | None]:
    """Create under the form's one-time token: a second POST of the same form (double click, reload,
    a concurrent request losing the race on the unique token) returns the first application and no
    secret instead of creating another."""
    try:
        with transaction.atomic():
            return create()
    except IntegrityError:
        existing = Application.objects.filter(submission_token=token).first() if token else None
        if existing is None:
            raise
        return existing, None


#: How long after a submission a re-post of the same form (its first answer lost: a dropped
#: connection, a double click) still gets a receipt with a new query password.
REPOST_WINDOW = dt.timedelta(minutes=30)


def reissue_query_password(app: Application, *, clock: Clock | None = None) -> str:
    """The same form posted again shortly after it was stored: the browser that sent it never saw the
    first answer (or saw it replaced), so it gets the receipt again with a new password, and the old
    one stops working. Later re-posts (a back button on a shared computer) are refused."""
    if app.submission_token is None or now(clock) - app.arrived_at > REPOST_WINDOW:
        raise refuse("repost_too_late", f"该申请表已于 {timezone.localtime(app.arrived_at):%Y-%m-%d %H:%M} 提交"
                     f"（查询码 {app.query_code}），无需重复提交。")
    secret = codes.new_secret()
    with transaction.atomic():
        Application.objects.filter(pk=app.pk).update(secret_digest=codes.digest(secret))
        log(app, "applications.query_password_reissued", actor_label=f"申请人（查询码 {app.query_code}）",
            data={"reason": "repost"}, clock=clock)
    app.secret_digest = codes.digest(secret)
    return secret


def upgrade_secret_digest(app: Application, secret: str) -> Application:
    """After a key rotation (``SECRET_KEY_FALLBACKS``), re-key the stored digest of a password that was
    just given correctly, for the application and the parts split from it (they share the password),
    so that the old key can be retired. Nothing to do when it is already under the current key."""
    fresh = codes.digest(secret)
    if app.secret_digest == fresh:
        return app
    with transaction.atomic():
        family = Application.objects.filter(secret_digest=app.secret_digest)
        count = family.update(secret_digest=fresh)
        log(app, "applications.secret_rekeyed", actor_label=f"申请人（查询码 {app.query_code}）",
            data={"applications": count})
    app.secret_digest = fresh
    return app


def register_application(agency: Agency, data: dict[str, Any], *, channel: str, arrived_at: dt.datetime,
                         received_on: dt.date | None, actor, token: str | None = None,
                         clock: Clock | None = None) -> tuple[Application, str | None]:
    """Staff entry of an application that arrived in person, by post, fax or e-mail (条例第三十一条).

    ``received_on`` follows the channel's rule: the day handed in, the day signed for, or the day of
    confirmation with the applicant; None leaves it awaiting confirmation (plain letters, fax, e-mail).
    ``token`` is the entry form's one-time token, as on the public form: a second POST of the same
    form returns ``(first application, None)``."""
    token = token or None
    if token and (existing := Application.objects.filter(submission_token=token).first()):
        return existing, None
    rule = CHANNEL_RULES[Channel(channel)]
    if rule == ReceiptRule.HANDED_IN:
        received_on = timezone.localdate(arrived_at)  # in person: the day it was handed in, no choice
    _require_not_future(timezone.localdate(arrived_at), "到达日期", clock)
    if received_on is not None:
        _require_not_future(received_on, "收到日期", clock)
        _require_not_before(received_on, timezone.localdate(arrived_at), "收到日期", "到达日期")
    return _once(token, lambda: _create(agency, data, channel=channel, arrived_at=arrived_at, token=token,
                                        received_on=received_on, rule=rule, actor=actor, clock=clock,
                                        entered_by=actor))


def _create(agency, data, *, channel, arrived_at, token, received_on, rule, actor, clock,
            entered_by=None) -> tuple[Application, str]:
    secret = codes.new_secret()
    fields = {k: data.get(k, "") for k in APPLICANT_FIELDS}
    fields["delivery_methods"] = list(data.get("delivery_methods") or [])
    fields["kind"] = data.get("kind") or RequestKind.DISCLOSURE
    app = Application(
        agency=agency, query_code=codes.new_query_code(), secret_digest=codes.digest(secret),
        submission_token=token, channel=channel, arrived_at=arrived_at, received_on=received_on,
        receipt_rule=rule if received_on else "", entered_by=entered_by,
        applicant_user=data.get("applicant_user"),
        status=Status.IN_PROGRESS if received_on else Status.SUBMITTED, **fields)
    events = [ApplicationEvent(kind=EventKind.SUBMITTED, on=timezone.localdate(arrived_at), data={"channel": channel},
                               actor=entered_by)]
    if received_on:
        events.append(ApplicationEvent(kind=EventKind.RECEIPT_CONFIRMED, on=received_on, data={"rule": rule},
                                       actor=entered_by))
    # The clock replays the events about to be stored, so the deadline goes in with the row.
    view = deadline.evaluate(app, today=today(clock), events=events)
    app.due_on, app.due_provisional = view.due_on, view.provisional
    insert(app)
    for upload in data.get("attachments", ()):
        upload.save_for(app)
    for event in events:
        event.application = app
    insert(*events)
    if received_on:
        letters.issue_receipt(app, events[-1])  # 接收回执 with the statutory deadline
    log(app, "applications.submitted" if entered_by is None else "applications.registered", actor=actor,
        actor_label="" if actor else f"申请人（查询码 {app.query_code}）",
        data={"channel": channel, "received_on": received_on, "rule": rule}, clock=clock)
    return app, secret


def confirm_receipt(app: Application, *, received_on: dt.date, actor, clock: Clock | None = None) -> Application:
    """条例第三十一条: fix the legal receipt date of an online/fax/e-mail/plain-letter application."""
    with transaction.atomic():
        app = _lock(app)
        _require_status(app, Status.SUBMITTED, action="确认收到")
        _require_not_future(received_on, "收到日期", clock)
        app.received_on, app.receipt_rule = received_on, CHANNEL_RULES[Channel(app.channel)]
        app.confirmed_by, app.status = actor, Status.IN_PROGRESS
        app.save(update_fields=["received_on", "receipt_rule", "confirmed_by", "status"])
        event = _record(app, EventKind.RECEIPT_CONFIRMED, received_on, actor=actor, data={"rule": app.receipt_rule},
                        clock=clock)
        letters.issue_receipt(app, event)
        return app


# ── 补正 (条例第三十条) ─────────────────────────────────────────────────────────────────────────

def request_correction(app: Application, *, items: list[str], sent_on: dt.date, actor,
                       clock: Clock | None = None) -> Application:
    items = [i.strip() for i in items if i and i.strip()]
    if not items:
        raise refuse("correction_without_items", "补正通知必须一次性列明需要补正的全部事项（条例第三十条）。")
    with transaction.atomic():
        app = _lock_disclosure_step(app, Status.IN_PROGRESS, action="发出补正通知")
        _require_not_future(sent_on, "补正通知日期", clock)
        notice_due = deadline.correction_notice_due(app)
        if sent_on > notice_due:
            raise refuse("correction_too_late", f"补正通知应在收到申请之日起7个工作日内（{notice_due:%Y-%m-%d}前）发出"
                         "（条例第三十条），现已超过期限，不能再要求补正。", due=notice_due)
        second = app.events.filter(kind=EventKind.CORRECTION_REQUESTED).exists()
        correction_due = deadline.add_workdays(sent_on, app.agency.correction_period_days)
        app.status = Status.CORRECTION
        app.save(update_fields=["status"])
        event = _record(app, EventKind.CORRECTION_REQUESTED, sent_on, actor=actor, clock=clock,
                        data={"items": items, "correction_due": correction_due.isoformat(), "second_round": second})
        letters.issue_correction(app, event)
        return app


def receive_correction(app: Application, *, received_on: dt.date, actor, clock: Clock | None = None) -> Application:
    """The corrected application restarts the 20-working-day clock (条例第三十条)."""
    with transaction.atomic():
        app = _lock_disclosure_step(app, Status.CORRECTION, action="登记补正材料")
        _require_not_future(received_on, "补正材料收到日期", clock)
        app.status = Status.IN_PROGRESS
        app.save(update_fields=["status"])
        _record(app, EventKind.CORRECTION_RECEIVED, received_on, actor=actor, clock=clock)
        return app


# ── extension (条例第三十三条第二款) ───────────────────────────────────────────────────────────────

def approve_extension(app: Application, *, workdays: int, reason: str, notified_on: dt.date, actor,
                      clock: Clock | None = None) -> Application:
    from gongkai_web.accounts.access import can_approve

    if not can_approve(actor, app.agency):
        raise refuse("extension_needs_office_head", "延期答复须经政府信息公开工作机构负责人同意（条例第三十三条），"
                     "只有本机关的审批人可以批准延期。")
    if not 1 <= workdays <= MAX_EXTENSION_WORKDAYS:
        raise refuse("extension_too_long", "延长的期限最长不得超过20个工作日（条例第三十三条）。", workdays=workdays)
    if not reason.strip():
        raise refuse("extension_without_reason", "请填写延期理由。")
    with transaction.atomic():
        app = _lock_disclosure_step(app, Status.IN_PROGRESS, Status.CONSULTING, Status.FEE_PENDING, action="批准延期")
        if app.events.filter(kind=EventKind.EXTENSION_APPROVED).exists():
            raise refuse("extension_twice", "答复期限只能延长一次（条例第三十三条），本申请已经延期。")
        _require_not_future(notified_on, "延期告知日期", clock)
        current = deadline.evaluate(app).due_on
        # 条例第三十三条第二款: approved by the office head and notified before the deadline. The approval
        # is given here, today: once the deadline has passed no typed earlier date can bring it back
        # (and ``notified_on`` is not after today, so it is not after the deadline either).
        recorded = today(clock)
        if current and recorded > current:
            raise refuse("extension_after_deadline", f"延期须在答复期限届满前（{current:%Y-%m-%d}前）经负责人同意并告知申请人；"
                         f"今天（{recorded:%Y-%m-%d}）期限已过，不能再延期，填写更早的告知日期也不能补批。",
                         due=current, recorded_on=recorded)
        event = _record(app, EventKind.EXTENSION_APPROVED, notified_on, actor=actor, clock=clock,
                        data={"workdays": workdays, "reason": reason.strip(), "approver": actor.get_username()})
        letters.issue_extension(app, event, original_due=current)
        return app


# ── consultation (条例第三十二条、第三十四条) ───────────────────────────────────────────────────────

CONSULTEE_KINDS = {"third_party": "第三方", "agency": "其他机关"}


def start_consultation(app: Application, *, consultee_kind: str, consultee: str, sent_on: dt.date,
                       consultee_received_on: dt.date | None = None, actor,
                       clock: Clock | None = None) -> Application:
    if consultee_kind not in CONSULTEE_KINDS:
        raise refuse("bad_consultee_kind", "征求意见对象应为第三方或其他机关。")
    if not consultee.strip():
        raise refuse("consultee_missing", "请填写征求意见对象的名称。")
    with transaction.atomic():
        app = _lock_disclosure_step(app, Status.IN_PROGRESS, action="征求意见")
        _require_not_future(sent_on, "征求意见函发出日期", clock)
        received = consultee_received_on or sent_on
        _require_not_before(received, sent_on, "对方收到日期", "发出日期")
        app.status = Status.CONSULTING
        app.save(update_fields=["status"])
        event = _record(app, EventKind.CONSULTATION_STARTED, sent_on, actor=actor, clock=clock, data={
            "consultee_kind": consultee_kind, "consultee": consultee.strip(),
            "consultee_received_on": received.isoformat(),
            "answer_due": deadline.add_workdays(received, CONSULTATION_WORKDAYS).isoformat()})
        letters.issue_consultation(app, event)  # 征求意见函 / 征求第三方意见书, to the consultee
        letters.issue_consultation_notice(app, event)  # 征求意见告知书, to the applicant (第三十三条第三款)
        return app


POSITIONS = {"consent": "同意公开", "object": "不同意公开", "silent": "逾期未答复"}


def answer_consultation(app: Application, *, answered_on: dt.date, position: str, reasons: str = "", actor,
                        clock: Clock | None = None) -> Application:
    if position not in POSITIONS:
        raise refuse("bad_position", "意见应为同意公开、不同意公开或逾期未答复。")
    with transaction.atomic():
        app = _lock_disclosure_step(app, Status.CONSULTING, action="登记征求意见结果")
        _require_not_future(answered_on, "意见收到日期", clock)
        started = _last_event(app, EventKind.CONSULTATION_STARTED)
        due = dt.date.fromisoformat(started.data["answer_due"])
        if position == "silent" and answered_on < due:
            raise refuse("silence_too_early", f"对方答复期限到{due:%Y-%m-%d}才届满，此前不能按逾期未答复处理。", due=due)
        app.status = Status.IN_PROGRESS
        app.save(update_fields=["status"])
        # 条例第三十四条: another agency's silence is deemed consent; a third party's is not (第三十二条).
        deemed = "consent" if position == "silent" and started.data["consultee_kind"] == "agency" else position
        _record(app, EventKind.CONSULTATION_ANSWERED, answered_on, actor=actor, clock=clock,
                data={"position": position, "deemed": deemed, "reasons": reasons.strip()})
        return app


def third_party_objections(app: Application) -> list[tuple[ApplicationEvent, ApplicationEvent]]:
    """(consultation, answer) pairs where a consulted third party objected in writing (条例第三十二条).
    Consultations run one at a time (the status is 征求意见中 until answered), so each answer belongs
    to the consultation started before it."""
    pairs, started = [], None
    for event in app.events.filter(kind__in=[EventKind.CONSULTATION_STARTED, EventKind.CONSULTATION_ANSWERED]) \
            .order_by("on", "id"):
        if event.kind == EventKind.CONSULTATION_STARTED:
            started = event
        elif started is not None:
            if started.data.get("consultee_kind") == "third_party" and event.data.get("position") == "object":
                pairs.append((started, event))
            started = None
    return pairs


# ── 条例第三十五条: asking for reasons, a reasonable later deadline ───────────────────────────────

def request_reasons(app: Application, *, volume: str, reasons_due: dt.date, sent_on: dt.date, actor,
                    clock: Clock | None = None) -> Application:
    """条例第三十五条: the number or frequency of the applicant's applications clearly exceeds a reasonable
    range; the agency asks for reasons by ``reasons_due`` (说明理由告知书). The statute does not pause the
    reply period for this, so the clock runs on; the outcome is either a reasonable later deadline
    (``notify_reasonable_time``) or 不予处理 (``not_processed_mass_repeat``)."""
    if not volume.strip():
        raise refuse("art35_without_volume", "请写明申请人申请的数量和频次（条例第三十五条）。")
    with transaction.atomic():
        app = _lock_disclosure_step(app, Status.IN_PROGRESS, action="要求申请人说明理由")
        if app.events.filter(kind=EventKind.REASONS_REQUESTED).exists():
            raise refuse("art35_reasons_twice", "本申请已经要求申请人说明理由。")
        if app.events.filter(kind=EventKind.REASONABLE_TIME_NOTICE).exists():
            raise refuse("art35_already_decided", "本申请已确定延迟答复的合理期限，不能再要求说明理由。")
        _require_not_future(sent_on, "告知日期", clock)
        if reasons_due <= sent_on:
            raise refuse("art35_reasons_due_too_early", f"说明理由的期限（{reasons_due:%Y-%m-%d}）应晚于告知日期。",
                         reasons_due=reasons_due)
        event = _record(app, EventKind.REASONS_REQUESTED, sent_on, actor=actor, clock=clock,
                        data={"volume": volume.strip(), "reasons_due": reasons_due.isoformat()})
        letters.issue_reasons_request(app, event)
        return app


def record_reasons(app: Application, *, answered_on: dt.date, reasons: str = "", actor,
                   clock: Clock | None = None) -> Application:
    """条例第三十五条: what the applicant answered to the 说明理由告知书, kept with the application so that
    the decision that follows (a reasonable later deadline, or 不予处理 as 无正当理由大量反复申请) rests
    on the record. No answer (``reasons`` empty) can be recorded only once the period to answer has
    passed. Like the request, the answer does not touch the reply clock."""
    reasons = reasons.strip()
    with transaction.atomic():
        app = _lock_disclosure_step(app, Status.IN_PROGRESS, action="登记申请人说明的理由")
        requested = _last_event(app, EventKind.REASONS_REQUESTED)
        if requested is None:
            raise refuse("art35_not_requested", "本申请没有要求申请人说明理由，无需登记。")
        if app.events.filter(kind=EventKind.REASONS_ANSWERED).exists():
            raise refuse("art35_answer_twice", "申请人说明的理由已经登记。")
        _require_not_future(answered_on, "收到理由日期", clock)
        due = dt.date.fromisoformat(requested.data["reasons_due"])
        if not reasons and answered_on <= due:
            raise refuse("art35_silence_too_early", f"说明理由的期限到{due:%Y-%m-%d}才届满，此前不能登记为逾期未说明理由；"
                         "申请人已作说明的，请填写其理由。", due=due)
        _record(app, EventKind.REASONS_ANSWERED, answered_on, actor=actor, clock=clock,
                data={"reasons": reasons, "answered": bool(reasons), "late": answered_on > due})
        return app


def notify_reasonable_time(app: Application, *, actor, until: dt.date, reason: str, notified_on: dt.date | None = None,
                           clock: Clock | None = None) -> Application:
    """条例第三十五条: the applicant's volume or frequency of applications is reasonable but cannot be
    answered within art. 33's period; the agency sets a reasonable later deadline and tells the
    applicant (延迟答复告知书, issued here). Whether the notice is allowed now (not during a 补正, consultation or
    fee period; later than the current deadline) is the core clock's rule (``ReasonableTimeNotice``):
    the event is replayed before it is stored, and the core's message is shown when it refuses."""
    if not reason.strip():
        raise refuse("art35_without_reason", "请填写确定延迟答复期限的理由（条例第三十五条）。")
    on = notified_on or today(clock)
    with transaction.atomic():
        app = _lock_disclosure_step(app, Status.IN_PROGRESS, action="依条例第三十五条确定延迟答复期限")
        _require_not_future(on, "告知日期", clock)
        _require_in_order(app, EventKind.REASONABLE_TIME_NOTICE, on)  # before the clock replays it
        data = {"due_on": until.isoformat(), "reason": reason.strip()}
        events = [*deadline.core_events(app),
                  *deadline.events_from_records([(EventKind.REASONABLE_TIME_NOTICE, on, data)])]
        try:
            deadline.replay(events)
        except GongkaiError as exc:
            raise refuse("art35_refused", exc.message, until=until) from None
        current = deadline.evaluate(app).due_on
        event = _record(app, EventKind.REASONABLE_TIME_NOTICE, on, actor=actor, clock=clock, data=data)
        letters.issue_reasonable_time(app, event, original_due=current)  # 延迟答复告知书
        return app


# ── 信息处理费 ─────────────────────────────────────────────────────────────────────────────────

def same_applicant(app: Application):
    """The applications of ``app``'s applicant (legal-rules §6.5 “same applicant”): the same citizen by
    ID document and number, the same organisation by 统一社会信用代码; without either, the same
    applicant account; otherwise only ``app`` itself. Identities are never merged automatically."""
    if app.applicant_type == "organisation" and app.credit_code:
        return Application.objects.filter(applicant_type="organisation", credit_code=app.credit_code)
    if app.id_number:
        return Application.objects.filter(id_type=app.id_type, id_number=app.id_number)
    if app.applicant_user_id:
        return Application.objects.filter(applicant_user_id=app.applicant_user_id)
    return Application.objects.filter(pk=app.pk)


def fee_item_number(app: Application) -> int:
    """按件计收 (国办函〔2020〕109号): the position of ``app`` among its applicant's applications *to this
    agency* in the calendar month of its receipt date, counting this one — “本月第N件”.

    Counting unit (legal-rules §6.2): cumulative items of the same applicant within one natural month;
    §6.5: an item counts in the month of its ``received_on``; a split application counts once per part
    (§6.2 一事一申请, worked examples in §6.6). §6 names no wider unit than the applicant's applications
    to the agency that charges, and an agency knows only its own records, so the count is per agency.
    Order within the month: receipt date, then arrival, then entry (split parts follow their original)."""
    if app.received_on is None:
        raise refuse("fee_before_receipt", "尚未确认收到申请，不能计算本月件数。")
    month = app.received_on.replace(day=1)
    earlier = (Q(received_on__lt=app.received_on)
               | Q(received_on=app.received_on, arrived_at__lt=app.arrived_at)
               | Q(received_on=app.received_on, arrived_at=app.arrived_at, pk__lte=app.pk))
    return same_applicant(app).filter(earlier, agency_id=app.agency_id, received_on__gte=month,
                                      kind=RequestKind.DISCLOSURE).count()  # not 条例第四十一条 corrections


def fee_for(app: Application, *, pages: int | None = None) -> tuple[int, str]:
    """The fee of ``app`` under its agency's published mode, with the basis the notice states:
    按件 from the records (``fee_item_number``), 按量 from the page count staff enter."""
    from gongkai import fees

    if app.agency.fee_mode == "per_page":
        if not pages or pages < 1:
            raise refuse("fee_pages_missing", "按量计收须填写页数。")
        return int(fees.per_page_fee(pages)), f"按量计收，{pages}页"
    n = fee_item_number(app)
    return int(fees.per_item_fee_for_item(n)), \
        f"按件计收，本申请为申请人{app.received_on:%Y}年{app.received_on.month}月向本机关提出的第{n}件申请"


def send_fee_notice(app: Application, *, sent_on: dt.date, pages: int | None = None,
                    applicant_received_on: dt.date | None = None, actor, clock: Clock | None = None) -> Application:
    """The amount comes from ``gongkai.fees`` via ``fee_for``: the item position is computed from the
    records, never typed; only a per-page agency's page count is entered."""
    if app.agency.fee_mode == "none":
        raise refuse("agency_does_not_charge", f"“{app.agency.name}”的公开指南未公布收费方式，不能收取信息处理费。")
    with transaction.atomic():
        app = _lock_disclosure_step(app, Status.IN_PROGRESS, action="发出收费通知")
        if app.events.filter(kind=EventKind.FEE_NOTICE_SENT).exists():
            raise refuse("fee_twice", "本申请已经发出过收费通知。")
        amount_yuan, basis = fee_for(app, pages=pages)
        if amount_yuan <= 0:
            raise refuse("fee_zero", f"按标准计算的费用为0元（{basis}），不需要发出收费通知。", basis=basis)
        _require_not_future(sent_on, "收费通知日期", clock)
        received = applicant_received_on or sent_on
        _require_not_before(received, sent_on, "申请人收到日期", "发出日期")
        app.status = Status.FEE_PENDING
        app.save(update_fields=["status"])
        event = _record(app, EventKind.FEE_NOTICE_SENT, sent_on, actor=actor, clock=clock, data={
            "amount_yuan": amount_yuan, "basis": basis, "applicant_received_on": received.isoformat(),
            "payment_due": deadline.add_workdays(received, FEE_PAYMENT_WORKDAYS).isoformat()})
        letters.issue_fee_notice(app, event)
        return app


def record_fee_payment(app: Application, *, paid_on: dt.date, receipt_number: str = "", actor,
                       clock: Clock | None = None) -> Application:
    with transaction.atomic():
        app = _lock_disclosure_step(app, Status.FEE_PENDING, action="登记缴费")
        _require_not_future(paid_on, "缴费日期", clock)
        notice = _last_event(app, EventKind.FEE_NOTICE_SENT)
        due = dt.date.fromisoformat(notice.data["payment_due"])
        if paid_on > due:
            raise refuse("fee_paid_late", f"缴费期限已于{due:%Y-%m-%d}届满，申请视为放弃，应按“逾期未缴费”办结。", due=due)
        app.status = Status.IN_PROGRESS
        app.save(update_fields=["status"])
        _record(app, EventKind.FEE_PAID, paid_on, actor=actor, clock=clock, data={"receipt_number": receipt_number})
        return app


# ── conclusion ───────────────────────────────────────────────────────────────────────────────

def reply_application(app: Application, *, outcome: str, decided_on: dt.date, reasons: str = "",
                      withheld: Iterable[Mapping[str, str]] = (), public_interest: str = "", actor,
                      clock: Clock | None = None) -> Application:
    """Conclude with an outcome of legal-rules §9 (``gongkai.outcomes``) and issue its 答复书.

    ``reasons`` is the outcome's free text (reasons, where it was published, the responsible agency,
    the earlier reply …: ``letters.REPLY_TEXT_FIELD``). A 部分公开 lists every withheld part as
    ``{"description", "ground", "reason"}`` (条例第三十七条; legal-rules §7.4). Disclosing what a consulted
    third party objected to needs ``public_interest``: why withholding would seriously affect the public
    interest; each objecting third party is then sent a 公开决定告知书 (条例第三十二条)."""
    from gongkai import outcomes as core_outcomes

    if outcome not in core_outcomes.OUTCOMES:
        raise refuse("unknown_outcome", f"“{outcome}”不是法定的办理结果。", outcome=outcome)
    parts = [{k: (part.get(k) or "").strip() for k in ("description", "ground", "reason")} for part in withheld]
    if parts and outcome != "partly_granted":
        raise refuse("withheld_parts_not_partial", "只有部分公开才列明不予公开的部分；请改选“部分公开”或删去不予公开的部分。")
    public_interest = public_interest.strip()
    with transaction.atomic():
        app = _lock(app)
        _require_disclosure(app, action="按政府信息公开申请的办理结果答复")
        _require_not_future(decided_on, "答复日期", clock)
        _check_outcome_allowed(app, outcome, decided_on)
        overridden = _check_objections(app, outcome, parts, public_interest)
        app.status, app.outcome, app.concluded_on = Status.CLOSED, outcome, decided_on
        app.save(update_fields=["status", "outcome", "concluded_on"])
        data: dict[str, Any] = {"outcome": outcome, "reasons": reasons.strip()}
        if parts:
            data["withheld"] = parts
        if overridden:
            data["public_interest"] = public_interest
        event = _record(app, EventKind.REPLIED, decided_on, actor=actor, clock=clock, data=data)
        letters.issue_reply(app, event, text=reasons.strip())
        for consultation, objection in overridden:
            letters.issue_disclosure_decision(app, event, consultation=consultation, objection=objection,
                                              public_interest=public_interest)
        return app


#: Outcomes that release information a consulted third party may have objected to.
DISCLOSING_OUTCOMES = frozenset({"granted", "partly_granted"})


def _check_objections(app: Application, outcome: str, parts: list[dict[str, str]],
                      public_interest: str) -> list[tuple[ApplicationEvent, ApplicationEvent]]:
    """条例第三十二条: a third party's reasoned objection means the information is withheld, unless the
    agency finds that withholding would seriously affect the public interest — then it discloses and
    tells the third party what and why. Returns the objections the reply overrides."""
    objections = third_party_objections(app) if outcome in DISCLOSING_OUTCOMES else []
    if public_interest and not objections:
        raise refuse("public_interest_without_objection", "只有第三方书面不同意公开而本机关仍决定公开时，才填写公共利益理由"
                     "（条例第三十二条）。")
    if not objections or public_interest:
        return objections
    if outcome == "partly_granted" and any(p["ground"] == "withheld_third_party" for p in parts):
        return []  # the objected information is among the withheld parts (第十五条)
    consultation, objection = objections[0]
    raise refuse("objection_not_addressed",
                 f"第三方“{consultation.data['consultee']}”已于{objection.on:%Y-%m-%d}书面表示不同意公开。第三方不同意公开"
                 "且有合理理由的，应当不予公开（部分公开时列为不予公开的部分，依据第十五条）；认为不公开可能对公共利益造成"
                 "重大影响而决定公开的，请填写公共利益理由，本机关将书面告知第三方（条例第三十二条）。",
                 consultee=consultation.data["consultee"])


def _check_outcome_allowed(app: Application, outcome: str, on: dt.date) -> None:
    if outcome == "abandoned_no_correction":
        _require_status(app, Status.CORRECTION, action="按“逾期不补正”办结")
        due = dt.date.fromisoformat(_last_event(app, EventKind.CORRECTION_REQUESTED).data["correction_due"])
        if on <= due:
            raise refuse("correction_period_running", f"补正期限到{due:%Y-%m-%d}才届满，此前不能按逾期不补正办结。", due=due)
    elif outcome == "abandoned_no_fee":
        _require_status(app, Status.FEE_PENDING, action="按“逾期未缴费”办结")
        due = dt.date.fromisoformat(_last_event(app, EventKind.FEE_NOTICE_SENT).data["payment_due"])
        if on <= due:
            raise refuse("fee_period_running", f"缴费期限到{due:%Y-%m-%d}才届满，此前不能按逾期未缴费办结。", due=due)
    else:
        _require_status(app, Status.IN_PROGRESS, action="作出答复")
        if outcome == "not_processed_mass_repeat" and not app.events.filter(kind=EventKind.REASONS_REQUESTED).exists():
            raise refuse("mass_repeat_without_reasons_request", "按“无正当理由大量反复申请”不予处理前，应当先要求申请人"
                         "说明理由（条例第三十五条）；本申请尚未要求说明理由。")
        if outcome == "unclear_after_correction" and not app.events.filter(kind=EventKind.CORRECTION_RECEIVED).exists():
            raise refuse("no_correction_received", "只有申请人补正后内容仍不明确，才能按“补正后申请内容仍不明确”答复"
                         "（条例第三十条）；本申请尚未补正。")


# ── 更正 (条例第四十一条) ─────────────────────────────────────────────────────────────────────────

#: The answers to a correction request (条例第四十一条), as the 更正答复书 names them.
CORRECTION_RESULTS = core_letters.CORRECTION_RESULTS
#: The answers that name the agency with power to correct.
TO_COMPETENT_AGENCY = frozenset({"forwarded", "redirected"})


def reply_correction(app: Application, *, result: str, decided_on: dt.date, details: str, forwarded_to: str = "",
                     actor, clock: Clock | None = None) -> Application:
    """Answer a request to correct a record about the requester (条例第四十一条) and issue the 更正答复书:
    ``corrected`` (verified and corrected; ``details`` says what now reads how), ``forwarded`` to the
    agency with power to correct (``forwarded_to``), ``redirected`` (the requester is told to apply to
    ``forwarded_to``), or ``not_verified`` (the evidence does not show the record to be inaccurate;
    ``details`` gives the reasons). The request is closed; it has no outcome of legal-rules §9 and is
    not counted in table 3 (decision 14)."""
    if result not in CORRECTION_RESULTS:
        known = "、".join(CORRECTION_RESULTS.values())
        raise refuse("unknown_correction_result", f"“{result}”不是更正申请的处理结果（可选：{known}）。", result=result)
    details, forwarded_to = details.strip(), forwarded_to.strip()
    if result in TO_COMPETENT_AGENCY and not forwarded_to:
        raise refuse("competent_agency_missing", "转送有权机关处理或者告知向有权机关提出时，须写明有权更正的行政机关"
                     "（条例第四十一条）。")
    if result not in TO_COMPETENT_AGENCY and forwarded_to:
        raise refuse("competent_agency_not_needed", "只有转送有权机关处理或者告知向有权机关提出时才填写有权更正的行政机关；"
                     "本机关自行更正或者不予更正时请删去。")
    if result not in TO_COMPETENT_AGENCY and not details:
        raise refuse("correction_details_missing", "请写明更正的内容（已予更正），或者经审核不属实、不予更正的理由。")
    with transaction.atomic():
        app = _lock(app)
        if app.kind != RequestKind.CORRECTION:
            raise refuse("not_a_correction_request", "本件是政府信息公开申请，不是要求更正政府信息记录的申请（条例第四十一条），"
                         "不能作出更正答复；请按政府信息公开申请的办理结果答复。")
        _require_status(app, Status.IN_PROGRESS, action="作出更正答复")
        _require_not_future(decided_on, "答复日期", clock)
        app.status, app.concluded_on = Status.CLOSED, decided_on
        app.save(update_fields=["status", "concluded_on"])
        event = _record(app, EventKind.REPLIED, decided_on, actor=actor, clock=clock, action="applications.correction_replied",
                        data={"correction_result": result, "details": details, "forwarded_to": forwarded_to})
        letters.issue_correction_reply(app, event)
        return app


def withdraw_application(app: Application, *, on: dt.date, reason: str = "", actor,
                         clock: Clock | None = None) -> Application:
    """The applicant withdraws; counted under （六）3.其他 of table 3."""
    with transaction.atomic():
        app = _lock(app)
        _require_status(app, *OPEN_STATUSES, action="撤回")
        _require_not_future(on, "撤回日期", clock)
        app.status, app.outcome, app.concluded_on = Status.WITHDRAWN, "other", on
        if app.received_on is None:  # never received: concluded the day it arrived, never counted as open
            app.received_on = on
        app.save(update_fields=["status", "outcome", "concluded_on", "received_on"])
        _record(app, EventKind.WITHDRAWN, on, actor=actor, clock=clock, data={"reason": reason.strip()})
        return app


def split_application(app: Application, *, items: Iterable[str], actor, clock: Clock | None = None) -> list[Application]:
    """一事一申请 (国办函〔2020〕109号, legal-rules §6.2): split a multi-item application into one application
    per item.

    The first item stays on the original; each further item becomes an application with the same
    applicant, channel and receipt date, so deadlines, the annual count and the per-item fee count
    follow each item. The new applications keep the applicant's query password (same digest): the
    applicant tracks them with the password already given, from the original's tracking page. The
    split event records the original description and the new query codes, and a 拆分申请告知书 tells
    the applicant which query code asks for what."""
    from gongkai.letters import SplitPart

    items = [i.strip() for i in items if i and i.strip()]
    if len(items) < 2:
        raise refuse("split_needs_two", "拆分至少需要两个事项，每行一项。")
    with transaction.atomic():
        app = _lock_disclosure_step(app, Status.IN_PROGRESS, action="拆分")
        on = today(clock)
        _require_in_order(app, EventKind.SPLIT, on)
        children = [_clone(app, description, actor) for description in items[1:]]
        event = _record(app, EventKind.SPLIT, on, actor=actor, clock=clock,
                        data={"children": [c.query_code for c in children], "items": items,
                              "original_description": app.description})
        parts = [SplitPart(app.query_code, items[0], app.due_on),
                 *(SplitPart(c.query_code, c.description, c.due_on) for c in children)]
        letters.issue(app, "split", issued_on=on, event=event, split_parts=tuple(parts))  # quotes the original request
        app.description = items[0]
        app.save(update_fields=["description"])
        for child in children:
            log(child, "applications.split_created", actor=actor, data={"from": app.query_code}, clock=clock)
        return children


def _clone(app: Application, description: str, actor) -> Application:
    fields = {f: getattr(app, f) for f in APPLICANT_FIELDS}
    child = Application.objects.create(
        **{**fields, "description": description}, agency=app.agency, query_code=codes.new_query_code(),
        secret_digest=app.secret_digest, applicant_user=app.applicant_user, parent=app, channel=app.channel,
        arrived_at=app.arrived_at, received_on=app.received_on, receipt_rule=app.receipt_rule,
        entered_by=actor, status=Status.IN_PROGRESS)
    for event in app.events.filter(kind__in=[EventKind.SUBMITTED, EventKind.RECEIPT_CONFIRMED, EventKind.CORRECTION_REQUESTED,
                                             EventKind.CORRECTION_RECEIVED]):
        ApplicationEvent.objects.create(application=child, kind=event.kind, on=event.on, data=event.data, actor=event.actor)
    deadline.refresh(child)
    return child


def refresh_provisional_deadline(app: Application, *, actor=None, include_past: bool = False,
                                 clock: Clock | None = None) -> tuple[dt.date | None, dt.date | None] | None:
    """Recompute a deadline that was counted with weekends only, once the year's holiday schedule has
    been loaded (decision 9 of docs/statute.md: recomputed when published, never silently).

    Returns ``(old, new)`` when the stored deadline changed (audited), None when nothing changed.
    A provisional deadline that has already passed is left alone unless ``include_past``: moving it
    would change whether the agency replied in time after the fact."""
    with transaction.atomic():
        app = _lock(app)
        if not app.is_open or not app.due_provisional:
            return None
        if app.due_on is not None and app.due_on < today(clock) and not include_past:
            return None
        view = deadline.evaluate(app, today=today(clock))
        old = app.due_on
        if (old, app.due_provisional) == (view.due_on, view.provisional):
            return None
        Application.objects.filter(pk=app.pk).update(due_on=view.due_on, due_provisional=view.provisional)
        log(app, "applications.deadline_recomputed", actor=actor,
            data={"old": old, "new": view.due_on, "provisional": view.provisional}, clock=clock)
        return old, view.due_on


def unmask_applicant(app: Application, *, actor, clock: Clock | None = None) -> None:
    """Record that ``actor`` looked at the full personal identifiers (ecosystem §6.3)."""
    from gongkai_web.accounts.access import can_unmask

    if not can_unmask(actor, app.agency):
        raise refuse("unmask_forbidden", "您的角色无权查看申请人的完整个人信息。")
    log(app, "applications.identifiers_unmasked", actor=actor, clock=clock)
