"""The parts of an agency's 政府信息公开指南 that follow from the law and the agency's records rather
than from free text (ecosystem §3): when an application counts as received on each channel the
agency runs (条例第三十一条) and where to complain or seek review (条例第五十一条, legal-rules §2.5).
Generated, so the guide cannot drift from how the platform actually counts and words remedies."""

from __future__ import annotations

from gongkai.labels import CHANNELS
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
    supervisor = agency.parent.name if agency.parent_id else "上级人民政府政府信息公开工作主管部门"
    return [
        f"认为本机关未依法履行政府信息公开义务的，可以向{supervisor}或者政府信息公开工作主管部门投诉、举报"
        "（《中华人民共和国政府信息公开条例》第四十七条第二款、第五十一条）。",
        f"认为本机关在政府信息公开工作中的行政行为侵犯其合法权益的，可以自知道该行为之日起{REVIEW_DAYS}日内向"
        f"{agency.review_body_name()}申请行政复议，或者自知道该行为之日起{LITIGATION_MONTHS}个月内依法向人民法院提起"
        "行政诉讼（条例第五十一条）。",
        f"对本机关不予公开政府信息的答复不服的，应当先申请行政复议，对复议决定不服的再提起行政诉讼（{PRIOR_REVIEW_LAW}）。",
    ]
