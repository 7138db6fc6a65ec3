"""政策解读: which documents owe an interpretation, by when, the 同步 gate, and the two ratios (issue 14
item 4, issue 15 item 4). Framework-free: the caller passes the facts and ``today``; the clock is never read.

**Which documents.** 规章 and 行政规范性文件 published proactively (主动公开 or 部分公开): the 政策文件 that
the 政府网站 inspection indicators score for "a 解读 for every 政策文件" (spec ecosystem §2.3, 国办秘函〔2019〕
19号) and that the 指引's 解读回应 function accompanies with a 解读 (ecosystem §2.1). The seed counts them as
"重要政策性文件100%开展实质性解读". Other government information may have interpretations too (they are
counted in the 形象化 ratio of their agency only when their document needs one: see ``ratios``).

**By when.** Within 3 working days of the document's publication on the platform's working-day calendar,
the publication day not counted (``periods.interpretation_due``, 国办发〔2016〕80号).

**The 同步 gate** (同步起草、同步审签、同步发布): an interpretation drafted on or before the day the
document is signed (签发), signed off on or before that day, and published the day the document is. The
gate tells the drafter what is missing; doing a step after the document's is recorded as late.

**The ratios** per agency and year, counted from the records: coverage = documents needing an
interpretation that have a published one / documents needing one; 形象化、通俗化 = published
interpretations in a 形象化 form (图解, 音频, 视频) or the 通俗化 one (问答) / all published
interpretations of those documents. The seed's "形象化、通俗化解读比例超过80%" names both kinds, so both
count; plain 文字 does not. A ratio with nothing to divide by is None (missing), never 0.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from gongkai.publications.catalogue import DUE_SOON, MET, OVERDUE, PENDING
from gongkai.publications.periods import INTERPRETATION_WORKDAYS, interpretation_due
from gongkai.workdays import WorkdayCalendar

FORMS = ("text", "graphic", "audio", "video", "qa")
#: 形象化 (图解, 音频, 视频) and 通俗化 (问答): what the seed's ratio counts.
VISUAL_FORMS = frozenset({"graphic", "audio", "video", "qa"})
#: Kinds of document that owe an interpretation (publications.DocumentKind values).
NEEDING_KINDS = frozenset({"rule", "normative"})
#: Publicity under which a document is published (主动公开, 部分公开).
PUBLISHED_PUBLICITY = frozenset({"proactive", "partial"})

#: Due states: met on time, published after the due day, overdue, due soon, not yet due, owes nothing.
LATE, NOT_NEEDED = "late", "not_needed"
__all__ = [
    "DUE_SOON",
    "FORMS",
    "INTERPRETATION_WORKDAYS",
    "LATE",
    "MET",
    "NOT_NEEDED",
    "OVERDUE",
    "PENDING",
    "VISUAL_FORMS",
]

#: The gate's steps, in order, and the state of each.
SYNC_STEPS = ("drafted", "signed", "published")
DONE, DONE_LATE, MISSING = "done", "late", "missing"


@dataclass(frozen=True)
class DocumentFacts:
    kind: str
    publicity: str
    signed_on: dt.date | None = None
    published_on: dt.date | None = None


@dataclass(frozen=True)
class InterpretationFacts:
    form: str
    drafted_on: dt.date | None = None
    signed_on: dt.date | None = None
    published_on: dt.date | None = None


def owes_interpretation(kind: str, publicity: str) -> bool:
    """A 规章 or 行政规范性文件 published 主动公开 or 部分公开 owes an interpretation once published (at 签发:
    the reviewed 公开属性 it is signed with)."""
    return kind in NEEDING_KINDS and publicity in PUBLISHED_PUBLICITY


def needs_interpretation(doc: DocumentFacts) -> bool:
    """A published 规章 or 行政规范性文件 (主动公开 or 部分公开) owes an interpretation."""
    return owes_interpretation(doc.kind, doc.publicity) and doc.published_on is not None


@dataclass(frozen=True)
class DueStatus:
    state: str
    due: dt.date | None = None
    #: The first publication of an interpretation of the document (None: none yet).
    met_on: dt.date | None = None


def first(days: Iterable[dt.date | None]) -> dt.date | None:
    found = [d for d in days if d is not None]
    return min(found) if found else None


def due_status(
    doc: DocumentFacts,
    interpretations: Iterable[InterpretationFacts],
    *,
    today: dt.date,
    horizon: dt.date,
    calendar: WorkdayCalendar | None = None,
) -> DueStatus:
    """The document's interpretation obligation on ``today``: met (on time), late, overdue, due soon
    (due by ``horizon``), pending, or not needed."""
    if not needs_interpretation(doc):
        return DueStatus(NOT_NEEDED)
    assert doc.published_on is not None  # needs_interpretation
    due = interpretation_due(doc.published_on, calendar=calendar)
    met = first(i.published_on for i in interpretations if i.published_on and i.published_on <= today)
    if met is not None:
        return DueStatus(MET if met <= due else LATE, due, met)
    if due < today:
        return DueStatus(OVERDUE, due)
    return DueStatus(DUE_SOON if due <= horizon else PENDING, due)


@dataclass(frozen=True)
class GateStep:
    step: str
    state: str
    #: When the step was first done (None: missing).
    on: dt.date | None = None
    #: The document's own step it goes with (签发 or 公布), when that has happened.
    document_on: dt.date | None = None


def sync_gate(doc: DocumentFacts, interpretations: Sequence[InterpretationFacts]) -> tuple[GateStep, ...]:
    """同步起草、同步审签、同步发布: for each, done (on or before the document's 签发, or the day of its
    公布), done late (after it), or missing — what the drafter still has to do."""
    drafted = first(i.drafted_on for i in interpretations)
    signed = first(i.signed_on for i in interpretations)
    published = first(i.published_on for i in interpretations)

    def step(name: str, on: dt.date | None, limit: dt.date | None) -> GateStep:
        if on is None:
            return GateStep(name, MISSING, None, limit)
        return GateStep(name, DONE if limit is None or on <= limit else DONE_LATE, on, limit)

    return (
        step("drafted", drafted, doc.signed_on),
        step("signed", signed, doc.signed_on),
        step("published", published, doc.published_on),
    )


def missing_steps(gate: Iterable[GateStep]) -> list[str]:
    return [g.step for g in gate if g.state == MISSING]


#: The steps 签发 waits for (同步起草、同步审签); 同步发布 happens at 公布.
SIGNING_STEPS = SYNC_STEPS[:2]


def missing_at_signing(
    kind: str, publicity: str, interpretations: Sequence[InterpretationFacts]
) -> list[str]:
    """What 签发 of a document of ``kind``, signed with ``publicity``, still waits for: "drafted" and/or
    "signed" (an interpretation drafted, then signed off by the 签发人), or nothing when the document will
    owe no interpretation or one is signed off already."""
    if not owes_interpretation(kind, publicity):
        return []
    gate = sync_gate(DocumentFacts(kind, publicity), interpretations)
    return [step for step in missing_steps(gate) if step in SIGNING_STEPS]


@dataclass(frozen=True)
class Ratios:
    """One agency's (or subtree's) year: documents needing an interpretation, those with a published
    one, the published interpretations of them, and those in a 形象化 or 通俗化 form."""

    needing: int = 0
    covered: int = 0
    interpretations: int = 0
    visual: int = 0

    @property
    def coverage(self) -> Fraction | None:
        return Fraction(self.covered, self.needing) if self.needing else None

    @property
    def visual_ratio(self) -> Fraction | None:
        return Fraction(self.visual, self.interpretations) if self.interpretations else None

    def __add__(self, other: Ratios) -> Ratios:
        return Ratios(
            self.needing + other.needing,
            self.covered + other.covered,
            self.interpretations + other.interpretations,
            self.visual + other.visual,
        )


def ratios(
    documents: Iterable[tuple[DocumentFacts, Sequence[InterpretationFacts]]], *, as_of: dt.date
) -> Ratios:
    """The ratios over ``documents`` (each with its interpretations), counting what was published by
    ``as_of``. Documents that need no interpretation are left out of both ratios."""
    needing = covered = count = visual = 0
    for doc, interpretations in documents:
        if not needs_interpretation(doc) or doc.published_on is None or doc.published_on > as_of:
            continue
        needing += 1
        published = [i for i in interpretations if i.published_on and i.published_on <= as_of]
        covered += bool(published)
        count += len(published)
        visual += sum(i.form in VISUAL_FORMS for i in published)
    return Ratios(needing, covered, count, visual)


def percent(ratio: Fraction | None) -> str:
    """82.5 % → "82.5%"; one decimal at most, trailing zero dropped; None → "—" (missing, not 0)."""
    if ratio is None:
        return "—"
    tenths = round(ratio * 1000)
    whole, rest = divmod(tenths, 10)
    return f"{whole}.{rest}%" if rest else f"{whole}%"
