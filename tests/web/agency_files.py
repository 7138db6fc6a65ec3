"""Hand-written agency directory files for ``manage.py import_agencies``: the full 政府信息公开指南
header with two agencies (the city and its finance bureau), file writers and the import command."""

from __future__ import annotations

import io

from django.core.management import call_command
from openpyxl import Workbook

from gongkai_web.agencies.models import Agency

#: Every column of the guide, in the order of the directory template.
FULL_HEADER = [
    "代码",
    "名称",
    "简称",
    "层级",
    "类别",
    "上级代码",
    "公开工作机构",
    "地址",
    "邮编",
    "办公时间",
    "电话",
    "传真",
    "电子邮箱",
    "申请渠道",
    "收费方式",
    "网上申请确认方式",
    "受理申请",
    "行政复议机关",
    "缴费方式",
]
CITY = [
    "cq",
    "重庆市人民政府",
    "渝府",
    "市",
    "市政府",
    "",
    "重庆市人民政府办公厅",
    "重庆市渝北区人民路1号",
    "401147",
    "工作日 9:00—12:00，14:00—17:30",
    "023-63000001",
    "023-63000002",
    "gongkai@cq.example.cn",
    "网上申请、当面提交、邮寄（需签收）",
    "免费",
    "自动回执",
    "是",
    "",
    "",
]
FINANCE = [
    "cq-czj",
    "重庆市财政局",
    "渝财",
    "市",
    "市政府部门",
    "cq",
    "重庆市财政局办公室",
    "重庆市渝北区财政路2号",
    "401147",
    "工作日 9:00—17:00",
    "023-67000000",
    "",
    "czj@cq.example.cn",
    "网上申请，电子邮件",
    "按量",
    "人工确认",
    "是",
    "",
    "非税收入缴款码",
]

#: The header of a short hand-typed file, as a line of text.
SHORT_HEADER = "代码,名称,层级,类别,上级代码,申请渠道,收费方式\n"


def write_csv(path, rows, encoding="utf-8-sig"):
    """A CSV as Excel saves it (with a BOM, unless another ``encoding`` is asked for)."""
    path.write_text("\n".join(",".join(r) for r in rows) + "\n", encoding=encoding)
    return path


def write_xlsx(path, rows):
    book = Workbook()
    sheet = book.active
    for r in rows:
        sheet.append(r)
    book.save(path)
    return path


def run(path, *args) -> str:
    """``manage.py import_agencies`` on ``path``: what it printed."""
    out = io.StringIO()
    call_command("import_agencies", str(path), *args, stdout=out)
    return out.getvalue()


def snapshot():
    """Every agency's code, name, parent, address and path: to see that nothing changed."""
    return sorted(Agency.objects.values_list("code", "name", "parent__code", "address", "path"))
