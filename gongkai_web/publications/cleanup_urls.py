"""规范性文件清理 pages (included at /staff/library/cleanups/)."""

from django.urls import path

from . import cleanup_views

app_name = "publications_cleanup"
urlpatterns = [
    path("", cleanup_views.cleanups, name="list"),
    path("<int:pk>/", cleanup_views.detail, name="detail"),
    path("<int:pk>/items/<int:item>/", cleanup_views.decide, name="decide"),
    path("<int:pk>/close/", cleanup_views.close, name="close"),
    path("<int:pk>/<slug:which>.<slug:fmt>", cleanup_views.download, name="download"),
]
