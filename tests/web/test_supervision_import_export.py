"""A plan's tasks in and out as XLSX: the export read back with openpyxl; the import all or nothing,
each problem naming its row and column, in Chinese."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from gongkai_web.supervision.models import Task

from .supervision_world import plan, task

pytestmark = pytest.mark.django_db
HEADER = ["责任单位", "任务", "责任人", "完成时限", "工作措施", "佐证材料要求"]


def xlsx(rows) -> io.BytesIO:
    book = Workbook()
    sheet = book.active
    for row in [HEADER, *rows]:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    out.seek(0)
    out.name = "清单.xlsx"
    return out


def test_the_exported_list_reads_back_with_the_import_s_columns_and_the_state(client, world):
    the_plan = plan(world)
    task(world, the_plan, title="公开部门预算", due_on=dt.date(2023, 6, 30))
    client.force_login(world.zhaoliu)
    r = client.get(f"/staff/supervision/plans/{the_plan.pk}/tasks.xlsx")
    assert r.status_code == 200
    sheet = load_workbook(io.BytesIO(r.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert list(rows[0]) == [*HEADER, "状态", "销号日期"]
    assert rows[1][:4] == (world.a.code, "公开部门预算", "办公室主任", dt.datetime(2023, 6, 30))
    assert rows[1][6] == "已下达"


def test_an_import_with_one_bad_row_imports_nothing_and_names_row_and_column(client, world):
    the_plan = plan(world)
    client.force_login(world.zhaoliu)
    upload = xlsx(
        [
            [world.a.code, "公开部门预算", "预算科", "2023-06-30", "", "公开链接"],
            ["不存在的局", "更新指南", "办公室", "2023-13-01", "", "截图"],
            [world.a.name, "公开决算", "", "2023-07-30", "", "公开链接"],
        ]
    )
    r = client.post(f"/staff/supervision/plans/{the_plan.pk}/import/", {"file": upload})
    assert r.status_code == 400
    page = r.content.decode()
    assert "第 3 行" in page or "第3行" in page
    assert "责任单位" in page and "完成时限" in page and "责任人" in page
    assert not Task.objects.exists()


def test_a_good_file_imports_every_row_by_code_or_name_and_wangwu_may_not(client, world):
    the_plan = plan(world)
    upload = xlsx(
        [
            [world.a.code, "公开部门预算", "预算科", "2023-06-30", "按月更新", "公开链接"],
            [world.a.name, "公开决算", "决算科", "2023-07-30", "", "公开链接"],
        ]
    )
    client.force_login(world.wangwu)
    assert client.post(f"/staff/supervision/plans/{the_plan.pk}/import/", {"file": upload}).status_code == 404
    upload.seek(0)
    client.force_login(world.zhaoliu)
    r = client.post(f"/staff/supervision/plans/{the_plan.pk}/import/", {"file": upload})
    assert r.status_code == 302
    assert sorted(Task.objects.values_list("title", "owner")) == [
        ("公开决算", "决算科"),
        ("公开部门预算", "预算科"),
    ]
