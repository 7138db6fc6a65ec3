from django.urls import path

from . import interpretation_views, statistics_views, views

app_name = "publications"
urlpatterns = [
    path("", views.library, name="library"),
    path("new/", views.new, name="new"),
    path("statistics/", statistics_views.statistics, name="statistics"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/file/", views.text_file, name="file"),
    path("<int:pk>/attachments/<int:file_pk>/", views.attachment, name="attachment"),
    # 政策解读 of the document
    path("<int:pk>/interpretations/new/", interpretation_views.edit, name="interpretation_new"),
    path(
        "<int:pk>/interpretations/<int:interp_pk>/edit/",
        interpretation_views.edit,
        name="interpretation_edit",
    ),
    path(
        "<int:pk>/interpretations/<int:interp_pk>/sign/",
        interpretation_views.sign,
        name="interpretation_sign",
    ),
    path(
        "<int:pk>/interpretations/<int:interp_pk>/publish/",
        interpretation_views.publish,
        name="interpretation_publish",
    ),
    path(
        "<int:pk>/interpretations/<int:interp_pk>/file/",
        interpretation_views.file,
        name="interpretation_file",
    ),
    path("<int:pk>/<slug:key>/", views.step, name="step"),
]
