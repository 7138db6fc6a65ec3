"""The statutory reply clock, as a pure function of the recorded events (legal-rules §3–§4).

``compute_deadline(received_on, events)`` replays an application's clock events in date order
and returns the current reply deadline, whether it rests on a provisional calendar, the other
dates the events create (补正 notice due, consultee answer due, payment due) and a step-by-step
explanation in Chinese (``explanation``) and English (``explanation_en``). Impossible sequences
raise ``ClockError`` with a stable ``code`` and a Chinese message. The web platform stores the
events and replays them here (``events_from_records`` / ``reply_deadline``).

Decisions recorded here (legal-rules §10):

* The receipt day is never counted; day 1 is the first working day after it (§4.2 rule 1), also
  when the receipt date is a rest day (§4.2 rule 4: the earlier, safer deadline).
* Pauses are ``(start, end]``: the day a consultation letter or fee notice goes out still counts
  when it is a working day; the working days after it up to and including the day the answer or
  payment arrives do not (§4.3, §10.5).
* A consultation pause ends when the answer arrives or, at the latest, when the consultee's 15
  working days expire (条例第三十二条、第三十四条: silence does not stop the clock for longer).
* An open pause (consultation unanswered, fee unpaid) is projected to its latest possible end
  (the consultee's or the payment due date), and the result says it is paused.
* 补正 stops the clock; the corrected application's receipt starts a fresh 20-day period
  (条例第三十条). A second 补正 round is allowed with a warning (§10.8).
* Extension and the art. 35 notice must be given on or before the current deadline (§10.7); the
  deadline day itself is still within the period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from gongkai.errors import GongkaiError
from gongkai.labels import CHANNELS_IN_STATUTE_WORDS
from gongkai.workdays import FIRST_YEAR, LAST_YEAR, CalendarError, Pause, WorkdayCalendar, default_calendar

REPLY_WORKDAYS = 20  # 条例第三十三条第二款
MAX_EXTENSION_WORKDAYS = 20  # 条例第三十三条第二款
CORRECTION_NOTICE_WORKDAYS = 7  # 条例第三十条
CONSULTATION_WORKDAYS = 15  # 条例第三十二条（第三方）、第三十四条（其他机关）
FEE_PAYMENT_WORKDAYS = 20  # 《政府信息公开信息处理费管理办法》
#: The calendar covers FIRST_YEAR–LAST_YEAR (``gongkai.workdays``): a period of more working days
#: than that span has calendar days cannot end inside it, whatever the receipt date. Longer ones
#: are refused up front (they would overflow the date arithmetic, not merely leave the calendar).
MAX_PERIOD_WORKDAYS = (dt.date(LAST_YEAR, 12, 31) - dt.date(FIRST_YEAR, 1, 1)).days

ConsulteeKind = Literal["third_party", "agency"]
CONSULTEES: dict[str, tuple[str, str, str]] = {
    "third_party": ("第三方", "third party", "条例第三十二条"),
    "agency": ("其他机关", "other agency", "条例第三十四条"),
}

#: What a consultee can answer (条例第三十二条: consent, objection, or no answer by the deadline).
CONSULTATION_POSITIONS: dict[str, str] = {
    "consent": "同意公开",
    "object": "不同意公开",
    "silent": "逾期未答复",
}


def correction_notice_due(received_on: dt.date, *, calendar: WorkdayCalendar | None = None) -> dt.date:
    """条例第三十条: a 补正 notice goes out within 7 working days of receipt."""
    return (calendar or default_calendar()).add_working_days(received_on, CORRECTION_NOTICE_WORKDAYS)


def consultation_due(consultee_received_on: dt.date, *, calendar: WorkdayCalendar | None = None) -> dt.date:
    """条例第三十二条、第三十四条: the consultee answers within 15 working days of receiving the letter."""
    return (calendar or default_calendar()).add_working_days(consultee_received_on, CONSULTATION_WORKDAYS)


def payment_due(applicant_received_on: dt.date, *, calendar: WorkdayCalendar | None = None) -> dt.date:
    """《信息处理费管理办法》: the applicant pays within 20 working days of receiving the fee notice."""
    return (calendar or default_calendar()).add_working_days(applicant_received_on, FEE_PAYMENT_WORKDAYS)


def working_days_left(
    clock_start: dt.date, due_on: dt.date, today: dt.date, *, calendar: WorkdayCalendar | None = None
) -> int:
    """The working days of the reply period still to come on ``today``, today included once the period
    has begun (a reply sent on the due day is in time). The period counts from the day after
    ``clock_start`` (条例第三十三条、民法典第二百零一条: the day of receipt is not counted), so on the day of
    receipt all 20 working days remain, and on the due day one. 0 once ``today`` is past ``due_on``."""
    first_counted = max(today, clock_start + dt.timedelta(days=1))
    return (calendar or default_calendar()).working_days_between(first_counted - dt.timedelta(days=1), due_on)


class ClockError(GongkaiError):
    """An event sequence the statute does not allow, or bad input to the clock."""

    code = "deadlines.error"


def _fail(code: str, message: str, message_en: str, **params: Any) -> ClockError:
    return ClockError(message, code=f"deadlines.{code}", message_en=message_en, **params)


# ── receipt (条例第三十一条) ─────────────────────────────────────────────────────────────────

#: The channels of receipt as the 接收回执 and the statute name them (one vocabulary: ``gongkai.labels``).
CHANNELS: dict[str, str] = CHANNELS_IN_STATUTE_WORDS


@dataclass(frozen=True, slots=True)
class Receipt:
    received_on: dt.date
    rule: str  # Chinese, for the 接收回执 and the audit trail
    rule_en: str


def legal_receipt_date(channel: str, *, arrived_on: dt.date, confirmed_on: dt.date | None = None) -> Receipt:
    """The legal receipt date for ``channel`` (legal-rules §4.1), from the arrival date and, for
    channels that need it, the date receipt was confirmed with the applicant."""
    if channel not in CHANNELS:
        raise _fail(
            "unknown_channel",
            f"未知的申请渠道“{channel}”，应为：{'、'.join(CHANNELS)}。",
            f"unknown channel {channel!r}",
            channel=channel,
        )
    if channel in ("in_person", "oral"):
        return Receipt(
            arrived_on,
            "当面提交的，以提交之日为收到之日（条例第三十一条第（一）项）",
            "in person: the day it is handed in (art. 31(1))",
        )
    if channel == "post_signed":
        return Receipt(
            arrived_on,
            "邮寄需签收的，以行政机关签收之日为收到之日（条例第三十一条第（二）项）",
            "signed post: the day the agency signs for it (art. 31(2))",
        )
    if confirmed_on is None:
        raise _fail(
            "confirmation_missing",
            f"通过“{CHANNELS[channel]}”提交的申请，须以与申请人确认之日为收到之日，请填写确认日期。",
            f"{channel}: the confirmation date is required",
            channel=channel,
        )
    if confirmed_on < arrived_on:
        raise _fail(
            "confirmed_before_arrival",
            f"确认日期 {confirmed_on} 早于申请到达日期 {arrived_on}。",
            f"confirmed {confirmed_on} before arrival {arrived_on}",
        )
    if channel == "post_unsigned":
        return Receipt(
            confirmed_on,
            "平信邮寄的，以与申请人确认之日为收到之日（条例第三十一条第（二）项）",
            "ordinary letter: the day receipt is confirmed with the applicant (art. 31(2))",
        )
    return Receipt(
        confirmed_on,
        "通过互联网渠道或传真提交的，以双方确认之日为收到之日（条例第三十一条第（三）项）",
        "online, e-mail or fax: the day both sides confirm (art. 31(3))",
    )


# ── events ──────────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class Received:
    """The legal receipt (only in replayed records; ``compute_deadline`` takes the date itself)."""

    on: dt.date


@dataclass(frozen=True, slots=True)
class CorrectionRequested:
    """补正告知书 sent (条例第三十条); ``correction_due`` is the period the agency set."""

    on: dt.date
    correction_due: dt.date | None = None


@dataclass(frozen=True, slots=True)
class CorrectionReceived:
    """The corrected application arrived: the 20 working days start again from this day."""

    on: dt.date


@dataclass(frozen=True, slots=True)
class ConsultationStarted:
    """A letter asking a third party (art. 32) or another agency (art. 34) for its opinion."""

    on: dt.date
    consultee: ConsulteeKind = "third_party"
    consultee_received_on: dt.date | None = None
    ref: str = ""


@dataclass(frozen=True, slots=True)
class ConsultationAnswered:
    on: dt.date
    ref: str = ""


@dataclass(frozen=True, slots=True)
class FeeNoticeSent:
    """收费通知 sent; the applicant has 20 working days from the day after receiving it to pay."""

    on: dt.date
    applicant_received_on: dt.date | None = None


@dataclass(frozen=True, slots=True)
class FeePaid:
    on: dt.date


@dataclass(frozen=True, slots=True)
class Extension:
    """延期答复: approved by the head of the disclosure office and notified on ``on``."""

    on: dt.date
    workdays: int


@dataclass(frozen=True, slots=True)
class ReasonableTimeNotice:
    """条例第三十五条: the applicant is told of a reasonable later deadline ``due_on``."""

    on: dt.date
    due_on: dt.date


@dataclass(frozen=True, slots=True)
class Paused:
    """Other time not counted, chosen deliberately by staff (e.g. an art. 17 referral to the
    secrecy authority, legal-rules §10.6): the working days in ``(on, until]`` are skipped."""

    on: dt.date
    until: dt.date
    reason: str = ""


ClockEvent = (
    Received
    | CorrectionRequested
    | CorrectionReceived
    | ConsultationStarted
    | ConsultationAnswered
    | FeeNoticeSent
    | FeePaid
    | Extension
    | ReasonableTimeNotice
    | Paused
)


#: One step of the audit trail: a key of ``_TRAIL`` and the values it quotes. The text is only
#: formatted when ``explanation`` / ``explanation_en`` is read: most replays (lists, reminders,
#: the 100,000/s target of issue 3) only want the dates.
Step = tuple[str, tuple[Any, ...]]


@dataclass(frozen=True)
class DeadlineResult:
    received_on: dt.date
    clock_start: dt.date  # the receipt, or the corrected application's receipt
    due_on: dt.date | None  # None while a 补正 is outstanding (the clock is stopped)
    provisional: bool  # some date rests on a year without a published schedule
    paused: bool  # a consultation or fee is open; due_on is projected
    correction_notice_due: dt.date  # 7 WD after receipt (条例第三十条)
    steps: tuple[Step, ...]  # the trail, unformatted (see ``explanation``)
    correction_due: dt.date | None = None
    consultee_due: tuple[dt.date, ...] = ()
    payment_due: dt.date | None = None
    extension_workdays: int = 0
    lapsed: str | None = None  # outcome code when ``as_of`` is past an unmet due date
    warnings: tuple[str, ...] = ()

    @property
    def stopped(self) -> bool:
        return self.due_on is None

    @cached_property
    def explanation(self) -> tuple[str, ...]:
        """The step-by-step explanation in Chinese, formatted on first reading."""
        return tuple(_TRAIL[key][0](*args) for key, args in self.steps)

    @cached_property
    def explanation_en(self) -> tuple[str, ...]:
        return tuple(_TRAIL[key][1](*args) for key, args in self.steps)


# ── the replay ──────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True, slots=True)
class _OpenPause:
    start: dt.date
    latest_end: dt.date


@dataclass(slots=True)
class _State:
    cal: WorkdayCalendar
    received_on: dt.date
    period: int
    start: dt.date = dt.date.min
    budget: int = 0
    pauses: list[Pause] = field(default_factory=list)
    consultations: dict[str, _OpenPause] = field(default_factory=dict)
    fee: _OpenPause | None = None
    correction: CorrectionRequested | None = None
    corrections: int = 0
    extension: int = 0
    fixed: bool = False
    consultee_due: list[dt.date] = field(default_factory=list)
    payment_due: dt.date | None = None
    correction_notice_due: dt.date = dt.date.min
    steps: list[Step] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)
    _key: tuple[Any, ...] = ()
    _due: dt.date = dt.date.min

    def say(self, key: str, *args: Any) -> None:
        self.steps.append((key, args))

    def warn(self, zh: str, en: str) -> None:
        self.warnings.append(zh)
        self.say("warning", zh, en)

    def projected_pauses(self) -> list[Pause]:
        if not self.consultations and self.fee is None:
            return self.pauses
        open_ = [*self.consultations.values(), *([self.fee] if self.fee else [])]
        return [*self.pauses, *((p.start, p.latest_end) for p in open_)]

    def deadline(self) -> dt.date:
        # Events and the final summary ask for the same deadline several times: compute it once per
        # change. Counts suffice in the key: for a given start, a consultation or fee only closes by
        # adding a pause, so the same (pauses, open consultations, fee) counts mean the same state.
        key = (self.start, self.budget, len(self.pauses), len(self.consultations), self.fee is not None)
        if key != self._key:
            self._key = key
            self._due = self.cal.add_working_days(self.start, self.budget, self.projected_pauses())
            self.dates.append(self._due)
        return self._due

    def track(self, due: dt.date) -> dt.date:
        """Note a date the result rests on (for ``provisional``)."""
        self.dates.append(due)
        return due


def compute_deadline(
    received_on: dt.date,
    events: Sequence[ClockEvent],
    *,
    calendar: WorkdayCalendar | None = None,
    period: int = REPLY_WORKDAYS,
    as_of: dt.date | None = None,
) -> DeadlineResult:
    """Replay ``events`` (in date order) over an application received on ``received_on``.

    ``period`` is the reply period in working days (条例第三十三条: 20). ``as_of`` (today, from a
    ``Clock``) lets the result say when an unmet 补正 or payment period has lapsed. A period or a
    date the working-day calendar cannot reach (before FIRST_YEAR, after LAST_YEAR, or a period
    longer than the calendar) raises ``ClockError`` with code ``deadlines.out_of_range``.
    """
    if isinstance(period, bool) or not isinstance(period, int) or period < 1:
        raise _fail(
            "bad_period",
            f"答复期限的工作日数必须为正整数，收到 {period}。",
            f"bad period {period}",
            period=period,
        )
    if period > MAX_PERIOD_WORKDAYS:
        raise _fail(
            "out_of_range",
            f"答复期限的工作日数 {period} 过大：期限将超出工作日历的范围（{FIRST_YEAR}—{LAST_YEAR} 年）。",
            f"a period of {period} working days leaves the calendar ({FIRST_YEAR}–{LAST_YEAR})",
            period=period,
        )
    try:
        return _replay(received_on, events, calendar or default_calendar(), period, as_of)
    except CalendarError as exc:
        if exc.code != "workdays.out_of_range":
            raise  # the calendar's data file is at fault, not the application's dates
        # A date the caller gave is named; otherwise the count ran past the calendar's last year.
        why = (
            exc.message
            if "date" in exc.params
            else (f"计算所需的日期超出工作日历的范围（{FIRST_YEAR}—{LAST_YEAR} 年）。")
        )
        raise _fail(
            "out_of_range",
            f"无法计算答复期限：{why}",
            f"the deadline cannot be computed: {exc.message_en}",
            **exc.params,
        ) from None
    except OverflowError:  # defensive: every date is range-checked by the calendar before this could happen
        raise _fail(
            "out_of_range",
            f"无法计算答复期限：日期超出工作日历的范围（{FIRST_YEAR}—{LAST_YEAR} 年）。",
            f"the deadline cannot be computed: a date leaves the calendar ({FIRST_YEAR}–{LAST_YEAR})",
        ) from None


def _replay(
    received_on: dt.date,
    events: Sequence[ClockEvent],
    cal: WorkdayCalendar,
    period: int,
    as_of: dt.date | None,
) -> DeadlineResult:
    st = _State(cal, received_on, period, start=received_on, budget=period)
    st.correction_notice_due = st.track(correction_notice_due(received_on, calendar=cal))
    st.say("received", received_on, period, st.deadline())
    st.say("notice_due", st.correction_notice_due)
    previous = received_on
    for event in events:
        if event.on < received_on:
            raise _fail(
                "before_receipt",
                f"事件“{_name(event)}”的日期 {event.on} 早于收到申请之日 {received_on}。",
                f"{type(event).__name__} on {event.on} precedes receipt {received_on}",
                event=type(event).__name__,
                on=event.on,
            )
        if event.on < previous:
            raise _fail(
                "out_of_order",
                f"事件须按日期先后排列：“{_name(event)}”（{event.on}）排在 {previous} 的事件之后。",
                f"events out of order: {type(event).__name__} on {event.on} after {previous}",
                on=event.on,
            )
        previous = event.on
        _apply(st, event)
    return _result(st, as_of)


def _name(event: ClockEvent) -> str:
    return {
        Received: "收到申请",
        CorrectionRequested: "发出补正告知书",
        CorrectionReceived: "收到补正后的申请",
        ConsultationStarted: "发出征求意见书",
        ConsultationAnswered: "收到征求意见答复",
        FeeNoticeSent: "发出收费通知",
        FeePaid: "缴费",
        Extension: "延期答复",
        ReasonableTimeNotice: "告知合理答复期限（第三十五条）",
        Paused: "中止计算",
    }[type(event)]


def _require_running(st: _State, event: ClockEvent) -> dt.date:
    """The clock must be running (no 补正 outstanding) and the event within the current period."""
    if st.correction is not None:
        raise _fail(
            "clock_stopped",
            f"{event.on} 的“{_name(event)}”无效：补正期间答复期限停止计算，须先收到补正后的申请。",
            f"{type(event).__name__} on {event.on} while a correction is outstanding",
        )
    due = st.deadline()
    if event.on > due:
        raise _fail(
            "after_deadline",
            f"{event.on} 的“{_name(event)}”无效：答复期限已于 {due} 届满。",
            f"{type(event).__name__} on {event.on} is after the deadline {due}",
            due=due,
        )
    return due


def _apply(st: _State, event: ClockEvent) -> None:
    handler = _HANDLERS.get(type(event)) or next(
        (h for kind, h in _HANDLERS.items() if isinstance(event, kind)), None
    )  # subclasses of an event type
    if handler is None:
        raise _fail("unknown_event", f"未知的事件类型：{type(event).__name__}。", f"unknown event {event!r}")
    handler(st, event)


def _received_again(st: _State, event: Received) -> None:
    raise _fail(
        "received_twice",
        f"收到申请的日期只能有一个（{st.received_on}），又出现 {event.on}。",
        f"a second receipt on {event.on}",
    )


def _correction_requested(st: _State, event: CorrectionRequested) -> None:
    if st.correction is not None:
        raise _fail(
            "correction_pending",
            f"{event.on} 又发出补正告知书，但 {st.correction.on} 的补正尚未收到。",
            f"a second correction notice on {event.on} while one is outstanding",
        )
    if st.consultations or st.fee:
        raise _fail(
            "correction_during_pause",
            f"{event.on} 正在征求意见或等待缴费，不能发出补正告知书。",
            f"correction notice on {event.on} during a consultation or fee period",
        )
    _require_running(st, event)
    if event.correction_due is not None and event.correction_due < event.on:
        raise _fail(
            "pause_ends_before_start",
            f"补正期限 {event.correction_due} 早于补正告知书发出日期 {event.on}。",
            f"correction period ends {event.correction_due} before the notice {event.on}",
        )
    notice_due = (
        st.correction_notice_due
        if st.corrections == 0
        else st.track(correction_notice_due(st.start, calendar=st.cal))
    )
    st.corrections += 1
    st.correction = event
    st.say("correction_requested", event.on, event.correction_due)
    if event.on > notice_due:
        st.warn(
            f"补正告知书应在 {notice_due} 前发出，实际 {event.on} 发出，已超过7个工作日。",
            f"the correction notice was due by {notice_due} but went out on {event.on}.",
        )
    if st.corrections > 1:
        st.warn(
            "条例第三十条要求一次性告知补正事项，这是第二次补正，请在案卷中说明理由。",
            "art. 30 requires one complete correction notice; this is a second round.",
        )


def _correction_received(st: _State, event: CorrectionReceived) -> None:
    if st.correction is None:
        raise _fail(
            "correction_not_requested",
            f"{event.on} 收到补正后的申请，但此前没有发出补正告知书。",
            f"corrected application on {event.on} without a correction notice",
        )
    st.correction = None
    st.start, st.budget, st.pauses, st.extension, st.fixed = event.on, st.period, [], 0, False
    st.say("correction_received", event.on, st.period, st.deadline())


def _consultation_started(st: _State, event: ConsultationStarted) -> None:
    if event.consultee not in CONSULTEES:
        raise _fail(
            "unknown_consultee",
            f"征求意见对象应为第三方或其他机关，收到“{event.consultee}”。",
            f"unknown consultee kind {event.consultee!r}",
        )
    _require_running(st, event)
    if event.ref in st.consultations:
        raise _fail(
            "consultation_open",
            f"{event.on} 发出的征求意见与尚未答复的征求意见编号相同（“{event.ref}”）。",
            f"consultation {event.ref!r} is already open",
        )
    received = event.consultee_received_on or event.on
    if received < event.on:
        raise _fail(
            "pause_ends_before_start",
            f"对方收到征求意见书的日期 {received} 早于发出日期 {event.on}。",
            f"consultee received the letter {received} before it was sent {event.on}",
        )
    due = st.track(consultation_due(received, calendar=st.cal))
    st.consultee_due.append(due)
    st.consultations[event.ref] = _OpenPause(event.on, due)
    st.say("consultation_started", event.on, event.consultee, received, due)


def _consultation_answered(st: _State, event: ConsultationAnswered) -> None:
    ref = (
        event.ref
        if event.ref in st.consultations
        else (next(iter(st.consultations)) if not event.ref and st.consultations else None)
    )
    if ref is None:
        raise _fail(
            "no_open_consultation",
            f"{event.on} 登记了征求意见答复，但没有正在进行的征求意见。",
            f"an answer on {event.on} without an open consultation",
        )
    open_ = st.consultations.pop(ref)
    end = min(event.on, open_.latest_end)
    st.pauses.append((open_.start, end))
    st.say("consultation_answered", event.on, st.cal, open_.start, end, st.deadline())
    if event.on > open_.latest_end:
        st.say("answer_late", open_.latest_end)


def _fee_notice(st: _State, event: FeeNoticeSent) -> None:
    if st.fee is not None:
        raise _fail(
            "fee_pending",
            f"{event.on} 又发出收费通知，但 {st.fee.start} 的收费通知尚未缴费。",
            f"a second fee notice on {event.on} while one is unpaid",
        )
    _require_running(st, event)
    received = event.applicant_received_on or event.on
    if received < event.on:
        raise _fail(
            "pause_ends_before_start",
            f"申请人收到收费通知的日期 {received} 早于发出日期 {event.on}。",
            f"applicant received the fee notice {received} before it was sent {event.on}",
        )
    st.payment_due = st.track(payment_due(received, calendar=st.cal))
    st.fee = _OpenPause(event.on, st.payment_due)
    st.say("fee_notice", event.on, received, st.payment_due)


def _fee_paid(st: _State, event: FeePaid) -> None:
    if st.fee is None:
        raise _fail(
            "fee_not_requested",
            f"{event.on} 登记了缴费，但没有待缴的收费通知。",
            f"a payment on {event.on} without a fee notice",
        )
    if st.payment_due is not None and event.on > st.payment_due:
        raise _fail(
            "fee_paid_late",
            f"缴费期限已于 {st.payment_due} 届满，{event.on} 的缴费不能恢复办理；"
            "申请视为放弃，应按“逾期未缴费”办结。",
            f"payment on {event.on} after the due date {st.payment_due}",
            due=st.payment_due,
        )
    start = st.fee.start
    st.fee = None
    st.pauses.append((start, event.on))
    st.say("fee_paid", event.on, st.cal, start, st.deadline())


def _extension(st: _State, event: Extension) -> None:
    if (
        isinstance(event.workdays, bool)
        or not isinstance(event.workdays, int)
        or not 1 <= event.workdays <= MAX_EXTENSION_WORKDAYS
    ):
        raise _fail(
            "bad_extension",
            f"延长答复期限最长不超过20个工作日（条例第三十三条第二款），收到 {event.workdays} 个工作日。",
            f"an extension must be 1–20 working days, got {event.workdays}",
            workdays=event.workdays,
        )
    if st.extension:
        raise _fail(
            "second_extension",
            f"{event.on} 再次延期无效：答复期限只能延长一次（条例第三十三条第二款）。",
            f"a second extension on {event.on}",
        )
    if st.fixed:
        raise _fail(
            "extension_after_art35",
            f"{event.on} 延期无效：已依条例第三十五条确定了合理答复期限。",
            f"extension on {event.on} after an art. 35 deadline",
        )
    due = _require_running(st, event)
    st.extension = event.workdays
    st.budget += event.workdays
    st.say("extension", event.on, event.workdays, due, st.deadline())


def _reasonable_time(st: _State, event: ReasonableTimeNotice) -> None:
    if st.consultations or st.fee:
        raise _fail(
            "art35_during_pause",
            f"{event.on} 正在征求意见或等待缴费，不能同时依第三十五条确定答复期限。",
            f"art. 35 notice on {event.on} during a consultation or fee period",
        )
    due = _require_running(st, event)
    if event.due_on <= due:
        raise _fail(
            "art35_not_later",
            f"依条例第三十五条确定的期限 {event.due_on} 应晚于当前答复期限 {due}。",
            f"the art. 35 deadline {event.due_on} must be later than {due}",
        )
    target = st.cal.next_working_day(event.due_on)
    st.budget = st.cal.counted_working_days(st.start, target, st.pauses)
    st.fixed = True
    st.say("reasonable_time", event.on, target, event.due_on)


def _paused(st: _State, event: Paused) -> None:
    if event.until < event.on:
        raise _fail(
            "pause_ends_before_start",
            f"不计入期间的结束日 {event.until} 早于开始日 {event.on}。",
            f"a pause that ends {event.until} before it starts {event.on}",
        )
    _require_running(st, event)
    st.pauses.append((event.on, event.until))
    st.say("paused", st.cal, event.on, event.until, event.reason, st.deadline())


def _result(st: _State, as_of: dt.date | None) -> DeadlineResult:
    due = None if st.correction is not None else st.deadline()
    paused = bool(st.consultations or st.fee)
    lapsed = None
    if st.correction is not None:
        st.say("stopped")
        if as_of and st.correction.correction_due and as_of > st.correction.correction_due:
            lapsed = "abandoned_no_correction"
            st.say("correction_lapsed", st.correction.correction_due)
    elif paused:
        st.say("open_pause", due)
        if st.fee and st.payment_due and as_of and as_of > st.payment_due:
            lapsed = "abandoned_no_fee"
            st.say("fee_lapsed", st.payment_due)
    provisional = st.cal.is_provisional(st.received_on, max(st.dates))
    if provisional:
        years = sorted(
            {y for y in range(st.received_on.year, max(st.dates).year + 1) if not st.cal.is_known_year(y)}
        )
        st.say("provisional", tuple(years))
    if due is not None:
        st.say("current", due, provisional)
    return DeadlineResult(
        received_on=st.received_on,
        clock_start=st.start,
        due_on=due,
        provisional=provisional,
        paused=paused,
        correction_notice_due=st.correction_notice_due,
        steps=tuple(st.steps),
        correction_due=st.correction.correction_due if st.correction else None,
        consultee_due=tuple(st.consultee_due),
        payment_due=st.payment_due,
        extension_workdays=st.extension,
        lapsed=lapsed,
        warnings=tuple(st.warnings),
    )


#: One handler per event type (a dict lookup, not a chain of isinstance checks: the replay is hot).
_HANDLERS: dict[type, Any] = {
    Received: _received_again,
    CorrectionRequested: _correction_requested,
    CorrectionReceived: _correction_received,
    ConsultationStarted: _consultation_started,
    ConsultationAnswered: _consultation_answered,
    FeeNoticeSent: _fee_notice,
    FeePaid: _fee_paid,
    Extension: _extension,
    ReasonableTimeNotice: _reasonable_time,
    Paused: _paused,
}


# ── the explanation trail (formatted only when read) ────────────────────────────────────────


def _correction_requested_zh(on: dt.date, due: dt.date | None) -> str:
    return f"{on} 发出补正告知书：答复期限停止计算，自收到补正后的申请之日起重新计算（条例第三十条）。" + (
        f"补正期限为 {due}。" if due else ""
    )


def _correction_requested_en(on: dt.date, due: dt.date | None) -> str:
    return (
        f"{on}: correction notice sent; the clock stops and restarts on receipt of the corrected "
        f"application (art. 30)." + (f" Correction due {due}." if due else "")
    )


def _consultation_started_zh(on: dt.date, kind: str, received: dt.date, due: dt.date) -> str:
    who, _, article = CONSULTEES[kind]
    return (
        f"{on} 向{who}发出征求意见书；对方于 {received} 收到，应在 {due} 前答复（{article}，15个工作日）。"
        "征求意见所需时间不计入答复期限（条例第三十三条第三款）。"
    )


def _consultation_started_en(on: dt.date, kind: str, received: dt.date, due: dt.date) -> str:
    _, who_en, article = CONSULTEES[kind]
    return (
        f"{on}: letter to the {who_en}, received {received}; its answer is due {due} ({article}, "
        "15 working days). The time is not counted (art. 33 ¶3)."
    )


def _paused_zh(cal: WorkdayCalendar, on: dt.date, until: dt.date, reason: str, due: dt.date) -> str:
    skipped = cal.working_days_between(on, until)
    return f"{on} 之后至 {until} 的 {skipped} 个工作日不计入{f'（{reason}）' if reason else ''}，答复期限为 {due}。"


def _paused_en(cal: WorkdayCalendar, on: dt.date, until: dt.date, reason: str, due: dt.date) -> str:
    skipped = cal.working_days_between(on, until)
    return (
        f"{skipped} working days after {on} up to {until} are not counted{' — ' + reason if reason else ''}; "
        f"the reply is due {due}."
    )


#: Step key → (Chinese, English) formatter over the step's recorded values. Working days skipped
#: by a pause are counted here, not in the replay: only the trail quotes them.
_TRAIL: dict[str, tuple[Any, Any]] = {
    "received": (
        lambda on, period, due: (
            f"{on} 收到申请；收到之日不计入，答复期限为其后第{period}个工作日，即 {due}"
            "（条例第三十一条、第三十三条）。"
        ),
        lambda on, period, due: (
            f"Received {on}; the receipt day is not counted; the reply is due on the {period}th "
            f"working day after it, {due} (arts. 31, 33)."
        ),
    ),
    "notice_due": (
        lambda due: f"如需补正，补正告知书应在 {due} 前一次性发出（收到后7个工作日内，条例第三十条）。",
        lambda due: f"A correction notice, if needed, is due by {due} (7 working days, art. 30).",
    ),
    "warning": (lambda zh, en: "注意：" + zh, lambda zh, en: "Warning: " + en),
    "correction_requested": (_correction_requested_zh, _correction_requested_en),
    "correction_received": (
        lambda on, period, due: (
            f"{on} 收到补正后的申请：答复期限重新计算，为其后第{period}个工作日，即 {due}（条例第三十条）。"
        ),
        lambda on, period, due: (
            f"{on}: corrected application received; a new {period}-working-day period runs to "
            f"{due} (art. 30)."
        ),
    ),
    "consultation_started": (_consultation_started_zh, _consultation_started_en),
    "consultation_answered": (
        lambda on, cal, start, end, due: (
            f"{on} 收到答复：{start} 之后至 {end} 的 "
            f"{cal.working_days_between(start, end)} 个工作日不计入，答复期限为 {due}。"
        ),
        lambda on, cal, start, end, due: (
            f"{on}: answer received; {cal.working_days_between(start, end)} working "
            f"days after {start} up to {end} are not counted; the reply is due {due}."
        ),
    ),
    "answer_late": (
        lambda end: f"对方逾期答复：期限 {end} 届满后的时间照常计入答复期限。",
        lambda end: f"The answer came after its due date {end}; the time after that counts.",
    ),
    "fee_notice": (
        lambda on, received, due: (
            f"{on} 发出收费通知；申请人于 {received} 收到，应自次日起20个工作日内、即 {due} 前缴费"
            "（《政府信息公开信息处理费管理办法》）；收费期间不计入答复期限。"
        ),
        lambda on, received, due: (
            f"{on}: fee notice sent, received {received}; payment is due by {due} (20 working "
            "days from the next day, fee measures); the fee period is not counted."
        ),
    ),
    "fee_paid": (
        lambda on, cal, start, due: (
            f"{on} 缴费：{start} 之后至 {on} 的 {cal.working_days_between(start, on)} "
            f"个工作日不计入，答复期限为 {due}。"
        ),
        lambda on, cal, start, due: (
            f"{on}: fee paid; {cal.working_days_between(start, on)} working days after "
            f"{start} up to {on} are not counted; the reply is due {due}."
        ),
    ),
    "extension": (
        lambda on, n, old, new: (
            f"{on} 经政府信息公开工作机构负责人同意并告知申请人，在原期限 {old} 的基础上延长 {n} 个工作日，"
            f"答复期限为 {new}（条例第三十三条第二款）。"
        ),
        lambda on, n, old, new: (
            f"{on}: extension of {n} working days approved by the head of the disclosure "
            f"office and notified; the deadline moves from {old} to {new} (art. 33 ¶2)."
        ),
    ),
    "reasonable_time": (
        lambda on, target, asked: (
            f"{on} 依条例第三十五条告知申请人合理的答复期限：{target}"
            + ("" if target == asked else f"（告知的 {asked} 不是工作日，顺延）")
            + "。"
        ),
        lambda on, target, asked: f"{on}: reasonable later deadline notified under art. 35: {target}.",
    ),
    "paused": (_paused_zh, _paused_en),
    "stopped": (
        lambda: "补正期间答复期限停止计算，收到补正后的申请之日起重新计算。",
        lambda: "The clock is stopped until the corrected application arrives.",
    ),
    "correction_lapsed": (
        lambda due: f"补正期限 {due} 已过，申请人无正当理由逾期不补正的，视为放弃申请（条例第三十条）。",
        lambda due: (
            f"The correction period ended {due}; without good reason the application "
            "is deemed withdrawn (art. 30)."
        ),
    ),
    "open_pause": (
        lambda due: f"征求意见或收费尚未结束：按最迟结束日推算，答复期限为 {due}，结束后重新计算。",
        lambda due: (
            f"A consultation or fee period is open; projected to its latest end, the reply is due {due}."
        ),
    ),
    "fee_lapsed": (
        lambda due: f"缴费期限 {due} 已过，视为放弃申请，按“逾期未缴费”办结。",
        lambda due: f"The payment period ended {due}; the application is deemed abandoned.",
    ),
    "provisional": (
        lambda years: (
            f"（临时）{'、'.join(map(str, years))}年的放假安排尚未公布：已扣除周末和法定节日"
            "（元旦、春节、清明、劳动节、端午、中秋、国庆），调休尚不可知；公布后须重新计算。"
        ),
        lambda years: (
            f"(provisional) no holiday schedule loaded for {', '.join(map(str, years))}: weekends and the "
            "fixed public holidays are off, adjusted working days are unknown; recompute when it is published."
        ),
    ),
    "current": (
        lambda due, provisional: f"当前答复期限：{due}{'（临时）' if provisional else ''}。",
        lambda due, provisional: f"Current reply deadline: {due}{' (provisional)' if provisional else ''}.",
    ),
}


# ── replaying stored records (the web platform's event log) ───────────────────────────────────

#: Record kinds that do not move the clock.
NON_CLOCK_KINDS = frozenset({"submitted", "replied", "withdrawn", "split"})


def _date(value: Any) -> dt.date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


_RECORD_BUILDERS: dict[str, Any] = {
    "receipt_confirmed": lambda on, d: Received(on),
    "correction_requested": lambda on, d: CorrectionRequested(on, _date(d.get("correction_due"))),
    "correction_received": lambda on, d: CorrectionReceived(on),
    "consultation_started": lambda on, d: ConsultationStarted(
        on,
        d.get("consultee_kind", "third_party"),
        _date(d.get("consultee_received_on")),
        str(d.get("ref", "")),
    ),
    "consultation_answered": lambda on, d: ConsultationAnswered(on, str(d.get("ref", ""))),
    "fee_notice_sent": lambda on, d: FeeNoticeSent(on, _date(d.get("applicant_received_on"))),
    "fee_paid": lambda on, d: FeePaid(on),
    "extension_approved": lambda on, d: Extension(on, int(d["workdays"])),
    "reasonable_time_notice": lambda on, d: ReasonableTimeNotice(on, _date(d["due_on"]) or on),
    "paused": lambda on, d: Paused(on, _date(d["until"]) or on, str(d.get("reason", ""))),
}


def events_from_records(records: Iterable[tuple[str, dt.date, Mapping[str, Any]]]) -> list[ClockEvent]:
    """Turn stored ``(kind, on, data)`` records into clock events, dropping non-clock kinds."""
    events: list[ClockEvent] = []
    for kind, on, data in records:
        if kind in NON_CLOCK_KINDS:
            continue
        if kind not in _RECORD_BUILDERS:
            raise _fail(
                "unknown_record", f"未知的事件记录类型“{kind}”（{on}）。", f"unknown record kind {kind!r}"
            )
        try:
            events.append(_RECORD_BUILDERS[kind](on, data or {}))
        except (KeyError, TypeError, ValueError) as exc:
            raise _fail(
                "bad_record",
                f"{on} 的“{kind}”事件记录不完整或有误：{exc}。",
                f"bad {kind} record on {on}: {exc}",
            ) from None
    return events


def reply_deadline(
    events: Sequence[ClockEvent], *, calendar: WorkdayCalendar | None = None, as_of: dt.date | None = None
) -> DeadlineResult:
    """``compute_deadline`` for a replayed log whose first clock event is the ``Received``."""
    receipts = [e for e in events if isinstance(e, Received)]
    if not receipts:
        raise _fail(
            "not_received",
            "尚未确认收到申请，答复期限自确认收到之日起计算（条例第三十一条）。",
            "no receipt recorded",
        )
    first = receipts[0]
    rest = [e for e in events if e is not first]
    return compute_deadline(first.on, rest, calendar=calendar, as_of=as_of)
