"""What a check says about a report: one ``Finding`` per broken identity or doubtful figure."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Finding:
    #: Stable code of the rule that produced it, e.g. ``I1``, ``I3``, ``T4``, ``I5``, ``P1``.
    code: str
    severity: Severity
    #: The cells involved, by address (``requests.granted.natural_person`` …).
    cells: tuple[str, ...]
    message: str  # Chinese, for people
    message_en: str
    expected: int | Decimal | None = None
    found: int | Decimal | None = None
    #: The one cell most likely wrong, when a row and a column identity fail by the same amount.
    suspect: str | None = None

    def as_dict(self) -> dict[str, Any]:
        def num(v: int | Decimal | None) -> int | float | None:
            if isinstance(v, Decimal):
                return int(v) if v == v.to_integral_value() else float(v)
            return v

        return {
            "code": self.code,
            "severity": self.severity,
            "cells": list(self.cells),
            "expected": num(self.expected),
            "found": num(self.found),
            "suspect": self.suspect,
            "message": self.message,
            "message_en": self.message_en,
        }
