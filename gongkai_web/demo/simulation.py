"""Turn the core's plan of a year (``gongkai.simulate.plan_year``) into application records.

The plan fixes, per application, the applicant column, channel, receipt date, the report row of the
outcome (or open at year end) and the handling steps. This module only chooses the concrete agency,
the platform outcome code of that row, event dates and invented applicant details, and writes rows
with ``bulk_create``. It never writes a figure of table 3: the table is counted from these records by
``gongkai_web.reports.table3`` exactly as for real data.

Applications still open on 31 December of the simulated year are concluded in the next January, so
that the demo's worklists are not flooded with year-old overdue cases; they count as carried forward
all the same (format §3.3: open at the end of the year)."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from django.db import transaction

from gongkai.deadlines import (
    CONSULTATION_WORKDAYS,
    FEE_PAYMENT_WORKDAYS,
    MAX_EXTENSION_WORKDAYS,
    REPLY_WORKDAYS,
)
from gongkai.report.model import outcome_row_keys
from gongkai.simulate import PlannedApplication
from gongkai_web.agencies.models import Agency, Kind, OnlineReceipt
from gongkai_web.applications import codes
from gongkai_web.applications.models import Application, ApplicationEvent, EventKind, ReceiptRule, Status
from gongkai_web.applications.services import CHANNEL_RULES

BATCH = 2000
SHANGHAI = dt.timezone(dt.timedelta(hours=8))
#: Share of a year's applications by kind of agency (what published Chongqing reports suggest:
#: housing, land and social security departments of the districts receive the most).
KIND_WEIGHTS = {
    Kind.CITY_GOVERNMENT: 3.0,
    Kind.CITY_DEPARTMENT: 1.2,
    Kind.COUNTY_GOVERNMENT: 2.0,
    Kind.COUNTY_DEPARTMENT: 1.0,
    Kind.TOWNSHIP_GOVERNMENT: 0.25,
}
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何罗高林"
GIVEN = (
    "伟",
    "芳",
    "娜",
    "敏",
    "静",
    "强",
    "磊",
    "洋",
    "勇",
    "艳",
    "杰",
    "军",
    "涛",
    "明",
    "超",
    "霞",
    "平",
    "刚",
)
ORGANISATIONS = {
    "commercial": ("重庆{}建筑工程有限公司", "重庆{}商贸有限公司", "重庆{}房地产开发有限公司"),
    "research": ("重庆{}研究院",),
    "social_welfare": ("重庆{}公益服务中心",),
    "legal_services": ("重庆{}律师事务所",),
    "other_org": ("重庆{}村股份经济合作联合社",),
}
REQUESTS = (
    "本人房屋所在地块的征收补偿安置方案及批准文件",
    "2022年度区级一般公共预算执行情况",
    "某路段道路改造工程的立项批复",
    "辖区内公办幼儿园收费标准的核定文件",
    "本人社会保险缴费记录的相关政策依据",
    "某小区规划许可证及总平面图",
    "某企业环境影响评价批复文件",
    "农村集体土地征收的批复及公告",
    "城市更新项目的实施方案",
    "老旧小区改造项目资金使用情况",
)


@dataclass(frozen=True, slots=True)
class Simulated:
    applications: int
    events: int


def agency_weights(agencies: Sequence[Agency], rng: random.Random) -> list[float]:
    """Realistic, uneven load: a weight by kind times a heavy-tailed factor per agency."""
    return [KIND_WEIGHTS[Kind(a.kind)] * rng.paretovariate(2.5) for a in agencies if a.accepts_applications]


def outcome_codes_by_row() -> dict[str, list[str]]:
    """Platform outcome codes of each table-3 row, from the core's single outcome table."""
    from gongkai import outcomes

    return {row: [o.code for o in outcomes.outcomes_for_row(row)] for row in outcome_row_keys("2021")}


