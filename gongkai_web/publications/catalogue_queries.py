"""Reads of the publication clock: each catalogue item's state (the core decides, from its linked
documents' 形成 and 发布 dates), and documents formed but not yet published with their due date
(条例第二十六条, ``periods.publication_due``). The catalogue pages, the 待公开 worklist and the reminder
command (``send_publication_reminders``) all read through these. "Due soon" is
``GONGKAI_DUE_SOON_WORKDAYS`` working days, as for applications."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet

from gongkai import workdays
from gongkai.publications import catalogue as core
from gongkai.publications import periods
from gongkai.publications.docnumber import parse_search_number

from .catalogue_models import CatalogueItem, CatalogueLink
from .models import Document, Publicity

#: The worklist's states, worst first.
DUE_STATES = (core.OVERDUE, core.DUE_SOON)


def due_soon_horizon(today: dt.date) -> dt.date:
    return workdays.add_working_days(today, settings.GONGKAI_DUE_SOON_WORKDAYS)


def catalogue_items(agencies, *, retired: bool = False) -> QuerySet[CatalogueItem]:
    """Items of ``agencies`` (current ones; with ``retired``, the retired ones instead)."""
    items = CatalogueItem.objects.filter(agency__in=agencies, retired_on__isnull=not retired)
    return items.select_related("agency", "owner")


@dataclass(frozen=True)
class ItemRow:
    item: CatalogueItem
    status: core.ItemStatus
    documents: tuple[Document, ...]

    @property
    def state(self) -> str:
        return self.status.state


def _linked(links: Iterable[CatalogueLink]) -> list[core.Linked]:
    return [
        core.Linked(link.document_id, link.document.formed_on, link.document.published_on) for link in links
    ]


def item_rows(items: QuerySet[CatalogueItem] | Iterable[CatalogueItem], today: dt.date) -> list[ItemRow]:
    """Each item with its state on ``today`` and its documents (one query for all the links)."""
    items = list(items)
    links: dict[int, list[CatalogueLink]] = defaultdict(list)
    for link in (
        CatalogueLink.objects.filter(item__in=items).select_related("document").order_by("linked_at", "id")
    ):
        links[link.item_id].append(link)
    horizon = due_soon_horizon(today)
    return [
        ItemRow(
            item,
            core.item_status(
                limit=item.time_limit,
                periodicity=item.periodicity,
                since=item.since,
                linked=_linked(links[item.pk]),
                today=today,
                horizon=horizon,
                retired=item.retired_on is not None and item.retired_on <= today,
            ),
            tuple(link.document for link in links[item.pk]),
        )
        for item in items
    ]


def due_items(agencies, today: dt.date) -> list[ItemRow]:
    """Current items of ``agencies`` that are overdue or due soon, the longest overdue first."""
    rows = [r for r in item_rows(catalogue_items(agencies), today) if r.state in DUE_STATES]
    return sorted(rows, key=lambda r: (_worst_first_key(r.state), r.status.due or dt.date.max, r.item.pk))


def _worst_first_key(state: str) -> int:
    return DUE_STATES.index(state) if state in DUE_STATES else len(DUE_STATES)


def unpublished_documents(agencies) -> QuerySet[Document]:
    """Documents of ``agencies`` formed but not yet published, except those decided not to be
    published proactively (依申请公开, 不予公开): those owe no publication."""
    return (
        Document.objects.filter(agency__in=agencies, published_on__isnull=True, formed_on__isnull=False)
        .exclude(publicity__in=[Publicity.ON_REQUEST, Publicity.WITHHELD])
        .select_related("agency")
    )


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    due: dt.date
    state: str


def document_rows(documents: Iterable[Document], today: dt.date) -> list[DocumentRow]:
    horizon = due_soon_horizon(today)
    rows = []
    for doc in documents:
        assert doc.formed_on is not None  # unpublished_documents selects by it
        due = periods.publication_due(doc.formed_on)
        obligation = core.Obligation(doc.formed_on, due)
        rows.append(DocumentRow(doc, due, obligation.state(today, horizon)))
    return rows


def due_documents(agencies, today: dt.date) -> list[DocumentRow]:
    """Unpublished documents of ``agencies`` overdue or due soon, the earliest due first."""
    rows = [r for r in document_rows(unpublished_documents(agencies), today) if r.state in DUE_STATES]
    return sorted(rows, key=lambda r: (r.due, r.document.pk))


#: How many matches the link-a-document search shows (the staff narrow the words beyond that).
LINK_CANDIDATES = 20


def linkable_documents(item: CatalogueItem) -> QuerySet[Document]:
    """The documents an item may be linked to: its agency's own or joint ones, not linked yet."""
    return (
        Document.objects.filter(Q(agency=item.agency) | Q(co_issuers=item.agency))
        .exclude(catalogue_links__item=item)
        .distinct()
        .order_by("-formed_on", "-id")
    )


def link_candidates(item: CatalogueItem, query: str) -> list[Document]:
    """The linkable documents a staff member's words find: a 文号 in any bracket form (渝财发[2023]5号)
    matches the number; otherwise every word must be in the title."""
    return documents_matching(linkable_documents(item), query)


def documents_matching(documents: QuerySet[Document], query: str) -> list[Document]:
    """The first ``LINK_CANDIDATES`` of ``documents`` a staff member's words find: a 文号 in any bracket
    form matches the number, otherwise every word must be in the title (every link-a-document search)."""
    query = query.strip()
    if not query:
        return []
    number = parse_search_number(query)
    if number is not None:
        documents = documents.filter(number=str(number))
    else:
        for word in query.split():
            documents = documents.filter(title__contains=word)
    return list(documents[:LINK_CANDIDATES])
