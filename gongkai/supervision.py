"""Supervision of disclosure work (条例第六条、第五十一条; the seed's “清单制+责任制+销号制”): the
state of a task on a day, the due date of a complaint, and the rules that read a reply for a missing
legal basis. Framework-free: the web app passes dates and facts in, never the clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping

from gongkai import outcomes, workdays

#: A task's states on a day, worst first (closed tasks have none).
OVERDUE = "overdue"
AT_RISK = "at_risk"
ON_TRACK = "on_track"
CLOSED = "closed"

#: 条例第五十一条 sets no time for handling a complaint (shared/spec/legal-rules.md: “complaint … no
#: period”, 第五十一条 and 第四十七条第二款); 20 working days is the platform's default, after the 20 working
#: days an agency has to answer an application (第三十三条第二款). An office may set its own term
#: (the web app's ``ComplaintTerm``), within ``COMPLAINT_REPLY_WORKDAYS_RANGE``.
COMPLAINT_REPLY_WORKDAYS = 20
COMPLAINT_REPLY_WORKDAYS_RANGE = range(1, 61)

#: What the complainant is told about further remedies (条例第五十一条: a complaint does not replace
#: 行政复议 or 行政诉讼 against the agency's act itself).
COMPLAINT_NEXT_STEPS = (
    "如认为行政机关在政府信息公开工作中的具体行政行为侵犯您的合法权益，"
    "可以依法申请行政复议或者提起行政诉讼（《中华人民共和国政府信息公开条例》第五十一条）。"
)


def task_state(
    *, due: dt.date, closed: bool, evidence_submitted: bool, today: dt.date, horizon: dt.date
) -> str:
    """``overdue`` once the due day has passed unclosed (evidence waiting for acceptance does not stop
    it: 销号 is the office's acceptance); ``at_risk`` when due by ``horizon`` with no evidence in;
    otherwise ``on_track``; ``closed`` once accepted."""
    if closed:
        return CLOSED
    if due < today:
        return OVERDUE
    if due <= horizon and not evidence_submitted:
        return AT_RISK
    return ON_TRACK


def complaint_due(received: dt.date, days: int = COMPLAINT_REPLY_WORKDAYS) -> dt.date:
    return workdays.add_working_days(received, days)


def reply_basis_missing(outcome_code: str, reasons: str, withheld: Iterable[Mapping[str, str]] = ()) -> bool:
    """A reply whose outcome needs a stated basis that it lacks: an outcome the platform does not know
    (no article to cite), one citing no article with no reasons either, a refusal (不予公开, 条例第三十六条第（三）项: “说明理由”) without reasons, or a
    部分公开 whose withheld part names no ground or reason (第三十七条)."""
    try:
        found = outcomes.outcome(outcome_code)
    except outcomes.OutcomeError:
        return True
    if not found.articles and not found.other_basis:
        return not reasons.strip()  # 其他: the reasons are its only basis
    parts = list(withheld)
    if outcome_code == "partly_granted":
        return not parts or any(not (p.get("ground") and p.get("reason")) for p in parts)
    return found.prior_review and not reasons.strip()


#: The task-list file (XLSX, or CSV): header text → field, in the order the export writes them.
TASK_FILE_COLUMNS = {
    "责任单位": "agency",
    "任务": "title",
    "责任人": "owner",
    "完成时限": "due_on",
    "工作措施": "measure",
    "佐证材料要求": "evidence_required",
}
#: The export's further columns (not read back on import).
TASK_EXPORT_EXTRA = ("状态", "销号日期")


#: 靠前指导: the reply outcomes an office asks to see before they are issued — 不予公开, 无法提供, 不予处理
#: (annual-report rows （三）, （四）, （五）), where review and litigation most often start.
RISKY_ROW_PREFIXES = ("withheld.", "unable.", "not_processed.")


def risky_outcome(outcome_code: str) -> bool:
    try:
        row = outcomes.outcome(outcome_code).row_key
    except outcomes.OutcomeError:
        return False
    return row.startswith(RISKY_ROW_PREFIXES)
