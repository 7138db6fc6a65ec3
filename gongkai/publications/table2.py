"""Table 2's first block (第二十条第（一）项) counted from the library: per kind, 本年制发件数 (published in
the year), 本年废止件数 (repealed in the year — 废止 only, see ``validity``) and 现行有效件数 (in force on
31 December). 规章 only for bodies with rule-making power: for the others the cells are 0.

This is the plain reference the web's SQL aggregates are tested against."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from .validity import DocumentDates, Effect, EffectKind, validity_on

KINDS = ("rules", "normative_documents")


@dataclass(frozen=True, slots=True)
class LibraryDocument:
    kind: str  # "rules" | "normative_documents"
    dates: DocumentDates
    effects: Sequence[Effect] = field(default_factory=tuple)


@dataclass(frozen=True, slots=True)
class DocumentCounts:
    issued: int = 0
    repealed: int = 0
    in_force: int = 0


def count_documents(documents: Iterable[LibraryDocument], year: int) -> dict[str, DocumentCounts]:
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    tally = {kind: [0, 0, 0] for kind in KINDS}
    for doc in documents:
        counts = tally[doc.kind]
        counts[0] += first <= doc.dates.published_on <= last
        counts[1] += any(e.kind is EffectKind.REPEALS and first <= e.on <= last for e in doc.effects)
        status = validity_on(doc.dates, doc.effects, last)
        counts[2] += status is not None and status.status.in_force
    return {kind: DocumentCounts(*values) for kind, values in tally.items()}


def table2_document_cells(counts: Mapping[str, DocumentCounts], *, makes_rules: bool) -> dict[str, int]:
    """The report cells (``active.<kind>.<column>``) of the first block."""
    cells: dict[str, int] = {}
    for kind in KINDS:
        found = counts.get(kind, DocumentCounts())
        if kind == "rules" and not makes_rules:
            found = DocumentCounts()
        cells |= {
            f"active.{kind}.issued": found.issued,
            f"active.{kind}.repealed": found.repealed,
            f"active.{kind}.in_force": found.in_force,
        }
    return cells
