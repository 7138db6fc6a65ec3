"""Domain errors of the core.

Every error carries a stable ``code`` (for programs and tests), ``params`` (the facts) and a
Chinese message for people; ``message_en`` is there for logs and foreign readers. They derive
from ``ValueError`` so callers may catch them broadly or precisely (the attrs habit).
"""

from __future__ import annotations

from typing import Any


class GongkaiError(ValueError):
    code = "gongkai.error"

    def __init__(
        self, message: str, *, code: str | None = None, message_en: str | None = None, **params: Any
    ) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        self.message = message
        self.message_en = message_en or message
        self.params = params

    def __str__(self) -> str:
        return self.message


class ReportError(GongkaiError):
    """A report could not be read, built or converted."""

    code = "report.error"


class NotAnnualReportError(ReportError):
    """The input is readable but is not a 2019/2021-format annual report (or is pre-2019)."""

    code = "report.not_annual_report"


class UnreadableInputError(ReportError):
    """The input could not be opened or decoded at all."""

    code = "report.unreadable"
