"""The public Q&A library and the ask form (``/qa/``)."""

from django.urls import path

from . import public_views as views

app_name = "qa_public"
urlpatterns = [
    path("", views.library, name="library"),
    path("ask/", views.ask, name="ask"),
    path("ask/<str:code>/", views.receipt, name="receipt"),
    path("<int:pk>/", views.entry, name="entry"),
]
