"""convert_2019_to_2021(): the 2019 trial format mapped per spec §8.1."""

from __future__ import annotations

from hypothesis import given, settings

from gongkai.report.convert import convert_2019_to_2021
from gongkai.report.validate import has_errors, validate
from tests.core.seed_truth import seed_as_2019, seed_report
from tests.core.strategies import consistent_reports


def test_the_hand_built_2019_table_is_consistent():
    assert validate(seed_as_2019()) == []


def test_it_maps_table_three_and_four_directly():
    converted, _ = convert_2019_to_2021(seed_as_2019())
    seed = seed_report(True)
    assert converted.format == "2021" and converted.agency == "重庆市" and converted.year == 2020
    for address, value in seed.cells.items():
        if address.startswith(("appeals.", "requests.")) and not address.startswith("requests.other."):
            assert converted.cells[address] == value, address


def test_it_leaves_the_undivided_other_rows_missing_and_says_so():
    converted, notes = convert_2019_to_2021(seed_as_2019())
    other_cells = [a for a in converted.addresses if a.startswith("requests.other.")]
    assert len(other_cells) == 21
    assert all(converted.cells[a] is None for a in other_cells)
    assert "（六）其他处理" in notes[0] and "207" in notes[0]


def test_it_carries_over_only_the_three_decision_counts():
    converted, notes = convert_2019_to_2021(seed_as_2019())
    assert converted.cells["active.licensing"] == 9537924
    assert converted.cells["active.penalty"] == 14049427
    assert converted.cells["active.coercion"] == 230169
    for address in ("active.rules.issued", "active.rules.in_force", "active.fees_10k_yuan"):
        assert converted.cells[address] is None
    assert any("规章" in n and "未转换" in n for n in notes)
    assert any("行政事业性收费" in n for n in notes)


def test_a_converted_report_still_passes_validation():
    converted, _ = convert_2019_to_2021(seed_as_2019())
    assert not has_errors(validate(converted))


def test_a_2021_report_is_returned_unchanged():
    seed = seed_report(True)
    assert convert_2019_to_2021(seed) == (seed, [])


@settings(max_examples=25, deadline=None)
@given(consistent_reports(fmt="2019"))
def test_random_2019_reports_convert_without_errors(report):
    converted, notes = convert_2019_to_2021(report)
    assert not has_errors(validate(converted))
    assert converted.cells["requests.total.total"] == report.cells["requests.total.total"]
    assert len(notes) == 3
