"""``manage.py import_agencies`` on hand-written CSV and XLSX files: every 政府信息公开指南 column is
stored, a bad row names its row and column in Chinese and changes nothing, re-importing updates
instead of duplicating, and large files report progress."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from openpyxl import Workbook

from gongkai_web.agencies import importing
from gongkai_web.agencies.models import Agency
from gongkai_web.audit.models import AuditEntry

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


def write_csv(path, rows, encoding="utf-8-sig"):
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
    out = io.StringIO()
    call_command("import_agencies", str(path), *args, stdout=out)
    return out.getvalue()


def snapshot():
    return sorted(Agency.objects.values_list("code", "name", "parent__code", "address", "path"))


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


def test_bad_csv_rows_name_row_and_column_in_chinese_and_change_nothing(db, tmp_path):
    run(write_csv(tmp_path / "first.csv", [FULL_HEADER, CITY]))
    before = snapshot()
    moved_city = [*CITY[:7], "新地址", *CITY[8:]]
    bad = [
        "yz",
        "渝中区人民政府",
        "渝中府",
        "区县",
        "市政府部门",
        "nowhere",
        "",
        "",
        "4000",
        "",
        "",
        "",
        "not-an-email",
        "飞鸽传书",
        "看心情",
        "",
        "也许",
        "",
        "",
    ]
    with pytest.raises(CommandError) as exc:
        run(write_csv(tmp_path / "second.csv", [FULL_HEADER, moved_city, bad]))
    message = str(exc.value)
    assert message.startswith("导入失败，未导入任何机关")
    for expected in (
        "第3行“类别”列：“市政府部门”不属于“区县”层级",
        "第3行“上级代码”列：找不到代码为“nowhere”的上级机关",
        "第3行“邮编”列：“4000”应为6位数字",
        "第3行“电子邮箱”列：“not-an-email”不是有效的电子邮箱地址",
        "第3行“申请渠道”列：“飞鸽传书”不是已知的申请渠道",
        "第3行“收费方式”列：“看心情”应为免费、按件或按量",
        "第3行“受理申请”列：“也许”应为是或否",
    ):
        assert expected in message
    assert "第2行" not in message
    assert snapshot() == before  # the good row 2 did not update the city either


def test_bad_xlsx_rows_are_numbered_as_in_the_sheet_and_import_nothing(db, tmp_path):
    rows = [
        ["代码", "名称", "层级", "类别", "上级代码"],
        ["jb", "江北区人民政府", "区县", "区县政府", None],
        [None, None, None, None, None],
        ["jb-jw", None, "区县", "区县政府部门", "jb"],
        ["jb", "江北区人民政府（重复）", "区县", "区县政府", None],
    ]
    with pytest.raises(CommandError) as exc:
        run(write_xlsx(tmp_path / "bad.xlsx", rows))
    assert "第4行“名称”列：不能为空" in str(exc.value)
    assert "第5行“代码”列：代码“jb”在文件中重复（第2行已有）" in str(exc.value)
    assert not Agency.objects.exists()


def test_a_failure_while_saving_rolls_back_the_rows_already_saved(db, tmp_path, monkeypatch):
    calls = []

    def failing_log(obj, action, **kw):
        calls.append(obj.code)
        if len(calls) == 2:
            raise RuntimeError("disk full")

    monkeypatch.setattr(importing, "log", failing_log)
    with pytest.raises(RuntimeError):
        run(write_csv(tmp_path / "a.csv", [FULL_HEADER, CITY, FINANCE]))
    assert calls == ["cq", "cq-czj"]
    assert not Agency.objects.exists()


def test_reimporting_updates_in_place_and_leaves_absent_columns_alone(db, tmp_path):
    run(write_csv(tmp_path / "a.csv", [FULL_HEADER, CITY, FINANCE]))
    ids = dict(Agency.objects.values_list("code", "pk"))
    changed = [*FINANCE[:10], "023-67009999", *FINANCE[11:]]
    out = run(write_csv(tmp_path / "b.csv", [FULL_HEADER, CITY, changed]))
    assert "新增 0 个机关，更新 1 个，未变 1 个" in out
    assert dict(Agency.objects.values_list("code", "pk")) == ids
    assert Agency.objects.get(code="cq-czj").phone == "023-67009999"
    # A file with fewer columns changes only those: the address and channels stay.
    out = run(
        write_csv(
            tmp_path / "c.csv",
            [
                ["代码", "名称", "层级", "类别", "办公时间"],
                ["cq-czj", "重庆市财政局", "市", "市政府部门", "工作日 8:30—17:30"],
            ],
        )
    )
    assert "更新 1 个" in out
    czj = Agency.objects.get(code="cq-czj")
    assert (czj.hours, czj.address, czj.channels, czj.parent.code) == (
        "工作日 8:30—17:30",
        "重庆市渝北区财政路2号",
        ["online", "email"],
        "cq",
    )
    assert Agency.objects.count() == 2


def test_reimporting_can_move_an_agency_and_its_subtree_follows(db, tmp_path):
    header = ["代码", "名称", "层级", "类别", "上级代码"]
    run(
        write_csv(
            tmp_path / "a.csv",
            [
                header,
                ["cq", "重庆市人民政府", "市", "市政府", ""],
                ["yz", "渝中区人民政府", "区县", "区县政府", "cq"],
                ["jb", "江北区人民政府", "区县", "区县政府", "cq"],
                ["x", "某街道办事处", "乡镇", "乡镇政府", "yz"],
                ["x-1", "某社区", "乡镇", "乡镇政府", "x"],
            ],
        )
    )
    # x moves from 渝中 to 江北; its child is not in the second file, a sibling changes name.
    run(
        write_csv(
            tmp_path / "b.csv",
            [
                header,
                ["x", "某街道办事处", "乡镇", "乡镇政府", "jb"],
                ["jb", "江北区人民政府（新）", "区县", "区县政府", "cq"],
            ],
        )
    )
    jb, x, x1 = (Agency.objects.get(code=c) for c in ("jb", "x", "x-1"))
    assert x.parent == jb and x.path == f"{jb.path}{x.pk}/" and x1.path == f"{x.path}{x1.pk}/"
    assert set(jb.subtree().values_list("code", flat=True)) == {"jb", "x", "x-1"}


def test_a_parent_cycle_is_refused_with_the_row(db, tmp_path):
    header = ["代码", "名称", "层级", "类别", "上级代码"]
    with pytest.raises(CommandError) as exc:
        run(
            write_csv(
                tmp_path / "a.csv",
                [header, ["a", "甲街道", "乡镇", "乡镇政府", "b"], ["b", "乙街道", "乡镇", "乡镇政府", "a"]],
            )
        )
    assert "第2行“上级代码”列：上级关系形成循环" in str(exc.value)
    assert not Agency.objects.exists()


def test_two_agencies_may_not_share_a_short_name(db, tmp_path):
    run(write_csv(tmp_path / "a.csv", [FULL_HEADER, CITY, FINANCE]))
    other = ["cq-jw", "重庆市教育委员会", "渝财", "市", "市政府部门", "cq", *[""] * 13]
    with pytest.raises(CommandError) as exc:
        run(write_csv(tmp_path / "b.csv", [FULL_HEADER, other]))
    assert "第2行“简称”列：简称“渝财”已被代码为“cq-czj”的机关使用" in str(exc.value)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (["代码", "名称", "层级", "类别", "网址"], "第1行（表头）有无法识别的列：网址"),
        (["代码", "名称", "层级"], "第1行（表头）缺少必需的列：类别"),
        (["代码", "名称", "层级", "类别", "名称"], "第1行（表头）中这些列重复出现：名称"),
    ],
)
def test_header_problems_are_named(db, tmp_path, header, expected):
    with pytest.raises(CommandError) as exc:
        run(write_csv(tmp_path / "a.csv", [header, ["x"] * len(header)]))
    assert expected in str(exc.value)


def test_a_csv_saved_by_excel_in_gbk_is_read(db, tmp_path):
    run(
        write_csv(
            tmp_path / "gbk.csv",
            [["代码", "名称", "层级", "类别"], ["cq", "重庆市人民政府", "市", "市政府"]],
            encoding="gb18030",
        )
    )
    assert Agency.objects.get().name == "重庆市人民政府"


def test_other_file_types_and_missing_files_are_refused_in_chinese(db, tmp_path):
    with pytest.raises(CommandError, match="不支持的文件类型"):
        run(write_csv(tmp_path / "a.xls", [["代码"]]))
    with pytest.raises(CommandError, match="找不到文件"):
        run(tmp_path / "none.csv")


def test_a_large_file_reports_progress_as_a_count(db, tmp_path):
    header = ["代码", "名称", "层级", "类别", "上级代码"]
    rows = [header, ["cq", "重庆市人民政府", "市", "市政府", ""]]
    rows += [[f"t{i:04d}", f"第{i}街道办事处", "乡镇", "乡镇政府", "cq"] for i in range(1, 250)]
    out = run(write_csv(tmp_path / "big.csv", rows), "--every", "100")
    counts = [line for line in out.splitlines() if line.startswith("已处理")]
    assert counts == ["已处理 100/250 行……", "已处理 200/250 行……", "已处理 250/250 行……"]
    assert "新增 250 个机关" in out and Agency.objects.count() == 250
    assert "已处理" not in run(write_csv(tmp_path / "small.csv", rows[:3]))  # small files: just the summary
