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

from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from gongkai import outcomes

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
    verb: Promise
    statuses: frozenset[str]
    kinds: frozenset[str] = DISCLOSURE
    #: The event the step records, and the state it leads to (None: the state does not change).
    event: str | None = None
    enters: str | None = None
    #: The state it leads to stops the reply clock (补正 restarts it, consultation, a fee notice and a
    #: referral under 条例第十七条 suspend it).
    stops_clock: bool = False
    #: The cleaned-data keys passed to the service (None: all of them).
    fields: tuple[str, ...] | None = None
    #: A further condition for offering the action in the views (the service refuses with its own error).
    offered_if: Callable[[Any], bool] | None = None
    #: Who may take the step, (user, agency) -> bool (None: everyone who may handle the application),
    #: and what the record page says to the others (the service refuses them with its own error).
    permitted_if: Callable[[Any, Any], bool] | None = None
    not_permitted: Promise | None = None

    def permits(self, user, app) -> bool:
        """``user`` holds the role the step needs at ``app``'s agency."""
        return self.permitted_if is None or self.permitted_if(user, app.agency)

    #: The record page's form saves a draft (``reply_views``), and ``service`` runs only when the draft
    #: is issued from its preview: the step is never performed in one click.
    drafted: bool = False

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


def _approves(user, agency) -> bool:
    from gongkai_web.accounts.access import can_approve

    return can_approve(user, agency)


def _awaits_reasons(app) -> bool:
    """Asked for reasons under 条例第三十五条 and the answer not yet recorded."""
    kinds = set(app.events.values_list("kind", flat=True))
    return EventKind.REASONS_REQUESTED in kinds and EventKind.REASONS_ANSWERED not in kinds


IN_PROGRESS = frozenset({Status.IN_PROGRESS})


def _conclude_as(code: str) -> Promise:
    """The step “conclude as <outcome>”, named with the core's label of the outcome (translated when shown)."""
    # django-stubs types lazy() as returning the function itself; it returns a Promise of its result.
    return lazy(lambda: _("conclude as “%(outcome)s”") % {"outcome": outcomes.label(code)}, str)()  # type: ignore[return-value]


#: A reply (``reply_application``) needs the state of its outcome: 逾期不补正 during a 补正, 逾期未缴费
#: while a fee is unpaid, every other outcome while in progress. The step named in the refusal follows.
REPLY_STATES: dict[str, tuple[str, Promise]] = {
    "abandoned_no_correction": (Status.CORRECTION, _conclude_as("abandoned_no_correction")),
    "abandoned_no_fee": (Status.FEE_PENDING, _conclude_as("abandoned_no_fee")),
}
REPLY_STATE = (Status.IN_PROGRESS, _("make a reply"))


