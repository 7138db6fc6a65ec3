"""Access rows of the 复议 and 诉讼 pages (``/staff/appeals/``): agency A's staff read and act on A's cases;
the supervising office (赵六) reads its subtree's cases, table 4 and the mapping but acts on none; 王五 (agency
B) sees the list of his own agency (empty) and gets 404 on A's case; the applicant and the public get nothing."""

from __future__ import annotations

import datetime as dt

STAFF_LIST = {"anon": 302, "zhangsan": 404, "lisi": 200, "wangwu": 200, "zhaoliu": 200, "qianqi": 200}
STAFF_ONLY_A = {**STAFF_LIST, "wangwu": 404}
ACTING_A = {**STAFF_ONLY_A, "zhaoliu": 404}

EXPECTED = {
    "appeals:worklist": ("/staff/appeals/", STAFF_LIST),
    "appeals:new": ("/staff/appeals/new/", {**STAFF_LIST, "zhaoliu": 404}),
    "appeals:table4": ("/staff/appeals/table4/?year=2025", STAFF_LIST),
    "appeals:mapping": ("/staff/appeals/mapping/", STAFF_LIST),
    "appeals:detail": ("/staff/appeals/{appeal_a}/", STAFF_ONLY_A),
    # The filings name the applicant in full: the agency's own staff only.
    "appeals:letter": ("/staff/appeals/{appeal_a}/filing.docx", ACTING_A),
}
#: An empty form comes back with its errors (400) for A's staff; everyone else is 404 (or the login page).
POSTS = {
    "appeals:reply": ("/staff/appeals/{appeal_a}/reply/", {**ACTING_A, "lisi": 400, "qianqi": 400}),
    "appeals:decide": ("/staff/appeals/{appeal_a}/decision/", {**ACTING_A, "lisi": 400, "qianqi": 400}),
    "appeals:follow_up": ("/staff/appeals/{appeal_a}/follow-ups/", {**ACTING_A, "lisi": 400, "qianqi": 400}),
    "appeals:follow_up_done": (
        "/staff/appeals/{appeal_a}/follow-ups/{follow_up_a}/done/",
        {**ACTING_A, "lisi": 400, "qianqi": 400},
    ),
}


def keys(world, template: str) -> dict:
    if "{appeal_a}" not in template:
        return {}
    from gongkai_web.appeals.models import AppealCase

    from ..appeals_world import make_case

    case = AppealCase.objects.filter(agency=world.a).first() or make_case(world)
    values = {"appeal_a": case.pk}
    if "{follow_up_a}" in template:
        from gongkai_web.appeals.services import order_follow_up

        from ..fixtures import clock_at

        found = case.follow_ups.first() or order_follow_up(
            case,
            kind="correction_report",
            ordered_on=dt.date(2025, 10, 9),
            actor=world.lisi,
            clock=clock_at(dt.date(2025, 10, 9)),
        )
        values["follow_up_a"] = found.pk
    return values
