"""入库: the staff page importing existing documents, and the file template (included at /staff/library/import/)."""

from django.urls import path

from . import import_views

app_name = "publications_import"
urlpatterns = [
    path("", import_views.import_page, name="import"),
    path("template.<slug:fmt>", import_views.template_download, name="template"),
]
