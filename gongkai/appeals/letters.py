"""Skeletons of the agency's two filings: the 行政复议答复书 to the 复议机关 (行政复议法第四十八条) and the
答辩状 to the court (行政诉讼法第六十七条). The facts the platform holds are filled in (parties, the act
contested, the dates, the applications behind it); what staff must write — the facts as the agency states
them, its reasons, the evidence — is marked 【待填写】. Rendered by ``gongkai.letters.render`` as DOCX/PDF
(the renderers read ``Letter.kind`` only for the compact layout; these are full letters, kind REPLY)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from gongkai import labels
from gongkai.appeals.clocks import Due
from gongkai.letters.model import Letter, LetterKind, zh_date

TO_FILL = "【待填写】"


@dataclass(frozen=True, slots=True)
class AppealFacts:
    kind: str  # review / litigation
    agency: str  # the respondent (defendant)
    body: str  # the 复议机关 or the court
    appellant: str  # 申请人 / 原告
    act: str  # the act contested, as the case names it
    case_number: str  # the body's number of the case ('' if not yet known)
    copy_received_on: dt.date
    due: Due
    applications: Sequence[str] = ()  # query codes and dates of the applications behind the act
    issued_on: dt.date | None = None
    co_defendant: bool = False
    simplified: bool = False  # 行政复议 in the simplified procedure (第五十四条)


def _review_reply(f: AppealFacts) -> list[str]:
    return [
        f"被申请人：{f.agency}。",
        f"申请人：{f.appellant}。",
        f"申请人不服被申请人作出的{f.act}，向你机关申请行政复议"
        + (f"（{f.case_number}）" if f.case_number else "")
        + f"。被申请人于{zh_date(f.copy_received_on)}收到行政复议申请书副本，现依照"
        f"{f.due.basis.removesuffix('（简易程序）')}的规定，提出书面答复如下：",
        "一、被申请人作出行政行为的事实和经过：" + _applications(f) + TO_FILL,
        f"二、作出行政行为的证据、依据：{TO_FILL}（证据、依据和其他有关材料随本答复书一并提交）。",
        f"三、答复意见：{TO_FILL}。综上，被申请人作出的行政行为认定事实清楚，证据确凿，适用依据正确，程序合法，"
        "内容适当，请求行政复议机关依法予以维持。",
    ]


def _defence(f: AppealFacts) -> list[str]:
    role = "被告（共同被告）" if f.co_defendant else "被告"
    return [
        f"答辩人（{role}）：{f.agency}。",
        f"被答辩人（原告）：{f.appellant}。",
        f"原告不服答辩人作出的{f.act}，向你院提起行政诉讼"
        + (f"（{f.case_number}）" if f.case_number else "")
        + f"。答辩人于{zh_date(f.copy_received_on)}收到起诉状副本，现依照《中华人民共和国行政诉讼法》第六十七条"
        "第一款的规定，答辩如下：",
        "一、案件事实：" + _applications(f) + TO_FILL,
        f"二、答辩人作出的行政行为证据确凿，适用法律、法规正确，符合法定程序：{TO_FILL}。",
        f"三、答辩意见：{TO_FILL}。综上，原告的诉讼请求缺乏事实和法律依据，请求人民法院依法驳回原告的诉讼请求。",
    ]


def _applications(f: AppealFacts) -> str:
    if not f.applications:
        return ""
    return f"本案涉及的政府信息公开申请：{'；'.join(f.applications)}。"


def appeal_letter(facts: AppealFacts) -> Letter:
    """The 答复书 (review) or 答辩状 (litigation) skeleton of the case."""
    review = facts.kind == "review"
    title = labels.LETTER_REVIEW_REPLY if review else labels.LETTER_DEFENCE
    paragraphs = _review_reply(facts) if review else _defence(facts)
    evidence = "证据清单及证据材料" if review else "证据清单、证据材料及所依据的规范性文件"
    return Letter(
        kind=LetterKind.REPLY,
        title=title,
        agency=facts.agency,
        number=facts.case_number,
        addressee=facts.body,
        paragraphs=tuple(paragraphs),
        closing=(f"提交期限：{zh_date(facts.due.due_on)}前（{facts.due.basis}，{facts.due.period}）。",),
        attachments=(evidence,),
        issuer=facts.agency,
        seal="（印章）",
        issued_on=facts.issued_on or facts.copy_received_on,
    )
