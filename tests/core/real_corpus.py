"""The real published reports of ``../shared/corpus/real/`` and their hand-checked figures.

The figures in ``tests/fixtures/real/*.json`` were written by people reading each document (two readers
independently, their readings compared and every difference settled against the document), never by
pasting the parser's output. Each value is an integer, ``null`` (the report prints nothing for the cell)
or ``"?"`` (the text does not let a careful reader tell the figure: digits run together that neither
separators nor an identity split). Notes in each file say how every non-obvious cell was decided.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "real"
UNKNOWN = "?"

_T2_2021 = {
    "rules": ("active.rules.issued", "active.rules.repealed", "active.rules.in_force"),
    "normative_documents": (
        "active.normative_documents.issued",
        "active.normative_documents.repealed",
        "active.normative_documents.in_force",
    ),
    "licensing": ("active.licensing",),
    "penalty": ("active.penalty",),
    "coercion": ("active.coercion",),
    "fees": ("active.fees_10k_yuan",),
}
_T2_2019 = {
    **{
        k: tuple(f"active.{k}.{c}" for c in ("made", "published", "total_public"))
        for k in ("rules", "normative_documents")
    },
    **{
        k: tuple(f"active.{k}.{c}" for c in ("previous_items", "change", "decisions"))
        for k in ("licensing", "other_services", "penalty", "coercion")
    },
    "fees": ("active.fees.previous_items", "active.fees.change"),
    "procurement": ("active.procurement.items", "active.procurement.amount_10k_yuan"),
}
_COLUMNS = (
    "natural_person",
    "commercial",
    "research",
    "social_welfare",
    "legal_services",
    "other_org",
    "total",
)
_APPEALS = tuple(
    f"appeals.{g}.{c}"
    for g in ("reconsideration", "litigation_direct", "litigation_after_reconsideration")
    for c in ("upheld", "corrected", "other", "pending", "total")
)


def corpus_dir() -> Path:
    """``$GONGKAI_REAL_CORPUS``, else ``shared/corpus/real`` beside the project or beside a folder above it."""
    if os.environ.get("GONGKAI_REAL_CORPUS"):
        return Path(os.environ["GONGKAI_REAL_CORPUS"])
    for parent in ROOT.parents:
        candidate = parent / "shared" / "corpus" / "real"
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"shared/corpus/real not found beside {ROOT} or any folder above it")


def real_files() -> list[Path]:
    return sorted(p for p in corpus_dir().iterdir() if p.suffix in (".txt", ".html"))


@cache
def hand_checked() -> dict[str, dict[str, Any]]:
    """File name → its hand-checked truth (the JSON as written by the readers)."""
    return {
        json.loads(p.read_text("utf-8"))["file"]: json.loads(p.read_text("utf-8"))
        for p in sorted(FIXTURES.glob("*.json"))
    }


def expected_cells(truth: dict[str, Any]) -> dict[str, Any]:
    """Address → expected value of the report as the assembler should read it (before restoration).

    The layout (``layout``: the format the tables are printed in) decides the addresses; a row the
    report does not print is expected missing at every cell of the format.
    """
    layout = truth["layout"]
    out: dict[str, Any] = {}
    table2_layout = truth.get("table2_format", layout)
    rows2 = _T2_2021 if table2_layout == "2021" else _T2_2019
    if table2_layout == layout:
        for addresses in rows2.values():
            out.update(dict.fromkeys(addresses))
    for row, values in truth.get("table2", {}).items():
        for address, value in zip(rows2[row], values, strict=True):
            if table2_layout == layout:
                out[address] = _value(value)
    for row, values in _flat(truth.get("table3", {})).items():
        if row == "other" and layout == "2021":
            # The 2019 single （六）其他处理 row in a 2021 report: each 2021 row is 0 where it is 0, else unknown.
            for n, column in enumerate(_COLUMNS):
                for sub in ("no_correction", "no_fee", "other"):
                    out[f"requests.other.{sub}.{column}"] = 0 if _value(values[n]) == 0 else UNKNOWN
            continue
        for column, value in zip(_COLUMNS, values, strict=True):
            out[f"requests.{row}.{column}"] = _value(value)
    for address, value in zip(_APPEALS, truth.get("table4", []), strict=True):
        out[address] = _value(value)
    return out


def _flat(d: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in d.items():
        if isinstance(value, dict):
            out.update(_flat(value, f"{prefix}{key}."))
        else:
            out[f"{prefix}{key}"] = value
    return out


def _value(value: Any) -> Any:
    """Amounts written as printed ("5419886元") become 万元, the unit of the model; "+1" becomes 1."""
    if not isinstance(value, str) or value == UNKNOWN:
        return value
    text = value.strip()
    if text.endswith("元"):
        amount = Decimal(text[:-1]) / 10000
        return int(amount) if amount == amount.to_integral_value() else amount
    return int(text)
