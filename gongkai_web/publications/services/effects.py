"""Effect records: one published document amends, repeals, declares expired or renews another."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from gongkai.publications import validity as core
from gongkai_web.accounts.access import WORKING_ROLES
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock

from ..errors import refuse
from ..models import Document, Effect, EffectKind, Stage
from ..queries import validity_of
from ..search_entries import index_documents
from .common import lock, require_not_future, require_role


def record_effect(
    source: Document,
    target: Document,
    *,
    kind: str,
    on: dt.date,
    valid_until: dt.date | None = None,
    actor,
    clock: Clock | None = None,
) -> Effect:
    """``source`` (published) has ``kind`` on ``target`` from ``on``; refused when the target is no longer
    in force on that day, or the dates are out of order (the core's ``check_effect``)."""
    if kind not in EffectKind.values:
        raise refuse("unknown_effect", _("Choose what the document does to the other one."))
    with transaction.atomic():
        target = lock(target)
        require_role(actor, source, *WORKING_ROLES, step="published")
        if source.pk == target.pk:
            raise refuse("effect_on_itself", _("A document cannot amend or repeal itself."))
        for doc in (source, target):
            if doc.stage != Stage.PUBLISHED:
                raise refuse(
                    "effect_unpublished",
                    _("“%(title)s” is not published: only published documents change each other.")
                    % {"title": doc.title},
                )
        require_not_future(on, _("date the effect applies"), clock)
        assert source.published_on is not None  # published: the constraint document_published_has_date
        if on < source.published_on:
            raise refuse(
                "effect_before_source",
                _(
                    "The effect (%(on)s) cannot apply before the acting document was published (%(published)s)."
                )
                % {"on": f"{on:%Y-%m-%d}", "published": f"{source.published_on:%Y-%m-%d}"},
            )
        try:
            core.check_effect(
                _dates(target), core.Effect(core.EffectKind(kind), on, source.number, valid_until)
            )
        except core.EffectError as exc:
            raise refuse(exc.code.partition(".")[2], exc.message, **exc.params) from None
        current = validity_of(target, on)
        if current is None or current.status in (core.ValidityStatus.REPEALED, core.ValidityStatus.EXPIRED):
            raise refuse(
                "target_not_in_force",
                _("“%(title)s” is no longer in force on %(on)s (%(status)s).")
                % {"title": target.title, "on": f"{on:%Y-%m-%d}", "status": current.label if current else ""},
            )
        effect = Effect.objects.create(
            source=source, target=target, kind=kind, on=on, valid_until=valid_until, actor=actor
        )
        log(
            target,
            f"publications.effect.{kind}",
            actor=actor,
            clock=clock,
            data={"source": source.pk, "number": source.number, "on": on},
        )
        index_documents([target])  # its in-force window changed (search_entries)
        return effect


def _dates(doc: Document) -> core.DocumentDates:
    assert doc.published_on is not None
    return core.DocumentDates(doc.published_on, doc.effective_on, doc.valid_until)
