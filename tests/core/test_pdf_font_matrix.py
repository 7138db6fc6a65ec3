"""The PDF fast path (PDFium's characters) against pdfminer on text drawn through odd font matrices.

``/F1 1 Tf`` under ``16 0 0 16 x y Tm``, ``/F1 200 Tf`` under ``0.05 0 0 0.05 x y Tm`` or a ``cm``
scaling print ordinary glyphs, but PDFium reports the bare ``Tf`` size: boxes computed from it were
20 times too tall (cells swallowed the rows above them). The PDFs are written by
``corpus.pdf_matrix``; the expected cells below are what it was told to draw, never the reader's
output. Every document read with the fast path must equal the one read with it off
(``GONGKAI_PDF_FASTPATH=0``: pdfminer parses every page), block by block, on these PDFs and on
the ordinary corpus PDFs alike.
"""

from __future__ import annotations

import functools
import io
import logging

import pdfplumber
import pytest

import gongkai.report.readers.pdf as reader
from gongkai.report.corpus import STYLES, make_sample
from gongkai.report.corpus.pdf_matrix import FOOTER, TITLE, VARIANTS, odd_matrix_pdf
from gongkai.report.document import Cell, Paragraph, Table
from gongkai.report.readers.pdf import read_pdf

logging.getLogger("weasyprint").setLevel(logging.ERROR)

ROWS = [
    ["项目", "自然人", "商业企业", "总计"],
    ["本年新收申请", "12", "7", "19"],
    ["予以公开", "5", "", "5"],
    ["不予公开", "0", "3", "3"],
]
#: Variants the fast path leaves to pdfminer: a slanted text matrix (pdfminer's box is its envelope).
REFUSED = {"skewed_tm"}


def both_ways(data: bytes, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv(reader.FASTPATH_ENV, raising=False)
    fast = read_pdf(data)
    monkeypatch.setenv(reader.FASTPATH_ENV, "0")
    slow = read_pdf(data)
    monkeypatch.delenv(reader.FASTPATH_ENV)
    return fast, slow


def fast_pages(data: bytes) -> list[bool]:
    """For each page, whether the fast path describes it (else pdfplumber parses it)."""
    with pdfplumber.open(io.BytesIO(data)) as document:
        return [objects is not None for objects in reader._pdfium_objects(data, document.pages)]


@functools.cache
def matrix_pdf(variant: str, ruled: bool) -> bytes:
    return odd_matrix_pdf(ROWS, variant=variant, ruled=ruled)


@pytest.mark.parametrize("ruled", [True, False], ids=["ruled", "unruled"])
@pytest.mark.parametrize("variant", VARIANTS)
def test_the_fast_path_reads_odd_font_matrices_as_pdfminer_does(variant, ruled, monkeypatch):
    data = matrix_pdf(variant, ruled)
    assert fast_pages(data) == [variant not in REFUSED]
    fast, slow = both_ways(data, monkeypatch)
    assert fast.blocks == slow.blocks
    expected = (Paragraph(TITLE), Table([Cell(text) for text in row] for row in ROWS))
    assert fast.blocks == expected  # the footer "- 3 -" is page furniture, dropped
    assert FOOTER.replace(" ", "") not in repr(fast.blocks)


@pytest.mark.parametrize("variant", sorted(set(VARIANTS) - REFUSED))
def test_each_character_box_is_pdfminers(variant):
    # Stronger than the blocks: the fast path's boxes are pdfminer's, to float precision.
    data = matrix_pdf(variant, True)
    with pdfplumber.open(io.BytesIO(data)) as document:
        (objects,) = reader._pdfium_objects(data, document.pages)
        miner = document.pages[0].chars
        assert objects is not None
        fast = objects["char"]
        assert [c["text"] for c in fast] == [c["text"] for c in miner]
        for ours, theirs in zip(fast, miner, strict=True):
            for key in ("x0", "x1", "top", "bottom", "size"):
                assert ours[key] == pytest.approx(theirs[key], abs=0.01), (variant, ours["text"], key)
    heights = {round(c["bottom"] - c["top"], 2) for c in fast}
    assert heights == {12.0, 10.0, 9.0}  # title, cells, footer: the printed sizes, whatever Tf said


@pytest.mark.parametrize("style", [name for name, style in STYLES.items() if style.kind == "pdf"])
@pytest.mark.parametrize("seed", [0, 1])
def test_the_fast_path_still_serves_ordinary_pdfs_unchanged(style, seed, monkeypatch):
    data = make_sample(seed, seed, STYLES[style]).data
    assert all(fast_pages(data))  # the checks do not turn ordinary pages away
    fast, slow = both_ways(data, monkeypatch)
    assert fast.blocks == slow.blocks
    assert any(isinstance(block, Table) for block in fast.blocks)


def test_the_switch_turns_the_fast_path_off(monkeypatch):
    data = matrix_pdf("plain", True)
    monkeypatch.setenv(reader.FASTPATH_ENV, "0")
    assert fast_pages(data) == [False]
    monkeypatch.setenv(reader.FASTPATH_ENV, "1")
    assert fast_pages(data) == [True]


def vouch(*chars: tuple[str, float, float, float, float]) -> bool:
    """``_vouch`` on characters (text, x0, x1, height, loose box height); 1.45 is a CJK font's loose box."""
    return reader._vouch(
        [{"text": t, "x0": x0, "x1": x1, "size": size} for t, x0, x1, size, _ in chars],
        [loose for *_, loose in chars],
        842.0,
    )


def test_it_refuses_heights_implausible_for_the_advance_the_loose_box_or_the_page():
    ordinary = [
        ("项", 0, 12, 12, 17.4),
        ("1", 12, 18, 12, 17.4),
        (" ", 18, 21, 12, 17.4),
        ("标", 30, 48, 18, 26.1),
    ]
    assert vouch(*ordinary)
    # The bug: a Tf size of 319 taken for the height of a 16 pt glyph.
    assert not vouch(*ordinary, ("项", 50, 66, 319, 23.2))
    # A height that PDFium's own loose box (from the font's ascent and descent) does not bear out.
    assert not vouch(("项", 0, 12, 12, 1.0))
    # A glyph far wider than high.
    assert not vouch(("项", 0, 60, 12, 17.4))
    # One glyph twenty times the page's others (in proportion, and within its loose box).
    assert not vouch(*ordinary * 3, ("项", 0, 200, 200, 290))
