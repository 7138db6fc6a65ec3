"""Access rows of supervision (task lists, standing rules, complaints). 赵六 is the supervising office of
A's district: he issues, accepts, runs the rules and handles complaints; A's staff (李四, 钱七) read their
tasks and submit evidence, and see complaints about A with the complainant masked; 王五 (agency B,
another district) sees nothing of A's; the public has the complaint form and the look-up by code."""

from __future__ import annotations

import datetime as dt

PERSONAS = ("anon", "zhangsan", "lisi", "wangwu", "zhaoliu", "qianqi")
PUBLIC = dict.fromkeys(PERSONAS, 200)
STAFF = {"anon": 302, "zhangsan": 404, "lisi": 200, "wangwu": 200, "zhaoliu": 200, "qianqi": 200}
A_AND_OFFICE = {**STAFF, "wangwu": 404}
OFFICE_ONLY = {**dict.fromkeys(PERSONAS, 404), "anon": 302, "zhaoliu": 200}

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
        {**A_AND_OFFICE, "zhaoliu": 404},
    ),
    "supervision:guidance": ("/staff/supervision/guidance/{sv_guidance_a}/", A_AND_OFFICE),
    "supervision:evaluations": ("/staff/supervision/evaluations/", STAFF),
    "supervision:indicator_set": ("/staff/supervision/evaluations/{sv_set_a}/", A_AND_OFFICE),
    "supervision:evaluation": ("/staff/supervision/evaluations/results/{sv_evaluation_a}/", A_AND_OFFICE),
    "supervision:evaluation_report": (
        "/staff/supervision/evaluations/results/{sv_evaluation_a}/report.docx",
        A_AND_OFFICE,
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
        {**OFFICE_ONLY, "zhaoliu": 400},
    ),
    "supervision:submit_evidence": (
        "/staff/supervision/tasks/{sv_task_a}/evidence/",
        {**dict.fromkeys(PERSONAS, 404), "anon": 302, "lisi": 400, "qianqi": 400},
    ),
    # The task in the fixture has evidence waiting: accepting is the office's (back to the task: 302).
    "supervision:accept": ("/staff/supervision/tasks/{sv_task_a}/accept/", {**OFFICE_ONLY, "zhaoliu": 302}),
    "supervision:return": ("/staff/supervision/tasks/{sv_task_a}/return/", {**OFFICE_ONLY, "zhaoliu": 400}),
    "supervision:run_rules": ("/staff/supervision/rules/run/", {**OFFICE_ONLY, "zhaoliu": 302}),
    "supervision:complaint_reply": (
        "/staff/supervision/complaints/{sv_complaint_a}/reply/",
        {**OFFICE_ONLY, "zhaoliu": 400},
    ),
    "supervision:guidance_opinion": (
        "/staff/supervision/guidance/{sv_guidance_a}/opinion/",
        {**OFFICE_ONLY, "zhaoliu": 400},
    ),
    # Evaluating and deciding are the office's; contesting is the evaluated agency's working staff's.
    "supervision:evaluate": (
        "/staff/supervision/evaluations/{sv_set_a}/evaluate/",
        {**OFFICE_ONLY, "zhaoliu": 302},
    ),
    "supervision:review_score": (
        "/staff/supervision/evaluations/scores/{sv_review_score_a}/review/",
        {**OFFICE_ONLY, "zhaoliu": 400},
    ),
    "supervision:contest": (
        "/staff/supervision/evaluations/scores/{sv_review_score_a}/contest/",
        {**dict.fromkeys(PERSONAS, 404), "anon": 302, "lisi": 400, "qianqi": 400},
    ),
    "supervision:decide_contest": (
        "/staff/supervision/evaluations/contests/{sv_contest_a}/decide/",
        {**OFFICE_ONLY, "zhaoliu": 400},
    ),
    # Only the supervising office records a session (an empty form: 400).
    "supervision:training": ("/staff/supervision/training/", {**OFFICE_ONLY, "zhaoliu": 400}),
    "supervision:complaint_route": (
        "/staff/supervision/complaints/{sv_complaint_a}/route/",
        {**OFFICE_ONLY, "zhaoliu": 302},
    ),
}


