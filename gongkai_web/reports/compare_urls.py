from django.urls import path

from . import compare_views

app_name = "compare"
urlpatterns = [
    path("", compare_views.index, name="index"),
    path("<slug:code>/<int:year>/", compare_views.page, name="page"),
    path("<slug:code>/<int:year>.xlsx", compare_views.export, name="export"),
]
