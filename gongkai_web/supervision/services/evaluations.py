"""Evaluations: an office's indicator set (a new version for every change), an agency evaluated under a
version (the record indicators measured at once), a reviewer's score with evidence, a contest of a score
and its decision."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from gongkai import evaluation as core
from gongkai_web import casework
from gongkai_web.agencies.models import Agency
from gongkai_web.audit.services import log
from gongkai_web.clocks import Clock, now

from ..errors import refuse
from ..evaluation_measures import measure
from ..models import Contest, Evaluation, Indicator, IndicatorSet, Score


@transaction.atomic
def create_indicator_set(
    office: Agency,
    *,
    name: str,
    year: int,
    indicators: Sequence[core.IndicatorSpec],
    actor,
    clock: Clock | None = None,
) -> IndicatorSet:
    """The next version of the office's set called ``name``; weights must add up to 100."""
    if sum(i.weight for i in indicators) != 100:
        raise refuse(
            "weights_not_100",
            _("The weights add up to %(sum)s: they must add up to 100.")
            % {"sum": sum(i.weight for i in indicators)},
        )
    unknown = [i.code for i in indicators if i.source not in (*core.RECORD_SOURCES, core.REVIEW)]
    if unknown:
        raise refuse(
            "indicator_source",
            _("Indicators %(codes)s say no way of measuring.") % {"codes": ", ".join(unknown)},
        )
    last = IndicatorSet.objects.filter(office=office, name=name).aggregate(v=Max("version"))["v"] or 0
    found = IndicatorSet.objects.create(
        office=office, name=name, version=last + 1, year=year, created_at=now(clock)
    )
    Indicator.objects.bulk_create(
        Indicator(set=found, code=i.code, name=i.name, weight=i.weight, source=i.source, how=i.how)
        for i in indicators
    )
    log(found, "supervision.indicator_set_created", actor=actor, data={"version": found.version}, clock=clock)
    return found


@transaction.atomic
def evaluate_agency(
    the_set: IndicatorSet, agency: Agency, *, as_of: dt.date, actor, clock: Clock | None = None
) -> Evaluation:
    """Evaluate ``agency`` under ``the_set``: every record indicator measured now; the reviewed ones wait."""
    if not agency.path.startswith(the_set.office.path):
        raise refuse(
            "agency_outside_office",
            _("%(agency)s is not under %(office)s.") % {"agency": agency.name, "office": the_set.office.name},
        )
    if Evaluation.objects.filter(set=the_set, agency=agency).exists():
        raise refuse(
            "evaluated_twice",
            _("%(agency)s has already been evaluated under this version.") % {"agency": agency.name},
        )
    evaluation = Evaluation.objects.create(set=the_set, agency=agency, as_of=as_of, created_at=now(clock))
    for indicator in the_set.indicators.all():
        met_of = measure(indicator.source, agency, the_set.year, as_of) if indicator.from_records else None
        Score.objects.create(
            evaluation=evaluation,
            indicator=indicator,
            met=met_of[0] if met_of else None,
            of=met_of[1] if met_of else None,
            evidence=_("%(met)s of %(of)s, counted from the platform's records")
            % {"met": met_of[0], "of": met_of[1]}
            if met_of
            else "",
            scored_at=now(clock) if indicator.from_records else None,
        )
    log(
        evaluation,
        "supervision.agency_evaluated",
        actor=actor,
        data={"set": the_set.pk, "as_of": as_of},
        clock=clock,
    )
    return evaluation


REVIEW_SCALE = 100  # a reviewer scores 0–100 per cent of the indicator's weight


def score_by_review(score: Score, *, percent: int, evidence: str, actor, clock: Clock | None = None) -> Score:
    with transaction.atomic():
        score = casework.lock(score)
        if score.indicator.from_records:
            raise refuse(
                "score_from_records", _("This indicator is counted from records, not scored by a reviewer.")
            )
        if not 0 <= percent <= REVIEW_SCALE:
            raise refuse("score_range", _("The score is a percentage from 0 to 100."))
        evidence = (evidence or "").strip()
        if not evidence:
            raise refuse("score_evidence", _("A reviewer's score needs its evidence."))
        score.met, score.of, score.evidence, score.scored_by, score.scored_at = (
            percent,
            REVIEW_SCALE,
            evidence,
            actor,
            now(clock),
        )
        score.save(update_fields=["met", "of", "evidence", "scored_by", "scored_at"])
        log(
            score.evaluation,
            "supervision.score_reviewed",
            actor=actor,
            data={"indicator": score.indicator.code, "percent": percent},
            clock=clock,
        )
        return score


def contest_score(score: Score, *, reason: str, actor, clock: Clock | None = None) -> Contest:
    with transaction.atomic():
        reason = (reason or "").strip()
        if not reason:
            raise refuse("contest_reason", _("Please say why the score is wrong."))
        if score.scored_at is None:
            raise refuse(
                "score_not_given", _("The score has not been given yet: there is nothing to contest.")
            )
        if score.contests.filter(outcome="").exists():
            raise refuse("contest_open", _("A contest of this score awaits its decision."))
        contest = Contest.objects.create(
            score=score,
            reason=reason,
            raised_by=actor,
            raised_at=now(clock),
            before=core.percent(score.ratio),
        )
        log(
            score.evaluation,
            "supervision.score_contested",
            actor=actor,
            data={"indicator": score.indicator.code},
            clock=clock,
        )
        return contest


def decide_contest(
    contest: Contest,
    *,
    upheld: bool,
    decision: str,
    percent: int | None = None,
    actor,
    clock: Clock | None = None,
) -> Contest:
    """The office's decision: upheld (the score becomes ``percent`` of the weight) or rejected."""
    with transaction.atomic():
        contest = casework.lock(contest)
        if contest.outcome:
            raise refuse("contest_decided", _("The contest has already been decided."))
        decision = (decision or "").strip()
        if not decision:
            raise refuse("contest_decision", _("Please write the decision and its reasons."))
        score = casework.lock(contest.score)
        if upheld:
            if percent is None or not 0 <= percent <= REVIEW_SCALE:
                raise refuse("score_range", _("The score is a percentage from 0 to 100."))
            score.met, score.of, score.scored_by, score.scored_at = percent, REVIEW_SCALE, actor, now(clock)
            score.evidence = f"{score.evidence}\n{decision}".strip()
            score.save(update_fields=["met", "of", "evidence", "scored_by", "scored_at"])
        contest.outcome = "upheld" if upheld else "rejected"
        contest.decision, contest.decided_by, contest.decided_at = decision, actor, now(clock)
        contest.after = core.percent(score.ratio)
        contest.save(update_fields=["outcome", "decision", "decided_by", "decided_at", "after"])
        log(
            score.evaluation,
            "supervision.contest_decided",
            actor=actor,
            data={"outcome": contest.outcome},
            clock=clock,
        )
        return contest
