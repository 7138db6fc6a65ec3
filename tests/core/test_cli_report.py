"""``gongkai report …`` through typer's CliRunner, and once through the installed script."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongkai import labels
from gongkai.cli import app
from tests.core.seed_truth import LOST_CELLS, SEED_PATH, seed_report, seed_text

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / SEED_PATH
runner = CliRunner()


def _run(*args: str):
    return runner.invoke(app, ["report", *map(str, args)])


def _cells(document: dict) -> dict:
    """Cells of a report in the documented JSON shape (the JSON renderer's reader when it exists)."""
    try:
        from gongkai.report.render.json import report_from_dict
    except ImportError:
        return document["cells"]
    return dict(report_from_dict(document).cells)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ── parse ─────────────────────────────────────────────────────────────────────────────────────


def test_it_prints_every_seed_figure_as_json_with_the_lost_cells_restored():
    result = _run("parse", "--json", SEED)
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    expected = seed_report(with_lost_cells=True).cells
    cells = _cells(document)
    assert {a: cells[a] for a in expected} == dict(expected)
    assert sorted(document["restored"]) == sorted(LOST_CELLS)
    assert document["findings"] == []


def test_it_prints_a_json_array_for_several_files():
    result = _run("parse", "--json", SEED, SEED)
    documents = json.loads(result.stdout)
    assert isinstance(documents, list) and len(documents) == 2
    assert all(_cells(d)["requests.new.total"] == 10121 for d in documents)


def test_it_prints_a_readable_summary_naming_the_restored_cells():
    result = _run("parse", SEED)
    assert result.exit_code == 0
    assert "重庆市2023年政府信息公开工作年度报告" in result.stdout
    assert "已推算补全" in result.stdout and "10121" in result.stdout and "1424" in result.stdout


# ── check ─────────────────────────────────────────────────────────────────────────────────────


def test_it_passes_the_seed():
    result = _run("check", SEED)
    assert result.exit_code == 0, result.output
    assert "通过" in result.stdout


def test_it_exits_1_and_names_the_suspect_cell_when_one_figure_is_changed(tmp_path):
    changed = _write(tmp_path, "changed.txt", seed_text().replace("\t4203\n", "\t4213\n", 1))
    result = _run("check", changed)
    assert result.exit_code == 1
    assert "最可能出错：表三「（一）予以公开」行「自然人」列" in result.stdout


def _pipe_seed(blank: set[tuple[str, int]]) -> str:
    """The seed's table 3 as a Markdown pipe table, figures from seed_truth, some cells left blank."""
    from tests.core.seed_truth import REQUEST_ROWS

    lines = [
        "重庆市2023年政府信息公开工作年度报告",
        "三、收到和处理政府信息公开申请情况",
        "| 申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
        "|---|" * 8,
    ]
    for key, values in REQUEST_ROWS.items():
        shown = ["" if (key, n) in blank else str(v) for n, v in enumerate(values)]
        lines.append(f"| {labels.REQUEST_ROWS[key]} | {' | '.join(shown)} |")
    return "\n".join(lines) + "\n"


def test_it_reports_the_cells_a_rectangle_of_losses_leaves_undetermined(tmp_path):
    rectangle = {("granted", 0), ("granted", 6), ("unable.not_held", 0), ("unable.not_held", 6)}
    path = _write(tmp_path, "rectangle.md", _pipe_seed(rectangle))
    result = _run("check", path)
    assert result.exit_code == 1, (
        result.output
    )  # figures missing for good are errors (M2), tables 2 and 4 too (M1)
    assert (
        "[错误·M2] 表三「（一）予以公开」行「自然人」「总计」列缺少2个数字，按勾稽关系也无法推算。"
        in result.stdout
    )
    assert (
        "[错误·M2] 表三「（四）无法提供1.本机关不掌握相关政府信息」行「自然人」「总计」列缺少2个数字"
        in result.stdout
    )
    assert "[错误·M1] 缺少表二（主动公开政府信息情况）" in result.stdout
    assert "[错误·M1] 缺少表四" in result.stdout
    assert "已推算补全" not in result.stdout  # the rectangle determines none of them


def test_it_restores_a_single_lost_cell_in_a_pipe_table(tmp_path):
    path = _write(tmp_path, "one.md", _pipe_seed({("granted", 0)}))
    result = _run("check", "--json", path)
    assert json.loads(result.stdout)["restored"] == {"requests.granted.natural_person": 4203}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "是空的"),
        (b"%PDF-1.4\n...", "不是有效的PDF文件（文件已损坏或不完整）"),
        ("关于召开工作会议的通知\n请准时参加。\n".encode(), "不是政府信息公开工作年度报告"),
        (b"\xff\xd8\xff\xe0 binary \x81\x00\x9f", "编码"),
    ],
)
def test_it_exits_2_with_a_chinese_message_naming_the_file(tmp_path, content, reason):
    path = tmp_path / "输入.bin"
    path.write_bytes(content)
    result = _run("check", path)
    assert result.exit_code == 2
    assert "输入.bin" in result.stderr and reason in result.stderr
    assert "Traceback" not in result.output + result.stderr