def _task(world):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from gongkai_web.applications.uploads import check_upload
    from gongkai_web.supervision import services
    from gongkai_web.supervision.models import Task

    found = Task.objects.filter(agency=world.a).first()
    if found is None:
        plan = services.create_plan(
            world.district, name="2023年政务公开任务清单", year=2023, actor=world.zhaoliu
        )
        found = services.issue_task(
            plan,
            world.a,
            title="更新公开指南",
            owner="办公室主任",
            due_on=dt.date(2023, 6, 30),
            evidence_required="指南链接",
            actor=world.zhaoliu,
        )
        upload = SimpleUploadedFile("截图.pdf", b"%PDF-1.4 shot", content_type="application/pdf")
        services.submit_evidence(
            found, text="已更新", files=[check_upload(upload, "evidence")], actor=world.lisi
        )
    return found


def _complaint(world):
    from gongkai_web.supervision import services
    from gongkai_web.supervision.models import Complaint

    found = Complaint.objects.filter(agency=world.a).first()
    if found is None:
        found, _created = services.submit_complaint(
            world.a,
            kind="complaint",
            text="主动公开栏目长期未更新",
            contact="13800138000",
            token="access-rows",
        )
    return found


def _guidance(world):
    from gongkai_web.applications import services as application_services
    from gongkai_web.supervision import services
    from gongkai_web.supervision.models import GuidanceRequest

    draft = application_services.open_draft(world.app_a) or application_services.save_reply_draft(
        world.app_a, outcome="withheld_internal_affairs", reasons="内部事务信息", actor=world.lisi
    )
    found = GuidanceRequest.objects.filter(draft_id=draft.pk).first()
    return draft, found or services.request_guidance(draft, actor=world.lisi)


def _evaluation(world):
    from gongkai import evaluation as core
    from gongkai_web.supervision.models import Evaluation
    from gongkai_web.supervision.services import evaluations as services

    found = Evaluation.objects.filter(agency=world.a).first()
    if found is None:
        the_set = services.create_indicator_set(
            world.district,
            name=core.STANDARD_SET_NAME,
            year=2025,
            indicators=core.STANDARD_INDICATORS,
            actor=world.zhaoliu,
        )
        found = services.evaluate_agency(the_set, world.a, as_of=dt.date(2025, 12, 31), actor=world.zhaoliu)
        score = found.scores.get(indicator__code="B1")
        score = services.score_by_review(score, percent=60, evidence="栏目不全", actor=world.zhaoliu)
        services.contest_score(score, reason="栏目已补齐", actor=world.lisi)
    score = found.scores.get(indicator__code="B1")
    return found, score, score.contests.get()


def keys(world, template: str) -> dict:
    values: dict = {}
    if (
        "{sv_set_a}" in template
        or "{sv_evaluation_a}" in template
        or "score_a}" in template
        or "{sv_contest_a}" in template
    ):
        found, score, contest = _evaluation(world)
        values.update(
            sv_set_a=found.set_id,
            sv_evaluation_a=found.pk,
            sv_review_score_a=score.pk,
            sv_contest_a=contest.pk,
        )
    if "{sv_draft_a}" in template or "{sv_guidance_a}" in template:
        draft, found = _guidance(world)
        values.update(sv_draft_a=draft.pk, sv_guidance_a=found.pk)
    if "{sv_plan_a}" in template or "{sv_task_a}" in template or "{sv_file_a}" in template:
        found = _task(world)
        values.update(
            sv_plan_a=found.plan_id, sv_task_a=found.pk, sv_file_a=found.evidence.get().files.get().pk
        )
    if "{sv_complaint" in template:
        found = _complaint(world)
        values.update(sv_complaint_a=found.pk, sv_complaint_code_a=found.code)
    return values
