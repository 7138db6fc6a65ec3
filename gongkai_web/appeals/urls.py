"""Staff pages of 复议 and 诉讼 cases (``/staff/appeals/``)."""

from django.urls import path

from . import letters, report_views, views

app_name = "appeals"
urlpatterns = [
    path("", views.worklist, name="worklist"),
    path("new/", views.new, name="new"),
    path("table4/", report_views.table4, name="table4"),
    path("mapping/", report_views.mapping, name="mapping"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/decision/", views.decide, name="decide"),
    path("<int:pk>/follow-ups/", views.follow_up, name="follow_up"),
    path("<int:pk>/follow-ups/<int:follow_up_pk>/done/", views.follow_up_done, name="follow_up_done"),
    path("<int:pk>/filing.<str:fmt>", letters.letter, name="letter"),
]
