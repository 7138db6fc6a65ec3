"""``manage.py build_report --json`` prints the narrative drafted from the report's own figures, and the
year-on-year change once last year's report is published."""

from __future__ import annotations

import datetime as dt
import json

from django.core.management import call_command

from gongkai.report.render.json import report_from_dict
from gongkai.report.validate import validate

from .fixtures import make_application
from .report_world import published


def test_the_printed_report_states_its_figures_in_the_narrative(world, capsysbinary):
    make_application(world.a, received=dt.date(2025, 3, 3))
    call_command("build_report", "--year", "2025", "--agency", world.a.code, "--json")
    printed = json.loads(capsysbinary.readouterr().out)
    # 张三's application of 2025-11-03 and this one: 2 received, both open on 31 December.
    assert printed["narrative"]["general"] == (
        "2025年，本机关共收到政府信息公开申请2件。"
        "本机关共办结政府信息公开申请0件（含上年度结转0件），其中予以公开及部分公开0件。"
        "结转下年度继续办理2件。"
    )
    assert printed["narrative"]["other"] == "2025年，本机关未收取信息处理费。"
    report = report_from_dict(printed)
    assert not [f for f in validate(report) if f.code == "I6"]


def test_the_whole_installation_speaks_of_its_area(world, capsysbinary):
    call_command("build_report", "--year", "2025", "--json")
    printed = json.loads(capsysbinary.readouterr().out)
    # Two top agencies (the district and 江北区教育委员会): no single area to name; A's and B's applications.
    assert printed["narrative"]["general"].startswith("2025年，本机关共收到政府信息公开申请2件。")


def test_the_change_against_last_years_published_report_is_printed(world, capsysbinary):
    published(world)  # 2025: 1 received
    for day in (dt.date(2026, 1, 5), dt.date(2026, 1, 6)):
        make_application(world.a, received=day)
    call_command("build_report", "--year", "2026", "--agency", world.a.code, "--json")
    printed = json.loads(capsysbinary.readouterr().out)
    # 2 received in 2026 against 1 in 2025: +100.00 %.
    assert "共收到政府信息公开申请2件，较上年增长100.00%。" in printed["narrative"]["general"]
