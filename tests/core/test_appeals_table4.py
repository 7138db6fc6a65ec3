"""Table 4 from case records: the versioned mapping of dispositions to columns, checked against the report
format (annual-report-format.md §4: “结果纠正 covers revoked, changed, confirmed-unlawful, ordered-to-redo
outcomes; 其他结果 covers withdrawal, … termination”), the co-defendant rule (国办公开办函〔2016〕201号), and
the rates of the seed's narrative (重庆市 2023: 行政复议 94 corrected of 704 with 60 pending; 行政诉讼 28 + 0
corrected of 662 + 194 with 118 + 28 pending)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from gongkai import labels
from gongkai.appeals import dispositions as disp
from gongkai.appeals.table4 import CaseRecord, change_pp, describe_change, percent, rates, table4_counts

D = dt.date
IN_2023, IN_2024 = D(2023, 6, 1), D(2024, 6, 1)


@pytest.mark.parametrize("kind", ["review", "litigation"])
@pytest.mark.parametrize(
    ("disposition", "column"),
    [
        ("revoked", "corrected"),
        ("changed", "corrected"),
        ("confirmed_unlawful", "corrected"),
        ("ordered_to_perform", "corrected"),
        ("withdrawn", "other"),
        ("terminated", "other"),
        ("mediated", "other"),
    ],
)
def test_the_format_s_corrected_and_other_outcomes_map_to_their_columns_in_both_versions(
    kind, disposition, column
):
    for day in (IN_2023, IN_2024):
        assert disp.column_for(kind, disposition, day, as_of=D(2024, 12, 31)) == column


def test_upholding_and_the_merits_rejections_are_upheld_and_procedural_rejections_other():
    assert disp.column_for("review", "upheld", IN_2024, as_of=D(2024, 12, 31)) == "upheld"
    assert disp.column_for("review", "request_rejected", IN_2024, as_of=D(2024, 12, 31)) == "upheld"
    assert disp.column_for("litigation", "claim_rejected", IN_2023, as_of=D(2023, 12, 31)) == "upheld"
    assert disp.column_for("review", "application_rejected", IN_2024, as_of=D(2024, 12, 31)) == "other"
    assert disp.column_for("litigation", "suit_dismissed", IN_2023, as_of=D(2023, 12, 31)) == "other"


def test_a_court_does_not_uphold_and_a_review_body_does_not_dismiss_a_suit():
    with pytest.raises(disp.DispositionError) as refused:
        disp.check_disposition("litigation", "upheld", IN_2024)
    assert refused.value.code == "appeals.unknown_disposition"
    assert "行政诉讼" in refused.value.message and "维持" in refused.value.message
    with pytest.raises(disp.DispositionError):
        disp.check_disposition("review", "suit_dismissed", IN_2024)


def test_the_version_follows_the_decision_day_and_cites_the_law_then_in_force():
    old, new = disp.version_on(D(2023, 12, 31)), disp.version_on(D(2024, 1, 1))
    assert (old.version, new.version) == ("2021.1", "2024.1")
    assert (
        old.row("review", "upheld").basis
        == "《中华人民共和国行政复议法》（2017年修正）第二十八条第一款第（一）项"
    )
    assert new.row("review", "upheld").basis == "《中华人民共和国行政复议法》（2023年修订）第六十八条"
    assert new.row("review", "confirmed_void").column == "corrected"  # 第六十七条, new in 2023
    with pytest.raises(disp.DispositionError):  # the 2017 law had no 确认无效 decision
        old.row("review", "confirmed_void")
    with pytest.raises(disp.DispositionError) as early:
        disp.version_on(D(2020, 12, 31))
    assert early.value.code == "appeals.no_mapping_version"


def test_every_row_names_a_labelled_disposition_and_an_exact_column_label():
    for version in disp.versions():
        for row in version.rows:
            assert row.label == labels.DISPOSITIONS[row.disposition]
            assert row.column_label in ("结果维持", "结果纠正", "其他结果")
            assert row.basis.startswith("《")


def test_a_mapping_file_that_maps_a_disposition_to_pending_is_refused():
    raw = {
        "versions": [
            {
                "version": "x",
                "effective_from": "2025-01-01",
                "basis": "",
                "rows": [{"kind": "review", "disposition": "upheld", "column": "pending", "basis": "《x》"}],
            }
        ]
    }
    with pytest.raises(disp.DispositionError) as refused:
        disp.parse_versions(raw)
    assert refused.value.code == "appeals.bad_mapping_file"


def test_a_case_decided_after_the_year_end_is_pending_in_the_year_it_arrived():
    late = CaseRecord("review", "", D(2023, 12, 20), "revoked", D(2024, 1, 15))
    assert table4_counts([late], 2023)["appeals.reconsideration.pending"] == 1
    assert table4_counts([late], 2024)["appeals.reconsideration.total"] == 0  # counted in the year it arrived


def test_the_counts_of_a_small_year_by_hand():
    records = [
        CaseRecord("review", "", D(2023, 2, 1), "upheld", D(2023, 3, 1)),
        CaseRecord("review", "", D(2023, 2, 2), "request_rejected", D(2023, 3, 2)),
        CaseRecord("review", "", D(2023, 2, 3), "revoked", D(2023, 3, 3)),
        CaseRecord("review", "", D(2023, 2, 4), "withdrawn", D(2023, 3, 4)),
        CaseRecord("review", "", D(2023, 11, 4)),
        CaseRecord("review", "", D(2022, 11, 4), "upheld", D(2023, 1, 4)),  # arrived in 2022: not 2023's
        CaseRecord("litigation", "direct", D(2023, 5, 1), "claim_rejected", D(2023, 9, 1)),
        CaseRecord("litigation", "after_review", D(2023, 5, 2), "confirmed_unlawful", D(2023, 9, 2)),
    ]
    cells = table4_counts(records, 2023)
    assert [
        cells[f"appeals.reconsideration.{c}"] for c in ("upheld", "corrected", "other", "pending", "total")
    ] == [2, 1, 1, 1, 5]
    assert cells["appeals.litigation_direct.upheld"] == cells["appeals.litigation_direct.total"] == 1
    assert cells["appeals.litigation_after_reconsideration.corrected"] == 1


def test_the_review_body_joined_as_co_defendant_does_not_count_the_suit_again():
    # One suit after a 复议 that upheld the department's reply: the department's record and the city
    # government's record as 共同被告 (行政诉讼法第二十六条第二款). The city counts it once.
    department = CaseRecord("litigation", "after_review", D(2023, 4, 1), "claim_rejected", D(2023, 8, 1))
    government = CaseRecord(
        "litigation", "after_review", D(2023, 4, 1), "claim_rejected", D(2023, 8, 1), role="co_defendant"
    )
    assert (
        table4_counts([department, government], 2023)["appeals.litigation_after_reconsideration.total"] == 1
    )
    assert table4_counts([government], 2023)["appeals.litigation_after_reconsideration.total"] == 0


def _seed_cells():
    figures = {
        "reconsideration": (333, 94, 217, 60, 704),
        "litigation_direct": (308, 28, 208, 118, 662),
        "litigation_after_reconsideration": (145, 0, 21, 28, 194),
    }
    columns = ("upheld", "corrected", "other", "pending", "total")
    return {f"appeals.{g}.{c}": n for g, row in figures.items() for c, n in zip(columns, row, strict=True)}


def test_the_rates_of_the_seed_year():
    found = rates(_seed_cells())
    assert found.review_correction == Fraction(94, 704 - 60)
    assert found.litigation_loss == Fraction(28, (662 - 118) + (194 - 28))
    assert percent(found.review_correction) == Decimal("14.60")  # 14.596…
    assert percent(found.litigation_loss) == Decimal("3.94")  # 3.943…


def test_a_change_in_points_is_worded_as_the_seed_words_it():
    assert change_pp(Fraction(94, 644), Fraction(1526, 10000)) == Decimal("-0.66")  # 14.596 − 15.26
    assert (
        describe_change("行政复议直接纠错率", Decimal("-0.66")) == "行政复议直接纠错率较去年下降0.66个百分点"
    )
    assert describe_change("行政诉讼败诉率", Decimal("1.20")) == "行政诉讼败诉率较去年上升1.20个百分点"
    assert change_pp(None, Fraction(1, 2)) is None
    assert rates({**_seed_cells(), "appeals.reconsideration.total": 60}).review_correction is None
