"""Plan a year of simulated applications whose table 3 equals a target table 3.

The demo builds a Chongqing-like city and must reproduce the seed's table 3 *from records*: this
module only decides how many applications of which applicant kind arrive when, which of them are
concluded in the year under which report row, and which stay open. The web layer turns the plan into
records; table 3 is then counted from those records by the same code as for real data, so a plan that
is wrong shows up as a wrong table, not as a silently right one.

Counting rules (annual-report format §3.3): ``new`` = received in the year; ``carried_over`` = received
earlier and open on 1 January; ``total`` = concluded in the year; ``carried_forward`` = open on 31 December.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from gongkai.report.model import REQUEST_COLUMN_KEYS, AnnualReport, outcome_row_keys

APPLICANT_COLUMNS = REQUEST_COLUMN_KEYS[:-1]

# Which handling steps an outcome row implies, so that the records tell a lawful story:
# a closure for want of correction needs a correction notice (条例第三十条), one for an unpaid fee
# needs a fee notice (办法), withholding for a third party's interests usually follows consultation
# (条例第三十二条).
_REQUIRED_STEPS: dict[str, tuple[str, ...]] = {
    "other.no_correction": ("correction",),
    "unable.unclear_after_correction": ("correction", "corrected"),
    "other.no_fee": ("fee",),
    "withheld.third_party": ("consultation",),
}
_OPTIONAL_STEPS = ("correction", "consultation", "extension")
CHANNELS = ("online", "online", "online", "post_signed", "in_person", "email", "fax")


@dataclass(frozen=True, slots=True)
class PlannedApplication:
    applicant_column: str
    channel: str
    received_on: date
    #: Report row key of the outcome, or None when the application is still open at year end.
    outcome_row: str | None
    concluded_on: date | None
    steps: tuple[str, ...] = ()


class PlanError(ValueError):
    pass


def plan_year(target: AnnualReport, year: int, rng: random.Random) -> list[PlannedApplication]:
    """Applications that, counted by the format's rules for ``year``, give ``target``'s table 3."""
    plan: list[PlannedApplication] = []
    for column in APPLICANT_COLUMNS:
        plan.extend(_plan_column(target, column, year, rng))
    rng.shuffle(plan)
    return plan


def _count(target: AnnualReport, row: str, column: str) -> int:
    value = target.get(f"requests.{row}.{column}")
    if value is None:
        raise PlanError(f"target cell requests.{row}.{column} is missing; restore it first")
    return int(value)


def _plan_column(
    target: AnnualReport, column: str, year: int, rng: random.Random
) -> Iterator[PlannedApplication]:
    carried_over = _count(target, "carried_over", column)
    new = _count(target, "new", column)
    outcomes = [row for row in outcome_row_keys(target.format) for _ in range(_count(target, row, column))]
    carried_forward = _count(target, "carried_forward", column)
    if new + carried_over != len(outcomes) + carried_forward:
        raise PlanError(f"column {column}: new + carried_over != total + carried_forward (I1)")
    rng.shuffle(outcomes)
    # Old applications are concluded first; if more were carried over than concluded, the rest stay open.
    from_last_year = min(carried_over, len(outcomes))
    for index in range(carried_over):
        received = date(year - 1, 12, 1) + timedelta(days=rng.randrange(31))
        outcome = outcomes[index] if index < from_last_year else None
        yield _application(column, received, outcome, year, rng, open_until_year_end=outcome is None)
    for outcome in outcomes[from_last_year:]:
        received = date(year, 1, 1) + timedelta(days=rng.randrange(330))
        yield _application(column, received, outcome, year, rng)
    for _ in range(new - (len(outcomes) - from_last_year)):
        received = date(year, 12, 1) + timedelta(days=rng.randrange(31))
        yield _application(column, received, None, year, rng, open_until_year_end=True)


def _application(
    column: str,
    received: date,
    outcome: str | None,
    year: int,
    rng: random.Random,
    *,
    open_until_year_end: bool = False,
) -> PlannedApplication:
    steps = list(_REQUIRED_STEPS.get(outcome or "", ()))
    if not steps and rng.random() < 0.15:
        steps.append(rng.choice(_OPTIONAL_STEPS))
        if steps[-1] == "correction":
            steps.append("corrected")
    concluded = None
    if not open_until_year_end:
        concluded = received + timedelta(days=rng.randrange(3, 30))
        year_end = date(year, 12, 31)
        if concluded > year_end:
            concluded = year_end
        if concluded.year < year:  # a carried-over application is concluded in the report year
            concluded = date(year, 1, 2) + timedelta(days=rng.randrange(25))
    return PlannedApplication(column, rng.choice(CHANNELS), received, outcome, concluded, tuple(steps))
