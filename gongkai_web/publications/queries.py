"""Reads of the document library: validity as of a date (the core decides), and table 2's counts."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet, Sum

from gongkai.publications import periods
from gongkai.publications import table2 as core_table2
from gongkai.publications import validity as core

from .models import Document, DocumentKind, Effect, EffectKind, Stage, StatisticItem, YearStatistic

#: Table 2's kinds (the core's keys) by the library's document kinds.
TABLE2_KINDS = {DocumentKind.RULE: "rules", DocumentKind.NORMATIVE: "normative_documents"}


def _core_effect(effect: Effect, basis: str) -> core.Effect:
    return core.Effect(core.EffectKind(effect.kind), effect.on, basis, effect.valid_until)


def effects_on(doc: Document) -> list[core.Effect]:
    return [_core_effect(e, e.basis_text) for e in doc.effects.select_related("source")]


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
    counts a joint document). Grouped SQL counts (``fast_table2_counts``); with ``GONGKAI_FAST_PATHS=0``
    the plain path: every document loaded and counted by the core (``plain_table2_counts``)."""
    if settings.GONGKAI_FAST_PATHS:
        return fast_table2_counts(agencies, year)
    return plain_table2_counts(agencies, year)


def _table2_documents(agencies, last: dt.date) -> QuerySet[Document]:
    return library(agencies).filter(kind__in=TABLE2_KINDS, published_on__lte=last)


def plain_table2_counts(agencies, year: int) -> dict[str, core_table2.DocumentCounts]:
    """Table 2's counts by the core's reference: one query for the documents, one for their effects."""
    last = dt.date(year, 12, 31)
    rows = list(
        _table2_documents(agencies, last).values_list(
            "pk", "kind", "published_on", "effective_on", "valid_until"
        )
    )
    effects = _core_effects(_table2_documents(agencies, last).values("pk"), last)
    documents = [
        core_table2.LibraryDocument(
            TABLE2_KINDS[DocumentKind(kind)], core.DocumentDates(pub, eff, until), effects[pk]
        )
        for pk, kind, pub, eff, until in rows
        if pub is not None  # always: published (the constraint document_published_has_date)
    ]
    return core_table2.count_documents(documents, year)


#: Up to this many agencies, the scope goes into the SQL as a list of ids rather than a subquery.
SCOPE_AS_LIST = 1000


def _agency_ids(agencies):
    """A district's few dozen agencies as a list of ids: PostgreSQL then estimates the documents of the
    scope from its statistics and reads them through the (agency, published_on) index, where behind a
    subquery it guessed and scanned the whole library (1.2 s for a district of 33,537 documents in
    1,000,000). A city's thousands stay a subquery: the scan is what it needs anyway."""
    if not isinstance(agencies, QuerySet):
        return agencies
    ids = list(agencies.order_by().values_list("pk", flat=True)[: SCOPE_AS_LIST + 1])
    return agencies if len(ids) > SCOPE_AS_LIST else ids


def _core_effects(targets, last: dt.date) -> dict[int, list[core.Effect]]:
    effects: dict[int, list[core.Effect]] = defaultdict(list)
    for target, kind, on, valid_until in (
        Effect.objects.filter(target__in=targets, on__lte=last)
        .order_by("on", "id")
        .values_list("target", "kind", "on", "valid_until")
    ):
        effects[target].append(core.Effect(core.EffectKind(kind), on, "", valid_until))
    return effects


def fast_table2_counts(agencies, year: int) -> dict[str, core_table2.DocumentCounts]:
    """Table 2's counts as one grouped SQL aggregate, equal to the core's (tests/web/test_table2_fast.py):

    - 本年制发: published in the year;
    - 本年废止: with a 废止 effect dated in the year;
    - 现行有效 on 31 December: published, taken effect (施行日期, or publication) by then, not ended by a
      废止 or 宣布失效 effect dated on or before it, and 有效期至 not before it. A renewal (延续有效期)
      counts only when decided before the document lapsed — a chain the core walks; the few documents
      with a renewal are counted by the core itself, from their own rows.

    One pass over the documents, joined to their effects up to 31 December folded to one row per
    document (flags), grouped by kind: the database reads each table once."""
    return _grouped_counts(_agency_ids(agencies), year, by_agency=False)[None]


def table2_counts_by_agency(agencies, year: int) -> dict[int, dict[str, core_table2.DocumentCounts]]:
    """Agency id → table 2's counts of the documents that agency issued (lead issuer), for many agencies in
    one pass (a roll-up of a city's hundreds): the grouped aggregate of ``fast_table2_counts`` grouped by
    agency too; each agency's counts equal ``table2_counts`` of that agency alone. Agencies without
    documents get zeros. With ``GONGKAI_FAST_PATHS=0``: ``plain_table2_counts`` agency by agency."""
    agencies = list(agencies)
    ids = [a if isinstance(a, int) else a.pk for a in agencies]
    if not settings.GONGKAI_FAST_PATHS:
        return {pk: plain_table2_counts([pk], year) for pk in ids}
    found = _grouped_counts(ids, year, by_agency=True)
    empty = {kind: core_table2.DocumentCounts(0, 0, 0) for kind in core_table2.KINDS}
    return {pk: found.get(pk, empty) for pk in ids}


def _zeros() -> dict[str, list[int]]:
    return {kind: [0, 0, 0] for kind in core_table2.KINDS}


