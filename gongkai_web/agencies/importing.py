"""Import the agency directory (the 政府信息公开指南 facts of each agency) from CSV or XLSX.

All or nothing: every row is checked first, and a single bad row imports nothing; the errors name
the row (as numbered in the file, header = row 1), the column and the problem in Chinese. Saving
runs in one transaction, so a failure half-way leaves the directory as it was. Agencies are matched
by 代码: re-importing a file updates them (only the columns present in the file), never duplicates
them, and rows that change nothing are left alone. Parents may appear anywhere in the file or
already exist. The columns are documented in docs/agencies-import.md."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from gongkai.errors import GongkaiError
from gongkai.labels import AGENCY_KINDS, AGENCY_LEVELS, CHANNELS
from gongkai_web.audit.services import log

from .models import LEVEL_OF_KIND, Agency, FeeMode, Kind, OnlineReceipt

#: Column header (Chinese as users write it) → field. The field name itself is accepted too.
HEADERS = {
    "代码": "code",
    "名称": "name",
    "简称": "short_name",
    "层级": "level",
    "类别": "kind",
    "上级代码": "parent_code",
    "公开工作机构": "office_name",
    "地址": "address",
    "邮编": "postcode",
    "办公时间": "hours",
    "电话": "phone",
    "传真": "fax",
    "电子邮箱": "email",
    "申请渠道": "channels",
    "收费方式": "fee_mode",
    "网上申请确认方式": "online_receipt",
    "受理申请": "accepts_applications",
    "行政复议机关": "review_body",
    "缴费方式": "fee_account",
    "补正期限": "correction_period_days",
    "指南更新日期": "guide_updated_on",
}
LABEL = {f: h for h, f in HEADERS.items()}
REQUIRED = ("code", "name", "level", "kind")
FEE_MODES = {"免费": FeeMode.NONE, "按件": FeeMode.PER_ITEM, "按量": FeeMode.PER_PAGE}
RECEIPTS = {"自动回执": OnlineReceipt.AUTOMATIC, "人工确认": OnlineReceipt.STAFF}
YES = {"是", "1", "true", "yes", "y"}
NO = {"否", "0", "false", "no", "n"}
#: Text columns and their maximum length (the model's).
LENGTHS = {
    f: Agency._meta.get_field(f).max_length
    for f in (
        "code",
        "name",
        "short_name",
        "office_name",
        "address",
        "hours",
        "phone",
        "fax",
        "email",
        "review_body",
        "fee_account",
    )
}
CODE_RE = re.compile(r"^[-a-zA-Z0-9_]+$")

Progress = Callable[[int, int], None]


class AgencyImportError(GongkaiError):
    code = "agencies.import_failed"


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行“{self.column}”列：{self.message}"


@dataclass
class Row:
    number: int  # the row number in the file (the header is row 1)
    values: dict[str, str]

    def get(self, key: str) -> str:
        return self.values.get(key, "")


@dataclass
class ImportResult:
    created: list[Agency] = field(default_factory=list)
    updated: list[Agency] = field(default_factory=list)
    unchanged: list[Agency] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.created) + len(self.updated) + len(self.unchanged)


# ── reading ─────────────────────────────────────────────────────────────────────────────────


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 400010.0 typed into Excel as a number
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value).strip()


def _raw_rows(path: Path) -> list[list[str]]:
    suffix = path.suffix.lower()
    if suffix in {".xlsx", ".xlsm"}:
        from openpyxl import load_workbook

        try:
            book = load_workbook(path, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises zipfile, XML and KeyError alike: not a readable workbook
            raise AgencyImportError(
                f"无法读取 Excel 文件：{exc}", code="agencies.import_unreadable"
            ) from None
        try:
            return [[_cell(v) for v in r] for r in book.active.iter_rows(values_only=True)]
        finally:
            book.close()
    if suffix not in {".csv", ".txt"}:
        raise AgencyImportError(
            f"不支持的文件类型“{path.suffix}”：请使用 CSV（UTF-8）或 XLSX 文件。",
            code="agencies.import_format",
        )
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # Excel in Chinese Windows saves CSV as GBK
            text = data.decode("gb18030")
        except UnicodeDecodeError:
            raise AgencyImportError(
                "CSV 文件编码无法识别：请另存为 UTF-8 编码。", code="agencies.import_encoding"
            ) from None
    return [[c.strip() for c in r] for r in csv.reader(io.StringIO(text))]


def read_rows(path: Path) -> tuple[list[str], list[Row]]:
    """The fields named by the header row, and the non-empty rows after it."""
    raw = _raw_rows(path)
    while raw and not any(raw[-1]):
        raw.pop()
    if not raw or not any(raw[0]):
        raise AgencyImportError("文件为空，第1行应为表头。", code="agencies.import_empty")
    header = raw[0]
    while header and not header[-1]:
        header = header[:-1]
    unknown = [h for h in header if h and h not in HEADERS and h not in LABEL]
    if unknown:
        raise AgencyImportError(
            f"第1行（表头）有无法识别的列：{'、'.join(unknown)}。可用的列见 docs/agencies-import.md。",
            code="agencies.import_header",
            columns=unknown,
        )
    keys = [HEADERS.get(h, h) for h in header]
    repeated = sorted({LABEL[k] for k in keys if k and keys.count(k) > 1})
    if repeated:
        raise AgencyImportError(
            f"第1行（表头）中这些列重复出现：{'、'.join(repeated)}。", code="agencies.import_header"
        )
    missing = [LABEL[k] for k in REQUIRED if k not in keys]
    if missing:
        raise AgencyImportError(
            f"第1行（表头）缺少必需的列：{'、'.join(missing)}。",
            code="agencies.import_header",
            columns=missing,
        )
    rows = []
    for number, cells in enumerate(raw[1:], start=2):
        if not any(cells):
            continue
        extra = [c for c in cells[len(keys) :] if c]
        values = {k: v for k, v in zip(keys, cells, strict=False) if k}
        if extra:
            values["__extra__"] = extra[0]
        rows.append(Row(number, values))
    return [k for k in keys if k], rows


# ── checking ────────────────────────────────────────────────────────────────────────────────


def _by_label(value: str, labels: dict[str, str]) -> str | None:
    if value in labels:
        return value
    return next((k for k, v in labels.items() if v == value), None)


def _split(value: str) -> list[str]:
    return [p.strip() for p in re.split(r"[、;；,，/]", value) if p.strip()]


def _email_problem(value: str) -> str | None:
    try:
        validate_email(value)
    except ValidationError:
        return f"“{value}”不是有效的电子邮箱地址"
    return None


def _date_problem(value: str) -> str | None:
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return f"“{value}”不是有效日期（应为 YYYY-MM-DD）"
    return None


def _channels_problem(value: str) -> str | None:
    unknown = [f"“{ch}”" for ch in _split(value) if _by_label(ch, CHANNELS) is None]
    if unknown:
        return f"{'、'.join(unknown)}不是已知的申请渠道（{'、'.join(CHANNELS.values())}）"
    return None


def _problem_unless(ok: Callable[[str], bool], message: str) -> Callable[[str], str | None]:
    return lambda value: None if ok(value) else message.format(value=value)


#: One check per non-empty cell: the problem in Chinese, or None.
CELL_CHECKS: dict[str, Callable[[str], str | None]] = {
    "code": _problem_unless(CODE_RE.match, "“{value}”只能由字母、数字、连字符和下划线组成"),
    "level": _problem_unless(
        lambda v: _by_label(v, AGENCY_LEVELS) is not None,
        "“{value}”不是" + "、".join(AGENCY_LEVELS.values()) + "之一",
    ),
    "kind": _problem_unless(
        lambda v: _by_label(v, AGENCY_KINDS) is not None,
        "“{value}”不是" + "、".join(AGENCY_KINDS.values()) + "之一",
    ),
    "fee_mode": _problem_unless(
        lambda v: v in FEE_MODES or v in FeeMode.values, "“{value}”应为免费、按件或按量"
    ),
    "online_receipt": _problem_unless(
        lambda v: v in RECEIPTS or v in OnlineReceipt.values, "“{value}”应为自动回执或人工确认"
    ),
    "accepts_applications": _problem_unless(lambda v: v.lower() in YES | NO, "“{value}”应为是或否"),
    "email": _email_problem,
    "channels": _channels_problem,
    "postcode": _problem_unless(lambda v: re.fullmatch(r"\d{6}", v) is not None, "“{value}”应为6位数字"),
    "correction_period_days": _problem_unless(
        lambda v: v.isdigit() and 1 <= int(v) <= 60, "“{value}”应为1至60之间的工作日数"
    ),
    "guide_updated_on": _date_problem,
}


def _check_row(row: Row, existing_codes: set[str], file_codes: set[str]) -> list[RowError]:
    n, errors = row.number, []

    def err(column: str, message: str) -> None:
        errors.append(RowError(n, LABEL.get(column, column), message))

    if "__extra__" in row.values:
        err("（表头以外）", f"本行比表头多出内容“{row.values['__extra__']}”")
    for col in REQUIRED:
        if not row.get(col):
            err(col, "不能为空")
    for col, limit in LENGTHS.items():
        if len(row.get(col)) > limit:
            err(col, f"不能超过{limit}个字（现为{len(row.get(col))}个）")
    for col, check in CELL_CHECKS.items():
        if row.get(col) and (problem := check(row.get(col))):
            err(col, problem)
    level, kind = _by_label(row.get("level"), AGENCY_LEVELS), _by_label(row.get("kind"), AGENCY_KINDS)
    if level and kind and LEVEL_OF_KIND[Kind(kind)] != level:
        err("kind", f"“{AGENCY_KINDS[kind]}”不属于“{AGENCY_LEVELS[level]}”层级")
    parent = row.get("parent_code")
    if parent and parent == row.get("code"):
        err("parent_code", "不能以本机关为上级")
    elif parent and parent not in file_codes and parent not in existing_codes:
        err("parent_code", f"找不到代码为“{parent}”的上级机关（文件中和系统中都没有）")
    return errors


def _check_file(keys: list[str], rows: list[Row]) -> list[RowError]:
    existing = dict(Agency.objects.values_list("code", "parent__code"))
    file_codes = {r.get("code") for r in rows if r.get("code")}
    errors = [e for row in rows for e in _check_row(row, set(existing), file_codes)]
    first_row: dict[str, int] = {}
    for row in rows:
        code = row.get("code")
        if code in first_row:
            errors.append(
                RowError(row.number, "代码", f"代码“{code}”在文件中重复（第{first_row[code]}行已有）")
            )
        elif code:
            first_row[code] = row.number
    errors += _cycle_errors(keys, rows, existing)
    errors += _short_name_errors(keys, rows)
    return sorted(errors, key=lambda e: e.row)


def _cycle_errors(keys: list[str], rows: list[Row], existing: dict[str, str | None]) -> list[RowError]:
    """A parent chain that returns to where it started (in the file, or through existing agencies)."""
    if "parent_code" not in keys:
        return []
    parents = {**existing, **{r.get("code"): r.get("parent_code") or None for r in rows if r.get("code")}}
    errors = []
    for row in rows:
        code, seen = row.get("code"), set()
        cursor = parents.get(code)
        while cursor and cursor not in seen and cursor != code:
            seen.add(cursor)
            cursor = parents.get(cursor)
        if cursor and cursor == code and row.get("parent_code") != code:
            errors.append(RowError(row.number, "上级代码", f"上级关系形成循环：“{code}”最终成为自己的上级"))
    return errors


def _short_name_errors(keys: list[str], rows: list[Row]) -> list[RowError]:
    """A short name is the agency's 文号 prefix (渝财公开〔2023〕12号): two agencies must not share one."""
    if "short_name" not in keys:
        return []
    file_codes = {r.get("code") for r in rows}
    taken = {
        s: c
        for c, s in Agency.objects.exclude(short_name="").values_list("code", "short_name")
        if c not in file_codes
    }
    errors = []
    for row in rows:
        short = row.get("short_name")
        if not short:
            continue
        if short in taken and taken[short] != row.get("code"):
            errors.append(
                RowError(row.number, "简称", f"简称“{short}”已被代码为“{taken[short]}”的机关使用，文号会重复")
            )
        else:
            taken[short] = row.get("code")
    return errors


