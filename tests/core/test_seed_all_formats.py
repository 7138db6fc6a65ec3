"""Issue 5: the seed reads exactly — figures and prose — from the engine's renderings of it."""

import re

import pytest

from gongkai.report.read import read_report
from gongkai.report.render import render
from gongkai.report.restore import restore
from tests.core.seed_truth import seed_report

SEED = "tests/fixtures/seed/000_b7048197b128a89d.txt"


@pytest.fixture(scope="module")
def seed():
    return restore(read_report(SEED)).report


@pytest.mark.parametrize("fmt", ["md", "html", "docx", "xlsx", "json", "pdf"])
def test_the_seed_reads_back_exactly_prose_included_from_its_rendering(seed, fmt):
    back = read_report(render(seed, fmt), name=f"seed.{fmt}")
    assert dict(back.cells) == dict(seed_report(with_lost_cells=True).cells)
    assert (back.agency, back.year) == ("重庆市", 2023)
    for section in ("general", "problems", "other"):
        read, printed = getattr(back.narrative, section), getattr(seed.narrative, section)
        assert printed and "。" in printed
        if fmt == "pdf":
            # A PDF keeps no spaces between CJK words; everything else must survive, wrapping undone.
            assert re.sub(r"\s", "", read) == re.sub(r"\s", "", printed), section
            assert read.count("\n") == printed.count("\n"), section
        else:
            assert read == printed, section
