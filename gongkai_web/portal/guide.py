"""The parts of an agency's 政府信息公开指南 that follow from the law and the agency's records rather
than from free text (ecosystem §3): when an application counts as received on each channel the
agency runs (条例第三十一条) and where to complain or seek review (条例第五十一条, legal-rules §2.5).
Generated, so the guide cannot drift from how the platform actually counts and words remedies."""

from __future__ import annotations

from gongkai.labels import (
    CHANNELS,
    GUIDE_REMEDY_COMPLAINT,
    GUIDE_REMEDY_PRIOR_REVIEW,
    GUIDE_REMEDY_REVIEW_OR_SUIT,
    GUIDE_SUPERVISOR_DEFAULT,
)
from gongkai.letters.remedy import LITIGATION_MONTHS, PRIOR_REVIEW_LAW, REVIEW_DAYS
from gongkai_web.agencies.models import Agency, OnlineReceipt
from gongkai_web.applications.letters import RECEIPT_RULES
from gongkai_web.applications.models import ReceiptRule
from gongkai_web.applications.services import CHANNEL_RULES


def receipt_rules(agency: Agency) -> list[tuple[str, str]]:
    """(channel label, the rule fixing its receipt date) for each channel the agency runs."""
    rows = []
    for channel in agency.channels:
        rule = CHANNEL_RULES.get(channel)
        if channel == "online" and agency.online_receipt == OnlineReceipt.AUTOMATIC:
            rule = ReceiptRule.ELECTRONIC_RECEIPT
        if rule is not None and channel in CHANNELS:
            rows.append((CHANNELS[channel], RECEIPT_RULES[rule]))
    return rows


def remedies(agency: Agency) -> list[str]:
    """Complaint, 行政复议 and 行政诉讼 as the guide states them (条例第五十一条)."""
    supervisor = agency.parent.name if agency.parent is not None else GUIDE_SUPERVISOR_DEFAULT
    return [
        GUIDE_REMEDY_COMPLAINT.format(supervisor=supervisor),
        GUIDE_REMEDY_REVIEW_OR_SUIT.format(
            review_days=REVIEW_DAYS,
            review_body=agency.review_body_name(),
            litigation_months=LITIGATION_MONTHS,
        ),
        GUIDE_REMEDY_PRIOR_REVIEW.format(prior_review_law=PRIOR_REVIEW_LAW),
    ]
