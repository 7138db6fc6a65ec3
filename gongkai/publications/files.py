"""The library's files: the import file of existing documents (its Chinese column headers and cell
values) and the published lists of a clean-up (规范性文件清理: 继续有效目录, 废止目录, 失效目录).

The file format does not follow the interface language: a file written today imports the same way
tomorrow. Headers and values are the words staff write in the spreadsheets they keep already."""

from __future__ import annotations

import datetime as dt
import re

from gongkai import labels

#: Column header of the import file → the document's field (docs/publications-import.md).
DOCUMENT_FILE_COLUMNS: dict[str, str] = {
    "标题": "title",
    "发文机关": "agency",
    "类别": "kind",
    "发文字号": "number",
    "成文日期": "formed_on",
    "发布日期": "published_on",
    "施行日期": "effective_on",
    "有效期至": "valid_until",
    "主题分类": "topic",
    "公开属性": "publicity",
    "状态": "status",
    "废止日期": "ended_on",
    "废止依据": "ended_by",
    "文件": "file",
}
#: A date as people write it in the file: 2021-05-10, 2021/5/10, 2021.5.10, 2021年5月10日.
DATE_RE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


def parse_file_date(value: str) -> dt.date | None:
    """The date written in a cell of the file, or None when it is not one."""
    match = DATE_RE.match(value.strip())
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


#: A document number as the messages show one.
NUMBER_EXAMPLE = "渝府发〔2023〕1号"
#: The column naming each document's file in the ZIP.
FILE_COLUMN = "文件"
#: The same column under another name people use.
DOCUMENT_FILE_ALIASES: dict[str, str] = {"文号": "number", "失效日期": "ended_on", "失效依据": "ended_by"}
#: 类别 as the file writes it → the library's kind.
DOCUMENT_FILE_KINDS: dict[str, str] = {
    labels.DOCUMENT_KIND_RULE: "rule",
    labels.DOCUMENT_KIND_NORMATIVE: "normative",
    labels.DOCUMENT_KIND_OTHER: "other",
    "规范性文件": "normative",
}
#: 状态 as the file writes it → the validity it records (尚未生效 and 已修改 follow from the dates and
#: the effects: a file states only whether the document still applies).
DOCUMENT_FILE_STATUSES: dict[str, str] = {
    labels.VALIDITY_STATUSES["in_force"]: "in_force",
    "有效": "in_force",
    labels.VALIDITY_STATUSES["repealed"]: "repealed",
    "废止": "repealed",
    labels.VALIDITY_STATUSES["expired"]: "expired",
    "失效": "expired",
}
#: 公开属性 as the file writes it.
DOCUMENT_FILE_PUBLICITY: dict[str, str] = {v: k for k, v in labels.PUBLICITY_KINDS.items()}

#: An example row of the template download.
DOCUMENT_FILE_EXAMPLE: dict[str, str] = {
    "标题": "重庆市渝中区人民政府关于印发渝中区政府信息公开工作规定的通知",
    "发文机关": "渝中区人民政府",
    "类别": labels.DOCUMENT_KIND_NORMATIVE,
    "发文字号": "渝中府发[2021]12号",
    "成文日期": "2021-05-06",
    "发布日期": "2021-05-10",
    "施行日期": "2021-06-01",
    "有效期至": "2026-05-31",
    "主题分类": "综合政务",
    "公开属性": labels.PUBLICITY_KINDS["proactive"],
    "状态": labels.VALIDITY_STATUSES["in_force"],
    "废止日期": "",
    "废止依据": "",
    "文件": "渝中府发2021-12.pdf",
}

# ── 规范性文件清理 ─────────────────────────────────────────────────────────────────────────────────
#: A clean-up's decision on each document (国办发〔2018〕37号: 定期清理, 及时修改或废止).
CLEANUP_DECISIONS: dict[str, str] = {
    "continue": "继续有效",
    "amend": "修改",
    "repeal": "废止",
    "expire": "失效",
}
#: The published lists of a closed clean-up, by what they list.
CLEANUP_LISTS: dict[str, str] = {
    "continue": "继续有效的规范性文件目录",
    "repeal": "决定废止的规范性文件目录",
    "expire": "决定宣布失效的规范性文件目录",
}
#: Columns of a published list.
CLEANUP_LIST_COLUMNS = ("序号", "文件名称", "发文字号", "发布日期", "发文机关", "备注")
#: The 备注 of a document that stays in force but is to be amended.
CLEANUP_TO_AMEND = "拟修改"


def cleanup_list_note(decision: str) -> str:
    return CLEANUP_TO_AMEND if decision == "amend" else ""
