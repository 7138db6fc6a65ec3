"""The roll-up up the agency tree: each agency's source, the sum, the failing and the cross-year check."""

from __future__ import annotations

import datetime as dt

import pytest

from gongkai_web.reports.build import build_report
from gongkai_web.reports.imported_services import import_report
from gongkai_web.reports.rollup import build_rollup
from gongkai_web.reports.sources import Source

from .fixtures import make_agency, make_application
from .rollup_world import real_file, typed_report, upload

pytestmark = pytest.mark.django_db


def _row(rollup, agency):
    return next(r for r in rollup.rows if r.agency == agency)


def test_the_district_sum_adds_the_imported_report_of_one_agency_to_the_records_of_the_others(world):
    # The district itself has no records; agency A imports its report (4 new, natural persons);
    # a third agency C has two applications received in 2023, still open.
    import_report(world.a, 2023, upload(typed_report(world.a.name, 2023)), actor=world.lisi)
    c = make_agency("渝中区教育委员会", parent=world.district)
    make_application(c, received=dt.date(2023, 3, 1))
    make_application(c, received=dt.date(2023, 4, 3))
    rollup = build_rollup(world.district, 2023)
    assert {r.agency.name: r.sourced.source for r in rollup.rows} == {
        "渝中区人民政府": Source.RECORDS,
        "渝中区财政局": Source.IMPORTED,
        "渝中区教育委员会": Source.RECORDS,
    }
    total = rollup.aggregation.report
    assert total.request_row("new")[-1] == 4 + 2
    assert total.request_row("carried_forward")[-1] == 1 + 2
    assert total.request_row("granted")[-1] == 2
    assert [r.agency for r in rollup.unpublished] == [world.district, c]
    assert rollup.count(Source.IMPORTED) == 1


def test_an_agency_whose_report_fails_its_identities_is_listed_with_the_error(world):
    import_report(world.a, 2024, real_file("33-pingtan-shs-2024.html"), actor=world.lisi)
    rollup = build_rollup(world.district, 2024)
    assert [r.agency for r in rollup.failing] == [world.a]
    assert "复议后起诉" in _row(rollup, world.a).errors[0].message


def test_the_cross_year_check_flags_a_carried_over_that_is_not_last_years_carried_forward(world):
    # 2022's report carries 3 forward; 2023's says 1 was carried over.
    import_report(
        world.a, 2022, upload(typed_report(world.a.name, 2022, carried_forward=3)), actor=world.lisi
    )
    import_report(world.a, 2023, upload(typed_report(world.a.name, 2023, carried_over=1)), actor=world.lisi)
    rollup = build_rollup(world.district, 2023)
    row = _row(rollup, world.a)
    assert [(f.code, f.expected, f.found) for f in row.cross_year] == [("I5", 3, 1), ("I5", 3, 1)]
    assert [r.agency for r in rollup.cross_year_failures] == [world.a]


def test_the_cross_year_check_holds_when_the_years_agree(world):
    import_report(
        world.a, 2022, upload(typed_report(world.a.name, 2022, carried_forward=2)), actor=world.lisi
    )
    import_report(world.a, 2023, upload(typed_report(world.a.name, 2023, carried_over=2)), actor=world.lisi)
    rollup = build_rollup(world.district, 2023)
    assert _row(rollup, world.a).previous.source == Source.IMPORTED
    assert rollup.cross_year_failures == []


def test_an_agency_without_last_years_report_is_listed_as_unchecked_not_as_failing(world):
    import_report(world.a, 2023, upload(typed_report(world.a.name, 2023, carried_over=2)), actor=world.lisi)
    rollup = build_rollup(world.district, 2023)
    assert world.a in [r.agency for r in rollup.without_previous]
    assert rollup.cross_year_failures == []


def test_built_from_records_the_roll_up_equals_the_subtree_report(world):
    # Two routes to the same figures: per agency then summed, and the subtree counted at once.
    c = make_agency("渝中区教育委员会", parent=world.district)
    for day in (1, 2, 3):
        make_application(c, received=dt.date(2023, 5, day))
    rollup = build_rollup(world.district, 2023)
    whole = build_report(world.district, 2023)
    for row in ("new", "carried_over", "total", "carried_forward"):
        assert rollup.aggregation.report.request_row(row) == whole.request_row(row)
    assert rollup.aggregation.report.request_row("new")[-1] == 3


def test_an_agency_staff_roll_up_covers_their_agency_alone(world):
    rollup = build_rollup(world.a, 2023, subtree=False)
    assert [r.agency for r in rollup.rows] == [world.a]


def test_a_missing_cell_of_one_agency_makes_the_sums_cell_missing_and_names_the_agency(world, monkeypatch):
    # A report without table 4 (here the district's, built from records with table 4 taken out): the
    # sum's table 4 is missing and names the district.
    from gongkai_web.reports import sources

    monkeypatch.setattr(
        sources, "table4_cells_by_agency", lambda agencies, year: {a.pk: {} for a in agencies}
    )
    import_report(world.a, 2023, upload(typed_report(world.a.name, 2023)), actor=world.lisi)
    rollup = build_rollup(world.district, 2023)
    assert rollup.aggregation.report.get("appeals.reconsideration.total") is None
    lacking = dict(rollup.missing_cells())
    assert any(world.district in agencies for agencies in lacking.values())
    assert all(world.a not in agencies for label, agencies in lacking.items() if "行政复议" in label)


def test_a_version_published_on_the_platform_comes_before_the_imported_report(world, monkeypatch):
    # The report workflow's published versions (``queries.published_reports``), stood in for here: A's
    # published version says 7 received, the imported file 4.
    from gongkai_web.reports import sources

    import_report(world.a, 2023, upload(typed_report(world.a.name, 2023)), actor=world.lisi)
    published = typed_report(world.a.name, 2023, carried_forward=4)
    monkeypatch.setattr(
        sources,
        "published_reports",
        lambda agencies, year: {world.a.pk: published} if year == 2023 else {},
    )
    rollup = build_rollup(world.district, 2023)
    row = _row(rollup, world.a)
    assert row.sourced.source == Source.PUBLISHED
    assert row.received == 7
    assert rollup.count(Source.IMPORTED) == 0


def test_a_governments_published_summary_report_is_not_summed_again_beside_its_agencies(world, monkeypatch):
    # The district government's report published on the platform covers its whole district (its
    # agencies included): the roll-up sums the district's own records and its agencies, not that summary.
    from gongkai_web.reports import sources

    summary = typed_report(world.district.name, 2023, carried_forward=400)
    monkeypatch.setattr(
        sources,
        "published_reports",
        lambda agencies, year: {world.district.pk: summary} if year == 2023 else {},
    )
    rollup = build_rollup(world.district, 2023)
    assert _row(rollup, world.district).sourced.source == Source.RECORDS
    new = rollup.aggregation.report.request_row("new")[-1]
    assert new == build_report(world.district, 2023).request_row("new")[-1]
    # Viewed alone (not as parts of a sum), the district's published report is its report.
    assert build_rollup(world.district, 2023, subtree=False).rows[0].sourced.source == Source.PUBLISHED
