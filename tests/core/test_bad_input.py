"""Bad input through the command line: a clear Chinese message and the right exit status, never a traceback.

Every example is written by hand for this test: ``complete_small.md`` is a made-up 青山区 report with
small figures chosen to satisfy I1–I3 and T4 (20+2 = 19+3 for 自然人, 24+2 = 23+3 for 总计; 行政复议
1+0+0+1 = 2), and the bad variants are made from it by replacing one cell or cutting it off. None is
copied from a real report.

* text where a figure belongs → finding N1 naming the cell and the text, the cell stays missing and is
  not restored, the other cells of its row keep their columns, exit 1;
* a report cut off or without tables → M1 per missing table, M2 per row of figures that cannot be
  restored, exit 1 (and "读取成功但有错误" in batch mode);
* a damaged Word or PDF file, a PDF that is no report → a Chinese reason naming the file, exit 2;
* ``| head -1`` closing the pipe early does not change the exit status.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from gongkai.cli import app
from gongkai.errors import ReportError
from gongkai.report.read import read_report

QUIRKS = Path(__file__).parent.parent / "fixtures" / "quirks"
COMPLETE = QUIRKS / "complete_small.md"
GRANTED_ROW = "| 三、本年度办理结果 | | （一）予以公开 | 10 | 1 | 0 | 0 | 0 | 0 | 11 |"
runner = CliRunner()


def _run(*args: object):
    return runner.invoke(app, ["report", *map(str, args)])


def _variant(tmp_path: Path, name: str, old: str, new: str) -> Path:
    text = COMPLETE.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path = tmp_path / name
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _granted(*cells: str) -> str:
    return f"| 三、本年度办理结果 | | （一）予以公开 | {' | '.join(cells)} |"


def _json(result) -> dict:
    return json.loads(result.stdout)


def test_the_hand_written_example_is_complete_and_passes():
    result = _run("check", COMPLETE)
    assert result.exit_code == 0, result.output
    assert "通过，0条提示" in result.stdout and "已推算补全" not in result.stdout


# ── text in a figure cell: N1 ─────────────────────────────────────────────────────────────────


@pytest.mark.parametrize("text", ["abc", "见说明", "四千", "约10"])
def test_text_in_a_figure_cell_is_an_error_naming_the_cell_and_the_text(tmp_path, text):
    path = _variant(tmp_path, "文字.md", GRANTED_ROW, _granted(text, "1", "0", "0", "0", "0", "11"))
    result = _run("check", path)
    assert result.exit_code == 1, result.output
    assert (
        f"[错误·N1] 表三「（一）予以公开」行「自然人」列填的是「{text}」，不是数字；该格按缺失处理，不作推算。"
        in result.stdout
    )
    assert "已推算补全" not in result.stdout  # 10 follows from the row, but the report printed something else
    assert "Traceback" not in result.output


def test_a_text_cell_stays_missing_is_not_listed_as_restored_and_the_row_keeps_its_columns(tmp_path):
    path = _variant(tmp_path, "中间.md", GRANTED_ROW, _granted("10", "见说明", "0", "0", "0", "0", "11"))
    result = _run("parse", "--json", path)
    assert result.exit_code == 0, result.output
    document = _json(result)
    assert document["requests"]["granted"] == [10, None, 0, 0, 0, 0, 11]
    assert "requests.granted.commercial" not in document["restored"]
    n1 = [f for f in document["findings"] if f["code"] == "N1"]
    assert [(f["severity"], f["cells"]) for f in n1] == [("error", ["requests.granted.commercial"])]
    assert "「见说明」" in n1[0]["message"]
    check = _json(_run("check", "--json", path))
    assert check["restored"] == {} and "requests.granted.commercial" not in check["undetermined"]


def test_a_text_cell_among_cells_one_per_line_keeps_the_figures_after_it_in_place(tmp_path):
    """The seed's layout (one tab-indented cell per line, no row ends), written out from the example."""
    lines = []
    for line in COMPLETE.read_text(encoding="utf-8").splitlines():
        if line.startswith("|") and "---" not in line:
            cells = [c.strip() for c in line.strip("|").split("|")]
            if line == GRANTED_ROW:
                cells[3] = "四千"
            lines += [f"\t{c}" for c in cells if c]
        else:
            lines.append(line)
    path = tmp_path / "逐格.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _run("parse", "--json", path)
    document = _json(result)
    assert document["requests"]["granted"] == [None, 1, 0, 0, 0, 0, 11]
    assert document["requests"]["new"] == [20, 3, 0, 1, 0, 0, 24]
    assert [f["code"] for f in document["findings"]] == ["N1"]
    assert _run("check", path).exit_code == 1


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        (
            "| 行政许可 | 120 |",
            "| 行政许可 | 见附件 |",
            "表二「行政许可」行「本年处理决定数量」列填的是「见附件」",
        ),
        (
            "| 1 | 0 | 0 | 1 | 2 | 0 |",
            "| 1 | 0 | 0 | 约1 | 2 | 0 |",
            "表四「行政复议」「尚未审结」填的是「约1」",
        ),
    ],
)
def test_text_in_tables_2_and_4_is_named_too(tmp_path, old, new, where):
    result = _run("check", _variant(tmp_path, "表二表四.md", old, new))
    assert result.exit_code == 1, result.output
    assert f"[错误·N1] {where}，不是数字" in result.stdout


