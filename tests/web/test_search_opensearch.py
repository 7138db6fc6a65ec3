"""The optional OpenSearch back end, without a server: the bodies of its requests, and that only word
queries go to it (browsing, 文号 and one or two characters are answered by the database)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import ImproperlyConfigured

from gongkai.search.entry import DATE, DOCUMENT, QA, Entry, SearchRequest
from gongkai.search.query import parse_query
from gongkai_web.search import services
from gongkai_web.search.backends import opensearch as os_backend
from gongkai_web.search.backends import writers

ENTRY = Entry(
    DOCUMENT,
    7,
    2,
    "/1/2/",
    "预算公开",
    "部门预算",
    number="渝财发[2023]5号",
    published_on=dt.date(2023, 2, 15),
    in_force_until=dt.date(2024, 2, 15),
)


def test_a_bulk_request_indexes_each_entry_under_its_kind_and_key():
    action, document = os_backend.bulk_body("gk", [ENTRY]).splitlines()
    assert json.loads(action) == {"index": {"_index": "gk", "_id": "document:7"}}
    doc = json.loads(document)
    assert doc["number_key"] == "渝财发〔2023〕5号"
    assert doc["published_on"] == "2023-02-15"
    assert doc["in_force_until"] == "2024-02-15"
    assert doc["effective_on"] is None
    # Words and pairs of characters; no single characters (segment.py).
    assert doc["title_words"] == "预算 公开 预算 算公 公开"
    # Title, 文号 and body: the 文号's year and serial as words, its code by pairs of characters.
    assert doc["words"].startswith("预算 公开 ")
    assert {"2023", "5", "部门", "渝财", "财发"} <= set(doc["words"].split())
    assert json.loads(os_backend.delete_body("gk", QA, [3]).strip()) == {
        "delete": {"_index": "gk", "_id": "qa:3"}
    }


def test_a_word_query_asks_for_every_word_or_all_its_pairs_within_the_filters():
    request = SearchRequest(
        "信息公开年度报告",
        kinds=(DOCUMENT,),
        agency_path="/1/",
        year=2023,
        in_force_on=dt.date(2024, 1, 1),
        sort=DATE,
        page=2,
        per_page=5,
    )
    body = os_backend.search_body(request, parse_query(request.text))
    must = body["query"]["bool"]["must"]
    assert len(must) == 3  # 信息, 公开, 年度报告
    assert must[0] == {
        "bool": {
            "should": [
                {"term": {"words": "信息"}},
                {"term": {"title_words": {"value": "信息", "boost": 4.0}}},
            ]
        }
    }
    assert must[2]["bool"]["should"][1] == {
        "bool": {
            "filter": [{"term": {"words": "年度"}}, {"term": {"words": "度报"}}, {"term": {"words": "报告"}}]
        }
    }
    assert must[2]["bool"]["minimum_should_match"] == 1
    filters = body["query"]["bool"]["filter"]
    assert filters[:3] == [
        {"terms": {"kind": ["document"]}},
        {"prefix": {"agency_path": "/1/"}},
        {"term": {"year": 2023}},
    ]
    assert filters[3]["bool"]["should"][1] == {"range": {"effective_on": {"lte": "2024-01-01"}}}
    assert filters[4]["bool"]["should"][1] == {"range": {"in_force_until": {"gt": "2024-01-01"}}}
    assert body["sort"][0] == {"published_on": {"order": "desc", "missing": "_last"}}
    assert (body["from"], body["size"]) == (5, 5)


def test_by_relevance_the_score_comes_first():
    body = os_backend.search_body(SearchRequest("预算公开"), parse_query("预算公开"))
    assert body["sort"][0] == "_score"
    assert body["query"]["bool"]["filter"] == []


def test_without_a_url_the_back_end_is_refused(settings):
    settings.GONGKAI_OPENSEARCH_URL = ""
    with pytest.raises(ImproperlyConfigured, match="GONGKAI_OPENSEARCH_URL"):
        os_backend.OpenSearchBackend()


@pytest.fixture
def fake_server(settings, monkeypatch):
    settings.GONGKAI_OPENSEARCH_URL = "http://127.0.0.1:9"
    settings.GONGKAI_SEARCH_BACKEND = "opensearch"
    sent = []

    def call(self, method, path, body=None, content_type="application/json"):
        sent.append((method, path, body))
        if path.endswith("_search"):
            return {
                "hits": {
                    "total": {"value": 2},
                    "hits": [
                        {"_source": {"kind": "qa", "key": 3}, "_score": 9.5},
                        {"_source": {"kind": "document", "key": 7}, "_score": 2.0},
                    ],
                }
            }
        return {}

    monkeypatch.setattr(os_backend.OpenSearchBackend, "_call", call)
    return sent


@pytest.mark.django_db
def test_entries_are_written_to_the_database_and_to_opensearch(fake_server):
    assert [w.name for w in writers()][1:] == ["opensearch"]
    services.index_entries([ENTRY, Entry(QA, 3, 2, "/1/2/", "部门预算公开吗？", "答：公开。")])
    assert [(method, path) for method, path, _ in fake_server] == [("POST", "_bulk?refresh=true")]
    page = os_backend.OpenSearchBackend().search(SearchRequest("预算公开"))
    assert [(hit.kind, hit.key, hit.score) for hit in page.hits] == [(QA, 3, 9.5), (DOCUMENT, 7, 2.0)]
    assert page.total == 2
    assert page.backend == "opensearch"


@pytest.mark.django_db
def test_short_queries_and_numbers_are_answered_by_the_database(fake_server):
    services.index_entries([ENTRY])
    fake_server.clear()
    engine = os_backend.OpenSearchBackend()
    assert [hit.key for hit in engine.search(SearchRequest("预算")).hits] == [7]
    assert [hit.key for hit in engine.search(SearchRequest("渝财发（2023）5号")).hits] == [7]
    assert fake_server == []
