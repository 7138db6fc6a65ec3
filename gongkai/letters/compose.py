"""Compose a document of legal-rules §7.2 from the agency's records: title, paragraphs, closing.

Procedural notices (receipt, 补正, 延期, 征求意见, 收费, 第三十五条's 说明理由 and 延迟答复, 第十七条's 报请确定) carry no
remedy clause (§7.3: they are not independently litigable); every reply carries one and cannot be
composed without the 行政复议机关, and so does the 公开决定告知书 to a third party whose objection was
overridden (第三十二条: it is a decision against the third party), and the 更正答复书 on a request to
correct a record (第四十一条: the answer is a decision; variant B).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from gongkai.deadlines import (
    CHANNELS,
    CONSULTATION_WORKDAYS,
    CONSULTEES,
    FEE_PAYMENT_WORKDAYS,
    MAX_EXTENSION_WORKDAYS,
    REPLY_WORKDAYS,
)
from gongkai.letters.model import (
    CORRECTION_RESULTS,
    DETERMINING_BODIES,
    TITLES,
    TO_CONSULTEE,
    Letter,
    LetterContext,
    LetterError,
    LetterKind,
    zh_date,
)
from gongkai.letters.remedy import correction_remedy_clause, remedy_clause, third_party_remedy_clause
from gongkai.letters.replies import BODIES, _numbered, _sentence
from gongkai.letters.wording import DELIVERY_ADDRESS
from gongkai.outcomes import FEE_MEASURES, STATUTE, Outcome, outcome

#: Chinese names of the context fields, for the refusal messages.
FIELD_LABELS: dict[str, str] = {
    "agency.name": "发文机关名称",
    "agency.review_body": "行政复议机关",
    "applicant.name": "申请人姓名或名称",
    "number": "文号",
    "request_summary": "申请内容",
    "query_code": "查询码",
    "reply_due": "答复期限",
    "corrections": "需要补正的事项",
    "correction_due": "补正期限",
    "original_due": "原答复期限",
    "extension_workdays": "延长的工作日数",
    "new_due": "延长后的答复期限",
    "extension_reason": "延期理由",
    "consulted_party": "被征求意见的第三方或机关",
    "consultation_subject": "涉及的信息",
    "fee_amount": "收费金额",
    "fee_basis": "计费依据",
    "fee_due": "缴费期限",
    "fee_account": "缴费方式",
    "outcome": "办理结果",
    "released": "予以公开的信息",
    "disclosed": "予以公开的信息及其附件或链接",
    "withheld": "不予公开的部分及理由",
    "reasons": "理由",
    "public_location": "已公开信息的获取途径",
    "holding_agency": "负责公开该信息的机关",
    "referral": "办理途径",
    "earlier_reply": "此前答复的文号和日期",
    "consultee_kind": "征求意见对象的类别（第三方或其他机关）",
    "public_interest": "不公开可能对公共利益造成重大影响的理由",
    "volume": "申请的数量和频次",
    "reasons_due": "说明理由的期限",
    "reasonable_due": "延迟答复的合理期限",
    "reasonable_reason": "无法按期答复的理由",
    "split_parts": "拆分后的各件申请",
    "correction_result": "更正申请的处理结果",
    "competent_agency": "有权更正的行政机关",
    "correction_details": "更正的内容或者不予更正的理由",
    "determining_kind": "确定机关的类别（有关主管部门或者保密行政管理部门）",
    "determining_body": "报请确定的机关名称",
    "referred_on": "报请确定的日期",
}

_COMMON = ("agency.name", "applicant.name", "number", "request_summary")


def _value(ctx: LetterContext, field: str) -> Any:
    target: Any = ctx
    for part in field.split("."):
        target = getattr(target, part)
    return target


def _missing(title: str, field: str) -> LetterError:
    return LetterError(
        f"无法生成{title}：缺少“{FIELD_LABELS[field]}”。",
        code="letters.missing",
        message_en=f"cannot compose {title}: {field} is missing",
        title=title,
        field=field,
    )


def _invalid(title: str, field: str, problem: str, problem_en: str) -> LetterError:
    return LetterError(
        f"无法生成{title}：“{FIELD_LABELS.get(field, field)}”{problem}。",
        code="letters.invalid",
        message_en=f"cannot compose {title}: {field} {problem_en}",
        title=title,
        field=field,
    )


def _blank(value: Any) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, tuple):
        return all(isinstance(item, str) and not item.strip() for item in value)
    return False


def _require(title: str, ctx: LetterContext, fields: tuple[str, ...]) -> None:
    for field in fields:
        if _blank(_value(ctx, field)):
            raise _missing(title, field)


def _zh_required(day: dt.date | None) -> str:
    """``zh_date`` of an optional date field that the letter lists as required (``_require`` has checked it)."""
    assert day is not None, "a required date field, checked by _require"
    return zh_date(day)


def _you(ctx: LetterContext) -> str:
    return "贵单位" if ctx.applicant.organisation else "您"


#: Punctuation that may close the applicant's own words but not a quotation followed by ours.
_CLOSING_PUNCTUATION = "。．.，,；;：:！!？?、 　\n\t"


def _quoted(text: str) -> str:
    """The applicant's words as a quotation inside our sentence: “……”。 once. Their closing punctuation is
    dropped (the sentence closes after the quote), quotation marks wrapping the whole text are dropped,
    and inner double quotes become single ones, as a quote within a quote is written (GB/T 15834-2011
    标点符号用法, 引号: 双引号内再用引号，用单引号)."""
    inner = text.strip().rstrip(_CLOSING_PUNCTUATION)
    while len(inner) >= 2 and inner[0] in '“"' and inner[-1] in '”"' and _balanced(inner[1:-1]):
        inner = inner[1:-1].strip().rstrip(_CLOSING_PUNCTUATION)
    return "“" + inner.replace("“", "‘").replace("”", "’") + "”"


def _balanced(text: str) -> bool:
    """No closing quote before its opening one: stripping the outer pair of “a”和“b” would leave a”和“b."""
    depth = 0
    for ch in text:
        depth += ch == "“"
        depth -= ch == "”"
        if depth < 0:
            return False
    return depth == 0


def _opening(ctx: LetterContext, you: str) -> str:
    code = f"（查询码：{ctx.query_code}）" if ctx.query_code else ""
    return (
        f"本机关于{zh_date(ctx.received_on)}收到{you}提交的政府信息公开申请{code}，"
        f"{you}申请获取{_quoted(ctx.request_summary)}。"
    )


def _contact(ctx: LetterContext) -> list[str]:
    agency = ctx.agency
    lines = []
    if agency.contact or agency.phone:
        lines.append(
            "　".join(
                x
                for x in (
                    f"联系人：{agency.contact}" if agency.contact else "",
                    f"联系电话：{agency.phone}" if agency.phone else "",
                )
                if x
            )
        )
    if agency.address:
        lines.append(f"通讯地址：{agency.address}")
    if agency.postcode:
        lines.append(f"邮政编码：{agency.postcode}")
    return lines


def _delivery_address(ctx: LetterContext) -> list[str]:
    return [f"{DELIVERY_ADDRESS}{ctx.applicant.address}"] if ctx.applicant.address.strip() else []


def _amount(value: Decimal) -> str:
    return str(int(value)) if value == value.to_integral_value() else f"{value:.2f}"


# ── procedural notices ─────────────────────────────────────────────────────────────────────


def _receipt(ctx: LetterContext, you: str) -> list[str]:
    rule = f"。{_sentence(ctx.receipt_rule).rstrip('。')}" if ctx.receipt_rule else ""
    correction = ctx.request_kind == "correction"
    lines = [
        f"{you}提交的{'更正政府信息记录的申请' if correction else '政府信息公开申请'}本机关已收到，现出具回执。",
        f"查询码：{ctx.query_code}",
        f"收到申请日期：{zh_date(ctx.received_on)}{rule}",
    ]
    if ctx.channel:
        lines.append(f"申请方式：{CHANNELS.get(ctx.channel, ctx.channel)}")
    if correction:  # 条例第四十一条 sets no period: the platform keeps art. 33's (docs/letters.md §4)
        period = (
            f"参照{STATUTE}第三十三条规定的期限，本机关将自收到申请之日起{REPLY_WORKDAYS}个工作日内作出答复，"
            f"即不晚于{_zh_required(ctx.reply_due)}。"
        )
    else:
        period = (
            f"根据{STATUTE}第三十三条的规定，本机关将自收到申请之日起{REPLY_WORKDAYS}个工作日内作出答复，"
            f"即不晚于{_zh_required(ctx.reply_due)}。需要延长答复期限的，经本机关政府信息公开工作机构负责人同意，"
            f"可以延长不超过{MAX_EXTENSION_WORKDAYS}个工作日，本机关将另行告知；征求第三方和其他机关意见所需时间"
            "不计算在答复期限内。"
        )
    lines += [f"申请内容：{ctx.request_summary.strip()}", period, _tracking(you)]
    return lines


def _tracking(you: str) -> str:
    """How the applicant follows the application: the query code printed above and the query password
    given when the application was made. The password itself is never printed (the receipt is a copy
    kept with the file and may be sent by post): only the applicant holds it."""
    return (
        f"{you}可以凭上述查询码和提交申请时取得的查询密码，查询申请的办理进度并获取本机关出具的文书。"
        f"为保护{you}的信息，本回执不载明查询密码，请妥善保管；遗失的，可以凭查询码联系本机关重新取得。"
    )


def _correction(ctx: LetterContext, you: str) -> list[str]:
    return [
        _opening(ctx, you),
        f"经审查，{you}的申请内容需要补正。根据{STATUTE}第三十条的规定，请{you}对以下事项一并作出补正：",
        *_numbered(ctx.corrections),
        f"请{you}于{_zh_required(ctx.correction_due)}前通过原申请渠道或者按照本告知书所列联系方式提交补正后的申请。"
        "补正后的申请应当写明所需政府信息的名称、文号或者便于本机关查询的其他特征性描述。",
        f"{you}无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"
        "答复期限自本机关收到补正后的申请之日起重新计算。",
    ]


def _extension(ctx: LetterContext, you: str) -> list[str]:
    reason = ctx.extension_reason.strip().rstrip("。")
    return [
        _opening(ctx, you),
        f"因{reason}，本机关不能在原答复期限（{_zh_required(ctx.original_due)}）内作出答复。经本机关政府信息公开"
        f"工作机构负责人同意，根据{STATUTE}第三十三条第二款的规定，答复期限延长{ctx.extension_workdays}个工作日，"
        f"延长后的答复期限为{_zh_required(ctx.new_due)}。",
        "特此告知。",
    ]


def _consultation_intro(ctx: LetterContext) -> str:
    # The applicant is not named to the consulted party: it needs the information, not the requester.
    return f"本机关于{zh_date(ctx.received_on)}收到一份政府信息公开申请，申请人申请获取{_quoted(ctx.request_summary)}。"


def _answer_by(ctx: LetterContext, what: str) -> str:
    due = (
        f"于{zh_date(ctx.consultation_due)}前（自收到{what}之日起{CONSULTATION_WORKDAYS}个工作日内）"
        if ctx.consultation_due
        else f"自收到{what}之日起{CONSULTATION_WORKDAYS}个工作日内"
    )
    return due


def _consult_third_party(ctx: LetterContext, you: str) -> list[str]:
    return [
        _consultation_intro(ctx),
        f"经审查，该申请涉及的以下信息公开后可能损害贵方合法权益：{_sentence(ctx.consultation_subject)}"
        f"{_sentence(ctx.consultation_reason)}",
        f"根据{STATUTE}第三十二条的规定，现书面征求贵方意见。请贵方{_answer_by(ctx, '本意见书')}以书面形式"
        "提出意见；不同意公开的，应当说明理由。逾期未提出意见的，由本机关依照规定决定是否公开。",
        "贵方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，"
        "可以决定予以公开，并将决定公开的政府信息内容和理由书面告知贵方。",
    ]


def _consult_agency(ctx: LetterContext, you: str) -> list[str]:
    return [
        _consultation_intro(ctx),
        f"经审查，该申请所涉政府信息由本机关与贵机关共同制作：{_sentence(ctx.consultation_subject)}"
        f"{_sentence(ctx.consultation_reason)}",
        f"根据{STATUTE}第三十四条的规定，现征求贵机关意见。请贵机关{_answer_by(ctx, '本函')}提出意见；"
        "逾期未提出意见的，视为同意公开。",
    ]


def _fee(ctx: LetterContext, you: str) -> list[str]:
    assert ctx.fee_amount is not None
    return [
        _opening(ctx, you),
        f"根据{STATUTE}第四十二条和{FEE_MEASURES}的规定，{you}本次申请应当缴纳信息处理费"
        f"{_amount(ctx.fee_amount)}元。计费依据：{_sentence(ctx.fee_basis)}",
        f"请{you}于{_zh_required(ctx.fee_due)}前缴纳上述费用。缴费方式：{_sentence(ctx.fee_account)}",
        f"{you}自收到本通知书次日起{FEE_PAYMENT_WORKDAYS}个工作日内未缴纳费用的，视为放弃申请，本机关不再处理"
        f"该政府信息公开申请。自本机关发出本通知书至{you}缴纳费用期间，不计算在答复期限内。",
    ]


def _consult_notice(ctx: LetterContext, you: str) -> list[str]:
    # To the applicant (legal-rules §7.2 征求意见告知书): the consulted third party is not named — its
    # identity may itself be what the application asks about; a co-producing agency is.
    sent = zh_date(ctx.issued_on)
    if ctx.consultee_kind == "agency":
        asked = (
            f"由本机关与其他机关共同制作。根据{STATUTE}第三十四条的规定，本机关已于{sent}征求"
            f"{ctx.consulted_party.strip()}的意见，该机关应当自收到征求意见函之日起{CONSULTATION_WORKDAYS}个工作日内"
            "提出意见。"
        )
    else:
        asked = (
            f"公开后可能损害第三方合法权益。根据{STATUTE}第三十二条的规定，本机关已于{sent}书面征求第三方的意见，"
            f"第三方应当自收到征求意见书之日起{CONSULTATION_WORKDAYS}个工作日内提出意见。"
        )
    return [
        _opening(ctx, you),
        f"经审查，{you}申请获取的政府信息{asked}",
        f"根据{STATUTE}第三十三条第三款的规定，征求第三方和其他机关意见所需时间不计算在答复期限内。本机关将在收到"
        f"意见或者征求意见期限届满后，依法对{you}的申请作出答复。",
        "特此告知。",
    ]


def _disclosure_decision(ctx: LetterContext, you: str) -> list[str]:
    # 条例第三十二条: disclosed over the third party's objection because withholding would seriously
    # affect the public interest; the third party is told in writing what is disclosed and why.
    objected = f"贵方于{zh_date(ctx.objection_on)}书面答复" if ctx.objection_on else "贵方书面答复"
    return [
        _consultation_intro(ctx),
        f"本机关已就该申请涉及的以下信息书面征求贵方意见：{_sentence(ctx.consultation_subject)}"
        f"{objected}不同意公开。",
        f"经审查，本机关认为不公开上述信息可能对公共利益造成重大影响：{_sentence(ctx.public_interest)}"
        f"根据{STATUTE}第三十二条的规定，本机关决定予以公开，现将决定公开的政府信息内容和理由书面告知贵方。",
        f"决定公开的政府信息：{_sentence(ctx.consultation_subject)}",
    ]


def _reasons_request(ctx: LetterContext, you: str) -> list[str]:
    return [
        _opening(ctx, you),
        f"经统计，{_sentence(ctx.volume)}本机关认为，{you}申请公开政府信息的数量、频次明显超过合理范围。"
        f"根据{STATUTE}第三十五条的规定，请{you}于{_zh_required(ctx.reasons_due)}前以书面形式向本机关说明申请理由，"
        "可以通过原申请渠道或者按照本告知书所列联系方式提交。",
        f"本机关认为申请理由不合理的，将告知{you}不予处理；认为申请理由合理，但是无法在{STATUTE}第三十三条规定的"
        f"期限内答复的，将确定延迟答复的合理期限并告知{you}。",
        "特此告知。",
    ]


def _reasonable_time(ctx: LetterContext, you: str) -> list[str]:
    asked = (
        f"本机关已于{zh_date(ctx.reasons_requested_on)}要求{you}说明理由。"
        if ctx.reasons_requested_on
        else ""
    )
    original = f"（{zh_date(ctx.original_due)}）" if ctx.original_due else ""
    return [
        _opening(ctx, you),
        f"{you}申请公开政府信息的数量、频次明显超过合理范围。{asked}经审查，本机关认为{you}的申请理由合理，"
        f"但是无法在{STATUTE}第三十三条规定的期限{original}内答复。理由：{_sentence(ctx.reasonable_reason)}",
        f"根据{STATUTE}第三十五条的规定，本机关确定延迟答复的合理期限为{_zh_required(ctx.reasonable_due)}，"
        f"将在此期限内对{you}的申请作出答复。",
        "特此告知。",
    ]


def _check_split(title: str, ctx: LetterContext) -> None:
    if len(ctx.split_parts) < 2:
        raise _invalid(title, "split_parts", "至少应有两件", "must list at least two applications")
    if any(not p.query_code.strip() or not p.description.strip() for p in ctx.split_parts):
        raise _missing(title, "split_parts")


def _split(ctx: LetterContext, you: str) -> list[str]:
    # 一事一申请 (国办函〔2020〕109号, legal-rules §6.2): each item becomes an application of its own, with
    # its own query code (the applicant's query password is unchanged) and its own reply.
    parts = ctx.split_parts
    lines = [
        f"查询码{p.query_code}：{p.description.strip().rstrip('。')}"
        + (f"（答复期限：{zh_date(p.reply_due)}）" if p.reply_due else "")
        for p in parts
    ]
    return [
        _opening(ctx, you),
        f"经审查，{you}的申请包含{len(parts)}项相互独立的政府信息。根据{FEE_MEASURES}规定的“一事一申请”原则，"
        f"本机关将该申请拆分为以下{len(parts)}件申请，分别办理、分别答复：",
        *_numbered(tuple(lines)),
        f"各件申请均以{zh_date(ctx.received_on)}为收到申请之日。{you}可以使用原查询密码，凭上述查询码分别查询"
        "各件申请的办理进度和答复。",
        "特此告知。",
    ]


def _check_correction_reply(title: str, ctx: LetterContext) -> None:
    result = ctx.correction_result
    if result not in CORRECTION_RESULTS:
        known = "、".join(CORRECTION_RESULTS.values())
        raise _invalid(
            title, "correction_result", f"应为{known}之一", f"must be one of {', '.join(CORRECTION_RESULTS)}"
        )
    if result in ("forwarded", "redirected"):
        _require(title, ctx, ("competent_agency",))
    else:  # what was corrected, or why the evidence does not show the record to be inaccurate
        _require(title, ctx, ("correction_details",))


def _correction_reply(ctx: LetterContext, you: str) -> list[str]:
    # 条例第四十一条: corrected and told; or, outside the agency's functions, forwarded to the agency with
    # power to correct (and told), or the requester is told to apply there; a record found accurate on
    # review is not corrected (a decision: the remedy clause follows, variant B).
    code = f"（查询码：{ctx.query_code}）" if ctx.query_code else ""
    art = f"{STATUTE}第四十一条"
    details = _sentence(ctx.correction_details)
    competent = ctx.competent_agency.strip()
    lines = [
        f"本机关于{zh_date(ctx.received_on)}收到{you}提交的更正申请{code}，{you}认为本机关提供的与{you}自身相关的"
        f"政府信息记录不准确，要求更正：{_quoted(ctx.request_summary)}。现答复如下："
    ]
    result = ctx.correction_result
    if result == "corrected":
        lines.append(
            f"经审核，{you}提供的证据能够证明上述政府信息记录不准确。根据{art}的规定，本机关已予更正。"
            f"更正情况：{details}"
        )
    elif result == "forwarded":
        lines.append(
            f"经审核，更正上述政府信息记录不属于本机关职能范围，有权更正的行政机关为{competent}。根据{art}的规定，"
            f"本机关已将{you}的更正申请转送{competent}处理，请{you}向该机关了解处理结果。{details}"
        )
    elif result == "redirected":
        lines.append(
            f"经审核，更正上述政府信息记录不属于本机关职能范围，有权更正的行政机关为{competent}。根据{art}的规定，"
            f"请{you}向{competent}提出更正申请。{details}"
        )
    else:
        lines.append(
            f"经审核，{you}提供的证据不能证明上述政府信息记录不准确：{details}根据{art}的规定，本机关不予更正。"
        )
    return lines


def _check_determination(title: str, ctx: LetterContext) -> None:
    if ctx.determining_kind not in DETERMINING_BODIES:
        known = "或者".join(DETERMINING_BODIES.values())
        raise _invalid(title, "determining_kind", f"应为{known}", "must be competent or secrecy")
    if ctx.referred_on and not ctx.received_on <= ctx.referred_on <= ctx.issued_on:
        raise _invalid(
            title,
            "referred_on",
            "应在收到申请之后、发文之前",
            "must lie between receipt and the date of issue",
        )


def _determination_notice(ctx: LetterContext, you: str) -> list[str]:
    # 条例第十七条: information the agency cannot itself judge fit for disclosure goes to the competent
    # department or the secrecy administration for a determination; legal-rules §10.6 treats the time
    # as another agency's opinion, not counted under 第三十三条第三款, and the applicant is told so, as
    # a consultation is told (征求意见告知书). No remedy clause: a procedural notice (§7.3).
    sent = zh_date(ctx.referred_on or ctx.issued_on)
    body = f"{ctx.determining_body.strip()}（{DETERMINING_BODIES[ctx.determining_kind]}）"
    return [
        _opening(ctx, you),
        f"经审查，本机关不能确定{you}申请获取的政府信息是否可以公开。根据{STATUTE}第十七条的规定，"
        f"本机关已于{sent}将该政府信息报请{body}确定。",
        f"根据{STATUTE}第三十三条第三款的规定，征求其他机关意见所需时间不计算在答复期限内：自{sent}次日起"
        f"至本机关收到确定意见之日，不计算在答复期限内，此后继续计算。本机关将在收到确定意见后，依法对{you}的"
        f"申请作出答复。{you}可以凭查询码和查询密码查询调整后的答复期限。",
        "特此告知。",
    ]


Body = Callable[[LetterContext, str], list[str]]


@dataclass(frozen=True, slots=True)
class Procedure:
    body: Body
    required: tuple[str, ...]
    basis: str  # the provision the notice rests on, cited as the text cites it
    check: Callable[[str, LetterContext], None] | None = None  # consistency beyond required fields


#: The non-reply documents. Addressed to the consulted party rather than the applicant: TO_CONSULTEE.
PROCEDURES: dict[LetterKind, Procedure] = {
    LetterKind.RECEIPT: Procedure(_receipt, ("query_code", "reply_due"), f"{STATUTE}第三十三条"),
    LetterKind.CORRECTION: Procedure(_correction, ("corrections", "correction_due"), f"{STATUTE}第三十条"),
    LetterKind.EXTENSION: Procedure(
        _extension,
        ("original_due", "extension_workdays", "new_due", "extension_reason"),
        f"{STATUTE}第三十三条第二款",
    ),
    LetterKind.CONSULT_THIRD_PARTY: Procedure(
        _consult_third_party, ("consulted_party", "consultation_subject"), f"{STATUTE}第三十二条"
    ),
    LetterKind.CONSULT_AGENCY: Procedure(
        _consult_agency, ("consulted_party", "consultation_subject"), f"{STATUTE}第三十四条"
    ),
    LetterKind.FEE: Procedure(
        _fee, ("fee_amount", "fee_basis", "fee_due", "fee_account"), f"{STATUTE}第四十二条和{FEE_MEASURES}"
    ),
    LetterKind.CONSULT_NOTICE: Procedure(_consult_notice, ("consultee_kind",), f"{STATUTE}第三十三条第三款"),
    LetterKind.DISCLOSURE_DECISION: Procedure(
        _disclosure_decision,
        ("consulted_party", "consultation_subject", "public_interest", "agency.review_body"),
        f"{STATUTE}第三十二条",
    ),
    LetterKind.REASONS_REQUEST: Procedure(
        _reasons_request, ("volume", "reasons_due"), f"{STATUTE}第三十五条"
    ),
    LetterKind.REASONABLE_TIME: Procedure(
        _reasonable_time, ("reasonable_due", "reasonable_reason"), f"{STATUTE}第三十五条"
    ),
    LetterKind.SPLIT: Procedure(_split, ("split_parts",), FEE_MEASURES, _check_split),
    LetterKind.CORRECTION_REPLY: Procedure(
        _correction_reply,
        ("correction_result", "agency.review_body"),
        f"{STATUTE}第四十一条",
        _check_correction_reply,
    ),
    LetterKind.DETERMINATION_NOTICE: Procedure(
        _determination_notice,
        ("determining_kind", "determining_body"),
        f"{STATUTE}第十七条",
        _check_determination,
    ),
}


def _check_procedure(kind: LetterKind, title: str, ctx: LetterContext) -> None:
    if kind is LetterKind.EXTENSION:
        days = ctx.extension_workdays or 0
        if not 0 < days <= MAX_EXTENSION_WORKDAYS:  # 条例第三十三条第二款: at most 20 working days
            raise _invalid(
                title,
                "extension_workdays",
                f"应为1至{MAX_EXTENSION_WORKDAYS}个工作日，而不是{days}",
                f"must be 1..{MAX_EXTENSION_WORKDAYS}, not {days}",
            )
        if ctx.new_due and ctx.original_due and ctx.new_due <= ctx.original_due:
            raise _invalid(title, "new_due", "应晚于原答复期限", "must be after the original deadline")
    if kind is LetterKind.FEE and ctx.fee_amount is not None and ctx.fee_amount <= 0:
        raise _invalid(title, "fee_amount", "应大于零（免费时不发收费通知书）", "must be positive")
    if kind is LetterKind.CONSULT_NOTICE:
        if ctx.consultee_kind not in CONSULTEES:
            raise _invalid(title, "consultee_kind", "应为第三方或其他机关", "must be third_party or agency")
        if ctx.consultee_kind == "agency":
            _require(title, ctx, ("consulted_party",))
    if kind is LetterKind.REASONS_REQUEST and ctx.reasons_due and ctx.reasons_due <= ctx.issued_on:
        raise _invalid(title, "reasons_due", "应晚于发文日期", "must be after the date of issue")
    if (
        kind is LetterKind.REASONABLE_TIME
        and ctx.reasonable_due
        and ctx.original_due
        and ctx.reasonable_due <= ctx.original_due
    ):  # 第三十五条: a *later* deadline than art. 33's
        raise _invalid(title, "reasonable_due", "应晚于原答复期限", "must be after the current deadline")


# ── replies ────────────────────────────────────────────────────────────────────────────────


def _check_withheld_parts(title: str, ctx: LetterContext) -> None:
    for part in ctx.withheld:
        ground = outcome(part.ground)
        if not ground.prior_review or ground.code == "partly_granted":
            raise _invalid(
                title,
                "withheld",
                f"中的依据“{part.ground}”不是不予公开的理由",
                f"ground {part.ground!r} is not a ground for withholding",
            )
        if not part.description.strip() or not part.reason.strip():
            raise _missing(title, "withheld")


def _check_provided(title: str, entry: Outcome, ctx: LetterContext) -> None:
    """A disclosing reply says what it provides: its disclosed items (each with its attachment or
    link), or in words (``released``)."""
    if entry.code not in ("granted", "partly_granted"):
        return
    for item in ctx.disclosed:
        if not item.description.strip() or not (item.file_name.strip() or item.url.strip()):
            raise _missing(title, "disclosed")
    if not ctx.disclosed and _blank(ctx.released):
        raise _missing(title, "released")


def _reply(ctx: LetterContext, you: str) -> tuple[Outcome, list[str]]:
    if not ctx.outcome:
        raise _missing("答复书", "outcome")
    entry = outcome(ctx.outcome)
    title = entry.letter
    try:
        body, required = BODIES[entry.code]
    except KeyError:
        raise LetterError(
            f"无法生成{title}：办理结果“{entry.label}”尚无答复书模板。",
            code="letters.no_template",
            message_en=f"no reply template for outcome {entry.code}",
            outcome=entry.code,
        ) from None
    _require(title, ctx, ("agency.review_body", *required))
    _check_provided(title, entry, ctx)
    _check_withheld_parts(title, ctx)
    verb = "答复" if title.endswith("答复书") else "告知"
    paragraphs = [_opening(ctx, you) + f"现{verb}如下：", *body(ctx, entry, you)]
    return entry, paragraphs


def _kind(kind: LetterKind | str) -> LetterKind:
    try:
        return LetterKind(kind)
    except ValueError:
        known = "、".join(k.value for k in LetterKind)
        raise LetterError(
            f"“{kind}”不是可生成的文书种类（可选：{known}）。",
            code="letters.unknown_kind",
            message_en=f"unknown letter kind {kind!r}",
            kind=str(kind),
        ) from None


def compose(kind: LetterKind | str, context: LetterContext) -> Letter:
    """The letter of ``kind`` for ``context``; a :class:`LetterError` names what is missing."""
    kind = _kind(kind)
    ctx, you = context, _you(context)
    title = TITLES.get(kind) or (outcome(ctx.outcome).letter if ctx.outcome else "答复书")
    _require(title, ctx, _COMMON)
    if ctx.issued_on < ctx.received_on:
        raise _invalid(title, "issued_on", "早于收到申请日期", "is before the receipt date")
    agency = ctx.agency
    seal = f"（加盖{agency.seal_name}）" if agency.seal_name else f"（加盖{agency.name}印章）"
    common: dict[str, Any] = dict(
        kind=kind,
        agency=agency.name,
        number=ctx.number.strip(),
        issuer=agency.name,
        seal=seal,
        issued_on=ctx.issued_on,
        attachments=ctx.attachments,
    )
    if kind is LetterKind.REPLY:
        entry, paragraphs = _reply(ctx, you)
        remedy = remedy_clause(entry, you=you, review_body=agency.review_body.strip())
        return Letter(
            title=entry.letter,
            addressee=ctx.applicant.name.strip(),
            paragraphs=(*paragraphs, remedy),
            closing=(*_contact(ctx), *_delivery_address(ctx)),
            basis=entry.basis,
            remedy=remedy,
            outcome=entry.code,
            **common,
        )
    procedure = PROCEDURES[kind]
    _require(title, ctx, procedure.required)
    _check_procedure(kind, title, ctx)
    if procedure.check:
        procedure.check(title, ctx)
    to_consultee = kind in TO_CONSULTEE
    addressee = ctx.consulted_party.strip() if to_consultee else ctx.applicant.name.strip()
    closing = _contact(ctx) if to_consultee else [*_contact(ctx), *_delivery_address(ctx)]
    paragraphs = procedure.body(ctx, you)
    remedy = ""
    if kind is LetterKind.DISCLOSURE_DECISION:
        remedy = third_party_remedy_clause(review_body=agency.review_body.strip())
    elif kind is LetterKind.CORRECTION_REPLY:
        remedy = correction_remedy_clause(you=you, review_body=agency.review_body.strip())
    if remedy:
        paragraphs.append(remedy)
    return Letter(
        title=title,
        addressee=addressee,
        paragraphs=tuple(paragraphs),
        closing=tuple(closing),
        basis=procedure.basis,
        remedy=remedy,
        **common,
    )
