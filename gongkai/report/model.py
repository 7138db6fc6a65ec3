"""The annual report as data: one immutable object per report.

Figures are held in a flat mapping from *cell address* to value. An address names a cell the
way findings, restoration and JSON talk about it:

* ``active.rules.issued`` … ``active.fees_10k_yuan`` (table 2),
* ``requests.<row key>.<column key>`` (table 3; row keys of ``labels.REQUEST_ROWS``),
* ``appeals.<group>.<column>`` (table 4).

``None`` means *missing* (not published, lost, or not applicable) and is never the same as 0.
Counts are ``int``; the fee amount is a ``Decimal`` in 万元 and may be fractional.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from types import MappingProxyType
from typing import Literal, TypedDict, Unpack

from gongkai import labels

Value = int | Decimal | None
FormatName = Literal["2021", "2019"]

REQUEST_COLUMN_KEYS: tuple[str, ...] = tuple(labels.REQUEST_COLUMNS)
ORG_COLUMN_KEYS: tuple[str, ...] = REQUEST_COLUMN_KEYS[1:6]
REQUEST_ROW_KEYS_2021: tuple[str, ...] = tuple(labels.REQUEST_ROWS)
REQUEST_ROW_KEYS_2019: tuple[str, ...] = tuple(
    k for k in REQUEST_ROW_KEYS_2021 if not k.startswith("other.")
)[:-2] + ("other", "total", "carried_forward")
OUTCOME_ROW_KEYS_2021: tuple[str, ...] = REQUEST_ROW_KEYS_2021[2:-2]
OUTCOME_ROW_KEYS_2019: tuple[str, ...] = REQUEST_ROW_KEYS_2019[2:-2]

APPEAL_GROUP_KEYS: tuple[str, ...] = tuple(labels.APPEAL_GROUPS)
APPEAL_COLUMN_KEYS: tuple[str, ...] = tuple(labels.APPEAL_COLUMNS)

DOCUMENT_KINDS = ("rules", "normative_documents")
DOCUMENT_COLUMNS = ("issued", "repealed", "in_force")
DECISION_KEYS = ("licensing", "penalty", "coercion")
FEE_ADDRESS = "active.fees_10k_yuan"

# 2019 trial table 2 (spec §8.1). Only ``*.decisions`` of licensing/penalty/coercion carry over.
ACTIVE_2019_ADDRESSES: tuple[str, ...] = (
    *(f"active.{k}.{c}" for k in DOCUMENT_KINDS for c in ("made", "published", "total_public")),
    *(
        f"active.{k}.{c}"
        for k in ("licensing", "other_services", "penalty", "coercion")
        for c in ("previous_items", "change", "decisions")
    ),
    "active.fees.previous_items",
    "active.fees.change",
    "active.procurement.items",
    "active.procurement.amount_10k_yuan",
)

ACTIVE_2021_ADDRESSES: tuple[str, ...] = (
    *(f"active.{k}.{c}" for k in DOCUMENT_KINDS for c in DOCUMENT_COLUMNS),
    *(f"active.{k}" for k in DECISION_KEYS),
    FEE_ADDRESS,
)


def request_address(row: str, column: str) -> str:
    return f"requests.{row}.{column}"


def appeal_address(group: str, column: str) -> str:
    return f"appeals.{group}.{column}"


def _request_addresses(rows: Iterable[str]) -> tuple[str, ...]:
    return tuple(request_address(r, c) for r in rows for c in REQUEST_COLUMN_KEYS)


APPEAL_ADDRESSES: tuple[str, ...] = tuple(
    appeal_address(g, c) for g in APPEAL_GROUP_KEYS for c in APPEAL_COLUMN_KEYS
)

ADDRESSES: dict[FormatName, tuple[str, ...]] = {
    "2021": ACTIVE_2021_ADDRESSES + _request_addresses(REQUEST_ROW_KEYS_2021) + APPEAL_ADDRESSES,
    "2019": ACTIVE_2019_ADDRESSES + _request_addresses(REQUEST_ROW_KEYS_2019) + APPEAL_ADDRESSES,
}


_ADDRESS_SETS: dict[str, frozenset[str]] = {fmt: frozenset(addresses) for fmt, addresses in ADDRESSES.items()}


#: The 2021 format (国办公开办函〔2021〕30号) applies to reports for 2021 onwards; earlier years use the
#: 2019 trial format (国办公开办函〔2019〕60号), whose （六）其他处理 is a single row.
FIRST_YEAR_OF_2021_FORMAT = 2021


def format_for_year(year: int) -> FormatName:
    """The report format that applies to the annual report for ``year``."""
    return "2021" if year >= FIRST_YEAR_OF_2021_FORMAT else "2019"


def request_row_keys(fmt: FormatName) -> tuple[str, ...]:
    return REQUEST_ROW_KEYS_2021 if fmt == "2021" else REQUEST_ROW_KEYS_2019


def outcome_row_keys(fmt: FormatName) -> tuple[str, ...]:
    return OUTCOME_ROW_KEYS_2021 if fmt == "2021" else OUTCOME_ROW_KEYS_2019


@dataclass(frozen=True, slots=True)
class Narrative:
    """Sections 一 (general), 五 (problems) and 六 (other) as published, paragraphs kept."""

    general: str | None = None
    problems: str | None = None
    other: str | None = None


@dataclass(frozen=True, slots=True)
class AnnualReport:
    format: FormatName = "2021"
    agency: str | None = None
    year: int | None = None
    title: str | None = None
    cells: Mapping[str, Value] = field(default_factory=dict)
    narrative: Narrative = field(default_factory=Narrative)
    #: Addresses whose values were restored from the identities, not read.
    restored: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        known = ADDRESSES[self.format]
        cells = self.cells
        if isinstance(cells, dict | MappingProxyType) and tuple(cells) == known:
            full = dict(cells)  # every address, in order (``with_cells`` of a report): a plain copy
        else:
            unknown = set(cells) - _ADDRESS_SETS[self.format]
            if unknown:
                raise ValueError(f"unknown cell addresses for format {self.format}: {sorted(unknown)[:5]}")
            full = {a: cells.get(a) for a in known}
        object.__setattr__(self, "cells", MappingProxyType(full))

    # ── reading ───────────────────────────────────────────────────────────────────────────
    def get(self, address: str) -> Value:
        return self.cells[address]

    def request_row(self, row: str) -> tuple[Value, ...]:
        return tuple(self.cells[request_address(row, c)] for c in REQUEST_COLUMN_KEYS)

    def appeal_group(self, group: str) -> tuple[Value, ...]:
        return tuple(self.cells[appeal_address(group, c)] for c in APPEAL_COLUMN_KEYS)

    @property
    def addresses(self) -> tuple[str, ...]:
        return ADDRESSES[self.format]

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(a for a, v in self.cells.items() if v is None)

    # ── deriving ──────────────────────────────────────────────────────────────────────────
    def with_cells(self, changes: Mapping[str, Value], *, restored: Iterable[str] = ()) -> AnnualReport:
        cells = dict(self.cells)
        cells.update(changes)
        marked = tuple(dict.fromkeys((*self.restored, *restored)))
        return replace(self, cells=cells, restored=marked)


class _Meta(TypedDict, total=False):
    """What ``blank_report`` may be given besides the format: the report's own fields."""

    agency: str | None
    year: int | None
    title: str | None
    narrative: Narrative


def blank_report(fmt: FormatName = "2021", **meta: Unpack[_Meta]) -> AnnualReport:
    """A report of the given format with every cell missing."""
    return AnnualReport(format=fmt, **meta)
