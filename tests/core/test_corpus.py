"""The corpus generator: consistent reports, deterministic output, every style readable back to its truth."""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
import zipfile

import pytest

from gongkai.report.corpus import STYLES, generate, iter_corpus, make_sample, plan_styles, truth_path
from gongkai.report.corpus.reports import lose_cells, random_report
from gongkai.report.model import request_address
from gongkai.report.read import read_report
from gongkai.report.render.json import report_from_dict
from gongkai.report.restore import restore
from gongkai.report.validate import validate

FAST_STYLES = [name for name, style in STYLES.items() if style.kind != "pdf"]


@pytest.mark.parametrize("seed", range(40))
def test_random_reports_satisfy_every_identity(seed):
    report = random_report(random.Random(seed))
    assert [f for f in validate(report) if f.severity == "error"] == []
    assert report.missing == ()


def test_both_formats_occur():
    formats = {random_report(random.Random(seed)).format for seed in range(60)}
    assert formats == {"2021", "2019"}


def test_the_narrative_states_the_tables_figures():
    report = random_report(random.Random(3))
    received = report.get(request_address("new", "total"))
    assert f"收到政府信息公开申请{received}件" in (report.narrative.general or "")


def test_lost_cells_are_missing_in_print_and_their_truth_is_kept():
    rng = random.Random(11)
    for _ in range(20):
        report = random_report(rng)
        printed, lost = lose_cells(rng, report)
        assert set(printed.missing) == set(lost)
        assert all(report.get(a) == v for a, v in lost.items())


def _contents(data: bytes) -> object:
    """A Word file's parts (the ZIP headers carry the time it was written)."""
    if not data.startswith(b"PK"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


@pytest.mark.parametrize("style", FAST_STYLES)
def test_the_same_seed_and_index_give_the_same_file(style):
    assert _contents(make_sample(5, 2, STYLES[style]).data) == _contents(
        make_sample(5, 2, STYLES[style]).data
    )


@pytest.mark.parametrize("style", sorted(STYLES))
def test_every_style_reads_back_to_its_truth(style):
    indices = (0,) if STYLES[style].kind == "pdf" else range(4)
    for index in indices:
        sample = make_sample(21, index, STYLES[style])
        report = read_report(sample.data, name=f"{sample.stem}{sample.style.suffix}")
        assert dict(report.cells) == dict(sample.printed.cells), sample.stem
        assert (report.agency, report.year, report.format) == (
            sample.printed.agency,
            sample.printed.year,
            sample.printed.format,
        )


def test_lost_cells_come_back_from_the_identities_with_their_true_values():
    restored_any = False
    for index in range(30):
        sample = make_sample(4, index, STYLES["text_pipes"])
        result = restore(read_report(sample.data, name="x.txt"))
        for address, value in result.restored.items():
            assert sample.lost[address] == value
            restored_any = True
    assert restored_any


def test_text_dumps_carry_the_quirks_of_spec_6():
    dumps = "".join(
        make_sample(8, i, STYLES[s]).data.decode("utf-8", errors="replace")
        for i in range(30)
        for s in ("text_cells", "text_pipes")
    )
    assert "０" in dumps or "１" in dumps  # full-width digits
    assert "件 |" in dumps or "件|" in dumps or "件\n" in dumps  # unit suffixes in figure cells
    assert "公開" in dumps  # traditional copies
    assert "(一)予以公开" in dumps or "(一)予以公開" in dumps  # ASCII punctuation
    assert "\t商业\n企业" in dumps  # header split over lines
    assert "规 章" in dumps  # spaced labels


def test_pdfs_are_capped_and_the_plan_still_covers_every_other_style():
    plan = plan_styles(0, 90, max_pdf=3)
    assert sum(s.kind == "pdf" for s in plan) == 3
    assert {s.name for s in plan} >= set(FAST_STYLES)


def test_generate_writes_each_file_with_its_truth(tmp_path):
    paths = generate(tmp_path, count=7, seed=2, styles=["text_pipes", "html_modern"])
    assert list(iter_corpus(tmp_path)) == paths
    for path in paths:
        truth = json.loads(truth_path(path).read_text(encoding="utf-8"))
        corpus = truth.pop("corpus")
        expected = report_from_dict(truth)
        assert dict(read_report(path).cells) == dict(expected.cells)
        assert all(expected.get(a) is None for a in corpus["lost"])


def test_the_command_line_writes_a_corpus(tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "gongkai.report.corpus",
            str(tmp_path / "c"),
            "--count",
            "3",
            "--seed",
            "1",
            "--styles",
            "text_cells,html_gov_gbk",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert len(list(iter_corpus(tmp_path / "c"))) == 3


def test_the_crawler_and_converter_styles_carry_the_layouts_of_real_reports():
    crawled = [make_sample(3, i, STYLES["text_crawler"]).data.decode("utf-8") for i in range(30)]
    assert all(
        "==================== 正文 ====================" in d and d.startswith("标题: ") for d in crawled
    )
    assert all(len(d.split("正文 ====================\n", 1)[1].strip().splitlines()) == 1 for d in crawled)
    assert any(
        re.search(r"[\u4e00-\u9fff）]\d{7}[\u4e00-\u9fff（]", d) for d in crawled
    )  # one-digit row run together
    assert any(re.search(r"\d\d\.[\u4e00-\u9fff]", d) for d in crawled)  # the next row's number glued on
    converted = "".join(
        make_sample(3, i, STYLES["text_markdown_converter"]).data.decode("utf-8") for i in range(30)
    )
    assert "### 三、收到和处理政府信息公开申请情况 | " in converted
    assert "| 复议后起诉 | | | | |" in converted and "| 1 | 2 | 3 | 4 | 5 |" in converted
    assert re.search(r"\n行政处罚 \d+\n", converted)


def test_the_appendix_style_puts_the_tables_after_the_prose_under_their_own_numbers():
    texts = [make_sample(3, i, STYLES["text_appendix_tables"]).data.decode("utf-8") for i in range(20)]
    for text in texts:
        appendix = text[text.index("附表\n") :]
        assert (
            appendix.index("一、主动公开政府信息情况")
            < appendix.index("二、收到和处理政府信息公开申请情况")
            < appendix.index("三、政府信息公开行政复议、行政诉讼情况")
        )
    assert any(
        not re.search(r"\d{4}年", t.split("\n")[0]) for t in texts
    )  # the title wrapped after the agency
