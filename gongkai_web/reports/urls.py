from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("table3/", views.table3, name="table3"),
    path(
        "table3/<slug:code>/<slug:scope>/<int:year>.<slug:fmt>", views.table3_download, name="table3_download"
    ),
]
