"""Restore missing cells from the identities — only when they are determined, never by guessing.

The linear identities I1, I2, I3 and T4 form a system of equations over the cells. With the known
cells substituted, a missing cell is restored exactly when the system fixes it uniquely, i.e. when its
unit vector lies in the row space of the equations restricted to the unknowns (checked on the
reduced row echelon form, in exact ``Fraction`` arithmetic). I4 adds one more rule: unknowns that must
sum to 0 (all with coefficients of one sign) are each 0, since none may be negative.

Restored values must be non-negative integers. If the known cells already contradict an identity,
or the system has no non-negative integer solution, nothing is filled and the conflict is reported.

Only the equations that mention a missing cell are solved: the others hold already (a conflict
among known cells is reported before solving), and they add nothing to the reduced system. The
system of each format (its equations, their cells, and which equations mention each cell) is built
once and reused; a report with no missing cell in it is returned after the check alone.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import compress, repeat
from operator import is_, itemgetter

from gongkai.report.findings import Finding
from gongkai.report.identities import LINEAR_CODES, Equation, cell_label, identity, linear_equations
from gongkai.report.model import ADDRESSES, AnnualReport, FormatName, Value, blank_report

Number = int | Fraction
Row = tuple[dict[str, Number], Number]  # Σ coef·unknown = rhs (made exact Fractions when reduced)


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


@dataclass(frozen=True, slots=True)
class _System:
    """The linear identities of one format, prepared once."""

    equations: tuple[Equation, ...]
    #: Every cell some equation mentions, in order of first mention, and a getter of their values.
    addresses: tuple[str, ...]
    values: Callable[[Mapping[str, Value]], tuple[Value, ...]]
    #: For each of those cells, the indices of the equations that mention it.
    touching: dict[str, tuple[int, ...]]


def _build_system(fmt: FormatName) -> _System:
    equations = tuple(eq for _, eq in linear_equations(blank_report(fmt)))
    touching: dict[str, list[int]] = {}
    for i, equation in enumerate(equations):
        for address in dict.fromkeys(equation.cells):
            touching.setdefault(address, []).append(i)
    addresses = tuple(touching)
    return _System(equations, addresses, itemgetter(*addresses), {a: tuple(t) for a, t in touching.items()})


_SYSTEMS: dict[FormatName, _System] = {fmt: _build_system(fmt) for fmt in ADDRESSES}


def restore(report: AnnualReport) -> Restoration:
    known_conflicts = [f for code in LINEAR_CODES for f in identity(code).check(report)]
    if known_conflicts:
        return Restoration(report, {}, report.missing, known_conflicts)
    system = _SYSTEMS[report.format]
    values_in_system = system.values(report.cells)
    if None not in values_in_system:
        return Restoration(report, {}, report.missing, [])
    missing = compress(system.addresses, map(is_, values_in_system, repeat(None)))
    selected = sorted({i for address in missing for i in system.touching[address]})
    equations = [system.equations[i] for i in selected]
    try:
        values = _solve(report, equations)
    except _Conflict as conflict:
        finding = Finding(
            "R1",
            "error",
            conflict.cells,
            f"无法推算缺失数字：{conflict.reason_zh}（涉及{'、'.join(cell_label(a) for a in conflict.cells[:4])}"
            f"{'等' if len(conflict.cells) > 4 else ''}）",
            f"Cannot restore missing cells: {conflict.reason_en}",
        )
        return Restoration(report, {}, report.missing, [finding])
    filled = report.with_cells(values, restored=values) if values else report
    return Restoration(filled, values, filled.missing, [])


def _solve(report: AnnualReport, equations: list[Equation]) -> dict[str, int]:
    """Determined unknowns, found by repeated elimination and the zero-sum rule until nothing changes."""
    cells = report.cells
    # Integers stay ints (exact and fast); anything else is made an exact Fraction.
    known: dict[str, Number] = {}
    for equation in equations:
        for address, _ in equation.terms:
            value = cells[address]
            if value is not None and address not in known:
                known[address] = value if type(value) is int else Fraction(value)
    found: dict[str, Number] = {}
    while True:
        rows = _substitute(
            equations, {**known, **{a: int(v) if v.denominator == 1 else v for a, v in found.items()}}
        )
        reduced = _reduce(rows)
        newly = _determined(reduced) | _zero_by_sign(rows + reduced)
        newly = {a: v for a, v in newly.items() if a not in found}
        if not newly:
            break
        found.update(newly)
    for address, number in found.items():
        if number.denominator != 1 or number < 0:
            raise _Conflict(
                (address,),
                f"{cell_label(address)}按勾稽关系应为 {number}，不是非负整数",
                f"{address} would be {number}, not a non-negative integer",
            )
    return {a: int(v) for a, v in found.items()}


def _substitute(equations: list[Equation], values: dict[str, Number]) -> list[Row]:
    rows = []
    for equation in equations:
        coefficients: dict[str, Number] = {}
        rhs: Number = 0
        for address, coef in equation.terms:
            if address in values:
                rhs -= coef * values[address]
            else:
                coefficients[address] = coefficients.get(address, 0) + coef
        coefficients = {a: c for a, c in coefficients.items() if c != 0}
        if not coefficients and rhs != 0:
            raise _Conflict(
                equation.cells, "已知数字与推算出的数字互相矛盾", "known and derived figures contradict"
            )
        if coefficients:
            rows.append((coefficients, rhs))
    return rows


def _reduce(rows: list[Row]) -> list[Row]:
    """Reduced row echelon form (Gauss–Jordan, exact). Raises on an inconsistent system.

    Entries stay ints while the arithmetic stays integral (pivots are mostly ±1) and become
    Fractions where a division does not come out even: exact either way."""
    unknowns = sorted({a for coefficients, _ in rows for a in coefficients})
    matrix = [([c.get(a, 0) for a in unknowns], rhs) for c, rhs in rows]
    pivot_row = 0
    for col in range(len(unknowns)):
        pick = next((i for i in range(pivot_row, len(matrix)) if matrix[i][0][col] != 0), None)
        if pick is None:
            continue
        matrix[pivot_row], matrix[pick] = matrix[pick], matrix[pivot_row]
        vector, rhs = matrix[pivot_row]
        scale = vector[col]
        if scale == -1:
            vector, rhs = [-x for x in vector], -rhs
        elif scale != 1:
            vector, rhs = [_divide(x, scale) for x in vector], _divide(rhs, scale)
        matrix[pivot_row] = (vector, rhs)
        for i, (other, other_rhs) in enumerate(matrix):
            factor = other[col]
            if i != pivot_row and factor != 0:
                matrix[i] = (
                    [x - factor * y for x, y in zip(other, vector, strict=True)],
                    other_rhs - factor * rhs,
                )
        pivot_row += 1
    for _vector, rhs in matrix[pivot_row:]:
        if rhs != 0:
            raise _Conflict(
                tuple(unknowns),
                "各项勾稽关系对缺失数字的要求互相矛盾",
                "the identities contradict each other on the missing cells",
            )
    return [
        ({a: x for a, x in zip(unknowns, vector, strict=True) if x != 0}, rhs)
        for vector, rhs in matrix[:pivot_row]
    ]


def _divide(x: Number, d: Number) -> Number:
    """x / d exactly: an int when both are ints and d divides x, else a Fraction."""
    if type(x) is int and type(d) is int:
        quotient, remainder = divmod(x, d)
        return quotient if remainder == 0 else Fraction(x, d)
    return Fraction(x) / d


def _determined(reduced: list[Row]) -> dict[str, Number]:
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
            raise _Conflict(
                tuple(coefficients),
                "缺失数字之和按勾稽关系应为负数",
                "the missing cells would have to sum to a negative number",
            )
    return zeros
