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
