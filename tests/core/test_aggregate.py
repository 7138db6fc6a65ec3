"""aggregate(): cell-wise sums with honest gaps."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.errors import ReportError
from gongkai.report.aggregate import aggregate
from gongkai.report.render.json import report_from_dict
from gongkai.report.validate import has_errors
from tests.core.seed_truth import seed_as_2019, seed_report
from tests.core.strategies import consistent_reports

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "report-schema.json").read_text("utf-8"))


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
    assert ("I2", "requests.total.total") in codes  # 19724 concluded ≠ Σ outcomes 19725
    assert ("I3", "requests.other.total") in codes  # 415 ≠ 376+36+0+0+0+2


# ── gongkai report aggregate: the record of the inputs in the output ───────────────────────────


def _inputs_on_disk(tmp_path):
    from gongkai.report.render.json import report_to_dict

    files = {
        "a2019.json": report_to_dict(seed_as_2019()),
        "b2021.json": report_to_dict(replace(seed_report(True), year=2020)),
        "c_broken.json": report_to_dict(
            replace(seed_report(True), year=2020).with_cells({"requests.granted.total": 4565})
        ),
    }
    for name, document in files.items():
        (tmp_path / name).write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "bad.txt").write_text("hello world", encoding="utf-8")
    # command-line order, with an unreadable file and a missing one in between
    return [str(tmp_path / n) for n in ("a2019.json", "bad.txt", "b2021.json", "c_broken.json", "gone.json")]


def _aggregate(*args):
    from typer.testing import CliRunner

    from gongkai.cli import app

    return CliRunner().invoke(app, ["report", "aggregate", *map(str, args)])


def test_the_json_output_records_every_input_in_order(tmp_path):
    output = tmp_path / "sum.json"
    result = _aggregate(*_inputs_on_disk(tmp_path), "-o", output)
    assert result.exit_code == 2  # two files could not be used
    document = json.loads(output.read_text(encoding="utf-8"))
    assert document["schema_version"] == "1.1"
    inputs = document["inputs"]
    assert [Path(i["file"]).name for i in inputs] == [
        "a2019.json",
        "bad.txt",
        "b2021.json",
        "c_broken.json",
        "gone.json",
    ]
    assert [i["status"] for i in inputs] == ["read", "unreadable", "read", "invalid", "unreadable"]
    assert [i["included"] for i in inputs] == [True, False, True, True, False]
    assert "不是政府信息公开工作年度报告" in inputs[1]["reason"]
    assert "找不到文件" in inputs[4]["reason"]
    assert inputs[2]["reason"] is None and inputs[2]["missing_cells"] == 0
    assert inputs[3]["reason"].startswith("有2处错误") and "4565" in inputs[3]["reason"]
    assert inputs[0]["format"] == "2019" and inputs[0]["missing_cells"] == 28  # 21 other.* + 7 table-2 cells
    assert "（六）其他处理" in inputs[0]["notes"][0]
    # 3 readable seeds of 9862 concluded each; （六）: 207 per input (the 2019 one undivided).
    assert document["requests"]["total"][6] == 3 * 9862
    assert document["requests"]["other.no_fee"] == [None] * 7
    assert document["other_group"] == [564, 54, 0, 0, 0, 3, 621]
    jsonschema.validate(document, SCHEMA)
    assert report_from_dict(document).cells["requests.total.total"] == 3 * 9862  # reads back (keys ignored)


def test_the_xlsx_output_has_a_sheet_listing_the_inputs(tmp_path):
    from openpyxl import load_workbook

    output = tmp_path / "sum.xlsx"
    _aggregate(*_inputs_on_disk(tmp_path), "-o", output)
    sheet = load_workbook(output)["汇总来源"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == ("序号", "文件", "状态", "机关", "年度", "格式", "缺失数字", "说明")
    assert [Path(r[1]).name for r in rows[1:6]] == [
        "a2019.json",
        "bad.txt",
        "b2021.json",
        "c_broken.json",
        "gone.json",
    ]
    assert [r[2] for r in rows[1:6]] == [
        "已读取，已计入",
        "无法读取，未计入",
        "已读取，已计入",
        "有错误，已计入",
        "无法读取，未计入",
    ]
    assert "找不到文件" in rows[5][7]
    assert rows[-1][:7] == (564, 54, 0, 0, 0, 3, 621)


def test_other_outputs_carry_the_report_only_and_the_console_names_the_undivided_figures(tmp_path):
    files = _inputs_on_disk(tmp_path)
    result = _aggregate(files[0], files[2], "-o", tmp_path / "sum.md")
    assert result.exit_code == 0, result.output
    assert "该组合计为 自然人376" in result.stdout and "总计414" in result.stdout
