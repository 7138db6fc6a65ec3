"""Stable addresses of the public column (``/gk/<agency code>/…``), the site search and the 适老化 switch;
part of the portal's namespace (``portal/urls.py``)."""

from django.urls import path

from . import column_views as views
from . import report_views

urlpatterns = [
    path("search/", views.site_search, name="search"),
    path("care/", views.care, name="care"),
    path("gk/<slug:code>/", views.home, name="column"),
    path("gk/<slug:code>/guide/", views.guide, name="column_guide"),
    path("gk/<slug:code>/rules/", views.rules, name="column_rules"),
    path("gk/<slug:code>/catalogue/", views.catalogue, name="column_catalogue"),
    path("gk/<slug:code>/reports/", report_views.reports, name="column_reports"),
    path("gk/<slug:code>/reports/<int:year>/", report_views.report, name="column_report"),
    path(
        "gk/<slug:code>/reports/<int:year>/v<int:number>/",
        report_views.report_version,
        name="column_report_version",
    ),
    path(
        "gk/<slug:code>/reports/<int:year>/v<int:number>.<slug:fmt>",
        report_views.report_file,
        name="column_report_file",
    ),
    path("gk/<slug:code>/apply/", views.apply, name="column_apply"),
    path("gk/<slug:code>/documents/", views.documents, name="column_documents"),
    path("gk/<slug:code>/documents/<str:ref>/", views.document, name="column_document"),
    path("gk/<slug:code>/documents/<str:ref>/text/", views.text_file, name="column_text"),
    path(
        "gk/<slug:code>/documents/<str:ref>/interpretations/<int:interpretation_pk>/",
        views.interpretation_file,
        name="column_interpretation_file",
    ),
    path(
        "gk/<slug:code>/documents/<str:ref>/attachments/<int:file_pk>/",
        views.attachment,
        name="column_attachment",
    ),
]