def test_it_exits_2_for_a_missing_file_but_still_checks_the_others():
    result = _run("check", "/no/such/report.txt", SEED)
    assert result.exit_code == 2
    assert "/no/such/report.txt" in result.stderr
    assert "通过" in result.stdout


# ── render and aggregate ──────────────────────────────────────────────────────────────────────


def test_it_renders_the_restored_seed_to_json(tmp_path):
    output = tmp_path / "seed.json"
    result = _run("render", SEED, "--to", "json", "-o", output)
    assert result.exit_code == 0, result.output
    assert _cells(json.loads(output.read_text(encoding="utf-8")))["requests.partly_granted.total"] == 1424


def test_it_refuses_an_unknown_output_format(tmp_path):
    result = _run("render", SEED, "--to", "odt", "-o", tmp_path / "x.odt")
    assert result.exit_code == 2
    assert "不支持的输出格式「odt」" in result.stderr


def test_it_aggregates_reports_cell_by_cell_and_lists_unusable_inputs(tmp_path):
    output = tmp_path / "sum.json"
    result = _run("aggregate", SEED, SEED, "/no/such.txt", "-o", output)
    assert result.exit_code == 2
    assert "/no/such.txt" in result.stderr
    cells = _cells(json.loads(output.read_text(encoding="utf-8")))
    assert cells["requests.new.total"] == 2 * 10121
    assert cells["appeals.reconsideration.total"] == 2 * 704


def test_it_runs_as_the_installed_command():
    script = Path(sys.executable).parent / "gongkai"
    completed = subprocess.run(
        [str(script), "report", "check", str(SEED)], capture_output=True, text=True, timeout=60, cwd=ROOT
    )
    assert completed.returncode == 0, completed.stderr
    assert "通过" in completed.stdout


def test_parse_without_json_prints_every_figure_of_the_seed_row_by_row_whatever_the_terminal_width(
    monkeypatch,
):
    from typer.testing import CliRunner

    from gongkai.cli import app
    from gongkai.labels import REQUEST_ROWS
    from tests.core.seed_truth import seed_report

    monkeypatch.setenv("COLUMNS", "40")  # a narrow terminal width must not wrap piped output
    result = CliRunner().invoke(app, ["report", "parse", "tests/fixtures/seed/000_b7048197b128a89d.txt"])
    assert result.exit_code == 0, result.output
    truth = seed_report(with_lost_cells=True)  # the two lost cells as restored by hand
    lines = result.output.splitlines()
    for row, label in REQUEST_ROWS.items():
        line = next(line for line in lines if label in line)
        figures = [int(t) for t in line.replace(label, " ").split() if t.isdigit()]
        assert figures == list(truth.request_row(row)), row
    for address in (
        "active.licensing",
        "active.penalty",
        "active.fees_10k_yuan",
        "appeals.reconsideration.total",
    ):
        assert str(truth.get(address)) in result.output
