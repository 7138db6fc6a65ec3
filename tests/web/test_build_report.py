"""``manage.py build_report``: the report built from the records — table 2 from the library and the
entered figures, table 3 from the applications — printed in the core's JSON schema."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from gongkai_web.audit.models import AuditEntry
from gongkai_web.publications import services
from gongkai_web.publications.errors import PublicationError
from gongkai_web.reports.build import build_report

from .test_publications_lifecycle import CLOCK, published


def enter(world, item, value, year=2023, agency=None, actor=None):
    return services.enter_statistic(
        agency or world.a,
        year=year,
        item=item,
        value=value,
        source="许可系统年度统计",
        actor=actor or world.lisi,
        clock=CLOCK,
    )


def test_table_two_sums_the_subtree_and_leaves_unentered_figures_missing(world):
    published(world)
    enter(world, "licensing", "120")
    enter(world, "fees", "0.612")  # 6,120 元
    report = build_report(world.district, 2023)
    assert report.get("active.normative_documents.issued") == 1
    assert report.get("active.normative_documents.in_force") == 1
    assert report.get("active.rules.issued") == 0  # no body in the district has rule-making power
    assert report.get("active.licensing") == 120
    assert report.get("active.fees_10k_yuan") == Decimal("0.612")
    assert report.get("active.penalty") is None  # nobody entered it: missing, not 0
    assert build_report(world.b, 2023).get("active.normative_documents.issued") == 0


def test_a_figure_entered_again_replaces_the_first_and_the_audit_keeps_both(world):
    enter(world, "licensing", "120")
    enter(world, "licensing", "125")
    assert build_report(world.a, 2023).get("active.licensing") == 125
    entry = AuditEntry.objects.filter(action="publications.statistic_entered").latest("id")
    assert (entry.data["before"], entry.data["value"]) == ("120.0000", "125")


@pytest.mark.parametrize(
    ("item", "value", "code"),
    [
        ("licensing", "-1", "publications.statistic_negative"),
        ("licensing", "1.5", "publications.statistic_not_whole"),
        ("fees", "abc", "publications.statistic_not_a_number"),
        ("fees", "0.00001", "publications.statistic_too_precise"),
        ("bogus", "1", "publications.unknown_statistic"),
    ],
)
def test_a_bad_figure_is_refused_and_nothing_is_stored(world, item, value, code):
    with pytest.raises(PublicationError) as caught:
        enter(world, item, value)
    assert caught.value.code == code
    assert build_report(world.a, 2023).get("active.licensing") is None


def test_staff_of_another_agency_cannot_enter_an_agency_s_figures(world):
    with pytest.raises(PublicationError) as caught:
        enter(world, "licensing", "1", actor=world.wangwu)
    assert caught.value.code == "publications.not_allowed"


def test_the_command_output_follows_the_json_schema(world, capsysbinary):
    published(world)
    enter(world, "licensing", "7")
    call_command("build_report", "--year", "2023", "--agency", world.a.code, "--json")
    printed = json.loads(capsysbinary.readouterr().out)
    assert printed["year"] == 2023 and printed["agency"] == world.a.name
    assert printed["active"]["licensing"] == 7
    call_command("build_report", "--year", "2023", "--json")
    whole = json.loads(capsysbinary.readouterr().out)
    assert whole["agency"] is None


def test_the_command_names_an_unknown_agency(world):
    with pytest.raises(CommandError, match="没有名为"):
        call_command("build_report", "--year", "2023", "--agency", "不存在的机关", "--json")


def test_staff_enter_a_figure_on_the_page_and_a_bad_one_comes_back_with_what_was_typed(world, client):
    client.force_login(world.lisi)
    page = f"/staff/library/statistics/?agency={world.a.code}"
    bad = client.post(page, {"year": "2023", "item": "licensing", "value": "1.5", "source": "许可系统"})
    assert bad.status_code == 400
    body = bad.content.decode()
    assert "处理决定数量应为整数" in body and 'value="1.5"' in body and 'value="许可系统"' in body
    good = client.post(page, {"year": "2023", "item": "licensing", "value": "120", "source": "许可系统"})
    assert good.status_code == 302
    assert build_report(world.a, 2023).get("active.licensing") == 120
    client.force_login(world.zhaoliu)  # the supervising office reads the figures, enters none
    read = client.get(page)
    assert (
        read.status_code == 200
        and "许可系统" in read.content.decode()
        and "填报数据" not in read.content.decode().split("</table>")[1]
    )
    assert (
        client.post(page, {"year": "2023", "item": "penalty", "value": "1", "source": "x"}).status_code == 404
    )
    client.force_login(world.wangwu)  # another agency's handler: not this agency
    assert client.get(page).status_code == 404
