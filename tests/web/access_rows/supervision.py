"""Access rows of supervision (task lists, standing rules, complaints, 备案 and 靠前指导, evaluations,
training). 赵六 is the district office of A's district: he issues, accepts, runs the rules and handles
complaints; A's staff (李四, 钱七) read their tasks and submit evidence, and see complaints about A with
the complainant masked; 王五 (agency B, another district) sees nothing of A's; the public has the
complaint form and the look-up by code.

Two more personas, in the world of ``supervision_world.widen`` (a city above both districts; run by
test_supervision_access.py, test_access.py runs the six above): ``city``, the city office, sees and acts
on its whole tree, A's district included; ``evaluator``, the third party the district office engaged,
gets the district's evaluations (reads them, scores the reviewed indicators) and 404 on everything
else. ``OTHER_DISTRICT`` gives the rows of the object pages on B's items (the city's plan and task for
B, a complaint about B, B's risky draft, the city's evaluation of B), where 赵六 and the evaluator get
404."""

from __future__ import annotations

import datetime as dt

PERSONAS = ("anon", "zhangsan", "lisi", "wangwu", "zhaoliu", "qianqi", "city", "evaluator")
PUBLIC = dict.fromkeys(PERSONAS, 200)
STAFF = {
    "anon": 302,
    "zhangsan": 404,
    "lisi": 200,
    "wangwu": 200,
    "zhaoliu": 200,
    "qianqi": 200,
    "city": 200,
    "evaluator": 404,
}
A_AND_OFFICE = {**STAFF, "wangwu": 404}
OFFICE_ONLY = {**dict.fromkeys(PERSONAS, 404), "anon": 302, "zhaoliu": 200, "city": 200}
#: The district's evaluations: the evaluator it engaged reads them too.
EVALUATED = {**A_AND_OFFICE, "evaluator": 200}