# ── saving ──────────────────────────────────────────────────────────────────────────────────


def _fields(keys: list[str], row: Row) -> dict:
    """Model field values for the columns present in the file (absent columns are left alone)."""
    convert = {
        "level": lambda v: _by_label(v, AGENCY_LEVELS),
        "kind": lambda v: _by_label(v, AGENCY_KINDS),
        "channels": lambda v: [_by_label(c, CHANNELS) for c in _split(v)],
        "fee_mode": lambda v: FEE_MODES.get(v, v or FeeMode.NONE),
        "online_receipt": lambda v: RECEIPTS.get(v, v or OnlineReceipt.AUTOMATIC),
        "accepts_applications": lambda v: v.lower() not in NO,
        "correction_period_days": lambda v: (
            int(v) if v else Agency._meta.get_field("correction_period_days").default
        ),
        "guide_updated_on": lambda v: dt.date.fromisoformat(v) if v else None,
    }
    return {k: convert.get(k, str)(row.get(k)) for k in keys if k not in {"code", "parent_code"}}


def _parent_first(rows: list[Row]) -> list[Row]:
    """Rows ordered so that a parent in the file is saved before its children (checked acyclic)."""
    by_code = {r.get("code"): r for r in rows}
    depth: dict[str, int] = {}

    def depth_of(code: str) -> int:
        if code not in depth:
            parent = by_code[code].get("parent_code")
            depth[code] = depth_of(parent) + 1 if parent in by_code else 0
        return depth[code]

    return sorted(rows, key=lambda r: depth_of(r.get("code")))


