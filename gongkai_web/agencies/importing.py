"""Import the agency directory from CSV or XLSX.

Every row is checked first; a single bad row imports nothing and the errors name the row, the
column and the problem in Chinese. Parents may appear anywhere in the file or already exist."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from gongkai.errors import GongkaiError
from gongkai.labels import AGENCY_KINDS, AGENCY_LEVELS, CHANNELS
from gongkai_web.audit.services import log

from .models import LEVEL_OF_KIND, Agency, FeeMode, Kind, OnlineReceipt

#: Column header (Chinese as users write it, or the field name) → field.
HEADERS = {
    "代码": "code", "名称": "name", "简称": "short_name", "层级": "level", "类别": "kind",
    "上级代码": "parent_code", "公开工作机构": "office_name", "地址": "address", "邮编": "postcode",
    "办公时间": "hours", "电话": "phone", "传真": "fax", "电子邮箱": "email", "申请渠道": "channels",
    "收费方式": "fee_mode", "网上申请确认方式": "online_receipt", "受理申请": "accepts_applications",
    "行政复议机关": "review_body", "缴费方式": "fee_account",
}
REQUIRED = ("code", "name", "level", "kind")
FEE_MODES = {"免费": FeeMode.NONE, "按件": FeeMode.PER_ITEM, "按量": FeeMode.PER_PAGE}
RECEIPTS = {"自动回执": OnlineReceipt.AUTOMATIC, "人工确认": OnlineReceipt.STAFF}
YES = {"是", "1", "true", "yes", "y", ""}


class AgencyImportError(GongkaiError):
    code = "agencies.import_failed"


@dataclass
class RowError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"第{self.row}行“{self.column}”列：{self.message}"


def read_rows(path: Path) -> list[dict[str, str]]:
    if path.suffix.lower() in {".xlsx", ".xlsm"}:
        from openpyxl import load_workbook

        sheet = load_workbook(path, read_only=True, data_only=True).active
        rows = [["" if v is None else str(v).strip() for v in r] for r in sheet.iter_rows(values_only=True)]
    else:
        text = path.read_bytes().decode("utf-8-sig")
        rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text))]
    if not rows:
        raise AgencyImportError("文件为空，没有表头。", code="agencies.import_empty")
    header = rows[0]
    unknown = [h for h in header if h and h not in HEADERS and h not in HEADERS.values()]
    if unknown:
        raise AgencyImportError(f"表头第1行有无法识别的列：{'、'.join(unknown)}。", code="agencies.import_header")
    keys = [HEADERS.get(h, h) for h in header]
    return [dict(zip(keys, r, strict=False)) for r in rows[1:] if any(r)]


def _by_label(value: str, labels: dict[str, str]) -> str | None:
    if value in labels:
        return value
    return next((k for k, v in labels.items() if v == value), None)


def _check_row(n: int, row: dict[str, str], known_codes: set[str]) -> list[RowError]:
    errors = [RowError(n, col, "不能为空") for col in REQUIRED if not row.get(col)]
    level = _by_label(row.get("level", ""), AGENCY_LEVELS)
    kind = _by_label(row.get("kind", ""), AGENCY_KINDS)
    if row.get("level") and level is None:
        errors.append(RowError(n, "层级", f"“{row['level']}”不是市、区县或乡镇"))
    if row.get("kind") and kind is None:
        errors.append(RowError(n, "类别", f"“{row['kind']}”不是{'、'.join(AGENCY_KINDS.values())}之一"))
    if level and kind and LEVEL_OF_KIND[Kind(kind)] != level:
        errors.append(RowError(n, "类别", f"“{AGENCY_KINDS[kind]}”不属于“{AGENCY_LEVELS[level]}”层级"))
    parent = row.get("parent_code", "")
    if parent and parent not in known_codes:
        errors.append(RowError(n, "上级代码", f"找不到代码为“{parent}”的上级机关"))
    for ch in _split(row.get("channels", "")):
        if _by_label(ch, CHANNELS) is None:
            errors.append(RowError(n, "申请渠道", f"“{ch}”不是已知的申请渠道"))
    if row.get("fee_mode") and row["fee_mode"] not in FEE_MODES and row["fee_mode"] not in FeeMode.values:
        errors.append(RowError(n, "收费方式", "应为免费、按件或按量"))
    if row.get("online_receipt") and row["online_receipt"] not in RECEIPTS and row["online_receipt"] not in OnlineReceipt.values:
        errors.append(RowError(n, "网上申请确认方式", "应为自动回执或人工确认"))
    return errors


def _split(value: str) -> list[str]:
    return [p.strip() for p in value.replace(";", "、").replace("，", "、").replace(",", "、").split("、") if p.strip()]


def _fields(row: dict[str, str]) -> dict:
    return {
        "name": row["name"], "short_name": row.get("short_name", ""),
        "level": _by_label(row["level"], AGENCY_LEVELS), "kind": _by_label(row["kind"], AGENCY_KINDS),
        "office_name": row.get("office_name", ""), "address": row.get("address", ""),
        "postcode": row.get("postcode", ""), "hours": row.get("hours", ""), "phone": row.get("phone", ""),
        "fax": row.get("fax", ""), "email": row.get("email", ""),
        "channels": [_by_label(c, CHANNELS) for c in _split(row.get("channels", ""))],
        "fee_mode": FEE_MODES.get(row.get("fee_mode", ""), row.get("fee_mode") or FeeMode.NONE),
        "online_receipt": RECEIPTS.get(row.get("online_receipt", ""), row.get("online_receipt") or OnlineReceipt.AUTOMATIC),
        "accepts_applications": row.get("accepts_applications", "").lower() in YES,
        "review_body": row.get("review_body", ""), "fee_account": row.get("fee_account", ""),
    }


def import_agencies(path: Path, *, actor=None) -> list[Agency]:
    """Create or update agencies from the file; all or nothing."""
    rows = read_rows(path)
    codes_in_file = [r.get("code", "") for r in rows]
    known = set(codes_in_file) | set(Agency.objects.values_list("code", flat=True))
    errors = [e for n, row in enumerate(rows, start=2) for e in _check_row(n, row, known)]
    seen: set[str] = set()
    for n, code in enumerate(codes_in_file, start=2):
        if code and code in seen:
            errors.append(RowError(n, "代码", f"代码“{code}”在文件中重复"))
        seen.add(code)
    if errors:
        raise AgencyImportError("导入失败，未导入任何机关：\n" + "\n".join(map(str, errors)),
                                code="agencies.import_invalid_rows", errors=[str(e) for e in errors])
    with transaction.atomic():
        saved = _save_in_parent_order(rows)
        for agency in saved:
            log(agency, "agencies.imported", actor=actor, actor_label="" if actor else "import_agencies",
                data={"file": path.name})
    return saved


def _save_in_parent_order(rows: list[dict[str, str]]) -> list[Agency]:
    pending, saved = list(rows), []
    while pending:
        ready = [r for r in pending if not r.get("parent_code") or
                 Agency.objects.filter(code=r["parent_code"]).exists()]
        if not ready:
            raise AgencyImportError("上级代码形成循环，未导入任何机关。", code="agencies.import_cycle")
        for row in ready:
            parent = Agency.objects.filter(code=row["parent_code"]).first() if row.get("parent_code") else None
            agency, _ = Agency.objects.update_or_create(code=row["code"], defaults={**_fields(row), "parent": parent})
            saved.append(agency)
            pending.remove(row)
    return saved
