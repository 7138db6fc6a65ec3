"""Reads of the public 政府信息公开 column: an agency's published public documents (主动公开, and 部分公开
with its redacted text; never a draft, 依申请公开 or 不予公开), the search over them through the search
contract (``gongkai_web.search.queries.search``), and a document's validity with the document behind it.

Stable addresses: a document is ``/gk/<agency code>/documents/<year>-<serial>/``, the second half of its
索引号 (``{agency code}/{year}-{serial}``, never changed once given); the id when it has none."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field, replace

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from gongkai.labels import TOPIC_DISCLOSURE
from gongkai.publications import validity as core
from gongkai.publications.docnumber import parse_search_number
from gongkai.search.entry import DATE, DOCUMENT, RELEVANCE, Hit, SearchPage, SearchRequest
from gongkai_web.agencies.models import Agency
from gongkai_web.publications.models import Document, Effect, Publicity
from gongkai_web.publications.search_entries import public_documents, public_text
from gongkai_web.publications.staff_queries import validities
from gongkai_web.search.queries import search

PER_PAGE = 20
#: "No longer in force" is computed, not indexed: the first this many matches are read and checked.
ENDED_SCAN = 2000
_REF = re.compile(r"^(?P<year>\d{4})-(?P<serial>\d{1,6})$")
ENDED = (core.ValidityStatus.REPEALED, core.ValidityStatus.EXPIRED)


def column_agency(code: str) -> Agency:
    return get_object_or_404(Agency.objects.select_related("parent"), code=code)


def document_ref(doc: Document) -> str:
    prefix = f"{doc.agency.code}/"
    if doc.index_number.startswith(prefix) and _REF.match(doc.index_number[len(prefix) :]):
        return doc.index_number[len(prefix) :]
    return str(doc.pk)


def document_url(doc: Document) -> str:
    return reverse("portal:column_document", args=[doc.agency.code, document_ref(doc)])


def _at(docs: QuerySet[Document], agency: Agency, ref: str) -> Document | None:
    docs = docs.filter(agency=agency).select_related("agency")
    if _REF.match(ref):
        return docs.filter(index_number=f"{agency.code}/{ref}").first()
    if ref.isascii() and ref.isdigit() and len(ref) < 12:
        return docs.filter(pk=int(ref)).first()
    return None


def public_document(agency: Agency, ref: str) -> Document:
    """The agency's public document at ``ref`` (its 索引号's second half, or its id); 404 otherwise."""
    found = _at(public_documents(), agency, ref)
    if found is None:
        raise Http404
    return found


def withdrawn_document(agency: Agency, ref: str) -> Document | None:
    """The document that was public at ``ref`` and has been withdrawn since (停止公开), if any."""
    return _at(Document.objects.filter(withdrawn_on__isnull=False, published_on__isnull=False), agency, ref)


def shown_text(doc: Document) -> str:
    return public_text(doc)


def files_offered(doc: Document) -> bool:
    """A 部分公开 document is published as its redacted text only: its files (the original text and the
    attachments, which may hold what was withheld) are not offered."""
    return doc.publicity == Publicity.PROACTIVE


# ── the document page ──────────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class EffectRow:
    effect: Effect
    #: The acting (or affected) document's public page, when the public may read it.
    url: str


def _public_ids(pks) -> set[int]:
    return set(public_documents().filter(pk__in=pks).values_list("pk", flat=True))


def effects_received(doc: Document) -> list[EffectRow]:
    effects = list(doc.effects.select_related("source", "source__agency"))
    public = _public_ids([e.source_id for e in effects if e.source_id])
    return [EffectRow(e, document_url(e.source) if e.source_id in public else "") for e in effects]  # type: ignore[arg-type]


def effects_given(doc: Document) -> list[EffectRow]:
    effects = list(doc.effects_given.select_related("target", "target__agency"))
    public = _public_ids([e.target_id for e in effects])
    return [EffectRow(e, document_url(e.target) if e.target_id in public else "") for e in effects]


def basis_url(validity: core.Validity | None, received: list[EffectRow]) -> str:
    """The public page of the document behind the status (the repealing, amending or expiry-declaring
    one), when the banner names one that is in the library and public."""
    if validity is None or not validity.basis:
        return ""
    for row in reversed(received):
        if row.effect.on == validity.since and row.url:
            return row.url
    return ""


# ── the list and the search ────────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Filters:
    text: str = ""
    issuer: int | None = None
    year: int | None = None
    topic: str = ""
    genre: str = ""
    #: "in_force", "ended" or "" (all).
    validity: str = ""
    sort: str = RELEVANCE
    page: int = 1

    @property
    def active_count(self) -> int:
        """How many of the filters (issuer, year, 主题, 体裁, validity) narrow the list: the count the
        collapsed filters' summary shows."""
        return sum(bool(v) for v in (self.issuer, self.year, self.topic, self.genre, self.validity))


