"""Reads of 政策解读: a document's interpretations and its 同步 gate, the interpretations due (overdue or due
soon) in a set of agencies, the coverage and 形象化、通俗化 ratios per agency and year, and the published
interpretations the public page shows. The rules are the core's (``gongkai.publications.interpretation``).

Documents entered by an import (their ``published`` event marked ``imported``) were published before the
platform: their interpretations, if any, are outside it, so they owe none here."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from gongkai import labels
from gongkai.publications import interpretation as core
from gongkai.search.entry import Entry

from .catalogue_queries import DUE_STATES, due_soon_horizon
from .interpretation_models import Interpretation
from .models import Document, Stage


def _day(moment: dt.datetime | None) -> dt.date | None:
    return timezone.localdate(moment) if moment is not None else None


def document_facts(doc: Document) -> core.DocumentFacts:
    return core.DocumentFacts(doc.kind, doc.publicity, doc.signed_on, doc.published_on)


def interpretation_facts(interp: Interpretation) -> core.InterpretationFacts:
    return core.InterpretationFacts(
        interp.form, _day(interp.drafted_at), _day(interp.signed_at), interp.published_on
    )


def interpretations_of(doc: Document) -> list[Interpretation]:
    return list(doc.interpretations.select_related("drafted_by", "signed_by").order_by("id"))


def public_interpretations(doc: Document) -> list[Interpretation]:
    """The published interpretations of ``doc``, first published first (for the public document page)."""
    return list(doc.interpretations.filter(published_on__isnull=False).order_by("published_on", "id"))


@dataclass(frozen=True)
class DocumentInterpretations:
    """What the staff document page shows: the interpretations, the gate, the obligation."""

    interpretations: list[Interpretation]
    gate: tuple[core.GateStep, ...]
    missing: list[str]
    status: core.DueStatus
    needed: bool
    #: What 签发 still waits for (同步起草, 同步审签), while the document is not signed yet.
    signing_waits: list[str]

    @property
    def signing_waits_label(self) -> str:
        return labels.ENUMERATION_COMMA.join(labels.INTERPRETATION_SYNC[s] for s in self.signing_waits)

    @property
    def gate_rows(self) -> list[dict]:
        """The gate for the template: each step with its official label (同步起草、同步审签、同步发布)."""
        return [
            {
                "step": g.step,
                "blocks_signing": g.step in self.signing_waits,
                "label": labels.INTERPRETATION_SYNC[g.step],
                "state": g.state,
                "on": g.on,
                "document_on": g.document_on,
            }
            for g in self.gate
        ]


def for_document(doc: Document, today: dt.date) -> DocumentInterpretations:
    found = interpretations_of(doc)
    facts = [interpretation_facts(i) for i in found]
    gate = core.sync_gate(document_facts(doc), facts)
    status = core.due_status(document_facts(doc), facts, today=today, horizon=due_soon_horizon(today))
    return DocumentInterpretations(
        found,
        gate,
        core.missing_steps(gate),
        status,
        core.needs_interpretation(document_facts(doc)),
        _signing_waits(doc, facts),
    )


def signing_waits(doc: Document) -> str:
    """The 同步 steps 签发 of ``doc`` still waits for, by their official labels ("" : none), for the sign page."""
    waits = _signing_waits(doc, [interpretation_facts(i) for i in interpretations_of(doc)])
    return labels.ENUMERATION_COMMA.join(labels.INTERPRETATION_SYNC[s] for s in waits)


def _signing_waits(doc: Document, facts: Sequence[core.InterpretationFacts]) -> list[str]:
    """Before 签发: the steps it waits for, judged on the 公开属性 proposed (the one it will be signed with;
    主动公开 until one is proposed, so the drafter is told early)."""
    if doc.signed_on is not None or doc.stage not in (Stage.DRAFT, Stage.IN_COMMENT):
        return []
    proposal = doc.events.filter(kind="publicity_proposed").order_by("-on", "-id").first()
    publicity = proposal.data["publicity"] if proposal else doc.publicity or "proactive"
    return core.missing_at_signing(doc.kind, publicity, facts)


def owing_documents(agencies) -> QuerySet[Document]:
    """Published 规章 and 行政规范性文件 (主动公开, 部分公开) of ``agencies`` published on the platform."""
    return (
        Document.objects.filter(
            agency__in=agencies,
            stage=Stage.PUBLISHED,
            kind__in=sorted(core.NEEDING_KINDS),
            publicity__in=sorted(core.PUBLISHED_PUBLICITY),
        )
        .exclude(events__kind="published", events__data__imported=True)
        .select_related("agency")
    )


@dataclass(frozen=True)
class DueRow:
    document: Document
    status: core.DueStatus

    @property
    def state(self) -> str:
        return self.status.state

    @property
    def due(self) -> dt.date | None:
        return self.status.due


def due_interpretations(agencies, today: dt.date) -> list[DueRow]:
    """Documents of ``agencies`` whose interpretation is overdue or due soon on ``today`` (none of their
    interpretations published yet), the earliest due first."""
    documents = owing_documents(agencies).exclude(interpretations__published_on__lte=today)
    horizon = due_soon_horizon(today)
    rows = []
    for doc in documents:
        status = core.due_status(document_facts(doc), [], today=today, horizon=horizon)
        if status.state in DUE_STATES:
            rows.append(DueRow(doc, status))
    return sorted(rows, key=lambda r: (r.status.due or dt.date.max, r.document.pk))


def _published_facts(documents: Iterable[int], as_of: dt.date) -> dict[int, list[core.InterpretationFacts]]:
    found: dict[int, list[core.InterpretationFacts]] = defaultdict(list)
    rows = Interpretation.objects.filter(document__in=list(documents), published_on__lte=as_of).values_list(
        "document_id", "form", "published_on"
    )
    for document_id, form, published_on in rows:
        found[document_id].append(core.InterpretationFacts(form, published_on=published_on))
    return found


def ratios_by_agency(agencies, year: int, *, as_of: dt.date) -> dict[int, core.Ratios]:
    """Each agency's ratios for the documents it published in ``year`` (by agency id; an agency with no
    such document is absent), counting interpretations published by ``as_of``."""
    docs = list(
        owing_documents(agencies)
        .filter(published_on__year=year)
        .values_list("pk", "agency_id", "kind", "publicity", "signed_on", "published_on")
    )
    interpretations = _published_facts((d[0] for d in docs), as_of)
    by_agency: dict[int, list[tuple[core.DocumentFacts, Sequence[core.InterpretationFacts]]]] = defaultdict(
        list
    )
    for pk, agency_id, kind, publicity, signed_on, published_on in docs:
        by_agency[agency_id].append(
            (core.DocumentFacts(kind, publicity, signed_on, published_on), interpretations[pk])
        )
    return {agency_id: core.ratios(rows, as_of=as_of) for agency_id, rows in by_agency.items()}


def subtree_ratios(agencies, year: int, *, as_of: dt.date) -> core.Ratios:
    """The ratios over all of ``agencies`` (an agency and the agencies below it: pass the subtree)."""
    total = core.Ratios()
    for found in ratios_by_agency(agencies, year, as_of=as_of).values():
        total = total + found
    return total


def ratio_rows(agencies, today: dt.date) -> dict:
    """The 待公开 page's ratios for ``today``'s year: each agency with documents needing an interpretation,
    and the total over ``agencies`` (an agency's subtree, or all the user's agencies)."""
    found = ratios_by_agency(agencies, today.year, as_of=today)
    listed = [a for a in agencies.order_by("path") if a.pk in found] if found else []
    total = core.Ratios()
    for r in found.values():
        total = total + r
    return {
        "ratio_year": today.year,
        "ratios": [(a, _shown(found[a.pk])) for a in listed],
        "ratio_total": _shown(total),
    }


def _shown(r: core.Ratios) -> dict:
    return {
        "needing": r.needing,
        "covered": r.covered,
        "interpretations": r.interpretations,
        "visual": r.visual,
        "coverage": core.percent(r.coverage),
        "visual_ratio": core.percent(r.visual_ratio),
    }


# ── the search provider (``manage.py reindex_search``) ──────────────────────────────────────────


def _published() -> QuerySet[Interpretation]:
    """Published interpretations of documents still public (one withdrawn takes its interpretations along)."""
    return Interpretation.objects.filter(published_on__isnull=False, document__withdrawn_on__isnull=True)


def search_batch(after: int, limit: int) -> list[Entry]:
    from .services.interpretations import search_entry

    found = _published().filter(pk__gt=after).select_related("document", "document__agency").order_by("pk")
    return [search_entry(i.document, i) for i in found[:limit]]


def search_count() -> int:
    return _published().count()
