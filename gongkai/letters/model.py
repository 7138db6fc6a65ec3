"""The inputs and output of a letter (legal-rules §7.1 common fields, §7.2 catalogue).

Every value is what the agency's records hold; nothing here knows the statute. Free-text fields
(reasons, summaries) are shown as the handler wrote them.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import asdict, dataclass
from decimal import Decimal
from enum import StrEnum

from gongkai.errors import GongkaiError


class LetterError(GongkaiError):
    """A letter cannot be composed: data the document must carry is missing or inconsistent."""

    code = "letters.error"


class LetterKind(StrEnum):
    """The documents of legal-rules §7.2 the platform issues (values are stable storage codes)."""

    RECEIPT = "receipt"  # 接收回执
    CORRECTION = "correction"  # 补正告知书 (条例第三十条)
    EXTENSION = "extension"  # 延期答复告知书 (条例第三十三条第二款)
    CONSULT_THIRD_PARTY = "consult_third_party"  # 征求第三方意见书 (条例第三十二条)
    CONSULT_AGENCY = "consult_agency"  # 征求意见函 to a co-producing agency (条例第三十四条)
    FEE = "fee"  # 收费通知书 (条例第四十二条, 办法)
    CONSULT_NOTICE = "consult_notice"  # 征求意见告知书 to the applicant (条例第三十三条第三款)
    DISCLOSURE_DECISION = "disclosure_decision"  # 公开决定告知书 to an objecting third party (条例第三十二条)
    REASONS_REQUEST = "reasons_request"  # 说明理由告知书 (条例第三十五条)
    REASONABLE_TIME = "reasonable_time"  # 延迟答复告知书 (条例第三十五条)
    SPLIT = "split"  # 拆分申请告知书 (一事一申请, 国办函〔2020〕109号)
    CORRECTION_REPLY = "correction_reply"  # 更正答复书 on a request to correct a record (条例第四十一条)
    #: 报请确定告知书 to the applicant: referred under 条例第十七条, the time is not counted (第三十三条第三款)
    DETERMINATION_NOTICE = "determination_notice"
    REPLY = "reply"  # 答复书/告知书: title from the outcome table


#: Titles of the procedural documents as the catalogue (legal-rules §7.2) names them. A reply's
#: title is the outcome's ``letter`` in :mod:`gongkai.outcomes`.
TITLES: dict[LetterKind, str] = {
    LetterKind.RECEIPT: "接收回执",
    LetterKind.CORRECTION: "补正告知书",
    LetterKind.EXTENSION: "延期答复告知书",
    LetterKind.CONSULT_THIRD_PARTY: "征求第三方意见书",
    LetterKind.CONSULT_AGENCY: "征求意见函",
    LetterKind.FEE: "收费通知书",
    LetterKind.CONSULT_NOTICE: "征求意见告知书",
    LetterKind.DISCLOSURE_DECISION: "公开决定告知书",
    LetterKind.REASONS_REQUEST: "说明理由告知书",
    LetterKind.REASONABLE_TIME: "延迟答复告知书",
    LetterKind.SPLIT: "拆分申请告知书",
    LetterKind.CORRECTION_REPLY: "更正答复书",
    LetterKind.DETERMINATION_NOTICE: "报请确定告知书",
}

#: Who determines whether information may be disclosed when the agency cannot (条例第十七条: 报有关
#: 主管部门或者保密行政管理部门确定), as the letters name them (stable storage codes).
DETERMINING_BODIES: dict[str, str] = {
    "competent": "有关主管部门",
    "secrecy": "保密行政管理部门",
}

#: The answers to a request to correct a record about the requester (条例第四十一条), as the
#: 更正答复书 and the platform name them (stable storage codes).
CORRECTION_RESULTS: dict[str, str] = {
    "corrected": "已予更正",
    "forwarded": "转送有权机关处理",
    "redirected": "告知向有权机关提出",
    "not_verified": "经审核不属实，不予更正",
}

#: Letters addressed to the consulted third party or agency, never to the applicant.
TO_CONSULTEE = frozenset(
    {LetterKind.CONSULT_THIRD_PARTY, LetterKind.CONSULT_AGENCY, LetterKind.DISCLOSURE_DECISION}
)


@dataclass(frozen=True, slots=True)
class AgencyDetails:
    name: str  # 重庆市人民政府办公厅
    seal_name: str = ""  # e.g. 重庆市人民政府办公厅政府信息公开专用章; empty: the agency's own seal
    address: str = ""
    postcode: str = ""
    phone: str = ""
    contact: str = ""  # office or person to contact
    #: The body that decides a 行政复议 against this agency's acts (行政复议法第二十四条至第二十七条,
    #: legal-rules §2.5). A decision letter must name it: leaving it out stretches the applicant's
    #: period to one year (行政复议法第二十条第三款).
    review_body: str = ""


@dataclass(frozen=True, slots=True)
class ApplicantDetails:
    name: str  # as the applicant gave it (person or organisation)
    address: str = ""  # postal or delivery address as given
    organisation: bool = False  # addressed as 贵单位 rather than 您


@dataclass(frozen=True, slots=True)
class WithheldPart:
    """One withheld part of a 部分公开 reply: what, on which ground (an outcome code), why."""

    description: str
    ground: str  # a withheld_* outcome code of gongkai.outcomes
    reason: str


@dataclass(frozen=True, slots=True)
class DisclosedInfo:
    """One piece of information a 予以公开/部分公开 reply provides (legal-rules §7.4: "information
    attached, or how/where to get it"): what it is, and the attached file's name or the link to it."""

    description: str
    file_name: str = ""  # the attachment provided with the reply
    url: str = ""  # where it can be read online (http/https)


@dataclass(frozen=True, slots=True)
class SplitPart:
    """One application an application was split into under 一事一申请: its own query code, the item
    it asks for, its own reply deadline."""

    query_code: str
    description: str
    reply_due: dt.date | None = None


@dataclass(frozen=True, slots=True)
class LetterContext:
    agency: AgencyDetails
    applicant: ApplicantDetails
    number: str  # 文号, e.g. 渝府公开〔2025〕12号
    issued_on: dt.date
    received_on: dt.date
    request_summary: str
    query_code: str = ""
    channel: str = ""  # a gongkai.deadlines.CHANNELS key or free text
    #: "disclosure" (条例第二十九条) or "correction": a request to correct a record about the requester
    #: (条例第四十一条); the receipt names the request accordingly.
    request_kind: str = "disclosure"
    # 接收回执
    reply_due: dt.date | None = None
    receipt_rule: str = ""  # how the receipt date was fixed (条例第三十一条)
    # 补正告知书
    corrections: tuple[str, ...] = ()
    correction_due: dt.date | None = None
    correction_requested_on: dt.date | None = None
    # 延期答复告知书
    original_due: dt.date | None = None
    extension_workdays: int | None = None
    new_due: dt.date | None = None
    extension_reason: str = ""
    # 征求意见
    consulted_party: str = ""
    consultation_subject: str = ""  # the information concerned
    consultation_reason: str = ""  # why it may affect the third party
    consultation_due: dt.date | None = None
    consultee_kind: str = ""  # "third_party" (第三十二条) or "agency" (第三十四条)
    # 公开决定告知书 (第三十二条: disclosed over the third party's objection)
    objection_on: dt.date | None = None  # when the third party's written objection arrived
    public_interest: str = ""  # why withholding would seriously affect the public interest
    # 第三十五条: 说明理由告知书, 延迟答复告知书
    volume: str = ""  # the number and frequency of the applicant's applications
    reasons_due: dt.date | None = None  # the date by which the applicant is asked to give reasons
    reasons_requested_on: dt.date | None = None
    reasonable_due: dt.date | None = None  # the reasonable later deadline
    reasonable_reason: str = ""  # why art. 33's period cannot be met
    # 拆分申请告知书: the first part keeps the original query code
    split_parts: tuple[SplitPart, ...] = ()
    # 更正答复书 (条例第四十一条)
    correction_result: str = ""  # a CORRECTION_RESULTS key
    correction_details: str = ""  # what was corrected, or why the record was not found inaccurate
    competent_agency: str = ""  # the agency with power to correct (forwarded / redirected)
    # 报请确定告知书 (条例第十七条)
    determining_kind: str = ""  # a DETERMINING_BODIES key
    determining_body: str = ""  # the department's name, e.g. 重庆市国家保密局
    referred_on: dt.date | None = None  # the day the question was sent to it
    # 收费通知书
    fee_amount: Decimal | None = None
    fee_basis: str = ""  # mode and standard, item position or page count
    fee_due: dt.date | None = None
    fee_account: str = ""  # payment code / account and how to pay
    fee_notice_on: dt.date | None = None
    # 答复书
    outcome: str | None = None  # an outcome code of gongkai.outcomes
    released: tuple[str, ...] = ()  # what is provided, in words (used when ``disclosed`` is empty)
    disclosed: tuple[DisclosedInfo, ...] = ()  # what is provided, each with its attachment or link
    withheld: tuple[WithheldPart, ...] = ()
    reasons: str = ""
    public_location: str = ""  # where already-public information is found
    holding_agency: str = ""  # who holds it, with contact if known
    referral: str = ""  # the special route / proper channel / where to buy
    earlier_reply: str = ""  # 文号 and date of the earlier reply (repeat)
    delivery: str = ""  # how the information is provided
    attachments: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Letter:
    """A composed document, ready for any renderer: the renderers add layout, never words."""

    kind: LetterKind
    title: str
    agency: str  # heading line above the title
    number: str
    addressee: str
    paragraphs: tuple[str, ...]  # body in order, legal basis and remedy clause included
    closing: tuple[str, ...]  # contact and delivery lines
    attachments: tuple[str, ...]
    issuer: str
    seal: str  # placeholder where the seal is applied
    issued_on: dt.date
    basis: str = ""  # the outcome's legal basis as cited ('' if none)
    remedy: str = ""  # the remedy paragraph ('' on procedural notices)
    outcome: str | None = None
    #: Marks a copy that is not the document as issued (e.g. a masked copy for a supervising office),
    #: printed at the head of every page; empty on the letter itself.
    copy_note: str = ""

    @property
    def date_line(self) -> str:
        return zh_date(self.issued_on)

    def to_json(self) -> str:
        """The composed words, for storing with the application so a later render (e.g. the PDF on
        first download) lays out exactly what was issued."""
        data = asdict(self)
        data["issued_on"] = self.issued_on.isoformat()
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> Letter:
        data = json.loads(raw)
        tuples = ("paragraphs", "closing", "attachments")
        return cls(
            **{
                **data,
                **{key: tuple(data[key]) for key in tuples},
                "kind": LetterKind(data["kind"]),
                "issued_on": dt.date.fromisoformat(data["issued_on"]),
            }
        )

    def text(self) -> str:
        """The whole letter as plain text (for search, e-mail bodies and tests)."""
        lines = [
            *([self.copy_note] if self.copy_note else []),
            self.agency,
            self.title,
            self.number,
            f"{self.addressee}：",
            *self.paragraphs,
        ]
        if self.attachments:
            lines += ["附件：", *self.attachments]
        return "\n".join([*lines, self.seal, self.issuer, self.date_line, *self.closing])


def zh_date(day: dt.date) -> str:
    # GB/T 9704-2012 §7.3.5.1: the date of a document is written in Arabic numerals, no padding.
    return f"{day.year}年{day.month}月{day.day}日"
