from django.urls import path

from . import public_views

app_name = "supervision_public"
urlpatterns = [
    path("complain/", public_views.complain, name="complain"),
    path("complaints/", public_views.lookup, name="lookup"),
    path("complaints/<str:code>/", public_views.status, name="status"),
]
