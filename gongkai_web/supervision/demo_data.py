"""Demo supervision (a data module, docs/i18n.md §3), loaded by ``manage.py load_demo`` after the Q&A
library: the city 政务公开办's task list for the year with tasks in every state (overdue, at risk,
evidence waiting for acceptance, closed); 江北区's 政务公开办's own list (a task to 王五's 住建委, its
evidence waiting for the district office's acceptance); two complaints, one open (about 住建委: routed
to the district office), one replied (about a 渝中区 street office: the city office's); the city
office's training sessions of the year; and the standing rules run over the demo's records, each
finding in the nearest office's standing plan. ``simulate_demo`` runs the rules over the simulated year
as of its last day. Everything goes through the services staff and the public use."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User

from gongkai import evaluation as core
from gongkai import workdays
from gongkai_web.agencies.models import Agency
from gongkai_web.clocks import FixedClock

from . import services
from .rules import RunResult, run_rules
from .services import evaluations
from .services.training import record_training

SHANGHAI = dt.timezone(dt.timedelta(hours=8))

#: (agency code, task, owner, due: working days from today (negative: past), measure, evidence, state)
TASKS = [
    (
        "jb-zjw",
        "公开保障性住房分配结果",
        "住房保障科科长",
        -8,
        "分配结果在政府网站专栏公开",
        "公开页面链接及截图",
        "issued",
    ),
    (
        "yz-jw",
        "完善教育领域基层政务公开标准目录",
        "办公室主任",
        3,
        "对照国家标准指引逐项梳理",
        "更新后的目录",
        "issued",
    ),
    (
        "cq-czj",
        "公开上年度部门决算",
        "预算处处长",
        15,
        "按统一格式公开决算报表和说明",
        "公开链接",
        "submitted",
    ),
    (
        "jb-zjw",
        "政策文件与解读同步发布",
        "办公室主任",
        10,
        "文件与解读同步报审、同步发布",
        "文件及解读链接",
        "closed",
    ),
    (
        "cq-czj",
        "更新政府信息公开指南",
        "办公室主任",
        40,
        "对照条例第十二条逐项核对",
        "更新后的指南链接",
        "issued",
    ),
]
EVIDENCE = {
    "cq-czj": ("lisi", "已在市财政局网站“部门决算”栏目公开决算报表及说明。"),
    "jb-zjw": ("wangwu", "已建立文件与解读同步报审机制，本年度文件均同步发布解读。"),
}
#: 江北区's 政务公开办 (吴十) runs a task list of its own for the district's departments: (office code, the
#: office's user, plan name after the year, and its tasks as in ``TASKS`` with the evidence submitted by
#: whom and in what words, "" for none).
DISTRICT_PLAN = (
    "jb",
    "wushi",
    "年江北区政务公开重点工作任务清单",
    [
        (
            "jb-zjw",
            "老旧小区改造项目信息公开",
            "城市更新科科长",
            12,
            "在区住建委网站公开改造项目清单、实施方案和进度",
            "公开栏目链接及更新记录",
            (
                "wangwu",
                "已在区住建委网站开设“老旧小区改造”专栏，公开本年度改造项目清单、实施方案，每月更新进度。",
            ),
        ),
    ],
)
#: (agency code, kind, text, name, contact, reply or "")
COMPLAINTS = [
    (
        "jb-zjw",
        "complaint",
        "本人申请公开某小区建设工程规划许可信息，超过20个工作日仍未收到答复。",
        "孙八",
        "13900001234",
        "",
    ),
    (
        "yz-jfb",
        "report",
        "街道政务公开栏长期未更新，低保审核结果未按规定公示。",
        "",
        "13700005678",
        "经核查，街道政务公开栏未及时更新属实，已责令立即更新并公示低保审核结果，"
        "并将此事纳入年度政务公开工作考核。",
    ),
]

#: (days before today, title, attending agency codes, attendees, people, materials) — the seed's office
#: trains the districts' and departments' staff (290 sessions a year); the demo has four of the city's.
TRAINING = [
    (
        60,
        "政府信息公开条例及依申请公开答复规范专题培训",
        ("cq-czj", "yz", "jb", "jb-zjw"),
        86,
        "各区政务公开办、市级部门信息公开工作人员",
        "《依申请公开答复文书示范文本》讲义",
    ),
    (
        35,
        "基层政务公开标准化规范化工作推进会",
        ("yz", "yz-jw", "yz-jfb", "jb"),
        54,
        "区政务公开办、街道办事处政务公开专干",
        "",
    ),
    (
        20,
        "政策解读与主动公开事项目录编制培训",
        ("cq-czj", "jb-zjw", "yz-jw"),
        41,
        "",
        "解读形式与发布时限要点",
    ),
    (3, "政府信息公开工作年度报告编制与勾稽校验培训", ("cq-czj", "yz", "jb"), 37, "", ""),
]


def _due(today: dt.date, working_days: int) -> dt.date:
    day = (
        workdays.add_working_days(today, working_days)
        if working_days >= 0
        else today - dt.timedelta(days=-working_days * 7 // 5 + 1)
    )
    return min(max(day, dt.date(today.year, 1, 1)), dt.date(today.year, 12, 31))  # within the plan's year


def load_supervision(users: dict[str, User], today: dt.date) -> None:
    office = Agency.objects.get(code="cq")
    zhaoliu = users["zhaoliu"]
    plan = services.create_plan(
        office, name=f"{today.year}年政务公开工作要点任务清单", year=today.year, actor=zhaoliu
    )
    for code, title, owner, days, measure, evidence, state in TASKS:
        task = services.issue_task(
            plan,
            Agency.objects.get(code=code),
            title=title,
            owner=owner,
            due_on=_due(today, days),
            measure=measure,
            evidence_required=evidence,
            actor=zhaoliu,
        )
        if state in ("submitted", "closed"):
            who, text = EVIDENCE[code]
            services.submit_evidence(task, text=text, actor=users[who])
        if state == "closed":
            services.accept_task(task, actor=zhaoliu)
    _district_plan(users, today)
    for number, (code, kind, text, name, contact, reply) in enumerate(COMPLAINTS):
        complaint, _created = services.submit_complaint(
            Agency.objects.get(code=code),
            kind=kind,
            text=text,
            name=name,
            contact=contact,
            token=f"demo-complaint-{number}",
        )
        if reply:
            services.reply_complaint(complaint, reply=reply, actor=zhaoliu)
    for days, title, codes, count, people, materials in TRAINING:
        record_training(
            office,
            held_on=max(today - dt.timedelta(days=days), dt.date(today.year, 1, 1)),  # within the year
            title=title,
            agencies=list(Agency.objects.filter(code__in=codes)),
            attendee_count=count,
            people=people,
            materials=materials,
            actor=zhaoliu,
        )
    run_rules(Agency.objects.all(), today)


def _district_plan(users: dict[str, User], today: dt.date) -> None:
    code, who, name, tasks = DISTRICT_PLAN
    actor = users[who]
    plan = services.create_plan(
        Agency.objects.get(code=code), name=f"{today.year}{name}", year=today.year, actor=actor
    )
    for agency_code, title, owner, days, measure, evidence, (submitter, text) in tasks:
        task = services.issue_task(
            plan,
            Agency.objects.get(code=agency_code),
            title=title,
            owner=owner,
            due_on=_due(today, days),
            measure=measure,
            evidence_required=evidence,
            actor=actor,
        )
        if text:
            services.submit_evidence(task, text=text, actor=users[submitter])


def supervise_simulated(city: Agency, agencies, year: int) -> tuple[RunResult, int]:
    """The standing rules over the simulated year's records, as the office would have run them on its
    last day (31 December): cases carried over and still open, replies without a stated basis; and the
    city office's evaluation of every agency below it under the standard indicator set, from the
    records (the reviewed indicators wait for a reviewer). Returns the rules' result and how many
    agencies were evaluated; each agency's report is rendered from its evaluation on request."""
    last = dt.date(year, 12, 31)
    clock = FixedClock(dt.datetime(year, 12, 31, 18, tzinfo=SHANGHAI))
    result = run_rules(agencies, last, clock=clock)
    the_set = evaluations.create_indicator_set(
        city,
        name=core.STANDARD_SET_NAME,
        year=year,
        indicators=core.CURRENT_STANDARD_INDICATORS,
        actor=None,
        clock=clock,
    )
    # Every agency below the city, load_demo's own among them (解放碑街道 is no agency of the hierarchy).
    below = list(Agency.objects.filter(path__startswith=city.path).exclude(pk=city.pk).order_by("path"))
    for agency in below:
        evaluations.evaluate_agency(the_set, agency, as_of=last, actor=None, clock=clock)
    return result, len(below)
