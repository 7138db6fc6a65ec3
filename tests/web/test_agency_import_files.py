"""``manage.py import_agencies`` reads the agency directory from CSV and XLSX files as agencies keep
them: every 政府信息公开指南 column is stored, Excel's cell types and a GBK file are read, parents may
come after their children, and a large file reports its progress."""

from __future__ import annotations

import datetime as dt
import io

from django.core.management import call_command

from gongkai_web.agencies.models import Agency
from gongkai_web.audit.models import AuditEntry

from .agency_files import CITY, FINANCE, FULL_HEADER, SHORT_HEADER, run, write_csv, write_xlsx


def test_a_csv_with_every_guide_column_is_stored_field_by_field(db, tmp_path):
    out = run(write_csv(tmp_path / "a.csv", [FULL_HEADER, FINANCE, CITY]))  # child before its parent
    assert "新增 2 个机关，更新 0 个，未变 0 个" in out
    czj = Agency.objects.get(code="cq-czj")
    assert (czj.name, czj.short_name, czj.level, czj.kind, czj.parent.code) == (
        "重庆市财政局",
        "渝财",
        "city",
        "city_department",
        "cq",
    )
    assert (czj.office_name, czj.address, czj.postcode, czj.hours, czj.phone, czj.fax, czj.email) == (
        "重庆市财政局办公室",
        "重庆市渝北区财政路2号",
        "401147",
        "工作日 9:00—17:00",
        "023-67000000",
        "",
        "czj@cq.example.cn",
    )
    assert czj.channels == ["online", "email"]  # 网上申请，电子邮件
    assert (czj.fee_mode, czj.online_receipt, czj.accepts_applications) == ("per_page", "staff", True)
    assert czj.fee_account == "非税收入缴款码"
    city = Agency.objects.get(code="cq")
    assert city.parent is None and city.channels == ["online", "in_person", "post_signed"]
    assert (city.fee_mode, city.online_receipt) == ("none", "automatic")
    assert czj.path.startswith(city.path) and czj.path != city.path
    assert AuditEntry.objects.filter(action="agencies.imported").count() == 2


def test_an_xlsx_with_numbers_and_booleans_typed_as_excel_cells_is_imported(db, tmp_path):
    header = [
        "代码",
        "名称",
        "简称",
        "层级",
        "类别",
        "上级代码",
        "邮编",
        "电话",
        "受理申请",
        "补正期限",
        "指南更新日期",
        "申请渠道",
        "收费方式",
        "网上申请确认方式",
        "地址",
        "办公时间",
    ]
    rows = [
        header,
        [
            "jb",
            "江北区人民政府",
            "江北府",
            "区县",
            "区县政府",
            None,
            400020,
            "023-67851111",
            True,
            10,
            dt.date(2025, 3, 1),
            "当面提交",
            "按件",
            "自动回执",
            "重庆市江北区建新北路1号",
            "工作日 9:00—17:00",
        ],
        [None] * len(header),  # a blank line in the sheet is skipped
        [
            "jb-zjw",
            "江北区住房和城乡建设委员会",
            "江北建",
            "区县",
            "区县政府部门",
            "jb",
            400020.0,
            None,
            False,
            None,
            None,
            "传真、平信邮寄",
            "免费",
            "人工确认",
            "重庆市江北区洋河路2号",
            "",
        ],
    ]
    out = run(write_xlsx(tmp_path / "机关.xlsx", rows))
    assert "新增 2 个机关" in out
    jb = Agency.objects.get(code="jb")
    assert (
        jb.postcode,
        jb.phone,
        jb.accepts_applications,
        jb.correction_period_days,
        jb.guide_updated_on,
    ) == ("400020", "023-67851111", True, 10, dt.date(2025, 3, 1))
    assert (jb.channels, jb.fee_mode, jb.address) == (["in_person"], "per_item", "重庆市江北区建新北路1号")
    zjw = Agency.objects.get(code="jb-zjw")
    assert (zjw.parent, zjw.postcode, zjw.accepts_applications, zjw.correction_period_days) == (
        jb,
        "400020",
        False,
        15,
    )
    assert (zjw.channels, zjw.online_receipt) == (["fax", "post_unsigned"], "staff")


def test_it_imports_a_hierarchy_with_parents_listed_after_children(db, tmp_path):
    f = tmp_path / "agencies.csv"
    f.write_text(
        SHORT_HEADER + "yz-czj,渝中区财政局,区县,区县政府部门,yz,网上申请、当面提交,按量\n"
        "yz,渝中区人民政府,区县,区县政府,,当面提交,免费\n",
        encoding="utf-8",
    )
    call_command("import_agencies", str(f), stdout=io.StringIO())
    dept = Agency.objects.get(code="yz-czj")
    assert dept.parent.code == "yz" and dept.path.startswith(dept.parent.path)
    assert (dept.kind, dept.channels, dept.fee_mode) == (
        "county_department",
        ["online", "in_person"],
        "per_page",
    )


def test_a_csv_saved_by_excel_in_gbk_is_read(db, tmp_path):
    run(
        write_csv(
            tmp_path / "gbk.csv",
            [["代码", "名称", "层级", "类别"], ["cq", "重庆市人民政府", "市", "市政府"]],
            encoding="gb18030",
        )
    )
    assert Agency.objects.get().name == "重庆市人民政府"


def test_a_large_file_reports_progress_as_a_count(db, tmp_path):
    header = ["代码", "名称", "层级", "类别", "上级代码"]
    rows = [header, ["cq", "重庆市人民政府", "市", "市政府", ""]]
    rows += [[f"t{i:04d}", f"第{i}街道办事处", "乡镇", "乡镇政府", "cq"] for i in range(1, 250)]
    out = run(write_csv(tmp_path / "big.csv", rows), "--every", "100")
    counts = [line for line in out.splitlines() if line.startswith("已处理")]
    assert counts == ["已处理 100/250 行……", "已处理 200/250 行……", "已处理 250/250 行……"]
    assert "新增 250 个机关" in out and Agency.objects.count() == 250
    assert "已处理" not in run(write_csv(tmp_path / "small.csv", rows[:3]))  # small files: just the summary
