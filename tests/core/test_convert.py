"""convert_2019_to_2021(): the 2019 trial format mapped per spec §8.1."""

from __future__ import annotations

from hypothesis import given, settings

from gongkai.report.convert import OTHER_SUBROWS, convert_2019_to_2021, convert_report
from gongkai.report.model import OUTCOME_ROW_KEYS_2021, REQUEST_COLUMN_KEYS
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


# ── the undivided （六）其他处理 row (spec §8.1: store ``other``, leave the three sub-rows null) ──────


def test_the_undivided_other_row_is_kept_beside_the_converted_report():
    conversion = convert_report(seed_as_2019())
    # seed_truth.SEED_OTHER_2019, added up by hand from the seed's three rows: 131+18+39, 17+0+1, …
    assert conversion.other == (188, 18, 0, 0, 0, 1, 207)
    assert conversion.converted and conversion.report.format == "2021"
    assert all(
        conversion.report.cells[f"requests.{row}.{column}"] is None
        for row in OTHER_SUBROWS
        for column in REQUEST_COLUMN_KEYS
    )


def test_the_totals_identity_still_holds_with_the_undivided_row():
    # I2 per column, with the undivided row in place of the three unknown sub-rows (9862 is the seed's
    # concluded total, hand-checked in seed_truth).
    conversion = convert_report(seed_as_2019())
    cells = conversion.report.cells
    assert cells["requests.total.total"] == 9862
    outcome_rows = [r for r in OUTCOME_ROW_KEYS_2021 if not r.startswith("other.")]
    for n, column in enumerate(REQUEST_COLUMN_KEYS):
        parts = sum(cells[f"requests.{row}.{column}"] for row in outcome_rows)
        assert parts + conversion.other[n] == cells[f"requests.total.{column}"], column


def test_the_note_gives_the_undivided_figures_and_says_the_sub_rows_are_empty():
    notes = convert_report(seed_as_2019()).notes
    assert "合计 207 件" in notes[0] and "自然人188" in notes[0] and "商业企业18" in notes[0]
    assert "三行留空" in notes[0] and "（七）总计" in notes[0]


def test_a_missing_undivided_figure_stays_missing():
    report = seed_as_2019().with_cells({"requests.other.total": None})
    conversion = convert_report(report)
    assert conversion.other == (188, 18, 0, 0, 0, 1, None)
    assert "合计 缺失" in conversion.notes[0]


def test_a_2021_report_gives_its_three_sub_rows_added_up():
    conversion = convert_report(seed_report(True))
    assert conversion.other == (188, 18, 0, 0, 0, 1, 207)  # 131+18+39, 17+0+1, 0, 0, 0, 0+0+1, 148+18+41
    assert not conversion.converted and conversion.notes == []
    lacking = convert_report(seed_report(True).with_cells({"requests.other.no_fee.natural_person": None}))
    assert lacking.other == (None, 18, 0, 0, 0, 1, 207)