@dataclass(frozen=True)
class Row:
    hit: Hit
    doc: Document
    url: str
    validity: core.Validity | None


@dataclass
class Results:
    page: SearchPage
    total: int
    rows: list[Row] = field(default_factory=list)
    number: int = 1
    pages: int = 1

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.pages


def search_text(text: str) -> str:
    """What is sent to the engine: a 文号 in any bracket form (渝府发[2023]1号, 渝府发 2023 1) as it is
    stored (渝府发〔2023〕1号); other words as typed."""
    text = " ".join(text.split())
    number = parse_search_number(text) if text else None
    return str(number) if number is not None else text


def find_documents(filters: Filters, *, scope: Agency | None, today: dt.date) -> Results:
    """The public documents matching ``filters``, in ``scope``'s subtree (the whole site when None)."""
    text = search_text(filters.text)
    request = SearchRequest(
        text=text,
        kinds=(DOCUMENT,),
        agency_id=filters.issuer,
        agency_path=scope.path if scope is not None else "",
        year=filters.year,
        topic=filters.topic,
        genre=filters.genre,
        in_force_on=today if filters.validity == "in_force" else None,
        # Without words there is no relevance: newest first.
        sort=filters.sort if text and filters.sort in (RELEVANCE, DATE) else DATE,
        page=max(1, filters.page),
        per_page=PER_PAGE,
    )
    if filters.validity == "ended":
        return _ended(request, today)
    found = search(request)
    pages = max(1, math.ceil(found.total / PER_PAGE))
    if request.page > pages:
        found = search(replace(request, page=pages))
    results = Results(found, found.total, number=min(request.page, pages), pages=pages)
    results.rows = _rows(found.hits, today)
    return results


def _ended(request: SearchRequest, today: dt.date) -> Results:
    """No longer in force today (废止 or 失效): the engine filters only "in force on a day", so the first
    ``ENDED_SCAN`` matches are read and their validity computed (one query for their effects)."""
    found = search(replace(request, page=1, per_page=ENDED_SCAN))
    docs = _documents(found.hits)
    status = validities(docs.values(), today)
    kept = [h for h in found.hits if h.key in docs and (v := status[h.key]) is not None and v.status in ENDED]
    pages = max(1, math.ceil(len(kept) / PER_PAGE))
    number = min(request.page, pages)
    shown = kept[(number - 1) * PER_PAGE : number * PER_PAGE]
    results = Results(found, len(kept), number=number, pages=pages)
    results.rows = [Row(h, docs[h.key], document_url(docs[h.key]), status[h.key]) for h in shown]
    return results


def _documents(hits: list[Hit]) -> dict[int, Document]:
    """The hits' documents, only public ones (the index holds only those; checked again here)."""
    keys = [h.key for h in hits if h.kind == DOCUMENT]
    return public_documents().select_related("agency").in_bulk(keys)


def _rows(hits: list[Hit], today: dt.date) -> list[Row]:
    docs = _documents(hits)
    status = validities(docs.values(), today)
    return [Row(h, docs[h.key], document_url(docs[h.key]), status[h.key]) for h in hits if h.key in docs]


# ── the filters' choices ───────────────────────────────────────────────────────────────────────────


def scoped(scope: Agency | None) -> QuerySet[Document]:
    docs = public_documents()
    return docs if scope is None else docs.filter(agency__path__startswith=scope.path)


def issuers(scope: Agency | None) -> QuerySet[Agency]:
    """The agencies of ``scope``'s subtree (the whole site when None) that have published a public
    document."""
    return Agency.objects.filter(pk__in=scoped(scope).values("agency")).order_by("path")


def years(scope: Agency | None) -> list[int]:
    return sorted({d.year for d in scoped(scope).dates("published_on", "year")}, reverse=True)


def distinct_values(scope: Agency | None, name: str) -> list[str]:
    values = scoped(scope).exclude(**{name: ""}).order_by(name).values_list(name, flat=True).distinct()
    return list(values)


def latest(scope: Agency, limit: int = 5) -> list[Document]:
    docs = scoped(scope).select_related("agency").order_by("-published_on", "-pk")
    return list(docs[:limit])


def disclosure_rules(agency: Agency) -> list[Document]:
    """The 政务公开 rules the agency and the governments above it published (topic
    ``综合政务\\政务公开``)."""
    above = [int(pk) for pk in agency.path.strip("/").split("/") if pk]
    docs = public_documents().filter(agency__in=above, topic=TOPIC_DISCLOSURE).select_related("agency")
    return list(docs.order_by("-published_on", "-pk"))


def home_documents(text: str, today: dt.date) -> Results:
    """The home page's search box over the documents (it searches the agencies' names too)."""
    return find_documents(Filters(text=text), scope=None, today=today)
