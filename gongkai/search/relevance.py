"""Relevance measured: nDCG@k, MRR@k and precision@k of a ranked result list against graded judgments.

A judgment grades a document for a query from 0 to 3:

* 3 — the document sought (the 文号 typed, the policy the words name);
* 2 — relevant: about the subject asked, a searcher would be glad to open it;
* 1 — marginally relevant: touches the subject (mentions it in passing, a neighbouring measure);
* 0 — not relevant. A document that was not judged counts as 0.

The measures (each averaged over the queries of a set, and per class of query):

* **nDCG@k** — graded gain ``2^rel − 1``, discounted by ``log2(rank + 1)`` (rank 1 undiscounted),
  divided by the same sum over the ideal order of every judged grade of the query. A query whose
  judgments are all 0 cannot be scored: the set refuses it (``JudgedQuery``).
* **MRR@k** — ``1 / rank`` of the first result **graded 2 or more** in the first ``k`` (0 when there
  is none): the first result a searcher would be satisfied with, not one that merely brushes the
  subject. ``MRR_THRESHOLD``.
* **precision@k** — the share of the first ``k`` positions holding a result **graded 1 or more**
  (``PRECISION_THRESHOLD``); positions left empty (fewer than ``k`` results) count as not relevant,
  so that an engine returning nothing does not score well.

Pure functions over document identifiers (strings: a 文号 or a title); the web's
``manage.py search_relevance`` maps hits to identifiers and runs a judged set against each back end."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from gongkai.errors import GongkaiError

MRR_THRESHOLD = 2
PRECISION_THRESHOLD = 1
GRADES = (0, 1, 2, 3)

#: The classes of query a 政策文件 search sees (the judged set covers each).
WORD = "word"
NUMBER = "number"
ISSUER_SUBJECT = "issuer+subject"
TWO_CHAR = "two-char"
CLASSES = (WORD, NUMBER, ISSUER_SUBJECT, TWO_CHAR)


class JudgmentError(GongkaiError):
    code = "search.bad_judgments"


def dcg(grades: Sequence[int], k: int) -> float:
    """Discounted cumulative gain of the first ``k`` grades in ranked order."""
    return float(sum((2**rel - 1) / math.log2(rank + 1) for rank, rel in enumerate(grades[:k], start=1)))


def ndcg(ranked: Sequence[str], judgments: Mapping[str, int], k: int = 10) -> float:
    ideal = dcg(sorted(judgments.values(), reverse=True), k)
    if ideal == 0:
        return 0.0
    return dcg([judgments.get(doc, 0) for doc in ranked], k) / ideal


def reciprocal_rank(
    ranked: Sequence[str], judgments: Mapping[str, int], k: int = 10, threshold: int = MRR_THRESHOLD
) -> float:
    for rank, doc in enumerate(ranked[:k], start=1):
        if judgments.get(doc, 0) >= threshold:
            return 1 / rank
    return 0.0


def precision(
    ranked: Sequence[str], judgments: Mapping[str, int], k: int = 5, threshold: int = PRECISION_THRESHOLD
) -> float:
    return sum(1 for doc in ranked[:k] if judgments.get(doc, 0) >= threshold) / k


@dataclass(frozen=True)
class JudgedQuery:
    text: str
    kind: str
    judgments: Mapping[str, int]

    def __post_init__(self) -> None:
        where = f"查询“{self.text}”"
        if not self.text.strip():
            raise JudgmentError("评判集中有一条查询为空：请填写查询词。", message_en="a query is empty")
        if self.kind not in CLASSES:
            raise JudgmentError(
                f"{where}的类别“{self.kind}”无效：应为 {'、'.join(CLASSES)} 之一。",
                message_en=f"query {self.text!r}: class {self.kind!r} is not one of {CLASSES}",
            )
        bad = [doc for doc, rel in self.judgments.items() if rel not in GRADES]
        if bad:
            raise JudgmentError(
                f"{where}对“{bad[0]}”的评分无效：评分应为 0、1、2 或 3。",
                message_en=f"query {self.text!r}: grade of {bad[0]!r} is not 0–3",
            )
        if not any(self.judgments.values()):
            raise JudgmentError(
                f"{where}没有评分为 1 以上的文件：无法计算 nDCG，请补充评判或删去该查询。",
                message_en=f"query {self.text!r} has no document graded 1 or more",
            )


@dataclass(frozen=True)
class Scores:
    ndcg: float
    mrr: float
    precision: float


def score(ranked: Sequence[str], query: JudgedQuery, k: int = 10, p: int = 5) -> Scores:
    """nDCG@k, reciprocal rank@k and precision@p of one ranked list."""
    return Scores(
        ndcg(ranked, query.judgments, k),
        reciprocal_rank(ranked, query.judgments, k),
        precision(ranked, query.judgments, p),
    )


def mean(scores: Iterable[Scores]) -> Scores:
    rows = list(scores)
    if not rows:
        return Scores(0.0, 0.0, 0.0)
    n = len(rows)
    return Scores(
        sum(s.ndcg for s in rows) / n, sum(s.mrr for s in rows) / n, sum(s.precision for s in rows) / n
    )


@dataclass(frozen=True)
class Evaluation:
    """A judged set run once: the mean over all queries and per class."""

    overall: Scores
    by_class: dict[str, Scores]
    per_query: list[tuple[JudgedQuery, Scores]] = field(default_factory=list)


def evaluate(
    queries: Sequence[JudgedQuery], ranked_for: Mapping[str, Sequence[str]], k: int = 10, p: int = 5
) -> Evaluation:
    """Score each query's ranked identifiers (``ranked_for[query.text]``; missing: nothing found)."""
    per_query = [(q, score(ranked_for.get(q.text, ()), q, k, p)) for q in queries]
    by_class = {
        kind: mean(s for q, s in per_query if q.kind == kind)
        for kind in CLASSES
        if any(q.kind == kind for q in queries)
    }
    return Evaluation(mean(s for _, s in per_query), by_class, per_query)


def read_judgments(text: str) -> list[JudgedQuery]:
    """The judged set as JSON: ``{"queries": [{"query", "class", "judgments": {id: grade}}]}``."""
    try:
        data = json.loads(text)
        rows = data["queries"]
        queries = [
            JudgedQuery(row["query"], row["class"], {str(k): int(v) for k, v in row["judgments"].items()})
            for row in rows
        ]
    except JudgmentError:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise JudgmentError(
            f'评判集不是有效的 JSON（{exc}）：应为 {{"queries": [{{"query", "class", "judgments"}}]}}。',
            message_en=f"the judged set is not valid: {exc}",
        ) from exc
    seen: set[str] = set()
    for q in queries:
        if q.text in seen:
            raise JudgmentError(
                f"评判集中查询“{q.text}”出现了两次：请合并为一条。", message_en=f"query {q.text!r} twice"
            )
        seen.add(q.text)
    return queries
