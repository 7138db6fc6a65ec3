"""备案 and 靠前指导: an office's filing rule and the filing of its agencies' applications (a sweep, run
with the standing rules: idempotent), and a risky draft reply sent for the office's opinion."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from gongkai import supervision as core
from gongkai.outcomes import label
from gongkai_web import casework
from gongkai_web.agencies.models import Agency
from gongkai_web.applications import queries as application_queries
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now, today

from ..errors import refuse
from ..models import Filing, FilingRule, GuidanceRequest
from .findings import supervising_office


@transaction.atomic
def set_filing_rule(office: Agency, *, since: dt.date, actor, clock: Clock | None = None) -> FilingRule:
    """The office's agencies file their applications received from ``since`` (a later call moves the day)."""
    rule, created = FilingRule.objects.update_or_create(
        office=office, defaults={"since": since, "created_at": now(clock)}
    )
    log(
        rule,
        "supervision.filing_rule_set",
        actor=actor,
        data={"since": since, "created": created},
        clock=clock,
    )
    return rule


def file_applications(*, clock: Clock | None = None) -> int:
    """File every application of the agencies below an office with a filing rule, received since the
    rule's day and not filed yet; returns how many were filed now."""
    filed = 0
    for rule in FilingRule.objects.select_related("office"):
        below = Agency.objects.filter(path__startswith=rule.office.path).exclude(pk=rule.office_id)
        done = set(rule.filings.values_list("application_id", flat=True))
        for app in application_queries.of_agencies(below).filter(received_on__gte=rule.since):
            if app.pk in done or app.received_on is None:
                continue
            with transaction.atomic():
                filing = Filing.objects.create(
                    rule=rule,
                    application_id=app.pk,
                    agency=app.agency,
                    query_code=app.query_code,
                    received_on=app.received_on,
                    filed_on=today(clock),
                )
                log(
                    filing,
                    "supervision.application_filed",
                    actor_label=_("platform (standing rule)"),
                    data={"application": app.pk, "office": rule.office_id},
                    clock=clock,
                )
            filed += 1
    return filed


def request_guidance(draft, *, question: str = "", actor, clock: Clock | None = None) -> GuidanceRequest:
    """Send ``draft`` (an open reply draft of the applications app) for the office's opinion before it is
    issued; only a risky outcome (``gongkai.supervision.risky_outcome``), once per version of the draft."""
    if not core.risky_outcome(draft.outcome):
        raise refuse(
            "guidance_not_risky",
            _(
                "Only a draft reply that withholds, cannot provide or does not process the information is sent for the office's opinion; this one is %(outcome)s."
            )
            % {"outcome": label(draft.outcome)},
        )
    app = draft.application
    try:
        with transaction.atomic():
            asked = GuidanceRequest.objects.create(
                application_id=app.pk,
                draft_id=draft.pk,
                draft_version=draft.version,
                outcome=draft.outcome,
                agency=app.agency,
                office=supervising_office(app.agency),
                query_code=app.query_code,
                question=(question or "").strip(),
                asked_by=actor,
                asked_at=now(clock),
            )
            log(
                asked,
                "supervision.guidance_requested",
                actor=actor,
                data={"application": app.pk, "draft": draft.pk, "version": draft.version},
                clock=clock,
            )
    except IntegrityError:
        raise refuse(
            "guidance_twice", _("This version of the draft has already been sent for the office's opinion.")
        ) from None
    return asked


def give_opinion(asked: GuidanceRequest, *, verdict: str, opinion: str, actor, clock: Clock | None = None):
    """The office's opinion, recorded once for the draft's version it saw."""
    with transaction.atomic():
        asked = casework.lock(asked)
        if asked.opinion_at is not None:
            raise refuse("opinion_twice", _("The office has already given its opinion on this draft."))
        opinion = (opinion or "").strip()
        if not opinion:
            raise refuse("opinion_missing", _("Please write the opinion."))
        if verdict not in ("agree", "revise"):
            raise refuse("opinion_verdict", _("Please say whether the office agrees or advises changes."))
        asked.verdict, asked.opinion, asked.opinion_by, asked.opinion_at = verdict, opinion, actor, now(clock)
        asked.save(update_fields=["verdict", "opinion", "opinion_by", "opinion_at"])
        log(asked, "supervision.guidance_given", actor=actor, data={"verdict": verdict}, clock=clock)
        return asked
