"""Reads of evaluations: an agency's total (the core's weighted mean), the ranking under a version, and
the report of one agency."""

from __future__ import annotations

from fractions import Fraction

from gongkai import evaluation as core

from .models import Evaluation, IndicatorSet


def total(evaluation: Evaluation) -> Fraction | None:
    return core.total_score(
        [(s.indicator.weight, s.ratio) for s in evaluation.scores.select_related("indicator")]
    )


def ranking(the_set: IndicatorSet, agencies) -> list[tuple[Evaluation, Fraction | None]]:
    """The set's evaluations of ``agencies``, the highest total first (those without a total last)."""
    rows = [(e, total(e)) for e in the_set.evaluations.filter(agency__in=agencies).select_related("agency")]
    return sorted(rows, key=lambda r: (r[1] is None, -(r[1] or 0), r[0].agency.path))


def report_of(evaluation: Evaluation) -> core.EvaluationReport:
    scores = evaluation.scores.select_related("indicator")
    return core.EvaluationReport(
        agency=evaluation.agency.name,
        set_name=evaluation.set.name,
        version=evaluation.set.version,
        year=evaluation.set.year,
        as_of=f"{evaluation.as_of:%Y-%m-%d}",
        rows=tuple(
            core.ReportRow(
                s.indicator.code, s.indicator.name, s.indicator.weight, s.indicator.how, s.ratio, s.evidence
            )
            for s in scores
        ),
        total=total(evaluation),
        office=evaluation.set.office.name,
    )
