"""Run every identity over a report and point at the cell most likely wrong.

Suspect-cell rule: when exactly one row identity (I3) fails, the failing column identities (I1, I2)
all concern one column, and every one of these equations is explained by the *same* error δ on the
cell where that row and column cross (residual = coefficient·δ, sign included), that cell is named
``suspect`` on each of those findings. Anything less clear-cut names no suspect: we never guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from fractions import Fraction

from gongkai.report.findings import Finding
from gongkai.report.identities import IDENTITIES, Equation, identity
from gongkai.report.model import AnnualReport

_ROW_CODES = ("I3",)
_COLUMN_CODES = ("I1", "I2")


def validate(report: AnnualReport, *, previous: AnnualReport | None = None) -> list[Finding]:
    """All findings of all identities, in registry order, with suspects marked where clear."""
    findings = [f for rule in IDENTITIES for f in rule.check(report, previous=previous)]
    return _mark_suspect(report, findings)


def has_errors(findings: Iterable[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)


def _failing(report: AnnualReport, codes: tuple[str, ...]) -> list[tuple[str, Equation]]:
    failing = []
    for code in codes:
        for equation in identity(code).equations(report):
            residual = equation.residual(report.cells)
            if residual is not None and residual != 0:
                failing.append((code, equation))
    return failing


def _suspect_cell(report: AnnualReport) -> tuple[str, list[Equation]] | None:
    rows = _failing(report, _ROW_CODES)
    columns = _failing(report, _COLUMN_CODES)
    if len(rows) != 1 or not columns or len({eq.where for _, eq in columns}) != 1:
        return None
    equations = [rows[0][1], *(eq for _, eq in columns)]
    shared = set(equations[0].cells).intersection(*(eq.cells for eq in equations[1:]))
    if len(shared) != 1:
        return None
    cell = shared.pop()
    # The error δ each equation implies for that cell must be one and the same.
    residuals = [r for r in (eq.residual(report.cells) for eq in equations) if r is not None]  # all: failing
    deltas = {Fraction(r) / eq.coefficient(cell) for r, eq in zip(residuals, equations, strict=True)}
    if len(deltas) != 1:
        return None
    return cell, equations


def _mark_suspect(report: AnnualReport, findings: list[Finding]) -> list[Finding]:
    # Each failing equation of I1–I3 gave exactly one finding, so the findings already tell whether
    # exactly one row identity and at least one column identity fail; only then look closer.
    rows = sum(f.code in _ROW_CODES for f in findings)
    if rows != 1 or not any(f.code in _COLUMN_CODES for f in findings):
        return findings
    found = _suspect_cell(report)
    if found is None:
        return findings
    cell, equations = found
    involved = {eq.cells for eq in equations}
    return [
        replace(f, suspect=cell) if f.code in (*_ROW_CODES, *_COLUMN_CODES) and f.cells in involved else f
        for f in findings
    ]
