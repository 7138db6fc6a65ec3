"""The body of each reply (答复书/告知书), one function per outcome (legal-rules §7.4).

The legal basis is always ``Outcome.basis`` from gongkai.outcomes; the wording follows what each
cited article lets the agency say (e.g. 第三十六条第（六）项: 告知申请人不予重复处理).
"""

from __future__ import annotations

from collections.abc import Callable

from gongkai.letters.model import LetterContext, zh_date
from gongkai.outcomes import Outcome, outcome

Body = Callable[[LetterContext, Outcome, str], list[str]]


def _per(entry: Outcome) -> str:
    return f"根据{entry.basis}的规定，" if entry.basis else ""


def _sentence(text: str) -> str:
    """Free text from a handler, closed with a full stop so it can be followed by our wording."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；" else text + "。"


def _numbered(items: tuple[str, ...]) -> list[str]:
    return [f"{i}. {_sentence(item)}" for i, item in enumerate(items, 1)]


def _provided(ctx: LetterContext) -> list[str]:
    """What the reply provides: each disclosed item with its attachment or link, numbered; the words
    of ``released`` when no item was recorded (information handed over on paper, for instance)."""
    if not ctx.disclosed:
        return _numbered(ctx.released)
    lines = []
    for i, item in enumerate(ctx.disclosed, 1):
        where = f"附件：{item.file_name.strip()}" if item.file_name.strip() else f"链接：{item.url.strip()}"
        lines.append(f"{i}. {item.description.strip().rstrip('。')}（{where}）。")
    return lines


def _explained(ctx: LetterContext) -> list[str]:
    """The handler's own explanation of a disclosing reply (e.g. why the form differs from the one
    asked for, 条例第四十条), as written."""
    return [f"说明：{_sentence(ctx.reasons)}"] if ctx.reasons.strip() else []


def _granted(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    lines = [
        f"经审查，{you}申请获取的政府信息属于可以公开的政府信息。{_per(entry)}本机关予以公开，现向{you}提供以下政府信息："
    ]
    lines += _provided(ctx)
    lines += _explained(ctx)
    if ctx.delivery:
        lines.append(f"提供方式：{_sentence(ctx.delivery)}")
    return lines


def _already_public(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    return [
        f"经查，{you}申请获取的政府信息本机关已经主动公开。{_per(entry)}现告知{you}获取该政府信息的方式和途径："
        f"{_sentence(ctx.public_location)}"
    ]


def _partly_granted(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    lines = [
        f"经审查，{you}申请获取的政府信息中部分内容可以公开，部分内容依法不予公开，且能够作区分处理。"
        f"{_per(entry)}本机关向{you}提供可以公开的部分，并对不予公开的部分说明理由。",
        "一、予以公开的内容：",
    ]
    lines += _provided(ctx)
    lines.append("二、不予公开的内容及理由：")
    for i, part in enumerate(ctx.withheld, 1):
        ground = outcome(part.ground)
        lines.append(f"{i}. {part.description}：{_sentence(part.reason)}依据{ground.basis}的规定，不予公开。")
    lines += _explained(ctx)
    if ctx.delivery:
        lines.append(f"提供方式：{_sentence(ctx.delivery)}")
    return lines


def _withheld(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    return [f"经审查，{_sentence(ctx.reasons)}{_per(entry)}本机关决定对{you}申请获取的政府信息不予公开。"]


def _admin_query(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    return [
        f"经审查，{you}申请获取的信息属于法律、行政法规对获取信息有特别规定的事项。{_sentence(ctx.reasons)}"
        f"{_per(entry)}请{you}按照有关法律、行政法规的规定办理：{_sentence(ctx.referral)}"
    ]


def _not_held(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    searched = ctx.reasons.strip().rstrip("。")
    return [
        f"经检索（检索范围：{searched}），本机关未发现{you}申请获取的政府信息。经查，本机关未制作、获取该政府信息，"
        f"该政府信息不存在。{_per(entry)}特此告知。"
    ]


def _not_this_agency(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    return [
        f"经查，{you}申请获取的政府信息不属于本机关负责公开。{_sentence(ctx.reasons)}{_per(entry)}"
        f"告知{you}：该政府信息的负责公开机关为{_sentence(ctx.holding_agency)}{you}可以向该机关提出申请。"
    ]


def _needs_creation(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    return [
        f"经审查，本机关没有{you}申请获取的现成信息，提供该信息需要本机关对现有政府信息进行加工、分析。"
        f"{_sentence(ctx.reasons)}{_per(entry)}本机关不予提供。"
    ]


def _unclear(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    asked = f"于{zh_date(ctx.correction_requested_on)}" if ctx.correction_requested_on else ""
    return [
        f"本机关已{asked}告知{you}补正申请内容。{you}补正后，申请内容仍不明确，本机关无法确定{you}所需的政府信息。"
        f"{_sentence(ctx.reasons)}{_per(entry)}本机关无法提供。"
    ]


def _petition(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    channel = f"：{_sentence(ctx.referral)}" if ctx.referral else "。"
    return [
        f"经审查，{you}以政府信息公开申请的形式提出信访、投诉、举报等诉求。{_per(entry)}本机关不作为政府信息公开"
        f"申请处理，{you}可以通过相应渠道提出{channel}"
    ]


def _repeat(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    return [
        f"经查，{you}曾向本机关申请公开相同的政府信息，本机关已作出答复（{ctx.earlier_reply}）。{you}重复申请公开"
        f"相同政府信息，{_per(entry)}本机关不予重复处理。"
    ]


def _publication(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    route = _sentence(ctx.referral) if ctx.referral else "可以通过公开发行渠道获取。"
    return [
        f"经审查，{you}申请获取的是政府公报、报刊、书籍等公开出版物。{_per(entry)}现告知获取途径：{route}"
    ]


def _mass_repeat(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    asked = f"于{zh_date(ctx.reasons_requested_on)}" if ctx.reasons_requested_on else ""
    return [
        f"经审查，{you}申请公开政府信息的数量、频次明显超过合理范围，本机关已{asked}要求{you}说明理由。"
        f"{_sentence(ctx.reasons)}本机关认为申请理由不合理，{_per(entry)}不予处理。"
    ]


def _confirm_reissue(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    return [
        f"经审查，{you}的申请不是获取政府信息，而是要求本机关对{you}已经获取的信息予以确认或者重新出具。"
        f"{_sentence(ctx.reasons)}该申请不属于政府信息公开申请，本机关不作为政府信息公开申请处理。"
    ]


def _no_correction(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    due = f"于{zh_date(ctx.correction_due)}前" if ctx.correction_due else "在补正期限内"
    return [
        f"本机关已告知{you}{due}补正申请内容。{you}无正当理由逾期未补正，{_per(entry)}视为放弃申请，"
        "本机关不再处理该政府信息公开申请。"
    ]


def _no_fee(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    due = f"于{zh_date(ctx.fee_due)}前" if ctx.fee_due else "在规定期限内"
    return [
        f"本机关已向{you}发出收费通知书，告知{you}{due}缴纳信息处理费。{you}逾期未缴纳，{_per(entry)}"
        "视为放弃申请，本机关不再处理该政府信息公开申请。"
    ]


def _other(ctx: LetterContext, entry: Outcome, you: str) -> list[str]:
    return [f"经审查，{_sentence(ctx.reasons)}{_per(entry)}特此告知。"]


_WITHHELD = (
    "withheld_state_secret",
    "withheld_law_prohibited",
    "withheld_three_safeties",
    "withheld_third_party",
    "withheld_internal_affairs",
    "withheld_process_info",
    "withheld_enforcement_file",
)

#: outcome code → (body, the context fields the body cannot do without).
BODIES: dict[str, tuple[Body, tuple[str, ...]]] = {
    "granted": (_granted, ()),  # released or disclosed: checked by compose
    "already_public": (_already_public, ("public_location",)),
    "partly_granted": (_partly_granted, ("withheld",)),  # and released or disclosed
    **{code: (_withheld, ("reasons",)) for code in _WITHHELD},
    "withheld_admin_query": (_admin_query, ("referral",)),
    "not_held": (_not_held, ("reasons",)),
    "not_this_agency": (_not_this_agency, ("holding_agency",)),
    "needs_creation": (_needs_creation, ()),
    "unclear_after_correction": (_unclear, ()),
    "not_processed_petition": (_petition, ()),
    "not_processed_repeat": (_repeat, ("earlier_reply",)),
    "not_processed_publication": (_publication, ()),
    "not_processed_mass_repeat": (_mass_repeat, ("reasons",)),
    "not_processed_confirm_reissue": (_confirm_reissue, ()),
    "abandoned_no_correction": (_no_correction, ()),
    "abandoned_no_fee": (_no_fee, ()),
    "other": (_other, ("reasons",)),
}