def import_agencies(path: Path, *, actor=None, progress: Progress | None = None) -> ImportResult:
    """Create or update agencies from the file; all or nothing. ``progress(done, total)`` is called
    after each saved row."""
    path = Path(path)
    keys, rows = read_rows(path)
    if not rows:
        raise AgencyImportError("表头之后没有任何机关。", code="agencies.import_empty")
    errors = _check_file(keys, rows)
    if errors:
        shown = errors[:50]
        more = f"\n……另有{len(errors) - len(shown)}处错误未列出。" if len(errors) > len(shown) else ""
        raise AgencyImportError(
            f"导入失败，未导入任何机关（共{len(errors)}处错误）：\n" + "\n".join(map(str, shown)) + more,
            code="agencies.import_invalid_rows",
            errors=[str(e) for e in errors],
        )
    result = ImportResult()
    with transaction.atomic():
        wanted = {r.get("code") for r in rows} | {r.get("parent_code") for r in rows if r.get("parent_code")}
        cache = Agency.objects.select_related("parent").in_bulk(wanted, field_name="code")
        moved = False
        for done, row in enumerate(_parent_first(rows), start=1):
            values = _fields(keys, row)
            if "parent_code" in keys:
                values["parent"] = cache[row.get("parent_code")] if row.get("parent_code") else None
            agency = cache.get(row.get("code"))
            if moved:  # an earlier move re-rooted paths in the database: read them afresh
                parent = values.get("parent", agency.parent if agency else None)
                for stale in (parent, agency):
                    if stale is not None:
                        stale.refresh_from_db(fields=["path"])
            if agency is None:
                agency = Agency(code=row.get("code"), **values)
                agency.save()
                cache[agency.code] = agency
                result.created.append(agency)
                action = "agencies.imported"
            else:
                changed = {k: v for k, v in values.items() if getattr(agency, k) != v}
                if not changed:
                    result.unchanged.append(agency)
                    _report(progress, done, len(rows))
                    continue
                moved = moved or "parent" in changed
                for k, v in changed.items():
                    setattr(agency, k, v)
                agency.save()
                result.updated.append(agency)
                action = "agencies.import_updated"
            log(
                agency,
                action,
                actor=actor,
                actor_label="" if actor else "import_agencies",
                data={"file": path.name, "row": row.number},
            )
            _report(progress, done, len(rows))
    return result


def _report(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None:
        progress(done, total)
