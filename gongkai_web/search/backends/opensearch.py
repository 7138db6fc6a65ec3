"""OpenSearch (or Elasticsearch) over the same segmented words, optional: ``GONGKAI_SEARCH_BACKEND=
opensearch`` with ``GONGKAI_OPENSEARCH_URL`` (http://127.0.0.1:9200) and ``GONGKAI_OPENSEARCH_INDEX``
(default gongkai-search). Plain HTTP and JSON through urllib: no client library to install.

The entries stay in the database as well (the database's own back end writes them first), so that
what needs no words — browsing, a 文号, one or two characters — is answered there exactly as by the
other back ends, and so are the hits' texts and snippets; OpenSearch answers only the word queries:
the same boolean expression (``gongkai.search.query``) as ``term`` queries on a whitespace-analysed
field, the same filters, the same orders."""

from __future__ import annotations

import json
import os
import urllib.request
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from gongkai.search import query as q
from gongkai.search.entry import DATE, Entry, SearchPage, SearchRequest

from ..models import SearchEntry
from .base import Backend, hit_of, row_of

#: The index's mapping: words split on spaces only (they are segmented already).
MAPPING: dict[str, Any] = {
    "settings": {"analysis": {"analyzer": {"words": {"type": "custom", "tokenizer": "whitespace"}}}},
    "mappings": {
        "properties": {
            "kind": {"type": "keyword"},
            "key": {"type": "long"},
            "agency_id": {"type": "integer"},
            "agency_path": {"type": "keyword"},
            "number_key": {"type": "keyword"},
            "published_on": {"type": "date"},
            "year": {"type": "integer"},
            "topic": {"type": "keyword"},
            "genre": {"type": "keyword"},
            "doc_kind": {"type": "keyword"},
            "effective_on": {"type": "date"},
            "in_force_until": {"type": "date"},
            "title_words": {"type": "text", "analyzer": "words"},
            "words": {"type": "text", "analyzer": "words"},
        }
    },
}
TITLE_BOOST = 4.0
SOURCE_FIELDS = [name for name in MAPPING["mappings"]["properties"] if not name.endswith("words")]


def doc_id(kind: str, key: int) -> str:
    return f"{kind}:{key}"


def document_of(entry: Entry) -> dict[str, Any]:
    row = row_of(entry)
    doc = {name: row[name] for name in MAPPING["mappings"]["properties"] if name in row}
    doc.update(kind=entry.kind, key=entry.key)
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in doc.items()}


def bulk_body(index: str, entries: list[Entry]) -> str:
    """The NDJSON of one ``_bulk`` request indexing ``entries`` (replacing any with the same id)."""
    lines = []
    for entry in entries:
        lines.append(json.dumps({"index": {"_index": index, "_id": doc_id(entry.kind, entry.key)}}))
        lines.append(json.dumps(document_of(entry), ensure_ascii=False))
    return "\n".join(lines) + "\n"


def delete_body(index: str, kind: str, keys: list[int]) -> str:
    return "\n".join(json.dumps({"delete": {"_index": index, "_id": doc_id(kind, k)}}) for k in keys) + "\n"


def _term(field: str, value: Any) -> dict[str, Any]:
    return {"term": {field: value}}


def _word(term: q.Term) -> dict[str, Any]:
    whole = {
        "bool": {
            "should": [
                _term("words", term.word),
                {"term": {"title_words": {"value": term.word, "boost": TITLE_BOOST}}},
            ]
        }
    }
    if term.parts == (term.word,):
        return whole
    parts = {"bool": {"filter": [_term("words", part) for part in term.parts]}}
    return {"bool": {"should": [whole, parts], "minimum_should_match": 1}}


def filters_of(request: SearchRequest) -> list[dict[str, Any]]:
    """The request's filters as OpenSearch filter clauses (the same as ``base.filtered``)."""
    found: list[dict[str, Any]] = []
    if request.kinds:
        found.append({"terms": {"kind": list(request.kinds)}})
    if request.agency_id is not None:
        found.append(_term("agency_id", request.agency_id))
    if request.agency_path:
        found.append({"prefix": {"agency_path": request.agency_path}})
    if request.year is not None:
        found.append(_term("year", request.year))
    for name in ("topic", "genre", "doc_kind"):
        if value := getattr(request, name):
            found.append(_term(name, value))
    if request.in_force_on is not None:
        day = request.in_force_on.isoformat()
        begun = {
            "bool": {
                "should": [
                    {"bool": {"must_not": {"exists": {"field": "effective_on"}}}},
                    {"range": {"effective_on": {"lte": day}}},
                ]
            }
        }
        going = {
            "bool": {
                "should": [
                    {"bool": {"must_not": {"exists": {"field": "in_force_until"}}}},
                    {"range": {"in_force_until": {"gt": day}}},
                ]
            }
        }
        found += [begun, going]
    return found


