from django.urls import path

from . import statistics_views, views

app_name = "publications"
urlpatterns = [
    path("", views.library, name="library"),
    path("new/", views.new, name="new"),
    path("statistics/", statistics_views.statistics, name="statistics"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/file/", views.text_file, name="file"),
    path("<int:pk>/attachments/<int:file_pk>/", views.attachment, name="attachment"),
    path("<int:pk>/<slug:key>/", views.step, name="step"),
]
