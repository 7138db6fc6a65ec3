"""The demo's year before the seed's, and the fees of the seed's year, so that the city's drafted 2023
report states every figure of the seed from records (issue 16):

* ``previous_year_target`` and ``write_previous_year``: 2022's applications, planned by the core
  (``gongkai.simulate.plan_year``) from a table 3 of 2022 whose totals the seed's growth rates imply
  (``baseline_data``), written by ``simulation.write_plan`` like 2023's;
* ``publish_previous_report``: the city's 2022 report drafted from those records and published through
  the report services (draft, validate, submit, approve), so the 2023 draft's year-on-year changes
  (+58.26 %, +43.37 %, −0.66 and −7.88 个百分点) are computed against a published report, as for real data;
* ``write_fees``: fee notices and payments on applications of 2023 that were granted, in the agencies
  the seed's section 六 names (events written like the simulation's other steps: the applications are
  concluded records, which the fee services refuse to reopen). Table 3 does not change: the outcome and
  dates of each application stay as they were."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from decimal import Decimal

from django.db import transaction

from gongkai import outcomes
from gongkai.deadlines import FEE_PAYMENT_WORKDAYS
from gongkai.report.model import AnnualReport, outcome_row_keys, request_address
from gongkai.simulate import APPLICANT_COLUMNS, plan_year
from gongkai_web.agencies.models import Agency
from gongkai_web.applications.models import Application, ApplicationEvent, EventKind
from gongkai_web.reports import services as reports
from gongkai_web.reports.errors import ReportError
from gongkai_web.reports.models import ReportVersion

from . import baseline_data as data
from .appeals import _clock, simulation_account
from .simulation import Simulated, write_plan

GRANTED_ROWS = ("granted", "partly_granted")


def apportion(total: int, weights: Sequence[int]) -> list[int]:
    """``total`` split in proportion to ``weights`` (largest remainder; ties to the earlier), summing to it."""
    whole = sum(weights)
    if whole == 0:
        return [0] * len(weights)
    shares = [total * w // whole for w in weights]
    by_remainder = sorted(range(len(weights)), key=lambda i: (-(total * weights[i] % whole), i))
    for i in by_remainder[: total - sum(shares)]:
        shares[i] += 1
    return shares


def previous_year_target(target: AnnualReport, carried: int) -> AnnualReport:
    """Table 3 of the year before to plan: its outcomes in the proportions of ``target``'s, the granted
    rows summing to ``PREVIOUS_GRANTED_AND_PARTLY`` and all to ``PREVIOUS_RECEIVED`` − ``carried`` (the
    applications of December that ``target``'s year carries over, already planned with it); every one
    received and concluded within the year."""
    year = (target.year or 0) - 1
    rows = outcome_row_keys(target.format)
    cells_of = [(row, column) for row in rows for column in APPLICANT_COLUMNS]
    weight = {rc: int(target.get(request_address(*rc)) or 0) for rc in cells_of}
    granted = [rc for rc in cells_of if rc[0] in GRANTED_ROWS]
    others = [rc for rc in cells_of if rc[0] not in GRANTED_ROWS]
    counts = dict(
        zip(granted, apportion(data.PREVIOUS_GRANTED_AND_PARTLY, [weight[c] for c in granted]), strict=True)
    )
    rest = data.PREVIOUS_RECEIVED - carried - data.PREVIOUS_GRANTED_AND_PARTLY
    counts.update(zip(others, apportion(rest, [weight[c] for c in others]), strict=True))
    cells: dict[str, int] = {request_address(*rc): n for rc, n in counts.items()}
    for column in APPLICANT_COLUMNS:
        cells[request_address("new", column)] = sum(counts[(row, column)] for row in rows)
        cells[request_address("carried_over", column)] = 0
        cells[request_address("carried_forward", column)] = 0
    return AnnualReport(format=target.format, year=year, cells=cells)


def write_previous_year(
    target: AnnualReport,
    agencies: Sequence[Agency],
    rng: random.Random,
    *,
    add_workdays: Callable[[dt.date, int], dt.date],
) -> Simulated:
    year = (target.year or 0) - 1
    carried = int(target.get(request_address("carried_over", "total")) or 0)
    previous = previous_year_target(target, carried)
    return write_plan(plan_year(previous, year, rng), agencies, rng, add_workdays=add_workdays)


def publish_previous_report(city: Agency, year: int) -> ReportVersion:
    """The city's report of ``year`` from its records, published in the next January by the services."""
    actor = simulation_account()
    day = dt.date(year + 1, 1, 20)
    record = reports.draft_report(city, year, actor=actor, clock=_clock(day))
    record = reports.validate_report(record, actor=actor, clock=_clock(day))
    record = reports.submit_for_review(record, actor=actor, clock=_clock(day))
    try:
        return reports.approve_and_publish(record, actor=actor, clock=_clock(day))
    except ReportError as refused:
        if refused.code != "reports.checks_failed":
            raise
        return reports.approve_and_publish(
            record, actor=actor, bypass_reason=data.BYPASS_REASON, clock=_clock(day)
        )


def _fee_candidates(agencies, year: int) -> list[tuple[Application, dt.date]]:
    """Applications received and granted in ``year`` with time for a notice and a payment, in id order,
    each with the day of its fee notice (two days after receipt)."""
    codes = [o.code for row in GRANTED_ROWS for o in outcomes.outcomes_for_row(row)]
    apps = (
        Application.objects.filter(
            agency__in=agencies, received_on__year=year, concluded_on__year=year, outcome__in=codes
        )
        .order_by("pk")
        .only("pk", "received_on", "concluded_on")
    )
    return [
        (app, app.received_on + dt.timedelta(days=2))
        for app in apps
        if app.received_on and app.concluded_on and (app.concluded_on - app.received_on).days >= 8
    ]


def write_fees(year: int, *, add_workdays: Callable[[dt.date, int], dt.date]) -> Decimal:
    """Fee notices and payments of section 六's two groups (``baseline_data``); the total written."""
    planning = Agency.objects.filter(name__endswith=data.PLANNING_BUREAU)
    district = Agency.objects.get(name=data.FEE_DISTRICT)
    others = Agency.objects.filter(path__startswith=district.path).exclude(
        name__endswith=data.PLANNING_BUREAU
    )
    events: list[ApplicationEvent] = []
    for agencies, amounts in ((planning, data.PLANNING_FEES), (others, data.DISTRICT_FEES)):
        apps = _fee_candidates(agencies, year)
        if len(apps) < len(amounts):
            raise ValueError(f"too few granted applications for the demo's fees: {len(apps)}")
        for (app, notice_on), amount in zip(apps, amounts, strict=False):
            events.append(
                ApplicationEvent(
                    application=app,
                    kind=EventKind.FEE_NOTICE_SENT,
                    on=notice_on,
                    data={
                        "amount_yuan": amount,
                        "basis": data.FEE_BASIS,
                        "applicant_received_on": notice_on.isoformat(),
                        "payment_due": add_workdays(notice_on, FEE_PAYMENT_WORKDAYS).isoformat(),
                    },
                )
            )
            events.append(
                ApplicationEvent(
                    application=app,
                    kind=EventKind.FEE_PAID,
                    on=notice_on + dt.timedelta(days=3),
                    data={"receipt_number": f"DEMO{year}{app.pk:06d}"},
                )
            )
    with transaction.atomic():
        ApplicationEvent.objects.bulk_create(events)
    return Decimal(sum(data.PLANNING_FEES) + sum(data.DISTRICT_FEES))