def write_plan(
    plan: Sequence[PlannedApplication],
    agencies: Sequence[Agency],
    rng: random.Random,
    *,
    add_workdays: Callable[[dt.date, int], dt.date],
    progress: Callable[[int], None] = lambda n: None,
) -> Simulated:
    """Write the plan as records in batches; ``progress`` is told how many plan entries are done."""
    accepting = [a for a in agencies if a.accepts_applications]
    weights = agency_weights(accepting, rng)
    chosen = rng.choices(accepting, weights=weights, k=len(plan))
    by_row = outcome_codes_by_row()
    used_codes = set(Application.objects.values_list("query_code", flat=True))
    secret_digest = ""  # simulated applicants have no query password: nothing opens them online
    written_apps = written_events = 0
    for start in range(0, len(plan), BATCH):
        builder = _Builder(rng, by_row, add_workdays, used_codes, secret_digest)
        rows = [
            builder.build(entry, agency)
            for entry, agency in zip(plan[start : start + BATCH], chosen[start : start + BATCH], strict=True)
        ]
        with transaction.atomic():
            Application.objects.bulk_create([app for app, _ in rows], batch_size=BATCH)
            events = [ApplicationEvent(application=app, **e) for app, evs in rows for e in evs]
            ApplicationEvent.objects.bulk_create(events, batch_size=BATCH)
        written_apps += len(rows)
        written_events += len(events)
        progress(written_apps)
    return Simulated(written_apps, written_events)


