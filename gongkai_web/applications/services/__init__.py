"""Every state change of an application: one function per transition, ``verb_noun(app, *, actor,
clock=…)``, atomic, with an audit entry and an event for the statutory clock. A transition the law
or the state does not allow raises ``ApplicationError`` (code + Chinese message) and changes nothing;
where each step is allowed is ``workflow.ACTIONS``.

Dates the law cares about (receipt, notice sent, answer received …) are passed in explicitly, because
staff often record them after the fact; they may not lie in the future, nor before the receipt date or
the latest recorded event (``common.require_in_order``, checked by ``common.record`` for every
transition). The audit entry keeps both: ``data["on"]`` is the date claimed, ``created_at`` the moment
it was recorded. A step the platform itself approves (the extension) is judged on the day it is
recorded, whatever date is typed.

One module per stage: ``intake``, ``receipt``, ``correction`` (补正), ``extension``, ``consultation``,
``reasons`` (第三十五条), ``referral`` (第十七条), ``fees``, ``reply`` (and withdrawal),
``correction_reply`` (第四十一条), ``split``, ``upkeep``, ``disclosure`` (what a reply provides),
``delivery`` (送达), ``reply_draft`` (the reply drafted, signed off and issued); ``common`` binds the project's case-work kit (``gongkai_web.casework``) to
applications. The statutory numbers are the core's (``gongkai.deadlines``), re-exported here."""

from gongkai.deadlines import CONSULTATION_WORKDAYS, FEE_PAYMENT_WORKDAYS, MAX_EXTENSION_WORKDAYS

from ..workflow import STATE_EVENTS
from .common import (
    EVENT_DATE_NAMES,
    last_event,
    lock,
    lock_step,
    record,
    require_disclosure,
    require_in_order,
    require_kind,
    require_not_before,
    require_not_future,
    require_status,
)
from .consultation import (
    CONSULTEE_KINDS,
    POSITIONS,
    answer_consultation,
    start_consultation,
    third_party_objections,
)
from .correction import receive_correction, request_correction
from .correction_reply import CORRECTION_RESULTS, TO_COMPETENT_AGENCY, reply_correction
from .delivery import open_delivery_proof, record_delivery, remedy_windows, served_decision
from .disclosure import add_disclosed_item, open_disclosed_item, released_items, remove_disclosed_item
from .extension import approve_extension
from .fees import fee_for, fee_item_number, record_fee_payment, same_applicant, send_fee_notice
from .intake import (
    APPLICANT_FIELDS,
    REPOST_WINDOW,
    register_application,
    reissue_query_password,
    submit_application,
    upgrade_secret_digest,
)
from .reasons import notify_reasonable_time, record_reasons, request_reasons
from .receipt import CHANNEL_RULES, confirm_receipt
from .referral import DETERMINATIONS, record_determination, refer_for_determination
from .reply import DISCLOSING_OUTCOMES, reply_application, reply_parts, withdraw_application
from .reply_draft import (
    approve_reply_draft,
    drop_reply_draft,
    issue_reply_draft,
    open_draft,
    return_reply_draft,
    save_reply_draft,
    submit_reply_draft,
)
from .split import split_application
from .upkeep import open_attachment, record_worklist_export, refresh_provisional_deadline, unmask_applicant

__all__ = [
    "APPLICANT_FIELDS",
    "CHANNEL_RULES",
    "CONSULTATION_WORKDAYS",
    "CONSULTEE_KINDS",
    "CORRECTION_RESULTS",
    "DETERMINATIONS",
    "DISCLOSING_OUTCOMES",
    "EVENT_DATE_NAMES",
    "FEE_PAYMENT_WORKDAYS",
    "MAX_EXTENSION_WORKDAYS",
    "POSITIONS",
    "REPOST_WINDOW",
    "STATE_EVENTS",
    "TO_COMPETENT_AGENCY",
    "add_disclosed_item",
    "answer_consultation",
    "approve_extension",
    "approve_reply_draft",
    "confirm_receipt",
    "record_determination",
    "refer_for_determination",
    "drop_reply_draft",
    "fee_for",
    "fee_item_number",
    "issue_reply_draft",
    "last_event",
    "lock",
    "lock_step",
    "notify_reasonable_time",
    "open_attachment",
    "open_delivery_proof",
    "open_disclosed_item",
    "open_draft",
    "receive_correction",
    "record",
    "record_delivery",
    "record_fee_payment",
    "record_reasons",
    "record_worklist_export",
    "refresh_provisional_deadline",
    "register_application",
    "released_items",
    "remedy_windows",
    "remove_disclosed_item",
    "reissue_query_password",
    "reply_application",
    "reply_correction",
    "reply_parts",
    "request_correction",
    "request_reasons",
    "require_disclosure",
    "require_in_order",
    "require_kind",
    "require_not_before",
    "require_not_future",
    "require_status",
    "return_reply_draft",
    "same_applicant",
    "served_decision",
    "save_reply_draft",
    "send_fee_notice",
    "split_application",
    "start_consultation",
    "submit_application",
    "submit_reply_draft",
    "third_party_objections",
    "unmask_applicant",
    "upgrade_secret_digest",
    "withdraw_application",
]
