"""The JSON shape: seed figures land under the documented keys, read back exactly, bad input named."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings

from gongkai.errors import ReportError
from gongkai.report.findings import Finding
from gongkai.report.render import render
from gongkai.report.render.json import report_from_dict, report_to_dict
from tests.core import seed_truth
from tests.core.seed_truth import seed_as_2019, seed_report
from tests.core.strategies import consistent_reports

SCHEMA = json.loads((Path(__file__).resolve().parents[2] / "docs" / "report-schema.json").read_text("utf-8"))


def test_it_writes_the_seed_tables_under_the_documented_keys() -> None:
    d = report_to_dict(seed_report(with_lost_cells=True))
    assert d["schema_version"] == "1.0"
    assert (d["format"], d["agency"], d["year"]) == ("2021", "重庆市", 2023)
    assert d["active"]["rules"] == {"issued": 13, "repealed": 11, "in_force": 142}
    assert d["active"]["licensing"] == 9537924
    assert d["requests"]["new"] == [9319, 683, 0, 54, 30, 35, 10121]
    assert d["requests"]["other.no_fee"] == [18, 0, 0, 0, 0, 0, 18]
    assert d["appeals"]["litigation_direct"] == {
        "upheld": 308,
        "corrected": 28,
        "other": 208,
        "pending": 118,
        "total": 662,
    }


def test_it_writes_lost_cells_as_null_never_zero() -> None:
    d = report_to_dict(seed_report(with_lost_cells=False))
    assert d["requests"]["new"][6] is None
    assert d["requests"]["partly_granted"] == [1326, 69, 0, 25, 1, 3, None]


def test_it_writes_integral_fees_as_integers_and_fractional_fees_as_numbers() -> None:
    seed = seed_report(with_lost_cells=True)
    assert report_to_dict(seed)["active"]["fees_10k_yuan"] == 744182
    assert isinstance(report_to_dict(seed)["active"]["fees_10k_yuan"], int)
    fractional = seed.with_cells({"active.fees_10k_yuan": Decimal("2.02")})
    text = render(fractional, "json").decode("utf-8")
    assert '"fees_10k_yuan": 2.02' in text
    assert report_from_dict(json.loads(text)).get("active.fees_10k_yuan") == Decimal("2.02")


def test_it_writes_the_2019_format_with_its_own_active_keys() -> None:
    d = report_to_dict(seed_as_2019())
    assert d["format"] == "2019"
    assert d["active"]["licensing"]["decisions"] == 9537924
    assert d["active"]["procurement"]["items"] == 12
    assert "fees_10k_yuan" not in d["active"]
    assert d["requests"]["other"] == list(seed_truth.SEED_OTHER_2019)
    assert "other.no_fee" not in d["requests"]


def test_it_keeps_restored_addresses_and_findings() -> None:
    report = seed_report(with_lost_cells=False).with_cells(
        seed_truth.LOST_CELLS, restored=seed_truth.LOST_CELLS
    )
    finding = Finding(
        "I5",
        "warning",
        ("requests.carried_over.total",),
        "上年结转数与上年报告不符",
        "carry-over differs",
        expected=290,
        found=294,
    )
    d = report_to_dict(report, findings=[finding])
    assert d["restored"] == ["requests.new.total", "requests.partly_granted.total"]
    assert d["findings"][0]["code"] == "I5" and d["findings"][0]["expected"] == 290
    back = report_from_dict(json.loads(json.dumps(d)))
    assert back.restored == ("requests.new.total", "requests.partly_granted.total")
    assert back.get("requests.new.total") == 10121


@pytest.mark.parametrize(
    "report",
    [seed_report(True), seed_report(False), seed_as_2019()],
    ids=["seed", "seed-lost-cells", "seed-2019"],
)
def test_its_output_satisfies_the_published_json_schema(report) -> None:
    jsonschema.validate(json.loads(render(report, "json")), SCHEMA)


def test_the_schema_rejects_a_zero_length_request_row() -> None:
    d = report_to_dict(seed_report(True))
    d["requests"]["new"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(d, SCHEMA)


@settings(max_examples=25, deadline=None)
@given(consistent_reports("2021"))
def test_a_2021_report_survives_json_unchanged(report) -> None:
    back = report_from_dict(json.loads(render(report, "json")))
    assert back == report


@settings(max_examples=15, deadline=None)
@given(consistent_reports("2019"))
def test_a_2019_report_survives_json_unchanged(report) -> None:
    back = report_from_dict(json.loads(render(report, "json")))
    assert back == report


def _seed_dict() -> dict:
    return json.loads(render(seed_report(True), "json"))


@pytest.mark.parametrize(
    ("damage", "named"),
    [
        (lambda d: d.update(format="2018"), "format"),
        (lambda d: d.update(schema_version="2.0"), "schema_version"),
        (lambda d: d["requests"].update(granted=[1, 2, 3]), "requests.granted"),
        (lambda d: d["requests"].update(bogus=[0] * 7), "requests.bogus"),
        (lambda d: d["requests"]["new"].__setitem__(0, "9319"), "requests.new.natural_person"),
        (lambda d: d["requests"]["new"].__setitem__(2, 1.5), "requests.new.research"),
        (lambda d: d["active"]["rules"].update(isued=1), "active.rules.isued"),
        (lambda d: d["active"].update(fees_10k_yuan="744182"), "active.fees_10k_yuan"),
        (lambda d: d["appeals"]["reconsideration"].update(total=True), "appeals.reconsideration.total"),
        (lambda d: d.update(appeals=[]), "appeals"),
        (lambda d: d.update(year="2023"), "year"),
        (lambda d: d["narrative"].update(general=5), "narrative.general"),
        (lambda d: d.update(restored=["requests.nope.total"]), "restored[0]"),
        (lambda d: d.update(extra=1), "extra"),
    ],
    ids=lambda v: v if isinstance(v, str) else "",
)
def test_it_refuses_malformed_json_naming_the_bad_key(damage, named) -> None:
    d = _seed_dict()
    damage(d)
    with pytest.raises(ReportError) as caught:
        report_from_dict(d)
    assert f"「{named}」" in caught.value.message
    assert caught.value.message.startswith("JSON中")


def test_it_refuses_a_document_that_is_not_an_object() -> None:
    with pytest.raises(ReportError, match="顶层"):
        report_from_dict([1, 2, 3])


def test_absent_sections_read_as_missing_cells() -> None:
    report = report_from_dict({"format": "2021", "agency": "某县"})
    assert report.agency == "某县"
    assert report.get("requests.new.total") is None
    assert report.get("active.fees_10k_yuan") is None
