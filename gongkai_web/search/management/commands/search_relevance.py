"""``manage.py search_relevance [--backend NAME ...] [--judgments FILE] [--per-query]``: run the judged
query set (``gongkai_web/search/judgments/policies.json``, graded over the demo's curated documents) on
each back end and print nDCG@10, MRR@10 and precision@5, overall and per class of query.

The measures and their thresholds are the core's (``gongkai.search.relevance``: MRR counts the first
result graded 2 or more, precision the results graded 1 or more). A hit is identified by its 文号 (its
title when it has none), as the judgments are keyed. Without ``--backend``: the naive ``like`` scan and
the database's own full-text back end, where it is registered. The figures are meaningful on a
database that holds the curated documents (``manage.py simulate_demo`` loads them); the CI floor is
checked by ``tests/web/test_search_relevance.py`` against ``docs/benchmarks.md``."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.utils.translation import gettext as _

from gongkai.search.entry import SearchRequest
from gongkai.search.relevance import (
    CLASSES,
    NUMBER,
    TWO_CHAR,
    WORD,
    Evaluation,
    JudgedQuery,
    JudgmentError,
    evaluate,
    read_judgments,
)
from gongkai_web.search.backends import BACKENDS
from gongkai_web.search.queries import search

JUDGMENTS = Path(__file__).resolve().parents[2] / "judgments" / "policies.json"
#: The full-text back end of each database (``connection.vendor``).
FULL_TEXT = {"sqlite": "fts5", "postgresql": "postgres"}
K, P = 10, 5


def full_text_backend() -> str | None:
    """The database's own full-text back end, when it is registered."""
    name = FULL_TEXT.get(connection.vendor)
    return name if name in BACKENDS else None


def default_backends() -> list[str]:
    return ["like", *filter(None, [full_text_backend()])]


def load_judgments(path: Path = JUDGMENTS) -> list[JudgedQuery]:
    return read_judgments(path.read_text(encoding="utf-8"))


def ranked(text: str, backend: str, k: int = K) -> list[str]:
    """The identifiers (文号, else title) of the first ``k`` hits of ``backend`` for ``text``."""
    page = search(SearchRequest(text=text, per_page=k), using=backend)
    return [hit.number or hit.title for hit in page.hits[:k]]


def run_judged_set(queries: Sequence[JudgedQuery], backend: str) -> Evaluation:
    return evaluate(queries, {q.text: ranked(q.text, backend) for q in queries}, K, P)


def class_label(kind: str) -> str:
    labels = {
        WORD: _("policy words"),
        NUMBER: _("document numbers"),
        TWO_CHAR: _("two characters"),
    }
    return labels.get(kind) or _("issuer and subject")


class Command(BaseCommand):
    help = "Run the judged query set on each search back end: nDCG@10, MRR@10 and precision@5 per class."

    def add_arguments(self, parser):
        parser.add_argument(
            "--backend", action="append", help="a back end to measure (repeatable; default: like and FTS)"
        )
        parser.add_argument("--judgments", default=str(JUDGMENTS), help="the judged set (JSON)")
        parser.add_argument("--per-query", action="store_true", help="also print each query's scores")

    def handle(self, *args, backend: list[str] | None, judgments: str, per_query: bool, **options):
        from rich.console import Console
        from rich.table import Table

        try:
            queries = load_judgments(Path(judgments))
        except (OSError, JudgmentError) as exc:
            raise CommandError(
                _("Cannot read the judged set %(path)s: %(error)s") % {"path": judgments, "error": exc}
            ) from exc
        names = backend or default_backends()
        unknown = [n for n in names if n not in BACKENDS]
        if unknown:
            raise CommandError(
                _("No search back end is called %(name)s; known: %(known)s.")
                % {"name": unknown[0], "known": ", ".join(BACKENDS)}
            )
        console = Console(file=self.stdout, width=110)  # type: ignore[arg-type]  # OutputWrapper is a TextIO
        for name in names:
            run = run_judged_set(queries, name)
            table = Table(
                title=_("Search relevance: %(backend)s, %(count)s queries")
                % {
                    "backend": name,
                    "count": len(queries),
                }
            )
            table.add_column(_("Queries"))
            table.add_column("n", justify="right")
            for header in (f"nDCG@{K}", f"MRR@{K}", f"P@{P}"):
                table.add_column(header, justify="right")
            for kind in CLASSES:
                if kind in run.by_class:
                    s = run.by_class[kind]
                    count = sum(1 for q in queries if q.kind == kind)
                    table.add_row(
                        class_label(kind), str(count), f"{s.ndcg:.3f}", f"{s.mrr:.3f}", f"{s.precision:.3f}"
                    )
            o = run.overall
            table.add_row(
                _("all queries"), str(len(queries)), f"{o.ndcg:.3f}", f"{o.mrr:.3f}", f"{o.precision:.3f}"
            )
            console.print(table)
            if per_query:
                detail = Table(title=name)
                for header in (_("Query"), f"nDCG@{K}", f"MRR@{K}", f"P@{P}"):
                    detail.add_column(header)
                for q, s in run.per_query:
                    detail.add_row(q.text, f"{s.ndcg:.3f}", f"{s.mrr:.3f}", f"{s.precision:.3f}")
                console.print(detail)
