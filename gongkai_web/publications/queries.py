"""Reads of the document library: validity as of a date (the core decides), and table 2's counts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import QuerySet, Sum

from gongkai.publications import table2 as core_table2
from gongkai.publications import validity as core

from .models import Document, DocumentKind, Effect, Stage, StatisticItem, YearStatistic

#: Table 2's kinds (the core's keys) by the library's document kinds.
TABLE2_KINDS = {DocumentKind.RULE: "rules", DocumentKind.NORMATIVE: "normative_documents"}


def _core_effect(effect: Effect, basis: str) -> core.Effect:
    return core.Effect(core.EffectKind(effect.kind), effect.on, basis, effect.valid_until)


def effects_on(doc: Document) -> list[core.Effect]:
    return [_core_effect(e, e.source.number or e.source.title) for e in doc.effects.select_related("source")]


def validity_of(doc: Document, day: dt.date) -> core.Validity | None:
    """The document's validity on ``day`` with its basis; None when it was not published by then."""
    if doc.published_on is None:
        return None
    dates = core.DocumentDates(doc.published_on, doc.effective_on, doc.valid_until)
    return core.validity_on(dates, effects_on(doc), day)


def library(agencies: Iterable | QuerySet | None = None) -> QuerySet[Document]:
    """Published documents (of ``agencies`` when given)."""
    docs = Document.objects.filter(stage=Stage.PUBLISHED)
    return docs if agencies is None else docs.filter(agency__in=agencies)


def table2_counts(agencies, year: int) -> dict[str, core_table2.DocumentCounts]:
    """本年制发 / 本年废止 / 现行有效 of 规章 and 行政规范性文件 issued by ``agencies`` (the lead issuer
    counts a joint document), from the records: one query for the documents, one for their effects."""
    last = dt.date(year, 12, 31)
    rows = list(
        library(agencies)
        .filter(kind__in=TABLE2_KINDS, published_on__lte=last)
        .values_list("pk", "kind", "published_on", "effective_on", "valid_until")
    )
    effects: dict[int, list[core.Effect]] = defaultdict(list)
    for target, kind, on, valid_until in Effect.objects.filter(
        target__in=[r[0] for r in rows], on__lte=last
    ).values_list("target", "kind", "on", "valid_until"):
        effects[target].append(core.Effect(core.EffectKind(kind), on, "", valid_until))
    documents = [
        core_table2.LibraryDocument(
            TABLE2_KINDS[DocumentKind(kind)], core.DocumentDates(pub, eff, until), effects[pk]
        )
        for pk, kind, pub, eff, until in rows
        if pub is not None  # always: published (the constraint document_published_has_date)
    ]
    return core_table2.count_documents(documents, year)


def statistic_totals(agencies, year: int) -> dict[str, Decimal | None]:
    """The sum of each table 2 figure entered for ``agencies`` in ``year``; None for a figure nobody
    entered (missing is not 0: the report shows it as missing and the validator says so)."""
    totals: dict[str, Decimal | None] = dict.fromkeys(StatisticItem.values)
    rows = (
        YearStatistic.objects.filter(agency__in=agencies, year=year)
        .values("item")
        .annotate(total=Sum("value"))
        .values_list("item", "total")
    )
    for item, total in rows:
        totals[item] = total
    return totals
