"""The working copy of a report: built from the records (tables 2–4 through ``build.build_report``,
fees for section 六 and the narrative figures with their year-on-year changes), stored as the core's
report JSON; the narrative sentences that state those figures drafted the first time, staff's text
kept afterwards. No state changes here (services.py)."""

from __future__ import annotations

from dataclasses import replace

from gongkai.report.findings import Finding
from gongkai.report.identities import cell_label
from gongkai.report.model import AnnualReport, Narrative
from gongkai.report.render.json import report_from_dict, report_to_dict
from gongkai.report.validate import validate
from gongkai.report.yearly import NarrativeFigures, fee_sentence, general_sentences, narrative_figures
from gongkai_web.agencies.models import Agency
from gongkai_web.qa.diff import pieces

from .build import build_report
from .figures import fees_collected, scope_word, single_root
from .queries import published_report

#: Findings that stop publication: every error, and I6 (the narrative contradicts table 3), a warning
#: when reading another agency's report but, in our own, a figure we state wrongly (第五十条: 如实).
BLOCKING_WARNINGS = ("I6",)
SECTIONS = ("general", "problems", "other")


def built_from_records(agency: Agency | None, year: int) -> tuple[AnnualReport, NarrativeFigures]:
    report = build_report(agency, year)
    fees, split = fees_collected(agency, year)
    figures = narrative_figures(report, previous_report(agency, year), fees_yuan=fees, fees_split=split)
    return report, figures


def previous_report(agency: Agency | None, year: int) -> AnnualReport | None:
    """Last year's published report: the base of the year-on-year figures and the cross-year checks
    (records of last year are not enough: a platform started mid-year would double its growth)."""
    if agency is None:  # the whole installation: its one top agency's report, if it has one
        agency = single_root()
    return published_report(agency, year - 1) if agency is not None else None


def draft_from_records(agency: Agency | None, year: int) -> tuple[AnnualReport, NarrativeFigures]:
    """The report built from the records with the narrative sentences drafted from its figures (what
    ``manage.py build_report`` prints, and a new record's first text)."""
    report, figures = built_from_records(agency, year)
    return replace(report, narrative=drafted_narrative(agency, year, figures)), figures


def drafted_narrative(agency: Agency | None, year: int, figures: NarrativeFigures) -> Narrative:
    scope = scope_word(agency)
    return Narrative(
        general="".join(general_sentences(figures, year=year, scope=scope)) or None,
        problems=None,
        other=fee_sentence(figures, year=year, scope=scope),
    )


def working_report(data: dict) -> AnnualReport:
    return report_from_dict(data)


def with_narrative(report: AnnualReport, **texts: str | None) -> AnnualReport:
    return replace(report, narrative=Narrative(**{k: (texts[k] or "").strip() or None for k in SECTIONS}))


def as_data(report: AnnualReport) -> dict:
    return report_to_dict(report)


def findings_of(report: AnnualReport, agency: Agency, year: int) -> list[Finding]:
    return validate(report, previous=previous_report(agency, year))


def blocking(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.severity == "error" or f.code in BLOCKING_WARNINGS]


def diff(old: AnnualReport, new: AnnualReport) -> dict:
    """Figures and text of ``new`` against ``old``: changed cells with both values, changed sections as
    runs of kept / inserted / deleted text."""
    cells = [
        {"address": a, "label": cell_label(a), "old": _plain(old.cells.get(a)), "new": _plain(v)}
        for a, v in new.cells.items()
        if old.cells.get(a) != v
    ]
    text = {}
    for section in SECTIONS:
        before, after = getattr(old.narrative, section) or "", getattr(new.narrative, section) or ""
        if before != after:
            text[section] = [list(p) for p in pieces(before, after)]
    title = [old.title, new.title] if old.title != new.title else None
    return {"cells": cells, "text": text, "title": title}


def _plain(value):
    return None if value is None else str(value)
