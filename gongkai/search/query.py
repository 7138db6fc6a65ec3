"""What a search text asks, decided once for every back end, so that they answer the same.

- Empty: every entry that passes the filters (browsing).
- A 文号 in any brackets or written apart (渝府发[2023]1号, 渝府发（2023）1号, 渝府发 2023 1):
  the entries whose normalised number is that number, exactly.
- One or two characters (预算, 税): a substring match of title, body and 文号 — the page says so
  (``SearchPage.substring_fallback``), since no word boundary was used.
- Otherwise words: the query is cut (precise mode) into words; an entry matches when it has every
  word. A one-character Chinese word (稳 of 稳就业) is not indexed (segment.py): it is looked for
  literally in title, body and 文号 (``Query.literals``). A word of three or more characters counts as
  present when the entry has the word itself or — only when the words themselves find fewer than
  ``EXPAND_BELOW`` entries — every pair of its adjacent characters (the entry's segmentation may have
  split it otherwise), so ``信息公开`` is ``信息公开`` and, should that find almost nothing,
  ``信息公开 OR (信息 AND 息公 AND 公开)``; a two-character word or an ASCII word is its own token.
  ``fts5_match`` and ``tsquery`` write the same boolean expression for SQLite FTS5 and PostgreSQL, and
  the back ends take the same decision (``Backend.answer``), so that they find the same entries.

How much of a large answer is worked out (the same limits on every back end, so that the totals agree):
the total is counted up to ``TOTAL_CAP`` (beyond: "10,000 条以上"); relevance is computed over every
match when there are at most ``RANK_ALL``, else over a bounded set of candidates — the newest
``RERANK_WINDOW`` entries with the words in the title and ``RERANK_WINDOW`` others — ranked first, the
rest following by date (docs/search.md, "大库")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from gongkai.publications.docnumber import parse_search_number

from . import segment

EMPTY = "empty"
NUMBER = "number"
SUBSTRING = "substring"
WORDS = "words"

#: A query of at most this many characters (spaces aside) is matched as a substring.
SUBSTRING_MAX = 2
#: The pairs of characters of the longer words are tried only when the words find fewer entries.
EXPAND_BELOW = 10
#: The total is counted up to this many (a page says "10,000 条以上" beyond).
TOTAL_CAP = 10_000
#: Up to this many matches, every one is ranked; beyond, the bounded candidates only.
RANK_ALL = 200
#: The candidates of a large answer: this many title matches (newest first) and this many others.
RERANK_WINDOW = 100


@dataclass(frozen=True)
class Term:
    """One word of the query and the tokens that stand for it: ``word`` itself, or all of ``parts``."""

    word: str
    parts: tuple[str, ...]

    @property
    def literal(self) -> bool:
        """A one-character Chinese word: not in the index, looked for in the text itself."""
        return segment.is_single_character(self.word)


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

    @property
    def literals(self) -> tuple[str, ...]:
        """The one-character words, matched as substrings of title, body and 文号."""
        return tuple(term.word for term in self.terms if term.literal)

    @property
    def indexed(self) -> tuple[Term, ...]:
        """The words the index answers (all but the one-character ones)."""
        return tuple(term for term in self.terms if not term.literal)

    @property
    def expands(self) -> bool:
        """Whether some word also stands for its pairs of characters."""
        return any(term.parts != (term.word,) for term in self.indexed)

    def strict(self) -> Query:
        """The same query with each word standing for itself only (no pairs of characters)."""
        return replace(self, terms=tuple(Term(term.word, (term.word,)) for term in self.terms))

    @property
    def token(self) -> str:
        """SUBSTRING: the indexed pair of characters that answers it exactly — two Chinese characters
        that normalising leaves alone —, else "" (letters, digits, one character: a LIKE scan answers)."""
        if self.mode != SUBSTRING or len(self.needle) != 2:
            return ""
        if segment.is_cjk(self.needle) and segment.normalise(self.needle) == self.needle:
            return self.needle
        return ""


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


def fts5_quoted(token: str) -> str:
    """``token`` as one string of an FTS5 MATCH expression."""
    return '"' + token.replace('"', '""') + '"'


def fts5_match(query: Query) -> str:
    """The query's words as an SQLite FTS5 MATCH expression."""
    quoted = fts5_quoted

    def one(term: Term) -> str:
        if term.parts == (term.word,):
            return quoted(term.word)
        return f"({quoted(term.word)} OR ({' AND '.join(quoted(p) for p in term.parts)}))"

    return " AND ".join(one(term) for term in query.indexed)


def quoted_lexeme(token: str) -> str:
    """``token`` as one lexeme of a ``to_tsquery`` text."""
    return "'" + token.replace("\\", "\\\\").replace("'", "''") + "'"


def tsquery(query: Query) -> str:
    """The query's words as a PostgreSQL ``to_tsquery`` text."""
    quoted = quoted_lexeme

    def one(term: Term) -> str:
        if term.parts == (term.word,):
            return quoted(term.word)
        return f"({quoted(term.word)} | ({' & '.join(quoted(p) for p in term.parts)}))"

    return " & ".join(one(term) for term in query.indexed)