EXPECTED = {
    "supervision:index": ("/staff/supervision/", STAFF),
    "supervision:plans": ("/staff/supervision/plans/", STAFF),
    "supervision:plan": ("/staff/supervision/plans/{sv_plan_a}/", A_AND_OFFICE),
    "supervision:export": ("/staff/supervision/plans/{sv_plan_a}/tasks.xlsx", A_AND_OFFICE),
    "supervision:task": ("/staff/supervision/tasks/{sv_task_a}/", A_AND_OFFICE),
    "supervision:evidence_file": ("/staff/supervision/evidence/{sv_file_a}/", A_AND_OFFICE),
    "supervision:rules": ("/staff/supervision/rules/", OFFICE_ONLY),
    "supervision:complaints": ("/staff/supervision/complaints/", STAFF),
    "supervision:complaint_new": ("/staff/supervision/complaints/new/", OFFICE_ONLY),
    # A's staff read the complaint about A (the complainant masked); the office handles it.
    "supervision:complaint": ("/staff/supervision/complaints/{sv_complaint_a}/", A_AND_OFFICE),
    "supervision:filings": ("/staff/supervision/filings/", STAFF),
    "supervision:guidance_list": ("/staff/supervision/guidance/", STAFF),
    # A's open risky draft: A's working staff send it (李四, 钱七); the office answers, it does not send.
    "supervision:guidance_new": (
        "/staff/supervision/guidance/drafts/{sv_draft_a}/",
        {**A_AND_OFFICE, "zhaoliu": 404, "city": 404},
    ),
    "supervision:guidance": ("/staff/supervision/guidance/{sv_guidance_a}/", A_AND_OFFICE),
    "supervision:evaluations": ("/staff/supervision/evaluations/", {**STAFF, "evaluator": 200}),
    "supervision:indicator_set": ("/staff/supervision/evaluations/{sv_set_a}/", EVALUATED),
    "supervision:evaluation": ("/staff/supervision/evaluations/results/{sv_evaluation_a}/", EVALUATED),
    "supervision:evaluation_report": (
        "/staff/supervision/evaluations/results/{sv_evaluation_a}/report.docx",
        EVALUATED,
    ),
    # Training: every staff member reads the sessions in scope (the office its subtree's, an agency's
    # staff those it attended; 王五 an empty list); the public nothing.
    "supervision:training": ("/staff/supervision/training/", STAFF),
    "supervision_public:complain": ("/supervision/complain/", PUBLIC),
    "supervision_public:lookup": ("/supervision/complaints/", PUBLIC),
    "supervision_public:status": ("/supervision/complaints/{sv_complaint_code_a}/", PUBLIC),
}
#: An empty form comes back with its errors (400) to those who may act; others 404.
POSTS = {
    "supervision:import": (
        "/staff/supervision/plans/{sv_plan_a}/import/",
        {**OFFICE_ONLY, "zhaoliu": 400, "city": 400},
    ),
    "supervision:submit_evidence": (
        "/staff/supervision/tasks/{sv_task_a}/evidence/",
        {**dict.fromkeys(PERSONAS, 404), "anon": 302, "lisi": 400, "qianqi": 400},
    ),
    # The task in the fixture has evidence waiting: accepting is the office's (back to the task: 302).
    "supervision:accept": (
        "/staff/supervision/tasks/{sv_task_a}/accept/",
        {**OFFICE_ONLY, "zhaoliu": 302, "city": 302},
    ),
    "supervision:return": (
        "/staff/supervision/tasks/{sv_task_a}/return/",
        {**OFFICE_ONLY, "zhaoliu": 400, "city": 400},
    ),
    "supervision:run_rules": ("/staff/supervision/rules/run/", {**OFFICE_ONLY, "zhaoliu": 302, "city": 302}),
    "supervision:complaint_reply": (
        "/staff/supervision/complaints/{sv_complaint_a}/reply/",
        {**OFFICE_ONLY, "zhaoliu": 400, "city": 400},
    ),
    "supervision:guidance_opinion": (
        "/staff/supervision/guidance/{sv_guidance_a}/opinion/",
        {**OFFICE_ONLY, "zhaoliu": 400, "city": 400},
    ),
    # Evaluating and deciding are the office's; scoring a reviewed indicator the office's and its
    # evaluator's; contesting the evaluated agency's working staff's.
    "supervision:evaluate": (
        "/staff/supervision/evaluations/{sv_set_a}/evaluate/",
        {**OFFICE_ONLY, "zhaoliu": 302, "city": 302},
    ),
    "supervision:review_score": (
        "/staff/supervision/evaluations/scores/{sv_review_score_a}/review/",
        {**OFFICE_ONLY, "zhaoliu": 400, "city": 400, "evaluator": 400},
    ),
    "supervision:contest": (
        "/staff/supervision/evaluations/scores/{sv_review_score_a}/contest/",
        {**dict.fromkeys(PERSONAS, 404), "anon": 302, "lisi": 400, "qianqi": 400},
    ),
    "supervision:decide_contest": (
        "/staff/supervision/evaluations/contests/{sv_contest_a}/decide/",
        {**OFFICE_ONLY, "zhaoliu": 400, "city": 400},
    ),
    # Only a supervising office records a session (an empty form: 400).
    "supervision:training": ("/staff/supervision/training/", {**OFFICE_ONLY, "zhaoliu": 400, "city": 400}),
    "supervision:complaint_route": (
        "/staff/supervision/complaints/{sv_complaint_a}/route/",
        {**OFFICE_ONLY, "zhaoliu": 302, "city": 302},
    ),
}


def _other_district(row: dict) -> dict:
    """A row on A's item read on B's: the city office stands where the district office stood (B answers
    to the city), 王五 where A's handler 李四 stood; 赵六, A's staff and the evaluator see nothing."""
    return {
        **dict.fromkeys(PERSONAS, 404),
        "anon": row["anon"],
        "city": row["zhaoliu"],
        "wangwu": row["lisi"],
    }


#: The object pages on B's items: (url name, GET or POST) → {persona: status}.
OTHER_DISTRICT = {
    **{
        (name, "GET"): _other_district(EXPECTED[name][1])
        for name in EXPECTED
        if "{sv_" in EXPECTED[name][0] and name != "supervision_public:status"
    },
    **{(name, "POST"): _other_district(POSTS[name][1]) for name in POSTS if "{sv_" in POSTS[name][0]},
}


