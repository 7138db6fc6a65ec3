"""Agency directory import (all or nothing, row-level Chinese errors) and the reminder command."""

from __future__ import annotations

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError

from gongkai_web.agencies.models import Agency

HEADER = "代码,名称,层级,类别,上级代码,申请渠道,收费方式\n"


def test_it_imports_a_hierarchy_with_parents_listed_after_children(db, tmp_path):
    f = tmp_path / "agencies.csv"
    f.write_text(
        HEADER + "yz-czj,渝中区财政局,区县,区县政府部门,yz,网上申请、当面提交,按量\n"
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


def test_one_bad_row_imports_nothing_and_names_row_and_column(db, tmp_path):
    f = tmp_path / "agencies.csv"
    f.write_text(
        HEADER + "yz,渝中区人民政府,区县,区县政府,,,\nbad,某局,市,乡镇政府,nowhere,,\n", encoding="utf-8"
    )
    with pytest.raises(CommandError) as exc:
        call_command("import_agencies", str(f), stdout=io.StringIO())
    message = str(exc.value)
    assert "第3行“类别”列" in message and "第3行“上级代码”列" in message
    assert not Agency.objects.exists()


def test_reminders_go_to_the_handlers_of_agencies_with_overdue_applications(world):
    world.lisi.email = "lisi@example.com"
    world.lisi.save()
    out = io.StringIO()
    call_command("send_deadline_reminders", stdout=out)
    # Both fixture applications (received 2025-11-03) are overdue today; only agency A has an e-mail.
    assert [m.to for m in mail.outbox] == [["lisi@example.com"]]
    assert world.app_a.query_code in mail.outbox[0].body
    assert world.app_b.query_code not in mail.outbox[0].body
    assert "没有可通知的经办人邮箱" in out.getvalue()


def test_the_demo_hierarchy_gives_every_agency_its_own_realistic_document_number_prefix(db):
    from gongkai_web.demo.hierarchy import build_hierarchy

    # An agency made earlier by load_demo with its placeholder short name is reused and renamed.
    Agency.objects.create(
        code="cq-czj", name="重庆市财政局", short_name="重庆市财", level="city", kind="city_department"
    )
    agencies = build_hierarchy().agencies
    shorts = [a.short_name for a in agencies]
    assert len(agencies) == 421 and len(set(shorts)) == len(shorts) and all(shorts)
    by_name = {a.name: a.short_name for a in Agency.objects.all()}
    # Hand-checked against the 代字 these bodies print on their documents (渝府发, 渝财…, 江北府发…).
    assert by_name["重庆市人民政府"] == "渝府"
    assert by_name["重庆市财政局"] == "渝财"
    assert by_name["重庆市发展和改革委员会"] == "渝发改"
    assert by_name["重庆市人力资源和社会保障局"] == "渝人社"
    assert by_name["江北区人民政府"] == "江北府"
    assert by_name["渝中区财政局"] == "渝中财"
    assert by_name["石柱土家族自治县人民政府"] == "石柱府"
    assert by_name["彭水苗族土家族自治县教育委员会"] == "彭水教"
    assert by_name["忠县人民政府"] == "忠县府"
    assert by_name["大渡口区第一街道办事处"] == "大渡口一街"
