"""Batch mode: many files, in parallel, every failure isolated and explained in Chinese."""

from __future__ import annotations

import csv
import io
import json
import time
from pathlib import Path

import openpyxl
import pytest

from gongkai.report.batch import (
    FINDINGS_COLUMNS,
    collect_paths,
    parse_batch,
    process_file,
    run_batch,
    write_findings_table,
)
from tests.core.seed_truth import REQUEST_ROWS

QUIRKS = Path(__file__).parent.parent / "fixtures" / "quirks"
SEED = Path(__file__).parent.parent / "fixtures" / "seed" / "000_b7048197b128a89d.txt"


def scanned_pdf() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("L", (200, 280), 200).save(buffer, format="PDF")
    return buffer.getvalue()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "a_seed.txt").write_bytes(SEED.read_bytes())
    wrong = (
        (QUIRKS / "pipes_row_per_line.txt")
        .read_text(encoding="utf-8")
        .replace("|（七）总计|19|", "|（七）总计|18|")
    )
    (tmp_path / "b_wrong_total.txt").write_text(wrong, encoding="utf-8")
    (tmp_path / "c_empty.txt").write_bytes(b"")
    (tmp_path / "d_scan.pdf").write_bytes(scanned_pdf())
    (tmp_path / "e_broken.docx").write_bytes(b"PK\x03\x04" + b"\0" * 200)
    nested = tmp_path / "sub"
    nested.mkdir()
    (nested / "f_notice.html").write_bytes((QUIRKS / "no_tables.html").read_bytes())
    (nested / "ignored.png").write_bytes(b"\x89PNG")
    return tmp_path


def by_name(results) -> dict[str, object]:
    return {Path(r.path).name: r for r in results}


def test_it_collects_report_files_and_recurses_only_when_asked(folder):
    assert [p.name for p in collect_paths([folder])] == [
        "a_seed.txt",
        "b_wrong_total.txt",
        "c_empty.txt",
        "d_scan.pdf",
        "e_broken.docx",
    ]
    assert "f_notice.html" in [p.name for p in collect_paths([folder], recursive=True)]
    assert "ignored.png" not in [p.name for p in collect_paths([folder], recursive=True)]


def test_one_bad_file_never_stops_the_batch_and_each_gets_its_reason(folder):
    results = by_name(parse_batch(collect_paths([folder], recursive=True), workers=2, chunk_size=2))
    assert results["a_seed.txt"].status == "ok"
    assert results["a_seed.txt"].report["requests"]["new"] == list(REQUEST_ROWS["new"])  # 10121 restored
    assert results["b_wrong_total.txt"].status == "errors"
    for name, code in (
        ("c_empty.txt", "report.unreadable.empty"),
        ("d_scan.pdf", "report.scanned_pdf"),
        ("f_notice.html", "report.not_annual_report"),
    ):
        assert (results[name].status, results[name].code) == ("unreadable", code)
        assert name in results[name].reason
    assert (
        results["e_broken.docx"].status == "unreadable" and "e_broken.docx" in results["e_broken.docx"].reason
    )


def test_results_come_in_input_order_and_agree_between_one_and_two_workers(folder):
    paths = collect_paths([folder], recursive=True)
    serial = [r.as_dict() for r in parse_batch(paths, workers=1)]
    parallel = [r.as_dict() for r in parse_batch(paths, workers=2, chunk_size=1)]
    strip = [{k: v for k, v in r.items() if k != "seconds"} for r in serial]
    assert strip == [{k: v for k, v in r.items() if k != "seconds"} for r in parallel]
    assert [r["path"] for r in serial] == [str(p) for p in paths]


def test_a_file_that_takes_too_long_is_cut_off_and_the_batch_goes_on(monkeypatch):
    import gongkai.report.read as read

    real = read.read_reading

    def slow(path, *, name=None):
        if "slow" in str(path):
            time.sleep(5)
        return real(path, name=name)

    monkeypatch.setattr(read, "read_reading", slow)
    started = time.perf_counter()
    results = list(parse_batch(["slow.txt", str(SEED)], workers=1, timeout=0.3))
    assert time.perf_counter() - started < 3
    assert (results[0].status, results[0].code) == ("unreadable", "batch.timeout")
    assert "超时" in results[0].reason and "slow.txt" in results[0].reason
    assert results[1].status == "ok"


