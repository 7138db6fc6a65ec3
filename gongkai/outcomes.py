"""The outcome table (legal-rules §9): one row per platform outcome code, read by the reports
(which annual-report row it counts in), the letters (legal basis, letter kind, remedy clause)
and the UI (label).

Mappings the spec marks as common reading rather than text ([U], §10.10) are flagged
``practice=True`` so an administrator can see them: already-public → 予以公开, 36(五) →
本机关不掌握, 36(七) → 行政查询事项.

Remedy clause (§7.3): ``prior_review`` is True where the applicant must first apply for 行政复议
(行政复议法第二十三条第一款第（四）项: an agency *did not disclose*): every 不予公开 ground of
arts. 14–16 and the withheld part of a 部分公开. A 36(七) referral to a special query route is
counted under （三）不予公开 in the annual report but is not a refusal to disclose; its letter
carries the ordinary clause (variant B, as §7.3 lists "special route" there).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.errors import GongkaiError
from gongkai.labels import REQUEST_ROWS

STATUTE = "《中华人民共和国政府信息公开条例》"
FEE_MEASURES = "《政府信息公开信息处理费管理办法》"


class OutcomeError(GongkaiError):
    code = "outcomes.error"


@dataclass(frozen=True, slots=True)
class Outcome:
    code: str
    label: str  # short Chinese label for the UI
    label_en: str
    articles: tuple[str, ...]  # 条例 articles, e.g. ("第三十六条第（三）项", "第十四条"); () when none
    letter: str  # reply-letter kind
    prior_review: bool  # remedy variant A: 行政复议 first (复议前置)
    row_key: str  # 2021-format table-3 row (gongkai.labels.REQUEST_ROWS)
    other_basis: str = ""  # a basis outside the 条例 (the fee measures)
    practice: bool = False  # the row mapping is the common reading, not the format's text

    @property
    def basis(self) -> str:
        """The legal basis as cited in a letter, e.g. 《…条例》第三十六条第（三）项、第十四条."""
        parts = [STATUTE + "、".join(self.articles)] if self.articles else []
        return "；".join([*parts, *([self.other_basis] if self.other_basis else [])])

    @property
    def row_label(self) -> str:
        return REQUEST_ROWS[self.row_key]

    def row_key_for(self, fmt: str) -> str:
        """The row in the given report format: the 2019 trial table has one undivided （六）."""
        return "other" if fmt == "2019" and self.row_key.startswith("other.") else self.row_key


def _withheld(code: str, label: str, en: str, article: str, row: str) -> Outcome:
    return Outcome(code, label, en, ("第三十六条第（三）项", article), "不予公开答复书", True, row)


_TABLE: tuple[Outcome, ...] = (
    Outcome(
        "granted", "予以公开", "disclosed", ("第三十六条第（二）项",), "予以公开答复书", False, "granted"
    ),
    Outcome(
        "already_public",
        "已主动公开",
        "already published",
        ("第三十六条第（一）项",),
        "已主动公开告知书",
        False,
        "granted",
        practice=True,
    ),
    Outcome(
        "partly_granted",
        "部分公开",
        "partly disclosed",
        ("第三十七条",),
        "部分公开答复书",
        True,
        "partly_granted",
    ),
    _withheld(
        "withheld_state_secret",
        "不予公开：国家秘密",
        "withheld: state secret",
        "第十四条",
        "withheld.state_secret",
    ),
    _withheld(
        "withheld_law_prohibited",
        "不予公开：法律行政法规禁止公开",
        "withheld: prohibited by law",
        "第十四条",
        "withheld.law_prohibited",
    ),
    _withheld(
        "withheld_three_safeties",
        "不予公开：危及“三安全一稳定”",
        "withheld: security or stability",
        "第十四条",
        "withheld.three_safeties",
    ),
    _withheld(
        "withheld_third_party",
        "不予公开：保护第三方合法权益",
        "withheld: third-party rights",
        "第十五条",
        "withheld.third_party",
    ),
    _withheld(
        "withheld_internal_affairs",
        "不予公开：内部事务信息",
        "withheld: internal affairs",
        "第十六条第一款",
        "withheld.internal_affairs",
    ),
    _withheld(
        "withheld_process_info",
        "不予公开：过程性信息",
        "withheld: process information",
        "第十六条第二款",
        "withheld.process_info",
    ),
    _withheld(
        "withheld_enforcement_file",
        "不予公开：行政执法案卷",
        "withheld: enforcement case file",
        "第十六条第二款",
        "withheld.enforcement_file",
    ),
    Outcome(
        "withheld_admin_query",
        "属于行政查询事项",
        "special query route",
        ("第三十六条第（七）项",),
        "行政查询事项告知书",
        False,
        "withheld.admin_query",
        practice=True,
    ),
    Outcome(
        "not_held",
        "本机关不掌握（信息不存在）",
        "not held",
        ("第三十六条第（四）项",),
        "无法提供告知书",
        False,
        "unable.not_held",
    ),
    Outcome(
        "not_this_agency",
        "非本机关负责公开",
        "not this agency's",
        ("第三十六条第（五）项",),
        "无法提供告知书",
        False,
        "unable.not_held",
        practice=True,
    ),
    Outcome(
        "needs_creation",
        "需要另行制作",
        "needs creation",
        ("第三十八条",),
        "无法提供告知书",
        False,
        "unable.needs_creation",
    ),
    Outcome(
        "unclear_after_correction",
        "补正后仍不明确",
        "unclear after correction",
        ("第三十条",),
        "无法提供告知书",
        False,
        "unable.unclear_after_correction",
    ),
    Outcome(
        "not_processed_petition",
        "信访举报投诉类申请",
        "petition or complaint",
        ("第三十九条第一款",),
        "不予处理告知书",
        False,
        "not_processed.petition",
    ),
    Outcome(
        "not_processed_repeat",
        "重复申请",
        "repeat application",
        ("第三十六条第（六）项",),
        "不予处理告知书",
        False,
        "not_processed.repeat",
    ),
    Outcome(
        "not_processed_publication",
        "要求提供公开出版物",
        "public publication",
        ("第三十九条第二款",),
        "不予处理告知书",
        False,
        "not_processed.publication",
    ),
    Outcome(
        "not_processed_mass_repeat",
        "无正当理由大量反复申请",
        "unreasonable mass applications",
        ("第三十五条",),
        "不予处理告知书",
        False,
        "not_processed.mass_repeat",
    ),
    Outcome(
        "not_processed_confirm_reissue",
        "要求确认或重新出具已获取信息",
        "confirmation or re-issue",
        (),
        "不予处理告知书",
        False,
        "not_processed.confirm_reissue",
    ),
    Outcome(
        "abandoned_no_correction",
        "逾期不补正",
        "no correction in time",
        ("第三十条",),
        "视为放弃申请告知书",
        False,
        "other.no_correction",
    ),
    Outcome(
        "abandoned_no_fee",
        "逾期未缴费",
        "fee not paid in time",
        (),
        "视为放弃申请告知书",
        False,
        "other.no_fee",
        other_basis=FEE_MEASURES,
    ),
    Outcome("other", "其他处理", "other", (), "其他处理告知书", False, "other.other"),
)

OUTCOME_TABLE: dict[str, Outcome] = {o.code: o for o in _TABLE}
#: Every outcome code, in the order of the annual-report rows.
OUTCOMES: tuple[str, ...] = tuple(OUTCOME_TABLE)


def outcome(code: str) -> Outcome:
    try:
        return OUTCOME_TABLE[code]
    except KeyError:
        raise OutcomeError(
            f"“{code}”不是平台的办理结果代码。",
            code="outcomes.unknown",
            message_en=f"unknown outcome {code!r}",
            outcome=code,
        ) from None


def label(code: str) -> str:
    return outcome(code).label


def row_key(code: str, fmt: str = "2021") -> str:
    return outcome(code).row_key_for(fmt)


def outcomes_for_row(key: str) -> tuple[Outcome, ...]:
    """The outcome codes that count in a table-3 row (``other`` gathers the 2019 （六）)."""
    return tuple(o for o in _TABLE if key in (o.row_key, o.row_key_for("2019")))


#: The name the web platform's report counting uses (``row_key`` for the 2021 format).
report_row = row_key