def _task(world, side):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai_web.applications.uploads import check_upload
    from gongkai_web.supervision import services
    from gongkai_web.supervision.models import Task

    found = Task.objects.filter(agency=side.agency).first()
    if found is None:
        plan = services.create_plan(
            side.office, name="2023年政务公开任务清单", year=2023, actor=side.office_user
        )
        found = services.issue_task(
            plan,
            side.agency,
            title="更新公开指南",
            owner="办公室主任",
            due_on=dt.date(2023, 6, 30),
            evidence_required="指南链接",
            actor=side.office_user,
        )
        upload = SimpleUploadedFile("截图.pdf", b"%PDF-1.4 shot", content_type="application/pdf")
        services.submit_evidence(
            found, text="已更新", files=[check_upload(upload, "evidence")], actor=side.handler
        )
    return found


def _complaint(world, side):
    from gongkai_web.supervision import services
    from gongkai_web.supervision.models import Complaint

    found = Complaint.objects.filter(agency=side.agency).first()
    if found is None:
        found, _created = services.submit_complaint(
            side.agency,
            kind="complaint",
            text="主动公开栏目长期未更新",
            contact="13800138000",
            token=f"access-rows-{side.agency.pk}",
        )
    return found


def _guidance(world, side):
    from gongkai_web.applications import services as application_services
    from gongkai_web.supervision import services
    from gongkai_web.supervision.models import GuidanceRequest

    draft = application_services.open_draft(side.app) or application_services.save_reply_draft(
        side.app, outcome="withheld_internal_affairs", reasons="内部事务信息", actor=side.handler
    )
    found = GuidanceRequest.objects.filter(draft_id=draft.pk).first()
    return draft, found or services.request_guidance(draft, actor=side.handler)


def _evaluation(world, side):
    from gongkai import evaluation as core
    from gongkai_web.supervision.models import Evaluation
    from gongkai_web.supervision.services import evaluations as services

    found = Evaluation.objects.filter(agency=side.agency).first()
    if found is None:
        the_set = services.create_indicator_set(
            side.office,
            name=core.STANDARD_SET_NAME,
            year=2025,
            indicators=core.STANDARD_INDICATORS,
            actor=side.office_user,
        )
        found = services.evaluate_agency(
            the_set, side.agency, as_of=dt.date(2025, 12, 31), actor=side.office_user
        )
        score = found.scores.get(indicator__code="B1")
        score = services.score_by_review(score, percent=60, evidence="栏目不全", actor=side.office_user)
        services.contest_score(score, reason="栏目已补齐", actor=side.handler)
    score = found.scores.get(indicator__code="B1")
    return found, score, score.contests.get()


def _side(world, other: bool):
    """A's items (the district office's) or B's (the city office's)."""
    import types

    if other:
        return types.SimpleNamespace(
            agency=world.b,
            office=world.city_gov,
            office_user=world.city,
            handler=world.wangwu,
            app=world.app_b,
        )
    return types.SimpleNamespace(
        agency=world.a, office=world.district, office_user=world.zhaoliu, handler=world.lisi, app=world.app_a
    )


def keys(world, template: str, *, other_district: bool = False) -> dict:
    side = _side(world, other_district)
    values: dict = {}
    if (
        "{sv_set_a}" in template
        or "{sv_evaluation_a}" in template
        or "score_a}" in template
        or "{sv_contest_a}" in template
    ):
        found, score, contest = _evaluation(world, side)
        values.update(
            sv_set_a=found.set_id,
            sv_evaluation_a=found.pk,
            sv_review_score_a=score.pk,
            sv_contest_a=contest.pk,
        )
    if "{sv_draft_a}" in template or "{sv_guidance_a}" in template:
        draft, found = _guidance(world, side)
        values.update(sv_draft_a=draft.pk, sv_guidance_a=found.pk)
    if "{sv_plan_a}" in template or "{sv_task_a}" in template or "{sv_file_a}" in template:
        found = _task(world, side)
        values.update(
            sv_plan_a=found.plan_id, sv_task_a=found.pk, sv_file_a=found.evidence.get().files.get().pk
        )
    if "{sv_complaint" in template:
        found = _complaint(world, side)
        values.update(sv_complaint_a=found.pk, sv_complaint_code_a=found.code)
    return values
