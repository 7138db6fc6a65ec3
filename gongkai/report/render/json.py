"""The platform's JSON shape of a report (documented in ``docs/report-json.md``, schema in
``docs/report-schema.json``): ``report_to_dict`` and its inverse ``report_from_dict``.

Counts are JSON integers, the fee amount (万元) a JSON number (integral amounts as integers),
missing cells ``null`` (never 0).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from gongkai.errors import ReportError
from gongkai.report.findings import Finding
from gongkai.report.model import (
    ACTIVE_2019_ADDRESSES,
    ACTIVE_2021_ADDRESSES,
    ADDRESSES,
    APPEAL_COLUMN_KEYS,
    APPEAL_GROUP_KEYS,
    REQUEST_COLUMN_KEYS,
    AnnualReport,
    FormatName,
    Narrative,
    Value,
    appeal_address,
    request_address,
    request_row_keys,
)

SCHEMA_VERSION = "1.0"
#: 1.1 adds the optional ``inputs`` and ``other_group`` of an aggregation (``gongkai report aggregate``);
#: a document without them is written as 1.0. Readers accept any 1.x and ignore both keys.
AGGREGATION_SCHEMA_VERSION = "1.1"
FORMATS: tuple[FormatName, ...] = ("2021", "2019")
_TOP_KEYS = (
    "schema_version",
    "format",
    "agency",
    "year",
    "title",
    "active",
    "requests",
    "appeals",
    "narrative",
    "restored",
    "findings",
    "inputs",
    "other_group",
)
_NARRATIVE_KEYS = ("general", "problems", "other")


# ── writing ─────────────────────────────────────────────────────────────────────────────────


def json_number(value: Value) -> int | float | None:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _active_addresses(fmt: FormatName) -> tuple[str, ...]:
    return ACTIVE_2021_ADDRESSES if fmt == "2021" else ACTIVE_2019_ADDRESSES


def report_to_dict(report: AnnualReport, findings: Iterable[Finding] = ()) -> dict[str, Any]:
    active: dict[str, Any] = {}
    for address in _active_addresses(report.format):
        *parents, leaf = address.split(".")[1:]
        node = active
        for parent in parents:
            node = node.setdefault(parent, {})
        node[leaf] = json_number(report.get(address))
    return {
        "schema_version": SCHEMA_VERSION,
        "format": report.format,
        "agency": report.agency,
        "year": report.year,
        "title": report.title,
        "active": active,
        "requests": {
            row: [json_number(v) for v in report.request_row(row)] for row in request_row_keys(report.format)
        },
        "appeals": {
            group: {
                c: json_number(v) for c, v in zip(APPEAL_COLUMN_KEYS, report.appeal_group(group), strict=True)
            }
            for group in APPEAL_GROUP_KEYS
        },
        "narrative": {
            "general": report.narrative.general,
            "problems": report.narrative.problems,
            "other": report.narrative.other,
        },
        "restored": list(report.restored),
        "findings": [f.as_dict() for f in findings],
    }


def render_bytes(report: AnnualReport, *, findings: Sequence[Finding] = ()) -> bytes:
    text = json.dumps(report_to_dict(report, findings), ensure_ascii=False, indent=2)
    # One table-3 row per line: a list of scalars is written on a single line.
    text = _SCALAR_LIST.sub(lambda m: "[" + ", ".join(v.strip() for v in m.group(1).split(",")) + "]", text)
    return (text + "\n").encode("utf-8")


_SCALAR_LIST = re.compile(r"\[\s*((?:-?[\d.eE+-]+|null)(?:,\s*(?:-?[\d.eE+-]+|null))*)\s*\]")


# ── reading ─────────────────────────────────────────────────────────────────────────────────


def _bad(key: str, problem: str, problem_en: str) -> ReportError:
    return ReportError(
        f"JSON中「{key}」{problem}",
        code="report.bad_json",
        key=key,
        message_en=f"JSON key {key!r}: {problem_en}",
    )


def _object(value: Any, key: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise _bad(key, "应为对象（{…}）。", "must be an object.")
    return value


def _no_unknown(mapping: Mapping[str, Any], allowed: Iterable[str], prefix: str) -> None:
    allowed = set(allowed)
    for key in mapping:
        if key not in allowed:
            name = f"{prefix}.{key}" if prefix else str(key)
            raise _bad(name, "不是本格式的键。", "is not a key of this format.")


def _text(d: Mapping[str, Any], key: str, where: str) -> str | None:
    value = d.get(key)
    if value is not None and not isinstance(value, str):
        raise _bad(where, "应为文字或null。", "must be a string or null.")
    return value


def _cell(value: Any, address: str) -> Value:
    if value is None:
        return None
    if address.endswith("10k_yuan"):  # an amount in 万元, may be fractional
        if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
            raise _bad(address, "应为数字（单位：万元）或null。", "must be a number (10k yuan) or null.")
        try:
            amount = value if isinstance(value, Decimal) else Decimal(str(value))
        except InvalidOperation as exc:  # nan, inf
            raise _bad(address, "不是有效的数字。", "is not a finite number.") from exc
        if not amount.is_finite():
            raise _bad(address, "不是有效的数字。", "is not a finite number.")
        return amount
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    raise _bad(address, "应为整数（件数）或null。", "must be an integer count or null.")


def _read_active(d: Mapping[str, Any], fmt: FormatName) -> dict[str, Value]:
    active = _object(d.get("active", {}), "active")
    cells: dict[str, Value] = {}
    tree: dict[str, Any] = {}
    for address in _active_addresses(fmt):
        *parents, leaf = address.split(".")[1:]
        node = tree
        for parent in parents:
            node = node.setdefault(parent, {})
        node[leaf] = address

    def walk(given: Mapping[str, Any], expected: Mapping[str, Any], prefix: str) -> None:
        _no_unknown(given, expected, prefix)
        for key, value in given.items():
            child = expected[key]
            where = f"{prefix}.{key}"
            if isinstance(child, dict):
                walk(_object(value, where), child, where)
            else:
                cells[child] = _cell(value, child)

    walk(active, tree, "active")
    return cells


def _read_requests(d: Mapping[str, Any], fmt: FormatName) -> dict[str, Value]:
    requests = _object(d.get("requests", {}), "requests")
    _no_unknown(requests, request_row_keys(fmt), "requests")
    cells: dict[str, Value] = {}
    for row, values in requests.items():
        if values is None:
            continue
        if not isinstance(values, list) or len(values) != len(REQUEST_COLUMN_KEYS):
            raise _bad(
                f"requests.{row}",
                f"应为{len(REQUEST_COLUMN_KEYS)}个数字组成的列表"
                "（自然人、商业企业、科研机构、社会公益组织、法律服务机构、其他、总计）。",
                "must be a list of 7 values.",
            )
        for column, value in zip(REQUEST_COLUMN_KEYS, values, strict=True):
            address = request_address(row, column)
            cells[address] = _cell(value, address)
    return cells


def _read_appeals(d: Mapping[str, Any]) -> dict[str, Value]:
    appeals = _object(d.get("appeals", {}), "appeals")
    _no_unknown(appeals, APPEAL_GROUP_KEYS, "appeals")
    cells: dict[str, Value] = {}
    for group, columns in appeals.items():
        columns = _object(columns, f"appeals.{group}")
        _no_unknown(columns, APPEAL_COLUMN_KEYS, f"appeals.{group}")
        for column, value in columns.items():
            address = appeal_address(group, column)
            cells[address] = _cell(value, address)
    return cells


def _read_meta(d: Mapping[str, Any]) -> tuple[FormatName, int | None]:
    version = d.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, str) or version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise _bad(
            "schema_version",
            f"为「{version}」，本程序只能读取{SCHEMA_VERSION.split('.')[0]}.x版本。",
            f"{version!r} is not a supported version.",
        )
    fmt = d.get("format")
    if fmt not in FORMATS:
        raise _bad(
            "format",
            f"应为{'或'.join(FORMATS)}（年度报告格式的版本），实为「{fmt}」。",
            f"must be one of {FORMATS}, got {fmt!r}.",
        )
    year = d.get("year")
    if year is not None and (isinstance(year, bool) or not isinstance(year, int)):
        raise _bad("year", "应为整数年份或null。", "must be an integer year or null.")
    return fmt, year


def _read_narrative(d: Mapping[str, Any]) -> Narrative:
    narrative = _object(d.get("narrative") or {}, "narrative")
    _no_unknown(narrative, _NARRATIVE_KEYS, "narrative")
    return Narrative(*(_text(narrative, k, f"narrative.{k}") for k in _NARRATIVE_KEYS))


def _read_restored(d: Mapping[str, Any], fmt: FormatName) -> tuple[str, ...]:
    restored = d.get("restored") or []
    if not isinstance(restored, list):
        raise _bad("restored", "应为单元格地址组成的列表。", "must be a list of cell addresses.")
    known = set(ADDRESSES[fmt])
    for n, address in enumerate(restored):
        if address not in known:
            raise _bad(f"restored[{n}]", f"「{address}」不是本格式的单元格地址。", "is not a cell address.")
    return tuple(restored)


def report_from_dict(d: Any) -> AnnualReport:
    """The report in ``d`` (the shape of ``report_to_dict``); ``ReportError`` names any bad key."""
    d = _object(d, "（顶层）")
    _no_unknown(d, _TOP_KEYS, "")
    fmt, year = _read_meta(d)
    for key in ("findings", "inputs"):  # written for people and programs; not part of the report itself
        if not isinstance(d.get(key, []), list):
            raise _bad(key, "应为列表。", "must be a list.")
    cells = {**_read_active(d, fmt), **_read_requests(d, fmt), **_read_appeals(d)}
    return AnnualReport(
        format=fmt,
        agency=_text(d, "agency", "agency"),
        year=year,
        title=_text(d, "title", "title"),
        cells=cells,
        narrative=_read_narrative(d),
        restored=_read_restored(d, fmt),
    )
