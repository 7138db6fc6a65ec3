"""What a search text asks, decided once for every back end, so that they answer the same.

- Empty: every entry that passes the filters (browsing).
- A 文号 in any brackets or written apart (渝府发[2023]1号, 渝府发（2023）1号, 渝府发 2023 1):
  the entries whose normalised number is that number, exactly.
- One or two characters (预算, 税): a substring match of title, body and 文号 — the page says so
  (``SearchPage.substring_fallback``), since no word boundary was used.
- Otherwise words: the query is cut (precise mode) into words; an entry matches when it has every
  word. A word of three or more characters counts as present when the entry has the word itself or
  every pair of its adjacent characters (the entry's segmentation may have split it otherwise), so
  ``信息公开`` is ``信息公开 OR (信息 AND 息公 AND 公开)``; a shorter word or an ASCII word is its
  own token. ``fts5_match`` and ``tsquery`` write that same boolean expression for SQLite FTS5 and
  PostgreSQL."""

from __future__ import annotations

import re
from dataclasses import dataclass

from gongkai.publications.docnumber import parse_search_number

from . import segment

EMPTY = "empty"
NUMBER = "number"
SUBSTRING = "substring"
WORDS = "words"

#: A query of at most this many characters (spaces aside) is matched as a substring.
SUBSTRING_MAX = 2


@dataclass(frozen=True)
class Term:
    """One word of the query and the tokens that stand for it: ``word`` itself, or all of ``parts``."""

    word: str
    parts: tuple[str, ...]


@dataclass(frozen=True)
class Query:
    text: str
    mode: str
    terms: tuple[Term, ...] = ()
    #: NUMBER: the normalised 文号 (渝府发〔2023〕1号). SUBSTRING: the text to look for.
    needle: str = ""

    @property
    def words(self) -> tuple[str, ...]:
        """What the page shows as the query's words (搜索词)."""
        if self.mode in (NUMBER, SUBSTRING):
            return (self.needle,)
        return tuple(term.word for term in self.terms)

    @property
    def part_marks(self) -> tuple[str, ...]:
        """The pairs of characters that stand for the longer words: a snippet marks them when the text
        has none of the words themselves."""
        return tuple(dict.fromkeys(p for term in self.terms for p in term.parts if p != term.word))

    @property
    def matches_nothing(self) -> bool:
        """Words asked for, but the text had none (only punctuation)."""
        return self.mode == WORDS and not self.terms


def parse_query(text: str, *, segmenter: str | None = None) -> Query:
    """Decide how ``text`` is searched (see the module's docstring)."""
    text = text.strip()
    if not text:
        return Query(text, EMPTY)
    if number := parse_search_number(text):
        return Query(text, NUMBER, needle=str(number))
    compact = re.sub(r"\s+", "", text)
    if len(compact) <= SUBSTRING_MAX:
        return Query(text, SUBSTRING, needle=compact)
    words = dict.fromkeys(segment.cut(text, name=segmenter))
    return Query(text, WORDS, tuple(_term(word) for word in words))


def _term(word: str) -> Term:
    if segment.is_cjk(word) and len(word) > 2:
        return Term(word, tuple(dict.fromkeys(segment.bigrams(word))))
    return Term(word, (word,))


def fts5_match(query: Query) -> str:
    """The query's words as an SQLite FTS5 MATCH expression."""

    def quoted(token: str) -> str:
        return '"' + token.replace('"', '""') + '"'

    def one(term: Term) -> str:
        if term.parts == (term.word,):
            return quoted(term.word)
        return f"({quoted(term.word)} OR ({' AND '.join(quoted(p) for p in term.parts)}))"

    return " AND ".join(one(term) for term in query.terms)


def tsquery(query: Query) -> str:
    """The query's words as a PostgreSQL ``to_tsquery`` text."""

    def quoted(token: str) -> str:
        return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"

    def one(term: Term) -> str:
        if term.parts == (term.word,):
            return quoted(term.word)
        return f"({quoted(term.word)} | ({' & '.join(quoted(p) for p in term.parts)}))"

    return " & ".join(one(term) for term in query.terms)
