"""规范性文件清理: a clean-up lists the documents of an agency (or its subtree) in force on a day, staff
decide each (继续有效 / 修改 / 废止 / 失效), and closing it records the effects — 废止 and 宣布失效 from
the day the decisions apply, with the campaign's decision document (清理结果的决定, published in the
library) as their basis — and fixes the published lists (继续有效目录, 废止目录, 失效目录).

Also the documents not reviewed for N years (``stale_documents``): 定期清理 (国办发〔2018〕37号)."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections import defaultdict

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from gongkai.labels import CLAUSE_SEMICOLON
from gongkai.publications import validity as core
from gongkai.publications.files import CLEANUP_LIST_COLUMNS, CLEANUP_LISTS, cleanup_list_note
from gongkai_web.accounts.access import WORKING_ROLES, has_role
from gongkai_web.agencies.models import Agency
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, today

from ..cleanup_models import Cleanup, CleanupDecision, CleanupItem
from ..errors import refuse
from ..models import Document, Effect, EffectKind, Stage
from ..queries import TABLE2_KINDS, library
from .common import lock, require_not_future
from .effects import record_effect

#: The effect a decision records when the clean-up closes.
EFFECT_OF = {CleanupDecision.REPEAL: EffectKind.REPEALS, CleanupDecision.EXPIRE: EffectKind.DECLARES_EXPIRED}


def _require_staff(actor, agency: Agency) -> None:
    if not has_role(actor, agency, *WORKING_ROLES):
        raise refuse(
            "not_allowed", _("Only staff of %(agency)s may work on its clean-up.") % {"agency": agency.name}
        )


def _scope(cleanup_agency: Agency, include_subtree: bool):
    if include_subtree:
        return Agency.objects.filter(path__startswith=cleanup_agency.path)
    return Agency.objects.filter(pk=cleanup_agency.pk)


def in_force_documents(agencies, day: dt.date) -> list[Document]:
    """The 规章 and 行政规范性文件 of ``agencies`` in force on ``day`` (the core decides each)."""
    docs = list(
        library(agencies)
        .filter(kind__in=TABLE2_KINDS, published_on__lte=day)
        .order_by("published_on", "id")
        .select_related("agency")
    )
    effects: dict[int, list[core.Effect]] = defaultdict(list)
    for effect in Effect.objects.filter(target__in=[d.pk for d in docs], on__lte=day).order_by("on", "id"):
        effects[effect.target_id].append(
            core.Effect(core.EffectKind(effect.kind), effect.on, "", effect.valid_until)
        )
    found = []
    for doc in docs:
        assert doc.published_on is not None
        status = core.validity_on(
            core.DocumentDates(doc.published_on, doc.effective_on, doc.valid_until), effects[doc.pk], day
        )
        if status is not None and status.status.in_force:
            found.append(doc)
    return found


def open_cleanup(
    agency: Agency,
    *,
    title: str,
    as_of: dt.date,
    include_subtree: bool = False,
    actor,
    clock: Clock | None = None,
) -> Cleanup:
    """A clean-up of the documents of ``agency`` (and those under it) in force on ``as_of``."""
    with transaction.atomic():
        _require_staff(actor, agency)
        require_not_future(as_of, _("date of the clean-up"), clock)
        if not title.strip():
            raise refuse("cleanup_title_missing", _("Give the clean-up a title."))
        cleanup = Cleanup.objects.create(
            agency=agency, include_subtree=include_subtree, title=title.strip(), as_of=as_of, created_by=actor
        )
        docs = in_force_documents(_scope(agency, include_subtree), as_of)
        CleanupItem.objects.bulk_create([CleanupItem(cleanup=cleanup, document=d) for d in docs])
        log(cleanup, "publications.cleanup_opened", actor=actor, clock=clock, data={"documents": len(docs)})
        return cleanup


def decide_item(
    item: CleanupItem, *, decision: str, note: str = "", on: dt.date, actor, clock: Clock | None = None
) -> CleanupItem:
    with transaction.atomic():
        item = lock(item)
        cleanup = item.cleanup
        _require_staff(actor, cleanup.agency)
        if cleanup.closed_on is not None:
            raise refuse("cleanup_closed", _("The clean-up is closed: its decisions are final."))
        if decision not in CleanupDecision.values:
            raise refuse("cleanup_decision_unknown", _("Choose a decision for the document."))
        require_not_future(on, _("date of the decision"), clock)
        item.decision, item.note, item.decided_on, item.decided_by = decision, note.strip(), on, actor
        item.save(update_fields=["decision", "note", "decided_on", "decided_by"])
        log(
            cleanup,
            "publications.cleanup_decided",
            actor=actor,
            clock=clock,
            data={"document": item.document_id, "decision": decision, "on": on},
        )
        return item


def close_cleanup(
    cleanup: Cleanup,
    *,
    decision_document: Document,
    effective_on: dt.date,
    on: dt.date,
    actor,
    clock: Clock | None = None,
) -> Cleanup:
    """Close the clean-up: every document decided, the decision document published; 废止 and 失效 are
    recorded as effects from ``effective_on`` with the decision document as the acting document."""
    with transaction.atomic():
        cleanup = lock(cleanup)
        _require_staff(actor, cleanup.agency)
        if cleanup.closed_on is not None:
            raise refuse("cleanup_closed", _("The clean-up is closed: its decisions are final."))
        require_not_future(on, _("date the clean-up closes"), clock)
        undecided = cleanup.items.filter(decision="").count()
        if undecided:
            raise refuse(
                "cleanup_undecided",
                _("%(count)s documents have no decision yet: decide each before closing.")
                % {"count": undecided},
                count=undecided,
            )
        if decision_document.stage != Stage.PUBLISHED:
            raise refuse(
                "cleanup_decision_unpublished",
                _("The decision document must be published in the library before the clean-up closes."),
            )
        for item in cleanup.items.filter(decision__in=list(EFFECT_OF)).select_related("document"):
            item.effect = record_effect(
                decision_document,
                item.document,
                kind=EFFECT_OF[CleanupDecision(item.decision)],
                on=effective_on,
                actor=actor,
                clock=clock,
            )
            item.save(update_fields=["effect"])
        cleanup.decision_document, cleanup.effective_on, cleanup.closed_on = (
            decision_document,
            effective_on,
            on,
        )
        cleanup.save(update_fields=["decision_document", "effective_on", "closed_on"])
        log(
            cleanup,
            "publications.cleanup_closed",
            actor=actor,
            clock=clock,
            data={"decision_document": decision_document.pk, "effective_on": effective_on},
        )
        return cleanup


# ── the published lists ───────────────────────────────────────────────────────────────────────────

LIST_DECISIONS = {
    "continue": (CleanupDecision.CONTINUE, CleanupDecision.AMEND),
    "repeal": (CleanupDecision.REPEAL,),
    "expire": (CleanupDecision.EXPIRE,),
}


def cleanup_list(cleanup: Cleanup, which: str) -> tuple[str, list[list[str]]]:
    """The title and the rows (with the header) of a published list: ``which`` continue|repeal|expire."""
    items = (
        cleanup.items.filter(decision__in=LIST_DECISIONS[which])
        .select_related("document__agency")
        .order_by("document__published_on", "document__id")
    )
    rows = [list(CLEANUP_LIST_COLUMNS)]
    for n, item in enumerate(items, start=1):
        doc = item.document
        note = labels_join(cleanup_list_note(item.decision), item.note)
        rows.append([str(n), doc.title, doc.number, f"{doc.published_on:%Y-%m-%d}", doc.agency.name, note])
    return f"{cleanup.title}{CLEANUP_LISTS[which]}", rows


def labels_join(*parts: str) -> str:
    return CLAUSE_SEMICOLON.join(p for p in parts if p)


def cleanup_list_file(cleanup: Cleanup, which: str, fmt: str) -> tuple[str, bytes]:
    """(file name, content) of a published list as CSV (UTF-8 with BOM, for Excel) or XLSX."""
    title, rows = cleanup_list(cleanup, which)
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out).writerows(rows)
        return f"{title}.csv", out.getvalue().encode("utf-8-sig")
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append([title])
    for row in rows:
        sheet.append(row)
    data = io.BytesIO()
    book.save(data)
    return f"{title}.xlsx", data.getvalue()


def stale_documents(agencies, *, years: int, clock: Clock | None = None) -> list[tuple[Document, dt.date]]:
    """Documents in force today whose last review (a clean-up's decision to keep them, else their
    publication) is more than ``years`` years ago, oldest first, with that date."""
    day = today(clock)
    try:
        limit = day.replace(year=day.year - years)
    except ValueError:  # 29 February
        limit = day.replace(year=day.year - years, day=28)
    docs = in_force_documents(agencies, day)
    reviewed = dict(
        CleanupItem.objects.filter(document__in=[d.pk for d in docs])
        .exclude(decision="")
        .values("document")
        .annotate(last=Max("decided_on"))
        .values_list("document", "last")
    )
    found = []
    for doc in docs:
        last = reviewed.get(doc.pk) or doc.published_on
        assert last is not None
        if last < limit:
            found.append((doc, last))
    return sorted(found, key=lambda pair: pair[1])
