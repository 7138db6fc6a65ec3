"""Segmentation for the index (gongkai/search/segment.py): the two implementations of jieba agree on
real Chinese policy text, and a document is indexed as its words plus its characters and pairs."""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from gongkai.search import segment
from tests.core.real_corpus import corpus_dir

ROOT = Path(__file__).resolve().parents[2]


def _seed() -> Path:
    for parent in ROOT.parents:
        candidate = parent / "shared" / "seeds" / "000_b7048197b128a89d.txt"
        if candidate.is_file():
            return candidate
    raise FileNotFoundError("shared/seeds/000_b7048197b128a89d.txt not found beside the project")


def _sample() -> list[Path]:
    # The seed report and every plain-text real report (~40 files, ~120 000 characters, ~51 000 words).
    return [_seed(), *sorted(p for p in corpus_dir().iterdir() if p.suffix == ".txt")]


def test_rjieba_cuts_real_policy_text_into_exactly_the_words_jieba_does():
    files = _sample()
    assert len(files) > 30
    compared = agreed = 0
    for path in files:
        text = path.read_text(encoding="utf-8")
        fast = segment.cut(text, name="rjieba")
        reference = segment.cut(text, name="jieba")
        matcher = difflib.SequenceMatcher(None, fast, reference, autojunk=False)
        compared += len(reference)
        agreed += sum(block.size for block in matcher.get_matching_blocks())
        assert fast == reference, path.name
        assert segment.cut_for_search(text, name="rjieba") == segment.cut_for_search(text, name="jieba")
    # Measured on the sample: 51 341 of 51 341 words (100 %).
    assert compared > 40_000
    assert agreed == compared


def test_the_raw_tokens_differ_only_in_how_letters_and_digits_are_split():
    # Why only CJK runs are handed to the segmenter: jieba-rs keeps a date or a host name whole.
    assert segment.raw_cut("2022-01-13", name="rjieba") == ["2022-01-13"]
    assert segment.raw_cut("2022-01-13", name="jieba") == ["2022", "-", "01", "-", "13"]
    assert (
        segment.cut("2022-01-13", name="rjieba")
        == segment.cut("2022-01-13", name="jieba")
        == [
            "2022",
            "01",
            "13",
        ]
    )


def test_full_width_letters_and_digits_are_lower_cased_half_width_words():
    assert segment.cut("ＧＤＰ增长２０２３") == ["gdp", "增长", "2023"]
    assert segment.cut("www.CQ.gov.cn") == ["www", "cq", "gov", "cn"]


def test_punctuation_and_spaces_are_no_words():
    assert segment.cut("“预算”，（公开）。 ") == ["预算", "公开"]


def test_search_mode_adds_the_dictionary_words_inside_a_long_word():
    words = segment.cut_for_search("中华人民共和国")
    assert "中华人民共和国" in words
    assert {"中华", "人民", "共和国"} <= set(words)


def test_a_document_is_indexed_as_its_words_then_each_distinct_pair_of_characters():
    words = segment.index_words("预算公开，公开预算")
    # The pairs of adjacent characters within each run of ideographs, each once: 预算 算公 公开 / 开预.
    grams = ["预算", "算公", "公开", "开预"]
    assert words[-len(grams) :] == grams
    assert words[: -len(grams)].count("预算") == 2
    assert "算公" not in segment.cut_for_search("预算公开，公开预算")
    # No pair across the comma: 开，公 is not adjacent.
    assert "开公" not in words


def test_index_text_is_the_words_space_separated():
    assert segment.index_text("税费 2023") == "税费 2023 税费"


def test_single_chinese_characters_are_not_indexed_but_single_letters_and_digits_are():
    # 和 is a word of its own and 局 a character of 财政局: neither is a token; 5 (of 5号) is.
    words = segment.index_words("财政局和税务局5号")
    assert not [w for w in words if len(w) == 1 and segment.is_cjk(w)]
    assert "5" in words
    assert {"财政局", "税务局", "局和", "和税"} <= set(words)


def test_the_segmenter_is_chosen_by_gongkai_segmenter(monkeypatch):
    monkeypatch.setenv("GONGKAI_SEGMENTER", "jieba")
    assert segment.segmenter_name() == "jieba"
    monkeypatch.setenv("GONGKAI_SEGMENTER", "")
    assert segment.segmenter_name() == "rjieba"
    monkeypatch.setenv("GONGKAI_SEGMENTER", "ltp")
    with pytest.raises(segment.SegmenterError, match="GONGKAI_SEGMENTER 只能是 rjieba 或 jieba"):
        segment.cut("预算")


def test_a_very_long_body_is_indexed_up_to_the_limit():
    text = "预算" * segment.MAX_INDEXED_CHARS + "决算"
    assert "决算" not in segment.index_words(text)
