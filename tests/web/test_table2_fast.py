"""Table 2's grouped SQL counts equal the core's reference (``plain_table2_counts``) on generated
libraries: every date order, renewals before and after lapsing, repeals and expiry declarations
before, in and after the year, documents not yet in effect, joint and other agencies."""

from __future__ import annotations

import datetime as dt
import random

import pytest
from django.db import connection

from gongkai_web.publications.models import Document, Effect
from gongkai_web.publications.queries import fast_table2_counts, plain_table2_counts, table2_counts

D = dt.date


def _library(world, seed: int, n: int = 400) -> None:
    rng = random.Random(seed)
    docs = []
    for i in range(n):
        published = D(2020, 1, 1) + dt.timedelta(days=rng.randrange(0, 5 * 365))
        effective = rng.choice([None, published, published + dt.timedelta(days=rng.randrange(0, 400))])
        start = effective or published
        until = rng.choice([None, None, start + dt.timedelta(days=rng.randrange(1, 1500))])
        docs.append(
            Document(
                agency=rng.choice([world.a, world.a, world.b]),
                kind=rng.choice(["rule", "normative", "normative", "other"]),
                title=f"文件{i}",
                stage="published",
                publicity="proactive",
                published_on=published,
                effective_on=effective,
                valid_until=until,
            )
        )
    docs = Document.objects.bulk_create(docs)
    effects = []
    for doc in docs:
        for _ in range(rng.choice([0, 0, 1, 1, 2, 3])):
            on = doc.published_on + dt.timedelta(days=rng.randrange(0, 1800))
            kind = rng.choice(["amends", "repeals", "declares_expired", "renews", "renews"])
            until = (
                on + dt.timedelta(days=rng.randrange(1, 1000))
                if kind == "renews" and rng.random() < 0.8
                else None
            )
            source = rng.choice(docs)
            effects.append(
                Effect(source=None if source.pk == doc.pk else source, basis="某文件" if source.pk == doc.pk else "",
                       target=doc, kind=kind, on=on, valid_until=until)
            )  # fmt: skip
    Effect.objects.bulk_create(effects)
    with connection.cursor() as cursor:  # the planner's statistics, as on a real database (bench/table2.py)
        cursor.execute("ANALYZE")


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_grouped_counts_equal_the_core_for_every_year_and_scope(world, seed):
    _library(world, seed)
    for year in range(2019, 2027):
        for agencies in ([world.a], [world.a, world.b], [world.b]):
            assert fast_table2_counts(agencies, year) == plain_table2_counts(agencies, year), (seed, year)


def test_the_switch_turns_the_grouped_counts_off(world, settings):
    _library(world, 5, n=60)
    settings.GONGKAI_FAST_PATHS = False
    plain = table2_counts([world.a], 2023)
    settings.GONGKAI_FAST_PATHS = True
    assert table2_counts([world.a], 2023) == plain


def test_a_renewal_decided_after_the_document_lapsed_does_not_revive_it(world):
    doc = Document.objects.create(
        agency=world.a, kind="normative", title="旧", stage="published", publicity="proactive",
        published_on=D(2020, 1, 1), valid_until=D(2022, 12, 31),
    )  # fmt: skip
    Effect.objects.create(source=None, basis="渝中财规〔2023〕1号", target=doc, kind="renews", on=D(2023, 2, 1),
                          valid_until=D(2027, 12, 31))  # fmt: skip
    assert fast_table2_counts([world.a], 2023)["normative_documents"].in_force == 0
    doc2 = Document.objects.create(
        agency=world.a, kind="normative", title="新", stage="published", publicity="proactive",
        published_on=D(2020, 1, 1), valid_until=D(2022, 12, 31),
    )  # fmt: skip
    Effect.objects.create(source=None, basis="渝中财规〔2022〕9号", target=doc2, kind="renews", on=D(2022, 12, 1),
                          valid_until=D(2027, 12, 31))  # fmt: skip
    assert fast_table2_counts([world.a], 2023)["normative_documents"].in_force == 1
