"""What a record's staff page shows: the working copy's tables (the core's layout) with every figure
of tables 2, 3 and 4 linked to the records behind it, the findings, the narrative form, the versions with
their diffs, and which steps the user may take in the record's state."""

from __future__ import annotations

import re
from html import escape

from django.utils.safestring import mark_safe

from gongkai import labels
from gongkai.report.render.html import html_table
from gongkai.report.render.layout import active_table, appeals_table, requests_table
from gongkai_web.audit.labels import action_label
from gongkai_web.audit.services import entries_for

from . import drafting, public_page
from .cell_records import cell_links
from .models import ReportRecord, ReportState
from .record_access import may_approve, may_draft
from .record_forms import CorrectForm, NarrativeForm, PublishForm

_CELL = re.compile(r'<td([^>]*) data-address="([^"]+)">([^<]*)</td>')
SECTION_TITLES = {
    "general": labels.SECTION_GENERAL,
    "problems": labels.SECTION_PROBLEMS,
    "other": labels.SECTION_OTHER,
}


def linked_table(table_html: str, links: dict[str, str]) -> str:
    """The core's table with each figure a link to its records (the address kept for tests and tools)."""

    def link(match: re.Match[str]) -> str:
        attributes, address, text = match.groups()
        href = links.get(address)
        inner = f'<a href="{escape(href)}">{text}</a>' if href and text else text
        return f'<td{attributes} data-address="{address}">{inner}</td>'

    return _CELL.sub(link, table_html)


def tables(report, links: dict[str, str]) -> list[tuple[str, str]]:
    built = [
        (labels.SECTION_ACTIVE, active_table(report)),
        (labels.SECTION_REQUESTS, requests_table(report)),
        (labels.SECTION_APPEALS, appeals_table(report)),
    ]
    return [(title, mark_safe(linked_table(html_table(t, inline_widths=False), links))) for title, t in built]


def version_rows(record: ReportRecord) -> list[dict]:
    rows = []
    for version in record.versions.order_by("-number"):
        rows.append(
            {
                "version": version,
                "cells": version.diff.get("cells", []),
                "text": public_page.changes(version)["text"],
            }
        )
    return rows


def record_context(request, record: ReportRecord) -> dict:
    report = drafting.working_report(record.data)
    published = record.state in (ReportState.PUBLISHED, ReportState.CORRECTED)
    user = request.user
    can_draft, can_approve = may_draft(user, record.agency), may_approve(user, record.agency)
    blocking_codes = {f.code for f in drafting.blocking(_findings(record.findings))}
    return {
        "record": record,
        "report": report,
        "tables": tables(report, cell_links(report, record.pk, record.year, record.agency)),
        "findings": record.findings,
        "blocking": sorted(blocking_codes),
        "validated": record.validated_at is not None,
        "figures": record.figures,
        "narrative_form": NarrativeForm(
            initial={k: getattr(report.narrative, k) or "" for k in SECTION_TITLES}
        ),
        "publish_form": PublishForm(),
        "correct_form": CorrectForm(),
        "can_draft": can_draft,
        "can_approve": can_approve,
        "published": published,
        "unpublished_changes": published and _differs(record),
        "versions": version_rows(record),
        "history": [
            (e, action_label(e.action)) for e in entries_for(record).order_by("-created_at", "-id")[:50]
        ],
        "steps": _steps(record, can_draft=can_draft, can_approve=can_approve),
    }


def _findings(stored: list[dict]):
    from gongkai.report.findings import Finding

    return [
        Finding(f["code"], f["severity"], tuple(f["cells"]), f["message"], f["message_en"]) for f in stored
    ]


def _differs(record: ReportRecord) -> bool:
    latest = record.versions.order_by("-number").first()
    if latest is None:
        return False
    changes = drafting.diff(drafting.working_report(latest.data), drafting.working_report(record.data))
    return bool(changes["cells"] or changes["text"] or changes["title"])


def _steps(record: ReportRecord, *, can_draft: bool, can_approve: bool) -> set[str]:
    state = record.state
    steps: set[str] = set()
    if can_draft:
        steps |= {"redraft", "narrative"}
        if state in (ReportState.DRAFT, ReportState.VALIDATED, ReportState.PUBLISHED, ReportState.CORRECTED):
            steps.add("validate")
        if state == ReportState.VALIDATED:
            steps.add("submit")
    if can_approve:
        if state == ReportState.IN_REVIEW:
            steps |= {"publish", "return"}
        if state in (ReportState.PUBLISHED, ReportState.CORRECTED):
            steps.add("correct")
    return steps
