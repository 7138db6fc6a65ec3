"""A bad agency directory file imports nothing: each bad row is named with its row and column in
Chinese (as numbered in the sheet), as are a bad header, a parent cycle, a short name already taken and
a file of another type; a failure while saving rolls back the rows already saved."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai_web.agencies import importing
from gongkai_web.agencies.models import Agency

from .agency_files import CITY, FINANCE, FULL_HEADER, SHORT_HEADER, run, snapshot, write_csv, write_xlsx


def test_one_bad_row_imports_nothing_and_names_row_and_column(db, tmp_path):
    f = tmp_path / "agencies.csv"
    f.write_text(
        SHORT_HEADER + "yz,渝中区人民政府,区县,区县政府,,,\nbad,某局,市,乡镇政府,nowhere,,\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError) as exc:
        call_command("import_agencies", str(f), stdout=io.StringIO())
    message = str(exc.value)
    assert "第3行“类别”列" in message and "第3行“上级代码”列" in message
    assert not Agency.objects.exists()


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


def test_other_file_types_and_missing_files_are_refused_in_chinese(db, tmp_path):
    with pytest.raises(CommandError, match="不支持的文件类型"):
        run(write_csv(tmp_path / "a.xls", [["代码"]]))
    with pytest.raises(CommandError, match="找不到文件"):
        run(tmp_path / "none.csv")


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
