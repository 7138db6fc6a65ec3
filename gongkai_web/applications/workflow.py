"""The handling steps of an application, one registry: for each action key, the form staff fill in,
the service that performs it, the states (and request kinds) it is allowed in, the event it records,
the state it leads to, whether that state stops the reply clock, and its title.

The views offer exactly the actions ``offers`` allows; the services refuse (``lock_step``) exactly
where ``allows`` says no; ``tests/web/test_workflow_registry.py`` drives every service in every state
against this table. A new step is one entry here, its form and its service."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from . import handling_forms as forms
from .models import OPEN_STATUSES, EventKind, RequestKind, Status

DISCLOSURE = frozenset({RequestKind.DISCLOSURE})
CORRECTION = frozenset({RequestKind.CORRECTION})
ANY_KIND = DISCLOSURE | CORRECTION


@dataclass(frozen=True)
class Action:
    key: str
    title: Promise
    form: type
    #: The name of the function in ``applications.services`` (resolved when called: the services
    #: import this registry).
    service: str
    #: What the refusal says cannot be done: “申请当前状态为“…”，不能{verb}。”
    verb: str
    statuses: frozenset[str]
    kinds: frozenset[str] = DISCLOSURE
    #: The event the step records, and the state it leads to (None: the state does not change).
    event: str | None = None
    enters: str | None = None
    #: The state it leads to stops the reply clock (补正 restarts it, consultation and a fee notice suspend it).
    stops_clock: bool = False
    #: The cleaned-data keys passed to the service (None: all of them).
    fields: tuple[str, ...] | None = None
    #: A further condition for offering the action in the views (the service refuses with its own error).
    offered_if: Callable[[Any], bool] | None = None

    def allows(self, app) -> bool:
        """The action is allowed in ``app``'s state and for its request kind."""
        return app.kind in self.kinds and app.status in self.statuses

    def offers(self, app) -> bool:
        return self.allows(app) and (self.offered_if is None or self.offered_if(app))

    @property
    def function(self) -> Callable[..., Any]:
        from . import services

        return getattr(services, self.service)

    def perform(self, app, data: dict[str, Any], user):
        kwargs = data if self.fields is None else {f: data.get(f) for f in self.fields}
        return self.function(app, actor=user, **kwargs)


def _awaits_reasons(app) -> bool:
    """Asked for reasons under 条例第三十五条 and the answer not yet recorded."""
    kinds = set(app.events.values_list("kind", flat=True))
    return EventKind.REASONS_REQUESTED in kinds and EventKind.REASONS_ANSWERED not in kinds


IN_PROGRESS = frozenset({Status.IN_PROGRESS})

#: A reply (``reply_application``) needs the state of its outcome: 逾期不补正 during a 补正, 逾期未缴费
#: while a fee is unpaid, every other outcome while in progress. The step named in the refusal follows.
REPLY_STATES: dict[str, tuple[str, str]] = {
    "abandoned_no_correction": (Status.CORRECTION, "按“逾期不补正”办结"),
    "abandoned_no_fee": (Status.FEE_PENDING, "按“逾期未缴费”办结"),
}
REPLY_STATE = (Status.IN_PROGRESS, "作出答复")


def reply_state(outcome: str) -> tuple[str, str]:
    """The state a reply with ``outcome`` needs, and what the refusal calls the step."""
    return REPLY_STATES.get(outcome, REPLY_STATE)


