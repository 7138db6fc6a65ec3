"""Relevance measured: the judged query set over the demo's curated documents, run on the database's
full-text back end and on the naive ``like`` scan, must not fall below the floors recorded in
docs/benchmarks.md (section "Search relevance", table "Floors": the doc is the single source).

Runs on whichever database the settings select (``GONGKAI_DB=postgres`` for PostgreSQL)."""

from __future__ import annotations

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.search.relevance import CLASSES
from gongkai_web.demo.hierarchy import build_hierarchy
from gongkai_web.demo.policies import policies, write_policies
from gongkai_web.publications.models import Document
from gongkai_web.search.management.commands.search_relevance import (
    full_text_backend,
    load_judgments,
    ranked,
    run_judged_set,
)
from gongkai_web.search.models import SearchEntry

BENCHMARKS = Path(__file__).resolve().parents[2] / "docs" / "benchmarks.md"
DATABASE = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[connection.vendor]


def floors() -> dict[tuple[str, str], tuple[float, float]]:
    """(back end, database) → (nDCG@10, MRR@10) from the "Floors" table of the relevance section."""
    text = BENCHMARKS.read_text(encoding="utf-8")
    section = text.split("## Search relevance", 1)[1].split("\n## ", 1)[0]
    table = section.split("### Floors", 1)[1]
    found = {}
    for backend, database, ndcg, mrr in re.findall(
        r"^\| `(\w+)` \| (\w+) \| ([0-9.]+) \| ([0-9.]+) \|", table, flags=re.MULTILINE
    ):
        found[backend, database] = (float(ndcg), float(mrr))
    return found


@pytest.fixture(scope="module")
def library(django_db_setup, django_db_blocker):
    """The demo hierarchy and the curated documents, indexed, once per module; rolled back afterwards."""
    with django_db_blocker.unblock():
        from django.db import transaction

        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            added = write_policies(build_hierarchy().agencies)
            yield added
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def test_the_floors_are_read_from_the_benchmarks_doc_for_both_back_ends_of_each_database():
    recorded = floors()
    for database, full_text in (("SQLite", "fts5"), ("PostgreSQL", "postgres")):
        assert ("like", database) in recorded
        assert (full_text, database) in recorded
    assert all(0 < ndcg <= 1 and 0 < mrr <= 1 for ndcg, mrr in recorded.values())


def test_the_judged_set_has_fifty_queries_or_more_covering_every_class_and_judges_only_curated_documents():
    queries = load_judgments()
    assert len(queries) >= 50
    assert {q.kind for q in queries} == set(CLASSES)
    numbers = {p.number for p in policies()}
    assert len(numbers) == len(policies()) >= 120  # one 文号 each: the judgments' keys
    assert {doc for q in queries for doc in q.judgments} <= numbers


@pytest.mark.django_db
def test_the_curated_documents_are_published_and_indexed_once(library):
    assert library == len(policies())
    assert SearchEntry.objects.filter(kind="document").count() == library
    assert write_policies(build_hierarchy().agencies) == 0  # again: every 文号 taken, nothing added
    doc = Document.objects.get(number="渝府办发〔2024〕33号")
    assert doc.agency.name == "重庆市人民政府"
    assert doc.stage == "published" and doc.genre == "意见" and doc.valid_until is not None
    entry = SearchEntry.objects.get(kind="document", key=doc.pk)
    assert entry.number == "渝府办发〔2024〕33号" and "老旧小区" in entry.body


@pytest.mark.django_db
def test_the_like_scan_finds_a_number_as_written_first(library):
    assert ranked("渝财预〔2024〕11号", "like")[:1] == ["渝财预〔2024〕11号"]


@pytest.mark.django_db
@pytest.mark.parametrize("which", ["like", "full-text"])
def test_relevance_does_not_drop_below_the_recorded_floor(library, which):
    backend = "like" if which == "like" else full_text_backend()
    assert backend is not None, f"no full-text back end for {DATABASE}"
    ndcg_floor, mrr_floor = floors()[backend, DATABASE]
    run = run_judged_set(load_judgments(), backend)
    assert run.overall.ndcg >= ndcg_floor, f"{backend} nDCG@10 {run.overall.ndcg:.3f} < {ndcg_floor}"
    assert run.overall.mrr >= mrr_floor, f"{backend} MRR@10 {run.overall.mrr:.3f} < {mrr_floor}"


@pytest.mark.django_db
def test_the_command_prints_a_table_per_back_end_and_per_class(library):
    out = StringIO()
    call_command("search_relevance", "--backend", "like", stdout=out)
    text = out.getvalue()
    assert "like" in text and "nDCG@10" in text and "MRR@10" in text and "P@5" in text
    assert len(re.findall(r"\d\.\d{3}", text)) == 3 * (len(CLASSES) + 1)
