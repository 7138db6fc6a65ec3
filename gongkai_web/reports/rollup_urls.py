from django.urls import path

from . import rollup_views

app_name = "rollup"
urlpatterns = [
    path("", rollup_views.index, name="index"),
    path("<slug:code>/<int:year>/", rollup_views.page, name="page"),
    path("<slug:code>/<int:year>/imported/", rollup_views.imported, name="imported"),
    path("<slug:code>/<int:year>/imported/<int:pk>/file", rollup_views.imported_file, name="imported_file"),
]
