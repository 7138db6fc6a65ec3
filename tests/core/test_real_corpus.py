"""Real published reports (``../shared/corpus/real/``), read as an evaluator feeds them to the reader.

Expected figures come from people reading the documents (``tests/core/real_corpus.py``), not from the code.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from gongkai.report.completeness import check_reading
from gongkai.report.read import read_reading
from tests.core.real_corpus import UNKNOWN, expected_cells, hand_checked, real_files

_FILES = real_files()
_SECONDS_PER_FILE = 2.0


def test_the_real_corpus_is_all_there_and_every_report_in_it_is_hand_checked():
    names = {p.name for p in _FILES}
    assert len(names) == 38  # the corpus README: 38 files, 37 reports
    assert names == set(hand_checked())


@pytest.mark.parametrize("path", _FILES, ids=lambda p: p.name)
def test_every_real_report_is_read_without_refusal_and_quickly(path: Path):
    started = time.perf_counter()
    checked = check_reading(read_reading(path, name=path.name))
    assert time.perf_counter() - started < _SECONDS_PER_FILE
    truth = hand_checked()[path.name]
    assert checked.report.year == truth["year"]
    assert checked.report.agency == truth["agency"]
    if truth["layout"] == "2008":
        assert checked.pre_2019 is not None and [f.code for f in checked.findings] == ["F8"]
    else:
        assert checked.pre_2019 is None and checked.report.format == truth["layout"]


def _flagged(reading, checked) -> set[str]:
    """Cells some finding names, or that the reading marks unreadable or inferred."""
    named = {c for f in checked.findings for c in f.cells}
    return named | set(reading.unreadable) | set(reading.inferred)


def _compare(path: Path) -> tuple[int, list[str], list[str]]:
    """Hand-checked cells read exactly, cells read wrong and flagged, cells read wrong and not flagged."""
    truth = hand_checked()[path.name]
    reading = read_reading(path, name=path.name)
    checked = check_reading(reading)
    flagged = _flagged(reading, checked)
    exact, wrong_flagged, wrong_silent = 0, [], []
    for address, expected in expected_cells(truth).items():
        got = reading.report.get(address)
        # "?": the text does not decide the figure, so it must come back missing and flagged.
        ok = got is None and address in flagged if expected == UNKNOWN else got == expected
        if ok:
            exact += 1
        elif address in flagged:
            wrong_flagged.append(f"{address}: read {got!r}, hand-checked {expected!r}")
        else:
            wrong_silent.append(f"{address}: read {got!r}, hand-checked {expected!r}")
    return exact, wrong_flagged, wrong_silent


_TABLE_FILES = [p for p in _FILES if hand_checked()[p.name]["layout"] != "2008"]


@pytest.mark.parametrize("path", _TABLE_FILES, ids=lambda p: p.name)
def test_no_hand_checked_cell_of_a_real_report_is_read_wrong(path: Path):
    exact, wrong_flagged, wrong_silent = _compare(path)
    assert wrong_silent == []
    assert wrong_flagged == []


def test_at_least_99_percent_of_the_hand_checked_cells_are_read_exactly():
    totals = [_compare(p) for p in _TABLE_FILES]
    exact = sum(t[0] for t in totals)
    cells = sum(t[0] + len(t[1]) + len(t[2]) for t in totals)
    assert cells > 5000
    assert exact / cells >= 0.99


@pytest.mark.parametrize(
    "path", [p for p in _FILES if hand_checked()[p.name]["layout"] == "2008"], ids=lambda p: p.name
)
def test_a_pre_2019_report_is_said_to_be_one_with_its_applications_received_and_answered(path: Path):
    legacy = hand_checked()[path.name]["legacy"]
    figures = check_reading(read_reading(path, name=path.name)).pre_2019
    assert figures is not None
    assert figures.applications_received == legacy["applications_received"]
    assert figures.applications_answered == legacy["applications_answered"]
