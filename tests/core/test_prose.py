"""prose_figures(): the figures a report states in its sentences."""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.prose import _GRANTED_ALONE, _PARTLY_ALONE, ProseFigures, normalise_prose, prose_figures
from tests.core.seed_truth import (
    PROSE_CARRIED_OVER,
    PROSE_CONCLUDED,
    PROSE_FEES_YUAN,
    PROSE_GRANTED_AND_PARTLY,
    PROSE_RECEIVED,
    seed_text,
)
from tests.core.strategies import consistent_reports


def section(start: str, end: str | None = None) -> str:
    text = seed_text()
    begin = text.index(start)
    return text[begin : text.index(end, begin)] if end else text[begin:]


def test_it_reads_the_seeds_general_section():
    figures = prose_figures(section("1、 总体情况", "二、主动公开政府信息情况"))
    assert figures.received == PROSE_RECEIVED == 10121
    assert figures.concluded == PROSE_CONCLUDED == 9862
    assert figures.carried_over == PROSE_CARRIED_OVER == 294
    assert figures.granted_and_partly == PROSE_GRANTED_AND_PARTLY == 5990
    assert figures.granted is None  # 予以公开 appears only together with 部分公开
    assert figures.fees_yuan is None


def test_it_does_not_take_complaints_for_applications():
    # The 监督保障 paragraph says 收到…投诉、举报40余件: neither an application nor an exact figure.
    assert prose_figures(section("（五）监督保障方面", "二、主动公开政府信息情况")).received is None


def test_it_reads_the_total_fee_of_the_seeds_other_section_not_its_breakdown():
    assert prose_figures(section("六、其他需要报告的事项")).fees_yuan == PROSE_FEES_YUAN == Decimal(6120)


def test_it_reads_full_width_digits_and_thousands_separators():
    figures = prose_figures("全年共收到政府信息公开申请１０，１２１件，办结9,862件。")
    assert (figures.received, figures.concluded) == (10121, 9862)


@pytest.mark.parametrize(
    ("text", "yuan"),
    [
        ("共收取信息处理费1.5万元。", Decimal(15000)),
        ("全年收取信息处理费0.02亿元。", Decimal(2_000_000)),
        ("本年度收取信息处理费６１２０元。", Decimal(6120)),
        ("本机关未收取信息处理费。", Decimal(0)),
        ("无其他需要报告的事项。", None),
    ],
)
def test_it_converts_fees_to_yuan(text, yuan):
    assert prose_figures(text).fees_yuan == yuan


def test_granted_alone_is_read_as_granted():
    figures = prose_figures("其中予以公开300件，部分公开20件，不予公开5件。")
    assert (figures.granted, figures.partly_granted, figures.granted_and_partly) == (300, 20, None)


def test_empty_prose_states_nothing():
    assert prose_figures(None) == ProseFigures()
    assert prose_figures("").is_empty
    assert prose_figures("无。").is_empty


@settings(max_examples=30, deadline=None)
@given(consistent_reports(narrative=True))
def test_it_reads_back_the_figures_of_generated_narratives(report):
    figures = prose_figures(report.narrative.general)
    assert figures.received == report.cells["requests.new.total"]
    assert figures.concluded == report.cells["requests.total.total"]
    assert figures.carried_over == report.cells["requests.carried_over.total"]
    assert figures.granted == report.cells["requests.granted.total"]


# The patterns as first written (look-behinds in front) and plain NFKC: the faster forms in
# gongkai.report.prose must give the very same results.
_REFERENCE_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
_REFERENCE_GRANTED = re.compile(r"(?<!不)予以公开(?!及|和|与|、|以及|部分)[^\d。；;]{0,8}?(\d+)\s*件")
_REFERENCE_PARTLY = re.compile(r"(?<![及和与、])部分公开[^\d。；;]{0,8}?(\d+)\s*件")
_PROSE_ALPHABET = (
    "不予以公开及和与、部分件办结收到申请0123456789１２３,，。；;（）()　 ①ＡＢé\u0301ｶﾞ"
    "\uff01\uff5e\u3000全年共其中"
)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_PROSE_ALPHABET, max_size=60))
def test_normalising_and_matching_agree_with_plain_nfkc_and_the_reference_patterns(text):
    normalised = normalise_prose(text)
    assert normalised == _REFERENCE_THOUSANDS.sub("", unicodedata.normalize("NFKC", text))
    for pattern, reference in ((_GRANTED_ALONE, _REFERENCE_GRANTED), (_PARTLY_ALONE, _REFERENCE_PARTLY)):
        found, expected = pattern.search(normalised), reference.search(normalised)
        assert (found and (found.span(), found.group(1))) == (
            expected and (expected.span(), expected.group(1))
        )


def test_every_full_width_form_normalises_as_nfkc_does():
    forms = "".join(chr(c) for c in range(0xFF01, 0xFF5F)) + "\u3000"
    for char in forms:
        assert normalise_prose("甲" + char + "乙") == unicodedata.normalize("NFKC", "甲" + char + "乙")
