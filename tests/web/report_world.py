"""Report records for the tests: agency A's 2025 report (1 application received on 2025-11-03, still
open: 本年新收 1, 结转下年度 1) at each state, with a clock in January 2026, when such reports are due."""

from __future__ import annotations

import datetime as dt

from gongkai_web.reports import services

from .fixtures import clock_at

CLOCK = clock_at(dt.date(2026, 1, 20))
YEAR = 2025


def drafted(world, agency=None, actor=None):
    return services.draft_report(agency or world.a, YEAR, actor=actor or world.lisi, clock=CLOCK)


def in_review(world, record=None):
    record = record or drafted(world)
    record = services.validate_report(record, actor=world.lisi, clock=CLOCK)
    return services.submit_for_review(record, actor=world.lisi, clock=CLOCK)


def published(world):
    record = in_review(world)
    version = services.approve_and_publish(record, actor=world.qianqi, clock=CLOCK)
    return version.record, version


def revise(record, actor, **texts):
    current = {k: record.data["narrative"][k] or "" for k in ("general", "problems", "other")}
    return services.revise_narrative(record, **{**current, **texts}, actor=actor, clock=CLOCK)
