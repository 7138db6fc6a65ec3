"""The seed report reads end to end: every printed figure, the two lost cells missing, then restored."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.report.assemble import assemble
from gongkai.report.read import read_report
from gongkai.report.readers.text import read_text
from gongkai.report.restore import restore
from tests.core.seed_truth import LOST_CELLS, PROSE_FEES_YUAN, SEED_PATH, seed_report, seed_text

ROOT = Path(__file__).resolve().parents[2]


def test_it_reads_every_printed_figure_of_the_seed_exactly():
    report = assemble(read_text(seed_text()))
    expected = seed_report(with_lost_cells=False)
    differing = {a: (report.cells[a], v) for a, v in expected.cells.items() if report.cells[a] != v}
    assert differing == {}


def test_it_leaves_the_two_cells_lost_in_extraction_missing_not_zero():
    report = assemble(read_text(seed_text()))
    assert report.missing == tuple(LOST_CELLS)


def test_it_reads_the_seed_title_agency_and_year():
    report = assemble(read_text(seed_text()))
    assert (report.format, report.agency, report.year) == ("2021", "重庆市", 2023)
    assert report.title == "重庆市2023年政府信息公开工作年度报告"


def test_it_keeps_the_narrative_of_sections_one_five_and_six():
    narrative = assemble(read_text(seed_text())).narrative
    assert narrative.general.startswith("2023年，全市各级行政机关坚持")
    assert "（五）监督保障方面" in narrative.general
    assert "主动公开政府信息情况" not in narrative.general
    assert narrative.problems.startswith("（一）主要问题。")
    assert "（二）改进措施。" in narrative.problems
    assert narrative.other.startswith("2023年，全市共收取信息处理费6120元")
    assert str(PROSE_FEES_YUAN) in narrative.other


def test_it_restores_the_lost_cells_to_the_hand_checked_figures():
    restoration = restore(read_report(ROOT / SEED_PATH))
    assert restoration.restored == LOST_CELLS
    assert dict(restoration.report.cells) == dict(seed_report(with_lost_cells=True).cells)


def test_it_reads_the_seed_from_bytes_with_the_same_result_as_from_its_path():
    data = (ROOT / SEED_PATH).read_bytes()
    assert read_report(data, name="seed.txt").cells == read_report(ROOT / SEED_PATH).cells


@pytest.mark.parametrize(
    "encode",
    [
        lambda t: t.replace("\n", "\r\n").encode("utf-8"),
        lambda t: "\ufeff".encode() + t.encode("utf-8"),
        lambda t: t.encode("gb18030"),
        lambda t: t.encode("utf-16"),
    ],
    ids=["crlf", "utf8-bom", "gbk", "utf16"],
)
def test_it_reads_the_seed_saved_with_other_line_ends_and_encodings(encode):
    report = read_report(encode(seed_text()), name="seed.txt")
    assert dict(report.cells) == dict(seed_report(with_lost_cells=False).cells)
    assert report.title == "重庆市2023年政府信息公开工作年度报告"
