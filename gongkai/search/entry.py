"""The search contract between the domains that own the records and the engine that finds them.

A domain turns each of its public records into an ``Entry`` and hands it to the engine through an
explicit service call (``gongkai_web.search.services.index_entries``), never a signal; a search is a
``SearchRequest`` answered by a ``SearchPage`` of ``Hit``s, which the domain turns back into links.
Every back end (SQLite FTS5, PostgreSQL, OpenSearch, the naive ``LIKE`` scan) takes and returns these,
so that they can be compared on the same data."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

#: The kinds of record in the index.
DOCUMENT = "document"
INTERPRETATION = "interpretation"
QA = "qa"
KINDS = (DOCUMENT, INTERPRETATION, QA)

RELEVANCE = "relevance"
DATE = "date"
SORTS = (RELEVANCE, DATE)


@dataclass(frozen=True)
class Entry:
    """One public record as the index sees it. ``(kind, key)`` identifies it: indexing it again
    replaces it. Only what the public may read goes in (a 部分公开 document's redacted text)."""

    kind: str
    key: int
    agency_id: int
    #: The agency's materialised path (``Agency.path``): a subtree filter is a prefix match.
    agency_path: str
    title: str
    body: str = ""
    #: 文号 as written (渝府发〔2023〕1号); the engine also stores its normalised form.
    number: str = ""
    published_on: dt.date | None = None
    topic: str = ""
    genre: str = ""
    #: For documents: rule / normative / other (publications.DocumentKind).
    doc_kind: str = ""
    #: In force from (施行日期) and until (the day of repeal or expiry; None: open-ended), so that
    #: "现行有效 on a day" is a filter the engine can apply.
    effective_on: dt.date | None = None
    in_force_until: dt.date | None = None

    @property
    def year(self) -> int | None:
        return self.published_on.year if self.published_on else None


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    kinds: tuple[str, ...] = ()
    #: Restrict to an agency (exact) or a subtree (path prefix).
    agency_id: int | None = None
    agency_path: str = ""
    year: int | None = None
    topic: str = ""
    genre: str = ""
    doc_kind: str = ""
    #: Only entries in force on this day.
    in_force_on: dt.date | None = None
    sort: str = RELEVANCE
    page: int = 1
    per_page: int = 10


@dataclass(frozen=True)
class Hit:
    kind: str
    key: int
    title: str
    #: HTML-escaped text around the matches, the matched words wrapped in <mark>.
    snippet: str
    score: float
    agency_id: int
    number: str = ""
    published_on: dt.date | None = None


@dataclass(frozen=True)
class SearchPage:
    request: SearchRequest
    hits: list[Hit]
    total: int
    #: The back end that answered.
    backend: str
    #: True when the query (one or two characters, a 文号) was answered by substring matching rather
    #: than by words: the page says so.
    substring_fallback: bool = False
    #: The words the query was segmented into (shown as "搜索词").
    terms: tuple[str, ...] = field(default_factory=tuple)
    #: True when there are more than ``total`` matches: the count stopped there
    #: (``query.TOTAL_CAP``); the page says "10,000 条以上".
    total_capped: bool = False
