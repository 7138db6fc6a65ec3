"""The identities and validate(): hand-checked against the seed and against random consistent reports."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.identities import IDENTITIES, cannot_make_rules, identity
from gongkai.report.model import (
    REQUEST_COLUMN_KEYS,
    AnnualReport,
    Narrative,
    request_address,
    request_row_keys,
)
from gongkai.report.validate import has_errors, validate
from tests.core.seed_truth import seed_as_2019, seed_report, seed_text
from tests.core.strategies import consistent_reports


def seed_narrative() -> Narrative:
    text = seed_text()
    return Narrative(
        general=text[text.index("1、 总体情况") : text.index("二、主动公开政府信息情况")],
        other=text[text.index("六、其他需要报告的事项") :],
    )


def seed_with_narrative():
    return replace(seed_report(True), narrative=seed_narrative())


def codes(findings):
    return sorted(f.code for f in findings)


def test_the_registry_holds_every_code_in_order():
    assert [r.code for r in IDENTITIES] == ["I1", "I2", "I3", "I4", "T4", "I5", "I6", "P1", "P2"]
    assert identity("I3").severity == "error"
    assert identity("I5").severity == "warning"
    assert all(r.description_zh and r.description_en for r in IDENTITIES)


def test_it_rejects_an_unknown_code():
    with pytest.raises(KeyError):
        identity("I99")


def test_the_seed_satisfies_every_identity_including_its_prose():
    assert validate(seed_with_narrative()) == []


def test_a_missing_cell_is_not_an_error():
    assert validate(seed_report(False)) == []


def test_it_names_the_row_in_chinese_with_expected_and_found_values():
    report = seed_report(True).with_cells({"requests.granted.total": 4565})
    [row_finding] = identity("I3").check(report)
    assert row_finding.message == "表三「（一）予以公开」行：总计应为 4566，实为 4565"
    assert row_finding.expected == 4566 and row_finding.found == 4565
    assert "requests.granted.total" in row_finding.cells


def test_it_names_a_sub_row_together_with_its_group():
    report = seed_report(True).with_cells({"requests.withheld.state_secret.natural_person": 35})
    [row_finding] = identity("I3").check(report)
    assert row_finding.message.startswith("表三「（三）不予公开1.属于国家秘密」行：总计应为 38，实为 39")


def test_it_checks_the_carry_over_identity_of_each_column():
    report = seed_report(True).with_cells({"requests.carried_forward.commercial": 12})
    findings = identity("I1").check(report)
    assert [f.cells[0] for f in findings] == ["requests.new.commercial"]
    # 683 + 2 found on the left; 674 + 12 expected on the right.
    assert findings[0].found == 685 and findings[0].expected == 686
    assert "「商业企业」列" in findings[0].message


def test_it_checks_the_outcome_sum_of_each_column():
    report = seed_report(True).with_cells({"requests.other.other.natural_person": 40})
    [finding] = identity("I2").check(report)
    assert finding.expected == 9068 and finding.found == 9067
    assert finding.message.startswith("表三「自然人」列")


def test_it_checks_each_appeal_group_separately():
    report = seed_report(True).with_cells({"appeals.litigation_direct.total": 660})
    [finding] = identity("T4").check(report)
    assert finding.message == "表四「未经复议直接起诉」：总计应为 662，实为 660"


def test_it_rejects_negative_and_fractional_counts_but_accepts_a_fractional_fee():
    report = seed_report(True).with_cells(
        {
            "requests.granted.research": -1,
            "active.licensing": Decimal("2.5"),
            "active.fees_10k_yuan": Decimal("282.1"),
        }
    )
    findings = identity("I4").check(report)
    assert sorted(f.cells[0] for f in findings) == ["active.licensing", "requests.granted.research"]
    assert any("应为非负整数，实为 -1" in f.message for f in findings)


def test_it_rejects_a_negative_fee():
    report = seed_report(True).with_cells({"active.fees_10k_yuan": Decimal("-1.5")})
    assert [f.cells for f in identity("I4").check(report)] == [("active.fees_10k_yuan",)]


def test_it_compares_carry_over_with_last_years_report():
    report = seed_report(True)
    carried = {
        request_address("carried_forward", c): report.cells[request_address("carried_over", c)]
        for c in REQUEST_COLUMN_KEYS
    }
    assert identity("I5").check(report, previous=report.with_cells(carried)) == []
    previous = report.with_cells({**carried, "requests.carried_forward.natural_person": 280})
    findings = validate(report, previous=previous)
    [finding] = [f for f in findings if f.code == "I5"]
    assert finding.severity == "warning"
    assert finding.expected == 280 and finding.found == 289
    assert not has_errors(findings)


def test_it_warns_when_the_prose_disagrees_with_the_tables():
    prose = Narrative(general="全市共收到政府信息公开申请10120件，办结9862件，其中予以公开及部分公开5990件。")
    findings = validate(replace(seed_report(True), narrative=prose))
    assert [(f.code, f.found, f.expected) for f in findings] == [("I6", 10120, 10121)]


def test_it_compares_granted_alone_with_the_granted_row():
    prose = Narrative(general="全年收到申请10121件，其中予以公开4500件。")
    [finding] = identity("I6").check(replace(seed_report(True), narrative=prose))
    assert finding.cells == ("requests.granted.total",) and finding.expected == 4566


def test_it_warns_when_documents_in_force_do_not_follow_from_last_year():
    report = seed_report(True)  # 规章: 13 issued, 11 repealed, 142 in force
    consistent_previous = report.with_cells(
        {"active.rules.in_force": 140, "active.normative_documents.in_force": 8180}
    )
    assert identity("P1").check(report, previous=consistent_previous) == []
    previous = report.with_cells({"active.rules.in_force": 100, "active.normative_documents.in_force": 8180})
    [finding] = identity("P1").check(report, previous=previous)
    assert finding.expected == 102 and finding.found == 142


def test_it_warns_when_a_street_office_reports_rules():
    report = replace(seed_report(True), agency="渝中区七星岗街道办事处")
    [finding] = identity("P2").check(report)
    assert finding.severity == "warning" and "规章" in finding.message
    assert identity("P2").check(seed_report(True)) == []  # 重庆市 may make rules


@pytest.mark.parametrize(
    ("agency", "expected"),
    [
        ("重庆市", False),
        ("广西壮族自治区人民政府", False),
        ("生态环境部", False),
        ("国家税务总局", False),
        ("重庆市教育委员会", True),
        ("某某镇人民政府", True),
        ("渝中区", True),
        ("奉节县人民政府", True),
        ("成都市生态环境局", True),
        (None, False),
    ],
)
def test_it_knows_which_bodies_cannot_make_rules(agency, expected):
    assert cannot_make_rules(agency) is expected


def test_it_marks_the_crossing_cell_as_suspect():
    report = seed_report(True).with_cells({"requests.granted.natural_person": 4200})
    findings = validate(report)
    assert codes(findings) == ["I2", "I3"]
    assert {f.suspect for f in findings} == {"requests.granted.natural_person"}


def test_it_names_no_suspect_when_two_rows_fail():
    report = seed_report(True).with_cells(
        {"requests.granted.natural_person": 4200, "requests.partly_granted.commercial": 70}
    )
    findings = validate(report)
    assert {f.suspect for f in findings} == {None}


def test_it_names_no_suspect_when_row_and_column_disagree_in_sign():
    # With 四、结转下年度 总计 missing, only two identities can fail. Row 一 says its 自然人 cell is
    # 2 too high (10121 < 10123); column 自然人 says it is 2 too low (9321 + 289 < 9067 + 545).
    report = seed_report(True).with_cells(
        {
            "requests.carried_forward.total": None,
            "requests.new.natural_person": 9321,
            "requests.carried_forward.natural_person": 545,
        }
    )
    findings = validate(report)
    assert [(f.code, f.found - f.expected) for f in findings] == [("I1", -2), ("I3", -2)]
    assert {f.suspect for f in findings} == {None}


def test_it_names_the_suspect_when_row_and_column_agree_in_sign():
    report = seed_report(True).with_cells(
        {"requests.carried_forward.total": None, "requests.new.natural_person": 9321}
    )
    findings = validate(report)
    assert [(f.code, f.suspect) for f in findings] == [
        ("I1", "requests.new.natural_person"),
        ("I3", "requests.new.natural_person"),
    ]


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(["2021", "2019"]).flatmap(consistent_reports))
def test_random_consistent_reports_have_no_errors(report):
    assert not has_errors(validate(report))


def _nonzero_change(value: int) -> st.SearchStrategy[int]:
    """Any change of ``value`` up or down, however large, that keeps it a non-negative count."""
    return st.one_of(
        st.integers(1, 50),
        st.integers(-min(value, 50), -1) if value else st.nothing(),
        st.integers(-value, 10**15),
    ).filter(lambda delta: delta != 0)


@settings(max_examples=60, deadline=None)
@given(consistent_reports(), st.data())
def test_a_single_wrong_cell_of_table_three_is_named_as_suspect(report, data):
    row = data.draw(st.sampled_from(request_row_keys("2021")))
    column = data.draw(st.sampled_from(REQUEST_COLUMN_KEYS))
    address = request_address(row, column)
    wrong = report.cells[address] + data.draw(_nonzero_change(report.cells[address]))
    findings = validate(report.with_cells({address: wrong}))
    arithmetic = [f for f in findings if f.code in ("I1", "I2", "I3")]
    assert {f.code for f in arithmetic} >= {"I3"}
    assert {f.suspect for f in arithmetic} == {address}


def test_whole_decimals_in_table_three_count_like_integers_and_fractions_are_found():
    report = seed_report(True).with_cells({"requests.granted.natural_person": Decimal("4203")})
    assert validate(report) == []
    report = seed_report(True).with_cells({"requests.granted.natural_person": Decimal("4203.5")})
    row = identity("I3").check(report)
    assert [(f.found, f.expected) for f in row] == [(4566, Decimal("4566.5"))]
    assert [f.cells for f in identity("I4").check(report)] == [("requests.granted.natural_person",)]


def test_a_boolean_is_not_a_count_and_the_2019_change_may_be_negative():
    assert [
        f.cells
        for f in identity("I4").check(seed_report(True).with_cells({"requests.granted.research": True}))
    ] == [("requests.granted.research",)]
    report = seed_as_2019().with_cells(
        {"active.licensing.change": -5, "active.licensing.decisions": Decimal(7)}
    )
    assert identity("I4").check(report) == []
    report = report.with_cells(
        {"active.licensing.previous_items": -5, "active.procurement.amount_10k_yuan": -1}
    )
    assert sorted(f.cells[0] for f in identity("I4").check(report)) == [
        "active.licensing.previous_items",
        "active.procurement.amount_10k_yuan",
    ]


def test_equations_are_the_same_for_every_report_of_a_format_and_a_fresh_list_each_time():
    first = identity("I3").equations(seed_report(True))
    first.clear()
    again = identity("I3").equations(seed_report(False))
    assert len(again) == 25 and again[0].where == "new"  # the 25 rows of table 3
    assert len(identity("I3").equations(seed_as_2019())) == 25 - 3 + 1  # 其他处理: one row, not three


def test_cells_keep_the_address_order_whatever_order_they_are_given_in():
    cells = dict(seed_report(True).cells)
    shuffled = dict(reversed(list(cells.items())))
    assert list(AnnualReport(cells=shuffled).cells) == list(cells)
    assert list(AnnualReport(cells=shuffled).cells.items()) == list(seed_report(True).cells.items())
    with pytest.raises(ValueError, match="unknown cell addresses"):
        AnnualReport(cells={**cells, "requests.nowhere.total": 1})


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["2021", "2019"]).flatmap(consistent_reports), st.data())
def test_any_single_corrupted_cell_of_table_three_or_four_is_reported(report, data):
    # Any one cell of table 3 or table 4, moved by any nonzero amount up or down (staying a
    # non-negative count), must give an error finding that names that cell.
    address = data.draw(
        st.sampled_from([a for a in report.addresses if a.startswith(("requests.", "appeals."))])
    )
    value = report.cells[address]
    wrong = value + data.draw(_nonzero_change(value))
    assert wrong >= 0 and wrong != value
    findings = validate(report.with_cells({address: wrong}))
    assert any(f.severity == "error" and address in f.cells for f in findings), (
        address,
        value,
        wrong,
        findings,
    )