def test_a_reader_bug_is_reported_for_its_file_only(monkeypatch):
    import gongkai.report.read as read

    def broken(path, *, name=None):
        raise RuntimeError("boom")

    monkeypatch.setattr(read, "read_reading", broken)
    result = process_file("x.txt")
    assert (result.status, result.code) == ("unreadable", "batch.internal_error")
    assert "x.txt" in result.reason and "内部错误" in result.reason


def test_run_batch_writes_one_json_object_per_file_and_sums_up_why(folder, tmp_path):
    output = tmp_path / "out.jsonl"
    summary = run_batch(collect_paths([folder], recursive=True), output, workers=2, progress=False)
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert len(lines) == 6
    assert {k for line in lines for k in line} >= {"path", "status", "reason", "report", "findings"}
    assert (summary.counts["ok"], summary.counts["errors"], summary.counts["unreadable"]) == (1, 1, 4)
    assert summary.reasons["report.scanned_pdf"] == 1
    text = "\n".join(summary.lines())
    assert "共6份" in text and "无法读取4份" in text and "扫描件PDF" in text


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_findings_table_has_one_sortable_row_per_finding(folder, tmp_path, suffix):
    results = list(parse_batch(collect_paths([folder]), workers=1))
    path = tmp_path / f"findings{suffix}"
    write_findings_table(results, path)
    if suffix == ".csv":
        rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    else:
        rows = [
            [("" if v is None else str(v)) for v in row]
            for row in openpyxl.load_workbook(path).active.iter_rows(values_only=True)
        ]
    assert tuple(rows[0]) == FINDINGS_COLUMNS
    wrong = [r for r in rows[1:] if r[0].endswith("b_wrong_total.txt")]
    assert wrong and all(r[1] == "青山区" and r[2] == "2022" for r in wrong)
    assert {"I1", "I3"} <= {r[3] for r in wrong} and {r[4] for r in wrong} == {"error"}
    scan = [r for r in rows[1:] if r[0].endswith("d_scan.pdf")]
    assert scan[0][3:5] == ["report.scanned_pdf", "unreadable"]
    assert not [r for r in rows[1:] if r[0].endswith("a_seed.txt") and r[4] == "error"]


# ── the command line ──────────────────────────────────────────────────────────────────────────


def _cli(*args: object):
    from typer.testing import CliRunner

    from gongkai.cli import app

    return CliRunner().invoke(app, ["report", *map(str, args)])


def test_report_parse_reads_a_folder_recursively_into_jsonl_and_sums_up(folder, tmp_path):
    output = tmp_path / "out.jsonl"
    result = _cli("parse", folder, "--recursive", "-o", output)
    assert result.exit_code == 2  # some files could not be used: the shared exit-code convention
    assert "共6份" in result.output and "无法读取4份" in result.output
    statuses = [json.loads(line)["status"] for line in output.read_text(encoding="utf-8").splitlines()]
    assert statuses.count("unreadable") == 4 and len(statuses) == 6


def test_report_check_writes_the_findings_table_and_exits_1_for_errors_only(folder, tmp_path):
    table = tmp_path / "findings.xlsx"
    result = _cli("check", folder / "a_seed.txt", folder / "b_wrong_total.txt", "-o", table)
    assert result.exit_code == 1
    codes = {row[3] for row in openpyxl.load_workbook(table).active.iter_rows(min_row=2, values_only=True)}
    assert {"I1", "I3"} <= codes


def test_report_check_refuses_a_findings_table_of_another_kind(folder, tmp_path):
    result = _cli("check", folder, "-o", tmp_path / "findings.pdf")
    assert result.exit_code == 2 and ".csv" in result.output
