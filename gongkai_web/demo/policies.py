"""Curated policy documents for the demo library: about 120 规范性文件 and other documents with real-looking
文号, issuers among the demo agencies, 主题分类 and bodies written in the style of 政策文件 (the data file
``data/policies.json``: written for the search relevance set, not copied from real documents).

``write_policies`` adds them to the library as published documents (dated 2024–2025, after the seed's
year, so that table 2 of the seed year is untouched) and hands them to the search index through
``search.services.index_entries``. The judged query set (``gongkai_web/search/judgments/policies.json``)
grades these documents by their 文号. Run again, it adds nothing: a document whose 文号 is taken is left
as it is."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.db import transaction
from django.db.models import Max

from gongkai.publications.docnumber import parse_document_number
from gongkai.search.entry import DOCUMENT, Entry
from gongkai_web.agencies.models import Agency
from gongkai_web.publications.models import (
    Document,
    DocumentEvent,
    DocumentKind,
    NumberSequence,
    Publicity,
    Stage,
)
from gongkai_web.publications.services.publishing import INDEX_SEQUENCE_PREFIX
from gongkai_web.search.services import index_entries

DATA = Path(__file__).resolve().parent / "data" / "policies.json"
VALIDITY_YEARS = 5


@dataclass(frozen=True)
class Policy:
    number: str
    issuer: str
    kind: str
    published_on: dt.date
    topic: str
    title: str
    body: str

    @property
    def genre(self) -> str:
        """The 文种, the title's last two characters (实施意见 → 意见, 管理办法 → 办法)."""
        return self.title[-2:]


@cache
def policies() -> tuple[Policy, ...]:
    data = json.loads(DATA.read_text(encoding="utf-8"))
    topics = data["topics"]
    return tuple(
        Policy(
            number=row["number"],
            issuer=row["issuer"],
            kind=row["kind"],
            published_on=dt.date.fromisoformat(row["published"]),
            topic=topics[row["topic"]],
            title=row["title"],
            body=row["body"],
        )
        for row in data["documents"]
    )


def write_policies(agencies: Sequence[Agency]) -> int:
    """Add the curated documents whose issuer is among ``agencies`` (by name) and whose 文号 is free;
    index them. Returns how many were added."""
    by_name = {a.name: a for a in agencies}
    with transaction.atomic():
        taken = set(Document.objects.exclude(number="").values_list("number", flat=True))
        chosen = [p for p in policies() if p.issuer in by_name and p.number not in taken]
        documents = [_document(p, by_name[p.issuer]) for p in chosen]
        _index_numbers(documents)
        saved = Document.objects.bulk_create(documents)
        DocumentEvent.objects.bulk_create(
            [
                DocumentEvent(document=doc, kind="published", on=p.published_on, data={"demo": True})
                for doc, p in zip(saved, chosen, strict=True)
            ]
        )
        _advance_sequences(saved)
        index_entries(entry_of(doc) for doc in saved)
    return len(saved)


def _document(policy: Policy, agency: Agency) -> Document:
    number = parse_document_number(policy.number)
    published = policy.published_on
    normative = policy.kind == DocumentKind.NORMATIVE
    effective = published + dt.timedelta(days=30) if policy.kind != DocumentKind.OTHER else published
    return Document(
        agency=agency,
        kind=policy.kind,
        title=policy.title,
        summary=policy.body.split("。")[0] + "。",
        stage=Stage.PUBLISHED,
        issuer_code=number.issuer_code,
        number_year=number.year or 0,
        number_serial=number.serial,
        number=str(number),
        formed_on=published - dt.timedelta(days=10),
        signed_on=published - dt.timedelta(days=7),
        published_on=published,
        effective_on=effective,
        valid_until=_years_later(effective, VALIDITY_YEARS) - dt.timedelta(days=1) if normative else None,
        topic=policy.topic,
        genre=policy.genre,
        publicity=Publicity.PROACTIVE,
        text=policy.body,
    )


def _years_later(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _index_numbers(documents: list[Document]) -> None:
    """索引号 after each agency's last of the year, as ``publish_document`` numbers them."""
    last: dict[tuple[str, int], int] = {}
    for doc in documents:
        assert doc.published_on is not None
        key = (doc.agency.code, doc.published_on.year)
        if key not in last:
            row = NumberSequence.objects.filter(
                issuer_code=INDEX_SEQUENCE_PREFIX + key[0], year=key[1]
            ).first()
            last[key] = row.last_serial if row else 0
        last[key] += 1
        doc.index_number = f"{key[0]}/{key[1]}-{last[key]:05d}"


def _advance_sequences(documents: list[Document]) -> None:
    """The number sequences past the serials used here, so that documents numbered later do not collide."""
    wanted: dict[tuple[str, int], int] = {}
    for doc in documents:
        assert doc.published_on is not None and doc.number_serial is not None
        number_key = (doc.issuer_code, doc.number_year or 0)
        wanted[number_key] = max(wanted.get(number_key, 0), doc.number_serial)
        index_key = (INDEX_SEQUENCE_PREFIX + doc.agency.code, doc.published_on.year)
        wanted[index_key] = max(wanted.get(index_key, 0), int(doc.index_number.rsplit("-", 1)[1]))
    for (code, year), serial in wanted.items():
        if code.startswith(INDEX_SEQUENCE_PREFIX):
            used = serial
        else:
            found = Document.objects.filter(issuer_code=code, number_year=year).aggregate(
                m=Max("number_serial")
            )
            used = max(serial, found["m"] or 0)
        row, _ = NumberSequence.objects.get_or_create(issuer_code=code, year=year)
        if row.last_serial < used:
            NumberSequence.objects.filter(pk=row.pk).update(last_serial=used)


def entry_of(doc: Document) -> Entry:
    """A published, wholly public document as the index sees it."""
    return Entry(
        kind=DOCUMENT,
        key=doc.pk,
        agency_id=doc.agency_id,
        agency_path=doc.agency.path,
        title=doc.title,
        body=doc.text,
        number=doc.number,
        published_on=doc.published_on,
        topic=doc.topic,
        genre=doc.genre,
        doc_kind=doc.kind,
        effective_on=doc.effective_on,
        in_force_until=doc.valid_until + dt.timedelta(days=1) if doc.valid_until else None,
    )
