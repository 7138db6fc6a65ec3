"""A published version as the public sees it: the report's sections in the core's layout (the same one
every download uses), the notes it carries (bypass, correction) and its files in the core's renderers."""

from __future__ import annotations

from django.utils.safestring import mark_safe

from gongkai.report.findings import Finding
from gongkai.report.publication import bypass_notice, correction_notice
from gongkai.report.render import render
from gongkai.report.render.html import html_table
from gongkai.report.render.layout import paragraphs, report_layout

from .models import ReportVersion
from .queries import version_report

#: What the public may download: the formats a published report is read in.
DOWNLOADS = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def notes(version: ReportVersion) -> list[Finding]:
    """The notes printed with the version: the bypass first, then the failed checks it bypassed; a
    correction's reason. A report published cleanly carries none."""
    found: list[Finding] = []
    if version.bypass_reason:
        found.append(bypass_notice(version.approver_name, version.bypass_reason))
        found += [
            Finding(f["code"], f["severity"], tuple(f["cells"]), f["message"], f["message_en"])
            for f in version.findings
        ]
    if version.correction_reason:
        found.append(correction_notice(version.number, version.correction_reason))
    return found


def sections(version: ReportVersion) -> list[dict]:
    layout = report_layout(version_report(version))
    return [
        {
            "heading": s.heading,
            "paragraphs": s.paragraphs,
            "table": mark_safe(html_table(s.table, inline_widths=False)) if s.table is not None else "",
        }
        for s in layout.sections
    ]


def changes(version: ReportVersion) -> dict:
    """A correction's diff against the version before: figures (label, before, after) and text runs."""
    from gongkai import labels

    titles = {
        "general": labels.SECTION_GENERAL,
        "problems": labels.SECTION_PROBLEMS,
        "other": labels.SECTION_OTHER,
    }
    text = [
        (titles[k], [{"op": op, "text": t} for op, t in v]) for k, v in version.diff.get("text", {}).items()
    ]
    return {"cells": version.diff.get("cells", []), "text": text}


def preamble(version: ReportVersion) -> tuple[str, ...]:
    return report_layout(version_report(version)).preamble


def title(version: ReportVersion) -> str:
    return report_layout(version_report(version)).title


def download(version: ReportVersion, fmt: str) -> bytes:
    return render(version_report(version), fmt, findings=notes(version))


__all__ = ["DOWNLOADS", "changes", "download", "notes", "paragraphs", "preamble", "sections", "title"]
