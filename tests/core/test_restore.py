"""restore(): exact restoration of missing cells, never a guess."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.model import APPEAL_ADDRESSES, AnnualReport, blank_report, request_address
from gongkai.report.restore import restore
from gongkai.report.validate import has_errors, validate
from tests.core.seed_truth import LOST_CELLS, seed_as_2019, seed_report
from tests.core.strategies import consistent_reports


def table_three_and_four(report: AnnualReport) -> list[str]:
    return [a for a in report.addresses if a.startswith(("requests.", "appeals."))]


def test_it_restores_the_seeds_two_lost_cells():
    result = restore(seed_report(False))
    assert result.restored == {"requests.new.total": 10121, "requests.partly_granted.total": 1424}
    assert result.restored == LOST_CELLS
    assert result.undetermined == () and result.conflicts == []
    assert set(result.report.restored) == set(LOST_CELLS)
    assert result.report.cells == seed_report(True).cells
    assert not has_errors(validate(result.report))


def test_a_complete_report_needs_no_restoration():
    result = restore(seed_report(True))
    assert result.restored == {} and result.undetermined == () and result.conflicts == []


def test_a_rectangle_of_unknowns_is_left_undetermined():
    # Moving 1 between the four cells around the rectangle keeps every row and column sum: not determined.
    rectangle = [
        "requests.granted.natural_person",
        "requests.granted.commercial",
        "requests.partly_granted.natural_person",
        "requests.partly_granted.commercial",
    ]
    result = restore(seed_report(True).with_cells(dict.fromkeys(rectangle)))
    assert result.restored == {}
    assert sorted(result.undetermined) == sorted(rectangle)
    assert result.conflicts == []


def test_a_rectangle_with_the_seeds_lost_cells_restores_only_what_is_determined():
    rectangle = [
        "requests.granted.natural_person",
        "requests.granted.commercial",
        "requests.withheld.third_party.natural_person",
        "requests.withheld.third_party.commercial",
    ]
    result = restore(seed_report(False).with_cells(dict.fromkeys(rectangle)))
    assert result.restored == LOST_CELLS
    assert sorted(result.undetermined) == sorted(rectangle)


def test_unknowns_that_must_sum_to_zero_are_zero():
    # 科研机构 and 社会公益组织 are 0 in both rows; each row's known cells already reach the total,
    # so the unknowns sum to 0, and since none can be negative each is 0.
    zeros = [
        "requests.withheld.state_secret.research",
        "requests.withheld.state_secret.social_welfare",
        "requests.withheld.law_prohibited.research",
        "requests.withheld.law_prohibited.social_welfare",
    ]
    result = restore(seed_report(True).with_cells(dict.fromkeys(zeros)))
    assert result.restored == dict.fromkeys(zeros, 0)
    assert result.undetermined == ()


def test_a_table_contradicting_itself_is_reported_and_nothing_is_filled():
    report = seed_report(False).with_cells({"requests.granted.total": 4000})
    result = restore(report)
    assert result.restored == {}
    assert set(result.undetermined) == set(LOST_CELLS)
    assert [f.code for f in result.conflicts] == ["I3"]
    assert result.report.cells == report.cells


def test_a_cell_that_would_have_to_be_negative_is_a_conflict():
    cells = {a: 0 for a in table_three_and_four(seed_report(True))}
    cells.update(
        {
            request_address("carried_over", "natural_person"): 5,
            request_address("carried_over", "total"): 5,
            request_address("new", "natural_person"): None,
            request_address("new", "total"): None,
        }
    )
    result = restore(AnnualReport(cells=cells))
    assert result.restored == {}
    assert [f.code for f in result.conflicts] == ["R1"]
    assert "无法推算" in result.conflicts[0].message


def test_cells_outside_the_identities_stay_undetermined():
    result = restore(seed_report(True).with_cells({"active.licensing": None}))
    assert result.undetermined == ("active.licensing",)


@settings(max_examples=40, deadline=None)
@given(consistent_reports(), st.data())
def test_any_single_missing_cell_of_table_three_or_four_is_restored_exactly(report, data):
    address = data.draw(st.sampled_from(table_three_and_four(report)))
    result = restore(report.with_cells({address: None}))
    assert result.restored == {address: report.cells[address]}
    assert result.report.cells == report.cells


@settings(max_examples=40, deadline=None)
@given(st.sampled_from(["2021", "2019"]).flatmap(consistent_reports), st.data())
def test_restoration_never_invents_a_figure(report, data):
    lost = data.draw(st.sets(st.sampled_from(table_three_and_four(report)), min_size=1, max_size=12))
    result = restore(report.with_cells(dict.fromkeys(lost)))
    assert result.conflicts == []
    assert set(result.restored) | set(result.undetermined) >= lost
    for address, value in result.restored.items():
        assert value == report.cells[address]


def test_table_four_is_restored_from_its_group_totals():
    result = restore(seed_report(True).with_cells({APPEAL_ADDRESSES[1]: None}))
    assert result.restored == {"appeals.reconsideration.corrected": 94}


def test_a_whole_column_of_zeros_is_restored_alongside_the_lost_cells():
    # The seed's 科研机构 column is all zeros; every row still has its 总计, so each row forces its
    # 科研机构 cell (and I1 of the 总计 column gives the lost 一、本年新收 总计 first).
    research = [
        a for a in seed_report(True).addresses if a.startswith("requests.") and a.endswith(".research")
    ]
    result = restore(seed_report(False).with_cells(dict.fromkeys(research)))
    assert result.restored == {**dict.fromkeys(research, 0), **LOST_CELLS}
    assert result.undetermined == ()


def test_a_blank_report_determines_nothing():
    result = restore(blank_report())
    assert result.restored == {} and result.conflicts == []
    assert len(result.undetermined) == len(blank_report().addresses)


def test_lost_cells_across_both_tables_are_restored_exactly():
    # Two cells of one row (only their sum follows from the row; each follows from its column),
    # one cell in each of two more rows, two in table 4, and the seed's own two lost 总计 cells.
    lost = [
        "requests.granted.natural_person",
        "requests.granted.commercial",
        "requests.unable.not_held.commercial",
        "requests.carried_forward.legal_services",
        "appeals.reconsideration.upheld",
        "appeals.litigation_direct.total",
    ]
    result = restore(seed_report(False).with_cells(dict.fromkeys(lost)))
    # Figures as printed in the seed (tests/core/seed_truth.py, typed in by hand).
    assert result.restored == {
        "requests.granted.natural_person": 4203,
        "requests.granted.commercial": 311,
        "requests.unable.not_held.commercial": 236,
        "requests.carried_forward.legal_services": 0,
        "appeals.reconsideration.upheld": 333,
        "appeals.litigation_direct.total": 662,
        **LOST_CELLS,
    }
    assert result.undetermined == () and result.conflicts == []
    assert result.report.cells == seed_report(True).cells
    assert set(result.report.restored) == {*lost, *LOST_CELLS}


def test_identities_contradicting_each_other_on_the_missing_cells_are_a_conflict():
    # 四、结转下年度 社会公益组织 misread as 1 (it is 0). With 结转下年度「科研机构」lost, that row's
    # total 553 = 541 + 11 + x + 1 + 0 + 1 gives x = −1, while the 科研机构 column (all zeros) gives
    # x = 0; every identity the wrong cell is in has a lost cell, so only solving finds the clash.
    report = seed_report(False).with_cells(
        {
            "requests.carried_forward.research": None,
            "requests.carried_over.social_welfare": None,
            "requests.carried_forward.social_welfare": 1,
            "appeals.reconsideration.upheld": None,
        }
    )
    result = restore(report)
    assert result.restored == {}
    assert [f.code for f in result.conflicts] == ["R1"]
    assert "互相矛盾" in result.conflicts[0].message
    assert set(result.undetermined) == {
        *LOST_CELLS,
        "requests.carried_forward.research",
        "requests.carried_over.social_welfare",
        "appeals.reconsideration.upheld",
    }
    assert result.report.cells == report.cells


def test_a_complete_report_comes_back_as_it_is():
    report = seed_report(True).with_cells({"active.licensing": None})
    result = restore(report)
    assert result.report is report
    assert result.restored == {} and result.undetermined == ("active.licensing",)


def test_a_2019_report_is_restored_with_the_2019_identities():
    # 2019 trial format, all zeros but for 3 applications by natural persons, all granted. The
    # 2021 system's other.* rows do not exist here; the 2019 system (one （六）其他处理 row) is used.
    cells = {a: 0 for a in table_three_and_four(AnnualReport(format="2019"))}
    for row in ("new", "granted", "total"):
        cells[request_address(row, "natural_person")] = 3
        cells[request_address(row, "total")] = 3
    report = AnnualReport(
        format="2019",
        cells={
            **cells,
            request_address("granted", "natural_person"): None,
            request_address("total", "total"): None,
        },
    )
    result = restore(report)
    assert result.restored == {
        request_address("granted", "natural_person"): 3,
        request_address("total", "total"): 3,
    }
    assert result.report.cells == AnnualReport(format="2019", cells=cells).cells
    # Each format keeps its own system, whichever was used first: the seed re-cast as 2019 (其他处理
    # 17 + 0 + 1 for 商业企业, added by hand), then the seed itself (2021 「其他」 row, 商业企业 1).
    assert restore(seed_as_2019().with_cells({"requests.other.commercial": None})).restored == {
        "requests.other.commercial": 18
    }
    assert restore(seed_report(True).with_cells({"requests.other.other.commercial": None})).restored == {
        "requests.other.other.commercial": 1
    }