def _grouped_counts(
    scope, year: int, *, by_agency: bool
) -> dict[int | None, dict[str, core_table2.DocumentCounts]]:
    """The counts of ``fast_table2_counts``, keyed by agency id (``by_agency``) or under ``None``."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    docs = _table2_documents(scope, last).order_by()
    inner, inner_params = docs.values(
        "pk", "kind", "published_on", "effective_on", "valid_until", "agency_id"
    ).query.sql_with_params()
    q, day = connection.ops.quote_name, connection.ops.adapt_datefield_value
    effects = (
        f"SELECT {q('target_id')} AS target,"
        f" MAX(CASE WHEN {q('kind')} = %s AND {q('on')} >= %s THEN 1 ELSE 0 END) AS repealed,"
        f" MAX(CASE WHEN {q('kind')} = %s OR {q('kind')} = %s THEN 1 ELSE 0 END) AS ended,"
        f" MAX(CASE WHEN {q('kind')} = %s THEN 1 ELSE 0 END) AS renewed"
        f" FROM {q(Effect._meta.db_table)} WHERE {q('on')} <= %s"
        # Only the effects on the scope's documents: a district's table folds its own few thousand,
        # not the whole library's (the city's scope is the library: the semi-join costs it little).
        f" AND {q('target_id')} IN (SELECT t.pk FROM ({inner}) t) GROUP BY {q('target_id')}"
    )
    effect_params = [
        EffectKind.REPEALS.value, day(first), EffectKind.REPEALS.value, EffectKind.DECLARES_EXPIRED.value,
        EffectKind.RENEWS.value, day(last), *inner_params,
    ]  # fmt: skip
    # PostgreSQL refuses a constant in GROUP BY ("non-integer constant"): the whole scope groups by kind.
    group, grouped_by = ("d.agency_id", "d.agency_id, d.kind") if by_agency else ("NULL", "d.kind")
    sql = (
        f"SELECT {group}, d.kind,"
        " SUM(CASE WHEN d.published_on >= %s THEN 1 ELSE 0 END),"
        " SUM(COALESCE(e.repealed, 0)),"
        " SUM(CASE WHEN (d.effective_on IS NULL OR d.effective_on <= %s)"
        " AND (d.valid_until IS NULL OR d.valid_until >= %s)"
        " AND COALESCE(e.ended, 0) = 0 AND COALESCE(e.renewed, 0) = 0 THEN 1 ELSE 0 END)"
        f" FROM ({inner}) d LEFT JOIN ({effects}) e ON e.target = d.pk GROUP BY {grouped_by}"
    )
    tallies: dict[int | None, dict[str, list[int]]] = defaultdict(_zeros)
    if not by_agency:  # the whole scope: zeros when it has no documents
        tallies[None] = _zeros()
    with connection.cursor() as cursor:
        cursor.execute(sql, [day(first), day(last), day(last), *inner_params, *effect_params])
        for agency_id, kind, issued, repealed, in_force in cursor.fetchall():
            counts = tallies[agency_id][TABLE2_KINDS[DocumentKind(kind)]]
            counts[0], counts[1], counts[2] = int(issued), int(repealed), int(in_force)
    # The renewed documents (few): their rows through the renewals, their effects by the core.
    renewed = Effect.objects.filter(kind=EffectKind.RENEWS, on__lte=last).values("target")
    renewed_here = docs.filter(pk__in=renewed)
    rows = list(
        renewed_here.values_list("pk", "kind", "published_on", "effective_on", "valid_until", "agency_id")
    )
    # The chains of the scope's renewed documents only (the library's are ten times a district's).
    chains = _core_effects(renewed_here.values("pk"), last)
    for pk, kind, pub, eff, until, agency_id in rows:
        assert pub is not None  # published: the constraint document_published_has_date
        status = core.validity_on(core.DocumentDates(pub, eff, until), chains[pk], last)
        tally = tallies[agency_id if by_agency else None]
        tally[TABLE2_KINDS[DocumentKind(kind)]][2] += status is not None and status.status.in_force
    return {
        key: {kind: core_table2.DocumentCounts(*values) for kind, values in tally.items()}
        for key, tally in tallies.items()
    }


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


def statistic_totals_by_agency(agencies, year: int) -> dict[int, dict[str, Decimal | None]]:
    """Agency id → ``statistic_totals`` of that agency alone, for many agencies in one grouped query."""
    ids = [a if isinstance(a, int) else a.pk for a in agencies]
    totals: dict[int, dict[str, Decimal | None]] = {pk: dict.fromkeys(StatisticItem.values) for pk in ids}
    rows = (
        YearStatistic.objects.filter(agency__in=ids, year=year)
        .values("agency_id", "item")
        .annotate(total=Sum("value"))
        .values_list("agency_id", "item", "total")
    )
    for agency_id, item, total in rows:
        totals[agency_id][item] = total
    return totals


@dataclass(frozen=True)
class EvaluationDue:
    document: Document
    opens: dt.date
    closes: dt.date


def evaluations_due(agencies, today: dt.date) -> list[EvaluationDue]:
    """Published documents in force whose evaluation window is open today (the six months before their
    validity ends, ``periods.evaluation_window``) and that have no evaluation recorded in it yet."""
    candidates = (
        library(agencies)
        # a bound with room for month ends (29 Feb opens the window of 31 Aug): the window is checked below
        .filter(
            valid_until__gte=today,
            valid_until__lte=periods.add_months(today, periods.EVALUATION_MONTHS) + dt.timedelta(days=3),
        )
        .select_related("agency")
        .order_by("valid_until", "pk")
    )
    due = []
    for doc in candidates:
        assert doc.valid_until is not None  # filtered above
        opens, closes = periods.evaluation_window(doc.valid_until)
        current = validity_of(doc, today)
        if opens > today or current is None or not current.status.in_force:
            continue
        if not doc.events.filter(kind="evaluated", on__gte=opens).exists():
            due.append(EvaluationDue(doc, opens, closes))
    return due
