"""Restore missing cells from the identities — only when they are determined, never by guessing.

The linear identities I1, I2, I3 and T4 form a system of equations over the cells. With the known
cells substituted, a missing cell is restored exactly when the system fixes it uniquely, i.e. when its
unit vector lies in the row space of the equations restricted to the unknowns (checked on the
reduced row echelon form, in exact ``Fraction`` arithmetic). I4 adds one more rule: unknowns that must
sum to 0 (all with coefficients of one sign) are each 0, since none may be negative.

Restored values must be non-negative integers. If the known cells already contradict an identity,
or the system has no non-negative integer solution, nothing is filled and the conflict is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from gongkai.report.findings import Finding
from gongkai.report.identities import LINEAR_CODES, Equation, cell_label, identity, linear_equations
from gongkai.report.model import AnnualReport

Row = tuple[dict[str, Fraction], Fraction]  # Σ coef·unknown = rhs


@dataclass(frozen=True, slots=True)
class Restoration:
    report: AnnualReport
    restored: dict[str, int] = field(default_factory=dict)
    undetermined: tuple[str, ...] = ()
    conflicts: list[Finding] = field(default_factory=list)


class _Conflict(Exception):
    def __init__(self, cells: tuple[str, ...], reason_zh: str, reason_en: str) -> None:
        super().__init__(reason_en)
        self.cells, self.reason_zh, self.reason_en = cells, reason_zh, reason_en


def restore(report: AnnualReport) -> Restoration:
    equations = [eq for _, eq in linear_equations(report)]
    known_conflicts = [f for code in LINEAR_CODES for f in identity(code).check(report)]
    if known_conflicts:
        return Restoration(report, {}, report.missing, known_conflicts)
    try:
        values = _solve(report, equations)
    except _Conflict as conflict:
        finding = Finding(
            "R1", "error", conflict.cells,
            f"无法推算缺失数字：{conflict.reason_zh}（涉及{'、'.join(cell_label(a) for a in conflict.cells[:4])}"
            f"{'等' if len(conflict.cells) > 4 else ''}）",
            f"Cannot restore missing cells: {conflict.reason_en}",
        )
        return Restoration(report, {}, report.missing, [finding])
    filled = report.with_cells(values, restored=values) if values else report
    return Restoration(filled, values, filled.missing, [])


def _solve(report: AnnualReport, equations: list[Equation]) -> dict[str, int]:
    """Determined unknowns, found by repeated elimination and the zero-sum rule until nothing changes."""
    known: dict[str, Fraction] = {a: Fraction(v) for a, v in report.cells.items() if v is not None}
    found: dict[str, Fraction] = {}
    while True:
        rows = _substitute(equations, {**known, **found})
        reduced = _reduce(rows)
        newly = _determined(reduced) | _zero_by_sign(rows + reduced)
        newly = {a: v for a, v in newly.items() if a not in found}
        if not newly:
            break
        found.update(newly)
    for address, value in found.items():
        if value.denominator != 1 or value < 0:
            raise _Conflict((address,), f"{cell_label(address)}按勾稽关系应为 {value}，不是非负整数",
                            f"{address} would be {value}, not a non-negative integer")
    return {a: int(v) for a, v in found.items()}


def _substitute(equations: list[Equation], values: dict[str, Fraction]) -> list[Row]:
    rows = []
    for equation in equations:
        coefficients: dict[str, Fraction] = {}
        rhs = Fraction(0)
        for address, coef in equation.terms:
            if address in values:
                rhs -= coef * values[address]
            else:
                coefficients[address] = coefficients.get(address, Fraction(0)) + coef
        coefficients = {a: c for a, c in coefficients.items() if c != 0}
        if not coefficients and rhs != 0:
            raise _Conflict(equation.cells, "已知数字与推算出的数字互相矛盾", "known and derived figures contradict")
        if coefficients:
            rows.append((coefficients, rhs))
    return rows


def _reduce(rows: list[Row]) -> list[Row]:
    """Reduced row echelon form (Gauss–Jordan, exact). Raises on an inconsistent system."""
    unknowns = sorted({a for coefficients, _ in rows for a in coefficients})
    matrix = [([c.get(a, Fraction(0)) for a in unknowns], rhs) for c, rhs in rows]
    pivot_row = 0
    for col in range(len(unknowns)):
        pick = next((i for i in range(pivot_row, len(matrix)) if matrix[i][0][col] != 0), None)
        if pick is None:
            continue
        matrix[pivot_row], matrix[pick] = matrix[pick], matrix[pivot_row]
        vector, rhs = matrix[pivot_row]
        scale = vector[col]
        vector, rhs = [x / scale for x in vector], rhs / scale
        matrix[pivot_row] = (vector, rhs)
        for i, (other, other_rhs) in enumerate(matrix):
            factor = other[col]
            if i != pivot_row and factor != 0:
                matrix[i] = ([x - factor * y for x, y in zip(other, vector, strict=True)], other_rhs - factor * rhs)
        pivot_row += 1
    for _vector, rhs in matrix[pivot_row:]:
        if rhs != 0:
            raise _Conflict(tuple(unknowns), "各项勾稽关系对缺失数字的要求互相矛盾",
                            "the identities contradict each other on the missing cells")
    return [({a: x for a, x in zip(unknowns, vector, strict=True) if x != 0}, rhs)
            for vector, rhs in matrix[:pivot_row]]


def _determined(reduced: list[Row]) -> dict[str, Fraction]:
    """In RREF, an unknown is fixed iff its pivot row mentions no other unknown."""
    return {next(iter(c)): rhs for c, rhs in reduced if len(c) == 1 and next(iter(c.values())) == 1}


def _zero_by_sign(rows: list[Row]) -> dict[str, Fraction]:
    """Σ a·x = b with every a of one sign and every x ≥ 0 (I4): b = 0 forces each x = 0."""
    zeros: dict[str, Fraction] = {}
    for coefficients, rhs in rows:
        signs = {c > 0 for c in coefficients.values()}
        if len(signs) != 1:
            continue
        positive = signs.pop()
        if rhs == 0:
            zeros.update(dict.fromkeys(coefficients, Fraction(0)))
        elif (rhs < 0) == positive and rhs != 0:
            raise _Conflict(tuple(coefficients), "缺失数字之和按勾稽关系应为负数",
                            "the missing cells would have to sum to a negative number")
    return zeros
