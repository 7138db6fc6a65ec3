"""The remedy clause (救济告知) of a decision letter, legal-rules §2.5 and §7.3.

Which variant applies is the outcome table's ``prior_review`` flag (gongkai.outcomes); this
module only words the clause and carries the periods.
"""

from __future__ import annotations

from gongkai.outcomes import Outcome

REVIEW_DAYS = 60  # 行政复议法第二十条第一款 (calendar days)
LITIGATION_MONTHS = 6  # 行政诉讼法第四十六条 (direct suit)
LITIGATION_AFTER_REVIEW_DAYS = 15  # 行政诉讼法第四十五条 (after the 复议 decision or its expiry)

PRIOR_REVIEW_LAW = "《中华人民共和国行政复议法》第二十三条第一款第（四）项、第二款"


def _review_then_court(you: str, body: str, what: str) -> str:
    return (
        f"{you}如对{what}不服，应当自收到本答复之日起{REVIEW_DAYS}日内向{body}申请行政复议；"
        f"对行政复议决定不服的，可以自收到行政复议决定书之日起{LITIGATION_AFTER_REVIEW_DAYS}日内依法向人民法院"
        f"提起行政诉讼，行政复议机关逾期不作决定的，可以自复议期满之日起{LITIGATION_AFTER_REVIEW_DAYS}日内依法"
        f"向人民法院提起行政诉讼。根据{PRIOR_REVIEW_LAW}的规定，对不予公开的决定应当先申请行政复议，"
        "不得直接提起行政诉讼。"
    )


def _review_or_court(you: str, body: str, what: str) -> str:
    return (
        f"{you}如对{what}不服，可以自收到本答复之日起{REVIEW_DAYS}日内向{body}申请行政复议，"
        f"也可以自收到本答复之日起{LITIGATION_MONTHS}个月内依法向人民法院提起行政诉讼。"
    )


def remedy_clause(entry: Outcome, *, you: str, review_body: str) -> str:
    """Variant A (复议前置) for a refusal to disclose, variant B otherwise; a 部分公开 reply carries
    A for its withheld part and B for the rest (legal-rules §7.3)."""
    if not entry.prior_review:
        return _review_or_court(you, review_body, "本答复")
    if entry.code == "partly_granted":
        return _review_then_court(you, review_body, "本答复中不予公开的部分") + _review_or_court(
            you, review_body, "本答复的其他内容"
        )
    return _review_then_court(you, review_body, "本答复")


def third_party_remedy_clause(*, review_body: str) -> str:
    """The remedy of a third party whose objection was overridden (公开决定告知书, 条例第三十二条): it may
    apply for 行政复议 or sue (法释〔2011〕17号第一条 lets it sue over disclosure that harms its trade
    secrets or privacy); 复议前置 covers only a refusal to disclose, so variant B's periods apply."""
    return (
        f"贵方如对本机关决定公开上述政府信息不服，可以自收到本告知书之日起{REVIEW_DAYS}日内向{review_body}申请"
        f"行政复议，也可以自收到本告知书之日起{LITIGATION_MONTHS}个月内依法向人民法院提起行政诉讼。"
    )


def correction_remedy_clause(*, you: str, review_body: str) -> str:
    """The remedy of a requester whose request to correct a record was answered (更正答复书, 条例第四十一条):
    the answer is a decision, and 复议前置 covers only a refusal to disclose (行政复议法第二十三条第一款第（四）项),
    so variant B applies whatever the answer (legal-rules §7.3)."""
    return _review_or_court(you, review_body, "本答复")
