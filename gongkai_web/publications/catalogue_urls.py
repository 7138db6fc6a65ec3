"""URLs of the 主动公开事项目录 (``/staff/library/catalogue/``) and the 待公开 worklist (``/staff/library/due/``)."""

from django.urls import path

from . import catalogue_views as views

app_name = "catalogue"
urlpatterns = [
    path("catalogue/", views.index, name="index"),
    path("catalogue/items/<int:pk>/", views.item_detail, name="item"),
    path("catalogue/items/<int:pk>/edit/", views.edit_item, name="edit"),
    path("catalogue/items/<int:pk>/link/", views.link_document, name="link"),
    path("catalogue/items/<int:pk>/unlink/", views.unlink_document, name="unlink"),
    path("catalogue/items/<int:pk>/retire/", views.retire_item, name="retire"),
    path("catalogue/<str:code>/", views.agency_catalogue, name="agency"),
    path("catalogue/<str:code>/new/", views.add_item, name="add"),
    path("due/", views.due, name="due"),
]