class _Builder:
    def __init__(self, rng, by_row, add_workdays, used_codes, secret_digest):
        self.rng, self.by_row, self.add_workdays = rng, by_row, add_workdays
        self.used_codes, self.secret_digest = used_codes, secret_digest

    def build(self, entry: PlannedApplication, agency: Agency) -> tuple[Application, list[dict]]:
        rng = self.rng
        received = entry.received_on
        concluded, outcome_row = entry.concluded_on, entry.outcome_row
        if concluded is None:  # open at year end: concluded early next year (see module docstring)
            concluded = dt.date(received.year + 1, 1, 15) + dt.timedelta(days=rng.randrange(30))
            outcome_row = rng.choice(("granted", "granted", "partly_granted", "unable.not_held"))
        events = list(self._steps(entry.steps, received, concluded, agency))
        last_step = max((e["on"] for e in events), default=received)
        # Keep the story ordered and lawful (a closure for want of correction or of payment only after
        # the period ran out, 条例第三十条), without leaving the calendar year the plan chose.
        not_before = max(
            [
                last_step,
                *(
                    dt.date.fromisoformat(e["data"][k])
                    for e in events
                    for k in ("correction_due", "payment_due")
                    if k in e["data"]
                    if outcome_row in {"other.no_correction", "other.no_fee"}
                ),
            ]
        )
        if not_before >= concluded:
            concluded = min(not_before + dt.timedelta(days=1), dt.date(concluded.year, 12, 31))
        outcome = rng.choice(self.by_row[outcome_row])
        withdrawn = outcome_row == "other.other"
        rule = CHANNEL_RULES[entry.channel]
        if entry.channel == "online" and agency.online_receipt == OnlineReceipt.AUTOMATIC:
            rule = ReceiptRule.ELECTRONIC_RECEIPT
        app = Application(
            agency=agency,
            query_code=self._code(),
            secret_digest=self.secret_digest,
            channel=entry.channel,
            arrived_at=dt.datetime.combine(received, dt.time(9 + rng.randrange(8)), tzinfo=SHANGHAI),
            received_on=received,
            receipt_rule=rule,
            status=Status.WITHDRAWN if withdrawn else Status.CLOSED,
            outcome=outcome,
            concluded_on=concluded,
            due_on=self.add_workdays(received, REPLY_WORKDAYS),
            **self._applicant(entry.applicant_column),
        )
        kind = EventKind.WITHDRAWN if withdrawn else EventKind.REPLIED
        data = {"reason": "申请人主动撤回"} if withdrawn else {"outcome": outcome, "reasons": ""}
        events = [
            {"kind": EventKind.SUBMITTED, "on": received, "data": {"channel": entry.channel}},
            {"kind": EventKind.RECEIPT_CONFIRMED, "on": received, "data": {"rule": rule}},
            *[e for e in events if e["on"] < concluded],
            {"kind": kind, "on": concluded, "data": data},
        ]
        return app, events

    def _steps(
        self, steps: tuple[str, ...], received: dt.date, concluded: dt.date, agency: Agency
    ) -> Iterator[dict]:
        """Events for the plan's steps, spread over the handling time in a lawful order."""
        day = received
        for step in steps:
            day = min(
                day + dt.timedelta(days=self.rng.randrange(1, 5)), max(concluded - dt.timedelta(days=1), day)
            )
            if step == "correction":
                due = self.add_workdays(day, agency.correction_period_days)
                yield {
                    "kind": EventKind.CORRECTION_REQUESTED,
                    "on": day,
                    "data": {
                        "items": ["请明确所需信息的名称、文号或者便于查询的其他特征性描述"],
                        "correction_due": due.isoformat(),
                        "second_round": False,
                    },
                }
            elif step == "corrected":
                yield {"kind": EventKind.CORRECTION_RECEIVED, "on": day, "data": {}}
            elif step == "consultation":
                third_party = self.rng.random() < 0.6
                yield {
                    "kind": EventKind.CONSULTATION_STARTED,
                    "on": day,
                    "data": {
                        "consultee_kind": "third_party" if third_party else "agency",
                        "consultee": "相关企业" if third_party else "重庆市规划和自然资源局",
                        "consultee_received_on": day.isoformat(),
                        "answer_due": self.add_workdays(day, CONSULTATION_WORKDAYS).isoformat(),
                    },
                }
                day = min(
                    day + dt.timedelta(days=self.rng.randrange(2, 10)),
                    max(concluded - dt.timedelta(days=1), day),
                )
                yield {
                    "kind": EventKind.CONSULTATION_ANSWERED,
                    "on": day,
                    "data": {
                        "position": "object" if third_party else "consent",
                        "deemed": "object" if third_party else "consent",
                        "reasons": "",
                    },
                }
            elif step == "fee":
                yield {
                    "kind": EventKind.FEE_NOTICE_SENT,
                    "on": day,
                    "data": {
                        "amount_yuan": 100,
                        "basis": "按件计收",
                        "applicant_received_on": day.isoformat(),
                        "payment_due": self.add_workdays(day, FEE_PAYMENT_WORKDAYS).isoformat(),
                    },
                }
            elif step == "extension":
                yield {
                    "kind": EventKind.EXTENSION_APPROVED,
                    "on": day,
                    "data": {
                        "workdays": MAX_EXTENSION_WORKDAYS,
                        "reason": "需要调取档案、核实信息",
                        "approver": "demo",
                    },
                }

    def _code(self) -> str:
        while True:
            code = "GK" + "".join(self.rng.choice(codes.ALPHABET) for _ in range(10))
            if code not in self.used_codes:
                self.used_codes.add(code)
                return code

    def _applicant(self, column: str) -> dict:
        rng = self.rng
        common = {
            "report_column": column,
            "phone": f"13{rng.randrange(10**9):09d}",
            "info_form": "electronic",
            "delivery_methods": ["email"],
            "description": rng.choice(REQUESTS),
        }
        if column == "natural_person":
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(("", *GIVEN))
            return {
                **common,
                "applicant_type": "citizen",
                "name": name,
                "id_type": "resident_id",
                "id_number": _resident_id(rng),
            }
        name = rng.choice(ORGANISATIONS[column]).format(
            rng.choice(("渝新", "巴渝", "山城", "两江", "嘉陵", "长江"))
        )
        return {**common, "applicant_type": "organisation", "name": name, "contact_name": "联系人"}


def _resident_id(rng: random.Random) -> str:
    """A made-up 居民身份证 number with a correct GB 11643 check digit (Chongqing area codes 500xxx)."""
    born = dt.date(1950, 1, 1) + dt.timedelta(days=rng.randrange(365 * 55))
    body = f"500{rng.randrange(100, 243):03d}{born:%Y%m%d}{rng.randrange(1000):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights, strict=True)) % 11]
