"""Notes a published report carries besides its figures, written where the renderers put findings
(核查发现): that it was published although identities failed (who approved it and why), and that it is a
correction (更正) of an earlier version, with the reason."""

from __future__ import annotations

from gongkai.report.findings import Finding


def bypass_notice(approver: str, reason: str) -> Finding:
    return Finding(
        code="B1",
        severity="warning",
        cells=(),
        message=f"本报告在勾稽关系校验未通过的情况下发布，经审批人{approver}批准，理由：{reason}",
        message_en=f"Published although checks failed, approved by {approver}: {reason}",
    )


def correction_notice(number: int, reason: str) -> Finding:
    return Finding(
        code="C1",
        severity="warning",
        cells=(),
        message=f"本报告为更正后的第{number}版，更正理由：{reason}",
        message_en=f"Corrected version {number}: {reason}",
    )


#: The mark of a working copy (a report not yet published, or a correction not yet issued): at the top
#: of every page of a draft's PDF and DOCX, and as a heading above its title.
DRAFT_MARK = "草稿 · 未发布"


def draft_header(generated: str) -> str:
    """The header line of every page of a draft file; ``generated`` is when it was made (YYYY-MM-DD HH:MM)."""
    return f"{DRAFT_MARK}——年度报告工作稿，{generated}生成，仅供审核，不是正式发布的年度报告，不得对外引用"


def draft_notice(validated: bool, findings: int = 0) -> Finding:
    """The note printed with a draft's findings: whether it was checked since its last change, and how."""
    if not validated:
        checked, checked_en = "自最近一次修改以来尚未校验", "not validated since its last change"
    elif findings:
        checked, checked_en = "以下为最近一次校验的结果", "the findings of its last validation follow"
    else:
        checked, checked_en = "最近一次校验未发现问题", "its last validation found nothing"
    return Finding(
        code="D1",
        severity="warning",
        cells=(),
        message=f"本文件为年度报告草稿，未经审批发布；{checked}。",
        message_en=f"A draft of the annual report, not published; {checked_en}.",
    )
