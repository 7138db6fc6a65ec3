"""Chinese word segmentation for the full-text index and for queries.

Two implementations of the same algorithm (jieba's dictionary, DAG and HMM): ``rjieba`` (jieba-rs, in
Rust, the default) and ``jieba`` (the reference, pure Python, ~20× slower). ``GONGKAI_SEGMENTER``
chooses (``rjieba`` | ``jieba``); the parity test (tests/core/test_search_segment.py) measures that
they cut real policy text into the same words once the tokens are normalised as below.

Normalisation, the same for a document and a query: NFKC (full-width ``ＡＢＣ２０２３`` becomes
``abc2023``), lower case, and every raw token is split into its runs of CJK ideographs and of ASCII
letters and digits; punctuation and spaces are dropped. (The two implementations differ only there:
jieba-rs keeps ``2022-01-13`` or ``www.example.cn`` as one token, jieba splits it at the punctuation;
after the split both give the same runs.)

What a document is indexed as (``index_words``): its words in search-engine mode (every dictionary word
inside a long word too: 中华人民共和国 → 中华, 人民, 共和国, 中华人民共和国), then each distinct pair of
adjacent characters of its CJK runs, so that a query word which the document's segmentation split
differently still matches by its pairs of characters, and a two-character query is always found.
Single Chinese characters are not indexed (neither as words nor alone): they are a third of the
distinct tokens of a policy text and would cost a third more to store and to index, while a query's
one-character word (稳就业 → 稳, 就业) is matched literally on the text (query.py), exactly as a
substring search would."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Callable, Iterable
from functools import cache

RJIEBA = "rjieba"
JIEBA = "jieba"
SEGMENTERS = (RJIEBA, JIEBA)
DEFAULT = RJIEBA

#: A body is indexed up to this many characters (the snippet and the substring fallback still read
#: all of it): PostgreSQL refuses a tsvector over 1 MB, which the words, characters and pairs of
#: ~60 000 characters of Chinese stay well under.
MAX_INDEXED_CHARS = 50_000

CJK = "\u3400-\u9fff\uf900-\ufaff"
_RUN = re.compile(f"[{CJK}]+|[a-z0-9]+")
_CJK_RUN = re.compile(f"[{CJK}]+")
_IS_CJK = re.compile(f"^[{CJK}]+$")


class SegmenterError(ValueError):
    code = "search.bad_segmenter"


def segmenter_name(name: str | None = None) -> str:
    """The segmenter asked for (``name``, else ``$GONGKAI_SEGMENTER``, else rjieba)."""
    chosen = (name or os.environ.get("GONGKAI_SEGMENTER", "") or DEFAULT).strip().lower()
    if chosen not in SEGMENTERS:
        raise SegmenterError(
            f"分词器“{chosen}”不存在：GONGKAI_SEGMENTER 只能是 rjieba 或 jieba。"
            f" (unknown segmenter {chosen!r}: use rjieba or jieba)"
        )
    return chosen


@cache
def _cutters(name: str) -> tuple[Callable[[str], list[str]], Callable[[str], list[str]]]:
    """(precise cut, search-engine cut) of the named implementation, loaded on first use."""
    if name == JIEBA:
        import logging

        import jieba  # type: ignore[import-untyped]

        jieba.setLogLevel(logging.WARNING)
        return (lambda text: list(jieba.cut(text))), (lambda text: list(jieba.cut_for_search(text)))
    import rjieba

    return (lambda text: list(rjieba.cut(text))), (lambda text: list(rjieba.cut_for_search(text)))


def normalise(text: str) -> str:
    """NFKC and lower case: what is segmented, for a document as for a query."""
    return unicodedata.normalize("NFKC", text).lower()


def raw_cut(text: str, *, name: str | None = None, search: bool = False) -> list[str]:
    """The implementation's own tokens of ``text`` (normalised first), punctuation included."""
    precise, for_search = _cutters(segmenter_name(name))
    return (for_search if search else precise)(normalise(text))


def clean(tokens: Iterable[str]) -> list[str]:
    """Each token split into its CJK and ASCII-alphanumeric runs; everything else dropped."""
    return [run for token in tokens for run in _RUN.findall(token)]


def _words(text: str, name: str | None, search: bool) -> list[str]:
    # Only the CJK runs go to the segmenter, one at a time; an ASCII run is a word by itself. (The
    # two implementations treat letters and digits differently — jieba-rs keeps 2022-01-13 whole
    # and adds its dictionary's sub-words of www.example.cn in search mode —, and neither is
    # useful to a Chinese query.)
    cutter = _cutters(segmenter_name(name))[1 if search else 0]
    words: list[str] = []
    for run in _RUN.findall(normalise(text)):
        if _IS_CJK.match(run):
            words.extend(word for word in cutter(run) if word.strip())
        else:
            words.append(run)
    return words


def cut(text: str, *, name: str | None = None) -> list[str]:
    """The words of ``text`` (precise mode), normalised: how a query is cut."""
    return _words(text, name, search=False)


def cut_for_search(text: str, *, name: str | None = None) -> list[str]:
    """The words of ``text`` in search-engine mode, normalised."""
    return _words(text, name, search=True)


def is_cjk(word: str) -> bool:
    return bool(_IS_CJK.match(word))


def bigrams(word: str) -> list[str]:
    """The pairs of adjacent characters of ``word`` (a one-character word is its own)."""
    if len(word) < 2:
        return [word]
    return [word[i : i + 2] for i in range(len(word) - 1)]


def char_grams(text: str) -> list[str]:
    """Each distinct pair of adjacent characters of the CJK runs of ``text``, in order of first
    appearance."""
    seen: dict[str, None] = {}
    for run in _CJK_RUN.findall(normalise(text)):
        for i in range(len(run) - 1):
            seen.setdefault(run[i : i + 2], None)
    return list(seen)


def is_single_character(word: str) -> bool:
    """A one-character Chinese word: not indexed, matched literally (see the module's docstring)."""
    return len(word) == 1 and is_cjk(word)


def index_words(text: str, *, name: str | None = None) -> list[str]:
    """What ``text`` is indexed as: its words (search-engine mode) but single characters, then its
    pairs of characters."""
    text = text[:MAX_INDEXED_CHARS]
    words = [word for word in cut_for_search(text, name=name) if not is_single_character(word)]
    return words + char_grams(text)


def index_text(text: str, *, name: str | None = None) -> str:
    """``index_words`` space-separated: the ``words`` column the full-text back ends index."""
    return " ".join(index_words(text, name=name))
