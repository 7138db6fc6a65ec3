"""The assembler's tests read a text through the text reader and the assembler, and compare with the
figures the seed prints."""

from __future__ import annotations

from gongkai.report.assemble import assemble
from gongkai.report.readers.text import read_text
from tests.core.seed_truth import seed_report

#: The seed's printed figures (the two lost cells left out), as the assembler should find them.
SEED_PRINTED = dict(seed_report(with_lost_cells=False).cells)


def read_assembled(text: str, source: str | None = None):
    """The report the assembler makes of ``text`` read as plain text."""
    return assemble(read_text(text), source=source)
