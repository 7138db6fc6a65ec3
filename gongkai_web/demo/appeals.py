"""Simulate a year of 复议 and 诉讼 cases through the appeals services, so that the city's table 4 counted from
the records equals the target report's (the seed: 333/94/217/60/704; 308/28/208/118/662; 145/0/21/28/194).

For each cell of the target's table 4 this writes that many cases: a weighted agency (the load of
``simulation.KIND_WEIGHTS``), a disposition of that column (the mapping table in force decides which), dates
in the year (a case 尚未审结 arrived in the last weeks and is decided the next spring), the reply filed in time
but for a few, a re-reply ordered after some corrections, and — for some suits after a 复议 that upheld the
act — the 复议机关's own record as co-defendant, which the co-defendant rule leaves uncounted. Every step is a
service call (``gongkai_web.appeals.services``) by the demo's simulation account (a superuser that cannot log
in), each with a clock at the day it happened. Deterministic for a given ``random.Random``.

``PREVIOUS_YEAR`` is the year before, designed so that the year-on-year changes of the two rates come out as
the seed's narrative states them (行政复议直接纠错率 −0.66 个百分点, 行政诉讼败诉率 −7.88 个百分点): 47 of 308
concluded reviews corrected (15.26 %, against 94/644 = 14.60 %), 35 of 296 concluded suits lost (11.82 %,
against 28/710 = 3.94 %)."""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from collections.abc import Mapping, Sequence

from django.contrib.auth.models import User

from gongkai.report.model import APPEAL_COLUMN_KEYS, APPEAL_GROUP_KEYS, appeal_address
from gongkai_web.agencies.models import Agency, Kind
from gongkai_web.appeals import services
from gongkai_web.appeals.models import AppealCase
from gongkai_web.applications.models import Application
from gongkai_web.clocks import FixedClock

from . import appeals_data as data
from .simulation import GIVEN, KIND_WEIGHTS, SURNAMES

SHANGHAI = dt.timezone(dt.timedelta(hours=8))
ACCOUNT = "demo-simulation"
GROUPS = {
    "reconsideration": ("review", ""),
    "litigation_direct": ("litigation", "direct"),
    "litigation_after_reconsideration": ("litigation", "after_review"),
}
#: Dispositions of each column, with weights (the mapping table decides the column; a test checks it).
DISPOSITIONS = {
    ("review", "upheld"): (("upheld", 8), ("request_rejected", 2)),
    ("review", "corrected"): (("revoked", 5), ("confirmed_unlawful", 3), ("ordered_to_perform", 2)),
    ("review", "other"): (("withdrawn", 4), ("application_rejected", 3), ("terminated", 2), ("mediated", 1)),
    ("litigation", "upheld"): (("claim_rejected", 1),),
    ("litigation", "corrected"): (("revoked", 4), ("confirmed_unlawful", 4), ("ordered_to_perform", 2)),
    ("litigation", "other"): (("withdrawn", 3), ("suit_dismissed", 5), ("terminated", 1)),
}
#: Table 4 of the year before the target (see the module's docstring).
PREVIOUS_YEAR: dict[str, tuple[int, int, int, int]] = {
    "reconsideration": (170, 47, 91, 20),
    "litigation_direct": (130, 30, 70, 15),
    "litigation_after_reconsideration": (50, 5, 11, 5),
}
#: Share of suits after an upholding 复议 in which the 复议机关 also records the case as co-defendant.
CO_DEFENDANT_SHARE = 0.3


def previous_year_cells() -> dict[str, int]:
    cells = {}
    for group, row in PREVIOUS_YEAR.items():
        for column, n in zip(APPEAL_COLUMN_KEYS[:4], row, strict=True):
            cells[appeal_address(group, column)] = n
        cells[appeal_address(group, "total")] = sum(row)
    return cells


def simulation_account() -> User:
    user, made = User.objects.get_or_create(
        username=ACCOUNT, defaults={"is_superuser": True, "is_staff": False, "is_active": False}
    )
    if made:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _clock(day: dt.date) -> FixedClock:
    return FixedClock(dt.datetime(day.year, day.month, day.day, 17, tzinfo=SHANGHAI))


def _court(agency: Agency) -> str:
    government = agency if agency.kind == Kind.COUNTY_GOVERNMENT else agency.parent
    if (
        agency.kind in (Kind.CITY_GOVERNMENT, Kind.CITY_DEPARTMENT, Kind.COUNTY_GOVERNMENT)
        or government is None
    ):
        return data.INTERMEDIATE_COURT
    return data.DISTRICT_COURT.format(district=government.name.removesuffix(data.CITY_GOVERNMENT_SUFFIX))


def _review_body(agency: Agency) -> str:
    return agency.review_body or (agency.parent.name if agency.parent else agency.name)