def test_the_strict_reader_still_refuses_a_report_with_text_in_a_figure_cell(tmp_path):
    path = _variant(tmp_path, "严格.md", GRANTED_ROW, _granted("abc", "1", "0", "0", "0", "0", "11"))
    with pytest.raises(ReportError) as caught:
        read_report(path)
    assert "严格.md" in caught.value.message and "「abc」" in caught.value.message


# ── what is missing: M1, M2 ───────────────────────────────────────────────────────────────────


def _cut_off(tmp_path: Path) -> Path:
    """The example stopping in the middle of table 3: from （五）不予处理2.重复申请 on, nothing."""
    text = COMPLETE.read_text(encoding="utf-8")
    path = tmp_path / "半截.md"
    path.write_text(text[: text.index("| |  | 2.重复申请")], encoding="utf-8")
    return path


def test_a_report_cut_off_halfway_says_which_table_and_which_figures_are_missing(tmp_path):
    result = _run("check", _cut_off(tmp_path))
    assert result.exit_code == 1, result.output
    out = result.stdout
    assert "[错误·M1] 缺少表四（政府信息公开行政复议、行政诉讼情况）：报告中没有找到该表" in out
    # 科研机构, 法律服务机构 and 其他 are 0 in every row above the cut: their columns sum to 0, so the lost
    # cells of those columns are 0 (I4) and restored; the other four cells of each lost row are not determined.
    assert (
        "[错误·M2] 表三「（五）不予处理2.重复申请」行「自然人」「商业企业」「社会公益组织」「总计」列"
        "缺少4个数字，按勾稽关系也无法推算。" in out
    )
    assert "[错误·M2] 表三「四、结转下年度继续办理」行" in out
    assert "通过" not in out


def test_parse_json_lists_the_missing_tables_and_cells_as_findings(tmp_path):
    document = _json(_run("parse", "--json", _cut_off(tmp_path)))
    codes = [f["code"] for f in document["findings"]]
    assert codes.count("M1") == 1 and codes.count("M2") == 9  # 重复申请 … 其他处理3, 总计, 结转下年度
    m1 = next(f for f in document["findings"] if f["code"] == "M1")
    assert (
        m1["severity"] == "error"
        and len(m1["cells"]) == 15
        and all(c.startswith("appeals.") for c in m1["cells"])
    )
    m2 = [f for f in document["findings"] if f["code"] == "M2"]
    assert {c for f in m2 for c in f["cells"]} >= {
        "requests.total.total",
        "requests.not_processed.repeat.natural_person",
    }


def test_a_report_whose_tables_are_images_has_one_finding_per_missing_table():
    result = _run("check", QUIRKS / "tables_missing.txt")
    assert result.exit_code == 1, result.output
    for table in ("表二（主动公开政府信息情况）", "表三（收到和处理政府信息公开申请情况）", "表四"):
        assert f"[错误·M1] 缺少{table}" in result.stdout
    assert result.stdout.count("[错误·M1]") == 3 and "M2" not in result.stdout


def test_a_lost_cell_the_identities_determine_is_restored_not_missing(tmp_path):
    path = _variant(tmp_path, "丢一格.md", GRANTED_ROW, _granted("10", "1", "0", "0", "0", "0", ""))
    result = _run("check", path)
    assert result.exit_code == 0, result.output
    assert "已推算补全：表三「（一）予以公开」行「总计」列=11" in result.stdout


# ── damaged and foreign files: exit 2, a Chinese reason naming the file ─────────────────────────


def _docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph("青山区2022年政府信息公开工作年度报告")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(html: str) -> bytes:
    import weasyprint

    return weasyprint.HTML(string=html).write_pdf()


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(lambda: _docx()[:2000], id="cut-off"),
        pytest.param(lambda: b"PK\x03\x04" + bytes(range(256)) * 2, id="zip-header-then-garbage"),
        pytest.param(lambda: "不是压缩包".encode(), id="not-a-zip-at-all"),
    ],
)
def test_a_corrupt_word_file_is_named_as_such(tmp_path, content):
    path = tmp_path / "年报.docx"
    path.write_bytes(content())
    result = _run("check", path)
    assert result.exit_code == 2
    assert "「" + str(path) + "」不是有效的Word文件（文件已损坏或不完整），无法打开。" in result.stderr
    assert "编码" not in result.stderr and "不是政府信息公开工作年度报告" not in result.stderr


