"""The identities (勾稽关系) and plausibility rules of the annual report, as small rule objects.

Every rule has a stable ``code``, a ``severity`` and bilingual descriptions, and offers:

* ``equations(report)``: the linear equations Σ coef·cell = 0 it imposes on one report's cells
  (used both by checking and by restoration; rules that are not linear return none);
* ``check(report, previous=None)``: the findings for one report (cells that are ``None`` are skipped:
  a missing cell is not an error, restoration reports it).

Errors (the format's own arithmetic, spec §3.4 and §4): I1, I2, I3, I4, T4.
Warnings (soft): I5 (cross-year carry-over), I6 (prose vs. tables), P1–P2 (table-2 plausibility).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from operator import itemgetter
from typing import ClassVar, cast

from gongkai import labels
from gongkai.report.findings import Finding, Severity
from gongkai.report.model import (
    ADDRESSES,
    APPEAL_COLUMN_KEYS,
    APPEAL_GROUP_KEYS,
    FEE_ADDRESS,
    ORG_COLUMN_KEYS,
    REQUEST_COLUMN_KEYS,
    AnnualReport,
    FormatName,
    Value,
    appeal_address,
    outcome_row_keys,
    request_address,
    request_row_keys,
)
from gongkai.report.prose import prose_figures

APPLICANT_COLUMN_KEYS: tuple[str, ...] = ("natural_person", *ORG_COLUMN_KEYS)
_GROUPED_ROW_PREFIXES = frozenset({"withheld", "unable", "not_processed", "other"})


# ── labels for messages ────────────────────────────────────────────────────────────────────
def row_label(row: str) -> str:
    """The official label of a table-3 row, prefixed by its group label when it has one."""
    if row == labels.REQUEST_ROW_OTHER_2019[0]:
        return labels.REQUEST_ROW_OTHER_2019[1]
    label = labels.REQUEST_ROWS[row]
    prefix = row.split(".", 1)[0]
    if "." in row and prefix in _GROUPED_ROW_PREFIXES:
        return f"{labels.REQUEST_GROUPS[prefix]}{label}"
    return label


def column_label(column: str) -> str:
    return labels.REQUEST_COLUMNS[column]


def cell_label(address: str) -> str:
    """A human name for any cell address, e.g. 表三「（一）予以公开」行「自然人」列."""
    table, _, rest = address.partition(".")
    if table == "requests":
        row, _, column = rest.rpartition(".")
        return f"表三「{row_label(row)}」行「{column_label(column)}」列"
    if table == "appeals":
        group, _, column = rest.partition(".")
        return f"表四「{labels.APPEAL_GROUPS[group]}」「{labels.APPEAL_COLUMNS[column]}」"
    return f"表二「{rest}」"


def fmt(value: Value) -> str:
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    return str(value)


# ── equations ──────────────────────────────────────────────────────────────────────────────
@dataclass(frozen=True, slots=True)
class Equation:
    """Σ coef·cell = 0. By convention the positive side is the one *found* and the negative
    side the one *expected* (e.g. total − Σ parts = 0)."""

    terms: tuple[tuple[str, int], ...]
    #: The row, column or group key the equation is about (for messages).
    where: str = ""

    @property
    def cells(self) -> tuple[str, ...]:
        return tuple(address for address, _ in self.terms)

    def coefficient(self, address: str) -> int:
        return sum(coef for a, coef in self.terms if a == address)

    def sides(self, cells: Mapping[str, Value]) -> tuple[int | Decimal, int | Decimal] | None:
        """(found, expected) = (Σ positive terms, Σ negative terms), or None if a cell is missing."""
        values = [cells[a] for a, _ in self.terms]
        known = [v for v in values if v is not None]
        if len(known) < len(values):
            return None
        found: int | Decimal = 0
        expected: int | Decimal = 0
        for (_, coef), value in zip(self.terms, known, strict=True):
            if coef > 0:
                found += coef * value
            elif coef < 0:
                expected += -coef * value
        return found, expected

    def residual(self, cells: Mapping[str, Value]) -> Value:
        sides = self.sides(cells)
        return None if sides is None else sides[0] - sides[1]


def _sum_equation(total: str, parts: list[str], where: str) -> Equation:
    return Equation(((total, 1), *((p, -1) for p in parts)), where)


# ── rule base classes ──────────────────────────────────────────────────────────────────────
class Rule:
    code: ClassVar[str]
    severity: ClassVar[Severity]
    description_zh: ClassVar[str]
    description_en: ClassVar[str]

    def equations(self, report: AnnualReport) -> list[Equation]:
        return []

    def check(self, report: AnnualReport, *, previous: AnnualReport | None = None) -> list[Finding]:
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<{self.code} {self.description_en}>"


#: One equation prepared for checking: the equation, a getter of its cells' values (positive terms
#: first) and the number of positive terms; the getter is None when a coefficient is not ±1.
_Compiled = tuple[Equation, Callable[[Mapping[str, Value]], tuple[Value, ...]] | None, int]


def _compile(equation: Equation) -> _Compiled:
    positive = [a for a, coef in equation.terms if coef == 1]
    negative = [a for a, coef in equation.terms if coef == -1]
    if len(positive) + len(negative) != len(equation.terms) or len(equation.terms) < 2:
        return equation, None, 0
    return equation, itemgetter(*positive, *negative), len(positive)


class LinearIdentity(Rule):
    """A rule that is nothing but its equations; a finding per equation that does not hold.

    The equations depend on the report's format only, so each subclass builds them once per format
    (``build_equations``); ``equations(report)`` and ``check`` use that cached system."""

    severity: ClassVar[Severity] = "error"

    def __init__(self) -> None:
        self._systems: dict[str, tuple[tuple[Equation, ...], tuple[_Compiled, ...]]] = {}

    def build_equations(self, fmt: FormatName) -> list[Equation]:
        raise NotImplementedError

    def _system(self, fmt: FormatName) -> tuple[tuple[Equation, ...], tuple[_Compiled, ...]]:
        system = self._systems.get(fmt)
        if system is None:
            equations = tuple(self.build_equations(fmt))
            system = self._systems[fmt] = (equations, tuple(_compile(eq) for eq in equations))
        return system

    def equations(self, report: AnnualReport) -> list[Equation]:
        return list(self._system(report.format)[0])

    def check(self, report: AnnualReport, *, previous: AnnualReport | None = None) -> list[Finding]:
        findings = []
        cells = report.cells
        for equation, getter, split in self._system(report.format)[1]:
            if getter is not None:
                # A missing cell (None) makes ``sum`` raise TypeError, caught below: no scan for it first.
                values = cast("tuple[int | Decimal, ...]", getter(cells))
                try:
                    found, expected = sum(values[:split]), sum(values[split:])
                except TypeError:  # a missing cell (None); ``sides`` decides as for any other value
                    sides = equation.sides(cells)
                else:
                    sides = found, expected
            else:
                sides = equation.sides(cells)
            if sides is not None and sides[0] != sides[1]:
                findings.append(self.finding(equation, found=sides[0], expected=sides[1]))
        return findings

    def finding(self, equation: Equation, *, found: Value, expected: Value) -> Finding:
        zh, en = self.messages(equation, found=fmt(found), expected=fmt(expected))
        return Finding(self.code, self.severity, equation.cells, zh, en, expected=expected, found=found)

    def messages(self, equation: Equation, *, found: str, expected: str) -> tuple[str, str]:
        raise NotImplementedError


class I1(LinearIdentity):
    code = "I1"
    description_zh = (
        "表三每一列：本年新收 + 上年结转 = 本年度办理结果总计 + 结转下年度继续办理（表中注明的勾稽关系）"
    )
    description_en = (
        "Table 3, per column: new + carried over = concluded total + carried forward (stated in the table)"
    )

    def build_equations(self, fmt: FormatName) -> list[Equation]:
        return [
            Equation(
                (
                    (request_address("new", c), 1),
                    (request_address("carried_over", c), 1),
                    (request_address("total", c), -1),
                    (request_address("carried_forward", c), -1),
                ),
                c,
            )
            for c in REQUEST_COLUMN_KEYS
        ]

    def messages(self, equation: Equation, *, found: str, expected: str) -> tuple[str, str]:
        rows = labels.REQUEST_ROWS
        zh = (
            f"表三「{column_label(equation.where)}」列：「{rows['new']}」加「{rows['carried_over']}」为 {found}，"
            f"应等于「{rows['total']}」加「{rows['carried_forward']}」之和 {expected}"
        )
        en = (
            f"Table 3, column {equation.where}: new + carried over = {found}, "
            f"but concluded total + carried forward = {expected}"
        )
        return zh, en


class I2(LinearIdentity):
    code = "I2"
    description_zh = "表三每一列：（七）总计 = 各项办理结果之和（2019年格式的（六）其他处理为一行）"
    description_en = (
        "Table 3, per column: total = sum of the outcome rows (2019 format: one undivided 'other' row)"
    )

    def build_equations(self, fmt: FormatName) -> list[Equation]:
        outcomes = outcome_row_keys(fmt)
        return [
            _sum_equation(request_address("total", c), [request_address(r, c) for r in outcomes], c)
            for c in REQUEST_COLUMN_KEYS
        ]

    def messages(self, equation: Equation, *, found: str, expected: str) -> tuple[str, str]:
        zh = (
            f"表三「{column_label(equation.where)}」列：「{labels.REQUEST_ROWS['total']}」应为 {expected}"
            f"（各项办理结果之和），实为 {found}"
        )
        en = f"Table 3, column {equation.where}: total should be {expected} (sum of outcomes), found {found}"
        return zh, en


class I3(LinearIdentity):
    code = "I3"
    description_zh = "表三每一行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他"
    description_en = "Table 3, per row: total column = sum of the six applicant columns"

    def build_equations(self, fmt: FormatName) -> list[Equation]:
        return [
            _sum_equation(
                request_address(r, "total"), [request_address(r, c) for c in APPLICANT_COLUMN_KEYS], r
            )
            for r in request_row_keys(fmt)
        ]

    def messages(self, equation: Equation, *, found: str, expected: str) -> tuple[str, str]:
        zh = f"表三「{row_label(equation.where)}」行：总计应为 {expected}，实为 {found}"
        en = f"Table 3, row {equation.where}: total should be {expected}, found {found}"
        return zh, en


class T4(LinearIdentity):
    code = "T4"
    description_zh = "表四每一组（行政复议、未经复议直接起诉、复议后起诉）：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结"
    description_en = "Table 4, per group: total = upheld + corrected + other + pending"

    def build_equations(self, fmt: FormatName) -> list[Equation]:
        return [
            _sum_equation(
                appeal_address(g, "total"), [appeal_address(g, c) for c in APPEAL_COLUMN_KEYS[:-1]], g
            )
            for g in APPEAL_GROUP_KEYS
        ]

    def messages(self, equation: Equation, *, found: str, expected: str) -> tuple[str, str]:
        zh = f"表四「{labels.APPEAL_GROUPS[equation.where]}」：总计应为 {expected}，实为 {found}"
        en = f"Table 4, group {equation.where}: total should be {expected}, found {found}"
        return zh, en


#: Cells that may legitimately hold a signed or fractional figure.
_SIGNED_CELL_SUFFIX = ".change"  # 2019 table 2 本年增/减
_DECIMAL_CELLS = (FEE_ADDRESS, "active.procurement.amount_10k_yuan")


class I4(Rule):
    code = "I4"
    severity: ClassVar[Severity] = "error"
    description_zh = "所有数字均为非负整数；收费金额（万元）可为非负小数"
    description_en = (
        "All figures are non-negative integers; the fee amount (10k yuan) may be a non-negative decimal"
    )

    def check(self, report: AnnualReport, *, previous: AnnualReport | None = None) -> list[Finding]:
        if self._all_acceptable(report):
            return []
        findings = []
        for address, value in report.cells.items():
            if value is None or self._acceptable(address, value):
                continue
            what = "非负数" if address in _DECIMAL_CELLS else "非负整数"
            findings.append(
                Finding(
                    self.code,
                    self.severity,
                    (address,),
                    f"{cell_label(address)}：应为{what}，实为 {fmt(value)}",
                    f"{address}: must be a non-negative {'number' if address in _DECIMAL_CELLS else 'integer'}, "
                    f"found {fmt(value)}",
                    found=value,
                )
            )
        return findings

    @staticmethod
    def _all_acceptable(report: AnnualReport) -> bool:
        """The common case at C speed: every plain cell a non-negative ``int`` (or missing) and the
        few signed or decimal cells acceptable one by one. False means: look cell by cell."""
        plain, special = _I4_CELLS[report.format]
        values = plain(report.cells)
        types = set(map(type, values))
        if not types <= _INT_OR_NONE:
            return False
        # Only ints are left once the missing cells are dropped: ``types`` says so.
        present = cast(
            "Sequence[int]", [v for v in values if v is not None] if type(None) in types else values
        )
        if present and min(present) < 0:
            return False
        cells = report.cells
        return all(cells[a] is None or I4._acceptable(a, cells[a]) for a in special)

    @staticmethod
    def _acceptable(address: str, value: Value) -> bool:
        if isinstance(value, bool):
            return False
        integral = isinstance(value, int) or (
            isinstance(value, Decimal) and value == value.to_integral_value()
        )
        if address.endswith(_SIGNED_CELL_SUFFIX):
            return integral
        if address in _DECIMAL_CELLS:
            return isinstance(value, int | Decimal) and value >= 0
        return integral and value is not None and value >= 0  # integral: an int or Decimal


_INT_OR_NONE = frozenset({int, type(None)})


def _i4_cells(fmt: FormatName) -> tuple[Callable[[Mapping[str, Value]], tuple[Value, ...]], tuple[str, ...]]:
    special = tuple(a for a in ADDRESSES[fmt] if a.endswith(_SIGNED_CELL_SUFFIX) or a in _DECIMAL_CELLS)
    plain = tuple(a for a in ADDRESSES[fmt] if a not in special)
    return itemgetter(*plain), special


#: Per format: a getter of the cells that must be non-negative integers, and the other cells.
_I4_CELLS = {fmt: _i4_cells(fmt) for fmt in ADDRESSES}


class I5(Rule):
    code = "I5"
    severity: ClassVar[Severity] = "warning"
    description_zh = "跨年度：本年「上年结转」应等于上年报告的「结转下年度继续办理」（每一列）"
    description_en = "Cross-year: this year's carried-over equals last year's carried-forward, per column"

    def check(self, report: AnnualReport, *, previous: AnnualReport | None = None) -> list[Finding]:
        if previous is None:
            return []
        findings = []
        for c in REQUEST_COLUMN_KEYS:
            here, there = request_address("carried_over", c), request_address("carried_forward", c)
            now, before = report.cells[here], previous.cells[there]
            if now is None or before is None or now == before:
                continue
            findings.append(
                Finding(
                    self.code,
                    self.severity,
                    (here,),
                    f"表三「{column_label(c)}」列：「{labels.REQUEST_ROWS['carried_over']}」为 {fmt(now)}，"
                    f"上年报告「{labels.REQUEST_ROWS['carried_forward']}」为 {fmt(before)}",
                    f"Table 3, column {c}: carried over {fmt(now)} but last year's report carried forward {fmt(before)}",
                    expected=before,
                    found=now,
                )
            )
        return findings


class I6(Rule):
    code = "I6"
    severity: ClassVar[Severity] = "warning"
    description_zh = "正文与表格一致：收到申请数、办结数（含上年结转）、予以公开（及部分公开）数应与表三相符"
    description_en = (
        "Prose vs. tables: received, concluded (and carried over), granted (and partly granted) match table 3"
    )

    #: (prose figure, table cells summed, Chinese phrase as reports write it)
    PAIRS: ClassVar[tuple[tuple[str, tuple[str, ...], str], ...]] = (
        ("received", ("new",), "收到申请"),
        ("concluded", ("total",), "办结"),
        ("carried_over", ("carried_over",), "含上年度结转"),
        ("granted_and_partly", ("granted", "partly_granted"), "予以公开及部分公开"),
        ("granted", ("granted",), "予以公开"),
        ("partly_granted", ("partly_granted",), "部分公开"),
    )

    def check(self, report: AnnualReport, *, previous: AnnualReport | None = None) -> list[Finding]:
        narrative = report.narrative
        text = "\n".join(t for t in (narrative.general, narrative.other) if t)
        figures = prose_figures(text)
        findings = []
        for name, rows, phrase in self.PAIRS:
            stated = getattr(figures, name)
            cells = tuple(request_address(r, "total") for r in rows)
            values = [v for v in (report.cells[a] for a in cells) if v is not None]
            if stated is None or len(values) < len(cells):
                continue
            table = sum(values)
            if table == stated:
                continue
            row_names = "」加「".join(labels.REQUEST_ROWS[r] for r in rows)
            findings.append(
                Finding(
                    self.code,
                    self.severity,
                    cells,
                    f"正文称「{phrase}」{stated} 件，表三「{row_names}」总计为 {fmt(table)}",
                    f"The prose states {name} = {stated}, table 3 gives {fmt(table)}",
                    expected=table,
                    found=stated,
                )
            )
        return findings


class P1(Rule):
    code = "P1"
    severity: ClassVar[Severity] = "warning"
    description_zh = "表二：现行有效件数宜约等于上年现行有效件数 + 本年制发 − 本年废止（修订、失效、清理常使其不符，仅提示）"
    description_en = "Table 2: in force ≈ last year's in force + issued − repealed (often broken by clean-ups; a hint only)"

    KINDS: ClassVar[dict[str, str]] = {
        "rules": labels.ACTIVE_RULES,
        "normative_documents": labels.ACTIVE_NORMATIVE,
    }

    def check(self, report: AnnualReport, *, previous: AnnualReport | None = None) -> list[Finding]:
        if previous is None or report.format != "2021" or previous.format != "2021":
            return []
        findings = []
        for kind, label in self.KINDS.items():
            cells = (f"active.{kind}.in_force", f"active.{kind}.issued", f"active.{kind}.repealed")
            before = previous.cells[cells[0]]
            now, issued, repealed = (report.cells[a] for a in cells)
            if before is None or now is None or issued is None or repealed is None:
                continue
            expected = before + issued - repealed
            if expected == now:
                continue
            findings.append(
                Finding(
                    self.code,
                    self.severity,
                    cells,
                    f"表二「{label}」：{labels.ACTIVE_IN_FORCE}为 {fmt(now)}，按上年 {fmt(before)} 加本年制发 {fmt(issued)}"
                    f"减本年废止 {fmt(repealed)} 应约为 {fmt(expected)}",
                    f"Table 2, {kind}: in force {fmt(now)}, expected about {fmt(expected)} from last year's figure",
                    expected=expected,
                    found=now,
                )
            )
        return findings


# Only province-level governments, governments of 设区的市/自治州 and State Council departments may
# make 规章 (立法法 第九十一条、第九十三条). A name that says township, street office, county or a
# local department marks a body without that power.
_NO_RULE_MARKERS = ("乡", "镇", "街道", "县")
_LOCAL_DEPARTMENT_SUFFIXES = (
    "局",
    "委",
    "委员会",
    "办公室",
    "办",
    "厅",
    "中心",
    "所",
    "站",
    "院",
    "处",
    "队",
)
_CENTRAL_PREFIXES = ("国家", "国务院", "中国", "中华人民共和国")


def cannot_make_rules(agency: str | None) -> bool:
    if not agency:
        return False
    if any(marker in agency for marker in _NO_RULE_MARKERS):
        return True
    if agency.endswith(("区", "区人民政府")) and "自治区" not in agency and "特别行政区" not in agency:
        return True
    return agency.endswith(_LOCAL_DEPARTMENT_SUFFIXES) and not agency.startswith(_CENTRAL_PREFIXES)


class P2(Rule):
    code = "P2"
    severity: ClassVar[Severity] = "warning"
    description_zh = "表二：乡镇、街道、县区及地方政府部门无规章制定权，「规章」行应为 0 或空"
    description_en = (
        "Table 2: townships, street offices, counties/districts and local departments cannot make rules"
    )

    CELLS: ClassVar[tuple[str, ...]] = (
        "active.rules.issued",
        "active.rules.repealed",
        "active.rules.in_force",
    )

    def check(self, report: AnnualReport, *, previous: AnnualReport | None = None) -> list[Finding]:
        if report.format != "2021" or not cannot_make_rules(report.agency):
            return []
        nonzero = tuple(a for a in self.CELLS if report.cells[a])
        if not nonzero:
            return []
        return [
            Finding(
                self.code,
                self.severity,
                nonzero,
                f"表二「{labels.ACTIVE_RULES}」：{report.agency}看来没有规章制定权，规章件数应为 0，"
                f"实为 {'、'.join(fmt(report.cells[a]) for a in nonzero)}",
                f"Table 2, rules: {report.agency} does not appear to have rule-making power, yet rule counts are non-zero",
                expected=0,
            )
        ]


IDENTITIES: tuple[Rule, ...] = (I1(), I2(), I3(), I4(), T4(), I5(), I6(), P1(), P2())
_BY_CODE: dict[str, Rule] = {rule.code: rule for rule in IDENTITIES}

#: The rules whose equations restoration solves.
LINEAR_CODES: tuple[str, ...] = ("I1", "I2", "I3", "T4")


def identity(code: str) -> Rule:
    try:
        return _BY_CODE[code]
    except KeyError:
        raise KeyError(f"unknown identity code {code!r}; known: {', '.join(_BY_CODE)}") from None


def linear_equations(report: AnnualReport) -> list[tuple[Rule, Equation]]:
    return [
        (rule, eq) for code in LINEAR_CODES for rule in (_BY_CODE[code],) for eq in rule.equations(report)
    ]