class _Writer:
    def __init__(self, year: int, agencies: Sequence[Agency], rng: random.Random):
        self.year, self.rng, self.actor = year, rng, simulation_account()
        self.agencies = [a for a in agencies if a.accepts_applications]
        self.weights = [KIND_WEIGHTS[Kind(a.kind)] * rng.paretovariate(2.5) for a in self.agencies]
        self.replies: dict[int, list[Application]] = defaultdict(list)
        for app in Application.objects.filter(agency__in=self.agencies, concluded_on__year=year).only(
            "pk", "agency_id", "concluded_on"
        ):
            self.replies[app.agency_id].append(app)
        self.serial = 0

    def _dates(self, column: str) -> tuple[dt.date, dt.date]:
        start, end = dt.date(self.year, 1, 3), dt.date(self.year, 12, 31)
        if column == "pending":  # arrived in the last weeks, decided the next spring
            received = end - dt.timedelta(days=self.rng.randint(5, 75))
            return received, end + dt.timedelta(days=self.rng.randint(30, 100))
        received = start + dt.timedelta(days=self.rng.randint(0, 270))
        return received, received + dt.timedelta(days=self.rng.randint(25, 80))

    def _disposition(self, kind: str, column: str) -> str:
        choices = DISPOSITIONS[(kind, "upheld" if column == "pending" else column)]
        if column == "pending":
            choices = DISPOSITIONS[(kind, self.rng.choice(("upheld", "upheld", "corrected", "other")))]
        return self.rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]

    def _applications(self, agency: Agency, received: dt.date) -> list[Application]:
        earlier = [a for a in self.replies.get(agency.pk, ()) if a.concluded_on and a.concluded_on < received]
        return [self.rng.choice(earlier)] if earlier else []

    def write(self, group: str, column: str) -> None:
        kind, route = GROUPS[group]
        agency = self.rng.choices(self.agencies, weights=self.weights)[0]
        received, decided = self._dates(column)
        disposition = self._disposition(kind, column)
        self.serial += 1
        common = {
            "kind": kind,
            "route": route,
            "body": _review_body(agency) if kind == "review" else _court(agency),
            "appellant": self.rng.choice(SURNAMES) + self.rng.choice(GIVEN) + self.rng.choice(("", *GIVEN)),
            "act": self.rng.choice(data.ACTS).format(n=self.serial),
            "received_on": received,
            "simplified": kind == "review" and self.rng.random() < 0.4,
        }
        self._case(agency, common, decided, disposition, applications=self._applications(agency, received))
        co_defend = route == "after_review" and disposition == "claim_rejected" and agency.parent is not None
        if co_defend and self.rng.random() < CO_DEFENDANT_SHARE:
            self._case(
                agency.parent, {**common, "role": "co_defendant"}, decided, disposition, applications=[]
            )

    def _case(self, agency, common, decided: dt.date, disposition: str, *, applications) -> None:
        received = common["received_on"]
        case = services.register_appeal(
            agency, **common, applications=applications, actor=self.actor, clock=_clock(received)
        )
        late = self.rng.random() < 0.03
        replied = (
            case.reply_due + dt.timedelta(days=1)
            if late
            else received + dt.timedelta(days=self.rng.randint(1, 6))
        )
        replied = min(replied, decided)
        case = services.record_reply_submitted(case, on=replied, actor=self.actor, clock=_clock(replied))
        case = services.record_decision(
            case, disposition=disposition, decided_on=decided, actor=self.actor, clock=_clock(decided)
        )
        if disposition in ("revoked", "ordered_to_perform") and common.get("role") != "co_defendant":
            self._redo(case, decided)

    def _redo(self, case: AppealCase, decided: dt.date) -> None:
        ordered = decided + dt.timedelta(days=3)
        follow_up = services.order_follow_up(
            case, kind="redo", ordered_on=ordered, actor=self.actor, clock=_clock(ordered)
        )
        done = ordered + dt.timedelta(days=self.rng.randint(5, 25))
        services.record_follow_up_done(
            follow_up, on=done, note=data.REDONE, actor=self.actor, clock=_clock(done)
        )


def write_appeals(
    target_cells: Mapping[str, int | None], year: int, agencies: Sequence[Agency], rng: random.Random
) -> int:
    """Write the cases of ``year`` so that its table 4 equals ``target_cells``; the number written (co-defendant
    records included). Nothing is written when the year already has cases."""
    if AppealCase.objects.filter(received_on__year=year).exists():
        return 0
    writer = _Writer(year, agencies, rng)
    plan = [
        (group, column)
        for group in APPEAL_GROUP_KEYS
        for column in APPEAL_COLUMN_KEYS[:4]
        for _ in range(int(target_cells.get(appeal_address(group, column)) or 0))
    ]
    rng.shuffle(plan)
    before = AppealCase.objects.count()
    for group, column in plan:
        writer.write(group, column)
    return AppealCase.objects.count() - before
