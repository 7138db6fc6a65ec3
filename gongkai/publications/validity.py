"""现行有效 as of any date: a document's own dates plus the effect records of other documents.

A status column would be wrong the day after it was written (有效期 ends by itself) and could not
answer "was it in force on 2023-12-31?". So validity is computed: from the document's 施行日期 and
有效期, and from **effect records** — this document amends / repeals / declares expired / renews that
one, from a date, on the basis of a 文号. The statuses are those of the national law database plus
失效 (docs/spec ecosystem §1.5): 现行有效 | 已修改 | 已废止 | 已失效 | 尚未生效.

Decisions (docs/statute.md):
- 已修改 is still in force (the amended text applies); table 2 counts it under 现行有效件数.
- 尚未生效 (published, 施行日期 still ahead) is not counted as in force.
- 有效期 is the last day in force; a renewal counts only if it was decided by that day (a document
  that has lapsed is re-issued, not revived).
- 已废止 and 已失效 are both terminal; table 2's 本年废止件数 counts only 废止 (the core's identity P1
  names 失效 among what breaks last-year + issued − repealed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from gongkai import labels
from gongkai.errors import GongkaiError


class ValidityStatus(StrEnum):
    IN_FORCE = "in_force"
    AMENDED = "amended"
    REPEALED = "repealed"
    EXPIRED = "expired"
    NOT_YET = "not_yet"

    @property
    def label(self) -> str:
        return labels.VALIDITY_STATUSES[self.value]

    @property
    def in_force(self) -> bool:
        return self in (ValidityStatus.IN_FORCE, ValidityStatus.AMENDED)


class EffectKind(StrEnum):
    AMENDS = "amends"
    REPEALS = "repeals"
    DECLARES_EXPIRED = "declares_expired"  # a clean-up decision that the document has lapsed
    RENEWS = "renews"  # 有效期 extended (``valid_until``: the new last day, None: no end)

    @property
    def label(self) -> str:
        return labels.EFFECT_KINDS[self.value]


@dataclass(frozen=True, slots=True)
class Effect:
    kind: EffectKind
    on: dt.date  # the first day the effect applies (自该日起)
    basis: str = ""  # the 文号 (or title) of the document that has the effect
    valid_until: dt.date | None = None  # RENEWS only


@dataclass(frozen=True, slots=True)
class DocumentDates:
    published_on: dt.date
    effective_on: dt.date | None = None  # 施行日期; None: in force from publication
    valid_until: dt.date | None = None  # 有效期至 (the last day in force); None: no end set


@dataclass(frozen=True, slots=True)
class Validity:
    status: ValidityStatus
    since: dt.date | None  # when the status began (None: not yet published — never returned)
    basis: str = ""  # the 文号 behind an amendment, repeal, expiry declaration

    @property
    def label(self) -> str:
        return self.status.label

    def banner(self) -> str:
        """The line a superseded document's page carries (the 指引's rule: mark it on the original)."""
        if self.status in (ValidityStatus.IN_FORCE, ValidityStatus.NOT_YET) or self.since is None:
            return ""
        day = f"{self.since.year}年{self.since.month}月{self.since.day}日"
        verb = {
            ValidityStatus.AMENDED: "修改",
            ValidityStatus.REPEALED: "废止",
            ValidityStatus.EXPIRED: "失效",
        }[self.status]
        basis = (
            f"，依据：{self.basis}"
            if self.basis
            else ("（有效期届满）" if self.status is ValidityStatus.EXPIRED else "")
        )
        return f"本文件已于{day}{verb}{basis}。"


class EffectError(GongkaiError):
    code = "publications.effect_error"


def check_effect(document: DocumentDates, effect: Effect) -> None:
    """Refuse an effect the record cannot hold: dated before the document it acts on, or a renewal
    without a later end."""
    if effect.on < document.published_on:
        raise EffectError(
            f"效力变化的日期 {effect.on:%Y-%m-%d} 早于被变更文件的发布日期 {document.published_on:%Y-%m-%d}：请核对日期。",
            code="publications.effect_before_document",
            message_en="an effect dated before the document it acts on",
            on=effect.on,
        )
    if (
        effect.kind is EffectKind.RENEWS
        and effect.valid_until is not None
        and effect.valid_until <= effect.on
    ):
        raise EffectError(
            f"延续有效期的新截止日期 {effect.valid_until:%Y-%m-%d} 应晚于决定日期 {effect.on:%Y-%m-%d}。",
            code="publications.renewal_not_later",
            message_en="a renewal must end after the day it is decided",
        )


def validity_on(document: DocumentDates, effects: Iterable[Effect], day: dt.date) -> Validity | None:
    """The document's validity on ``day`` (None when it was not yet published on that day)."""
    if day < document.published_on:
        return None
    valid_until = document.valid_until
    amended: Effect | None = None
    for effect in sorted((e for e in effects if e.on <= day), key=lambda e: e.on):
        if valid_until is not None and effect.on > valid_until:
            return Validity(ValidityStatus.EXPIRED, valid_until + dt.timedelta(days=1))
        if effect.kind is EffectKind.REPEALS:
            return Validity(ValidityStatus.REPEALED, effect.on, effect.basis)
        if effect.kind is EffectKind.DECLARES_EXPIRED:
            return Validity(ValidityStatus.EXPIRED, effect.on, effect.basis)
        if effect.kind is EffectKind.RENEWS:
            valid_until = effect.valid_until
        else:
            amended = effect
    if valid_until is not None and day > valid_until:
        return Validity(ValidityStatus.EXPIRED, valid_until + dt.timedelta(days=1))
    starts = document.effective_on or document.published_on
    if day < starts:
        return Validity(ValidityStatus.NOT_YET, document.published_on)
    if amended is not None:
        return Validity(ValidityStatus.AMENDED, amended.on, amended.basis)
    return Validity(ValidityStatus.IN_FORCE, starts)
