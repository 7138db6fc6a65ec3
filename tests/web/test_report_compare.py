"""Comparison of an agency with its past years and its peers: outliers, charts, XLSX."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from gongkai_web.reports.charts import Bar, bar_chart
from gongkai_web.reports.compare import build_comparison, is_jump
from gongkai_web.reports.imported_services import import_report

from .fixtures import make_agency
from .rollup_world import typed_report, upload

pytestmark = pytest.mark.django_db


def _peer(world, name, year, received):
    peer = make_agency(name, parent=world.district)
    report = typed_report(name, year, carried_over=0, carried_forward=received - 4)
    import_report(peer, year, upload(report), actor=None)
    return peer


def test_a_jump_of_five_times_is_flagged_and_four_times_is_not():
    assert is_jump(4, 20) and is_jump(20, 4)
    assert not is_jump(4, 19) and not is_jump(0, 50) and not is_jump(None, 5)


def test_the_agency_is_compared_with_its_own_years_and_a_five_fold_jump_is_listed(world):
    # 2022: 4 received (1 carried forward); 2023: 20 received (17 carried forward): ×5.
    import_report(
        world.a, 2022, upload(typed_report(world.a.name, 2022, carried_over=0, carried_forward=0)), actor=None
    )
    import_report(
        world.a,
        2023,
        upload(typed_report(world.a.name, 2023, carried_over=0, carried_forward=16)),
        actor=None,
    )
    comparison = build_comparison(world.a, 2023, visible={world.a.pk})
    by_year = {line.year: line.values["received"] for line in comparison.years}
    assert by_year[2022] == 4 and by_year[2023] == 20
    jumps = [(o.metric.key, o.year, o.reference, o.value) for o in comparison.outliers if o.kind == "jump"]
    assert ("received", 2023, 4, 20) in jumps


def test_a_zero_where_the_peers_are_large_is_flagged(world):
    for n, name in enumerate(("渝中区教育委员会", "渝中区卫生健康委员会", "渝中区民政局")):
        _peer(world, name, 2023, received=30 + n)
    # A: nothing carried forward but its peers carry 26, 27, 28 forward (median 27).
    import_report(
        world.a, 2023, upload(typed_report(world.a.name, 2023, carried_over=0, carried_forward=0)), actor=None
    )
    comparison = build_comparison(world.a, 2023, visible={world.a.pk})
    zeros = [(o.metric.key, o.reference) for o in comparison.outliers if o.kind == "zero"]
    assert ("carried_forward", 27) in zeros


def test_peers_outside_the_viewers_scope_show_only_published_figures(world):
    # Agency B (another district, kind county government) is no peer of A; a department C of the
    # district with records only is a peer A's staff may not see built from records.
    c = make_agency("渝中区民政局", parent=world.district)
    published = _peer(world, "渝中区教育委员会", 2023, received=9)
    comparison = build_comparison(world.a, 2023, visible={world.a.pk})
    shown = {p.agency for p in comparison.shown_peers}
    assert published in shown and world.a in shown and c not in shown and world.b not in shown
    assert comparison.hidden_peers == 1
    as_supervisor = build_comparison(world.a, 2023, visible={world.a.pk, c.pk, published.pk})
    assert c in {p.agency for p in as_supervisor.shown_peers}


def test_the_chart_is_an_accessible_svg_with_title_description_and_escaped_labels():
    svg = bar_chart(
        "本年新收申请", "每个年度一条", [Bar("<甲>", 10, highlighted=True), Bar("乙", None)], missing="无数据"
    )
    assert svg.startswith('<svg class="chart"') and 'role="img"' in svg
    assert "<title" in svg and "<desc" in svg and "本年新收申请" in svg
    assert "&lt;甲&gt;" in svg and "<甲>" not in svg
    assert 'class="bar self"' in svg and "无数据" in svg and "style=" not in svg and "<script" not in svg


def test_the_comparison_page_shows_the_charts_and_the_xlsx_reads_back_with_the_same_figures(client, world):
    import_report(
        world.a, 2022, upload(typed_report(world.a.name, 2022, carried_over=0, carried_forward=0)), actor=None
    )
    import_report(
        world.a,
        2023,
        upload(typed_report(world.a.name, 2023, carried_over=0, carried_forward=16)),
        actor=None,
    )
    client.force_login(world.lisi)
    page = client.get(f"/staff/reports/compare/{world.a.code}/2023/?metric=received").content.decode()
    assert page.count('<svg class="chart"') == 2 and "同比变动5倍以上" not in page
    assert "本年新收申请" in page and "（异常）" in page
    response = client.get(f"/staff/reports/compare/{world.a.code}/2023.xlsx")
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["历年", "同级机关", "异常数据"]
    years = list(book["历年"].iter_rows(values_only=True))
    assert years[0][:3] == ("年度", "来源", "本年新收申请")
    assert {row[0]: row[2] for row in years[1:]}["2022"] == 4
    assert {row[0]: row[2] for row in years[1:]}["2023"] == 20
    flagged = list(book["异常数据"].iter_rows(values_only=True))[1:]
    assert ("同比变动5倍以上", 2023, "本年新收申请", 20, 4) in flagged
