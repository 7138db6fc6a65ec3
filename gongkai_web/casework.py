"""The case-work kit: what every domain handled under a statutory clock does at each step
(依申请公开 applications, and next publications, appeals, the report workflow, supervision).

A step is ``verb_noun(case, *, actor, clock=…)`` inside ``transaction.atomic``: lock the row, require a
state, check the dates typed, record an event and its audit entry. This module knows no domain: each
passes its own ``refuse(code, message, **params)`` (which builds that domain's error, e.g.
``applications.errors.refuse``) so that a refusal carries the domain's code and a Chinese message.
It imports the audit log and the clock only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from gongkai.errors import GongkaiError
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, today

#: Builds a domain error: ``refuse("wrong_state", "…", status=…)``.
Refuse = Callable[..., GongkaiError]


def lock(case):
    """Re-read ``case``'s row under a lock (``select_for_update``), so that two handlers cannot both
    move the same case; call inside ``transaction.atomic``."""
    return type(case)._default_manager.select_for_update().get(pk=case.pk)


def require_status(case, *allowed: str, action: str | Promise, refuse: Refuse) -> None:
    """Refuse ``action`` unless ``case.status`` is one of ``allowed`` (the message names the state
    through ``get_status_display``)."""
    if case.status not in allowed:
        raise refuse(
            "wrong_state",
            _("The application's status is %(status)s: cannot %(action)s.")
            % {"status": case.get_status_display(), "action": action},
            status=case.status,
            action=action,
        )


def require_not_future(on: dt.date, what: str, clock: Clock | None, *, refuse: Refuse) -> None:
    """A date the law cares about (typed by staff, often after the fact) may not lie in the future."""
    if on > today(clock):
        raise refuse(
            "date_in_future",
            _("%(what)s (%(date)s) cannot be later than today.") % {"what": what, "date": f"{on:%Y-%m-%d}"},
            date=on,
        )


def require_not_before(
    on: dt.date, earlier: dt.date | None, what: str, earlier_what: str, *, refuse: Refuse
) -> None:
    """``on`` (called ``what``) may not be before ``earlier`` (called ``earlier_what``), when there is one."""
    if earlier and on < earlier:
        raise refuse(
            "date_out_of_order",
            _("%(what)s (%(date)s) cannot be earlier than %(earlier_what)s (%(earlier_date)s).")
            % {
                "what": what,
                "date": f"{on:%Y-%m-%d}",
                "earlier_what": earlier_what,
                "earlier_date": f"{earlier:%Y-%m-%d}",
            },
            date=on,
            earlier=earlier,
        )


def record_event(
    case,
    event_model,
    *,
    case_field: str,
    kind: str,
    on: dt.date,
    actor,
    action: str,
    data: dict[str, Any] | None = None,
    clock: Clock | None = None,
    then: Callable[[Any], None] | None = None,
    actor_label: str = "",
):
    """Store an event of ``case`` (``event_model`` with a foreign key ``case_field`` to it, and
    ``kind``, ``on``, ``data``, ``actor``), run ``then(event)`` (e.g. recompute the case's clock; it
    may raise a domain error, which undoes the event with the enclosing transaction), then write the
    audit entry ``action`` (by ``actor_label`` when given: an applicant without an account): ``data["on"]``
    is the date claimed, the entry's time the moment recorded."""
    event = event_model._default_manager.create(
        **{case_field: case},
        kind=kind,
        on=on,
        data=data or {},
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if then is not None:
        then(event)
    log(case, action, actor=actor, actor_label=actor_label, data={"on": on, **(data or {})}, clock=clock)
    return event


def create_once(model, token: str | None, create: Callable[[], Any], *, field: str = "submission_token"):
    """Create under a form's one-time token (a unique ``field`` of ``model``): a second POST of the same
    form (double click, reload, a concurrent request losing the race on the unique token) returns
    ``(the first record, False)`` instead of creating another; ``(record, True)`` when created. The
    public application form's mechanism, shared by every public form that stores a record."""
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        existing = model._default_manager.filter(**{field: token}).first() if token else None
        if existing is None:
            raise
        return existing, False
