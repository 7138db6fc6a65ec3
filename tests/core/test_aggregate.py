"""aggregate(): cell-wise sums with honest gaps."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.errors import ReportError
from gongkai.report.aggregate import aggregate
from gongkai.report.validate import has_errors
from tests.core.seed_truth import seed_as_2019, seed_report
from tests.core.strategies import consistent_reports


def test_two_copies_of_the_seed_sum_to_double_figures():
    result = aggregate([seed_report(True), seed_report(True)], agency="重庆市（合计）")
    assert result.report.cells["requests.new.total"] == 20242
    assert result.report.cells["appeals.reconsideration.total"] == 1408
    assert result.report.cells["active.fees_10k_yuan"] == Decimal("1488364")
    assert result.report.agency == "重庆市（合计）" and result.report.year == 2023
    assert result.findings == []
    assert [i.status for i in result.inputs] == ["ok", "ok"]


def test_a_cell_missing_in_one_input_is_missing_in_the_sum():
    result = aggregate([seed_report(True), seed_report(False)])
    assert result.report.cells["requests.new.total"] is None
    assert result.missing_from["requests.new.total"] == (1,)
    assert result.report.cells["requests.granted.total"] == 9132
    assert [i.status for i in result.inputs] == ["ok", "missing-cells"]
    assert "requests.partly_granted.total" in result.inputs[1].missing


def test_an_invalid_input_is_flagged_with_its_findings():
    broken = seed_report(True).with_cells({"requests.granted.total": 4565})
    result = aggregate([seed_report(True), broken])
    assert result.inputs[1].status == "invalid"
    assert {f.code for f in result.inputs[1].findings} == {"I2", "I3"}
    assert has_errors(result.findings)


def test_fractional_fees_sum_exactly():
    a = seed_report(True).with_cells({"active.fees_10k_yuan": Decimal("0.1")})
    b = seed_report(True).with_cells({"active.fees_10k_yuan": Decimal("0.2")})
    assert aggregate([a, b]).report.cells["active.fees_10k_yuan"] == Decimal("0.3")


def test_mixed_years_are_refused_unless_a_year_is_given():
    later = replace(seed_report(True), year=2024)
    with pytest.raises(ReportError) as raised:
        aggregate([seed_report(True), later])
    assert "年度不一致" in raised.value.message and "2023年" in raised.value.message
    assert aggregate([seed_report(True), later], year=2024).report.year == 2024


def test_no_reports_is_a_clear_error():
    with pytest.raises(ReportError, match="没有可汇总"):
        aggregate([])


def test_2019_inputs_are_converted_first():
    result = aggregate([seed_as_2019(), replace(seed_report(True), year=2020)])
    assert result.report.format == "2021"
    assert result.report.cells["requests.total.total"] == 2 * 9862
    assert result.report.cells["requests.other.other.total"] is None
    assert result.missing_from["requests.other.other.total"] == (0,)
    assert result.inputs[0].conversion_notes


@settings(max_examples=20, deadline=None)
@given(st.lists(consistent_reports(), min_size=1, max_size=4))
def test_the_sum_of_consistent_reports_is_consistent(reports):
    reports = [replace(r, year=2022) for r in reports]
    result = aggregate(reports)
    assert not has_errors(result.findings)
    assert result.report.cells["requests.new.total"] == sum(r.cells["requests.new.total"] for r in reports)


# ── 2019 inputs: the undivided （六）其他处理 row counts in the totals ────────────────────────────

def test_a_mix_of_2019_and_2021_inputs_keeps_the_other_group_in_the_totals():
    result = aggregate([seed_as_2019(), replace(seed_report(True), year=2020)])
    # Both inputs carry 188, 18, 0, 0, 0, 1, 207 in （六）: the 2019 one as its undivided row, the 2021
    # one as 131+18+39, 17+0+1, 0, 0, 0, 0+0+1, 148+18+41.
    assert result.other_group == (376, 36, 0, 0, 0, 2, 414)
    assert result.other_missing_from == {}
    assert result.undivided_inputs == (0,)
    assert [i.format for i in result.inputs] == ["2019", "2021"]
    assert result.inputs[0].other_group == (188, 18, 0, 0, 0, 1, 207)
    # （七）总计 keeps them too (9862 each), and the sub-rows are honestly unknown.
    assert result.report.cells["requests.total.total"] == 19724
    assert result.report.cells["requests.other.no_correction.total"] is None
    assert result.findings == []  # I2 of the sum checked with the undivided row: 19724 holds


def test_only_2019_inputs_sum_their_undivided_rows():
    result = aggregate([seed_as_2019(), seed_as_2019(), seed_as_2019()])
    assert result.other_group == (564, 54, 0, 0, 0, 3, 621)
    assert result.report.cells["requests.total.total"] == 3 * 9862
    assert result.undivided_inputs == (0, 1, 2)


def test_2021_inputs_alone_give_the_sum_of_their_sub_rows():
    result = aggregate([seed_report(True), seed_report(True)])
    assert result.other_group == (376, 36, 0, 0, 0, 2, 414)
    assert result.undivided_inputs == ()


def test_a_gap_in_one_inputs_other_group_leaves_that_column_missing():
    lacking = replace(seed_report(True), year=2020).with_cells({"requests.other.no_fee.total": None})
    result = aggregate([seed_as_2019(), lacking])
    assert result.other_group == (376, 36, 0, 0, 0, 2, None)
    assert result.other_missing_from == {"total": (1,)}


def test_a_wrong_undivided_figure_is_reported_on_the_sum():
    broken = seed_as_2019().with_cells({"requests.other.total": 208})
    result = aggregate([broken, replace(seed_report(True), year=2020)])
    assert result.inputs[0].status == "invalid"
    assert result.other_group[-1] == 415
    codes = {(f.code, f.cells[0]) for f in result.findings}
    assert ("I2", "requests.total.total") in codes          # 19724 concluded ≠ Σ outcomes 19725
    assert ("I3", "requests.other.total") in codes          # 415 ≠ 376+36+0+0+0+2