def test_a_pdf_that_is_not_a_report_is_refused_as_such_even_with_a_small_table(tmp_path):
    path = tmp_path / "通知.pdf"
    path.write_bytes(
        _pdf(
            "<h1>会议通知</h1><p>请各单位于下周一参加会议。</p>"
            "<table border='1'><tr><td>1</td><td>2</td></tr></table>"
        )
    )
    result = _run("check", path)
    assert result.exit_code == 2
    assert "通知.pdf" in result.stderr and "这不是政府信息公开工作年度报告" in result.stderr
    assert "不是可识别的数字" not in result.stderr


def test_a_truncated_pdf_gets_a_chinese_reason(tmp_path):
    path = tmp_path / "截断.pdf"
    path.write_bytes(_pdf("<h1>青山区2022年政府信息公开工作年度报告</h1>")[:600])
    result = _run("check", path)
    assert result.exit_code == 2
    assert "无法打开PDF文件「" in result.stderr and "不是有效的PDF文件（文件已损坏或不完整）" in result.stderr
    assert not re.search(r"[A-Za-z]{3,}", result.stderr.replace(str(path), "").replace("PDF", ""))


# ── batch: the batch goes on, the summary says why in Chinese ─────────────────────────────────


def test_the_batch_goes_on_counts_incomplete_reports_as_errors_and_names_every_reason(tmp_path):
    folder = tmp_path / "批量"
    folder.mkdir()
    (folder / "a_完整.md").write_bytes(COMPLETE.read_bytes())
    _cut_off(tmp_path).rename(folder / "b_半截.md")
    _variant(tmp_path, "c.md", GRANTED_ROW, _granted("abc", "1", "0", "0", "0", "0", "11")).rename(
        folder / "c_文字.md"
    )
    (folder / "d_损坏.docx").write_bytes(_docx()[:2000])
    (folder / "e_截断.pdf").write_bytes(_pdf("<p>正文</p>")[:600])
    (folder / "f_通知.pdf").write_bytes(_pdf("<h1>会议通知</h1><table><tr><td>1</td><td>2</td></tr></table>"))
    table = tmp_path / "发现.csv"
    result = _run("check", folder, "-o", table)
    assert result.exit_code == 2  # some files could not be used at all
    out = result.stdout
    assert "共6份：读取成功且无错误1份，读取成功但有错误2份，无法读取3份" in out
    for reason in ("文件损坏或不完整", "PDF文件损坏", "不是年度报告"):
        assert f"无法读取的原因「{reason}」：1份" in out
    assert "report." not in out  # never a raw code
    for name in ("d_损坏.docx", "e_截断.pdf", "f_通知.pdf"):
        assert name in result.stderr
    rows = table.read_text(encoding="utf-8-sig").splitlines()
    assert any("b_半截.md" in r and ",M1,error,appeals," in r for r in rows)
    assert any("b_半截.md" in r and ",M2,error," in r for r in rows)
    assert any("c_文字.md" in r and ",N1,error,requests.granted.natural_person," in r for r in rows)
    assert not any("a_完整.md" in r for r in rows)


# ── a reader that stops early ─────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(
    ("command", "example", "status"),
    [("check", "complete", 0), ("parse", "complete", 0), ("check", "cut-off", 1)],
)
def test_closing_the_pipe_early_keeps_the_exit_status(tmp_path, command, example, status):
    path = COMPLETE if example == "complete" else _cut_off(tmp_path)
    script = Path(sys.executable).parent / "gongkai"
    # The reader is gone before the command writes a line (``| head -0``): every write meets a closed pipe.
    process = subprocess.Popen(
        [str(script), "report", command, str(path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    process.stdout.close()
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == status, stderr.decode()
    assert b"Traceback" not in stderr and b"BrokenPipe" not in stderr


def test_a_missing_figure_left_open_because_the_printed_ones_disagree_says_so(tmp_path):
    text = COMPLETE.read_text(encoding="utf-8").replace(
        GRANTED_ROW, _granted("12", "1", "0", "0", "0", "0", "11")
    )
    new_row = "| 一、本年新收政府信息公开申请数量 | | | 20 | 3 | 0 | 1 | 0 | 0 | 24 |"
    assert new_row in text
    path = tmp_path / "不符.md"
    path.write_text(text.replace(new_row, new_row.replace("| 24 |", "|  |")), encoding="utf-8")
    result = _run("check", path)
    assert result.exit_code == 1
    assert "[错误·I3] 表三「（一）予以公开」行" in result.stdout
    assert (
        "[错误·M2] 表三「一、本年新收政府信息公开申请数量」行「总计」列缺少1个数字，"
        "已印出的数字不符合勾稽关系（见其他错误），未作推算。" in result.stdout
    )