BY_DATE: list[Any] = [
    {"published_on": {"order": "desc", "missing": "_last"}},
    {"kind": "asc"},
    {"key": "desc"},
]


def search_body(request: SearchRequest, query: q.Query) -> dict[str, Any]:
    """The ``_search`` request of a word query: every word present, the filters, the order, the page."""
    return {
        "query": {"bool": {"must": [_word(term) for term in query.indexed], "filter": filters_of(request)}},
        "sort": BY_DATE if request.sort == DATE else ["_score", *BY_DATE],
        "from": (max(request.page, 1) - 1) * request.per_page,
        "size": request.per_page,
        "track_total_hits": q.TOTAL_CAP + 1,  # counted as far as the other back ends count
        "_source": ["kind", "key"],
    }


class OpenSearchBackend(Backend):
    name = "opensearch"
    #: Writes beside the database's own back end (services.index_entries writes both).
    external = True

    def __init__(self) -> None:
        self.url = (
            getattr(settings, "GONGKAI_OPENSEARCH_URL", "") or os.environ.get("GONGKAI_OPENSEARCH_URL", "")
        ).rstrip("/")
        if not self.url:
            raise ImproperlyConfigured(_("The opensearch search back end needs GONGKAI_OPENSEARCH_URL."))
        self.index_name = getattr(settings, "GONGKAI_OPENSEARCH_INDEX", "") or os.environ.get(
            "GONGKAI_OPENSEARCH_INDEX", "gongkai-search"
        )

    def _call(
        self, method: str, path: str, body: str | None = None, content_type: str = "application/json"
    ) -> Any:
        request = urllib.request.Request(
            f"{self.url}/{path}",
            data=body.encode("utf-8") if body is not None else None,
            method=method,
            headers={"Content-Type": content_type},
        )
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"{}")

    def create_index(self) -> None:
        self._call("PUT", self.index_name, json.dumps(MAPPING))

    def index(self, entries: list[Entry]) -> int:
        if entries:
            self._call(
                "POST", "_bulk?refresh=true", bulk_body(self.index_name, entries), "application/x-ndjson"
            )
        return len(entries)

    def remove(self, kind: str, keys: list[int]) -> int:
        if keys:
            self._call(
                "POST", "_bulk?refresh=true", delete_body(self.index_name, kind, keys), "application/x-ndjson"
            )
        return len(keys)

    def search(self, request: SearchRequest) -> SearchPage:
        query = q.parse_query(request.text)
        if query.mode != q.WORDS or query.matches_nothing or query.literals:
            # One-character words are not in the index (segment.py): the database reads them.
            return super().search(request)
        if query.expands and self._count(request, query.strict()) >= q.EXPAND_BELOW:
            query = query.strict()  # the pairs of characters only when the words find too little
        body = json.dumps(search_body(request, query), ensure_ascii=False)
        answer = self._call("POST", f"{self.index_name}/_search", body)
        found = [
            (h["_source"]["kind"], h["_source"]["key"], h.get("_score") or 0.0)
            for h in answer["hits"]["hits"]
        ]
        return page_of(request, query, found, answer["hits"]["total"]["value"], self.name)

    def _count(self, request: SearchRequest, query: q.Query) -> int:
        body = {**search_body(request, query), "size": 0, "track_total_hits": q.EXPAND_BELOW}
        answer = self._call("POST", f"{self.index_name}/_search", json.dumps(body, ensure_ascii=False))
        return int(answer["hits"]["total"]["value"])

    def match(self, rows: QuerySet[SearchEntry], query: q.Query) -> QuerySet[SearchEntry]:
        raise NotImplementedError  # word queries go to OpenSearch (``search``)


def page_of(
    request: SearchRequest, query: q.Query, found: list[tuple[str, int, float]], total: int, name: str
) -> SearchPage:
    """The page of OpenSearch's hits in its order, their texts and snippets from the database."""
    match = Q(pk__in=[])
    for kind, key, _score in found:
        match |= Q(kind=kind, key=key)
    rows = {(row.kind, row.key): row for row in SearchEntry.objects.filter(match)}
    hits = [
        replace(hit_of(rows[kind, key], query), score=float(score))
        for kind, key, score in found
        if (kind, key) in rows
    ]
    return SearchPage(
        request, hits, min(total, q.TOTAL_CAP), name, terms=query.words, total_capped=total > q.TOTAL_CAP
    )
