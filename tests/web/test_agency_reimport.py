"""Importing the agency directory again updates the agencies in place instead of duplicating them:
columns absent from the file are left alone, and an agency moved to another parent takes its subtree
along."""

from __future__ import annotations

from gongkai_web.agencies.models import Agency

from .agency_files import CITY, FINANCE, FULL_HEADER, run, write_csv


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
