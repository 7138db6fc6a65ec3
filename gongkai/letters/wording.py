"""Statutory wording the platform puts into letters from its records, and the wording of the masked
copy of a letter: byte-exact, and only here (docs/i18n.md §2)."""

from __future__ import annotations

from gongkai.letters.model import DETERMINING_BODIES

#: How the receipt date was fixed (条例第三十一条), as the 接收回执 states it; keyed by the platform's
#: receipt rule (``ReceiptRule`` of the web's applications).
RECEIPT_RULES: dict[str, str] = {
    "handed_in": "当面提交的，以提交之日为收到申请之日（条例第三十一条第（一）项）",
    "signed_for": "以邮寄方式提交的，以本机关签收之日为收到申请之日（条例第三十一条第（二）项）",
    "confirmed": "以平常信函等无需签收的邮件提交的，以本机关与申请人确认之日为收到申请之日"
    "（条例第三十一条第（二）项）",
    "mutual": "通过互联网渠道或者传真提交的，以双方确认之日为收到申请之日（条例第三十一条第（三）项）",
    "e_receipt": "通过互联网渠道提交的，按本机关公开指南以出具电子回执之日为双方确认之日"
    "（条例第三十一条第（三）项）",
}

#: Opens the closing line with the applicant's delivery address (a masked copy replaces what follows).
DELIVERY_ADDRESS = "送达地址："

#: At the head of every page of a masked copy: what it is, who it is for, and that it is not the letter.
MASKED_COPY_NOTE = "脱敏副本：个人信息已作遮盖处理，仅供监督查阅，不作为送达文书"


def document_number(prefix: str, year: int, serial: int) -> str:
    """The 文号 of a letter (legal-rules §7.1): the agency's 发文机关代字 (its 简称, else its name),
    公开〔year〕, the serial of the year and 号, e.g. 渝财公开〔2023〕12号."""
    return f"{prefix}公开〔{year}〕{serial}号"


def determination_pause_reason(kind: str, body: str, *, answered: bool) -> str:
    """Why the reply period is not counted while a determination under 条例第十七条 is awaited, as the
    clock's explanation quotes it (``gongkai.deadlines.Paused.reason``): the time is another agency's
    opinion, not counted under 条例第三十三条第三款 (legal-rules §10.6)."""
    who = body.strip() or DETERMINING_BODIES.get(kind, "")
    waiting = "" if answered else "；尚未收到确定意见，暂计至今日，收到后重新计算"
    return f"依条例第十七条报请{who}确定是否可以公开，所需时间不计入答复期限（条例第三十三条第三款）{waiting}"


#: Where the 文号 stands on the preview of a letter not yet issued: the number is taken when it is issued.
PREVIEW_NUMBER = "（文号于签发时编定）"

#: At the head of every page of a preview (样稿): what it is, and that it is not the letter.
PREVIEW_NOTE = "样稿：尚未签发，文号于签发时编定，不作为送达文书"
