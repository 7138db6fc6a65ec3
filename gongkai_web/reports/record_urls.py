from django.urls import path

from . import record_views

app_name = "report_records"
urlpatterns = [
    path("records/", record_views.record_list, name="list"),
    path("records/new/", record_views.draft, name="draft"),
    path("records/<int:pk>/", record_views.detail, name="detail"),
    path("records/<int:pk>/draft.<slug:fmt>", record_views.draft_download, name="draft_download"),
    path("records/<int:pk>/narrative/", record_views.narrative, name="narrative"),
    path("records/<int:pk>/step/<slug:name>/", record_views.step, name="step"),
    path("records/<int:pk>/cells/<str:address>/", record_views.cell, name="cell"),
]