#: In the order the record page shows them.
ACTIONS: dict[str, Action] = {
    a.key: a
    for a in [
        Action(
            "confirm",
            _("Confirm receipt"),
            forms.ConfirmReceiptForm,
            "confirm_receipt",
            "确认收到",
            frozenset({Status.SUBMITTED}),
            ANY_KIND,
            EventKind.RECEIPT_CONFIRMED,
            Status.IN_PROGRESS,
        ),
        Action(
            "correction",
            _("Request correction"),
            forms.CorrectionForm,
            "request_correction",
            "发出补正通知",
            IN_PROGRESS,
            event=EventKind.CORRECTION_REQUESTED,
            enters=Status.CORRECTION,
            stops_clock=True,
        ),
        Action(
            "correction_received",
            _("Record corrected application"),
            forms.CorrectionReceivedForm,
            "receive_correction",
            "登记补正材料",
            frozenset({Status.CORRECTION}),
            event=EventKind.CORRECTION_RECEIVED,
            enters=Status.IN_PROGRESS,
        ),
        Action(
            "answer",
            _("Record consultation answer"),
            forms.ConsultationAnswerForm,
            "answer_consultation",
            "登记征求意见结果",
            frozenset({Status.CONSULTING}),
            event=EventKind.CONSULTATION_ANSWERED,
            enters=Status.IN_PROGRESS,
        ),
        Action(
            "payment",
            _("Record payment"),
            forms.FeePaymentForm,
            "record_fee_payment",
            "登记缴费",
            frozenset({Status.FEE_PENDING}),
            event=EventKind.FEE_PAID,
            enters=Status.IN_PROGRESS,
        ),
        Action(
            "extension",
            _("Approve extension"),
            forms.ExtensionForm,
            "approve_extension",
            "批准延期",
            frozenset({Status.IN_PROGRESS, Status.CONSULTING, Status.FEE_PENDING}),
            event=EventKind.EXTENSION_APPROVED,
        ),
        Action(
            "reasons",
            _("Ask the applicant for reasons (art. 35)"),
            forms.ReasonsRequestForm,
            "request_reasons",
            "要求申请人说明理由",
            IN_PROGRESS,
            event=EventKind.REASONS_REQUESTED,
        ),
        Action(
            "reasons_answer",
            _("Record the applicant's reasons (art. 35)"),
            forms.ReasonsAnswerForm,
            "record_reasons",
            "登记申请人说明的理由",
            IN_PROGRESS,
            event=EventKind.REASONS_ANSWERED,
            offered_if=_awaits_reasons,
        ),
        Action(
            "reasonable_time",
            _("Set a reasonable reply deadline (art. 35)"),
            forms.ReasonableTimeForm,
            "notify_reasonable_time",
            "依条例第三十五条确定延迟答复期限",
            IN_PROGRESS,
            event=EventKind.REASONABLE_TIME_NOTICE,
        ),
        Action(
            "consult",
            _("Start consultation"),
            forms.ConsultationStartForm,
            "start_consultation",
            "征求意见",
            IN_PROGRESS,
            event=EventKind.CONSULTATION_STARTED,
            enters=Status.CONSULTING,
            stops_clock=True,
        ),
        Action(
            "fee",
            _("Send fee notice"),
            forms.FeeNoticeForm,
            "send_fee_notice",
            "发出收费通知",
            IN_PROGRESS,
            event=EventKind.FEE_NOTICE_SENT,
            enters=Status.FEE_PENDING,
            stops_clock=True,
            fields=("sent_on", "applicant_received_on", "pages"),
        ),
        Action(
            "reply",
            _("Reply"),
            forms.ReplyForm,
            "reply_application",
            "按政府信息公开申请的办理结果答复",
            frozenset({REPLY_STATE[0], *(status for status, _verb in REPLY_STATES.values())}),
            event=EventKind.REPLIED,
            enters=Status.CLOSED,
        ),
        Action(
            "correction_reply",
            _("Reply to the correction request (art. 41)"),
            forms.CorrectionReplyForm,
            "reply_correction",
            "作出更正答复",
            IN_PROGRESS,
            CORRECTION,
            EventKind.REPLIED,
            Status.CLOSED,
        ),
        Action(
            "split",
            _("Split into one application per item"),
            forms.SplitForm,
            "split_application",
            "拆分",
            IN_PROGRESS,
            event=EventKind.SPLIT,
        ),
        Action(
            "withdraw",
            _("Withdraw"),
            forms.WithdrawForm,
            "withdraw_application",
            "撤回",
            frozenset(OPEN_STATUSES),
            ANY_KIND,
            EventKind.WITHDRAWN,
            Status.WITHDRAWN,
        ),
    ]
}

#: States in which the reply clock does not run: those the clock-stopping steps lead to.
CLOCK_STOPPED = frozenset(a.enters for a in ACTIONS.values() if a.stops_clock)

#: Events that move the application from one state to the next (and the conclusion), with its
#: arrival: each is dated no earlier than the one before it (``services.require_in_order``).
STATE_EVENTS = frozenset({EventKind.SUBMITTED, *(a.event for a in ACTIONS.values() if a.enters)})


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


def offered(app) -> list[Action]:
    """The actions the record page offers for ``app`` (the services still decide)."""
    return [a for a in ACTIONS.values() if a.offers(app)]