def reply_state(outcome: str) -> tuple[str, Promise]:
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
            _("confirm receipt"),
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
            _("send a correction notice"),
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
            _("record the corrected application"),
            frozenset({Status.CORRECTION}),
            event=EventKind.CORRECTION_RECEIVED,
            enters=Status.IN_PROGRESS,
        ),
        Action(
            "answer",
            _("Record consultation answer"),
            forms.ConsultationAnswerForm,
            "answer_consultation",
            _("record the consultation answer"),
            frozenset({Status.CONSULTING}),
            event=EventKind.CONSULTATION_ANSWERED,
            enters=Status.IN_PROGRESS,
        ),
        Action(
            "payment",
            _("Record payment"),
            forms.FeePaymentForm,
            "record_fee_payment",
            _("record the payment"),
            frozenset({Status.FEE_PENDING}),
            event=EventKind.FEE_PAID,
            enters=Status.IN_PROGRESS,
        ),
        Action(
            "determination",
            _("Record the determination (art. 17)"),
            forms.DeterminationForm,
            "record_determination",
            _("record the determination"),
            frozenset({Status.REFERRED}),
            event=EventKind.DETERMINATION_RECEIVED,
            enters=Status.IN_PROGRESS,
        ),
        Action(
            "extension",
            _("Approve extension"),
            forms.ExtensionForm,
            "approve_extension",
            _("approve an extension"),
            frozenset({Status.IN_PROGRESS, Status.CONSULTING, Status.FEE_PENDING, Status.REFERRED}),
            event=EventKind.EXTENSION_APPROVED,
            # 条例第三十三条: the head of the disclosure office consents to an extension.
            permitted_if=_approves,
            not_permitted=_("To be approved by an approver (the office head)"),
        ),
        Action(
            "reasons",
            _("Ask the applicant for reasons (art. 35)"),
            forms.ReasonsRequestForm,
            "request_reasons",
            _("ask the applicant for reasons"),
            IN_PROGRESS,
            event=EventKind.REASONS_REQUESTED,
        ),
        Action(
            "reasons_answer",
            _("Record the applicant's reasons (art. 35)"),
            forms.ReasonsAnswerForm,
            "record_reasons",
            _("record the applicant's reasons"),
            IN_PROGRESS,
            event=EventKind.REASONS_ANSWERED,
            offered_if=_awaits_reasons,
        ),
        Action(
            "reasonable_time",
            _("Set a reasonable reply deadline (art. 35)"),
            forms.ReasonableTimeForm,
            "notify_reasonable_time",
            _("set a later reply deadline under art. 35"),
            IN_PROGRESS,
            event=EventKind.REASONABLE_TIME_NOTICE,
        ),
        Action(
            "consult",
            _("Start consultation"),
            forms.ConsultationStartForm,
            "start_consultation",
            _("consult"),
            IN_PROGRESS,
            event=EventKind.CONSULTATION_STARTED,
            enters=Status.CONSULTING,
            stops_clock=True,
        ),
        Action(
            "refer",
            _("Refer for a determination (art. 17)"),
            forms.ReferralForm,
            "refer_for_determination",
            _("refer the information for a determination"),
            IN_PROGRESS,
            event=EventKind.DETERMINATION_REQUESTED,
            enters=Status.REFERRED,
            stops_clock=True,
        ),
        Action(
            "fee",
            _("Send fee notice"),
            forms.FeeNoticeForm,
            "send_fee_notice",
            _("send a fee notice"),
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
            _("reply with an outcome of a disclosure application"),
            frozenset({REPLY_STATE[0], *(status for status, _verb in REPLY_STATES.values())}),
            event=EventKind.REPLIED,
            enters=Status.CLOSED,
            drafted=True,
        ),
        Action(
            "correction_reply",
            _("Reply to the correction request (art. 41)"),
            forms.CorrectionReplyForm,
            "reply_correction",
            _("reply to the correction request"),
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
            _("split the application"),
            IN_PROGRESS,
            event=EventKind.SPLIT,
        ),
        Action(
            "withdraw",
            _("Withdraw"),
            forms.WithdrawForm,
            "withdraw_application",
            _("withdraw the application"),
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
EVENT_DATE_NAMES: dict[str, tuple[str | Promise, str | Promise]] = {
    EventKind.SUBMITTED: (_("date of arrival"), _("arrival of the application")),
    EventKind.RECEIPT_CONFIRMED: (_("Received on"), _("confirmation of receipt")),
    EventKind.CORRECTION_REQUESTED: (_("date of the correction notice"), _("correction requested")),
    EventKind.CORRECTION_RECEIVED: (
        _("Corrected application received on"),
        _("receipt of the corrected application"),
    ),
    EventKind.EXTENSION_APPROVED: (_("date the extension was notified"), _("extension of the reply period")),
    EventKind.CONSULTATION_STARTED: (_("date the consultation letter was sent"), _("consultation started")),
    EventKind.CONSULTATION_ANSWERED: (_("Answer received on"), _("consultation answered")),
    EventKind.FEE_NOTICE_SENT: (_("date of the fee notice"), _("fee notice sent")),
    EventKind.FEE_PAID: (_("Paid on"), _("payment of the fee")),
    EventKind.REASONS_REQUESTED: (_("date of the notice"), _("request for reasons")),
    EventKind.REASONS_ANSWERED: (_("date the reasons were received"), _("record the applicant's reasons")),
    EventKind.REASONABLE_TIME_NOTICE: (_("date of the notice"), _("setting of a later reply deadline")),
    EventKind.DETERMINATION_REQUESTED: (_("date of the referral"), _("referral for a determination")),
    EventKind.DETERMINATION_RECEIVED: (_("Determination received on"), _("receipt of the determination")),
    EventKind.REPLIED: (_("date of the reply"), _("reply")),
    EventKind.WITHDRAWN: (_("Withdrawn on"), _("withdrawal of the application")),
    EventKind.SPLIT: (_("date of the split"), _("split of the application")),
}


def offered(app) -> list[Action]:
    """The actions the record page offers for ``app`` (the services still decide)."""
    return [a for a in ACTIONS.values() if a.offers(app)]
