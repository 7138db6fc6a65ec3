from django.urls import path

from . import complaint_views, evaluation_views, guidance_views, sheet_views, training_views, views

app_name = "supervision"
urlpatterns = [
    path("", views.index, name="index"),
    path("plans/", views.plans, name="plans"),
    path("plans/<int:pk>/", views.plan, name="plan"),
    path("plans/<int:pk>/tasks.xlsx", sheet_views.export, name="export"),
    path("plans/<int:pk>/import/", sheet_views.import_tasks, name="import"),
    path("tasks/<int:pk>/", views.task, name="task"),
    path("tasks/<int:pk>/evidence/", views.submit_evidence, name="submit_evidence"),
    path("tasks/<int:pk>/accept/", views.accept, name="accept"),
    path("tasks/<int:pk>/return/", views.return_task, name="return"),
    path("evidence/<int:pk>/", views.evidence_file, name="evidence_file"),
    path("rules/", sheet_views.rule_list, name="rules"),
    path("rules/run/", sheet_views.run_rules, name="run_rules"),
    path("complaints/", complaint_views.complaints, name="complaints"),
    path("complaints/new/", complaint_views.new_complaint, name="complaint_new"),
    path("complaints/<int:pk>/", complaint_views.complaint, name="complaint"),
    path("complaints/<int:pk>/reply/", complaint_views.reply, name="complaint_reply"),
    path("complaints/<int:pk>/route/", complaint_views.route, name="complaint_route"),
    path("filings/", guidance_views.filings, name="filings"),
    path("guidance/", guidance_views.guidance_list, name="guidance_list"),
    path("guidance/drafts/<int:draft>/", guidance_views.guidance_new, name="guidance_new"),
    path("guidance/<int:pk>/", guidance_views.guidance, name="guidance"),
    path("guidance/<int:pk>/opinion/", guidance_views.opinion, name="guidance_opinion"),
    path("training/", training_views.training, name="training"),
    path("evaluations/", evaluation_views.evaluations, name="evaluations"),
    path("evaluations/<int:pk>/", evaluation_views.indicator_set, name="indicator_set"),
    path("evaluations/<int:pk>/evaluate/", evaluation_views.evaluate, name="evaluate"),
    path("evaluations/results/<int:pk>/", evaluation_views.evaluation, name="evaluation"),
    path(
        "evaluations/results/<int:pk>/report.<str:fmt>",
        evaluation_views.report,
        name="evaluation_report",
    ),
    path("evaluations/scores/<int:pk>/review/", evaluation_views.review_score, name="review_score"),
    path("evaluations/scores/<int:pk>/contest/", evaluation_views.contest, name="contest"),
    path("evaluations/contests/<int:pk>/decide/", evaluation_views.decide, name="decide_contest"),
]
